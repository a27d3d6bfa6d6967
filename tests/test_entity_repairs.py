"""The entity repairs table: each repair's example, analysed, holds the entity it names."""
from __future__ import annotations

import pytest

import storyline
from storyline.nlp.entities import ENTITY_REPAIRS


def test_repair_names_are_unique() -> None:
    names = [repair.name for repair in ENTITY_REPAIRS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("repair", ENTITY_REPAIRS, ids=lambda repair: repair.name)
def test_each_repair_example_holds_its_entity(repair) -> None:
    article = storyline.analyze(repair.example, published="2021-03-10")
    found = {(e.name, e.type) for e in article.entities}
    assert (repair.entity, repair.type) in found, found
    for entity in article.entities:  # every mention is the text it indexes
        for mention in entity.mentions:
            assert repair.example[mention.start : mention.end] == mention.text
