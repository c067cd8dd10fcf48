//! Errors: one type for every front end, with permanent numeric codes.
//!
//! Codes are grouped in bands: 1xx policy parse, 2xx policy semantics, 3xx case input,
//! 4xx evaluation, 9xx internal, 10xx the boundaries (a NULL argument or invalid UTF-8 at the
//! C API, a panic caught by the C or Python bindings). This is the one list of codes: the C
//! `hedui_status` enum and the Python exception docs are generated from or checked against
//! [`ErrorKind::ALL`]. A code never changes meaning once released; retired
//! codes are listed in [`RETIRED_CODES`] and never reused.

use std::any::Any;
use std::fmt;

use serde::Serialize;

/// Codes that were used once and must never be reused.
pub const RETIRED_CODES: &[u32] = &[];

/// Declares [`ErrorKind`] from one list: every kind's code, name and one-line description,
/// so the enum, [`ErrorKind::ALL`], [`ErrorKind::name`] and [`ErrorKind::description`] cannot
/// disagree. The C status enum and the Python exception docs are checked against this list.
macro_rules! error_kinds {
    ($(#[doc = $doc:literal] $variant:ident = $code:literal, $name:literal;)+) => {
        /// What went wrong, as a stable number for C and Python.
        ///
        /// Each variant's doc line is its [`description`](ErrorKind::description).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
        #[non_exhaustive]
        #[repr(u32)]
        pub enum ErrorKind {
            $(
                #[doc = $doc]
                #[serde(rename = $name)]
                $variant = $code,
            )+
        }

        impl ErrorKind {
            /// Every kind in code order, for registry tests, the C header and documentation.
            pub const ALL: &'static [ErrorKind] = &[$(Self::$variant),+];

            /// Short snake-case name, as serialized (`"invalid_date"`).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)+
                }
            }

            /// One sentence saying what the kind means (the variant's doc line).
            pub const fn description(self) -> &'static str {
                match self {
                    $(Self::$variant => $doc.trim_ascii(),)+
                }
            }
        }
    };
}

error_kinds! {
    /// A policy file is not valid TOML.
    PolicySyntax = 100, "policy_syntax";
    /// A policy file has the wrong shape (missing table, wrong type).
    PolicyShape = 101, "policy_shape";
    /// A policy value is invalid (bad amount, bad date, unknown key, bad code).
    PolicyInvalid = 200, "policy_invalid";
    /// Two effective periods of one parameter overlap.
    PolicyOverlap = 201, "policy_overlap";
    /// A value has no citation, or cites a source that does not exist.
    PolicyCitation = 202, "policy_citation";
    /// A region's parent is missing, or a region is defined twice.
    PolicyChain = 203, "policy_chain";
    /// A policy directory could not be read.
    PolicyIo = 204, "policy_io";
    /// The case is not valid JSON.
    CaseSyntax = 300, "case_syntax";
    /// A field has the wrong type, is missing, or is not part of the format.
    CaseShape = 301, "case_shape";
    /// A date does not exist or is out of range.
    InvalidDate = 310, "invalid_date";
    /// An amount is negative or too large.
    InvalidAmount = 311, "invalid_amount";
    /// A record names a member that is not in the household.
    UnknownMember = 312, "unknown_member";
    /// Two members or records share an id.
    DuplicateId = 313, "duplicate_id";
    /// The region code is unknown to the loaded policies.
    UnknownRegion = 314, "unknown_region";
    /// A period ends before it starts, or does not cover whole months.
    InvalidPeriod = 315, "invalid_period";
    /// A 身份证号 fails the GB 11643 check digit or format.
    IdNumberInvalid = 316, "id_number_invalid";
    /// A 身份证号 encodes a birth date that differs from `birth_date`.
    IdNumberMismatch = 317, "id_number_mismatch";
    /// A value is out of its allowed range or inconsistent with another field.
    InvalidValue = 318, "invalid_value";
    /// The household has no applicant, or more than one.
    ApplicantInvalid = 319, "applicant_invalid";
    /// No policy covers the case's region on its date for a required parameter.
    NoPolicyForDate = 400, "no_policy_for_date";
    /// Arithmetic overflowed.
    Overflow = 401, "overflow";
    /// A bug: an invariant did not hold.
    Internal = 900, "internal";
    /// A required pointer argument was NULL (C boundary).
    NullArgument = 1000, "null_argument";
    /// An input buffer is not valid UTF-8 (C boundary).
    InvalidUtf8 = 1001, "invalid_utf8";
    /// A panic was caught at the boundary (a bug; please report it).
    Panic = 1002, "panic";
}

impl ErrorKind {
    /// The permanent numeric code, shared by the C status and Python `.code`.
    pub const fn code(self) -> u32 {
        self as u32
    }

    /// The kind with this code, if any.
    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.code() == code)
    }
}

