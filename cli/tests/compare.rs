//! `hedui compare` against `hedui score`: on a synthetic register, the comparison's totals
//! equal the sums of the per-household results scored under each policy separately.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn hedui(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_hedui"))
        .args(args)
        .output()
        .expect("hedui runs");
    assert!(
        o.status.success(),
        "hedui {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// "1234.56" → 123456 fen (amounts are written with two places).
fn fen(v: &Value) -> i64 {
    let s = v.as_str().unwrap();
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (y, f) = s.split_once('.').unwrap_or((s, "00"));
    let n = y.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap();
    if neg { -n } else { n }
}

/// Sum of a program's amounts and count of its eligible households in a score file.
fn totals(path: &Path, program: &str) -> (i64, u64, u64) {
    let text = std::fs::read_to_string(path).unwrap();
    let (mut amount, mut eligible, mut rows) = (0, 0, 0);
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["error_code"].is_null(), "{line}");
        rows += 1;
        if v[format!("{program}_status")] == "eligible" {
            eligible += 1;
        }
        if !v[format!("{program}_amount")].is_null() {
            amount += fen(&v[format!("{program}_amount")]);
        }
    }
    (amount, eligible, rows)
}

#[test]
fn compare_totals_equal_the_sums_of_score_under_each_policy() {
    let dir = std::env::temp_dir().join(format!("hedui-compare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let reg = dir.join("register");
    let d = |p: &str| dir.join(p).display().to_string();
    hedui(&[
        "synth",
        "--n",
        "3000",
        "--region",
        "360100",
        "--seed",
        "11",
        "--as-of",
        "2027-03-01",
        "--out",
        &reg.display().to_string(),
        "--formats",
        "parquet",
    ]);
    std::fs::write(
        dir.join("reform.toml"),
        "label = \"提标 2027 proposal\"\n[[override]]\nregion = \"360100\"\nkey = \"dibao.standard.urban\"\nvalue = \"850.00\"\nfrom = \"2027-01-01\"\n",
    )
    .unwrap();
    let input = reg.display().to_string();
    hedui(&["score", &input, "--out", &d("base.jsonl")]);
    hedui(&[
        "--reform",
        &d("reform.toml"),
        "score",
        &input,
        "--out",
        &d("reform.jsonl"),
    ]);
    let summary = hedui(&[
        "compare",
        "--reform",
        &d("reform.toml"),
        &input,
        "--json",
        &d("cmp.json"),
    ]);
    assert!(summary.contains("提标 2027 proposal"), "{summary}");
    let cmp: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cmp.json")).unwrap()).unwrap();
    assert_eq!(cmp["errors"], 0);
    for (i, program) in ["dibao", "near_dibao"].into_iter().enumerate() {
        let t = &cmp["totals"][i];
        assert_eq!(t["program"], program);
        let (before, eligible_before, rows) = totals(&dir.join("base.jsonl"), program);
        let (after, eligible_after, _) = totals(&dir.join("reform.jsonl"), program);
        assert_eq!(rows, 3000);
        assert_eq!(t["households"], 3000);
        assert_eq!(fen(&t["amount_before"]), before, "{program}");
        assert_eq!(fen(&t["amount_after"]), after, "{program}");
        assert_eq!(fen(&t["annual_change"]), 12 * (after - before));
        assert_eq!(t["eligible_before"], eligible_before);
        assert_eq!(t["eligible_after"], eligible_after);
    }
    // The proposal raises the urban standard: dibao costs more and nobody loses.
    assert!(fen(&cmp["totals"][0]["amount_change"]) > 0);
    assert_eq!(cmp["totals"][0]["losers"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `hedui sweep` against `hedui score`: each value's row equals the sums of a register
/// scored under a reform setting that value, and the first value (the standard in force,
/// 795.00 for urban Nanchang) equals the base policy.
#[test]
fn sweep_rows_equal_score_under_each_value() {
    let dir = std::env::temp_dir().join(format!("hedui-sweep-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let reg = dir.join("register");
    let d = |p: &str| dir.join(p).display().to_string();
    hedui(&[
        "synth",
        "--n",
        "1500",
        "--region",
        "360100",
        "--seed",
        "5",
        "--as-of",
        "2027-03-01",
        "--out",
        &reg.display().to_string(),
        "--formats",
        "parquet",
    ]);
    let input = reg.display().to_string();
    let table = hedui(&[
        "sweep",
        &input,
        "--key",
        "dibao.standard.urban",
        "--values",
        "795:895:50",
        "--region",
        "360100",
        "--json",
        &d("sweep.json"),
    ]);
    assert!(table.contains("dibao.standard.urban"), "{table}");
    let sweep: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sweep.json")).unwrap()).unwrap();
    let rows = sweep["rows"].as_array().unwrap();
    // Three values × two programs, values in order, programs in order within a value.
    assert_eq!(rows.len(), 6);
    hedui(&["score", &input, "--out", &d("base.jsonl")]);
    let mut previous = None;
    for (i, value) in ["795", "845", "895"].into_iter().enumerate() {
        let out = if value == "795" {
            dir.join("base.jsonl")
        } else {
            let reform = dir.join(format!("r{value}.toml"));
            std::fs::write(
                &reform,
                format!(
                    "[[override]]\nregion = \"360100\"\nkey = \"dibao.standard.urban\"\nvalue = \"{value}.00\"\n"
                ),
            )
            .unwrap();
            let out = dir.join(format!("r{value}.jsonl"));
            hedui(&[
                "--reform",
                &reform.display().to_string(),
                "score",
                &input,
                "--out",
                &out.display().to_string(),
            ]);
            out
        };
        for (j, program) in ["dibao", "near_dibao"].into_iter().enumerate() {
            let row = &rows[i * 2 + j];
            assert_eq!(row["value"], value);
            assert_eq!(row["program"], program);
            assert_eq!(row["households"], 1500);
            let (amount, eligible, n) = totals(&out, program);
            assert_eq!(n, 1500);
            assert_eq!(row["eligible"], eligible, "{program} at {value}");
            assert_eq!(fen(&row["amount"]), amount, "{program} at {value}");
            assert_eq!(fen(&row["annual"]), 12 * amount);
        }
        // A higher standard never lowers the dibao count or cost on the same register.
        let now = (
            rows[i * 2]["eligible"].as_u64().unwrap(),
            fen(&rows[i * 2]["amount"]),
        );
        if let Some((e, a)) = previous {
            assert!(now.0 >= e && now.1 > a, "{now:?} after {:?}", (e, a));
        }
        previous = Some(now);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
