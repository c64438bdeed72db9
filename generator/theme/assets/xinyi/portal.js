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

  // Narrow a project table by category, community, year and status. Without JavaScript
  // the whole table shows.
  function tableFilters() {
    document.querySelectorAll("form.xy-table-filter").forEach(function (form) {
      var table = document.querySelector("table#" + CSS.escape(form.getAttribute("data-filter-table")));
      if (!table) return;
      form.hidden = false;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows)
        .filter(function (row) { return row.hasAttribute("data-status"); });
      var count = form.querySelector(".xy-filter-count");
      function apply() {
        var shown = 0;
        rows.forEach(function (row) {
          var hit = Array.prototype.every.call(form.elements, function (select) {
            if (!select.name || !select.value) return true;
            var values = (row.getAttribute("data-" + select.name) || "").split(" ");
            return values.indexOf(select.value) !== -1;
          });
          row.hidden = !hit;
          if (hit) shown += 1;
        });
        count.textContent = window.xinyiT("显示 {n} / {m} 个项目", {n: shown, m: rows.length});
      }
      form.addEventListener("change", apply);
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

  document.addEventListener("DOMContentLoaded", function () {
    printButtons();
    largeText();
    tableFilters();
    scrollBoxes();
  });
})();
