//! The shipped policy files, compiled in so the library works without a data directory.

/// `(file name, text)` of every file under `policies/`; a test checks the list is complete.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("000000.toml", include_str!("../../../policies/000000.toml")),
    (
        "35/350000.toml",
        include_str!("../../../policies/35/350000.toml"),
    ),
    (
        "35/350100.toml",
        include_str!("../../../policies/35/350100.toml"),
    ),
    (
        "36/360000.toml",
        include_str!("../../../policies/36/360000.toml"),
    ),
    (
        "36/360100.toml",
        include_str!("../../../policies/36/360100.toml"),
    ),
    (
        "36/360103.toml",
        include_str!("../../../policies/36/360103.toml"),
    ),
    (
        "36/360700.toml",
        include_str!("../../../policies/36/360700.toml"),
    ),
    (
        "36/360724.toml",
        include_str!("../../../policies/36/360724.toml"),
    ),
    (
        "42/420000.toml",
        include_str!("../../../policies/42/420000.toml"),
    ),
    (
        "42/420100.toml",
        include_str!("../../../policies/42/420100.toml"),
    ),
    (
        "43/430000.toml",
        include_str!("../../../policies/43/430000.toml"),
    ),
    (
        "43/430100.toml",
        include_str!("../../../policies/43/430100.toml"),
    ),
    (
        "45/450000.toml",
        include_str!("../../../policies/45/450000.toml"),
    ),
    (
        "45/450100.toml",
        include_str!("../../../policies/45/450100.toml"),
    ),
];
