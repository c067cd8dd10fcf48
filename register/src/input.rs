//! Register files read in chunks of households: one JSON Lines file of cases, or a directory
//! of four tables (`households`, `members`, `incomes`, `assets`) as Parquet or CSV.
//!
//! Memory stays bounded by the chunk size, not the register: each chunk holds a slice of the
//! households table and the child rows of exactly those households. That needs the child
//! tables grouped by household in the order of the households table (as `hedui synth` and a
//! `GROUP BY`/`ORDER BY` export write them). A child row found out of that order cannot be
//! joined late, so it is never skipped quietly: [`InputReader::finish`] fails the run for it,
//! and the caller discards the output.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use hedui_core::case::{Case, Program, decode_case};
use hedui_core::{Error, ErrorKind};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rustc_hash::FxHashSet;

use crate::columns::{Key, KeyVal};
use crate::register::Register;

/// Households per chunk: large enough to keep every worker busy, small enough that a chunk's
/// cases and rows stay a few tens of megabytes.
pub const CHUNK_HOUSEHOLDS: usize = 32_768;

/// A file problem that stops the whole run (a bad household only fails its own row).
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A Parquet, CSV or Arrow problem in a file.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The input is not a register this reader understands.
    #[error("{0}")]
    Input(String),
    /// A register-level problem (a missing column, an orphan or out-of-order child row).
    #[error("{0}")]
    Register(#[from] Error),
}

impl FileError {
    pub(crate) fn format(path: &Path, e: impl std::fmt::Display) -> Self {
        Self::Format {
            path: path.to_owned(),
            message: e.to_string(),
        }
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// How a register is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One case JSON per line.
    Jsonl,
    /// Four Parquet tables in a directory.
    Parquet,
    /// Four CSV tables (with a header row) in a directory.
    Csv,
}

type Batches = Box<dyn Iterator<Item = Result<RecordBatch, FileError>> + Send>;

/// One table read as a stream of record batches.
struct TableStream {
    name: &'static str,
    batches: Batches,
    /// Rows read but not yet handed out.
    pending: Option<RecordBatch>,
}

impl TableStream {
    fn open(
        dir: &Path,
        name: &'static str,
        format: Format,
        chunk: usize,
    ) -> Result<Option<Self>, FileError> {
        let ext = if format == Format::Csv {
            "csv"
        } else {
            "parquet"
        };
        let path = dir.join(format!("{name}.{ext}"));
        if !path.exists() {
            return Ok(None);
        }
        let batches = match format {
            Format::Csv => csv_batches(&path, chunk)?,
            _ => parquet_batches(&path, chunk)?.0,
        };
        Ok(Some(Self {
            name,
            batches,
            pending: None,
        }))
    }

    fn next_pending(&mut self) -> Result<Option<RecordBatch>, FileError> {
        if let Some(b) = self.pending.take() {
            return Ok(Some(b));
        }
        loop {
            match self.batches.next().transpose()? {
                Some(b) if b.num_rows() == 0 => {}
                other => return Ok(other),
            }
        }
    }

    /// The leading rows whose `household_id` is in `keys`, as one batch (empty when none).
    fn take_rows_of(
        &mut self,
        keys: &FxHashSet<KeyVal<'_>>,
        schema_hint: &mut Option<SchemaRef>,
    ) -> Result<Option<RecordBatch>, FileError> {
        let mut parts = Vec::new();
        while let Some(batch) = self.next_pending()? {
            *schema_hint = Some(batch.schema());
            let key = child_key(self.name, &batch)?;
            let taken = (0..batch.num_rows())
                .take_while(|&r| key.get(r).is_some_and(|k| keys.contains(&k)))
                .count();
            if taken < batch.num_rows() {
                parts.push(batch.slice(0, taken));
                self.pending = Some(batch.slice(taken, batch.num_rows() - taken));
                break;
            }
            parts.push(batch);
        }
        let Some(schema) = schema_hint.clone() else {
            return Ok(None);
        };
        let batch = arrow_select::concat::concat_batches(&schema, &parts)
            .map_err(|e| FileError::Input(format!("{}: {e}", self.name)))?;
        Ok(Some(batch))
    }

