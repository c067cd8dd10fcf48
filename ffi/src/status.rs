//! Status codes: `HEDUI_STATUS_OK` and one status per `hedui_core::ErrorKind`, the boundary
//! codes 1000–1002 included. The enum is generated from the core's one list of kinds (code,
//! name and description); cbindgen then writes it into `include/hedui.h`.

use hedui_core::ErrorKind;

// BEGIN generated from `hedui_core::ErrorKind::ALL` (test `status_is_generated_from_core`);
// do not edit: `HEDUI_WRITE_STATUS=1 cargo test -p hedui-ffi --lib` rewrites it.
/// Result of a fallible call. `HEDUI_STATUS_OK` is 0; other values equal the core error
/// codes (1xx policy syntax, 2xx policy semantics, 3xx case input, 4xx evaluation, 9xx
/// internal, 10xx the boundary).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hedui_status {
    /// Success.
    Ok = 0,
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
    /// A bug: an invariant did not hold.
    Internal = 900,
    /// A required pointer argument was NULL (C boundary).
    NullArgument = 1000,
    /// An input buffer is not valid UTF-8 (C boundary).
    InvalidUtf8 = 1001,
    /// A panic was caught at the boundary (a bug; please report it).
    Panic = 1002,
}

impl hedui_status {
    /// Every status, `Ok` first, then in the order of `ErrorKind::ALL`.
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
}
// END generated

impl hedui_status {
    /// The status for a core error kind, found by code (an unmapped kind is `Internal`, which
    /// the tests below rule out).
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
    use std::fmt::Write as _;

    use super::*;

    const BEGIN: &str = "// BEGIN generated";
    const END: &str = "// END generated\n";

    /// The variant name of a kind: its snake-case name in CamelCase (`invalid_utf8` →
    /// `InvalidUtf8`), which cbindgen turns back into `HEDUI_STATUS_INVALID_UTF8`.
    fn variant(kind: ErrorKind) -> String {
        kind.name()
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// The generated block, as it must stand in this file.
    fn generated() -> String {
        let mut s = String::new();
        s.push_str(
            "// BEGIN generated from `hedui_core::ErrorKind::ALL` (test `status_is_generated_from_core`);\n\
             // do not edit: `HEDUI_WRITE_STATUS=1 cargo test -p hedui-ffi --lib` rewrites it.\n\
             /// Result of a fallible call. `HEDUI_STATUS_OK` is 0; other values equal the core error\n\
             /// codes (1xx policy syntax, 2xx policy semantics, 3xx case input, 4xx evaluation, 9xx\n\
             /// internal, 10xx the boundary).\n\
             #[repr(u32)]\n\
             #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
             pub enum hedui_status {\n    /// Success.\n    Ok = 0,\n",
        );
        for k in ErrorKind::ALL {
            let _ = writeln!(
                s,
                "    /// {}\n    {} = {},",
                k.description(),
                variant(*k),
                k.code()
            );
        }
        s.push_str(
            "}\n\nimpl hedui_status {\n    \
             /// Every status, `Ok` first, then in the order of `ErrorKind::ALL`.\n    \
             const TABLE: &'static [hedui_status] = &[\n        Self::Ok,\n",
        );
        for k in ErrorKind::ALL {
            let _ = writeln!(s, "        Self::{},", variant(*k));
        }
        s.push_str("    ];\n}\n");
        s.push_str(END);
        s
    }

    #[test]
    #[expect(
        clippy::disallowed_methods,
        reason = "the test rewrites the generated block on request, like build.rs the header"
    )]
    fn status_is_generated_from_core() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/status.rs");
        let current = std::fs::read_to_string(path).unwrap();
        let start = current.find(BEGIN).unwrap();
        let end = current.find(END).unwrap() + END.len();
        let want = generated();
        if current[start..end] == want {
            return;
        }
        if std::env::var("HEDUI_WRITE_STATUS").is_ok_and(|v| v == "1") {
            let fresh = format!("{}{want}{}", &current[..start], &current[end..]);
            std::fs::write(path, fresh).unwrap();
            return;
        }
        panic!(
            "ffi/src/status.rs is stale: run `HEDUI_WRITE_STATUS=1 cargo test -p hedui-ffi --lib`, \
             then `HEDUI_WRITE_HEADER=1 cargo build -p hedui-ffi`, and commit both"
        );
    }

    #[test]
    fn every_core_kind_has_a_status_with_the_same_number() {
        for k in ErrorKind::ALL {
            let s = hedui_status::from_kind(*k);
            assert_eq!(s as u32, k.code(), "{k:?}");
        }
        assert_eq!(hedui_status::TABLE.len(), ErrorKind::ALL.len() + 1);
        assert_eq!(
            hedui_status::from_kind(ErrorKind::Panic),
            hedui_status::Panic
        );
    }
}
