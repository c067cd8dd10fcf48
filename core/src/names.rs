//! Wire names of the core's enums: one table per enum gives `as_str`, `FromStr`, `Display`
//! and `ALL`, and a test per enum checks that serde writes and reads exactly those names.
//!
//! Front ends parse and print enum values through these (`"near_dibao".parse::<Program>()`,
//! `Program::NearDibao.as_str()`), never through serde.

use std::fmt;

/// A text that is none of an enum's wire names.
///
/// Its message names the text (``unknown program `x`; known: dibao, near_dibao, …``), so it
/// suits command-line and API arguments; a front end reading household data reports the
/// field instead, without the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// What the names are of (`program`, `relation`).
    pub what: &'static str,
    /// The text given.
    pub given: String,
    /// Every wire name, in declaration order.
    pub known: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}`; known: {}",
            self.what,
            self.given,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Declares the wire-name table of a fieldless enum:
/// `wire_names!(Type, "what", test_module; Variant => "name", ...)`.
///
/// It defines `Type::ALL` and `Type::NAMES` (table order, kept as the declaration order),
/// `Type::as_str` (an exhaustive `match`, so a new variant without a name does not compile),
/// `FromStr` (error [`UnknownName`]) and `Display`, and a test module `test_module` checking
/// every variant against serde. `@serialize_only` skips the deserialization check for a type
/// that is only written.
macro_rules! wire_names {
    (@impl $ty:ident, $what:literal; $($v:ident => $s:literal),+ $(,)?) => {
        impl $ty {
            /// Every value, in the order of the wire-name table (the declaration order).
            pub const ALL: &'static [$ty] = &[$($ty::$v),+];

            /// The wire names of [`Self::ALL`], in the same order.
            pub const NAMES: &'static [&'static str] = &[$($s),+];

            /// The wire name, as serialized.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($ty::$v => $s),+
                }
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::names::UnknownName;

            /// Parses a wire name (exact, case-sensitive).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($s => Ok($ty::$v),)+
                    _ => Err($crate::names::UnknownName {
                        what: $what,
                        given: s.to_owned(),
                        known: Self::NAMES,
                    }),
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    (@serialize_only $ty:ident, $what:literal, $test:ident; $($body:tt)+) => {
        $crate::names::wire_names!(@impl $ty, $what; $($body)+);

        #[cfg(test)]
        mod $test {
            #[test]
            fn serde_as_str_and_from_str_agree() {
                $crate::names::check_written(super::$ty::ALL, super::$ty::as_str);
            }
        }
    };
    ($ty:ident, $what:literal, $test:ident; $($body:tt)+) => {
        $crate::names::wire_names!(@impl $ty, $what; $($body)+);

        #[cfg(test)]
        mod $test {
            #[test]
            fn serde_as_str_and_from_str_agree() {
                $crate::names::check_written(super::$ty::ALL, super::$ty::as_str);
                $crate::names::check_read(super::$ty::ALL, super::$ty::as_str);
            }
        }
    };
}

pub(crate) use wire_names;

/// Every value serializes to its name, parses back from it, and the names are distinct.
#[cfg(test)]
pub(crate) fn check_written<T>(all: &[T], as_str: fn(T) -> &'static str)
where
    T: Copy
        + fmt::Debug
        + fmt::Display
        + PartialEq
        + serde::Serialize
        + std::str::FromStr<Err = UnknownName>,
{
    let mut seen = std::collections::HashSet::new();
    for v in all {
        let name = as_str(*v);
        assert!(seen.insert(name), "{v:?}: name `{name}` used twice");
        assert_eq!(
            serde_json::to_value(v).ok(),
            Some(serde_json::Value::String(name.to_owned())),
            "{v:?}: serde and as_str disagree"
        );
        assert_eq!(name.parse::<T>().ok(), Some(*v), "{v:?}: from_str(as_str)");
        assert_eq!(v.to_string(), name, "{v:?}: Display and as_str");
    }
    let e = "no such name".parse::<T>().err();
    assert!(
        e.is_some_and(|e| e.known.len() == all.len() && e.given == "no such name"),
        "an unknown name is an error listing every name"
    );
}

/// Every name deserializes to its value.
#[cfg(test)]
pub(crate) fn check_read<T>(all: &[T], as_str: fn(T) -> &'static str)
where
    T: Copy + fmt::Debug + PartialEq + serde::de::DeserializeOwned,
{
    for v in all {
        let name = as_str(*v);
        let got: Option<T> = serde_json::from_value(serde_json::Value::String(name.into())).ok();
        assert_eq!(got, Some(*v), "{v:?}: serde cannot read `{name}`");
    }
}

#[cfg(test)]
mod tests {
    use crate::case::Program;

    #[test]
    fn unknown_name_lists_the_known_ones() {
        let e = "dibao2".parse::<Program>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown program `dibao2`; known: dibao, near_dibao, tekun, single_person, \
             temporary_relief, rigid_expenditure, price_subsidy"
        );
    }
}
