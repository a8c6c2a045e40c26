// Measurements taken inside a page (each function is handed to
// page.evaluate, so it uses nothing from outside itself): the header's rows,
// the contrast of every focus indicator and of every text, and the size of
// every target.

/** The header's height and how many rows its visible controls take. */
export function headerRows() {
  const header = document.querySelector("body > header");
  const boxes = [];
  for (const el of header.querySelectorAll("a, summary, input, button, svg")) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) boxes.push({ top: r.top, bottom: r.bottom });
  }
  boxes.sort((a, b) => a.top - b.top);
  const rows = [];
  for (const box of boxes) {
    const last = rows[rows.length - 1];
    // A box that starts above the previous row's bottom shares its row.
    if (last && box.top < last.bottom - 2) last.bottom = Math.max(last.bottom, box.bottom);
    else rows.push({ ...box });
  }
  return { rows: rows.length, height: Math.round(header.getBoundingClientRect().height), lineHeights: rows.map((r) => Math.round(r.bottom - r.top)) };
}

/**
 * Colour contrasts measured from computed styles. Every disclosure is
 * opened first, so that what it hides is measured too. `focus`: each
 * focusable element, focused in turn, with its outline and the contrast of
 * the outline's colour against the colour it is drawn on (the effective
 * background behind the element's box, and the element's own background
 * when the outline touches it). `text`: each element with text of its own,
 * with the contrast of its colour against its effective background and
 * whether it is large (WCAG: 24 px, or 18.66 px bold) — axe-core leaves
 * some elements out (a disclosure's summary among them).
 */
export function contrasts() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    if (!m) throw new Error(`colour not understood: ${c}`);
    return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
  };
  const over = (top, below) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1);
  };
  const canvas = () => {
    for (const el of [document.body, document.documentElement]) {
      const bg = parse(getComputedStyle(el).backgroundColor);
      if (bg[3] > 0) return over(bg, [255, 255, 255, 1]);
    }
    return matchMedia("(prefers-color-scheme: dark)").matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
  };
  const behind = (el) => {
    const layers = [];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== "none") throw new Error(`a background image behind ${el.outerHTML.slice(0, 80)}`);
      const bg = parse(style.backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), canvas());
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const name = (el) => `${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 40)}”`;
  document.querySelectorAll("details").forEach((d) => (d.open = true));
  const text = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
    if (!own || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.bottom <= 0) continue; // visually hidden, or off the page
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
    const bg = behind(el);
    text.push({ what: name(el), contrast: ratio(over(parse(style.color), bg), bg), large: size >= 24 || (bold && size >= 18.66) });
  }
  const focusable = [...document.querySelectorAll("a[href], button, summary, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])")];
  const focus = [];
  for (const el of focusable) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    el.focus();
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth);
    const offset = parseFloat(style.outlineOffset);
    const colour = parse(style.outlineColor);
    const outside = el.parentElement ? behind(el.parentElement) : canvas();
    const measured = [ratio(over(colour, outside), outside)];
    if (offset < 1) measured.push(ratio(over(colour, behind(el)), behind(el)));
    focus.push({ what: name(el), style: style.outlineStyle, width, contrast: Math.min(...measured) });
  }
  return { focus, text };
}

/**
 * Every visible link and control smaller than 24 × 24 CSS pixels that the
 * spacing exception of WCAG 2.5.8 does not cover either: a 24-px circle
 * centred on its box intersects another target, or another undersized
 * target's circle. Returns those, and how many targets were measured.
 */
export function smallTargets() {
  const selector = "a[href], button, summary, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])";
  const targets = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    const box = { left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY };
    // Off the page (the skip link until it is focused) is no target.
    if (box.bottom <= 0 || box.right <= 0 || r.width === 0 || r.height === 0) continue;
    targets.push({ el, box, small: r.width < 24 - 0.01 || r.height < 24 - 0.01, cx: (box.left + box.right) / 2, cy: (box.top + box.bottom) / 2 });
  }
  const distanceToBox = (x, y, b) => Math.hypot(Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
  const failing = [];
  for (const t of targets.filter((t) => t.small)) {
    const clash = targets.find((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) &&
      (distanceToBox(t.cx, t.cy, o.box) < 12 || (o.small && Math.hypot(t.cx - o.cx, t.cy - o.cy) < 24)));
    if (clash) {
      const name = (e) => `${e.tagName.toLowerCase()} “${(e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30)}”`;
      failing.push(`${name(t.el)} ${Math.round(t.box.right - t.box.left)}×${Math.round(t.box.bottom - t.box.top)} next to ${name(clash.el)}`);
    }
  }
  return { measured: targets.length, small: targets.filter((t) => t.small).length, failing };
}

/**
 * The text nodes of the page that have a Latin letter, each with the
 * language of its closest element carrying `lang`; the bidi isolation marks
 * (U+2066–U+2069) are left out.
 */
export function textsWithLanguage() {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data.replace(/[\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
    if (!/[A-Za-z]/.test(text) || node.parentElement.closest("script, style")) continue;
    out.push({ text, lang: node.parentElement.closest("[lang]")?.getAttribute("lang") || "" });
  }
  return out;
}