    /// Rows never joined to a household: an orphan, or a row out of household order.
    fn leftover(&mut self) -> Result<Option<String>, FileError> {
        let Some(batch) = self.next_pending()? else {
            return Ok(None);
        };
        let key = child_key(self.name, &batch)?;
        let what = key.get(0).map_or_else(
            || "has no household_id".to_owned(),
            |k| {
                let k = hedui_core::case::decode::scrub(&k.to_string());
                format!("has household_id `{k}`, which is not in the households table or comes after that household's turn")
            },
        );
        Ok(Some(format!(
            "a row of the {} table {what}; sort the {} table by household in the order of the households table",
            self.name, self.name
        )))
    }
}

fn child_key(table: &'static str, batch: &RecordBatch) -> Result<Key, FileError> {
    let col = batch.column_by_name("household_id").ok_or_else(|| {
        FileError::Register(Error::at(
            ErrorKind::CaseShape,
            format!("{table}.household_id"),
            format!("required column `household_id` is missing from the {table} table"),
        ))
    })?;
    Ok(Key::new(table, "household_id", col)?)
}

fn parquet_batches(path: &Path, chunk: usize) -> Result<(Batches, Option<u64>), FileError> {
    let file = File::open(path).map_err(|e| FileError::io(path, e))?;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| FileError::format(path, e))?;
    let rows = u64::try_from(builder.metadata().file_metadata().num_rows()).ok();
    let reader = builder
        .with_batch_size(chunk)
        .build()
        .map_err(|e| FileError::format(path, e))?;
    let p = path.to_owned();
    Ok((
        Box::new(reader.map(move |r| r.map_err(|e| FileError::format(&p, e)))),
        rows,
    ))
}

/// CSV with a header row; every column is read as text and typed by the register's column
/// readers, so `0042` stays an identifier and money stays decimal text.
fn csv_batches(path: &Path, chunk: usize) -> Result<Batches, FileError> {
    let file = File::open(path).map_err(|e| FileError::io(path, e))?;
    let (inferred, _) = arrow_csv::reader::Format::default()
        .with_header(true)
        .infer_schema(BufReader::new(file), Some(0))
        .map_err(|e| FileError::format(path, e))?;
    let text = Schema::new(
        inferred
            .fields()
            .iter()
            .map(|f| Field::new(f.name(), DataType::Utf8, true))
            .collect::<Vec<_>>(),
    );
    let file = File::open(path).map_err(|e| FileError::io(path, e))?;
    let reader = arrow_csv::ReaderBuilder::new(Arc::new(text))
        .with_header(true)
        .with_batch_size(chunk)
        .build(file)
        .map_err(|e| FileError::format(path, e))?;
    let p = path.to_owned();
    Ok(Box::new(
        reader.map(move |r| r.map_err(|e| FileError::format(&p, e))),
    ))
}

/// A chunk of households, each turned into a case on demand (on a worker thread).
#[derive(Debug)]
pub struct Chunk {
    /// The households table's `household_id` column and field (tables only; for JSON Lines
    /// the ids come from the cases, see [`Chunk::line_id`]).
    pub ids: Option<(ArrayRef, Field)>,
    /// Index of the first household of the chunk in the whole register.
    pub offset: u64,
    len: usize,
    source: Source,
}

#[derive(Debug)]
enum Source {
    Lines(Vec<String>),
    Tables {
        register: Box<Register>,
        /// Rows whose `household_id` appeared in an earlier chunk.
        repeated: Vec<bool>,
    },
}

