"""FastAPI dependencies: a borrowed store per request, paging parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from eventwire.store import Store


def borrow_store(request: Request) -> Iterator[Store]:
    """A store from the app's pool for the length of the request."""
    with request.app.state.pool.borrow() as store:
        yield store


StoreDep = Annotated[Store, Depends(borrow_store)]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip (prefer cursor for deep paging)")]
