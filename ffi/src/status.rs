//! Status codes: the core error codes plus a few that only the C boundary can produce.
//! Numbers never change meaning; a test checks they equal `hedui_core::ErrorKind::code`.

use hedui_core::ErrorKind;

/// Result of a fallible call. `HEDUI_STATUS_OK` is 0; other values equal the core error
/// codes (1xx policy syntax, 2xx policy semantics, 3xx case input, 4xx evaluation, 9xx
/// internal) or the boundary codes 1000–1002.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hedui_status {
    /// Success.
    Ok = 0,
    /// A policy file is not valid TOML.
    PolicySyntax = 100,
    /// A policy file has the wrong shape.
    PolicyShape = 101,
    /// A policy value is invalid.
    PolicyInvalid = 200,
    /// Two effective periods overlap.
    PolicyOverlap = 201,
    /// A value lacks a valid citation.
    PolicyCitation = 202,
    /// A region's parent is missing or a region is defined twice.
    PolicyChain = 203,
    /// A policy directory could not be read.
    PolicyIo = 204,
    /// The case is not valid JSON.
    CaseSyntax = 300,
    /// A field has the wrong type, is missing or unknown.
    CaseShape = 301,
    /// A date does not exist.
    InvalidDate = 310,
    /// An amount is negative or too large.
    InvalidAmount = 311,
    /// A record names an unknown member.
    UnknownMember = 312,
    /// Two members share an id.
    DuplicateId = 313,
    /// The region is unknown.
    UnknownRegion = 314,
    /// A period is reversed or not whole months.
    InvalidPeriod = 315,
    /// An identity number fails GB 11643.
    IdNumberInvalid = 316,
    /// An identity number's birth date differs from `birth_date`.
    IdNumberMismatch = 317,
    /// A value is out of range.
    InvalidValue = 318,
    /// No applicant, or more than one.
    ApplicantInvalid = 319,
    /// No policy for the date.
    NoPolicyForDate = 400,
    /// Arithmetic overflow.
    Overflow = 401,
    /// An internal error.
    Internal = 900,
    /// A required pointer argument was NULL.
    NullArgument = 1000,
    /// An input buffer is not valid UTF-8.
    InvalidUtf8 = 1001,
    /// A panic was caught at the boundary (a bug; please report it).
    Panic = 1002,
}

impl hedui_status {
    const TABLE: &'static [hedui_status] = &[
        Self::Ok,
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
        Self::NullArgument,
        Self::InvalidUtf8,
        Self::Panic,
    ];

    /// The status for a core error kind (an unmapped kind is `Internal`, caught by a test).
    pub(crate) fn from_kind(kind: ErrorKind) -> Self {
        let code = kind.code();
        Self::TABLE
            .iter()
            .copied()
            .find(|s| *s as u32 == code)
            .unwrap_or(Self::Internal)
    }
}

/// Which JSON Schema `hedui_schema` returns.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hedui_schema_kind {
    /// `hedui.case/1`, the household input.
    Household = 1,
    /// `hedui.outcome/1`.
    Outcome = 2,
    /// The fixture-case file format.
    Fixture = 3,
}

impl hedui_schema_kind {
    pub(crate) fn from_u32(v: u32) -> Option<Self> {
        match v {
            1 => Some(Self::Household),
            2 => Some(Self::Outcome),
            3 => Some(Self::Fixture),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_kind_has_a_status_with_the_same_number() {
        for k in ErrorKind::ALL {
            let s = hedui_status::from_kind(*k);
            assert_eq!(s as u32, k.code(), "{k:?}");
        }
        assert_eq!(hedui_status::TABLE.len(), ErrorKind::ALL.len() + 4);
    }
}
