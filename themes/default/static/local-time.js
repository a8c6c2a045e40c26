// Session times (UTC) in the visitor's time zone, start and end, in the page's
// CLDR locale (<html data-dates>): short on cards, long with data-long. No data
// for the locale: numeric, never another language or CLDR root's "M11".
// Registers ../sw.js, which keeps opened pages for offline reading (src/search/worker.js).
(function () {
  "use strict";
  var s = document.currentScript, w = navigator.serviceWorker;
  if (s && w) { w.register(new URL("../sw.js", s.src)).catch(Boolean); }
  var tag = document.documentElement.getAttribute("data-dates"), F = window.Intl && Intl.DateTimeFormat, words;
  function fmt(o) { return new F(tag, o); }
  try {
    words = !!tag && F.supportedLocalesOf([tag]).length && fmt({}).formatRange && !/M\d/.test(fmt({ month: "short" }).format(0));
  } catch (e) { words = false; }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function hm(d) { return two(d.getHours()) + ":" + two(d.getMinutes()); }
  function ymd(d) { return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()); }
  function zone(d) {
    var m = -d.getTimezoneOffset(), a = Math.abs(m);
    return "UTC" + (m ? (m < 0 ? "−" : "+") + Math.floor(a / 60) + (a % 60 ? ":" + two(a % 60) : "") : "");
  }
  [].forEach.call(document.querySelectorAll("time[data-minutes]"), function (t) {
    var start = new Date(t.getAttribute("datetime")), end = new Date(+start + 6e4 * t.getAttribute("data-minutes"));
    if (isNaN(end)) { return; }
    var w = t.hasAttribute("data-long") ? "long" : "short", text, month, day;
    if (words) {
      text = fmt({ weekday: w, day: "numeric", month: w, year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).formatRange(start, end);
      month = fmt({ month: "short" }).format(start);
      day = fmt({ day: "numeric" }).format(start);
    } else {
      text = ymd(start) + " " + hm(start) + "–" + hm(end) + " " + zone(start);
      month = ymd(start).slice(0, 7);
      day = two(start.getDate());
    }
    t.title = t.textContent;
    t.textContent = text;
    var badge = t.parentNode.parentNode.querySelector(".day");
    if (badge) { badge.firstChild.textContent = month; badge.lastChild.textContent = day; }
  });
})();
