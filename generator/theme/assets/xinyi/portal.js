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

  document.addEventListener("DOMContentLoaded", function () {
    ledgerFilter();
  });
})();