/// One problem: a kind, a message, and where it is (a case field path or a policy file and key).
///
/// Serialized as `{"kind", "code", "path"?, "message"}`; `code` is always `kind`'s code
/// ([`Problem::code`]), so the two cannot disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Stable error kind.
    pub kind: ErrorKind,
    /// Field path in the case (`members[2].birth_date`) or `file:key` in a policy.
    pub path: Option<String>,
    /// Lowercase message without a trailing period; never holds a full 身份证号.
    pub message: String,
}

/// The wire shape of a [`Problem`], borrowed: the one place its fields and their order live.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "Problem")]
struct ProblemWire<'a> {
    /// Stable error kind.
    kind: ErrorKind,
    /// Numeric code of `kind`.
    code: u32,
    /// Field path in the case (`members[2].birth_date`) or `file:key` in a policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    /// Lowercase message without a trailing period; never holds a full 身份证号.
    message: &'a str,
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ProblemWire {
            kind: self.kind,
            code: self.code(),
            path: self.path.as_deref(),
            message: &self.message,
        }
        .serialize(s)
    }
}

impl schemars::JsonSchema for Problem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Problem".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ProblemWire::json_schema(generator)
    }
}

impl Problem {
    /// A problem at a path.
    pub fn at(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind,
            path: Some(path.into()),
            message: message.into(),
        }
    }

    /// A problem without a location.
    pub fn bare(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            path: None,
            message: message.into(),
        }
    }

    /// A panic caught at a C or Python boundary ([`ErrorKind::Panic`]), without a location.
    ///
    /// The message is `internal error: a panic was caught at the boundary`, followed by the
    /// panic's own message when its payload is a `&str` or a `String` (as `panic!` and
    /// `expect` produce). Nothing else of the payload is shown; hedui's own panic messages
    /// never hold case data.
    pub fn caught_panic(payload: &dyn Any) -> Self {
        const BASE: &str = "internal error: a panic was caught at the boundary";
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        Self::bare(
            ErrorKind::Panic,
            match what {
                Some(w) => format!("{BASE}: {w}"),
                None => BASE.to_owned(),
            },
        )
    }

    /// The numeric code of [`Problem::kind`].
    pub const fn code(&self) -> u32 {
        self.kind.code()
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

    /// A panic caught at a C or Python boundary: see [`Problem::caught_panic`].
    pub fn caught_panic(payload: &dyn Any) -> Self {
        Self::new(Problem::caught_panic(payload))
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
        self.primary().code()
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
        st.serialize_field("code", &p.code())?;
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
                matches!(
                    c,
                    100..=199 | 200..=299 | 300..=399 | 400..=499 | 900..=999 | 1000..=1099
                ),
                "code {c} outside the bands"
            );
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.name()));
            assert_eq!(ErrorKind::from_code(c), Some(*k));
            let d = k.description();
            assert!(d.ends_with('.') && !d.starts_with(' '), "{k:?}: {d:?}");
        }
        assert!(
            ErrorKind::ALL.windows(2).all(|w| w[0].code() < w[1].code()),
            "ALL is in code order"
        );
        assert_eq!(ErrorKind::from_code(0), None);
    }

    #[test]
    fn boundary_codes_are_permanent() {
        assert_eq!(ErrorKind::NullArgument.code(), 1000);
        assert_eq!(ErrorKind::InvalidUtf8.code(), 1001);
        assert_eq!(ErrorKind::Panic.code(), 1002);
        assert_eq!(ErrorKind::Panic.name(), "panic");
    }

    #[test]
    fn a_problem_serializes_its_code_after_its_kind() {
        let p = Problem::at(ErrorKind::InvalidDate, "as_of", "bad");
        assert_eq!(p.code(), 310);
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"kind":"invalid_date","code":310,"path":"as_of","message":"bad"}"#
        );
        assert_eq!(
            serde_json::to_string(&Problem::bare(ErrorKind::Overflow, "big")).unwrap(),
            r#"{"kind":"overflow","code":401,"message":"big"}"#
        );
        let e = Error::bare(ErrorKind::Overflow, "big");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":401,"kind":"overflow","path":null,"message":"big","problems":[{"kind":"overflow","code":401,"message":"big"}]}"#
        );
    }

    #[test]
    fn a_caught_panic_shows_only_a_string_payload() {
        let e = Error::caught_panic(&"deliberate panic");
        assert_eq!(e.kind(), ErrorKind::Panic);
        assert_eq!(e.code(), 1002);
        assert_eq!(e.path(), None);
        assert_eq!(
            e.primary().message,
            "internal error: a panic was caught at the boundary: deliberate panic"
        );
        let owned = Error::caught_panic(&String::from("index 3"));
        assert!(owned.primary().message.ends_with(": index 3"));
        let other = Error::caught_panic(&42_u32);
        assert_eq!(
            other.primary().message,
            "internal error: a panic was caught at the boundary"
        );
        let caught = std::panic::catch_unwind(|| panic!("from a closure")).unwrap_err();
        assert!(
            Error::caught_panic(caught.as_ref())
                .primary()
                .message
                .ends_with(": from a closure")
        );
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
