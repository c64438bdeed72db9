// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Find an entry in a month's ledger by any word of its row.
  function ledgerFilter() {
    var box = document.querySelector(".xy-filter");
    var table = document.querySelector("table.xy-ledger");
    if (!box || !table) return;
    box.hidden = false;
    var input = box.querySelector("input");
    var count = box.querySelector(".xy-filter-count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      count.textContent = q ? "找到 " + shown + " 条" : "";
    });
  }

  // Narrow a project table by category, community, year and status. Without JavaScript
  // the whole table shows.
  function tableFilters() {
    document.querySelectorAll("form.xy-table-filter").forEach(function (form) {
      var table = document.getElementById(form.getAttribute("data-filter-table"));
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
        count.textContent = "显示 " + shown + " / " + rows.length + " 个项目";
      }
      form.addEventListener("change", apply);
      apply();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    tableFilters();
    ledgerFilter();
  });
})();
