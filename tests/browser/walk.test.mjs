// A visitor's walk through the site, with the mouse and with the keyboard
// alone; the calendar file; session times in UTC and in local time.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build, serve, launch } from "./support.mjs";

let site, browser;
before(async () => {
  site = await serve(build());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
});

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

test("session times show in UTC, and with JavaScript also in the visitor's time zone", async () => {
  const context = await browser.newContext({ timezoneId: "Asia/Kolkata", locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(site.url + "/clinics/2024-11-changemakers-toolkit/");
  const time = page.locator("time[data-local]").first();
  assert.equal(await time.innerText(), "Thursday, 14 November 2024, 14:00–16:00 UTC");
  const local = await page.locator(".local-time").first().innerText();
  assert.match(local, /your time: .*19:30/, `14:00 UTC is 19:30 in Kolkata: ${local}`);
  await context.close();
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(site.url + "/clinics/2024-11-changemakers-toolkit/");
  assert.equal(await plain.locator(".local-time").count(), 0, "without JavaScript only UTC is shown");
  assert.equal(await plain.locator("h1").innerText(), "Changemakers Toolkit");
  await noScript.close();
});

test("pages carry no JavaScript beyond the deferred local-time script, under 2 KB", async () => {
  const page = await browser.newPage();
  for (const path of ["/", "/calendar/", "/clinics/2024-11-changemakers-toolkit/", "/topics/"]) {
    await page.goto(site.url + path);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.src, defer: s.defer, inline: s.textContent.length })));
    assert.equal(scripts.length, 1, path);
    assert.ok(scripts[0].defer && scripts[0].inline === 0 && /local-time\.[0-9a-f]+\.js$/.test(scripts[0].src), JSON.stringify(scripts));
    const size = (await (await page.request.get(scripts[0].src)).body()).length;
    assert.ok(size < 2048, `local-time script is ${size} bytes`);
  }
  await page.close();
});
