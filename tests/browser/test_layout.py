"""Charts and tables at every width, in both colour schemes: no page scrolls sideways on a phone,
chart text is at least 11 pixels tall from 320 pixels wide up, and the bars, lines and marks of
every chart keep 3:1 contrast against the page (WCAG 1.4.10, 1.4.11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.browser import page_urls

PHONES = (320, 390)
WIDTHS = (320, 390, 600, 768, 1024, 1400)
MIN_CHART_TEXT = 11.0
MIN_CONTRAST = 3.0

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const content = document.querySelector('.md-content').getBoundingClientRect();
  const wide = Array.from(document.querySelectorAll('.md-content *'))
    .filter(el => getComputedStyle(el).display !== 'none')
    .filter(el => { const r = el.getBoundingClientRect();
                    return r.width > 0 && r.right > content.right + 1; })
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
               + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''));
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
}"""

# The rendered size of each visible chart label: its font size times the drawing's scale.
CHART_TEXT = """() => Array.from(document.querySelectorAll('svg[role=img]'))
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => ({
    chart: svg.id || svg.getAttribute('class'),
    sizes: Array.from(svg.querySelectorAll('text'))
      .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a),
  }))"""

# Colour of every mark (bar, line, marker, legend swatch) against what is behind the chart.
CONTRAST = """() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const channel = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const behind = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const svg of document.querySelectorAll('svg[role=img]')) {
    if (!svg.getBoundingClientRect().width) continue;
    const back = behind(svg);
    const marks = svg.querySelectorAll(
      'rect[class^=chart-], .trend-series polyline, .trend-series line, .trend-series circle,' +
      ' .trend-series rect, .trend-series polygon');
    for (const mark of marks) {
      const style = getComputedStyle(mark);
      const stroked = mark.tagName === 'polyline' || mark.tagName === 'line';
      const paint = stroked ? style.stroke : style.fill;
      out.push({chart: svg.id || svg.getAttribute('class'), mark: mark.tagName,
                colour: paint, ratio: ratio(rgb(paint), back)});
    }
  }
  return out;
}"""


def chart_pages(site: Path, base: str, year: int) -> list[str]:
    """Pages of the built site that draw a chart (found in the HTML, not listed by hand)."""
    chart = re.compile(r'<svg[^>]*role="img"')
    pages = [u for u in page_urls(site, base, year) if chart.search(_html(site, base, u))]
    assert pages, "no page draws a chart: the checks below would check nothing"
    return pages


def _html(site: Path, base: str, url: str) -> str:
    return (site / url.removeprefix(base) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", PHONES)
def test_no_page_scrolls_sideways_on_a_phone(
    chromium, built_site: Path, year: int, site_url: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    try:
        page = context.new_page()
        problems = {}
        for url in page_urls(built_site, site_url, year):
            page.goto(url)
            found = page.evaluate(OVERFLOW)
            if found["scroll"] > found["width"] or found["wide"]:
                problems[url] = found
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_is_at_least_11_pixels(
    chromium, built_site: Path, year: int, site_url: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        small = {}
        for url in chart_pages(built_site, site_url, year):
            page.goto(url)
            charts = page.evaluate(CHART_TEXT)
            assert charts, f"{url}: no chart shows at {width} pixels"
            for chart in charts:
                assert chart["sizes"], f"{url}: {chart['chart']} has no text"
                if min(chart["sizes"]) < MIN_CHART_TEXT:
                    small[f"{url} {chart['chart']}"] = round(min(chart["sizes"]), 2)
        assert not small, f"chart text under {MIN_CHART_TEXT} px at {width} px wide: {small}"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1400])
def test_chart_marks_keep_3_to_1_contrast(
    chromium, built_site: Path, year: int, site_url: str, scheme: str, width: int
) -> None:
    context = chromium.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        weak = []
        for url in chart_pages(built_site, site_url, year):
            page.goto(url)
            marks = page.evaluate(CONTRAST)
            assert marks, f"{url}: no bar, line or marker found"
            weak += [m for m in marks if m["ratio"] < MIN_CONTRAST]
        assert not weak, weak[:10]
    finally:
        context.close()
