// The portal's search page, on Pagefind's JavaScript API.
//
// The index holds every CJK character as its own word (generator/search.py). A query
// is split into the same characters; a one-word query must also match as an exact
// phrase, so 酬金 finds 受托人酬金 but not 金酬. Pages whose title holds the query
// come first, then Pagefind's ranking.
(function () {
  "use strict";

  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var BOUNDARY = new RegExp("([" + CJK + "])(?=\\S)|(\\S)(?=[" + CJK + "])", "g");
  var PAGE_SIZE = 10;

  function normalise(query) {
    return query.replace(/\u200b/g, "").replace(/["“”]/g, " ").trim().replace(/\s+/g, " ");
  }

  function spaced(query) {
    return normalise(query).replace(BOUNDARY, "$1$2 ");
  }

  function isPhrase(query) {
    var q = normalise(query);
    return q !== "" && q.indexOf(" ") === -1 && spaced(q) !== q;
  }

  function clean(text) {
    return String(text || "").replace(/\u200b/g, "");
  }

  // Pagefind gives excerpts as HTML (text escaped, matches in <mark>). They are rebuilt
  // here from text nodes and <mark> only: nothing else from an excerpt reaches the page.
  function excerptNode(excerpt) {
    var doc = new DOMParser().parseFromString("<body>" + clean(excerpt), "text/html");
    var out = document.createElement("p");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function siteRoot() {
    // The search page lives at <language root>/search/, and the English site at <root>/en/:
    // the index is at the root of the whole site. Works under any deployment path.
    var here = new URL("../", window.location.href);
    return document.documentElement.lang === "en" ? new URL("../", here) : here;
  }

  function languageRoot() {
    return new URL("../", window.location.href);
  }

  var pagefindPromise = null;
  function pagefind() {
    if (!pagefindPromise) {
      var root = siteRoot();
      pagefindPromise = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 40 }).then(function () {
          return pf;
        });
      });
    }
    return pagefindPromise;
  }

  var titlesPromise = null;
  function titles() {
    if (!titlesPromise) {
      // {"types": [kind, …], "pages": [[title, url, index of its kind], …]}
      titlesPromise = fetch(new URL("search/titles.json", languageRoot()).href)
        .then(function (r) { return r.ok ? r.json() : {types: [], pages: []}; })
        .then(function (data) {
          return data.pages.map(function (p) {
            return {title: p[0], url: p[1], type: data.types[p[2]]};
          });
        })
        .catch(function () { return []; });
    }
    return titlesPromise;
  }

  // A page named by the query first, then pages whose title holds it (shorter titles
  // first): from the small titles index, without fetching every result.
  function titleRank(title, query) {
    return title === query ? 0 : 1 + title.length / 1000;
  }

  function named(list, query, kind) {
    var root = languageRoot().pathname;
    return list.filter(function (t) {
      return query && (!kind || t.type === kind) && t.title.indexOf(query) !== -1;
    }).sort(function (a, b) {
      return titleRank(a.title, query) - titleRank(b.title, query);
    }).map(function (t) {
      return { url: root + t.url, title: t.title, excerpt: "", filters: { "类型": [t.type] } };
    });
  }

  // Results in display order; Pagefind's are fetched a page at a time.
  function Results(first, results) {
    this.queue = first.slice();
    this.results = results;
    this.cursor = 0;
    this.seen = {};
    var seen = this.seen;
    first.forEach(function (item) { seen[item.url] = true; });
  }

  Results.prototype.done = function () {
    return !this.queue.length && this.cursor >= this.results.length;
  };

  Results.prototype.next = function (count) {
    var self = this;
    var out = this.queue.splice(0, count);
    function fill() {
      if (out.length >= count || self.cursor >= self.results.length) return Promise.resolve(out);
      var batch = self.results.slice(self.cursor, self.cursor + count - out.length);
      self.cursor += batch.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
        data.forEach(function (d) {
          if (self.seen[d.url]) return;
          self.seen[d.url] = true;
          out.push({ url: d.url, title: clean(d.meta && d.meta.title), excerpt: d.excerpt,
                     filters: d.filters || {} });
        });
        return fill();
      });
    }
    return fill();
  };

  function search(query, filters) {
    var term = spaced(query);
    filters = filters || {};
    return Promise.all([pagefind(), titles()]).then(function (loaded) {
      var pf = loaded[0];
      var ranked = pf.search(term, { filters: filters });
      var exact = isPhrase(query) ? pf.search('"' + term + '"', { filters: filters }) : null;
      return Promise.all([ranked, exact]).then(function (found) {
        var results = found[0] ? found[0].results : [];
        if (found[1]) {
          var ids = {};
          found[1].results.forEach(function (r) { ids[r.id] = true; });
          results = results.filter(function (r) { return ids[r.id]; });
        }
        var first = named(loaded[1], normalise(query), filters["类型"]);
        return { total: Math.max(results.length, first.length),
                 results: new Results(first, results) };
      });
    });
  }

  // For tests and scripts: the first results of a query, as the page would list them.
  window.xinyiSearch = function (query, filters) {
    return search(query, filters).then(function (found) {
      return found.results.next(20).then(function (items) {
        return { total: found.total, items: items };
      });
    });
  };

  function render(list, items) {
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "xy-result";
      var a = document.createElement("a");
      a.className = "xy-result-link";
      a.href = item.url;
      a.textContent = item.title || item.url;
      li.appendChild(a);
      var kinds = item.filters["类型"] || [];
      if (kinds.length) {
        var badge = document.createElement("span");
        badge.className = "xy-badge";
        badge.textContent = kinds.join(" ");
        li.appendChild(document.createTextNode(" "));
        li.appendChild(badge);
      }
      if (item.excerpt) li.appendChild(excerptNode(item.excerpt));
      list.appendChild(li);
    });
  }

  function setup() {
    var form = document.getElementById("xy-search-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var kind = form.querySelector("select[name=type]");
    var status = document.getElementById("xy-search-status");
    var list = document.getElementById("xy-search-results");
    var more = document.getElementById("xy-search-more");
    var current = null;
    // Messages come from the page (data-msg-*), so that each language brings its own.
    function text(key, fallback) {
      return form.getAttribute("data-msg-" + key) || fallback;
    }
    document.querySelectorAll(".xy-needs-js").forEach(function (el) { el.hidden = false; });

    function run(push) {
      var q = normalise(input.value);
      list.innerHTML = "";
      more.hidden = true;
      if (!q) { status.textContent = ""; return; }
      if (push) {
        var url = new URL(window.location.href);
        url.searchParams.set("q", q);
        if (kind.value) url.searchParams.set("type", kind.value); else url.searchParams.delete("type");
        window.history.replaceState(null, "", url);
      }
      status.textContent = text("searching", "正在搜索…");
      var filters = kind.value ? { "类型": kind.value } : {};
      search(q, filters).then(function (found) {
        current = found.results;
        status.textContent = found.total
          ? text("found", "找到 {n} 个页面包含“{q}”").replace("{n}", found.total).replace("{q}", q)
          : text("none", "没有找到包含“{q}”的页面。请换一个词，或少输入几个字。").replace("{q}", q);
        return showMore();
      }).catch(function () {
        status.textContent = text("error", "搜索暂时无法使用，请稍后再试，或从小区列表逐级浏览。");
      });
    }

    function showMore() {
      var results = current;
      return results.next(PAGE_SIZE).then(function (items) {
        if (results !== current) return;  // a newer search has started
        render(list, items);
        more.hidden = results.done();
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    kind.addEventListener("change", function () { run(true); });
    more.addEventListener("click", showMore);
    pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
      Object.keys(all["类型"] || {}).sort().forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        option.textContent = name + "（" + all["类型"][name] + "）";
        kind.appendChild(option);
      });
      var params = new URLSearchParams(window.location.search);
      input.value = params.get("q") || "";
      kind.value = params.get("type") || "";
      if (input.value) run(false);
    });
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
