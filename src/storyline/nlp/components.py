"""Imports every storyline component module so their factories are registered with spaCy."""
from storyline.nlp import act, attribute_table, attribution, attribution_model, entities, layout, speakers, stance  # noqa: F401
from storyline.nlp.timex import component  # noqa: F401
