"""Typing helpers for the public API (no runtime dependency on pyarrow, polars or pandas)."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class ArrowStreamExportable(Protocol):
    """Anything exporting the Arrow PyCapsule stream interface: a pyarrow Table or
    RecordBatchReader, a polars DataFrame, a pandas DataFrame (pandas >= 2.2), DuckDB
    relations, arro3 tables."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> Any: ...


__all__ = ["ArrowStreamExportable"]
