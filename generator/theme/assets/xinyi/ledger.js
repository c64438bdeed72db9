// The ledger on a phone: finding, narrowing and sorting a month's entries, and searching
// the whole ledger of a community. Every value from the data is inserted as text.
// Without JavaScript the month pages list every entry and the all-entries page says so.
(function () {
  "use strict";

  function T(text, values) {  // the page's language (portal.js)
    return window.xinyiT ? window.xinyiT(text, values) : text;
  }

  var script = document.currentScript;
  var VENDOR = script ? new URL("../vendor/simple-datatables/", script.src).href : "";

  function slice(list) { return Array.prototype.slice.call(list); }

  function cents(text) {
    var n = parseFloat(text);
    return isNaN(n) ? null : Math.round(n * 100);
  }

  // "9800.00" -> "9,800.00" (on the string: no floating-point rounding)
  function money(amount) {
    var parts = amount.split(".");
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + (parts[1] || "00");
  }

  // ---- A month page: the rows are already there, in date order. ----------------------
  function monthTools() {
    var box = document.querySelector(".xy-filter");
    var table = document.querySelector("table.xy-ledger");
    if (!box || !table || !table.tBodies.length) return;
    box.hidden = false;
    var input = box.querySelector("#xy-filter-input");
    var count = box.querySelector(".xy-filter-count");
    var form = box.querySelector("form.xy-ledger-tools");
    var body = table.tBodies[0];
    var rows = slice(body.rows);
    var position = new Map(rows.map(function (row, i) { return [row, i]; }));
    // The amount as shown ("−1,234.50"): digits and the point only.
    var amount = new Map(rows.map(function (row) {
      return [row, cents(row.cells[5].textContent.replace(/[^0-9.]/g, ""))];
    }));

    function field(name) { return form ? form.elements[name] : null; }
    function limit(name) {
      var el = field(name);
      return el && el.value !== "" ? cents(el.value) : null;
    }

    function filter() {
      var q = input.value.trim().toLowerCase();
      // Rows name their category as shown (a million rows carry no code): the option's text.
      var select = field("category");
      var category = select && select.value ? select.options[select.selectedIndex].text : "";
      var min = limit("min");
      var max = limit("max");
      var shown = 0;
      rows.forEach(function (row) {
        var a = amount.get(row);
        var hit = (!q || row.textContent.toLowerCase().indexOf(q) !== -1) &&
          (!category || row.cells[2].textContent === category) &&
          (min === null || a >= min) && (max === null || a <= max);
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      var active = q || category || min !== null || max !== null;
      count.textContent = active ? T("找到 {n} 条", {n: shown}) : "";
    }

    function sort() {
      var how = field("sort") ? field("sort").value : "date";
      var sign = how === "amount-asc" ? 1 : how === "amount-desc" ? -1 : 0;
      rows.slice().sort(function (a, b) {
        return sign * (amount.get(a) - amount.get(b)) || position.get(a) - position.get(b);
      }).forEach(function (row) { body.appendChild(row); });
    }

    input.addEventListener("input", filter);
    if (form) {
      form.addEventListener("input", filter);
      form.addEventListener("change", function (event) {
        if (event.target.name === "sort") sort(); else filter();
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    }
  }

  // ---- The all-entries page: nothing is loaded until the resident asks. --------------
  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = url;
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function loadStyle(url) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("link");
      el.rel = "stylesheet";
      el.href = url;
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function loadJson(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  function text(data) { return {nodeName: "#text", data: String(data)}; }

  function element(name, attributes, children) {
    return {nodeName: name, attributes: attributes, childNodes: children};
  }

  var HEADINGS = ["日期", "编号", "科目", "对方", "摘要", "金额", "凭证"].map(function (h) {
    return T(h);
  });
  var COL = {date: 0, id: 1, amount: 5};

  function cellsOf(e) {
    var sign = e.direction === "income" ? "+" : "−";
    var values = [
      {data: e.date, order: e.date + " " + e.entry_id},
      {data: e.entry_id},
      {data: e.category_name},
      {data: e.counterparty},
      {data: e.description, attributes: {"data-entry": e.entry_id}},
      {data: cents(e.amount), text: sign + money(e.amount), order: cents(e.amount)},
      {data: e.voucher, text: e.voucher ? T("查看凭证") : "—", order: 0}
    ];
    return values.map(function (cell, i) {
      cell.attributes = cell.attributes || {};
      cell.attributes["data-label"] = HEADINGS[i];
      return cell;
    });
  }

  function note(e) {
    if (e.corrected_by) return T("已更正，以 {id} 为准，本条不计入合计", {id: e.corrected_by});
    if (e.corrects) return T("更正 {id}", {id: e.corrects});
    return "";
  }

  // The words a resident may look for in an entry.
  function searchText(e) {
    return [e.date, e.entry_id, e.category_name, e.counterparty, e.description, note(e),
      money(e.amount), e.amount].join(" ").toLowerCase();
  }

  // simple-datatables shows, pages and sorts the entries; which entries it gets is decided
  // here (its own search forgets where a query came from when it sorts), and the table is
  // made anew when the filters change.
  function showTable(box, data) {
    var root = box.getAttribute("data-root");
    var files = box.getAttribute("data-files") || root;  // published once, in the Chinese tree
    var ledger = files + "communities/" + data.community + "/ledger/";  // month pages: Chinese
    var entries = data.entries;
    // Sorting reorders the table's rows: cells name their entry, never a position.
    var byId = new Map(entries.map(function (e) { return [e.entry_id, e]; }));
    var words = new Map(entries.map(function (e) { return [e.entry_id, searchText(e)]; }));
    var form = box.querySelector("form.xy-ledger-tools");
    var count = form.querySelector(".xy-filter-count");
    var holder = box.querySelector(".xy-all-table");
    var dt = null;

    // The months' options come with the page, named as the page names months.
    data.categories.forEach(function (category) {
      var option = document.createElement("option");
      option.value = category.code;
      option.textContent = category.name;
      form.elements.category.appendChild(option);
    });

    function columns(sort) {
      var list = [
        {select: COL.date, cellClass: "xy-nowrap"},
        {select: COL.id, cellClass: "xy-nowrap", render: function (value, td) {
          var e = byId.get(value);
          // an entry of a long month is on a later page of it (render/paging.py)
          var part = data.parts[e.entry_id] ? data.parts[e.entry_id] + "/" : "";
          td.childNodes = [element("A", {href: ledger + e.month + "/" + part + "#" + e.entry_id},
            [text(e.entry_id)])];
        }},
        {select: 4, render: function (value, td) {
          var extra = note(byId.get(td.attributes["data-entry"]));
          delete td.attributes["data-entry"];
          td.childNodes = [text(value)];
          if (extra) {
            td.childNodes.push(element("BR", {}, []),
              element("SPAN", {"class": "xy-note"}, [text(extra)]));
          }
        }},
        {select: COL.amount, type: "number", cellClass: "xy-num", headerClass: "xy-num"},
        {select: 6, sortable: false, cellClass: "xy-nowrap", render: function (value, td) {
          if (!value) return;
          var pdf = /\.pdf$/i.test(value);
          var attributes = {"class": "xy-voucher", href: files + value};
          td.childNodes = [element("A", attributes, [text(pdf ? T("查看凭证（PDF）") : T("查看凭证"))])];
        }}
      ];
      list.forEach(function (column) {
        if (column.select === sort.column) column.sort = sort.dir;
      });
      return list;
    }

    function show() {
      var q = form.elements.q.value.trim().toLowerCase();
      var month = form.elements.month.value;
      var category = form.elements.category.value;
      var how = form.elements.sort.value.split("-");
      var rows = entries.filter(function (e) {
        return (!month || e.month === month) && (!category || e.category === category) &&
          (!q || words.get(e.entry_id).indexOf(q) !== -1);
      });
      count.textContent = q || month || category ?
        T("找到 {n} 条", {n: rows.length}) : T("共 {n} 条", {n: rows.length});
      if (dt) dt.destroy();
      holder.textContent = "";
      var table = document.createElement("table");
      table.className = "xy-table xy-ledger";
      holder.appendChild(table);
      dt = new window.simpleDatatables.DataTable(table, {
        data: {headings: HEADINGS, data: rows.map(cellsOf)},
        type: "string",
        columns: columns({column: how[0] === "amount" ? COL.amount : COL.date, dir: how[1]}),
        searchable: false,
        rowRender: function (row, tr) {
          var e = byId.get(row.cells[COL.id].data);
          tr.attributes["class"] = "xy-" + e.direction + (e.corrected_by ? " xy-corrected" : "");
          tr.attributes["data-entry"] = e.entry_id;
        },
        perPage: 20,
        perPageSelect: false,
        // The pager's "…" is a button hidden from screen readers yet focusable (axe:
        // aria-hidden-focus): make it plain text.
        pagerRender: function (state, pager) {
          (function walk(node) {
            (node.childNodes || []).forEach(function (child) {
              if (child.nodeName === "BUTTON" && child.attributes &&
                  child.attributes["aria-hidden"] === "true") {
                child.nodeName = "SPAN";
              }
              walk(child);
            });
          })(pager);
          return pager;
        },
        fixedColumns: false,
        template: function (options) {
          var c = options.classes;
          return "<div class='" + c.container + "'><p hidden id='sort-hint'>" +
            options.labels.sortHint + "</p></div><div class='" + c.bottom + "'><div class='" +
            c.info + "'></div><nav class='" + c.pagination + "' aria-label='" + T("翻页") + "'></nav></div>";
        },
        labels: {
          perPage: T("条每页"), pageTitle: T("第 {page} 页"),
          noRows: T("没有符合条件的账目"), noResults: T("没有符合条件的账目"),
          info: T("第 {start}–{end} 条，共 {rows} 条"), sortHint: T("点按排序")
        }
      });
      // Another page of entries starts at the top of the table, not at the pager.
      dt.on("datatable.page", function () { holder.scrollIntoView({block: "start"}); });
    }

    var typing = null;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.elements.q.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(show, 200);
    });
    form.addEventListener("change", function (event) {
      if (event.target.name !== "q") show();
    });
    show();
    form.hidden = false;
  }

  // The open-data ledger.json (a header row, then the typed values of each CSV row, as
  // published for download) with what the page says about the community: entries by date
  // and id, each with its month, its category's name, the entry correcting it and its
  // voucher's site path.
  function ledgerData(meta, table) {
    var header = table[0];
    var rows = table.slice(1).map(function (values) {
      var row = {};
      header.forEach(function (name, i) { row[name] = values[i]; });
      return row;
    });
    // Categories are named in the page's language; a code missing from the list as written.
    var english = document.documentElement.lang === "en";
    var categories = meta.categories.map(function (c) {
      return {code: c.code, name: english && c.name_en ? c.name_en : c.name_zh};
    });
    var names = new Map(categories.map(function (c) { return [c.code, c.name]; }));
    var correctedBy = new Map();
    rows.forEach(function (r) { if (r.corrects) correctedBy.set(r.corrects, r.entry_id); });
    var entries = rows.map(function (r) {
      return {
        entry_id: r.entry_id, date: r.date, month: r.date.slice(0, 7),
        direction: r.direction, category: r.category,
        category_name: names.has(r.category) ? names.get(r.category) : r.category,
        counterparty: r.counterparty || "", description: r.description || "",
        amount: typeof r.amount === "number" ? r.amount.toFixed(2) : String(r.amount),
        voucher: r.voucher ? "communities/" + meta.community + "/" + r.voucher : "",
        corrects: r.corrects || "", corrected_by: correctedBy.get(r.entry_id) || ""
      };
    });
    entries.sort(function (a, b) {
      var x = a.date + " " + a.entry_id, y = b.date + " " + b.entry_id;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return {community: meta.community, categories: categories, entries: entries,
      parts: meta.parts || {}};
  }

  function allEntries() {
    var box = document.querySelector(".xy-ledger-all");
    if (!box) return;
    box.hidden = false;
    var button = box.querySelector(".xy-load-button");
    var status = box.querySelector(".xy-load-status");
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = T("正在加载……");
      var library = window.simpleDatatables ? Promise.resolve() :
        Promise.all([loadStyle(VENDOR + "style.css"), loadScript(VENDOR + "simple-datatables.js")]);
      var meta = JSON.parse(box.getAttribute("data-meta"));
      Promise.all([loadJson(box.getAttribute("data-src")), library]).then(function (result) {
        var data = ledgerData(meta, result[0]);
        showTable(box, data);
        status.textContent = T("已加载全部 {n} 条账目。", {n: data.entries.length});
        button.parentNode.hidden = true;
      })["catch"](function () {
        status.textContent = T("加载失败，请检查网络后再试一次。");
        button.disabled = false;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    monthTools();
    allEntries();
  });
})();
