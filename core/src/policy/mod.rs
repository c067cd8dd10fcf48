//! Regional policy: TOML files keyed by GB/T 2260 code, inherited national → province →
//! city → county, every value effective-dated and cited.

pub mod adequacy;
mod embedded;
pub mod load;
pub mod reform;
pub mod registry;
pub mod set;
pub mod value;

pub use load::{Level, Region};
pub use reform::Reform;
pub use set::{Override, OverrideKind, Overrides, PolicySet, Resolved};
pub use value::{Citation, Entry, ParamValue, RawValue};

/// Names and texts of the policy files compiled into the library.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}
