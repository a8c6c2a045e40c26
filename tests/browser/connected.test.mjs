// Bite-size and connected (issue 28), as a visitor meets it in Chromium:
// "Add to calendar" on an upcoming session gives a calendar file whose
// event is that session; the sharers' directory, opened at a skill, lists
// exactly the sharers whose record names that skill (read here from the
// records, not from the page); a wiki user name links to Meta-Wiki.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { withSiteAndBrowser, REPO } from "./support.mjs";

let site, browser;
withSiteAndBrowser((served, launched) => ([site, browser] = [served, launched]));

/** Each sharer's slug, name and skills, from the records' front matter. */
function sharers() {
  const dir = join(REPO, "content/sharers");
  return readdirSync(dir)
    .filter((f) => /^[a-z0-9-]+\.md$/.test(f))
    .map((f) => {
      const text = readFileSync(join(dir, f), "utf8");
      const front = text.split("---\n")[1];
      const skills = (front.match(/^skills:\s*\[(.*)\]\s*$/m)?.[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      return { slug: f.slice(0, -3), skills };
    });
}

test("Add to calendar gives the session's own event, as text/calendar", async () => {
  const page = await browser.newPage();
  // Built with TANDEM_TODAY 2024-12-01: this February session is upcoming.
  await page.goto(site.url + "/clinics/2025-02-introduction-to-wikileann/");
  const link = page.getByRole("link", { name: "Add to calendar" });
  const href = await link.getAttribute("href");
  assert.equal(href, "/clinics/2025-02-introduction-to-wikileann/event.ics");
  const response = await page.request.get(site.url + href);
  assert.match(response.headers()["content-type"], /^text\/calendar/);
  // Long lines are folded (RFC 5545 §3.1): unfolded as a calendar reads them.
  const ics = (await response.text()).replace(/\r\n[ \t]/g, "");
  const record = readFileSync(join(REPO, "content/clinics/2025-02-introduction-to-wikileann.md"), "utf8");
  const date = record.match(/^date:\s*(\S+)/m)[1];
  const start = new Date(date).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  assert.match(ics, new RegExp(`^DTSTART:${start}\\r$`, "m"));
  assert.match(ics, /^URL:.*\/clinics\/2025-02-introduction-to-wikileann\/\r$/m);
  assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 1);
  await page.close();
});

test("the directory opened at a skill lists exactly the sharers with that skill", async () => {
  const people = sharers();
  const skills = [...new Set(people.flatMap((p) => p.skills))];
  assert.ok(skills.length > 0);
  const page = await browser.newPage();
  for (const skill of skills) {
    await page.goto(`${site.url}/sharers/#skill-${skill}`);
    const group = page.locator(`details:has(#skill-${skill})`);
    assert.equal(await group.getAttribute("open"), "", `${skill}: opening the link shows the group`);
    const shown = await group.locator("ul a").evaluateAll((links) => links.map((a) => new URL(a.href).pathname).sort());
    const expected = people.filter((p) => p.skills.includes(skill)).map((p) => `/sharers/${p.slug}/`).sort();
    assert.deepEqual(shown, expected, skill);
  }
  await page.close();
});

test("a wiki user name leads to the user's page on Meta-Wiki", async () => {
  const page = await browser.newPage();
  await page.goto(site.url + "/sharers/batoul84/");
  const href = await page.getByRole("link", { name: "User page on Meta-Wiki" }).getAttribute("href");
  assert.equal(href, "https://meta.wikimedia.org/wiki/User:Batoul84");
  await page.close();
});
