"""`POST /relate`: claim–text relations for pairs the caller brings (nothing is stored)."""
from __future__ import annotations

import threading
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

MAX_PAIRS = 1000

router = APIRouter(tags=["analysis"])
_lock = threading.Lock()  # the model is read-only but featurising is CPU-bound: one request at a time


class RelatePair(BaseModel):
    id: str | int | None = Field(None, description="echoed back; the pair's position when absent")
    claim: str = Field(min_length=1, pattern=r"\S", description="the claim, e.g. a headline or a statement")
    text: str = Field(min_length=1, pattern=r"\S", description="the text that may confirm, deny or report it")


class RelateRequest(BaseModel):
    pairs: list[RelatePair] = Field(min_length=1, max_length=MAX_PAIRS)


class RelationModel(BaseModel):
    id: str | int
    relation: Literal["agree", "disagree", "discuss", "unrelated"]
    score: float = Field(description="the model's probability for the relation")
    scores: dict[str, float] = Field(description="its probability for each relation")


class RelateResponse(BaseModel):
    relations: list[RelationModel]


@router.post("/relate", response_model=RelateResponse,
             summary="Does each text agree with, deny (disagree), only report (discuss), or not concern its claim?")
def relate(body: RelateRequest) -> RelateResponse:
    from storyline.link.relation import default_model

    with _lock:
        found = default_model().relate([(p.claim, p.text) for p in body.pairs])
    return RelateResponse(relations=[
        RelationModel(id=p.id if p.id is not None else i, relation=r.relation, score=r.score, scores=r.scores)
        for i, (p, r) in enumerate(zip(body.pairs, found))
    ])


router.add_api_route("/api/relate", relate, methods=["POST"], response_model=RelateResponse, include_in_schema=False)
