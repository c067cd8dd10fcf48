//! Errors: one type for every front end, with permanent numeric codes.
//!
//! Codes are grouped in bands: 1xx policy parse, 2xx policy semantics, 3xx case input,
//! 4xx evaluation, 9xx internal. A code never changes meaning once released; retired
//! codes are listed in [`RETIRED_CODES`] and never reused.

use std::fmt;

use serde::Serialize;

/// Codes that were used once and must never be reused.
pub const RETIRED_CODES: &[u32] = &[];

/// What went wrong, as a stable number for C and Python.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[repr(u32)]
pub enum ErrorKind {
    /// A policy file is not valid TOML.
    PolicySyntax = 100,
    /// A policy file has the wrong shape (missing table, wrong type).
    PolicyShape = 101,
    /// A policy value is invalid (bad amount, bad date, unknown key, bad code).
    PolicyInvalid = 200,
    /// Two effective periods of one parameter overlap.
    PolicyOverlap = 201,
    /// A value has no citation, or cites a source that does not exist.
    PolicyCitation = 202,
    /// A region's parent is missing, or a region is defined twice.
    PolicyChain = 203,
    /// A policy directory could not be read.
    PolicyIo = 204,
    /// The case is not valid JSON.
    CaseSyntax = 300,
    /// A field has the wrong type, is missing, or is not part of the format.
    CaseShape = 301,
    /// A date does not exist or is out of range.
    InvalidDate = 310,
    /// An amount is negative or too large.
    InvalidAmount = 311,
    /// A record names a member that is not in the household.
    UnknownMember = 312,
    /// Two members or records share an id.
    DuplicateId = 313,
    /// The region code is unknown to the loaded policies.
    UnknownRegion = 314,
    /// A period ends before it starts, or does not cover whole months.
    InvalidPeriod = 315,
    /// A 身份证号 fails the GB 11643 check digit or format.
    IdNumberInvalid = 316,
    /// A 身份证号 encodes a birth date that differs from `birth_date`.
    IdNumberMismatch = 317,
    /// A value is out of its allowed range or inconsistent with another field.
    InvalidValue = 318,
    /// The household has no applicant, or more than one.
    ApplicantInvalid = 319,
    /// No policy covers the case's region on its date for a required parameter.
    NoPolicyForDate = 400,
    /// Arithmetic overflowed.
    Overflow = 401,
    /// A bug: an invariant did not hold, or a panic was caught at a boundary.
    Internal = 900,
}

impl ErrorKind {
    /// The permanent numeric code, shared by the C status and Python `.code`.
    pub const fn code(self) -> u32 {
        self as u32
    }

    /// Every kind, for registry tests and documentation.
    pub const ALL: &'static [ErrorKind] = &[
        Self::PolicySyntax,
        Self::PolicyShape,
        Self::PolicyInvalid,
        Self::PolicyOverlap,
        Self::PolicyCitation,
        Self::PolicyChain,
        Self::PolicyIo,
        Self::CaseSyntax,
        Self::CaseShape,
        Self::InvalidDate,
        Self::InvalidAmount,
        Self::UnknownMember,
        Self::DuplicateId,
        Self::UnknownRegion,
        Self::InvalidPeriod,
        Self::IdNumberInvalid,
        Self::IdNumberMismatch,
        Self::InvalidValue,
        Self::ApplicantInvalid,
        Self::NoPolicyForDate,
        Self::Overflow,
        Self::Internal,
    ];

    /// Short snake-case name, as serialized.
    pub const fn name(self) -> &'static str {
        match self {
            Self::PolicySyntax => "policy_syntax",
            Self::PolicyShape => "policy_shape",
            Self::PolicyInvalid => "policy_invalid",
            Self::PolicyOverlap => "policy_overlap",
            Self::PolicyCitation => "policy_citation",
            Self::PolicyChain => "policy_chain",
            Self::PolicyIo => "policy_io",
            Self::CaseSyntax => "case_syntax",
            Self::CaseShape => "case_shape",
            Self::InvalidDate => "invalid_date",
            Self::InvalidAmount => "invalid_amount",
            Self::UnknownMember => "unknown_member",
            Self::DuplicateId => "duplicate_id",
            Self::UnknownRegion => "unknown_region",
            Self::InvalidPeriod => "invalid_period",
            Self::IdNumberInvalid => "id_number_invalid",
            Self::IdNumberMismatch => "id_number_mismatch",
            Self::InvalidValue => "invalid_value",
            Self::ApplicantInvalid => "applicant_invalid",
            Self::NoPolicyForDate => "no_policy_for_date",
            Self::Overflow => "overflow",
            Self::Internal => "internal",
        }
    }
}

