// tandem's offline search client: reads the static index under /search/<lang>/
// (gzipped binary term shards, JSON cards) and ranks exactly as `tandem search` does (tantivy's
// BM25, f32 arithmetic via Math.fround, clauses summed in the same order).
// No framework, no WebAssembly; every text from the index is inserted as text.
(function (global) {
  "use strict";
  var f = Math.fround, K1 = f(1.2), B = f(0.75), MAX_PREFIX = 5, MAX_FUZZY = 3;
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
  function levenshteinAtMostOne(a, b) {
    var x = Array.from(a), y = Array.from(b);
    if (Math.abs(x.length - y.length) > 1) { return false; }
    var i = 0, j = 0, edits = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) { i++; j++; continue; }
      if (++edits > 1) { return false; }
      if (x.length > y.length) { i++; } else if (y.length > x.length) { j++; } else { i++; j++; }
    }
    return edits + (x.length - i) + (y.length - j) <= 1;
  }

  async function readBytes(response) {
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
  /** A term shard (see src/search/export.rs): key → {a: term} or {f: [{field, weight, docs, tfs, norms}]}. */
  async function readShard(response) {
    var bytes = await readBytes(response), view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    var c = new Cursor(bytes, 0), entries = new Map();
    while (c.at < bytes.length) {
      var key = c.text(), count = bytes[c.at++];
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
      entries.set(key, { f: fields });
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
    function file(name, read) {
      if (!cache[name]) { cache[name] = load(dir + name).then(read || readJson); }
      return cache[name];
    }
    var manifest = load(manifestUrl).then(readJson);

    /** The shards from the one that would hold `key` on: calls `visit(firstKey, shard)` until it returns false. */
    async function shardsFrom(key, visit) {
      var directories = (await manifest).directories;
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
    /** The terms a query asks for (mirrors Dictionary::resolve). */
    async function resolve(words) {
      var terms = [];
      for (var i = 0; i < words.length; i++) {
        var word = words[i], last = i + 1 === words.length, length = Array.from(word).length;
        var exact = await termOf(word);
        if (exact === null) { exact = await termOf(fold(word)); }
        var found = exact === null ? [] : [exact];
        if (last && length >= 2 && exact === null) { found = found.concat(await bestTerms(await keysWithPrefix(word), found, MAX_PREFIX)); }
        if (!found.length && length >= 5) {
          var start = Array.from(word).slice(0, 2).join("");
          var close = (await keysWithPrefix(start)).filter(function (k) { return levenshteinAtMostOne(k, word); });
          found = found.concat(await bestTerms(close, [], MAX_FUZZY));
        }
        for (var t of found) { if (terms.indexOf(t) < 0) { terms.push(t); } }
      }
      return terms;
    }
    /** The documents of a facet value (see encode_doc_set in src/search/export.rs). */
    async function facetDocs(facet, value) {
      var m = await manifest, name = (m.facets[facet] || {})[value], docs = new Set();
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
    /** The top `limit` results: [{doc, score, card}], as `tandem search --json`. */
    async function search(query, filters, limit) {
      var m = await manifest, words = queryWords(m.analysis, query), terms = await resolve(words);
      var scores = new Map(), norms = {};
      for (var term of terms) {
        var e = await entry(term);
        if (!e || !e.f) { continue; }
        for (var fld of e.f) {
          var field = fld.field, weight = fld.weight, avg = m.fields[field][2];
          for (var j = 0; j < fld.docs.length; j++) {
            var doc = fld.docs[j], tf = f(fld.tfs[j]), key = field + ":" + fld.norms[j];
            if (norms[key] === undefined) { norms[key] = f(K1 * f(f(1 - B) + f(f(B * m.norms[fld.norms[j]]) / avg))); }
            var score = f(weight * f(tf / f(tf + norms[key])));
            scores.set(doc, scores.has(doc) ? f(scores.get(doc) + score) : score);
          }
        }
      }
      var hits = Array.from(scores.entries());
      for (var filter of filters || []) {
        var allowed = await facetDocs(filter[0], filter[1]);
        hits = hits.filter(function (h) { return allowed.has(h[0]); });
      }
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      hits = hits.slice(0, limit || 10);
      var cards = await Promise.all(hits.map(function (hit) { return file("c" + hit[0] + "." + m.cards + ".json.gz"); }));
      var results = hits.map(function (hit, i) { return { doc: hit[0], score: hit[1], card: cards[i] }; });
      return { results: results, words: words, terms: terms };
    }
    return { search: search, manifest: manifest };
  }

  global.TandemSearch = { open: open, queryWords: queryWords, fold: fold, compareBytes: compareBytes };

  // The page: only in a browser, on the search page.
  if (typeof document === "undefined") { return; }
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = document.getElementById("search-input"), list = document.getElementById("search-results");
  var status = document.getElementById("search-status"), forms = JSON.parse(form.getAttribute("data-count") || "{}");
  var plural = new Intl.PluralRules(document.documentElement.lang);
  var engine = open(form.getAttribute("data-manifest"), function (url) { return fetch(url); });
  var timer = null, latest = 0;

  function mark(parent, text, words) {
    var lower = text.toLowerCase(), at = 0;
    var spans = [];
    words.forEach(function (w) {
      if (w.length < 2) { return; }
      var i = lower.indexOf(w);
      while (i >= 0) { spans.push([i, i + w.length]); i = lower.indexOf(w, i + w.length); }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    spans.forEach(function (s) {
      if (s[0] < at) { return; }
      parent.appendChild(document.createTextNode(text.slice(at, s[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(s[0], s[1]);
      parent.appendChild(m);
      at = s[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }
  function filters() {
    return Array.from(form.querySelectorAll("input[type=checkbox]:checked")).map(function (c) { return [c.name, c.value]; });
  }
  function show(found, query) {
    list.textContent = "";
    found.results.forEach(function (r) {
      var li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
      li.className = "card";
      a.href = r.card.u;
      mark(a, r.card.t, found.words);
      h.className = "card-title";
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = r.card.k;
      li.appendChild(meta);
      if (r.card.l.length) {
        var badges = document.createElement("ul");
        badges.className = "badges";
        r.card.l.forEach(function (l) { var b = document.createElement("li"); b.className = "badge"; b.textContent = l; badges.appendChild(b); });
        li.appendChild(badges);
      }
      if (r.card.s) { var p = document.createElement("p"); p.className = "card-summary"; mark(p, r.card.s, found.words); li.appendChild(p); }
      list.appendChild(li);
    });
    var n = found.results.length, template = forms[plural.select(n)] || forms.other || "{n}";
    status.textContent = query.trim() ? template.replace("{n}", n) : "";
  }
  function run() {
    var query = input.value, ticket = ++latest;
    if (!query.trim()) { list.textContent = ""; status.textContent = ""; return; }
    engine.search(query, filters(), 10).then(function (found) { if (ticket === latest) { show(found, query); } });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  form.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") { return; }
    var links = Array.from(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
    if (!links.length) { return; }
    e.preventDefault();
    var next = e.key === "ArrowDown" ? (i < 0 ? 0 : Math.min(i + 1, links.length - 1)) : i - 1;
    if (next < 0) { input.focus(); } else { links[next].focus(); }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") { return; }
    var links = Array.from(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
    e.preventDefault();
    var next = e.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : i - 1;
    if (next < 0) { input.focus(); } else { links[next].focus(); }
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
})(typeof window !== "undefined" ? window : globalThis);
