"""How well `reader import` finds and attributes quotes, against hand-made gold.

    python benchmarks/import_quality.py [-v]

Each case is a gold file in benchmarks/import_corpus/ (NAME.gold.yaml): the source text
(NAME.txt beside it, or `source:`), the expected quotes with their speakers, and for each
speaker the names the text gives them. The bundled seed's gold is its hand-made article
(`article:`), whose quotes and speakers are used as they are.

How it scores:
- The importer runs as `reader import` does, into a temporary folder; the scaffold must load
  (it passes `reader check`), else the case fails.
- A predicted quote matches a gold quote when both stand in the same paragraph (same text)
  and have the same words once the quotation marks around them and the punctuation at their
  end are stripped. Matching is one to one. Precision = matched / predicted, recall =
  matched / gold, F1 their harmonic mean.
- Speaker accuracy is over matched quotes: a predicted speaker is right when its name, put in
  a plain form (lowercase, one kind of apostrophe, no leading a/the/my/her/his…), is one of the
  gold speaker's names in the same form.
Goals (issue 6): F1 >= 0.95 and speaker accuracy >= 0.9 on every case. The exit code is 1
when a goal is missed, so CI can run this.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reader.core.importer import import_file
from reader.core.loader import load_article
from reader.core.seed import parse_seed

CORPUS = Path(__file__).resolve().parent / "import_corpus"
GOAL_F1, GOAL_SPEAKERS = 0.95, 0.90
_MARKS = "“”\"‘’'«»„‚‹›"
_DETERMINERS = {"a", "an", "the", "my", "her", "his", "their", "our", "its"}


def words(text: str) -> str:
    """A quote's words without the marks around them and the punctuation that ends them."""
    return re.sub(rf"^[\s{_MARKS}]+|[\s{_MARKS}.,;:!?…—–-]+$", "", text)


def name_form(name: str) -> str:
    """A name in the plain form names are compared in."""
    parts = name.replace("’", "'").casefold().strip(" .,;:").split()
    while parts and parts[0] in _DETERMINERS:
        parts = parts[1:]
    return " ".join(parts)


@dataclass
class Case:
    """One article with its gold: quotes as (paragraph, words, speaker id), names per speaker."""

    name: str
    source: Path
    quotes: list[tuple[str, str, str]]
    names: dict[str, set[str]]


@dataclass
class Score:
    """What one case scored."""

    name: str
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    right_speaker: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Matched over predicted."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched over gold."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speakers(self) -> float:
        """Right speakers over matched quotes."""
        return self.right_speaker / self.matched if self.matched else 0.0

    @property
    def met(self) -> bool:
        """True when both goals are met."""
        return self.f1 >= GOAL_F1 and self.speakers >= GOAL_SPEAKERS


def load_case(gold_file: Path) -> Case:
    """Read a gold file and the text it is about."""
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    base = gold_file.parent
    source = (base / gold["source"]).resolve() if "source" in gold else gold_file.with_name(gold_file.name.replace(".gold.yaml", ".txt"))
    names = {sid: {name_form(n) for n in ns} for sid, ns in (gold.get("speakers") or {}).items()}
    quotes: list[tuple[str, str, str]] = []
    if "article" in gold:
        article = load_article(base / gold["article"])
        for s in article.speakers:
            names.setdefault(s.id, set()).add(name_form(s.name))
        scenes = article.scene_by_id
        for q in article.quotes:
            para = next(p for p in scenes[q.scene].paragraphs if q.text in p)
            quotes.append((para, words(q.text), q.speaker))
    else:
        body = parse_seed(source.read_text(encoding="utf-8")).paragraphs
        for q in gold["quotes"]:
            holding = [p for p in body if q["text"] in p]
            if len(holding) != 1:
                raise SystemExit(f"{gold_file}: gold quote in {len(holding)} paragraphs (need exactly 1): {q['text']!r}")
            quotes.append((holding[0], words(q["text"]), q["speaker"]))
    return Case(gold_file.name.removesuffix(".gold.yaml"), source, quotes, names)


def score(case: Case, folder: Path) -> Score:
    """Import the case's text, check the scaffold loads, and score its quotes and speakers."""
    out = folder / f"{case.name}.yaml"
    # the scaffold names its text where it stands: that folder is allowed, as a user would (SECURITY.md)
    os.environ["READER_SEED_DIRS"] = str(case.source.resolve().parent)
    out.write_text(import_file(case.source, out), encoding="utf-8")
    article = load_article(out)  # raises ContentError if the scaffold would fail `reader check`
    predicted: dict[tuple[str, str], list[str]] = defaultdict(list)
    for q in article.quotes:
        para = next(p for p in article.scene_by_id[q.scene].paragraphs if q.text in p)
        predicted[(para, words(q.text))].append(name_form(article.speaker_by_id[q.speaker].name))
    result = Score(case.name, predicted=len(article.quotes), gold=len(case.quotes))
    for para, text, speaker in case.quotes:
        guesses = predicted.get((para, text))
        if not guesses:
            result.misses.append(f"missed: {text!r}")
            continue
        guess = guesses.pop(0)
        result.matched += 1
        if guess in case.names.get(speaker, set()):
            result.right_speaker += 1
        else:
            result.misses.append(f"speaker: {text[:50]!r}: got {guess!r}, want {speaker} {sorted(case.names.get(speaker, []))}")
    for (_para, text), left in predicted.items():
        result.misses.extend(f"extra: {text!r}" for _ in left)
    return result


def main(argv: list[str] | None = None) -> int:
    """Score every case, print the table, and return 1 when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every missed, extra or misattributed quote")
    args = parser.parse_args(argv)
    cases = [load_case(p) for p in sorted(CORPUS.glob("*.gold.yaml"))]
    with tempfile.TemporaryDirectory() as tmp:
        scores = [score(case, Path(tmp)) for case in cases]
    head = f"{'article':<22}{'gold':>5}{'found':>6}{'match':>6}{'prec':>7}{'recall':>7}{'F1':>7}{'speaker':>9}  goals"
    print(head)
    print("-" * len(head))
    for s in scores:
        print(f"{s.name:<22}{s.gold:>5}{s.predicted:>6}{s.matched:>6}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
              f"{s.speakers:>9.3f}  {'met' if s.met else 'NOT met'}")
        if args.verbose:
            for line in s.misses:
                print(f"    {line}")
    total = Score("all (micro)", sum(s.predicted for s in scores), sum(s.gold for s in scores),
                  sum(s.matched for s in scores), sum(s.right_speaker for s in scores))
    print("-" * len(head))
    print(f"{total.name:<22}{total.gold:>5}{total.predicted:>6}{total.matched:>6}{total.precision:>7.3f}"
          f"{total.recall:>7.3f}{total.f1:>7.3f}{total.speakers:>9.3f}")
    print(f"\ngoals: F1 >= {GOAL_F1} and speaker accuracy >= {GOAL_SPEAKERS} on each article: "
          + ("met on all" if all(s.met for s in scores) else "NOT met on " + ", ".join(s.name for s in scores if not s.met)))
    return 0 if all(s.met for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main())
