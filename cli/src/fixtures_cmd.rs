//! Fixture export and external-result checking, so the C, Java and Python front ends run the
//! same suite without parsing fixture files themselves.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use hedui_core::fixture::{self, LoadedFixture};

/// Prints two lines per case: the overrides array and the input, in suite order. A case
/// file that fails to load is exported as `[]` and `null` so later lines keep their place.
pub(crate) fn export(cases: &[LoadedFixture]) -> Result<ExitCode, String> {
    let mut o = std::io::stdout().lock();
    for lf in cases {
        let (ov, input) = match &lf.case {
            Ok(c) => (
                fixture::overrides_json(c),
                serde_json::to_string(&c.input).unwrap_or_else(|_| "null".into()),
            ),
            Err(_) => ("[]".to_owned(), "null".to_owned()),
        };
        writeln!(o, "{ov}\n{input}").map_err(|e| format!("error: {e}"))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads one JSON value per line; the count must match the suite.
pub(crate) fn read_results(path: &Path, expected: usize) -> Result<Vec<serde_json::Value>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("error: {}: {e}", path.display()))?;
    let values = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| format!("error: {} line {}: {e}", path.display(), i + 1))
        })
        .collect::<Result<Vec<serde_json::Value>, String>>()?;
    if values.len() != expected {
        return Err(format!(
            "error: {} has {} result lines for {expected} cases",
            path.display(),
            values.len()
        ));
    }
    Ok(values)
}
