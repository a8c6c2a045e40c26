// tandem's service worker (written by src/search/worker.rs as /sw.js, its
// comment lines dropped). Registered by every page (local-time.js) and the
// search page, it keeps on this device what the visitor already fetched, and
// nothing else:
// - the pages they open: network first, so they stay fresh; the kept copy
//   when offline (at most MAX_PAGES, the oldest dropped first); the page open
//   when the worker starts is fetched once more to be kept (a revalidation,
//   as a rule: the browser has just loaded it);
// - files whose name carries a hash of their content (search files,
//   scripts, the stylesheet): from the cache once kept, as they never change.
// A page never opened, offline, gets the browser's own offline page.
// The search page writes to the same caches (search.js: the files it used
// before this worker took over, and the whole index when asked to keep it).
// Each build has its own VERSION (a hash of its file names), and its caches
// replace those of older builds.
"use strict";
var VERSION = "__VERSION__", PAGES = "tandem-pages-" + VERSION, FILES = "tandem-files-" + VERSION, MAX_PAGES = 200;
var HASHED = /\.[0-9a-f]{10}\.[a-z.]+$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("tandem-") === 0 && name !== PAGES && name !== FILES;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }).then(keepOpen));
});
function keepOpen() {
  return self.clients.matchAll({ type: "window" }).then(function (windows) {
    return Promise.all(windows.map(function (w) {
      var key = w.url.split(/[?#]/)[0];
      return fetch(key).then(function (r) { return r.ok && !r.redirected && put(PAGES, key, r); }).catch(function () {});
    }));
  });
}

function put(name, key, response) {
  return caches.open(name).then(function (cache) { return cache.put(key, response); });
}
function trim() {
  return caches.open(PAGES).then(function (cache) {
    return cache.keys().then(function (keys) {
      return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map(function (key) { return cache.delete(key); }));
    });
  });
}
// A page from the network, kept without its query; offline, the kept copy.
function page(event) {
  var key = event.request.url.split(/[?#]/)[0];
  return fetch(event.request).then(function (response) {
    if (response.ok && !response.redirected) { event.waitUntil(put(PAGES, key, response.clone()).then(trim)); }
    return response;
  }, function () {
    return caches.match(key, { cacheName: PAGES }).then(function (kept) { return kept || Response.error(); });
  });
}
// A file that never changes: the kept copy, else the network's, kept.
function file(event) {
  return caches.match(event.request).then(function (kept) {
    return kept || fetch(event.request).then(function (response) {
      if (response.ok) { event.waitUntil(put(FILES, event.request, response.clone())); }
      return response;
    });
  });
}
self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) { return; }
  if (request.mode === "navigate") { event.respondWith(page(event)); } else if (HASHED.test(url.pathname)) { event.respondWith(file(event)); }
});
