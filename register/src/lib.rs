//! Registers for hedui: households as four related Arrow tables.
//!
//! - [`Register`] joins the households, members, incomes and assets tables on
//!   `household_id` and assembles each household as a [`hedui_core::case::Case`].
//! - [`ResultBuilder`] collects one [`ResultRow`] per household into the result table
//!   (status and amount per program, income figures, error columns).
//!
//! Column names follow the case JSON (a nested field becomes `parent_child`); the full list is
//! in `python/README.md`. The Python package and the `hedui` command share this crate, so a
//! register reads the same from pandas as from a Parquet file.
#![forbid(unsafe_code)]

mod columns;
pub mod compare;
#[cfg(feature = "files")]
pub mod input;
#[cfg(feature = "files")]
pub mod output;
mod register;
mod results;
#[cfg(feature = "files")]
pub mod score;
pub mod summary;
pub mod synth;
pub mod tables;

pub use register::Register;
pub use results::{MONEY_PRECISION, MONEY_SCALE, ResultBuilder, ResultRow, RowError};
pub use tables::{Tables, to_tables};
