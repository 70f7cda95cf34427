"""Readability of each tutorial's step texts: are they easy for complete beginners?

Run with ``python bench/bench_readability.py`` (or ``make bench``). For every tutorial
that loads, over all its step texts (glossary brackets resolved, as read aloud):

- French: Kandel & Moles (1958), the French adaptation of Flesch reading ease,
  ``207 - 1.015 * words/sentence - 73.6 * syllables/word``;
- English: Flesch reading ease, ``206.835 - 1.015 * words/sentence - 84.6 * syllables/word``.

Bands (Flesch's): 90+ very easy, 80-90 easy, 70-80 fairly easy, 60-70 standard, below
60 difficult. The aim is "easy": a score of 80 or more (very easy counts too).

The syllables are counted from the spelling, not the sound, so the scores are estimates
good to a few points:

- French: a syllable per group of vowels (a e i o u y, accented or not, and æ œ); a final
  mute ``e``/``es`` after a consonant is not counted ("machine" 2, "porte" 1); ``é``
  followed by another vowel starts a new syllable ("réaction" 3, "créer" 2) except in a
  final ``-ée(s)`` ("année" 2). An elided article counts with its word ("l'atelier" is
  one word of 3 syllables). Not handled: other
  hiatus ("piano" counts 2, says 3), ``y`` between vowels ("crayon" counts 1, says 2),
  the verb ending ``-ent`` ("parlent" counts 2, says 1), poetry's counted mute e.
- English: vowel groups with a silent final ``e`` dropped (except ``-le`` after a
  consonant) and ``-ed`` not after t/d dropped; at least one a word. Irregular words
  ("area", "fire") are off by one.
- Numbers ("0,2", "15") count as one word of one syllable per digit group.

A tutorial that ``tutorials check`` leaves out (a missing picture, say) is measured all
the same from its raw YAML when its step texts can be read, and marked so. When no
tutorial is packaged yet (content is being written), the test fixtures are measured
instead, and the output says so.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.tutorials.library import (  # noqa: E402
    Library,
    default_root,
    plain_text,
    sentences,
    words,
)
from kiosk.tutorials.loader import load_library  # noqa: E402

FIXTURES = ROOT / "tests" / "kiosk" / "fixtures" / "tutorials"
EASY = 80.0

_FR_VOWELS = "aeiouyàâäéèêëîïôöùûüÿæœ"
_FR_GROUP = re.compile(rf"é(?=[{_FR_VOWELS}])(?!es?$)|[{_FR_VOWELS}]+")
_EN_GROUP = re.compile(r"[aeiouy]+")


def syllables_fr(word: str) -> int:
    """French syllables of a written word (see the module's limits)."""
    word = word.lower().replace("’", "'").split("'")[-1]  # l'atelier: the elided part is
    if not word:  # counted as part of the word it leans on ("l'a-te-lier" is 3)
        return 1
    if word.isdigit():
        return 1
    groups = len(_FR_GROUP.findall(word))
    mute = re.search(rf"[^{_FR_VOWELS}]es?$", word) is not None
    if groups > 1 and mute:
        groups -= 1
    return max(groups, 1)


def syllables_en(word: str) -> int:
    word = word.lower().replace("’", "'").split("'")[0]
    if not word or word.isdigit():
        return 1
    groups = len(_EN_GROUP.findall(word))
    silent_e = word.endswith("e") and not re.search(r"[^aeiouy]le$", word)
    silent_ed = re.search(r"[^td]ed$", word) is not None
    if groups > 1 and (silent_e or silent_ed):
        groups -= 1
    return max(groups, 1)


@dataclass(frozen=True)
class Measure:
    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


def measure(texts: list[str], lang: str) -> Measure:
    count = syllables_fr if lang == "fr" else syllables_en
    said = [s for text in texts for s in sentences(text)]
    tokens = [w for s in said for w in words(s)]
    return Measure(len(said), len(tokens), sum(count(w) for w in tokens))


def kandel_moles(m: Measure) -> float:
    return 207 - 1.015 * m.words_per_sentence - 73.6 * m.syllables_per_word


def flesch(m: Measure) -> float:
    return 206.835 - 1.015 * m.words_per_sentence - 84.6 * m.syllables_per_word


def band(score: float) -> str:
    for floor, name in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "standard")):
        if score >= floor:
            return name
    return "difficult"


def step_texts(library: Library, tutorial_id: str, lang: str) -> list[str] | None:
    """The plain step texts; for a tutorial left out, read from its raw YAML (or None)."""
    tutorial = library.tutorials.get(tutorial_id)
    if tutorial is not None:
        raw = [s.text.get(lang) for s in tutorial.steps]
    else:
        try:
            data: Any = yaml.safe_load((library.root / tutorial_id / "tutorial.yaml").read_text())
            raw = [str(step["text"][lang]) for step in data["steps"]]
        except (OSError, yaml.YAMLError, KeyError, TypeError):
            return None
    return [plain_text(text, library.glossary, lang) for text in raw]


def main() -> int:
    library = load_library(default_root())
    source = f"packaged tutorials ({library.root})"
    if not list(library.root.glob("*/tutorial.yaml")):
        library = load_library(FIXTURES)
        source = f"NO packaged tutorial yet: the test fixtures ({FIXTURES})"
    print(f"Readability of the step texts: {source}")
    if library.left_out:
        print("* left out by 'fablab-kiosk tutorials check'; measured from the raw YAML")
    header = (
        f"{'tutorial':<20} {'sent.':>5} {'words/s':>7} {'syll/w':>6} {'Kandel-Moles':>12} "
        f"{'band':<11} {'easy?':<5} | {'Flesch (en)':>11} {'band':<11}"
    )
    print(header)
    print("-" * len(header))
    failing = []
    for tutorial_id in [*library.tutorials, *library.left_out]:
        name = tutorial_id if tutorial_id in library.tutorials else f"{tutorial_id} *"
        texts_fr = step_texts(library, tutorial_id, "fr")
        texts_en = step_texts(library, tutorial_id, "en")
        if texts_fr is None or texts_en is None:
            print(f"{name:<20} (its step texts cannot be read)")
            continue
        fr, en = measure(texts_fr, "fr"), measure(texts_en, "en")
        score_fr, score_en = kandel_moles(fr), flesch(en)
        easy = score_fr >= EASY
        if not easy:
            failing.append(tutorial_id)
        print(
            f"{name:<20} {fr.sentences:>5} {fr.words_per_sentence:>7.1f} "
            f"{fr.syllables_per_word:>6.2f} {score_fr:>12.1f} {band(score_fr):<11} "
            f"{'yes' if easy else 'NO':<5} | {score_en:>11.1f} {band(score_en):<11}"
        )
    print(
        f"aim: Kandel-Moles >= {EASY:.0f} ('easy'); below it: {', '.join(failing) or 'none'}"
        f" -> {'FAIL' if failing else 'PASS'}"
    )
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
