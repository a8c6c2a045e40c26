#!/usr/bin/env python3
"""Crawls a built site as a static host under a sub-path would serve it, and
reports every internal link that leads nowhere.

    python3 tests/deploy/crawl.py OUT BASE_URL

OUT is the output folder, BASE_URL the address it was built for
(https://example.github.io/letsconnect/). The crawl starts at the base path,
its 404 page, sitemap.xml and robots.txt, and follows every link of HTML
pages (href, src, srcset, action), stylesheets (url(...)), XML (sitemap
<loc>, Atom <link href>) and robots.txt (Sitemap:). A link is internal when
it has the base URL's origin, or none; it works when it stays under the
sub-path and names a file of OUT (a path ending in / names its index.html;
a folder without the slash is redirected by static hosts, so its index.html
counts too), and when its #fragment, if any, is an id of the HTML page it
leads to. A 404 page is served at any address below its folder, so its
internal links must not be relative (but for #fragments). Prints a summary line; exits 1 when a link is broken.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRS = {"href", "src", "action", "poster", "data"}


class Page(HTMLParser):
    """The links and ids of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRS:
                self.links.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())


class Site:
    def __init__(self, out, base_url):
        self.out = Path(out)
        base = urlsplit(base_url)
        self.origin = (base.scheme, base.netloc)
        self.prefix = base.path if base.path.endswith("/") else base.path + "/"
        self.base_url = f"{base.scheme}://{base.netloc}{self.prefix}"
        self.pages = {}  # file -> Page (parsed once)
        self.broken = []
        self.checked = 0
        self.external = 0

    def file_for(self, path):
        """The file a static host serves for a URL path under the prefix, or None."""
        rel = unquote(path[len(self.prefix):])
        target = self.out / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def parse_html(self, file):
        if file not in self.pages:
            page = Page()
            page.feed(file.read_text(encoding="utf-8"))
            self.pages[file] = page
        return self.pages[file]

    def links_of(self, file):
        name = file.name
        text = None
        if name.endswith(".html"):
            return self.parse_html(file).links
        text = file.read_text(encoding="utf-8", errors="replace")
        if name.endswith(".css"):
            return [m.strip("'\"") for m in re.findall(r"url\(\s*([^)]+?)\s*\)", text)]
        if name.endswith(".xml"):
            return re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text) + re.findall(
                r"<link\b[^>]*\bhref=\"([^\"]+)\"", text
            )
        if name == "robots.txt":
            return re.findall(r"(?im)^sitemap:\s*(\S+)", text)
        return []

    def crawl(self):
        start = [self.base_url + p for p in ("", "404.html", "sitemap.xml", "robots.txt")]
        seen_files = set()
        queue = []
        for url in start:
            file = self.file_for(urlsplit(url).path)
            if file is None:
                self.broken.append(("(start)", url, "missing"))
            else:
                queue.append((url, file))
        while queue:
            page_url, file = queue.pop()
            if file in seen_files:
                continue
            seen_files.add(file)
            is_404 = file.name == "404.html"
            for link in self.links_of(file):
                target = self.check(page_url, link, is_404)
                if target is not None:
                    queue.append(target)
        return seen_files

    def check(self, page_url, link, is_404):
        """Checks one link; returns (url, file) to crawl when it is an internal page."""
        link = link.strip()
        if not link or link.startswith(("mailto:", "tel:", "data:", "javascript:")):
            return None
        parts = urlsplit(urljoin(page_url, link))
        if parts.scheme not in ("http", "https") or (parts.scheme, parts.netloc) != self.origin:
            self.external += 1
            return None
        self.checked += 1
        where = page_url
        if is_404 and not (link.startswith(("/", "#")) or urlsplit(link).scheme):
            self.broken.append((where, link, "relative link in the 404 page, which is served at any address"))
        if not (parts.path + "/").startswith(self.prefix):
            self.broken.append((where, link, f"outside the sub-path {self.prefix}"))
            return None
        file = self.file_for(parts.path)
        if file is None:
            self.broken.append((where, link, "no such file"))
            return None
        if parts.fragment and file.suffix == ".html":
            if unquote(parts.fragment) not in self.parse_html(file).ids:
                self.broken.append((where, link, f"no id `{unquote(parts.fragment)}` in {file.relative_to(self.out)}"))
        url = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if file.suffix in (".html", ".css", ".xml") or file.name == "robots.txt":
            return (url, file)
        return None


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    site = Site(sys.argv[1], sys.argv[2])
    crawled = site.crawl()
    html_files = set(site.out.rglob("*.html"))
    unreached = sorted(str(f.relative_to(site.out)) for f in html_files - crawled)
    for where, link, why in site.broken:
        print(f"broken: {where} -> {link}: {why}")
    for name in unreached:
        print(f"unreached: {name}")
    print(
        f"crawl: {len(crawled)} files crawled under {site.prefix}, {site.checked} internal links checked, "
        f"{site.external} external not followed, {len(site.broken)} broken, "
        f"{len(unreached)} of {len(html_files)} HTML pages unreached"
    )
    return 1 if site.broken or unreached else 0


if __name__ == "__main__":
    sys.exit(main())
