/*
 * Annex I: sorting, filters and search over the table the server already rendered.
 *
 * The table is complete, plain HTML without this script; the script only adds controls and
 * shows or hides rows. Every value it puts on the page goes through textContent or new Option,
 * never innerHTML, so a smelter name that looks like markup stays text. It loads on every page
 * and does nothing else where there is no #annex-i, except naming Material's search dialog for
 * screen readers. No request leaves the page. The Annex is one table (#annex-i) or one table per
 * metal (#annex-i, #annex-i-2, ... each under its heading) inside one .annex-wrap: one set of
 * controls filters them all, and each table sorts on its own.
 */
(function () {
  "use strict";

  var ANNOUNCE_DELAY = 350; // ms of quiet typing before the live region speaks the new count

  function fold(text) {
    // Case- and accent-insensitive matching: "sao" finds "São", "MULLER" finds "Müller".
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function uniqueInOrder(values) {
    var seen = new Set();
    return values.filter(function (value) {
      if (!value || seen.has(value)) return false;
      seen.add(value);
      return true;
    });
  }

  function selectControl(id, label, allLabel, values) {
    var wrap = element("div", { class: "annex-control" });
    wrap.appendChild(element("label", { for: id }, label));
    var select = element("select", { id: id });
    select.appendChild(new Option(allLabel, ""));
    values.forEach(function (value) {
      select.appendChild(new Option(value, value));
    });
    wrap.appendChild(select);
    return { wrap: wrap, input: select };
  }

  function enhance(wrap, tables) {
    // One set of controls for the whole Annex: one table, or one table per metal (each under
    // its heading). Metal, status and country come from the rows' data attributes, never from
    // a column position: the columns are the year's own, and the status may not be printed.
    if (wrap.getAttribute("data-enhanced") === "true") return;
    wrap.setAttribute("data-enhanced", "true");
    var collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    var records = [];
    var parts = tables.map(function (table) {
      var tbody = table.tBodies[0];
      var part = {
        table: table,
        tbody: tbody,
        headers: Array.prototype.slice.call(table.tHead.rows[0].cells),
        heading: table.hasAttribute("data-metal") ? table.previousElementSibling : null,
        records: [],
        sortColumn: -1,
        sortDirection: "ascending",
      };
      if (part.heading && !part.heading.classList.contains("annex-metal-heading")) {
        part.heading = null;
      }
      Array.prototype.forEach.call(tbody.rows, function (row, index) {
        var cells = Array.prototype.map.call(row.cells, function (cell) {
          return cell.textContent.trim();
        });
        var record = {
          row: row,
          index: index,
          cells: cells,
          text: fold(cells.join(" ") + " " + (row.getAttribute("data-metal") || "")),
          metal: row.getAttribute("data-metal") || "",
          status: row.getAttribute("data-status"),
          country: row.getAttribute("data-country") || "",
        };
        part.records.push(record);
        records.push(record);
      });
      return part;
    });
    var total = records.length;
    var hasStatus = records.some(function (r) { return r.status !== null; });

    var controls = element("div", {
      class: "annex-controls",
      role: "search",
      "aria-label": "Filter the smelter list",
    });
    var searchWrap = element("div", { class: "annex-control annex-control--search" });
    searchWrap.appendChild(element("label", { for: "annex-search" }, "Search (any words)"));
    var search = element("input", {
      id: "annex-search",
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
    });
    searchWrap.appendChild(search);
    controls.appendChild(searchWrap);
    var selects = [];
    function addSelect(id, label, allLabel, key, values) {
      var control = selectControl(id, label, allLabel, values);
      control.key = key;
      controls.appendChild(control.wrap);
      selects.push(control);
    }
    addSelect(
      "annex-metal", "Metal", "All metals", "metal",
      uniqueInOrder(records.map(function (r) { return r.metal; }))
    );
    if (hasStatus) {
      addSelect(
        "annex-status", "Status", "All statuses", "status",
        uniqueInOrder(records.map(function (r) { return r.status; }))
      );
    }
    addSelect(
      "annex-country", "Country", "All countries", "country",
      uniqueInOrder(records.map(function (r) { return r.country; })).sort(collator.compare)
    );
    // A filed report's rows are in their filed order; a draft's have no filed order yet.
    var resetLabel = wrap.getAttribute("data-order") === "draft"
      ? "Show all in Annex order"
      : "Show all in filed order";
    var reset = element("button", { type: "button", class: "annex-reset" }, resetLabel);
    var resetWrap = element("div", { class: "annex-control annex-control--reset" });
    resetWrap.appendChild(reset);
    controls.appendChild(resetWrap);
    var count = element("p", {
      id: "annex-count",
      class: "annex-count",
      role: "status",
      "aria-live": "polite",
      "aria-atomic": "true",
    });
    wrap.parentNode.insertBefore(controls, wrap);
    wrap.parentNode.insertBefore(count, wrap);

    var announceTimer = null;

    function countText(shown) {
      if (shown === 0) return "No rows match (0 of " + total + " rows shown).";
      if (shown === total) return "Showing all " + total + " rows.";
      return "Showing " + shown + " of " + total + " rows.";
    }

    function announce(shown, now) {
      window.clearTimeout(announceTimer);
      var text = countText(shown);
      if (now) {
        count.textContent = text;
      } else {
        announceTimer = window.setTimeout(function () {
          count.textContent = text;
        }, ANNOUNCE_DELAY);
      }
    }

    function apply(now) {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      parts.forEach(function (part) {
        var inTable = 0;
        part.records.forEach(function (r) {
          var match =
            selects.every(function (s) { return !s.input.value || r[s.key] === s.input.value; }) &&
            words.every(function (word) { return r.text.indexOf(word) !== -1; });
          if (r.row.hidden === match) r.row.hidden = !match;
          if (match) inTable += 1;
        });
        shown += inTable;
        part.table.setAttribute("data-shown", String(inTable));
        if (part.heading) {
          // A table per metal with no row left is hidden with its heading.
          part.table.hidden = part.heading.hidden = inTable === 0;
        }
      });
      wrap.setAttribute("data-shown", String(shown));
      if (parts.length === 1) parts[0].table.setAttribute("data-shown", String(shown));
      announce(shown, now);
    }

    function order(part) {
      var sorted = part.records.slice();
      if (part.sortColumn >= 0) {
        var sign = part.sortDirection === "ascending" ? 1 : -1;
        var column = part.sortColumn;
        sorted.sort(function (a, b) {
          return sign * collator.compare(a.cells[column], b.cells[column]) || a.index - b.index;
        });
      }
      var fragment = document.createDocumentFragment();
      sorted.forEach(function (r) { fragment.appendChild(r.row); });
      part.tbody.appendChild(fragment);
      part.headers.forEach(function (th, column) {
        if (column === part.sortColumn) th.setAttribute("aria-sort", part.sortDirection);
        else th.removeAttribute("aria-sort");
      });
    }

    parts.forEach(function (part) {
      part.headers.forEach(function (th, column) {
        var button = element("button", { type: "button", class: "annex-sort" });
        while (th.firstChild) button.appendChild(th.firstChild);
        button.appendChild(element("span", { class: "annex-sort-icon", "aria-hidden": "true" }));
        th.appendChild(button);
        button.addEventListener("click", function () {
          if (part.sortColumn === column) {
            part.sortDirection = part.sortDirection === "ascending" ? "descending" : "ascending";
          } else {
            part.sortColumn = column;
            part.sortDirection = "ascending";
          }
          order(part);
        });
      });
    });

    search.addEventListener("input", function () { apply(false); });
    selects.forEach(function (s) {
      s.input.addEventListener("change", function () { apply(true); });
    });
    reset.addEventListener("click", function () {
      search.value = "";
      selects.forEach(function (s) { s.input.value = ""; });
      parts.forEach(function (part) {
        part.sortColumn = -1;
        order(part);
      });
      apply(true);
    });
    wrap.setAttribute("data-shown", String(total));
    parts.forEach(function (part) {
      part.table.setAttribute("data-shown", String(part.records.length));
    });
    count.textContent = countText(total);
  }

  function nameSearchDialog() {
    // Material marks its search box up as a dialog without a name (axe: aria-dialog-name);
    // a screen reader announces "dialog" and nothing else. This gives it the name it shows.
    var dialog = document.querySelector(".md-search[role='dialog']:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search this report");
  }

  function init() {
    nameSearchDialog();
    // By its class, not by document.getElementById: a page heading "Annex I" gets the same
    // id from the Markdown table of contents, and comes first.
    var first = document.querySelector(".annex-wrap table.annex");
    var wrap = first && first.closest(".annex-wrap");
    if (!wrap) return;
    var tables = Array.prototype.filter.call(wrap.querySelectorAll("table.annex"), function (t) {
      return t.tHead && t.tBodies.length;
    });
    if (tables.length) enhance(wrap, tables);
  }

  // Material's instant navigation (off on this site) swaps pages without a load event and
  // reports each new page through document$; plain page loads use DOMContentLoaded.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
