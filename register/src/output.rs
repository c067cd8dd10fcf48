//! Result files: Parquet, CSV or JSON Lines, chosen by the output's extension.
//!
//! Rows go to `<out>.partial` and the file is renamed to `<out>` only by
//! [`OutputWriter::finish`], so a run that stops early (a bad file, Ctrl-C) never leaves
//! something that looks like a complete result.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::input::{FileError, Format};

enum Sink {
    Parquet(Option<ArrowWriter<File>>),
    Csv(arrow_csv::Writer<BufWriter<File>>),
    Jsonl(BufWriter<File>),
}

/// Writes result batches to one file.
pub struct OutputWriter {
    path: PathBuf,
    partial: PathBuf,
    file: Option<File>,
    sink: Option<Sink>,
    format: Format,
    rows: u64,
}

impl std::fmt::Debug for OutputWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutputWriter")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl OutputWriter {
    /// The format an output path asks for, from its extension.
    pub fn format_of(path: &Path) -> Result<Format, FileError> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("parquet") => Ok(Format::Parquet),
            Some("csv") => Ok(Format::Csv),
            Some("jsonl" | "ndjson") => Ok(Format::Jsonl),
            _ => Err(FileError::Input(format!(
                "{}: the output must end in .parquet, .csv or .jsonl",
                path.display()
            ))),
        }
    }

    /// Creates `<path>.partial`.
    pub fn create(path: &Path) -> Result<Self, FileError> {
        let format = Self::format_of(path)?;
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let file = File::create(&partial).map_err(|e| FileError::io(&partial, e))?;
        Ok(Self {
            path: path.to_owned(),
            partial,
            file: Some(file),
            sink: None,
            format,
            rows: 0,
        })
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Appends a batch (the first one fixes the schema).
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), FileError> {
        if self.sink.is_none() {
            let file = self
                .file
                .take()
                .ok_or_else(|| FileError::Input("output already finished".to_owned()))?;
            let p = &self.partial;
            self.sink = Some(match self.format {
                Format::Parquet => {
                    let props = WriterProperties::builder()
                        .set_compression(Compression::SNAPPY)
                        .build();
                    Sink::Parquet(Some(
                        ArrowWriter::try_new(file, batch.schema(), Some(props))
                            .map_err(|e| FileError::format(p, e))?,
                    ))
                }
                Format::Csv => Sink::Csv(arrow_csv::Writer::new(BufWriter::new(file))),
                Format::Jsonl => Sink::Jsonl(BufWriter::with_capacity(1 << 20, file)),
            });
        }
        let p = &self.partial;
        match &mut self.sink {
            Some(Sink::Parquet(Some(w))) => w.write(batch).map_err(|e| FileError::format(p, e))?,
            Some(Sink::Csv(w)) => w
                .write(&lists_as_text(batch).map_err(|e| FileError::format(p, e))?)
                .map_err(|e| FileError::format(p, e))?,
            Some(Sink::Jsonl(w)) => write_jsonl(w, batch).map_err(|e| FileError::format(p, e))?,
            _ => return Err(FileError::Input("output already finished".to_owned())),
        }
        self.rows += batch.num_rows() as u64;
        Ok(())
    }

    /// Flushes, closes and renames the file to its final name. `empty` is written first when
    /// no batch was (so an empty register still gets a file with the result columns).
    pub fn finish(mut self, empty: &RecordBatch) -> Result<PathBuf, FileError> {
        if self.sink.is_none() {
            self.write(empty)?;
        }
        let p = self.partial.clone();
        match self.sink.take() {
            Some(Sink::Parquet(Some(w))) => {
                w.close().map_err(|e| FileError::format(&p, e))?;
            }
            Some(Sink::Csv(w)) => {
                let mut inner = w.into_inner();
                inner.flush().map_err(|e| FileError::io(&p, e))?;
            }
            Some(Sink::Jsonl(mut w)) => w.flush().map_err(|e| FileError::io(&p, e))?,
            _ => {}
        }
        std::fs::rename(&self.partial, &self.path).map_err(|e| FileError::io(&self.path, e))?;
        Ok(self.path)
    }
}

/// CSV has no lists: a list of text becomes comma-separated text, the form the register
/// reader accepts for list columns.
fn lists_as_text(batch: &RecordBatch) -> Result<RecordBatch, String> {
    if !batch
        .schema()
        .fields()
        .iter()
        .any(|f| matches!(f.data_type(), DataType::List(_)))
    {
        return Ok(batch.clone());
    }
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(batch.num_columns());
    for (field, array) in batch.schema().fields().iter().zip(batch.columns()) {
        if let DataType::List(_) = field.data_type() {
            let list = array.as_list::<i32>();
            let text: StringArray = (0..list.len())
                .map(|i| {
                    if list.is_null(i) {
                        return Ok(None);
                    }
                    let items = list.value(i);
                    let fmt = ArrayFormatter::try_new(items.as_ref(), &FormatOptions::default())
                        .map_err(|e| e.to_string())?;
                    let parts: Vec<String> =
                        (0..items.len()).map(|j| fmt.value(j).to_string()).collect();
                    Ok(Some(parts.join(",")))
                })
                .collect::<Result<_, String>>()?;
            fields.push(Field::new(field.name(), DataType::Utf8, true));
            columns.push(Arc::new(text));
        } else {
            fields.push(field.as_ref().clone());
            columns.push(Arc::clone(array));
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(|e| e.to_string())
}

/// One JSON object per row: text and money as strings (money keeps its two decimals; never
/// a JSON number, which readers turn into binary floats), integers as numbers, flags as
/// booleans, nulls as `null`.
fn write_jsonl(w: &mut impl Write, batch: &RecordBatch) -> Result<(), String> {
    let options = FormatOptions::default();
    let schema = batch.schema();
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (field, array) in schema.fields().iter().zip(batch.columns()) {
        let fmt = ArrayFormatter::try_new(array.as_ref(), &options).map_err(|e| e.to_string())?;
        let key = serde_json::to_string(field.name()).map_err(|e| e.to_string())?;
        let quoted = !matches!(
            field.data_type(),
            DataType::Int32 | DataType::Int64 | DataType::Boolean
        );
        columns.push((key, fmt, quoted, array));
    }
    let mut line = String::new();
    for row in 0..batch.num_rows() {
        line.clear();
        line.push('{');
        for (i, (key, fmt, quoted, array)) in columns.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            line.push_str(key);
            line.push(':');
            if array.is_null(row) {
                line.push_str("null");
            } else if *quoted {
                let text = fmt.value(row).to_string();
                line.push_str(&serde_json::to_string(&text).map_err(|e| e.to_string())?);
            } else {
                line.push_str(&fmt.value(row).to_string());
            }
        }
        line.push_str("}\n");
        w.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(())
}
