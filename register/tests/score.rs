//! `score` end to end on synthetic registers written as files: the three input formats agree,
//! rows keep their order across chunks and threads, a bad household fails alone, and a file
//! problem (an orphan or out-of-order child row) fails the run without a result file.
#![expect(clippy::unwrap_used, reason = "tests")]
#![expect(clippy::indexing_slicing, reason = "tests")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{ArrayRef, Int64Array, RecordBatch};
use arrow_select::concat::concat_batches;
use hedui_core::Engine;
use hedui_register::input::{FileError, InputReader};
use hedui_register::output::OutputWriter;
use hedui_register::score::{ScoreOptions, score};
use hedui_register::summary::Summary;
use hedui_register::synth::{Profile, SynthConfig, households};
use hedui_register::tables::{Tables, to_tables};
use rust_decimal::Decimal;
use serde_json::Value;

const N: u64 = 3_000;
/// Small chunks so every test crosses several chunk boundaries.
const CHUNK: usize = 700;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hedui-score-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn synth(engine: &Engine) -> (Vec<hedui_core::case::Case>, Tables) {
    let cfg = SynthConfig::new(
        engine,
        "360100",
        "2026-11-15".parse().unwrap(),
        3,
        Profile::Register,
    )
    .unwrap();
    let cases = households(&cfg, 0..N);
    let t = to_tables(&cases).unwrap();
    (cases, t)
}

fn write_table(dir: &Path, name: &str, ext: &str, batch: &RecordBatch) {
    let mut w = OutputWriter::create(&dir.join(format!("{name}.{ext}"))).unwrap();
    w.write(batch).unwrap();
    w.finish(batch).unwrap();
}

fn write_tables(dir: &Path, ext: &str, t: &Tables) {
    std::fs::create_dir_all(dir).unwrap();
    write_table(dir, "households", ext, &t.households);
    write_table(dir, "members", ext, &t.members);
    write_table(dir, "incomes", ext, &t.incomes);
    write_table(dir, "assets", ext, &t.assets);
}

fn run(engine: &Engine, input: &Path, out: &Path, threads: usize) -> Result<Summary, FileError> {
    let mut reader = InputReader::open_chunked(input, &[], CHUNK)?;
    let options = ScoreOptions {
        engine,
        programs: &[],
        threads,
    };
    score(
        &options,
        &mut reader,
        OutputWriter::create(out)?,
        &mut |_| {},
    )
}

