"""A statement's speaker mention: the per-article fact the link stage groups into people."""
from __future__ import annotations

import json


def speaker_mention(entities: dict[str, dict], statement: dict) -> tuple[str, str | None, str] | None:
    """(name, entity type, roles as JSON) of the statement's named speaker; None when it has no name.

    The name is `speaker_name`, else the speaker entity's name; type and roles come from the entity.
    `entities`: the record's entities by id.
    """
    entity = entities.get(statement.get("speaker")) if statement.get("speaker") else None
    name = statement.get("speaker_name") or (entity or {}).get("name")
    if not name:
        return None
    return name, (entity or {}).get("type"), json.dumps(list((entity or {}).get("roles") or []))