/// One problem: a kind, a message, and where it is (a case field path or a policy file and key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Problem {
    /// Stable error kind.
    pub kind: ErrorKind,
    /// Numeric code of `kind`.
    pub code: u32,
    /// Field path in the case (`members[2].birth_date`) or `file:key` in a policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Lowercase message without a trailing period; never holds a full 身份证号.
    pub message: String,
}

impl Problem {
    /// A problem at a path.
    pub fn at(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind,
            code: kind.code(),
            path: Some(path.into()),
            message: message.into(),
        }
    }

    /// A problem without a location.
    pub fn bare(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            code: kind.code(),
            path: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The error returned by every fallible operation: the first problem plus all the others.
///
/// Validation collects every problem it finds, so a user can fix a case or a policy file
/// in one pass; [`Error::problems`] lists them all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    problems: Box<[Problem]>,
}

impl Error {
    /// An error from a non-empty list of problems; an empty list becomes an internal error.
    pub fn from_problems(problems: Vec<Problem>) -> Self {
        if problems.is_empty() {
            return Self::new(Problem::bare(
                ErrorKind::Internal,
                "an error was raised without a problem",
            ));
        }
        Self {
            problems: problems.into_boxed_slice(),
        }
    }

    /// An error from one problem.
    pub fn new(problem: Problem) -> Self {
        Self {
            problems: vec![problem].into_boxed_slice(),
        }
    }

    /// An error of `kind` at `path`.
    pub fn at(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Problem::at(kind, path, message))
    }

    /// An error of `kind` without a location.
    pub fn bare(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::new(Problem::bare(kind, message))
    }

    /// The first (primary) problem.
    pub fn primary(&self) -> &Problem {
        // INVARIANT: constructors never build an empty list.
        match self.problems.first() {
            Some(p) => p,
            None => &INTERNAL_EMPTY,
        }
    }

    /// The kind of the primary problem.
    pub fn kind(&self) -> ErrorKind {
        self.primary().kind
    }

    /// The numeric code of the primary problem.
    pub fn code(&self) -> u32 {
        self.primary().code
    }

    /// The field path of the primary problem, if any.
    pub fn path(&self) -> Option<&str> {
        self.primary().path.as_deref()
    }

    /// Every problem, primary first.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

static INTERNAL_EMPTY: Problem = Problem {
    kind: ErrorKind::Internal,
    code: 900,
    path: None,
    message: String::new(),
};

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.primary(), f)?;
        let more = self.problems.len().saturating_sub(1);
        if more > 0 {
            write!(f, " (and {more} more)")?;
        }
        Ok(())
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let p = self.primary();
        let mut st = s.serialize_struct("Error", 5)?;
        st.serialize_field("code", &p.code)?;
        st.serialize_field("kind", &p.kind)?;
        st.serialize_field("path", &p.path)?;
        st.serialize_field("message", &p.message)?;
        st.serialize_field("problems", &self.problems)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_bands() {
        let mut seen = std::collections::HashSet::new();
        for k in ErrorKind::ALL {
            let c = k.code();
            assert!(seen.insert(c), "duplicate code {c}");
            assert!(!RETIRED_CODES.contains(&c), "retired code {c} reused");
            assert!(
                matches!(c, 100..=199 | 200..=299 | 300..=399 | 400..=499 | 900..=999),
                "code {c} outside the bands"
            );
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.name()));
        }
    }

    #[test]
    fn empty_problem_list_is_internal() {
        assert_eq!(Error::from_problems(vec![]).kind(), ErrorKind::Internal);
    }

    #[test]
    fn display_counts_the_rest() {
        let e = Error::from_problems(vec![
            Problem::at(ErrorKind::InvalidDate, "as_of", "bad"),
            Problem::at(ErrorKind::InvalidAmount, "incomes[0].amount", "neg"),
        ]);
        assert_eq!(e.to_string(), "as_of: bad (and 1 more)");
    }
}
