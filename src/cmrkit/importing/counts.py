"""Counts in the filed prose bound to the figures of the imported data.

Each number a sentence states is read with the words after it (what it counts: smelters,
suppliers, a percentage; a status word or a metal narrowing it), the way `cmrkit check` reads
them. When exactly one figure of the imported Annex (or of the suppliers the prose states)
equals it and fits those words, the number becomes that figure's template expression, so next
year's data moves it. Every replacement and every number left as typed is returned with its
sentence for the review file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cmrkit.checks.numbers import NUMBER
from cmrkit.checks.rules import PrefilingRules, number_value
from cmrkit.render.words import number_words

_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+$"
)


# The figures that count one of the year's status words: the rows, and each facility once.
_BY_WORD = ("figures.by_status", "figures.facilities_by_status")
RMI_WORDS = ("Conformant", "Compliant", "Active", "Participating", "Not Enrolled", "Non-Conformant")


@dataclass(frozen=True)
class Figure:
    expression: str  # the template expression, e.g. figures.total
    value: int
    kind: str  # smelters | suppliers | percent
    status: str | None = None  # a status word or bucket it counts
    metal: str | None = None
    note: str = ""  # words that single it out ("greater risk", "remaining")


@dataclass(frozen=True)
class Decision:
    sentence: str
    typed: str
    value: int
    expression: str | None  # None: left as typed
    reason: str


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    right = text.find(". ", end)
    return text[left : right + 1 if right >= 0 else len(text)].strip()


def _what(rest: str, rules: PrefilingRules, statuses: re.Pattern[str] | None = None) -> str | None:
    """What the words after a number say it counts (a count class of prefiling.yml)."""
    text = rest
    for _ in range(6):
        text = text.lstrip(" \t,")
        if re.match(r"of\b", text, re.IGNORECASE):
            return None
        if statuses is not None and statuses.match(text):
            return "smelters"
        for count_class in rules.count_classes:
            if count_class.nouns.match(text):
                return count_class.name
        filler = rules.fillers.match(text) if rules.fillers else None
        if filler:
            text = text[filler.end() :]
            continue
        # a status or metal word between the number and its noun ("223 conformant smelters")
        word = re.match(r"[\w“”\"'-]+", text)
        if not word or len(word.group(0)) > 20:
            return None
        text = text[word.end() :]
    return None


def _fits(figure: Figure, clause: str, before: str) -> int:
    """How well a figure fits the words around the number (higher is better)."""
    score = 0
    folded = clause.casefold()
    if figure.status and re.search(rf"\b{re.escape(figure.status.casefold())}", folded):
        score += 4
    if figure.metal and re.search(rf"\b{figure.metal.casefold()}\b", folded[:120]):
        score += 4
    if figure.note and figure.note in (folded + " " + before.casefold()):
        score += 5
    if not figure.status and not figure.metal and not figure.note:
        score += 1  # the plain total: chosen when nothing narrows the count
    return score


def _prefer(tied: list[Figure], sentence: str) -> Figure | None:
    """Among figures of equal value that say the same thing, the one a page would name: a named
    count (`figures.conformant`) over the status word it sums; suppliers asked over answering
    unless the sentence speaks of answers."""
    if len(tied) < 2:
        return None
    named = [f for f in tied if f.status and not f.expression.startswith(_BY_WORD)]
    words = [f for f in tied if f.expression.startswith(_BY_WORD)]
    if len(named) == 1 and len(named) + len(words) == len(tied):
        return named[0]
    kinds = {f.expression for f in tied}
    if kinds == {"figures.suppliers_asked", "figures.suppliers_answering"}:
        answered = re.search(r"\b(?:receiv|respon|answer|return)", sentence, re.IGNORECASE)
        want = "figures.suppliers_answering" if answered else "figures.suppliers_asked"
        return next(f for f in tied if f.expression == want)
    return None


def _expression(figure: Figure, typed: str) -> str | None:
    """The expression written where the number was: digits as digits, words as words."""
    if typed.replace(",", "").isdigit():
        if "," in typed:
            return None  # "1,234": written back with its separator only by hand
        return "{{ " + figure.expression + " }}"
    if typed.lower() != number_words(figure.value):
        return None
    suffix = " | capitalize" if typed[0].isupper() else ""
    return "{{ " + figure.expression + " | words" + suffix + " }}"


def bind(
    text: str,
    figures: list[Figure],
    rules: PrefilingRules,
    earlier: dict[tuple[str, int], Figure] | None = None,
) -> tuple[str, list[Decision]]:
    """The paragraph with every number that is one figure's replaced by its expression, and
    the decision for every number it holds (already escaped Markdown in, Markdown out).
    `earlier` (kept by the caller across the report) holds the figure each count was bound to
    before: "these 125 facilities" names the 125 the report spoke of, whatever words follow."""
    earlier = {} if earlier is None else earlier
    out: list[str] = []
    decisions: list[Decision] = []
    position = 0
    # The year's status words, and RMI's words for the named counts ("2 are Active" counts the
    # active rows whatever the year prints for them).
    words = sorted({f.status for f in figures if f.status and f.expression.startswith(
        "figures.by_status")} | ({*RMI_WORDS} if any(f.status for f in figures) else set()),
        key=len, reverse=True)  # fmt: skip
    statuses = (
        re.compile("|".join(re.escape(w) for w in words) + r"(?![\w-])", re.IGNORECASE)
        if words else None
    )  # fmt: skip
    for match in NUMBER.finditer(text):
        typed = match.group(0)
        value = number_value(typed)
        if value is None or typed.lower() == "no":
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", typed):
            continue  # a year, not a count
        if _MONTH.search(text[max(0, match.start() - 10) : match.start()]) or (
            text[match.start() - 1 : match.start()] == "("
            and text[match.end() : match.end() + 1] == ")"
        ):
            continue  # a day of a date, or an enumeration "(2)"
        rest = text[match.end() :]
        kind = "percent" if rest.startswith(("%", " percent")) else _what(rest, rules, statuses)
        sentence = _sentence(text, match.start(), match.end())
        if kind is None:
            decisions.append(Decision(sentence, typed, value, None, "not a count"))
            continue
        clause = rest[:200]
        before = text[max(0, match.start() - 40) : match.start()]
        candidates = [f for f in figures if f.kind == kind and f.value == value]
        if not candidates:
            decisions.append(
                Decision(sentence, typed, value, None, f"a count of {kind}: no figure is {value}")
            )
            continue
        scored = sorted(((_fits(f, clause, before), f) for f in candidates), key=lambda p: -p[0])
        scored = [(s, f) for s, f in scored if s > 0]  # a narrower figure needs words naming it
        if not scored and (kind, value) in earlier:
            scored = [(1, earlier[(kind, value)])]
        if not scored:
            names = ", ".join(f.expression for f in candidates)
            decisions.append(
                Decision(sentence, typed, value, None, f"no words name {names}, which is {value}")
            )
            continue
        best = scored[0]
        tied = [f for s, f in scored if s == best[0]]
        preferred = _prefer(tied, sentence)
        if preferred is not None:
            best, tied = (best[0], preferred), [preferred]
        if len({f.expression for f in tied}) > 1 and best[0] < 4:
            names = ", ".join(f.expression for f in tied)
            decisions.append(
                Decision(sentence, typed, value, None, f"several figures are {value}: {names}")
            )
            continue
        end = match.end()
        if kind == "percent":
            expression: str | None = "{{ " + best[1].expression + " | percent }}"
            end += len(rest) - len(rest.lstrip()) if not rest.startswith("%") else 0
            if text[end : end + 1] == "%":
                end += 1
            elif text[end : end + 8].lower() == " percent":
                expression = None
        else:
            expression = _expression(best[1], typed)
        if expression is None:
            decisions.append(
                Decision(
                    sentence,
                    typed,
                    value,
                    None,
                    f"{best[1].expression} is {value}, "
                    "but the typed form cannot be written from it",
                )
            )
            continue
        out.append(text[position : match.start()])
        out.append(expression)
        position = end
        earlier[(kind, value)] = best[1]
        decisions.append(Decision(sentence, typed, value, expression, best[1].expression))
    out.append(text[position:])
    return "".join(out), decisions
