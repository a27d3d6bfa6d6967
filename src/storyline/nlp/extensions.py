"""Every Doc extension attribute storyline sets, in one place, with who sets it."""
from spacy.attrs import ORTH
from spacy.tokens import Doc

_EXTENSIONS = {
    "published": None,  # datetime.date | None — set by analyze() before the pipeline runs
    "author": None,  # str | None — the input's metadata author, set by analyze() before the pipeline runs
    "title": None,  # str | None — the input's metadata title, set by analyze() before the pipeline runs
    "caption_ranges": None,  # [(start, end)] captions the reader already knows (HTML) — analyze()
    "headline": None,  # str | None — storyline_layout
    "headline_range": None,  # (start, end) | None — storyline_layout
    "sections": None,  # [Section] — storyline_layout
    "captions": None,  # [Caption] — storyline_layout
    "boilerplate": None,  # [(start, end)] labels, credits, related links: never entities or speakers — storyline_layout
    "times": None,  # [TimeExpression] — storyline_times
    "entities": None,  # [Entity] — storyline_entities
    "entity_at": None,  # {token index: entity id} for every entity mention token — storyline_entities
    "model_attributions": None,  # [{"source": [...], "cue": [...], "content": [...]}] — storyline_attribution_model
    "statements": None,  # [Statement] — storyline_attribution, speakers, stance
    "speaker_steps": None,  # {(content start, end): name of the speaker step that credited it} — storyline_speakers
    "text": None,  # str — doc.text, cached by text_of()
    "token_texts": None,  # tuple[str, ...] — every token's text, cached by token_texts()
}

for _name, _default in _EXTENSIONS.items():
    Doc.set_extension(_name, default=_default, force=True)


_TEXT_KEY = ("._.", "text", None, None)  # spaCy's key for a Doc extension's value in `doc.user_data`


def text_of(doc: Doc) -> str:
    """The Doc's text. `doc.text` rebuilds the string from the tokens on every access, and the
    components slice it thousands of times per article, so it is built once and kept (read straight
    from `doc.user_data`, where `doc._.text` keeps it: `doc._` makes a new object on every access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc._.text = doc.text
    return text


_TOKEN_TEXTS_KEY = ("._.", "token_texts", None, None)


def token_texts(doc: Doc) -> tuple[str, ...]:
    """Every token's text, read from the Doc's arrays once and kept (as `text_of` keeps the text): the rules
    that scan every word make no Token object for a word none of them wants. The tokens never change after
    the tokenizer (nothing retokenizes), so the cache stays true."""
    texts = doc.user_data.get(_TOKEN_TEXTS_KEY)
    if texts is None:
        strings = doc.vocab.strings
        texts = doc._.token_texts = tuple(strings[h] for h in doc.to_array(ORTH).tolist()) if len(doc) else ()
    return texts
