// tandem's search client: reads the static index under /search/<lang>/
// (gzipped binary term shards, JSON cards) and finds exactly what `tandem search` finds
// (src/search/query.rs): the same total, the same order (tantivy's BM25, f32 arithmetic via
// Math.fround, clauses summed in the same order), the same suggestion when nothing matches.
// No framework, no WebAssembly; every text from the index is inserted as text.
// The page part (below the engine) keeps the query and filters in the URL, and, with the
// service worker (/sw.js), keeps what was searched, or on request the whole index, offline.
(function (global) {
  "use strict";
  var f = Math.fround, K1 = f(1.2), B = f(0.75), MAX_PREFIX = 5, MAX_FUZZY = 3, MIN_FUZZY = 5, MIN_SUGGEST = 3;
  var encoder = new TextEncoder();

  function compareBytes(a, b) {
    var x = encoder.encode(a), y = encoder.encode(b), n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) { if (x[i] !== y[i]) { return x[i] - y[i]; } }
    return x.length - y.length;
  }
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  function isCjk(c) {
    var p = c.codePointAt(0);
    return (p >= 0x3040 && p <= 0x30ff) || (p >= 0x3400 && p <= 0x4dbf) || (p >= 0x4e00 && p <= 0x9fff) ||
      (p >= 0xf900 && p <= 0xfaff) || (p >= 0xac00 && p <= 0xd7af) || (p >= 0x20000 && p <= 0x2ffff);
  }
  function splitWords(text) {
    var out = [], word = "";
    for (var c of text) {
      if (ALNUM.test(c)) { word += c; } else if (word) { out.push(word); word = ""; }
    }
    if (word) { out.push(word); }
    return out;
  }
  function fold(word) { return word.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase(); }
  function bigrams(text) {
    var out = [], run = [], word = "";
    function flush() {
      if (run.length === 1) { out.push(run[0]); }
      for (var i = 0; i + 1 < run.length; i++) { out.push(run[i] + run[i + 1]); }
      run = [];
    }
    for (var c of text) {
      if (isCjk(c)) {
        if (word) { out.push(word.toLowerCase()); word = ""; }
        run.push(c);
      } else {
        flush();
        if (ALNUM.test(c)) { word += c; } else if (word) { out.push(word.toLowerCase()); word = ""; }
      }
    }
    flush();
    if (word) { out.push(word.toLowerCase()); }
    return out;
  }
  /** The words of a query, normalised as the index expects (mirrors analyzer::query_words). */
  function queryWords(analysis, text) {
    if (analysis === "bigrams") { return bigrams(text); }
    if (analysis === "unmarked") {
      return splitWords(text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC")).map(function (w) { return w.toLowerCase(); });
    }
    return splitWords(text).map(function (w) { return w.toLowerCase(); });
  }
  /** Edits from `a` to `b`: letters added, dropped, changed, or two neighbours swapped, each
   * letter edited once (optimal string alignment, as strsim::osa_distance), by code point. */
  function editDistance(a, b) {
    var x = Array.from(a), y = Array.from(b), i, j, before = [], last = [], row;
    for (j = 0; j <= y.length; j++) { last.push(j); }
    for (i = 1; i <= x.length; i++) {
      row = [i];
      for (j = 1; j <= y.length; j++) {
        var d = Math.min(row[j - 1] + 1, last[j] + 1, last[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1] && x[i - 1] !== y[j - 1]) { d = Math.min(d, before[j - 2] + 1); }
        row.push(d);
      }
      before = last;
      last = row;
    }
    return last[y.length];
  }

  async function readBytes(response) {
    if (!response.ok) { throw new Error(response.status + " " + response.url); }
    var bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return bytes;
  }
  var decoder = new TextDecoder();
  async function readJson(response) { return JSON.parse(decoder.decode(await readBytes(response))); }
  /** A position in `bytes`, reading unsigned LEB128 varints (as export.rs writes them). */
  function Cursor(bytes, at) { this.bytes = bytes; this.at = at; }
  Cursor.prototype.varint = function () {
    var n = 0, scale = 1, b;
    do { b = this.bytes[this.at++]; n += (b & 0x7f) * scale; scale *= 128; } while (b & 0x80);
    return n;
  };
  Cursor.prototype.text = function () {
    var n = this.varint(), s = decoder.decode(this.bytes.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  };
  /** A term shard (see src/search/export.rs): key → {a: term} or {f: [{field, weight, docs, tfs, norms}], w: is a word}. */
  async function readShard(response) {
    var bytes = await readBytes(response), view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    var c = new Cursor(bytes, 0), entries = new Map();
    while (c.at < bytes.length) {
      var key = c.text(), count = bytes[c.at] & 0x7f, word = (bytes[c.at++] & 0x80) !== 0;
      if (count === 0) { entries.set(key, { a: c.text() }); continue; }
      var fields = [];
      for (var i = 0; i < count; i++) {
        var field = bytes[c.at], weight = view.getFloat32(c.at + 1, true), n;
        c.at += 5;
        n = c.varint();
        var docs = new Array(n), tfs = new Array(n), doc = 0, j;
        for (j = 0; j < n; j++) { doc += c.varint(); docs[j] = doc; }
        for (j = 0; j < n; j++) { tfs[j] = c.varint(); }
        fields.push({ field: field, weight: weight, docs: docs, tfs: tfs, norms: bytes.subarray(c.at, c.at + n) });
        c.at += n;
      }
      entries.set(key, { f: fields, w: word });
    }
    return entries;
  }
  /** The index of the last item of `list` ([[firstKey, ...]], in key order) whose first key is ≤ key. */
  function spanOf(list, key) {
    var lo = 0, hi = list.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (compareBytes(list[mid][0], key) <= 0) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }


  /** A search over the index whose manifest is at `manifestUrl`; `load(url)` fetches a file. */
  function open(manifestUrl, load) {
    var dir = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    var cache = {};
    // A file, read once; a failed read (offline) is forgotten, to be tried again.
    function file(name, read) {
      if (!cache[name]) {
        cache[name] = load(dir + name).then(read || readJson);
        cache[name].catch(function () { delete cache[name]; });
      }
      return cache[name];
    }
    function manifest() { return file(manifestUrl.slice(dir.length)); }

    /** The shards from the one that would hold `key` on: calls `visit(firstKey, shard)` until it returns false. */
    async function shardsFrom(key, visit) {
      var directories = (await manifest()).directories;
      for (var d = spanOf(directories, key), first = true; d < directories.length; d++) {
        var shards = await file(directories[d][1]);
        for (var s = first ? spanOf(shards, key) : 0; s < shards.length; s++) {
          if (!(await visit(shards[s][0], await file(shards[s][1], readShard)))) { return; }
        }
        first = false;
      }
    }
    async function entry(key) {
      var found = null;
      await shardsFrom(key, function (_, shard) { found = shard.get(key) || null; return false; });
      return found;
    }
    async function termOf(key) {
      var e = await entry(key);
      if (!e) { return null; }
      return e.a !== undefined ? e.a : key;
    }
    async function frequency(term) {
      var e = await entry(term);
      if (!e || !e.f) { return 0; }
      return e.f.reduce(function (sum, fld) { return sum + fld.docs.length; }, 0);
    }
    /** Whether `key` is a word a visitor could type (mirrors Dictionary::is_word). */
    async function isWord(key) {
      var e = await entry(key);
      return !!e && (e.a !== undefined || e.w);
    }
    async function keysWithPrefix(prefix) {
      var keys = [];
      await shardsFrom(prefix, function (first, shard) {
        if (compareBytes(first, prefix) > 0 && !first.startsWith(prefix)) { return false; }
        for (var k of shard.keys()) { if (k.startsWith(prefix)) { keys.push(k); } }
        return true;
      });
      return keys.sort(compareBytes);
    }
    async function bestTerms(keys, exclude, limit) {
      var terms = [];
      for (var k of keys) { var t = await termOf(k); if (t !== null && terms.indexOf(t) < 0 && exclude.indexOf(t) < 0) { terms.push(t); } }
      var freq = {};
      for (var t2 of terms) { freq[t2] = await frequency(t2); }
      terms.sort(function (a, b) { return freq[b] - freq[a] || compareBytes(a, b); });
      return terms.slice(0, limit);
    }
    /** The terms one word asks for (mirrors Dictionary::resolve_word). */
    async function resolveWord(word, last) {
      var length = Array.from(word).length, exact = await termOf(word);
      if (exact === null) { exact = await termOf(fold(word)); }
      var found = exact === null ? [] : [exact];
      if (last && length >= 2 && exact === null) { found = found.concat(await bestTerms(await keysWithPrefix(word), found, MAX_PREFIX)); }
      if (!found.length && length >= MIN_FUZZY) {
        var start = Array.from(word).slice(0, 2).join("");
        var close = (await keysWithPrefix(start)).filter(function (k) { return editDistance(k, word) <= 1; });
        found = found.concat(await bestTerms(close, [], MAX_FUZZY));
      }
      return found;
    }
    /** The terms a query asks for (mirrors Dictionary::resolve). */
    async function resolve(words) {
      var terms = [];
      for (var i = 0; i < words.length; i++) {
        for (var t of await resolveWord(words[i], i + 1 === words.length)) { if (terms.indexOf(t) < 0) { terms.push(t); } }
      }
      return terms;
    }
    /** The closest word to `word` (mirrors Dictionary::spelling). */
    async function spelling(word) {
      var length = Array.from(word).length, best = null;
      if (length < MIN_SUGGEST) { return null; }
      var most = length < MIN_FUZZY ? 1 : 2;
      for (var k of await keysWithPrefix(Array.from(word).slice(0, 2).join(""))) {
        if (k === word || !(await isWord(k))) { continue; }
        var d = editDistance(k, word);
        if (d > most) { continue; }
        var candidate = { key: k, d: d, n: await frequency(await termOf(k)) };
        if (!best || d < best.d || (d === best.d && (candidate.n > best.n || (candidate.n === best.n && compareBytes(k, best.key) < 0)))) { best = candidate; }
      }
      return best && best.key;
    }
    /** A spelling to try when nothing matches (mirrors Dictionary::suggest). */
    async function suggest(words) {
      var out = [], changed = false;
      for (var i = 0; i < words.length; i++) {
        var unknown = !(await resolveWord(words[i], i + 1 === words.length)).length;
        var key = unknown ? await spelling(words[i]) : null;
        if (key !== null) { changed = true; }
        out.push(key !== null ? key : words[i]);
      }
      return changed ? out.join(" ") : null;
    }
    /** The documents of a facet value (see encode_doc_set in src/search/export.rs). */
    async function facetDocs(facet, value) {
      var m = await manifest(), name = (m.facets[facet] || {})[value], docs = new Set();
      if (!name) { return docs; }
      var bytes = await file(name, readBytes), c = new Cursor(bytes, 1), doc = 0;
      if (bytes[0] === 0) {
        for (var i = 1; i < bytes.length; i++) {
          for (var bit = 0; bit < 8; bit++) { if (bytes[i] & (1 << bit)) { docs.add((i - 1) * 8 + bit); } }
        }
        return docs;
      }
      while (c.at < bytes.length) { doc += c.varint(); docs.add(doc); }
      return docs;
    }
    /** For each facet filtered, the documents with one of its values asked for. */
    async function allowed(filters) {
      var byFacet = new Map();
      for (var filter of filters) {
        var docs = await facetDocs(filter[0], filter[1]), union = byFacet.get(filter[0]) || new Set();
        docs.forEach(function (d) { union.add(d); });
        byFacet.set(filter[0], union);
      }
      return Array.from(byFacet.values());
    }
    /** The BM25 score of every document containing one of `terms`, summed in term then field order. */
    async function scores(m, terms) {
      var out = new Map(), norms = {};
      for (var term of terms) {
        var e = await entry(term);
        if (!e || !e.f) { continue; }
        for (var fld of e.f) {
          var field = fld.field, weight = fld.weight, avg = m.fields[field][2];
          for (var j = 0; j < fld.docs.length; j++) {
            var doc = fld.docs[j], tf = f(fld.tfs[j]), key = field + ":" + fld.norms[j];
            if (norms[key] === undefined) { norms[key] = f(K1 * f(f(1 - B) + f(f(B * m.norms[fld.norms[j]]) / avg))); }
            var score = f(weight * f(tf / f(tf + norms[key])));
            out.set(doc, out.has(doc) ? f(out.get(doc) + score) : score);
          }
        }
      }
      return out;
    }
    /** Every match of `words` and `filters`, best first: [[doc, score]] (mirrors LanguageIndex::ranked). */
    async function ranked(m, words, filters) {
      var sets = await allowed(filters), hits;
      var keep = function (doc) { return sets.every(function (s) { return s.has(doc); }); };
      if (!words.length) {
        if (!filters.length) { return []; }
        hits = [];
        for (var doc = 0; doc < m.docs; doc++) { if (keep(doc)) { hits.push([doc, 0]); } }
        return hits;
      }
      hits = Array.from((await scores(m, await resolve(words))).entries()).filter(function (h) { return keep(h[0]); });
      return hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    }
    /** The cards of `hits`, as [{doc, score, card}]. */
    async function cards(hits) {
      var m = await manifest();
      var found = await Promise.all(hits.map(function (hit) { return file("c" + hit[0] + "." + m.cards + ".json.gz"); }));
      return hits.map(function (hit, i) { return { doc: hit[0], score: hit[1], card: found[i] }; });
    }
    /** What `tandem search --json` reports: the total, the first `limit` results, and when
     * nothing matches, the count without the filters or a suggested spelling; also every hit. */
    async function search(query, filters, limit) {
      var m = await manifest(), words = queryWords(m.analysis, query);
      filters = filters || [];
      var hits = await ranked(m, words, filters), found = { total: hits.length, hits: hits, words: words };
      if (!hits.length && words.length) {
        if (filters.length) {
          var without = (await ranked(m, words, [])).length;
          if (without > 0) { found.withoutFilters = without; }
        }
        if (found.withoutFilters === undefined && m.analysis !== "bigrams") {
          var suggestion = await suggest(words);
          if (suggestion !== null) { found.suggestion = suggestion; }
        }
      }
      found.results = await cards(hits.slice(0, limit || 10));
      return found;
    }
    /** Every file keeping search offline needs: [urls of files, urls of card packs]. */
    async function everyFile() {
      var m = await manifest(), files = [manifestUrl], shards = [];
      for (var d of m.directories) {
        files.push(dir + d[1]);
        shards = shards.concat((await file(d[1])).map(function (s) { return dir + s[1]; }));
      }
      Object.keys(m.facets).forEach(function (facet) {
        Object.keys(m.facets[facet]).forEach(function (value) { files.push(dir + m.facets[facet][value]); });
      });
      var packs = [];
      for (var p = 0; p < m.packs; p++) { packs.push(dir + "p" + p + "." + m.cards + ".json.gz"); }
      return { files: files.concat(shards), packs: packs };
    }
    /** The URL of document `doc`'s card. */
    async function cardUrl(doc) { return dir + "c" + doc + "." + (await manifest()).cards + ".json.gz"; }
    return { search: search, cards: cards, manifest: manifest, everyFile: everyFile, cardUrl: cardUrl };
  }

  global.TandemSearch = { open: open, queryWords: queryWords, fold: fold, compareBytes: compareBytes, editDistance: editDistance, readJson: readJson };

  // The page: only in a browser, on the search page.
  if (typeof document === "undefined") { return; }
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = document.getElementById("search-input"), list = document.getElementById("search-results");
  var status = document.getElementById("search-status"), hint = document.getElementById("search-hint");
  var more = document.getElementById("search-more"), offline = document.getElementById("search-offline");
  var data = form.dataset, forms = JSON.parse(data.count || "{}"), text = JSON.parse(data.texts || "{}");
  var countLang = data.countLang || document.documentElement.lang, plural = new Intl.PluralRules(countLang);
  var manifestUrl = data.manifest, engine = open(manifestUrl, function (url) { return fetch(url); });
  var timer = null, latest = 0, shown = null, typedAt = 0;

  /** `template` with each {name} replaced: by text, or by the node `values[name]`. */
  function fill(parent, template, values) {
    parent.textContent = "";
    template.split(/(\{\w+\})/).forEach(function (part) {
      var value = /^\{\w+\}$/.test(part) ? values[part.slice(1, -1)] : undefined;
      if (value === undefined) { value = part; }
      parent.appendChild(typeof value === "string" || typeof value === "number" ? document.createTextNode(String(value)) : value);
    });
  }
  /** The result count in the plural form of `n` (CLDR categories, as the page's language has them). */
  function counted(n) { return (forms[plural.select(n)] || forms.other || "{n}").replace("{n}", String(n)); }
  /** A link to the search `target` (a state), which the page runs in place. */
  function searchLink(label, target) {
    var a = document.createElement("a");
    a.href = urlOf(target);
    a.textContent = label;
    a.addEventListener("click", function (e) {
      e.preventDefault();
      input.value = target.q;
      form.querySelectorAll("input[type=checkbox]").forEach(function (c) {
        c.checked = target.filters.some(function (f) { return f[0] === c.name && f[1] === c.value; });
      });
      run({ record: true });
      input.focus();
    });
    return a;
  }
  function mark(parent, value, words) {
    var lower = value.toLowerCase(), at = 0, spans = [];
    words.forEach(function (w) {
      if (w.length < 2) { return; }
      var i = lower.indexOf(w);
      while (i >= 0) { spans.push([i, i + w.length]); i = lower.indexOf(w, i + w.length); }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    spans.forEach(function (s) {
      if (s[0] < at) { return; }
      parent.appendChild(document.createTextNode(value.slice(at, s[0])));
      var m = document.createElement("mark");
      m.textContent = value.slice(s[0], s[1]);
      parent.appendChild(m);
      at = s[1];
    });
    parent.appendChild(document.createTextNode(value.slice(at)));
  }
  function element(name, className, parent) {
    var e = document.createElement(name);
    if (className) { e.className = className; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  /** One result card: title, date and kind, levels, summary (as the site's own cards). */
  function card(result, words) {
    var c = result.card, li = element("li", "card"), a = element("a", "", element("h2", "card-title", li));
    a.href = c.u;
    mark(a, c.t, words);
    // A record not yet translated: its text keeps its own language and direction.
    if (c.g) { a.lang = c.g; a.dir = "auto"; }
    var meta = element("p", "meta", li);
    if (c.d) {
      var time = element("time", "", meta);
      time.dateTime = c.i;
      time.textContent = c.d;
      meta.appendChild(document.createTextNode(" · "));
    }
    meta.appendChild(document.createTextNode(c.k));
    if (c.l.length) {
      var badges = element("ul", "badges", li);
      c.l.forEach(function (l) { element("li", "badge", badges).textContent = l; });
    }
    if (c.s) {
      var summary = element("p", "card-summary", li);
      mark(summary, c.s, words);
      if (c.g) { summary.lang = c.g; summary.dir = "auto"; }
    }
    return li;
  }

  /** The query and filters the form holds. */
  function state() {
    var checked = Array.from(form.querySelectorAll("input[type=checkbox]:checked"));
    return { q: input.value, filters: checked.map(function (c) { return [c.name, c.value]; }) };
  }
  function urlOf(s) {
    var params = new URLSearchParams();
    if (s.q.trim()) { params.set("q", s.q); }
    s.filters.forEach(function (f) { params.append(f[0], f[1]); });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }
  /** Puts the URL's query and filters into the form. */
  function restore() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    form.querySelectorAll("input[type=checkbox]").forEach(function (c) {
      c.checked = params.getAll(c.name).indexOf(c.value) >= 0;
      var details = c.closest("details");
      if (c.checked && details) { details.open = true; }
    });
  }
  /** Records the search in the URL: typing in one go replaces its own entry, anything else adds one. */
  function record(s, typing) {
    var url = urlOf(s), now = Date.now();
    var replace = typing && now - typedAt < 1500;
    typedAt = typing ? now : 0;
    if (url === location.pathname + location.search) { return; }
    if (replace) { history.replaceState(null, "", url); } else { history.pushState(null, "", url); }
  }

  function clear() {
    list.textContent = "";
    status.textContent = "";
    status.removeAttribute("lang");
    hint.hidden = true;
    more.hidden = true;
  }
  function showHint(found, s) {
    hint.hidden = false;
    if (found.withoutFilters !== undefined) {
      var all = searchLink("", { q: s.q, filters: [] });
      fill(all, text.unfilter, { count: counted(found.withoutFilters) });
      fill(hint, text.filtered + " {link}", { link: all });
    } else if (found.suggestion !== undefined) {
      fill(hint, text.suggest, { suggestion: searchLink(found.suggestion, { q: found.suggestion, filters: s.filters }) });
    } else {
      hint.hidden = true;
    }
  }
  function show(found, s) {
    clear();
    shown = { found: found, count: found.results.length };
    found.results.forEach(function (r) { list.appendChild(card(r, found.words)); });
    if (found.total > 0) {
      status.textContent = counted(found.total);
      if (countLang !== document.documentElement.lang) { status.lang = countLang; }
    } else if (s.q.trim()) {
      fill(status, text.none, { query: s.q.trim() });
      showHint(found, s);
    } else {
      status.textContent = text.filtered;
    }
    more.hidden = found.total <= found.results.length;
  }
  /** Runs the form's search; `how.record` adds it to the history, `how.typing` as typing. */
  function run(how) {
    var s = state(), ticket = ++latest;
    if (how.record) { record(s, how.typing); }
    if (!s.q.trim() && !s.filters.length) { clear(); shown = null; list.removeAttribute("aria-busy"); return; }
    list.setAttribute("aria-busy", "true");
    engine.search(s.q, s.filters, 10).then(function (found) {
      if (ticket === latest) { show(found, s); list.removeAttribute("aria-busy"); }
    }, function () {
      if (ticket === latest) { clear(); status.textContent = text.offline; list.removeAttribute("aria-busy"); }
    });
  }
  more.addEventListener("click", function () {
    if (!shown) { return; }
    var next = shown.found.hits.slice(shown.count, shown.count + 10), from = shown.count;
    engine.cards(next).then(function (results) {
      results.forEach(function (r) { list.appendChild(card(r, shown.found.words)); });
      shown.count += results.length;
      more.hidden = shown.count >= shown.found.total;
      var first = list.children[from];
      if (first) { first.querySelector("a").focus(); }
    }, function () { status.textContent = text.offline; });
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run({ record: true }); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run({ record: true, typing: true }); }, 150); });
  form.addEventListener("change", function (e) { if (e.target !== input) { clearTimeout(timer); run({ record: true }); } });
  window.addEventListener("popstate", function () { restore(); run({}); });
  function arrows(e, fromInput) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") { return; }
    var links = Array.from(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
    if (!links.length) { return; }
    e.preventDefault();
    var next = e.key === "ArrowDown" ? (i < 0 ? 0 : Math.min(i + 1, links.length - 1)) : i - 1;
    if (next < 0) { input.focus(); } else { links[next].focus(); }
  }
  form.addEventListener("keydown", arrows);
  list.addEventListener("keydown", arrows);
  restore();
  run({});

  // Offline: the service worker keeps pages and used files (see src/search/worker.js); this
  // page offers to keep the whole index, and keeps what it fetched before the worker took over.
  var FILES = "tandem-files-" + data.version;
  if (!("serviceWorker" in navigator) || !data.worker || !window.caches) { return; }
  var note = offline.querySelector("p"), keep = offline.querySelector("button");
  function hashed(url) { return url.indexOf(location.origin + "/") === 0 && /\.[0-9a-f]{10}\.[a-z.]+$/.test(new URL(url).pathname); }
  /** The files this page fetched before the worker controlled it, into the worker's cache
   * (the worker keeps the page itself). */
  function remember() {
    var files = performance.getEntriesByType("resource").map(function (r) { return r.name; }).filter(hashed);
    return caches.open(FILES).then(function (c) { return c.addAll(files); }).catch(function () {});
  }
  /** Every search file of this language into the cache; the cards come in packs, stored one by one. */
  async function keepAll(progress) {
    var all = await engine.everyFile(), m = await engine.manifest(), cache = await caches.open(FILES);
    var total = all.files.length + all.packs.length, done = 0, next = 0;
    async function worker() {
      while (next < all.files.length) {
        var url = all.files[next++];
        if (!(await cache.match(url))) { await cache.add(url); }
        progress(++done / total);
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()]);
    for (var p = 0; p < all.packs.length; p++) {
      var cards = await readJson(await fetch(all.packs[p]));
      for (var i = 0; i < cards.length; i++) {
        var body = JSON.stringify(cards[i]);
        await cache.put(await engine.cardUrl(p * m.pack + i), new Response(body, { headers: { "Content-Type": "application/json" } }));
      }
      progress(++done / total);
    }
    await cache.put(manifestUrl + "?kept", new Response("1"));
  }
  function offer(m) {
    offline.hidden = false;
    note.textContent = text.note;
    caches.match(manifestUrl + "?kept").then(function (kept) {
      if (kept) { note.textContent = text.kept; keep.hidden = true; return; }
      keep.hidden = false;
      keep.disabled = false;
      keep.textContent = text.keep.replace("{size}", String(Math.ceil(m.bytes / 1000)));
    });
  }
  keep.addEventListener("click", function () {
    keep.disabled = true;
    keepAll(function (share) { note.textContent = text.keeping.replace("{percent}", String(Math.floor(share * 100))); })
      .then(function () { note.textContent = text.kept; keep.hidden = true; },
        function () { note.textContent = text.failed; keep.disabled = false; });
  });
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (!controlled) { controlled = true; remember(); }
    engine.manifest().then(offer, function () {});
  });
  navigator.serviceWorker.register(data.worker).catch(function () {});
  if (controlled) { engine.manifest().then(offer, function () {}); }
})(typeof window !== "undefined" ? window : globalThis);
