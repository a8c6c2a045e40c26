// Adds the visitor's local time after each session time (shown in UTC).
// The only script of the site: deferred, no dependencies, nothing breaks without it.
(function () {
  "use strict";
  var root = document.documentElement, format;
  try {
    format = new Intl.DateTimeFormat(root.lang, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
    });
  } catch (e) { return; }
  var label = document.body.getAttribute("data-local-label") || "";
  var times = document.querySelectorAll("time[data-local]");
  for (var i = 0; i < times.length; i++) {
    var when = new Date(times[i].getAttribute("datetime"));
    if (isNaN(when.getTime())) { continue; }
    var span = document.createElement("span");
    span.className = "local-time";
    span.textContent = " (" + label + " " + format.format(when) + ")";
    times[i].parentNode.insertBefore(span, times[i].nextSibling);
  }
})();