fn rows(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A row with `household_id` as text, whatever the input's id type.
fn normal(mut v: Value) -> Value {
    if let Some(n) = v["household_id"].as_i64() {
        v["household_id"] = Value::String(n.to_string());
    }
    v
}

#[test]
fn formats_agree_and_rows_keep_their_order() {
    let engine = Engine::embedded().unwrap();
    let (cases, t) = synth(&engine);
    let dir = tmp("formats");
    write_tables(&dir.join("pq"), "parquet", &t);
    write_tables(&dir.join("csv"), "csv", &t);
    let jsonl = dir.join("cases.jsonl");
    let lines: Vec<String> = cases
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();

    let mut outputs = Vec::new();
    for (name, input) in [
        ("pq", dir.join("pq")),
        ("csv", dir.join("csv")),
        ("jsonl", jsonl),
    ] {
        let out = dir.join(format!("{name}-out.jsonl"));
        let s = run(&engine, &input, &out, 2).unwrap();
        assert_eq!(s.households, N, "{name}");
        let r: Vec<Value> = rows(&out).into_iter().map(normal).collect();
        assert_eq!(r.len() as u64, N, "{name}: rows in = rows out");
        for (i, row) in r.iter().enumerate() {
            assert_eq!(row["household_id"], Value::String(i.to_string()), "{name}");
            assert!(row["error_code"].is_null(), "{name} row {i}: {row}");
        }
        outputs.push(r);
    }
    assert_eq!(outputs[0], outputs[1], "Parquet and CSV inputs differ");
    assert_eq!(
        outputs[0], outputs[2],
        "Parquet and JSON Lines inputs differ"
    );

    // Each row equals the household evaluated on its own, with the full outcome.
    for (case, row) in cases.iter().zip(&outputs[0]).step_by(7) {
        let o = engine.evaluate(case).unwrap();
        let d = o.program(hedui_core::Program::Dibao).unwrap();
        assert_eq!(row["dibao_status"], Value::String(d.status.as_str().into()));
        let amount = d.amount.map(|a| {
            // The result table rounds half away from zero to the fen, as the outcome shows it.
            let a =
                a.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            Value::String(format!("{a:.2}"))
        });
        assert_eq!(row["dibao_amount"], amount.unwrap_or(Value::Null));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn threads_and_output_formats_do_not_change_results() {
    let engine = Engine::embedded().unwrap();
    let (_, t) = synth(&engine);
    let dir = tmp("threads");
    write_tables(&dir, "parquet", &t);
    run(&engine, &dir, &dir.join("one.jsonl"), 1).unwrap();
    run(&engine, &dir, &dir.join("two.jsonl"), 2).unwrap();
    assert_eq!(
        std::fs::read(dir.join("one.jsonl")).unwrap(),
        std::fs::read(dir.join("two.jsonl")).unwrap()
    );
    // The CSV output carries the same values as the JSON Lines output.
    run(&engine, &dir, &dir.join("out.csv"), 2).unwrap();
    let csv = std::fs::read_to_string(dir.join("out.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let json = rows(&dir.join("one.jsonl"));
    let mut n = 0;
    for (line, row) in lines.zip(&json) {
        for (k, v) in header.iter().zip(line.split(',')) {
            let want = match &row[*k] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if !k.starts_with("error") {
                assert_eq!(v, want, "column {k}");
            }
        }
        n += 1;
    }
    assert_eq!(n, N);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupted_line_fails_alone() {
    let engine = Engine::embedded().unwrap();
    let (cases, _) = synth(&engine);
    let dir = tmp("corrupt");
    let clean: Vec<String> = cases
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    let bad: Vec<String> = clean
        .iter()
        .enumerate()
        .map(|(i, l)| match i % 97 {
            13 => l[..l.len() / 2].to_owned(), // truncated JSON
            29 => l.replacen("\"region\":\"360100\"", "\"region\":7", 1), // wrong type
            _ => l.clone(),
        })
        .collect();
    std::fs::write(dir.join("clean.jsonl"), clean.join("\n")).unwrap();
    std::fs::write(dir.join("bad.jsonl"), bad.join("\n")).unwrap();
    run(&engine, &dir.join("clean.jsonl"), &dir.join("a.jsonl"), 2).unwrap();
    let s = run(&engine, &dir.join("bad.jsonl"), &dir.join("b.jsonl"), 2).unwrap();
    let (a, b) = (rows(&dir.join("a.jsonl")), rows(&dir.join("b.jsonl")));
    assert_eq!(a.len(), b.len());
    let mut errors = 0;
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        match i % 97 {
            13 => {
                assert_eq!(y["error_code"], 300, "row {i}: {y}");
                assert!(y["household_id"].is_null(), "an unreadable line has no id");
                errors += 1;
            }
            29 => {
                assert_eq!(y["error_code"], 301, "row {i}: {y}");
                assert_eq!(y["error_path"], "region");
                assert_eq!(
                    y["household_id"], x["household_id"],
                    "the id is still known"
                );
                errors += 1;
            }
            _ => assert_eq!(x, y, "row {i} changed"),
        }
    }
    assert_eq!(s.errors, errors);
    assert_eq!(s.errors_by_code.values().sum::<u64>(), errors);
    let _ = std::fs::remove_dir_all(&dir);
}

fn reorder(batch: &RecordBatch, order: &[u64]) -> RecordBatch {
    let idx = arrow_array::UInt64Array::from(order.to_vec());
    arrow_select::take::take_record_batch(batch, &idx).unwrap()
}

#[test]
fn out_of_order_or_orphan_child_rows_fail_the_run_without_a_result_file() {
    let engine = Engine::embedded().unwrap();
    let (_, t) = synth(&engine);
    let n = t.incomes.num_rows() as u64;

    // Incomes of the last chunk's households moved to the front.
    let dir = tmp("order");
    let order: Vec<u64> = (n - 50..n).chain(0..n - 50).collect();
    let shuffled = Tables {
        incomes: reorder(&t.incomes, &order),
        ..t.clone()
    };
    write_tables(&dir, "parquet", &shuffled);
    let out = dir.join("out.parquet");
    let e = run(&engine, &dir, &out, 2).unwrap_err();
    assert!(e.to_string().contains("incomes"), "{e}");
    assert!(!out.exists(), "no result file after a failed run");

    // One income row whose household is not in the register.
    let dir = tmp("orphan");
    let schema = t.incomes.schema();
    let pos = schema.index_of("household_id").unwrap();
    let mut tail: Vec<ArrayRef> = t
        .incomes
        .columns()
        .iter()
        .map(|a| a.slice(a.len() - 1, 1))
        .collect();
    tail[pos] = Arc::new(Int64Array::from(vec![999_999_999_i64]));
    let tail = RecordBatch::try_new(schema.clone(), tail).unwrap();
    let with_orphan = concat_batches(&schema, &[t.incomes.clone(), tail]).unwrap();
    write_tables(
        &dir,
        "parquet",
        &Tables {
            incomes: with_orphan,
            ..t.clone()
        },
    );
    let out = dir.join("out.parquet");
    let e = run(&engine, &dir, &out, 1).unwrap_err();
    assert!(e.to_string().contains("999999999"), "{e}");
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(tmp("order"));
}

#[test]
fn a_household_repeated_in_a_later_chunk_fails_alone() {
    let engine = Engine::embedded().unwrap();
    let (_, t) = synth(&engine);
    let dir = tmp("repeat");
    // Household 5 appears again as the last row (several chunks later).
    let h = t.households.num_rows() as u64;
    let order: Vec<u64> = (0..h).chain(std::iter::once(5)).collect();
    write_tables(
        &dir,
        "parquet",
        &Tables {
            households: reorder(&t.households, &order),
            ..t.clone()
        },
    );
    let out = dir.join("out.jsonl");
    let s = run(&engine, &dir, &out, 2).unwrap();
    let r = rows(&out);
    assert_eq!(r.len() as u64, N + 1);
    assert_eq!(s.errors, 1);
    let last = r.last().unwrap();
    assert_eq!(last["household_id"], 5);
    assert_eq!(last["error_code"], 313);
    assert!(
        r[5]["error_code"].is_null(),
        "the first occurrence is scored"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summary_totals_are_the_sums_of_the_rows() {
    let engine = Engine::embedded().unwrap();
    let (_, t) = synth(&engine);
    let dir = tmp("summary");
    write_tables(&dir, "parquet", &t);
    let out = dir.join("out.jsonl");
    let s = run(&engine, &dir, &out, 2).unwrap();
    let r = rows(&out);
    for (i, program) in ["dibao", "near_dibao"].iter().enumerate() {
        let (name, p) = &s.programs[i];
        assert_eq!(name, program);
        let sum: Decimal = r
            .iter()
            .filter_map(|row| row[format!("{program}_amount")].as_str())
            .map(|a| a.parse::<Decimal>().unwrap())
            .sum();
        assert_eq!(p.monthly_amount, sum, "{program}");
        for (status, count) in &p.households {
            let n = r
                .iter()
                .filter(|row| row[format!("{program}_status")] == *status)
                .count() as u64;
            assert_eq!(*count, n, "{program} {status}");
        }
        assert_eq!(p.households.values().sum::<u64>(), N, "{program}");
    }
    let eligible = s.programs[0].1.households.get("eligible").copied();
    assert!(
        eligible.is_some_and(|e| e > 0),
        "the register has eligible households"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
