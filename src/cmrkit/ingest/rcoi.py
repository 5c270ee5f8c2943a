"""The reasonable country of origin inquiry (RCOI) figures of one ingest run.

"Asked" comes only from the person running the inquiry: the number of suppliers asked
(`asked`, `cmrkit ingest --asked N`) or their list (`asked_list`, `--asked-list FILE`, one name
a line), never from the files received: a supplier that was asked and never answered sent no
file, so counting files would state a response rate of 100% that nobody measured. Until it is
given, the figure is null (`asked_basis: not_given`): the report prints a blank to fill and
`cmrkit check` names it. "Answering" is the number of distinct suppliers (company name, or file
name when blank) whose CMRT was read and is filled in: an unfilled template answers nothing;
RMI's other templates (EMRT, CRT, AMRT) sent next to a CMRT count for neither figure. With a
list, "answering" counts the suppliers of the list that answered (names compared without case
and extra blanks); who did not answer, and who answered without being on the list, are written
out (`asked_list`) so the list or a name can be corrected.

The figures are written (`cmrkit ingest --rcoi RCOI.yml`) as YAML, or JSON for a `.json` name:

    rcoi:                                  # the same keys as the `rcoi:` block of facts.yml
      contract_manufacturers_asked: 7      # null until given (--asked, --asked-list)
      contract_manufacturers_answering: 7
      cmrt_level: company                  # company, product, user_defined, mixed or unknown
      template: CMRT
    asked_basis: count                     # count, list or not_given
    asked_list:                            # with --asked-list only
      not_answering: [Supplier C]          # on the list, no CMRT read from them
      not_listed: []                       # a CMRT read, but not on the list
    files_received: 9                      # every workbook, other templates included
    files_read: 7                          # CMRTs read, unfilled ones included
    files_refused: 1
    unfilled_templates: 0                  # CMRTs read but blank: not answering
    other_templates: {EMRT: 1}             # RMI's other templates: neither asked nor answering
    declarations:                          # declaration scope (Declaration D9) of files read
      company: 6
      product: 1
      user_defined: 0
      blank: 0
    revisions: {"6.4": 3, "6.5": 4}
    metal_questions:                       # Q1..Q8, per metal, answers of files read
      Q1: {Tantalum: {"Yes": 5, "No": 2}, Tin: {...}, Gold: {...}, Tungsten: {...}}
      ...
    company_questions:                     # A..H
      A: {"Yes": 6, "No": 1}
    suppliers_with_3tg: 6                  # answered Yes to Q1 for at least one metal
    facilities: {total: 120, listed: 117, unlisted: 3, by_metal: {Gold: 80, ...}}
    smelter_rows: {total: 500, consolidated: 480, flagged: 20}

Unanswered questions are counted under the key "blank", so every answering file is counted once
per question and metal; declarations and answers count answering files only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cmrkit.ingest.cmrt.layout import revision_key
from cmrkit.ingest.cmrt.read import SupplierFile
from cmrkit.ingest.cmrt.resolve import supplier_name
from cmrkit.ingest.consolidate import Facility
from cmrkit.reference.load import fold

SCOPES = ("company", "product", "user_defined", "blank")
BLANK = "blank"  # the key of unanswered questions


NOT_GIVEN = "not_given"  # the basis of a run told nothing about the suppliers asked


@dataclass
class RcoiFigures:
    asked: int | None  # None: nobody said how many suppliers were asked
    answering: int
    cmrt_level: str
    asked_basis: str
    files_received: int
    files_read: int
    files_refused: int
    declarations: dict[str, int]
    revisions: dict[str, int]
    metal_questions: dict[str, dict[str, dict[str, int]]]
    company_questions: dict[str, dict[str, int]]
    suppliers_with_3tg: int
    facilities: dict[str, Any] = field(default_factory=dict)
    smelter_rows: dict[str, int] = field(default_factory=dict)
    unfilled_templates: int = 0
    other_templates: dict[str, int] = field(default_factory=dict)
    # With a list of the suppliers asked: those with no CMRT read, those read but not listed.
    not_answering: tuple[str, ...] = ()
    not_listed: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        listed = {}
        if self.asked_basis == "list":
            listed = {
                "asked_list": {
                    "not_answering": list(self.not_answering),
                    "not_listed": list(self.not_listed),
                }
            }
        return {
            "rcoi": {
                "contract_manufacturers_asked": self.asked,
                "contract_manufacturers_answering": self.answering,
                "cmrt_level": self.cmrt_level,
                "template": "CMRT",
            },
            "asked_basis": self.asked_basis,
            **listed,
            "files_received": self.files_received,
            "files_read": self.files_read,
            "files_refused": self.files_refused,
            "unfilled_templates": self.unfilled_templates,
            "other_templates": self.other_templates,
            "declarations": self.declarations,
            "revisions": self.revisions,
            "metal_questions": self.metal_questions,
            "company_questions": self.company_questions,
            "suppliers_with_3tg": self.suppliers_with_3tg,
            "facilities": self.facilities,
            "smelter_rows": self.smelter_rows,
        }


def scope_kind(answer: str, scopes: dict[str, str]) -> str:
    """'company', 'product' or 'user_defined' from the Declaration's scope answer.

    The answer starts with its letter ("A. Company") whatever the language, so the letter
    decides; English words are a fallback for hand-typed answers.
    """
    text = answer.strip()
    if not text:
        return "blank"
    letter = text[0].upper()
    if letter in scopes and (len(text) == 1 or not text[1].isalpha()):
        return scopes[letter]
    lowered = text.casefold()
    for word, kind in (("company", "company"), ("product", "product"), ("user", "user_defined")):
        if word in lowered:
            return kind
    return "blank"


def rcoi_figures(
    files: Sequence[SupplierFile],
    refused: int,
    scopes: dict[str, str],
    facilities: Iterable[Facility] = (),
    smelter_rows: dict[str, int] | None = None,
    asked: int | None = None,
    asked_list: Sequence[str] | None = None,
    other_templates: dict[str, int] | None = None,
) -> RcoiFigures:
    """Count what the files read say; see the module docstring for each figure's meaning."""
    read = list(files)
    files = [f for f in read if not f.unfilled]  # the answering files
    others = dict(sorted((other_templates or {}).items()))
    names = {fold(supplier_name(f)): supplier_name(f) for f in files}
    answering = len(names)
    not_answering: tuple[str, ...] = ()
    not_listed: tuple[str, ...] = ()
    asked_count: int | None
    if asked_list is not None:
        listed: dict[str, str] = {}
        for name in asked_list:
            if name.strip():
                listed.setdefault(fold(name), name.strip())  # the first spelling is shown
        asked_count, basis = len(listed), "list"
        answering = len(listed.keys() & names.keys())
        not_answering = tuple(name for key, name in listed.items() if key not in names)
        not_listed = tuple(sorted(name for key, name in names.items() if key not in listed))
    elif asked is not None:
        asked_count, basis = asked, "count"
    else:
        asked_count, basis = None, NOT_GIVEN
    declarations = dict.fromkeys(SCOPES, 0)
    for f in files:
        declarations[scope_kind(f.declaration.get("scope", ""), scopes)] += 1
    used = {k for k, v in declarations.items() if v and k != "blank"}
    cmrt_level = used.pop() if len(used) == 1 else ("mixed" if used else "unknown")
    metal_questions: dict[str, dict[str, Counter[str]]] = {}
    company_questions: dict[str, Counter[str]] = {}
    with_3tg = 0
    for f in files:
        for question, block in f.metal_answers.items():
            for metal, answer in block.items():
                metal_questions.setdefault(question, {}).setdefault(metal, Counter())[
                    answer["answer"] or BLANK
                ] += 1
        for letter, answer in f.company_answers.items():
            company_questions.setdefault(letter, Counter())[answer["answer"] or BLANK] += 1
        q1 = f.metal_answers.get("Q1", {})
        if any(fold(a["answer"]) == "yes" for a in q1.values()):
            with_3tg += 1
    facility_list = list(facilities)
    by_metal = Counter(f.metal for f in facility_list)
    return RcoiFigures(
        asked=asked_count,
        answering=answering,
        cmrt_level=cmrt_level,
        asked_basis=basis,
        files_received=len(read) + refused + sum(others.values()),
        files_read=len(read),
        files_refused=refused,
        unfilled_templates=len(read) - len(files),
        other_templates=others,
        declarations=declarations,
        revisions=dict(
            sorted(Counter(f.revision for f in read).items(), key=lambda i: revision_key(i[0]))
        ),
        metal_questions={
            q: {m: dict(sorted(c.items())) for m, c in block.items()}
            for q, block in metal_questions.items()
        },
        company_questions={k: dict(sorted(c.items())) for k, c in company_questions.items()},
        suppliers_with_3tg=with_3tg,
        facilities={
            "total": len(facility_list),
            "listed": sum(1 for f in facility_list if f.listed),
            "unlisted": sum(1 for f in facility_list if not f.listed),
            "by_metal": dict(sorted(by_metal.items())),
        },
        smelter_rows=dict(smelter_rows or {}),
        not_answering=not_answering,
        not_listed=not_listed,
    )
