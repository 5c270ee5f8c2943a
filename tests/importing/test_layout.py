"""The printed page's furniture taken out of agents' HTML: a paragraph cut by a page break
joined again, page numbers and running headers dropped, a table split per page joined once."""

from __future__ import annotations

from cmrkit.importing.blocks import read_html
from cmrkit.importing.layout import tidy

RUNNING = "Acme Corp. | Conflict Minerals Report"


def _page_break(number: int) -> str:
    return (
        f'<p style="text-align:center">{number}</p><div style="page-break-before:always"></div>'
        f"<p>{RUNNING}</p>"
    )


def test_a_paragraph_cut_by_a_page_break_is_one_paragraph() -> None:
    html = (
        "<p>Our suppliers reported the smelters in their supply</p>"
        + _page_break(1)
        + "<p>chain, and we reviewed each answer.</p>"
        + _page_break(2)
        + "<p>A new paragraph.</p>"
    )
    texts = [b.text for b in tidy(read_html(html).blocks) if b.kind != "break"]
    assert texts == [
        "Our suppliers reported the smelters in their supply chain, and we reviewed each answer.",
        "A new paragraph.",
    ]


def test_a_table_split_per_page_with_its_header_repeated_is_one_table() -> None:
    header = "<tr><th>Metal</th><th>Smelter Name</th><th>Country</th></tr>"
    rows = [f"<tr><td>Tin</td><td>Smelter {n}</td><td>Peru</td></tr>" for n in range(6)]
    html = (
        f"<table>{header}{''.join(rows[:3])}</table>"
        + _page_break(7)
        + f"<table>{header}{''.join(rows[3:])}</table>"
        + _page_break(8)
        + "<p>After the table.</p>"
    )
    blocks = [b for b in tidy(read_html(html).blocks) if b.kind != "break"]
    assert [b.kind for b in blocks] == ["table", "paragraph"]
    assert [c.text for c in blocks[0].rows[0]] == ["Metal", "Smelter Name", "Country"]
    assert [r[1].text for r in blocks[0].rows[1:]] == [f"Smelter {n}" for n in range(6)]


def test_cells_spanned_otherwise_than_their_header_line_up_under_it() -> None:
    """Agents span header cells over three grid columns and put each value in the middle one."""
    html = (
        "<table><tr><td colspan='3'><b>Metal</b></td><td></td><td colspan='3'><b>Smelter Name</b>"
        "</td><td></td><td colspan='3'><b>Country</b></td></tr>"
        "<tr><td></td><td>Tin</td><td></td><td></td><td></td><td>Minsur</td><td></td><td></td>"
        "<td></td><td>Peru</td><td>&#160;</td></tr></table>"
    )
    (table,) = tidy(read_html(html).blocks)
    assert [[c.text for c in row] for row in table.rows] == [
        ["Metal", "Smelter Name", "Country"],
        ["Tin", "Minsur", "Peru"],
    ]


def test_a_short_bold_head_ending_with_a_period_is_a_heading() -> None:
    from cmrkit.importing.structure import heading_rank

    blocks = tidy(
        read_html("<p><b>Introduction.</b></p><p><b>We did this.</b> Then that.</p>").blocks
    )
    assert [heading_rank(b) for b in blocks] == [2, None]
