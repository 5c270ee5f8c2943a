"""How the facilities of two Annexes were found to be one, said in words: the Year over year
page and `cmrkit diff` print the same sentence, from here, so a reader of the site and a reviewer
of a change are told the same thing. A reader comparing years without smelter IDs needs to know
that a name, not an ID, made two rows one facility."""

from __future__ import annotations

from cmrkit.year.compare import Comparison


def matching_sentence(comparison: Comparison) -> str:
    """How many facilities are in both Annexes, and how many of them were matched by smelter ID
    and how many by metal, name and country (`cmrkit.year.compare.match_rows`)."""
    c = comparison
    both = c.by_id + c.by_name
    facilities = "1 facility is" if both == 1 else f"{both} facilities are"
    # Two revisions of one year (`cmrkit diff`) are two versions, not two years.
    where = "both years" if c.old_year != c.new_year else "both versions"
    return (
        f"{facilities} in {where}: {c.by_id} matched by smelter ID, and {c.by_name} by "
        "metal, name and country where a row carries no smelter ID (names and countries "
        "compared regardless of case, accents, quotes, punctuation and the spelling of company "
        "forms such as “Co., Ltd.” and “Company Limited”)."
    )
