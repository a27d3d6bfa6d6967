"""Linking: what spans articles (today the people table), computed from stored per-article facts.

Pure functions over plain records, one module per derived thing (`people`); no spaCy, SQLite,
HTTP or store here, so the same functions can run over SQLite (storyline.jobs.link) or elsewhere.
"""
