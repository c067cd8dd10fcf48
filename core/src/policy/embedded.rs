//! The shipped policy files, compiled in so the library works without a data directory.

/// `(file name, text)` of every file under `policies/`; a test checks the list is complete.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("000000.toml", include_str!("../../../policies/000000.toml")),
    (
        "36/360000.toml",
        include_str!("../../../policies/36/360000.toml"),
    ),
    (
        "36/360100.toml",
        include_str!("../../../policies/36/360100.toml"),
    ),
];
