// A visitor's walk through the site, with the mouse and with the keyboard
// alone; the calendar file; session times in UTC and in local time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { withSiteAndBrowser } from "./support.mjs";

let site, browser;
withSiteAndBrowser((served, launched) => ([site, browser] = [served, launched]));

const WALK = [
  ["For experienced organisers", "/levels/experienced/", "Sessions for experienced organisers"],
  ["Changemakers Toolkit", "/clinics/2024-11-changemakers-toolkit/", "Changemakers Toolkit"],
  ["One-page summary of this session", "/clinics/2024-11-changemakers-toolkit/summary/", "Changemakers Toolkit"],
  ["Full page of this session", "/clinics/2024-11-changemakers-toolkit/", "Changemakers Toolkit"],
  ["Wikimedia UK", "/sharers/wikimedia-uk/", "Wikimedia UK"],
  ["Advocacy", "/topics/advocacy/", "Advocacy"],
  ["Calendar", "/calendar/", "Calendar"],
  ["Newsletter", "/newsletter/", "Newsletter"],
];

test("walk home → level → clinic → summary → sharer → topic → calendar → newsletter with the mouse", async () => {
  const page = await browser.newPage();
  await page.goto(site.url + "/");
  for (const [link, path, heading] of WALK) {
    await page.getByRole("link", { name: link, exact: true }).first().click();
    assert.equal(new URL(page.url()).pathname, path);
    assert.equal(await page.locator("h1").innerText(), heading);
  }
  await page.close();
});

test("the same walk with the keyboard alone", async () => {
  const page = await browser.newPage();
  await page.goto(site.url + "/");
  for (const [link, path, heading] of WALK) {
    let reached = false;
    for (let presses = 0; presses < 200 && !reached; presses++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(([name, target]) => {
        const a = document.activeElement;
        return a?.tagName === "A" && a.textContent.trim() === name && new URL(a.href).pathname === target;
      }, [link, path]);
    }
    assert.ok(reached, `Tab reaches the link “${link}”`);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "the focused link is visibly outlined");
    await Promise.all([page.waitForURL((u) => u.pathname === path), page.keyboard.press("Enter")]);
    assert.equal(await page.locator("h1").innerText(), heading);
  }
  await page.close();
});

test("the skip link is the first thing the keyboard reaches and it moves focus to the content", async () => {
  const page = await browser.newPage();
  await page.goto(site.url + "/calendar/");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to the main content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await page.close();
});

test("the .ics link serves a calendar", async () => {
  const page = await browser.newPage();
  await page.goto(site.url + "/calendar/");
  const href = await page.getByRole("link", { name: "Subscribe in your calendar app (.ics)" }).getAttribute("href");
  const response = await page.request.get(site.url + href);
  assert.equal(response.status(), 200);
  assert.match(response.headers()["content-type"], /^text\/calendar/);
  const body = await response.text();
  assert.ok(body.startsWith("BEGIN:VCALENDAR\r\n"));
  assert.ok(body.includes("SUMMARY:Changemakers Toolkit"));
  await page.close();
});

