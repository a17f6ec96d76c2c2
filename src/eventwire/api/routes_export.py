"""``/api/export.{csv,geojson,jsonl}``: the CLI's export formats, streamed.

Rows come from ``eventwire.store.export`` (the same columns and objects as ``eventwire
export``), read a page at a time and sent as they are made, so exporting 100,000 events holds
one page in memory. The stream borrows its own store for as long as it runs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from eventwire.api import schemas
from eventwire.api.params import event_filter
from eventwire.api.security import ReadAccess
from eventwire.store import EventFilter
from eventwire.store import export as exporter

router = APIRouter(prefix="/api", tags=["exports"], dependencies=[ReadAccess], responses=schemas.READ_ERRORS)
Filter = Annotated[EventFilter, Depends(event_filter)]
ExportLimit = Annotated[int | None, Query(ge=1, le=10_000_000, description="At most this many events")]
_FLUSH = 64 * 1024


def _stream(request: Request, flt: EventFilter, limit: int | None, fmt: str) -> Iterator[bytes]:
    pool = request.app.state.pool
    with pool.borrow() as store:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=[*exporter.ACLED_COLUMNS, *exporter.OUR_COLUMNS]) if fmt == "csv" else None
        if writer is not None:
            writer.writeheader()
        elif fmt == "geojson":
            buf.write('{"type": "FeatureCollection", "features": [\n')
        for n, (event, reports) in enumerate(exporter.iter_events(store, flt, limit)):
            if writer is not None:
                writer.writerow(exporter.csv_row(event, reports))
            elif fmt == "jsonl":
                buf.write(json.dumps(exporter.full_event(event, reports), ensure_ascii=False, default=str) + "\n")
            else:
                geometry = None
                if event["lat"] is not None and event["lon"] is not None:
                    geometry = {"type": "Point", "coordinates": [event["lon"], event["lat"]]}
                feature = {"type": "Feature", "id": event["id"], "geometry": geometry,
                           "properties": exporter.csv_row(event, reports)}  # fmt: skip
                buf.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False, default=str))
            if buf.tell() >= _FLUSH:
                yield buf.getvalue().encode("utf-8")
                buf = io.StringIO()
                if writer is not None:
                    writer = csv.DictWriter(buf, fieldnames=writer.fieldnames)
        if fmt == "geojson":
            buf.write("\n]}\n")
        yield buf.getvalue().encode("utf-8")


def _response(request: Request, flt: EventFilter, limit: int | None, fmt: str, media: str) -> StreamingResponse:
    return StreamingResponse(
        _stream(request, flt, limit, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="eventwire-events.{fmt}"'},
    )


@router.get("/export.csv", summary="Export events as CSV", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}, "description": "ACLED-style columns, then eventwire's"}})
def export_csv(request: Request, flt: Filter, limit: ExportLimit = None) -> StreamingResponse:
    return _response(request, flt, limit, "csv", "text/csv; charset=utf-8")


@router.get("/export.geojson", summary="Export events as GeoJSON", response_class=StreamingResponse,
            responses={200: {"content": {"application/geo+json": {}}, "description": "A FeatureCollection of points"}})
def export_geojson(request: Request, flt: Filter, limit: ExportLimit = None) -> StreamingResponse:
    return _response(request, flt, limit, "geojson", "application/geo+json")


@router.get("/export.jsonl", summary="Export events as JSONL with evidence", response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}, "description": "One event per line with every report"}})
def export_jsonl(request: Request, flt: Filter, limit: ExportLimit = None) -> StreamingResponse:
    return _response(request, flt, limit, "jsonl", "application/x-ndjson")
