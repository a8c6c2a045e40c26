// GitHub Pages for affiliates: every workflow passes actionlint (with
// shellcheck on its scripts), and the Pages workflow's build step,
// scripts/build-mirror, run here as the workflow runs it, makes a mirror whose
// every internal link works under its sub-path (tests/deploy/crawl.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repo = join(import.meta.dirname, "../..");
const tandem = process.env.TANDEM_BIN ?? join(repo, "target/debug/tandem");
const work = mkdtempSync(join(tmpdir(), "tandem-pages-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repo, encoding: "utf8", ...options });
  assert.equal(result.error, undefined, `${command} runs (scripts/test installs it into .venv)`);
  return result;
}

test("actionlint passes on every workflow, shellcheck (warnings and errors) on the scripts", () => {
  const workflows = readdirSync(join(repo, ".github/workflows")).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(workflows.includes("pages.yml"));
  const lint = run("actionlint", ["-verbose", ...workflows.map((f) => `.github/workflows/${f}`)]);
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  assert.doesNotMatch(lint.stderr, /Rule "shellcheck" was disabled/, "actionlint found shellcheck");
  const scripts = [
    ...readdirSync(join(repo, "scripts")).map((f) => `scripts/${f}`),
    ...readdirSync(join(repo, "benches")).filter((f) => f.endsWith(".sh")).map((f) => `benches/${f}`),
    ...readdirSync(import.meta.dirname).filter((f) => f.endsWith(".sh")).map((f) => `tests/deploy/${f}`),
    ".ci/run",
  ];
  const check = run("shellcheck", ["--severity=warning", ...scripts]);
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test("the Pages workflow builds with scripts/build-mirror and the cached binary", () => {
  const workflow = readFileSync(join(repo, ".github/workflows/pages.yml"), "utf8");
  assert.match(workflow, /run: scripts\/build-mirror --out public-pages/);
  assert.match(workflow, /path: public-pages/);
  assert.match(workflow, /uses: \.\/\.github\/actions\/tandem-binary/);
  for (const action of ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]) {
    assert.match(workflow, new RegExp(`uses: ${action}@v\\d+`));
  }
});

function buildMirror(env, out) {
  return execFileSync(join(repo, "scripts/build-mirror"), ["--out", out], {
    env: { ...process.env, TANDEM_BIN: tandem, TANDEM_TODAY: "2026-01-01", TANDEM_MIRROR: "", TANDEM_BASE_URL: "", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function crawl(out, baseUrl) {
  const result = run("python3", [join(import.meta.dirname, "crawl.py"), out, baseUrl]);
  return { ...result, summary: result.stdout.trim().split("\n").at(-1) };
}

test("a mirror built for https://<owner>.github.io/<repo>/ works under that path", () => {
  const out = join(work, "pages");
  buildMirror({ GITHUB_REPOSITORY: "Example-Affiliate/letsconnect", TANDEM_LANG: "fr" }, out);
  const home = readFileSync(join(out, "index.html"), "utf8");
  assert.match(home, /<html lang="fr"/);
  assert.match(home, /href="\/letsconnect\/static\/style\.[0-9a-f]+\.css"/, "assets under the repository's path");
  assert.match(readFileSync(join(out, "robots.txt"), "utf8"), /^Sitemap: https:\/\/example-affiliate\.github\.io\/letsconnect\/sitemap\.xml$/m);
  const result = crawl(out, "https://example-affiliate.github.io/letsconnect/");
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.summary, / 0 broken, 0 of \d+ HTML pages unreached$/);
  const links = Number(result.summary.match(/(\d+) internal links checked/)[1]);
  assert.ok(links > 1000, `the crawl followed the site's links (${links})`);
});

test("the crawl finds a link that escapes the sub-path", () => {
  const out = join(work, "pages");
  const file = join(out, "index.html");
  const html = readFileSync(file, "utf8");
  execFileSync("sed", ["-i", "s#href=\"/letsconnect/calendar/\"#href=\"/calendar/\"#", file]);
  const result = crawl(out, "https://example-affiliate.github.io/letsconnect/");
  assert.equal(result.status, 1);
  assert.match(result.stdout, /-> \/calendar\/: outside the sub-path \/letsconnect\//);
  assert.ok(html.includes('href="/letsconnect/calendar/"'));
});

test("a user or organisation site (<owner>.github.io) is published at the root", () => {
  const out = join(work, "user-site");
  execFileSync(join(repo, "scripts/build-mirror"), ["--out", out], {
    env: { ...process.env, TANDEM_BIN: tandem, TANDEM_TODAY: "2026-01-01", GITHUB_REPOSITORY: "example-affiliate/Example-Affiliate.github.io" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  assert.match(readFileSync(join(out, "robots.txt"), "utf8"), /^Sitemap: https:\/\/example-affiliate\.github\.io\/sitemap\.xml$/m);
  const result = crawl(out, "https://example-affiliate.github.io/");
  assert.equal(result.status, 0, result.stdout);
});