impl Chunk {
    /// Households in the chunk.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the chunk is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `id` of JSON Lines household `i`, read without decoding the case, for a line
    /// whose case fails to decode (`None` for tables, and for a line with no string `id`).
    pub fn line_id(&self, i: usize) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct IdOnly {
            id: Option<String>,
        }
        match &self.source {
            Source::Lines(lines) => serde_json::from_str::<IdOnly>(lines.get(i)?).ok()?.id,
            Source::Tables { .. } => None,
        }
    }

    /// Household `i` of the chunk as a case, or why it cannot be one.
    pub fn case(&self, i: usize) -> Result<Case, Error> {
        match &self.source {
            Source::Lines(lines) => match lines.get(i) {
                Some(line) => decode_case(line),
                None => Err(Error::bare(ErrorKind::Internal, "line index out of range")),
            },
            Source::Tables { register, repeated } => {
                if repeated.get(i).copied().unwrap_or(false) {
                    return Err(Error::at(
                        ErrorKind::DuplicateId,
                        "household_id",
                        "household_id also appears in an earlier row of the households table; its members, incomes and assets were attached there",
                    ));
                }
                register.case(i)
            }
        }
    }
}

#[expect(
    clippy::large_enum_variant,
    reason = "one reader per run: its size does not matter"
)]
enum Reader {
    Lines {
        path: PathBuf,
        lines: std::io::Lines<BufReader<File>>,
    },
    Tables {
        households: TableStream,
        members: TableStream,
        incomes: Option<TableStream>,
        assets: Option<TableStream>,
        hints: [Option<SchemaRef>; 3],
        seen: FxHashSet<OwnedKey>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum OwnedKey {
    Int(i64),
    Text(Box<str>),
}

impl From<KeyVal<'_>> for OwnedKey {
    fn from(k: KeyVal<'_>) -> Self {
        match k {
            KeyVal::Int(i) => OwnedKey::Int(i),
            KeyVal::Text(s) => OwnedKey::Text(s.into()),
        }
    }
}

/// Reads a register chunk by chunk.
pub struct InputReader {
    reader: Reader,
    format: Format,
    total: Option<u64>,
    programs: Vec<Program>,
    offset: u64,
    chunk: usize,
}

impl std::fmt::Debug for InputReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InputReader")
            .field("format", &self.format)
            .field("total", &self.total)
            .field("offset", &self.offset)
            .finish_non_exhaustive()
    }
}

impl InputReader {
    /// Opens `path`: a `.jsonl`/`.ndjson` file, or a directory holding `households` and
    /// `members` (and optionally `incomes`, `assets`) as `.parquet` or `.csv`.
    ///
    /// `programs` is what every household read from tables is assessed for (empty: the
    /// case default, dibao and near-dibao); a JSON Lines case carries its own.
    pub fn open(path: &Path, programs: &[Program]) -> Result<Self, FileError> {
        Self::open_chunked(path, programs, CHUNK_HOUSEHOLDS)
    }

    /// Like [`InputReader::open`], with `chunk` households per chunk (at least 1).
    pub fn open_chunked(
        path: &Path,
        programs: &[Program],
        chunk: usize,
    ) -> Result<Self, FileError> {
        let chunk = chunk.max(1);
        let (reader, format, total) = if path.is_dir() {
            let format = if path.join("households.parquet").exists() {
                Format::Parquet
            } else if path.join("households.csv").exists() {
                Format::Csv
            } else {
                return Err(FileError::Input(format!(
                    "{}: no households.parquet or households.csv in this directory",
                    path.display()
                )));
            };
            let total = if format == Format::Parquet {
                parquet_batches(&path.join("households.parquet"), chunk)?.1
            } else {
                None
            };
            let open = |name| TableStream::open(path, name, format, chunk);
            let households = open("households")?
                .ok_or_else(|| FileError::Input("households table vanished".to_owned()))?;
            let members = open("members")?.ok_or_else(|| {
                FileError::Input(format!(
                    "{}: the members table is missing (members.{})",
                    path.display(),
                    if format == Format::Csv {
                        "csv"
                    } else {
                        "parquet"
                    }
                ))
            })?;
            let reader = Reader::Tables {
                households,
                members,
                incomes: open("incomes")?,
                assets: open("assets")?,
                hints: [None, None, None],
                seen: FxHashSet::default(),
            };
            (reader, format, total)
        } else {
            let file = File::open(path).map_err(|e| FileError::io(path, e))?;
            let reader = Reader::Lines {
                path: path.to_owned(),
                lines: BufReader::with_capacity(1 << 20, file).lines(),
            };
            (reader, Format::Jsonl, None)
        };
        Ok(Self {
            reader,
            format,
            total,
            programs: programs.to_vec(),
            offset: 0,
            chunk,
        })
    }

