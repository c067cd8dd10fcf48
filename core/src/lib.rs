#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod calendar;
pub mod case;
pub mod decision;
mod engine;
pub mod error;
pub mod fixture;
pub mod money;
pub mod names;
pub mod outcome;
pub mod policy;
pub mod report;
pub mod rules;
pub mod schema;

pub use case::{Case, Program};
pub use decision::Decision;
pub use engine::{Engine, error_json};
pub use error::{Error, ErrorKind, Problem};
pub use outcome::{Outcome, Status};
pub use policy::{Override, PolicySet, RawValue, Reform};

/// The project README's Rust example runs as a doctest, so it cannot drift.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
