//! The one place long work runs without the GIL.
//!
//! Inputs are converted to owned Rust data (or Arrow arrays owned by Rust) before the GIL is
//! released; nothing borrowed from Python crosses into the closure (pyo3's `Ungil` bound
//! enforces it). Work runs in chunks; between chunks the GIL is taken back for a moment to
//! run `check_signals`, so Ctrl-C interrupts a long batch with `KeyboardInterrupt`.

use std::ops::Range;

use pyo3::prelude::*;
use rayon::prelude::*;

/// Households per chunk and per worker thread: large enough that the signal check is free,
/// small enough that Ctrl-C answers within a fraction of a second and memory stays bounded.
const CHUNK_PER_THREAD: usize = 4096;

/// Python objects converted per thread per round in `evaluate_many`.
const MAP_CHUNK_PER_THREAD: usize = 256;

/// More worker threads than this are never started, whatever `threads=` asks for.
const MAX_THREADS: usize = 256;

/// Worker threads for a `threads=` argument: `None` → 1; `0` → every core; `n` → `n`
/// (at most [`MAX_THREADS`]).
pub(crate) fn thread_count(threads: Option<usize>) -> usize {
    match threads {
        None => 1,
        Some(0) => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        Some(n) => n.min(MAX_THREADS),
    }
}

/// Worker threads for one call (no pool for a single thread).
pub(crate) struct Workers {
    pool: Option<rayon::ThreadPool>,
    threads: usize,
}

impl Workers {
    pub(crate) fn new(py: Python<'_>, threads: usize) -> PyResult<Self> {
        Ok(Self {
            pool: pool(py, threads)?,
            threads: threads.max(1),
        })
    }

    /// Items handed to [`Workers::map`] at a time: small, so the converted inputs are still
    /// in cache when they are evaluated, and the GIL is given back often.
    pub(crate) const fn chunk(&self) -> usize {
        MAP_CHUNK_PER_THREAD.saturating_mul(self.threads)
    }

    /// `f` over `items` without the GIL, results in order; then checks for signals.
    pub(crate) fn map<I: Sync, O: Send>(
        &self,
        py: Python<'_>,
        items: &[I],
        f: impl Fn(&I) -> O + Sync + Send,
    ) -> PyResult<Vec<O>> {
        let out = py.detach(|| match &self.pool {
            Some(p) => p.install(|| items.par_iter().map(&f).collect()),
            None => items.iter().map(&f).collect(),
        });
        py.check_signals()?;
        Ok(out)
    }
}

/// A rayon pool for `n > 1` threads. Built per call, so no pool outlives a call and nothing
/// is left in a bad state in a child after `fork` (Spark and multiprocessing fork workers).
fn pool(py: Python<'_>, n: usize) -> PyResult<Option<rayon::ThreadPool>> {
    if n <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("hedui-{i}"))
        .build()
        .map(Some)
        .map_err(|e| {
            crate::errors::input_err(
                py,
                hedui_core::ErrorKind::Internal,
                "threads",
                format!("could not start worker threads: {e}"),
            )
        })
}

/// Runs `work(i)` for every `i` in `0..n` without the GIL, on `threads` threads, handing each
/// chunk's results, in order, to `sink`. Returns early with `KeyboardInterrupt` (or whatever
/// a signal handler raised) if a signal arrives.
pub(crate) fn for_each_chunk<O: Send>(
    py: Python<'_>,
    n: usize,
    threads: usize,
    work: impl Fn(usize) -> O + Sync + Send,
    mut sink: impl FnMut(Range<usize>, Vec<O>) + Send,
) -> PyResult<()> {
    let pool = pool(py, threads)?;
    let chunk = CHUNK_PER_THREAD.saturating_mul(threads.max(1));
    py.detach(|| {
        let mut start = 0;
        while start < n {
            let end = start.saturating_add(chunk).min(n);
            let part: Vec<O> = match &pool {
                Some(p) => p.install(|| (start..end).into_par_iter().map(&work).collect()),
                None => (start..end).map(&work).collect(),
            };
            sink(start..end, part);
            start = end;
            if start < n {
                Python::attach(check_signals)?;
            }
        }
        Ok(())
    })
}

/// `py.check_signals()`, as a named function so the closure lint and the higher-ranked
/// `attach` signature agree.
fn check_signals(py: Python<'_>) -> PyResult<()> {
    py.check_signals()
}
