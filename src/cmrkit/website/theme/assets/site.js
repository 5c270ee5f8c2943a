/*
 * Site-wide additions to Material's pages, written for this site (no dependencies, no request
 * to any other host):
 *
 * - No single-character shortcut fires (WCAG 2.1.4). Material binds letters such as `n`, `p`,
 *   `s`, `f` and `/` to page turns and search; a reader who types into something that is not a
 *   text field (or a speech-input user whose words reach the page as keys) would be moved away.
 *   Such keys are stopped before Material sees them, unless they go to a field that takes text
 *   or the search dialog is open. Search stays one click or Tab away.
 * - A search result opens at what it found: at the Annex row it names (its own anchor), or at
 *   the first word Material highlighted on the page.
 * - The notice on an earlier year ("You are reading the <year> report, ...") is completed with the
 *   newest published year, read from the site's list of versions (versions.json, mike).
 * - Material's year selector is a button named "Select version" that shows the year: its name
 *   gets the year it shows too (WCAG 2.5.3, label in name), "<year>, choose another year".
 * - Choosing another year in the version selector opens the same page in that year when it has
 *   it, else that year's front page. Material maps the page through the chosen version's
 *   sitemap, which names pages only when the year's facts give the site's address (urls.site);
 *   here the page is asked for at the same place under the chosen version (a HEAD request to
 *   this site), so the reader keeps their page with or without that address.
 * - On a narrow screen Material's navigation is a drawer, off the screen while closed, yet its
 *   links stay in the Tab order: a keyboard user would move focus to links no one can see
 *   (WCAG 2.4.7, 2.4.11). The drawer opens while focus is in it and closes when focus leaves.
 */
