// Language marking: on every page of /ar/ and /zh/, no text that the English
// page at the same address shows in English appears without a lang="en"
// ancestor, whether it is a record that is not translated, a topic's name,
// or an interface string that falls back to English.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { build, launch, htmlFiles } from "./support.mjs";
import { textsWithLanguage } from "./measure.mjs";

test("every page of /ar/ and /zh/ marks the English it shows with lang=\"en\"", async () => {
  const out = build();
  const browser = await launch();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const texts = async (file) => {
    await page.setContent(readFileSync(file, "utf8"));
    return page.evaluate(textsWithLanguage);
  };
  const unmarked = [];
  const worst = {};
  let pages = 0;
  for (const lang of ["ar", "zh"]) {
    for (const path of htmlFiles(join(out, lang))) {
      const source = join(out, path);
      if (!existsSync(source)) continue;
      pages++;
      const english = new Set((await texts(source)).filter((t) => t.lang === "en").map((t) => t.text));
      const before = unmarked.length;
      for (const t of await texts(join(out, lang, path))) {
        // An address is no language's text.
        if (/^https?:\/\/\S+$/.test(t.text)) continue;
        if (english.has(t.text) && t.lang !== "en") unmarked.push(`${lang}/${path}: “${t.text.slice(0, 60)}” (lang=${t.lang})`);
      }
      const here = unmarked.length - before;
      if (here > (worst[lang]?.count ?? -1)) worst[lang] = { path, count: here };
    }
  }
  await browser.close();
  const distinct = new Set(unmarked.map((u) => u.replace(/^[^“]*/, ""))).size;
  console.log(`${pages} pages walked; ${unmarked.length} English texts without lang="en" (${distinct} distinct); most on one page: ${JSON.stringify(worst)}`);
  assert.ok(pages > 150, `${pages} pages walked`);
  assert.deepEqual(unmarked, []);
});
