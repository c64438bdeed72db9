// "Where does my fee go": a resident's yearly fee from her floor area, spent as the community spent this year.
// The figures come from the page's JSON block (script#xy-fee-data, model/resident.py): the
// fee standard in thousandths of a yuan, this year's spending per line in fen. Whole
// numbers, rounded half up to the fen as the page's example table (Python) is.
(function () {
  "use strict";

  function money(fen) {
    var text = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var cents = String(fen % 100);
    return text + "." + (cents.length < 2 ? "0" + cents : cents);
  }

  function area(text) {
    // Hundredths of a square metre; null when not a positive area.
    var value = Number(String(text).trim());
    if (!isFinite(value) || value <= 0 || value > 100000) return null;
    return Math.round(value * 100);
  }

  function figures(data, hundredths) {
    // standard (yuan/1000) × 12 × area (m²/100) = fen × 1000: exact integers.
    var yearly = Math.round(data.standard * 12 * hundredths / 1000);
    var lines = data.lines.map(function (spent) {
      return data.total ? Math.round(yearly * spent / data.total) : 0;
    });
    return { yearly: yearly, lines: lines };
  }

  function show(box, data, hundredths) {
    var f = figures(data, hundredths);
    var shown = String(hundredths / 100);
    box.querySelector("[data-fee-label]").textContent = window.xinyiT("按您家的 {area} 平方米计算", { area: shown });
    box.querySelector("[data-fee-yearly]").textContent = money(f.yearly);
    box.querySelector("[data-fee-total]").textContent = money(f.yearly);
    box.querySelectorAll("[data-fee-line]").forEach(function (cell) {
      cell.textContent = money(f.lines[Number(cell.getAttribute("data-fee-line"))]);
    });
  }

  function start() {
    var box = document.querySelector("[data-fee]");
    var source = document.querySelector('script#xy-fee-data[type="application/json"]');
    if (!box || !source) return; // only the community pages have the form
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return; }
    var form = box.querySelector("form.xy-fee-form");
    var input = form.querySelector("input");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    input.addEventListener("input", function () {
      var hundredths = area(input.value);
      if (hundredths !== null) show(box, data, hundredths);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