(function () {
  "use strict";

  var HIGHLIGHT_WAIT = 3000; // ms to wait for Material to mark the searched words

  function takesText(element) {
    if (!element) return false;
    var tag = element.tagName;
    return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || element.isContentEditable;
  }

  function searchIsOpen() {
    var toggle = document.getElementById("__search");
    return Boolean(toggle && toggle.checked);
  }

  window.addEventListener(
    "keydown",
    function (event) {
      var single = event.key && event.key.length === 1 && event.key !== " ";
      if (!single || event.ctrlKey || event.metaKey || event.altKey) return;
      if (searchIsOpen() || takesText(event.target) || takesText(document.activeElement)) return;
      event.stopImmediatePropagation();
    },
    true
  );

  function config() {
    var node = document.getElementById("__config");
    try {
      return node ? JSON.parse(node.textContent) : null;
    } catch (error) {
      return null;
    }
  }

  function showFoundWord() {
    var url = new URL(window.location.href);
    if (!url.searchParams.get("h") || url.hash) return;
    var started = Date.now();
    (function look() {
      var mark = document.querySelector("article mark[data-md-highlight]");
      if (mark) {
        mark.scrollIntoView({ block: "center" });
      } else if (Date.now() - started < HIGHLIGHT_WAIT) {
        window.setTimeout(look, 100);
      }
    })();
  }

  function completeNotice() {
    var notice = document.querySelector(".cmrkit-notice");
    var settings = config();
    if (!notice || !settings || !window.fetch) return;
    var alias = notice.getAttribute("data-latest-alias");
    var base = new URL(settings.base, window.location.href);
    window
      .fetch(new URL("../versions.json", base))
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (versions) {
        var current = base.pathname.replace(/\/$/, "").split("/").pop();
        var newest = versions.filter(function (entry) {
          return (entry.aliases || []).indexOf(alias) !== -1;
        })[0];
        if (!newest || newest.version === current) return;
        var part = notice.querySelector(".cmrkit-notice__newest");
        var link = part.querySelector("a");
        link.href = new URL("../" + newest.version + "/", base).href;
        link.textContent = newest.title || newest.version;
        part.hidden = false;
      })
      .catch(function () {
        /* No list of versions (a local build): the notice stays as the year wrote it. */
      });
  }

  function followFocusWithDrawer() {
    var drawer = document.getElementById("__drawer");
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (!drawer || !sidebar) return;
    var narrow = window.matchMedia("(max-width: 76.2344em)"); // Material's drawer breakpoint
    function set(toggle, open) {
      if (toggle.checked === open) return;
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function panelsAround(element) {
      // The toggles of the nested panels (a section, the page's contents) holding `element`.
      var toggles = [];
      for (var node = element.parentElement; node && node !== sidebar; node = node.parentElement) {
        var toggle = node.matches("nav.md-nav") && node.parentElement
          ? node.parentElement.querySelector(":scope > input.md-nav__toggle")
          : null;
        if (toggle) toggles.push(toggle);
      }
      return toggles;
    }
    sidebar.addEventListener("focusin", function (event) {
      if (!narrow.matches) return;
      set(drawer, true);
      // Show the panel the focused link is in, and no other panel over it.
      var keep = panelsAround(event.target);
      sidebar.querySelectorAll("input.md-nav__toggle").forEach(function (toggle) {
        set(toggle, keep.indexOf(toggle) !== -1);
      });
      // Focus on a link of a panel still off to the side scrolls the drawer sideways to it;
      // the panel now slides in, so the drawer scrolls back.
      for (var node = event.target; node && node !== document.body; node = node.parentElement) {
        if (node.scrollLeft) node.scrollLeft = 0;
      }
    });
    sidebar.addEventListener("focusout", function (event) {
      if (narrow.matches && !sidebar.contains(event.relatedTarget)) set(drawer, false);
    });
  }

  function nameBanners() {
    // Material draws the draft banner and the earlier-year notice as two <aside> landmarks; a
    // screen reader lists landmarks by name, so each gets its own.
    var names = { announce: "Draft notice", outdated: "Report year notice" };
    Object.keys(names).forEach(function (component) {
      var aside = document.querySelector('[data-md-component="' + component + '"] aside');
      if (aside && !aside.hasAttribute("aria-label")) aside.setAttribute("aria-label", names[component]);
    });
  }

  function nameVersionSelector() {
    var topic = document.querySelector(".md-header__topic");
    if (!topic || !window.MutationObserver) return;
    function name() {
      var button = document.querySelector(".md-version__current");
      if (!button) return false;
      var shown = button.textContent.replace(/\s+/g, " ").trim();
      button.setAttribute("aria-label", shown + ", choose another year");
      return true;
    }
    if (name()) return;
    var observer = new MutationObserver(function () {
      if (name()) observer.disconnect();
    });
    observer.observe(topic, { childList: true, subtree: true });
  }

  function keepPageAcrossVersions() {
    var settings = config();
    if (!settings || !window.fetch) return;
    var base = new URL(settings.base, window.location.href); // this version's root
    // Capture phase on the document: runs before Material's own handler on document.body.
    document.addEventListener(
      "click",
      function (event) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        var link = event.target instanceof Element && event.target.closest("a.md-version__link");
        if (!link) return;
        var chosen = new URL(link.href); // the chosen version's root, e.g. ../2023/
        var here = new URL(window.location.href);
        if (!here.href.startsWith(base.href)) return;
        event.preventDefault();
        event.stopPropagation();
        var same = new URL(here.pathname.slice(base.pathname.length), chosen);
        same.hash = here.hash;
        window
          .fetch(same.href.split("#")[0], { method: "HEAD" })
          .then(function (response) {
            return response.ok ? same.href : chosen.href;
          })
          .catch(function () {
            return chosen.href;
          })
          .then(function (target) {
            window.location.assign(target);
          });
      },
      true
    );
  }

  function init() {
    keepPageAcrossVersions();
    nameBanners();
    nameVersionSelector();
    showFoundWord();
    completeNotice();
    followFocusWithDrawer();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
