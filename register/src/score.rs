//! Scoring a register file end to end: read a chunk, evaluate its households on a thread
//! pool, write their rows in input order, count them, repeat.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field};
use hedui_core::case::Program;
use hedui_core::{Engine, Error};
use rayon::prelude::*;

use crate::input::{Chunk, FileError, InputReader};
use crate::output::OutputWriter;
use crate::results::{ResultBuilder, ResultRow, RowError};
use crate::summary::Summary;

/// Evaluates household `i` of a chunk; a panic becomes that row's error, never the run's.
pub fn evaluate_row(
    engine: &Engine,
    chunk: &Chunk,
    i: usize,
    programs: &[Program],
) -> (ResultRow, Option<String>) {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let case = chunk.case(i)?;
        let decision = engine.evaluate_decision(&case)?;
        Ok::<_, Error>((ResultRow::from_decision(programs, &decision), case.id))
    }));
    match r {
        Ok(Ok((row, id))) => (row, chunk.ids.is_none().then_some(id)),
        Ok(Err(e)) => (
            ResultRow::from_error(programs, RowError::from_core(&e)),
            chunk.line_id(i),
        ),
        Err(_) => (
            ResultRow::from_error(programs, RowError::panic()),
            chunk.line_id(i),
        ),
    }
}

/// The result batch of a chunk's rows.
pub fn chunk_batch(
    chunk: &Chunk,
    programs: &[Program],
    rows: Vec<(ResultRow, Option<String>)>,
    summary: &mut Summary,
) -> Result<RecordBatch, Error> {
    let mut out = ResultBuilder::new(programs, rows.len())?;
    let mut line_ids = Vec::with_capacity(if chunk.ids.is_none() { rows.len() } else { 0 });
    for (row, id) in rows {
        summary.add(&row);
        out.push(row);
        if chunk.ids.is_none() {
            line_ids.push(id);
        }
    }
    match &chunk.ids {
        Some((ids, field)) => out.finish(Arc::clone(ids), field),
        None => {
            let ids: ArrayRef = Arc::new(StringArray::from(line_ids));
            out.finish(ids, &Field::new("household_id", DataType::Utf8, true))
        }
    }
}

/// What [`score`] needs besides the files.
#[derive(Debug)]
pub struct ScoreOptions<'a> {
    /// The engine (base policies, or a reform).
    pub engine: &'a Engine,
    /// Programs for the result columns (empty: dibao and near-dibao).
    pub programs: &'a [Program],
    /// Worker threads (0: one per core).
    pub threads: usize,
}

/// Scores every household of `input` into `output`, calling `progress` with the number of
/// households done after each chunk. The output file appears under its name only when every
/// row was written and the input was read to the end without a file problem.
pub fn score(
    options: &ScoreOptions<'_>,
    input: &mut InputReader,
    mut output: OutputWriter,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary, FileError> {
    // The result columns: the programs asked for, or those a case without `programs` is
    // assessed for.
    let programs = Program::or_defaults(options.programs).to_vec();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| FileError::Input(format!("cannot start worker threads: {e}")))?;
    let mut summary = Summary::new(&programs);
    while let Some(chunk) = input.next_chunk()? {
        let rows: Vec<_> = pool.install(|| {
            (0..chunk.len())
                .into_par_iter()
                .with_min_len(64)
                .map(|i| evaluate_row(options.engine, &chunk, i, &programs))
                .collect()
        });
        let batch = chunk_batch(&chunk, &programs, rows, &mut summary)?;
        output.write(&batch)?;
        progress(output.rows());
    }
    input.finish()?;
    let empty = ResultBuilder::new(&programs, 0)?.finish(
        Arc::new(StringArray::from(Vec::<Option<String>>::new())),
        &Field::new("household_id", DataType::Utf8, true),
    )?;
    output.finish(&empty)?;
    Ok(summary)
}
