"""storyline_attribute_table: the small English model's `attribute_ruler`, applied as array operations.

The ruler maps each token's tag to its part of speech and morphology and fixes a few words (pronoun
lemmas, "that" as a pronoun, ...): about 180 Matcher patterns of one or two tokens, run through
spaCy's general Matcher on every token: about an eighth of the whole pipeline's CPU time. Its patterns
test token attributes only (equality, IN, NOT_IN, REGEX; no operators, no extensions). So a token's
result depends only on the class of each tested attribute (a word no pattern names is like any other
such word): what the one-token patterns set is worked out once per combination of classes and then
looked up with array operations; the few two-token patterns are masks over the doc. Applied in the
ruler's order (a later entry wins) this gives the same attributes in a tenth of the time or less:
tests/test_attribute_table.py compares both. A pattern this table cannot express is an error at
load time, never a silent difference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

PREDICATES = ("IN", "NOT_IN", "REGEX")


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a memo key
class Test:
    """One attribute test of one token of a pattern: `column` of the doc's array, and how it is tested."""

    column: int
    predicate: str  # "==", "IN", "NOT_IN" or "REGEX"
    value: object  # a hash (==), a frozenset of hashes (IN, NOT_IN) or a compiled regex (REGEX)


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruler entry: its token patterns (each a list of per-token tests), the token of a match it
    sets (`index`, negative from the end) and the values it sets, by column of the written array."""

    patterns: tuple[tuple[tuple[Test, ...], ...], ...]
    index: int
    values: tuple[tuple[int, int], ...]


class AttributeTable:
    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        read: list[int] = []  # attribute ids the patterns test
        written: list[int] = []  # attribute ids the rules set

        def column(names: list[int], attr: int) -> int:
            if attr not in names:
                names.append(attr)
            return names.index(attr)

        rules = []
        # the ruler's own order: entry k is matched as str(k) and applied in ascending k, a later entry winning
        for k, attrs in enumerate(ruler.attrs):
            _key, patterns = ruler.matcher.get(str(k))
            compiled = tuple(tuple(self._token_tests(spec, lambda attr: column(read, attr)) for spec in pattern) for pattern in patterns)
            if set(attrs) - {IDS["POS"], IDS["MORPH"], IDS["LEMMA"], IDS["TAG"], IDS["DEP"]}:
                raise ValueError(f"attribute_ruler entry {k} sets {sorted(attrs)}: storyline_attribute_table sets POS, MORPH, LEMMA, TAG and DEP only")
            values = tuple((column(written, attr), int(value)) for attr, value in attrs.items())
            rules.append(Rule(compiled, ruler.indices[k], values))
        self.rules = rules
        self.read = read
        self.written = written
        self._multi = [(k, rule) for k, rule in enumerate(rules) if any(len(p) > 1 for p in rule.patterns)]
        self._signatures: dict[tuple[int, ...], int] = {}
        # per tested attribute: the values a ==, IN or NOT_IN test names, and its REGEX tests
        self._named: list[set[int]] = [set() for _ in read]
        self._regexes: list[list[Test]] = [[] for _ in read]
        for rule in rules:
            for pattern in rule.patterns:
                for tests in pattern:
                    for test in tests:
                        if test.predicate == "REGEX":
                            self._regexes[test.column].append(test)
                        elif test.predicate == "==":
                            self._named[test.column].add(test.value)
                        else:
                            self._named[test.column].update(test.value)
        self._outcome_memo: dict[Test, np.ndarray] = {}
        # per tested attribute: value -> class, class key -> class, a value of each class
        self._class_memo: list[tuple[dict[int, int], dict[tuple, int], list[int]]] = [({}, {}, []) for _ in read]
        self._new: list[tuple[list[int], list[int]]] = []
        self._rule = np.zeros((0, len(written)), np.int64)
        self._value = np.zeros((0, len(written)), np.uint64)

    def _token_tests(self, spec: dict, column) -> tuple[Test, ...]:
        tests = []
        for name, value in spec.items():
            attr = IDS.get(name.upper()) if isinstance(name, str) else name
            if attr is None or name in ("OP", "_") or name.upper() in ("TEXT", "IS_SENT_START", "SENT_START", "MORPH", "ENT_IOB"):
                raise ValueError(f"attribute_ruler pattern {spec!r}: storyline_attribute_table cannot test {name!r}")
            if isinstance(value, dict):
                if len(value) != 1 or next(iter(value)) not in PREDICATES:
                    raise ValueError(f"attribute_ruler pattern {spec!r}: storyline_attribute_table tests {PREDICATES} only")
                predicate, operand = next(iter(value.items()))
                if predicate == "REGEX":
                    tests.append(Test(column(attr), predicate, re.compile(operand)))
                else:
                    tests.append(Test(column(attr), predicate, frozenset(get_string_id(v) for v in operand)))
            elif isinstance(value, bool):
                tests.append(Test(column(attr), "==", int(value)))
            elif isinstance(value, (str, int)):
                tests.append(Test(column(attr), "==", self.strings.add(value) if isinstance(value, str) else value))
            else:
                raise ValueError(f"attribute_ruler pattern {spec!r}: storyline_attribute_table cannot test a {type(value).__name__}")
        return tuple(tests)

    def _holds(self, test: Test, value: int) -> bool:
        """`test` on one token's attribute value (a hash)."""
        if test.predicate == "==":
            return value == test.value
        if test.predicate == "REGEX":
            return bool(test.value.search(self.strings[value]))
        return (value in test.value) == (test.predicate == "IN")

    def _outcomes(self, test: Test) -> np.ndarray:
        """`test` on every class of its attribute (bool by class), grown as classes appear."""
        known = self._outcome_memo.get(test)
        representative = self._class_memo[test.column][2]
        if known is None or len(known) < len(representative):
            start = 0 if known is None else len(known)
            more = np.array([self._holds(test, value) for value in representative[start:]], bool)
            known = self._outcome_memo[test] = more if known is None else np.concatenate([known, more])
        return known

    def _mask(self, tests: tuple[Test, ...], classes: np.ndarray) -> np.ndarray:
        """`tests` on every token of the doc at once (from the class of each attribute)."""
        mask = np.ones(len(classes), bool)
        for test in tests:
            mask &= self._outcomes(test)[classes[:, test.column]]
        return mask

    def _classes(self, column: int, values: np.ndarray) -> np.ndarray:
        """Each value of one attribute as its class: values that no test tells apart share one (a word
        no pattern names, and no regex tells from another, is any such word), so there are few."""
        memo, keys, representative = self._class_memo[column]
        unique, inverse = np.unique(values, return_inverse=True)
        out = []
        for value in unique.tolist():
            found = memo.get(value)
            if found is None:
                if value in self._named[column]:
                    key: tuple = (value,)
                else:
                    key = (None,) + tuple(self._holds(test, value) for test in self._regexes[column])
                found = keys.get(key)
                if found is None:
                    found = keys[key] = len(keys)
                    representative.append(value)
                memo[value] = found
            out.append(found)
        return np.array(out, np.int64)[inverse]

    def _signature(self, classes: tuple[int, ...]) -> int:
        """The id of a token signature (the class of each tested attribute): what the one-token
        patterns set on such a token, kept in `self._rule` / `self._value` ([id, column]; rule -1
        where none sets it)."""
        row = [self._class_memo[c][2][k] for c, k in enumerate(classes)]  # a value of each class
        rule_of = [-1] * len(self.written)
        value_of = [0] * len(self.written)
        for k, rule in enumerate(self.rules):
            if any(len(p) == 1 and all(self._holds(t, row[t.column]) for t in p[0]) for p in rule.patterns):
                for col, value in rule.values:
                    rule_of[col], value_of[col] = k, value
        self._new.append((rule_of, value_of))
        found = self._signatures[classes] = len(self._signatures)
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        array = doc.to_array(self.read)
        out = doc.to_array(self.written)
        classes = np.stack([self._classes(c, array[:, c]) for c in range(len(self.read))], axis=1)
        key = classes[:, 0].copy()
        for c in range(1, len(self.read)):  # one number per row, to find the doc's distinct rows fast
            key *= len(self._class_memo[c][2])
            key += classes[:, c]
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        signatures = self._signatures
        ids = np.array([signatures.get(row) if row in signatures else self._signature(row) for row in map(tuple, classes[first].tolist())], np.int64)[inverse]
        if self._new:  # signatures first seen in this doc: grow the tables once
            rule_of, value_of = zip(*self._new)
            self._rule = np.concatenate([self._rule, np.array(rule_of, np.int64)])
            self._value = np.concatenate([self._value, np.array(value_of, np.uint64)])
            self._new.clear()
        rule_at = self._rule[ids]
        set_at = rule_at >= 0
        out[set_at] = self._value[ids][set_at]
        for k, rule in self._multi:  # patterns of several tokens, each over the whole doc
            for pattern in rule.patterns:
                width = len(pattern)
                if width == 1 or width > n:
                    continue
                starts = self._mask(pattern[0], classes)[: n - width + 1]
                for offset in range(1, width):
                    starts &= self._mask(pattern[offset], classes)[offset : n - width + 1 + offset]
                targets = np.flatnonzero(starts) + (rule.index if rule.index >= 0 else width + rule.index)
                for col, value in rule.values:
                    later = targets[rule_at[targets, col] < k]  # a later entry of the ruler wins
                    out[later, col] = value
                    rule_at[later, col] = k
                    set_at[later, col] = True
        touched = set_at.any(axis=0)
        if touched.any():
            doc.from_array([self.written[c] for c in np.flatnonzero(touched)], out[:, touched])
        return doc


@Language.factory("storyline_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """Compiled from the pipeline's `attribute_ruler`, which it then replaces (see pipeline.load)."""
    return AttributeTable(nlp.get_pipe("attribute_ruler"))


class LemmaTable:
    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise ValueError(f"storyline_lemma_table reads a rule lemmatizer that keeps lemmas already set (got mode {lemmatizer.mode!r}, overwrite {lemmatizer.overwrite})")
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (text, part of speech, morphology) -> lemma

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        array = doc.to_array([LEMMA, ORTH, POS, MORPH])
        lemmas = array[:, 0].copy()
        unset = np.flatnonzero(lemmas == 0)  # a lemma the attribute ruler set stays, as the lemmatizer leaves it
        memo = self._lemmas
        for i, key in zip(unset.tolist(), map(tuple, array[unset, 1:].tolist())):
            found = memo.get(key)
            if found is None:
                found = memo[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("storyline_lemma_table")
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    """The pipeline's `lemmatizer` by look-up, which it then replaces (see pipeline.load)."""
    return LemmaTable(nlp.get_pipe("lemmatizer"))
