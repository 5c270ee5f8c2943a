"""Keyboard focus is never hidden (WCAG 2.4.11): walking every page with Tab and Shift+Tab, at a
desktop and a phone width, each element that takes focus shows on screen, not under Material's
sticky header, the Annex's sticky header row, the "Back to top" button or a closed drawer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import page_urls

MAX_STOPS = 250  # more focus stops than any page has: the walk ends when focus leaves the page

# Where focus is, and whether it can be seen: the middle of one of its boxes (a link wrapped over
# two lines has two) must hit the element itself, inside the window. It is asked once the drawer,
# its panels and the search dialog have finished sliding. Material's own header and search dialog
# are on top of everything, so what is in them cannot be under anything.
FOCUSED = """async () => {
  const moves = ['transform', 'width', 'height', 'left', 'right', 'top', 'visibility'];
  const moving = document.getAnimations().filter(a => a.playState === 'running'
    && moves.includes(a.transitionProperty) && a.effect && a.effect.target
    && a.effect.target.closest('.md-sidebar--primary, .md-search, .md-overlay'));
  await Promise.all(moving.map(a => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const name = el.tagName.toLowerCase() + ' "' +
    (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
  if (document.getElementById('__search').checked || el.closest('.md-header, .md-search'))
    return {name, shown: true};
  const seen = Array.from(el.getClientRects()).some(box => {
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (box.width < 1 || box.height < 1 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
      return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === el || el.contains(hit));
  });
  return {name, shown: seen};
}"""


def hidden_focus(page, key: str) -> list[str]:
    """Press `key` until focus leaves the page; the focus stops that could not be seen."""
    hidden = []
    for _ in range(MAX_STOPS):
        page.keyboard.press(key)
        focus = page.evaluate(FOCUSED)
        if focus is None:
            return hidden
        if not focus["shown"]:
            hidden.append(f"{key}: {focus['name']}")
    raise AssertionError(f"focus did not leave the page after {MAX_STOPS} presses of {key}")


@pytest.mark.parametrize("width", [1280, 390])
def test_focus_is_never_hidden(
    chromium, built_site: Path, year: int, site_url: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        problems = {}
        for url in page_urls(built_site, site_url, year):
            page.goto(url)
            found = hidden_focus(page, "Tab") + hidden_focus(page, "Shift+Tab")
            if found:
                problems[url] = found
        assert not problems, problems
    finally:
        context.close()


# The largest distance down the page between two controls one Tab apart: only where it is more
# than a window can Shift+Tab bring a control in from above, where the header may cover it.
GAP = """() => {
  const tops = [...document.querySelectorAll("article :is(a[href], button, input, select)")]
    .map(e => e.getBoundingClientRect().top + window.scrollY);
  return Math.max(0, ...tops.slice(1).map((top, i) => top - tops[i]));
}"""


@pytest.mark.usefixtures("rows")  # a page long enough to scroll under the header
def test_the_walk_sees_focus_under_the_sticky_header(page, site_url: str) -> None:
    """The check itself: without the site's scroll padding, walking back up the Annex page
    leaves focused controls under Material's header, and the walk reports them."""
    page.goto(site_url + "exhibit-1-01/annex-i/")
    if page.evaluate(GAP) <= page.evaluate("window.innerHeight"):
        pytest.skip(
            "no two controls of the Annex page are a window apart: Shift+Tab never "
            "scrolls one in from above (a short Annex)"
        )
    page.add_style_tag(content="html { scroll-padding-top: 0 !important; }")
    page.locator("article :is(a[href], button, input, select)").last.focus()
    assert hidden_focus(page, "Shift+Tab"), "focus under the header went unnoticed"
