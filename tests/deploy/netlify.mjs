// How Netlify answers a request for a published folder, from Netlify's own
// pieces: @netlify/redirect-parser and @netlify/headers-parser read
// netlify.toml and the _redirects file as Netlify's build does, and
// netlify-redirector (the redirect engine that `netlify dev` runs, compiled
// to WebAssembly) matches the rules. What is left is Netlify's documented
// order, which `netlify dev` follows too: a file that exists at the address
// is served ("shadowing") unless the matching rule is forced (`!`); a 3xx
// rule redirects; a 200 or 404 rule serves its target with that status.
// (`netlify serve` and `netlify dev` download a runtime at start, which this
// machine cannot, so the server itself is not run.)
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllHeaders } from "@netlify/headers-parser";
import { parseAllRedirects } from "@netlify/redirect-parser";
import redirector from "netlify-redirector";

/** The file Netlify serves for a path, as netlify-cli's getStatic finds it, or null. */
export function staticFile(publish, path) {
  const candidates = [path];
  if (path.endsWith("/")) {
    if (path !== "/") candidates.push(`${path.slice(0, -1)}.html`);
    candidates.push(`${path}index.html`);
  } else if (!/\.(html?|png|jpg|js|css|svg|gif|ico|woff2?)$/.test(path)) {
    candidates.push(`${path}.html`, `${path}/index.html`);
  }
  for (const candidate of candidates) {
    const file = join(publish, decodeURIComponent(candidate));
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/**
 * Loads the rules of a deploy: netlify.toml (the repository's) and the
 * published folder's _redirects. Returns { request(path, headers), errors }.
 */
export async function netlifySite({ config, publish }) {
  const redirectsFiles = [join(publish, "_redirects")].filter((f) => existsSync(f));
  const { redirects, errors: redirectErrors } = await parseAllRedirects({
    redirectsFiles,
    netlifyConfigPath: config,
    minimal: false,
  });
  const { headers: headerRules, errors: headerErrors } = await parseAllHeaders({
    headersFiles: [join(publish, "_headers")].filter((f) => existsSync(f)),
    netlifyConfigPath: config,
    minimal: false,
  });
  // netlify-redirector wants the shape netlify-cli gives it (redirects.js).
  const rules = redirects.map(({ from, query, conditions: { country, language, role, ...rest }, ...r }) => ({
    ...r,
    origin: from,
    params: query,
    conditions: { ...rest, ...(role && { Role: role }), ...(country && { Country: country }), ...(language && { Language: language }) },
  }));
  const matcher = rules.length ? await redirector.parseJSON(JSON.stringify(rules), {}) : { match: () => null };

  function headersFor(path) {
    return Object.assign({}, ...headerRules.filter(({ forRegExp }) => forRegExp.test(path)).map(({ values }) => values));
  }

  function request(path, requestHeaders = {}) {
    const lower = Object.fromEntries(Object.entries(requestHeaders).map(([k, v]) => [k.toLowerCase(), v]));
    const language = (lower["accept-language"] ?? "en").split(",")[0].slice(0, 2);
    const match = matcher.match({
      scheme: "https",
      host: "example.netlify.app",
      path,
      query: "",
      headers: { "x-language": language, "x-country": "us", ...lower },
      cookieValues: {},
      getHeader: (name) => lower[name.toLowerCase()] ?? (name.toLowerCase() === "x-language" ? language : ""),
      getCookie: () => "",
    });
    const file = staticFile(publish, path);
    const served = (status, servedFile) => ({
      status,
      file: servedFile,
      body: servedFile ? readFileSync(servedFile, "utf8") : "",
      headers: headersFor(path),
    });
    if (match && (match.force || !file)) {
      if (match.status >= 300 && match.status < 400) {
        return { status: match.status, location: match.to, headers: headersFor(path), body: "" };
      }
      const target = staticFile(publish, new URL(match.to, "https://example.netlify.app").pathname);
      return served(match.status ?? 200, target);
    }
    return file ? served(200, file) : served(404, staticFile(publish, "/404.html"));
  }

  return { request, errors: [...redirectErrors, ...headerErrors], rules: redirects };
}
