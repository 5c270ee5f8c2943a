/*
 * Annex I: sorting, filters and search over the table the server already rendered.
 *
 * The table is complete, plain HTML without this script; the script only adds controls and
 * shows or hides rows. Every value it puts on the page goes through textContent or new Option,
 * never innerHTML, so a smelter name that looks like markup stays text. It loads on every page
 * and does nothing else where there is no #annex-i, except naming Material's search dialog for
 * screen readers. No request leaves the page.
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

  function enhance(table) {
    if (table.getAttribute("data-enhanced") === "true") return;
    table.setAttribute("data-enhanced", "true");
    var tbody = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    var records = Array.prototype.map.call(tbody.rows, function (row, index) {
      var cells = Array.prototype.map.call(row.cells, function (cell) {
        return cell.textContent.trim();
      });
      return {
        row: row,
        index: index,
        cells: cells,
        text: fold(cells.join(" ")),
        metal: row.getAttribute("data-metal") || cells[0],
        status: row.getAttribute("data-status") || cells[3],
        country: row.getAttribute("data-country") || cells[2],
      };
    });
    var total = records.length;

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
    var metal = selectControl(
      "annex-metal", "Metal", "All metals",
      uniqueInOrder(records.map(function (r) { return r.metal; }))
    );
    var status = selectControl(
      "annex-status", "Status", "All statuses",
      uniqueInOrder(records.map(function (r) { return r.status; }))
    );
    var country = selectControl(
      "annex-country", "Country", "All countries",
      uniqueInOrder(records.map(function (r) { return r.country; })).sort(collator.compare)
    );
    var reset = element("button", { type: "button", class: "annex-reset" }, "Show all in filed order");
    [searchWrap, metal.wrap, status.wrap, country.wrap].forEach(function (node) {
      controls.appendChild(node);
    });
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
    var anchor = table.closest(".annex-wrap") || table;
    anchor.parentNode.insertBefore(controls, anchor);
    anchor.parentNode.insertBefore(count, anchor);

    var sortColumn = -1;
    var sortDirection = "ascending";
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
      records.forEach(function (r) {
        var match =
          (!metal.input.value || r.metal === metal.input.value) &&
          (!status.input.value || r.status === status.input.value) &&
          (!country.input.value || r.country === country.input.value) &&
          words.every(function (word) { return r.text.indexOf(word) !== -1; });
        if (r.row.hidden === match) r.row.hidden = !match;
        if (match) shown += 1;
      });
      table.setAttribute("data-shown", String(shown));
      announce(shown, now);
    }

    function order() {
      var sorted = records.slice();
      if (sortColumn >= 0) {
        var sign = sortDirection === "ascending" ? 1 : -1;
        sorted.sort(function (a, b) {
          return sign * collator.compare(a.cells[sortColumn], b.cells[sortColumn]) ||
            a.index - b.index;
        });
      }
      var fragment = document.createDocumentFragment();
      sorted.forEach(function (r) { fragment.appendChild(r.row); });
      tbody.appendChild(fragment);
      headers.forEach(function (th, column) {
        if (column === sortColumn) th.setAttribute("aria-sort", sortDirection);
        else th.removeAttribute("aria-sort");
      });
    }

    headers.forEach(function (th, column) {
      var button = element("button", { type: "button", class: "annex-sort" });
      while (th.firstChild) button.appendChild(th.firstChild);
      button.appendChild(element("span", { class: "annex-sort-icon", "aria-hidden": "true" }));
      th.appendChild(button);
      button.addEventListener("click", function () {
        if (sortColumn === column) {
          sortDirection = sortDirection === "ascending" ? "descending" : "ascending";
        } else {
          sortColumn = column;
          sortDirection = "ascending";
        }
        order();
      });
    });

    search.addEventListener("input", function () { apply(false); });
    [metal.input, status.input, country.input].forEach(function (select) {
      select.addEventListener("change", function () { apply(true); });
    });
    reset.addEventListener("click", function () {
      search.value = "";
      metal.input.value = status.input.value = country.input.value = "";
      sortColumn = -1;
      order();
      apply(true);
    });
    table.setAttribute("data-shown", String(total));
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
    var table = document.getElementById("annex-i");
    if (table && table.tHead && table.tBodies.length) enhance(table);
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