/** The session times of a page, as a visitor in `timezoneId` with or without JavaScript sees them. */
async function timesOf(path, { timezoneId = "UTC", javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ timezoneId, javaScriptEnabled, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(site.url + path);
  const times = await page.evaluate(() => [...document.querySelectorAll("time[data-minutes]")].map((t) => ({
    text: t.textContent,
    utc: t.title,
    day: t.closest(".card")?.querySelector(".day")?.textContent,
  })));
  await context.close();
  return times;
}

test("session times: CLDR's UTC without JavaScript, start and end in the visitor's zone with it (issue 27)", async () => {
  const page = "/clinics/2024-11-changemakers-toolkit/";
  const [plain] = await timesOf(page, { javaScriptEnabled: false });
  assert.equal(plain.text, "Thursday, 14 November 2024 at 14:00–16:00 UTC", "the long form, in UTC");
  const [kolkata] = await timesOf(page, { timezoneId: "Asia/Kolkata" });
  assert.equal(kolkata.text, "Thursday, 14 November 2024, 19:30–21:30 GMT+5:30", "start and end in Kolkata");
  assert.equal(kolkata.utc, plain.text, "the UTC form stays as the title");
  const cards = await timesOf("/", { javaScriptEnabled: false });
  assert.equal(cards.find((c) => c.text.includes("14 Nov")).text, "Thu, 14 Nov 2024, 14:00–16:00 UTC", "cards: the short form");
  const local = await timesOf("/", { timezoneId: "Asia/Kolkata" });
  assert.ok(local.every((c) => /^\w{3}, \d{1,2} \w{3} \d{4}, \d\d:\d\d–\d\d:\d\d GMT\+5:30$/.test(c.text)), JSON.stringify(local));
  // 06:00 UTC on 29 November is still the 28th in Los Angeles: the date badge follows.
  const la = await timesOf("/", { timezoneId: "America/Los_Angeles" });
  const panel = la.find((c) => c.utc.startsWith("Fri, 29 Nov 2024, 06:00"));
  assert.equal(panel.text, "Thu, 28 Nov 2024, 22:00–23:30 GMT-8");
  assert.equal(panel.day, "Nov 28");
});

test("session times in Arabic, Chinese, Igbo and Bikol: CLDR's words or numbers, never a root pattern or a double space (issue 27)", async () => {
  const page = "clinics/2024-11-changemakers-toolkit/";
  const expected = {
    ar: ["الخميس، 14 نوفمبر 2024 في 14:00–16:00 بالتوقيت العالمي", "الخميس، 14 نوفمبر 2024، 19:30–21:30 غرينتش+5:30"],
    zh: ["2024年11月14日星期四 14:00–16:00 UTC", "2024年11月14日星期四 GMT+5:30 19:30–21:30"],
    // Chromium has no Igbo dates: numeric, where the build's ICU4X has CLDR's Igbo.
    ig: ["Tọọzdee, 14 Novemba 2024 na 14:00–16:00 UTC", "2024-11-14 19:30–21:30 UTC+5:30"],
    // CLDR has no Bikol: numeric in both.
    bcl: ["2024-11-14 14:00–16:00 UTC", "2024-11-14 19:30–21:30 UTC+5:30"],
  };
  for (const [lang, [utc, local]] of Object.entries(expected)) {
    const [plain] = await timesOf(`/${lang}/${page}`, { javaScriptEnabled: false });
    const [kolkata] = await timesOf(`/${lang}/${page}`, { timezoneId: "Asia/Kolkata" });
    assert.deepEqual([plain.text, kolkata.text], [utc, local], lang);
    for (const card of await timesOf(`/${lang}/`, { timezoneId: "Asia/Kolkata" })) {
      assert.ok(!/M\d\d|  /.test(card.text), `${lang}: ${card.text}`);
    }
  }
});

// The script's weight on the wire, gzipped as hosts send it: since issue 26
// it also registers the service worker, and since issue 27 it rewrites
// session times with Intl (2.4 KB raw, 1.1 KB gzipped).
test("pages carry no JavaScript beyond the deferred local-time script, under 1.5 KB gzipped", async () => {
  const page = await browser.newPage();
  for (const path of ["/", "/calendar/", "/clinics/2024-11-changemakers-toolkit/", "/topics/"]) {
    await page.goto(site.url + path);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.src, defer: s.defer, inline: s.textContent.length })));
    assert.equal(scripts.length, 1, path);
    assert.ok(scripts[0].defer && scripts[0].inline === 0 && /local-time\.[0-9a-f]+\.js$/.test(scripts[0].src), JSON.stringify(scripts));
    const body = await (await page.request.get(scripts[0].src)).body();
    const size = gzipSync(body, { level: 9 }).length;
    assert.ok(size < 1536, `local-time script is ${size} bytes gzipped (${body.length} raw)`);
  }
  await page.close();
});
