// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Interface text of scripts in the page's language: English pages carry a dictionary
  // (script#xy-text, from generator/i18n/en.json); Chinese is the source and the default.
  var dictionary = null;
  window.xinyiT = function (text, values) {
    if (dictionary === null) {
      // A script element: a standard's text can make headings with ids, never a script.
      var source = document.querySelector('script#xy-text[type="application/json"]');
      try { dictionary = source ? JSON.parse(source.textContent) : {}; } catch (e) { dictionary = {}; }
    }
    var out = dictionary[text] || text;
    Object.keys(values || {}).forEach(function (key) { out = out.split("{" + key + "}").join(values[key]); });
    return out;
  };

  // A month's ledger (find, category, amount range, sorting): ledger.js.

  // A table wider than a phone scrolls sideways in its .xy-scroll box: make such a box
  // reachable with the keyboard too (axe: scrollable-region-focusable).
  function scrollBoxes() {
    document.querySelectorAll(".xy-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", window.xinyiT("表格，可左右滑动"));
      }
    });
  }

  // Narrow a table by its selects (category, community, year, status) and, where it has
  // one, a search box over each row's words. A table of several bodies (the standards'
  // categories) hides a body left without a row. Without JavaScript the whole table shows.
  var COUNTS = {standards: "显示 {n} / {m} 项标准", projects: "显示 {n} / {m} 个项目"};

  function words(text) {
    // One dash for all: a code typed as XY/T 001-2024 finds XY/T 001—2024.
    return text.toLowerCase().replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ");
  }

  function rowMatches(form, row) {
    return Array.prototype.every.call(form.elements, function (field) {
      var wanted = field.name ? field.value.trim() : "";
      if (!wanted) return true;
      if (field.type === "search") {
        var text = row.textContent + " " + (row.getAttribute("data-words") || "");
        return words(text).indexOf(words(wanted)) !== -1;
      }
      var values = (row.getAttribute("data-" + field.name) || "").split(" ");
      return values.indexOf(wanted) !== -1;
    });
  }

  function tableFilters() {
    document.querySelectorAll("form.xy-table-filter").forEach(function (form) {
      var table = document.querySelector("table#" + CSS.escape(form.getAttribute("data-filter-table")));
      if (!table) return;
      form.hidden = false;
      var bodies = Array.prototype.slice.call(table.tBodies);
      var rows = Array.prototype.slice.call(table.querySelectorAll("tbody > tr[data-status]"));
      var count = form.querySelector(".xy-filter-count");
      var text = COUNTS[form.getAttribute("data-counting")] || COUNTS.projects;
      function apply() {
        var shown = 0;
        rows.forEach(function (row) {
          row.hidden = !rowMatches(form, row);
          if (!row.hidden) shown += 1;
        });
        if (bodies.length > 1) {
          bodies.forEach(function (body) {
            body.hidden = !body.querySelector("tr[data-status]:not([hidden])");
            // The theme gives table bodies a display of their own, which [hidden] loses to.
            body.style.display = body.hidden ? "none" : "";
          });
        }
        count.textContent = window.xinyiT(text, {n: shown, m: rows.length});
      }
      form.addEventListener("change", apply);
      form.addEventListener("input", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply();
    });
  }

  // Large text and high contrast for elderly readers, remembered across pages.
  function largeText() {
    var root = document.documentElement;
    document.querySelectorAll(".xy-large-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", String(root.classList.contains("xy-large")));
      button.addEventListener("click", function () {
        var on = root.classList.toggle("xy-large");
        button.setAttribute("aria-pressed", String(on));
        try { localStorage.setItem("xinyi-large", on ? "1" : "0"); } catch (e) { /* private mode */ }
      });
    });
  }

  function printButtons() {
    document.querySelectorAll("button.xy-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // A link to a row inside a folded year (an earlier resolution, an earlier budget) opens
  // the fold, in the browsers that do not do so themselves.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details:not([open])");
    if (!fold) { return; }
    while (fold) { fold.open = true; fold = fold.parentElement.closest("details:not([open])"); }
    target.scrollIntoView();
  }

  document.addEventListener("DOMContentLoaded", function () {
    openTarget();
    window.addEventListener("hashchange", openTarget);
    printButtons();
    largeText();
    tableFilters();
    scrollBoxes();
  });
})();
