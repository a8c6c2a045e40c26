// tandem serve: reload the page after each good build; show the problems of
// a failed build in an overlay. Served only by `tandem serve`.
(function () {
  "use strict";
  var overlay = null;
  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "tandem-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 monospace;padding:2rem;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The content has problems; the last good version of the site is still served.\n\n" + problems.join("\n\n");
  }
  function check() {
    fetch("/__tandem/status").then(function (r) { return r.json(); }).then(function (s) {
      if (s.ok) { location.reload(); } else { show(s.problems); }
    });
  }
  var source = new EventSource("/__tandem/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("problems", check);
  source.addEventListener("hello", function () {
    fetch("/__tandem/status").then(function (r) { return r.json(); }).then(function (s) {
      if (!s.ok) { show(s.problems); }
    });
  });
})();