    /// How the register is stored.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Number of households, when the file says so up front (Parquet).
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// The next chunk, or `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, FileError> {
        let chunk = match &mut self.reader {
            Reader::Lines { path, lines } => {
                let mut batch = Vec::new();
                for line in lines.by_ref() {
                    let line = line.map_err(|e| FileError::io(path, e))?;
                    // A blank line is not a household: skipping it shifts no row.
                    if line.trim().is_empty() {
                        continue;
                    }
                    batch.push(line);
                    if batch.len() == self.chunk {
                        break;
                    }
                }
                if batch.is_empty() {
                    return Ok(None);
                }
                Chunk {
                    ids: None,
                    offset: self.offset,
                    len: batch.len(),
                    source: Source::Lines(batch),
                }
            }
            Reader::Tables {
                households,
                members,
                incomes,
                assets,
                hints,
                seen,
            } => {
                let Some(hb) = households.next_pending()? else {
                    return Ok(None);
                };
                let id_col = hb.column_by_name("household_id").cloned().ok_or_else(|| {
                    FileError::Register(Error::at(
                        ErrorKind::CaseShape,
                        "households.household_id",
                        "required column `household_id` is missing from the households table",
                    ))
                })?;
                let key = Key::new("households", "household_id", &id_col)?;
                let mut keys = FxHashSet::default();
                let mut repeated = Vec::with_capacity(hb.num_rows());
                for r in 0..hb.num_rows() {
                    let k = key.get(r);
                    let earlier = k.is_some_and(|k| seen.contains(&OwnedKey::from(k)));
                    repeated.push(earlier);
                    if let Some(k) = k
                        && !earlier
                    {
                        keys.insert(k);
                    }
                }
                let [mh, ih, ah] = hints;
                let mb = members.take_rows_of(&keys, mh)?;
                let ib = match incomes {
                    Some(t) => t.take_rows_of(&keys, ih)?,
                    None => None,
                };
                let ab = match assets {
                    Some(t) => t.take_rows_of(&keys, ah)?,
                    None => None,
                };
                seen.extend(keys.into_iter().map(OwnedKey::from));
                let mb = match mb {
                    Some(b) => b,
                    None => RecordBatch::new_empty(Arc::new(Schema::new(vec![Field::new(
                        "household_id",
                        id_col.data_type().clone(),
                        true,
                    )]))),
                };
                let register =
                    Register::new(&hb, &mb, ib.as_ref(), ab.as_ref(), self.programs.clone())?;
                let id_field = hb
                    .schema()
                    .field_with_name("household_id")
                    .map_err(|e| FileError::Input(e.to_string()))?
                    .clone();
                Chunk {
                    len: id_col.len(),
                    ids: Some((id_col, id_field)),
                    offset: self.offset,
                    source: Source::Tables {
                        register: Box::new(register),
                        repeated,
                    },
                }
            }
        };
        self.offset += chunk.len() as u64;
        Ok(Some(chunk))
    }

    /// Checks, after the last chunk, that every child row was joined to its household.
    pub fn finish(&mut self) -> Result<(), FileError> {
        if let Reader::Tables {
            members,
            incomes,
            assets,
            ..
        } = &mut self.reader
        {
            for t in [Some(members), incomes.as_mut(), assets.as_mut()]
                .into_iter()
                .flatten()
            {
                if let Some(message) = t.leftover()? {
                    return Err(FileError::Input(message));
                }
            }
        }
        Ok(())
    }
}
