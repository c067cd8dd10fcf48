//! The case contract: the household model, JSON decoding and validation.

pub mod decode;
pub mod id_number;
pub mod model;
pub mod validate;

pub use decode::decode_case;
pub use model::*;
