// The portal's search page, on Pagefind's JavaScript API.
//
// The index holds every CJK character as its own word (generator/site/search.py). A
// query is split into the same characters; a one-word query must also match as an exact
// phrase, so 酬金 finds 受托人酬金 but not 金酬. Pages whose title holds the query come
// first, then Pagefind's ranking. The words residents use (水费) are searched with the
// official terms of the accounts too (公共水电): content/search/synonyms.csv, published
// as search/synonyms.json. Searching from a community's page lists its pages first.
(function () {
  "use strict";

  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var BOUNDARY = new RegExp("([" + CJK + "])(?=\\S)|(\\S)(?=[" + CJK + "])", "g");
  // The English index splits characters with spaces (search.py): an excerpt shows them
  // joined again, between ideographs and Chinese punctuation, marks or not.
  var WIDE = CJK + "\u3000-\u303f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d";
  var SPACED = new RegExp("([" + WIDE + "])((?:</?mark>)*) ((?:</?mark>)*)(?=[" + WIDE + "])", "g");
  var PAGE_SIZE = 10;
  var MAX_EXPANSIONS = 4;
  var MAX_SUGGESTIONS = 5;

  // Interface text comes from the page (the form's data-msg-* attributes), so that each
  // language's page brings its own; the Chinese text is the default.
  function t(key, fallback, values) {
    var form = document.getElementById("xy-search-form");
    var out = (form && form.getAttribute("data-msg-" + key)) || fallback;
    Object.keys(values || {}).forEach(function (k) { out = out.split("{" + k + "}").join(values[k]); });
    return out;
  }

  function normalise(query) {
    return String(query || "").replace(/\u200b/g, "").replace(/["“”]/g, " ").trim().replace(/\s+/g, " ");
  }

  function spaced(query) {
    return normalise(query).replace(BOUNDARY, "$1$2 ");
  }

  function isPhrase(query) {
    var q = normalise(query);
    return q !== "" && q.indexOf(" ") === -1 && spaced(q) !== q;
  }

  function clean(text) {
    var out = String(text || "").replace(/\u200b/g, "");
    if (document.documentElement.lang === "en") {
      out = out.replace(SPACED, "$1$2$3").replace(SPACED, "$1$2$3");  // overlapping pairs
    }
    return out;
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

  // An excerpt that is mostly figures says nothing: a section's excerpt of words is
  // taken instead when the page has one.
  function figureShare(excerpt) {
    var text = clean(excerpt).replace(/<[^>]*>/g, "").replace(/\s/g, "");
    return text ? (text.match(/[0-9.,%:\/-]/g) || []).length / text.length : 0;
  }

  function wordyExcerpt(data) {
    var best = data.excerpt;
    (data.sub_results || []).forEach(function (sub) {
      if (figureShare(best) > 0.3 && sub.excerpt && figureShare(sub.excerpt) < figureShare(best)) {
        best = sub.excerpt;
      }
    });
    return best;
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

  function loadJson(url, empty) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : empty; })
      .catch(function () { return empty; });
  }

  var titlesPromise = null;
  function titles() {
    if (!titlesPromise) {
      // {"types": [kind, …], "pages": [[title, url, index of its kind], …]}
      titlesPromise = loadJson(new URL("search/titles.json", languageRoot()).href,
                               {types: [], pages: []}).then(function (data) {
        return data.pages.map(function (p) {
          return {title: p[0], url: p[1], type: data.types[p[2]]};
        });
      });
    }
    return titlesPromise;
  }

  var synonymsPromise = null;
  function synonyms() {
    if (!synonymsPromise) {
      // {"words": [[word residents use, [official term, …]], …]}: data only.
      synonymsPromise = loadJson(new URL("search/synonyms.json", siteRoot()).href, {words: []})
        .then(function (data) {
          return (data.words || []).filter(function (w) {
            return typeof w[0] === "string" && w[0] && Array.isArray(w[1]);
          });
        });
    }
    return synonymsPromise;
  }

  // The official terms a query's words stand for, and the queries with each word
  // replaced by its term: 交水费 → 交公共水电. Longer words first; a word inside one
  // already taken (物业费 inside 交物业费) is not taken again.
  function expand(query, list) {
    var taken = [], terms = [], queries = [];
    list.slice().sort(function (a, b) { return b[0].length - a[0].length; }).forEach(function (entry) {
      var word = entry[0];
      if (query.indexOf(word) === -1) return;
      if (taken.some(function (w) { return w.indexOf(word) !== -1; })) return;
      taken.push(word);
      entry[1].forEach(function (term) {
        var q = query.split(word).join(term);
        if (terms.indexOf(term) === -1 && queries.length < MAX_EXPANSIONS && q !== query) {
          terms.push(term);
          queries.push(q);
        }
      });
    });
    return { terms: terms, queries: queries };
  }

  // A few official terms to try after a search found nothing: those sharing a character
  // with the query first, then the list's first terms. Particles (的, 和…) are shared by
  // half the language and say nothing of what was meant.
  var PARTICLES = "的了和与及或之在是有";
  function sharesWith(query, word) {
    return word.split("").some(function (c) {
      return PARTICLES.indexOf(c) === -1 && query.indexOf(c) !== -1;
    });
  }

  function suggestions(query, list) {
    var near = [], rest = [];
    list.forEach(function (entry) {
      var shares = sharesWith(query, entry[0]);
      entry[1].forEach(function (term) {
        var into = shares || sharesWith(query, term) ? near : rest;
        if (near.indexOf(term) === -1 && rest.indexOf(term) === -1 && term !== query) into.push(term);
      });
    });
    return near.concat(rest).slice(0, MAX_SUGGESTIONS);
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

  // Results in display order: lists of ready items and of Pagefind's results, whose data
  // are fetched a page at a time.
  function Results(segments) {
    this.segments = segments;  // [{items: [...]} or {results: [...], cursor: 0}]
    this.seen = {};
  }

  Results.prototype.done = function () {
    return this.segments.every(function (s) {
      return s.items ? !s.items.length : s.cursor >= s.results.length;
    });
  };

  Results.prototype.take = function (item, out) {
    if (this.seen[item.url]) return;
    this.seen[item.url] = true;
    out.push(item);
  };

  Results.prototype.next = function (count) {
    var self = this, out = [];
    function fill() {
      var segment = self.segments.filter(function (s) {
        return s.items ? s.items.length : s.cursor < s.results.length;
      })[0];
      if (out.length >= count || !segment) return Promise.resolve(out);
      if (segment.items) {
        while (segment.items.length && out.length < count) self.take(segment.items.shift(), out);
        return fill();
      }
      var batch = segment.results.slice(segment.cursor, segment.cursor + count - out.length);
      segment.cursor += batch.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
        data.forEach(function (d) {
          self.take({ url: d.url, title: clean(d.meta && d.meta.title), excerpt: clean(wordyExcerpt(d)),
                      filters: d.filters || {} }, out);
        });
        return fill();
      });
    }
    return fill();
  };

  // Pagefind's results of one query: a one-word query as an exact phrase, in the order
  // of the ranked search (the phrase search's own results give excerpts at the phrase).
  function found(pf, query, filters) {
    var term = spaced(query);
    var ranked = pf.search(term, { filters: filters });
    var exact = isPhrase(query) ? pf.search('"' + term + '"', { filters: filters }) : null;
    return Promise.all([ranked, exact]).then(function (got) {
      var results = got[0] ? got[0].results : [];
      if (!got[1]) return results;
      var byId = {};
      got[1].results.forEach(function (r) { byId[r.id] = r; });
      return results.filter(function (r) { return byId[r.id]; }).map(function (r) { return byId[r.id]; });
    });
  }

  // Several queries' results as one list, best score first, each page once.
  function merged(lists) {
    var best = {};
    lists.forEach(function (list) {
      list.forEach(function (r) {
        if (!best[r.id] || best[r.id].score < r.score) best[r.id] = r;
      });
    });
    return Object.keys(best).map(function (id) { return best[id]; })
      .sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : 1); });
  }

  function within(filters, community) {
    var out = {};
    Object.keys(filters).forEach(function (k) { out[k] = filters[k]; });
    out.community = community;
    return out;
  }

  function search(query, filters, community) {
    filters = filters || {};
    return Promise.all([pagefind(), titles(), synonyms()]).then(function (loaded) {
      var pf = loaded[0], q = normalise(query);
      var also = expand(q, loaded[2]);
      var queries = [q].concat(also.queries);
      var all = Promise.all(queries.map(function (x) { return found(pf, x, filters); }));
      var own = community ? Promise.all(queries.map(function (x) {
        return found(pf, x, within(filters, community));
      })) : Promise.resolve([]);
      return Promise.all([all, own]).then(function (lists) {
        var results = merged(lists[0]), mine = merged(lists[1]);
        var first = [].concat.apply([], queries.map(function (x) {
          return named(loaded[1], x, filters["类型"]);
        }));
        return { total: Math.max(results.length, first.length), also: also.terms,
                 suggestions: suggestions(q, loaded[2]),
                 results: new Results(ordered(first, results, mine, community)) };
      });
    });
  }

  // The community's named pages and results first, then the others.
  function ordered(first, results, mine, community) {
    if (!community) return [{ items: first }, { results: results, cursor: 0 }];
    var prefix = languageRoot().pathname + "communities/" + community + "/";
    var ids = {};
    mine.forEach(function (r) { ids[r.id] = true; });
    function inside(item) { return item.url.indexOf(prefix) === 0; }
    return [{ items: first.filter(inside) }, { results: mine, cursor: 0 },
            { items: first.filter(function (i) { return !inside(i); }) },
            { results: results.filter(function (r) { return !ids[r.id]; }), cursor: 0 }];
  }

  // For tests and scripts: the first results of a query, as the page would list them.
  window.xinyiSearch = function (query, filters, community) {
    return search(query, filters, community).then(function (got) {
      return got.results.next(20).then(function (items) {
        return { total: got.total, also: got.also, suggestions: got.suggestions, items: items };
      });
    });
  };

  // The community a resident searched from: the page's parameter, or the page of the
  // portal she came from (the header's search box sends her here from any page).
  function communityOf(params) {
    var given = params.get("community");
    if (given !== null) return /^[a-z0-9-]+$/.test(given) ? given : "";
    var from;
    try { from = new URL(document.referrer); } catch (e) { return ""; }
    var root = languageRoot();
    if (from.origin !== root.origin || from.pathname.indexOf(root.pathname + "communities/") !== 0) return "";
    var id = from.pathname.slice((root.pathname + "communities/").length).split("/")[0];
    return /^[a-z0-9-]+$/.test(id) ? id : "";
  }

  function render(list, items) {
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "xy-result";
      var a = document.createElement("a");
      a.className = "xy-result-link";
      a.href = item.url;
      a.textContent = clean(item.title) || item.url;
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

  // Grey bars in the place of the first results while they load: the area keeps its
  // size (search.css), so nothing below moves when they arrive.
  function skeleton(list) {
    for (var i = 0; i < 3; i++) {
      var li = document.createElement("li");
      li.className = "xy-result xy-skeleton";
      li.setAttribute("aria-hidden", "true");
      li.appendChild(document.createElement("span"));
      li.appendChild(document.createElement("span"));
      list.appendChild(li);
    }
  }

  function link(params, text) {
    var a = document.createElement("a");
    var url = new URL(window.location.href);
    url.search = "";
    Object.keys(params).forEach(function (k) { url.searchParams.set(k, params[k]); });
    a.href = url.pathname + url.search;
    a.textContent = text;
    return a;
  }

  // After a search found nothing: what to try, as links that search for it.
  function emptyNode(words) {
    var p = document.createElement("p");
    p.className = "xy-search-try";
    if (!words.length) return p;
    p.appendChild(document.createTextNode(t("try", "试试：")));
    words.forEach(function (word, i) {
      if (i) p.appendChild(document.createTextNode(t("and", "、")));
      p.appendChild(link({ q: word }, word));
    });
    return p;
  }

  // "Also searched: 公共水电" and "pages of 风华苑 first (list all)".
  function noteNode(q, got, community, communityName) {
    var p = document.createDocumentFragment();
    if (got.also.length) {
      var also = document.createElement("span");
      also.textContent = t("also", "也搜索了：{terms}", { terms: got.also.join(t("and", "、")) });
      p.appendChild(also);
    }
    if (community && got.total) {
      var own = document.createElement("span");
      own.textContent = t("first", "先列出“{name}”的页面。", { name: communityName }) + " ";
      own.appendChild(link({ q: q, community: "" }, t("all", "按全部页面排列")));
      p.appendChild(own);
    }
    return p;
  }

  function communityName(id) {
    return titles().then(function (list) {
      var page = list.filter(function (p) { return p.url === "communities/" + id + "/"; })[0];
      return page ? page.title : id;
    });
  }

  function setup() {
    var form = document.getElementById("xy-search-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var kind = form.querySelector("select[name=type]");
    var status = document.getElementById("xy-search-status");
    var note = document.getElementById("xy-search-note");
    var list = document.getElementById("xy-search-results");
    var empty = document.getElementById("xy-search-empty");
    var more = document.getElementById("xy-search-more");
    var params = new URLSearchParams(window.location.search);
    var community = communityOf(params);
    var current = null;
    var text = t;

    function run() {
      var q = normalise(input.value);
      list.innerHTML = "";
      note.innerHTML = "";
      empty.innerHTML = "";
      more.hidden = true;
      current = null;
      if (!q) { status.textContent = ""; return; }
      var url = new URL(window.location.href);
      url.searchParams.set("q", q);
      if (kind.value) url.searchParams.set("type", kind.value); else url.searchParams.delete("type");
      if (community) url.searchParams.set("community", community);
      window.history.replaceState(null, "", url);
      status.textContent = text("searching", "正在搜索…");
      skeleton(list);
      var filters = kind.value ? { "类型": kind.value } : {};
      var mine = current = {};
      Promise.all([search(q, filters, community), community ? communityName(community) : ""])
        .then(function (done) {
          if (current !== mine) return null;  // a newer search has started
          var got = done[0];
          current = got.results;
          status.textContent = got.total
            ? text("found", "找到 {n} 个页面包含“{q}”").replace("{n}", got.total).replace("{q}", q)
            : text("none", "没有找到包含“{q}”的页面。请换一个词，或少输入几个字。").replace("{q}", q);
          note.appendChild(noteNode(q, got, community, done[1]));
          if (!got.total) {
            list.innerHTML = "";
            empty.appendChild(emptyNode(got.suggestions));
            return null;
          }
          return showMore(true);
        }).catch(function () {
          list.innerHTML = "";
          status.textContent = text("error", "搜索暂时无法使用，请稍后再试，或从小区列表逐级浏览。");
        });
    }

    function showMore(first) {
      var results = current;
      return results.next(PAGE_SIZE).then(function (items) {
        if (results !== current) return;  // a newer search has started
        if (first === true) list.innerHTML = "";  // the skeleton
        render(list, items);
        more.hidden = results.done();
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    kind.addEventListener("change", run);
    more.addEventListener("click", showMore);
    input.value = params.get("q") || "";
    if (input.value) { status.textContent = text("searching", "正在搜索…"); skeleton(list); }
    pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
      Object.keys(all["类型"] || {}).sort().forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        option.textContent = name + "（" + all["类型"][name] + "）";
        kind.appendChild(option);
      });
      kind.value = params.get("type") || "";
      if (input.value) run();
    }).catch(function () {
      list.innerHTML = "";
      status.textContent = text("error", "搜索暂时无法使用，请稍后再试，或从小区列表逐级浏览。");
    });
  }

  // Scripts run at the end of the page: set up at once, before the first paint, so that
  // the space of the results is kept from the start.
  if (document.getElementById("xy-search-more")) setup();
  else document.addEventListener("DOMContentLoaded", setup);
})();
