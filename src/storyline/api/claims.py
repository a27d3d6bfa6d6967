"""Claims and quotes: `GET /api/claims` (claims with everyone who confirmed, denied, repeated or withdrew
them, in date order) and `GET /api/quotes/{id}` (where quoted words first appeared, every use, the
wording variants). Both read what the link stage derived (storyline.store.claims)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from storyline.api import models
from storyline.api.convert import page
from storyline.api.service import MAX_PAGE, store_of
from storyline.store import claims as claim_store

router = APIRouter(prefix="/api", tags=["claims"])


@router.get("/claims", response_model=models.Page[models.ClaimModel],
            summary="Claims with everyone who confirmed, denied, repeated or withdrew them, in date order")
def list_claims(
    request: Request,
    story: Annotated[int | None, Query(ge=1, description="claims made or answered in this story")] = None,
    denied: Annotated[bool, Query(description="only claims someone denied or withdrew")] = False,
    speaker: Annotated[str | None, Query(max_length=200, description="claims made or answered by a speaker whose name contains this")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
):
    total, items = claim_store.claims(store_of(request), story=story, denied=denied, speaker=speaker, limit=limit, offset=offset)
    return page(items, limit, offset, total)


@router.get("/quotes/{quote_id}", response_model=models.QuoteModel, responses={404: {"model": models.ErrorModel}},
            summary="One quote's provenance: first outlet and time, every use, wording variants")
def get_quote(request: Request, quote_id: int):
    found = claim_store.quote(store_of(request), quote_id)
    if found is None:
        raise HTTPException(404, f"no quote {quote_id}")
    return found


@router.get("/quotes", response_model=list[models.QuoteSummaryModel], summary="Quotes carried more than once, most used first")
def list_quotes(request: Request, story: Annotated[int | None, Query(ge=1)] = None,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50):
    return claim_store.quotes(store_of(request), story=story, limit=limit)
