// What a reader gets from the page as Chromium shows it now, after styles and scripts:
// every run of text in document order with whether it can be seen (generated content, list
// markers, images and form labels included), and every link with its target.
//
// Text that cannot be seen is still reported, marked hidden: a style that hides a sentence then
// shows as a change of that sentence, and a mistake in judging visibility can only mislabel a
// sentence, never leave a changed one out. The caller makes the viewport as tall as the page,
// so nothing needs scrolling to be seen (and no scroll handler runs).
(versionRoot) => {
  const styles = new Map();
  const style = (el) => {
    let s = styles.get(el);
    if (!s) {
      s = getComputedStyle(el);
      styles.set(el, s);
    }
    return s;
  };
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD", "META", "LINK"]);
  const docWidth = Math.max(document.documentElement.scrollWidth, innerWidth);
  const docHeight = Math.max(document.documentElement.scrollHeight, innerHeight);

  const where = (url) => {
    // A target as the site holds it: a path inside this version ("exhibit-1-01/rcoi/"), a
    // path beside it ("../versions.json"), or the whole URL of another host.
    let parsed;
    try {
      parsed = new URL(url, location.href);
    } catch (e) {
      return "invalid: " + url;
    }
    if (parsed.origin !== location.origin) return parsed.href;
    const path = parsed.pathname + parsed.search + parsed.hash;
    if (!path.startsWith(versionRoot)) return ".." + path;
    return path.slice(versionRoot.length) || "./";
  };

  const rgba = (value) => {
    const m = /rgba?\(([^)]+)\)/.exec(value || "");
    if (!m) return value === "transparent" ? [0, 0, 0, 0] : null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = rgba(style(node).backgroundColor);
      if (bg && bg[3] > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };
  const opacity = (el) => {
    let value = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      value *= parseFloat(style(node).opacity);
    }
    return value;
  };
  const clippedAway = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const s = style(node);
      if (s.clipPath && s.clipPath !== "none") return true;
      if (s.clip && s.clip !== "auto") return true;
    }
    return false;
  };
  const clipRect = (rect, el) => {
    // What is left of a rectangle inside every ancestor that hides its overflow.
    let [l, t, r, b] = [rect.left, rect.top, rect.right, rect.bottom];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const s = style(node);
      const hides = (v) => v === "hidden" || v === "clip";
      if (hides(s.overflowX) || hides(s.overflowY)) {
        const box = node.getBoundingClientRect();
        if (hides(s.overflowX)) [l, r] = [Math.max(l, box.left), Math.min(r, box.right)];
        if (hides(s.overflowY)) [t, b] = [Math.max(t, box.top), Math.min(b, box.bottom)];
      }
    }
    return { l, t, r, b };
  };
  const pointerFree = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (style(node).pointerEvents === "none") return true;
    }
    return false;
  };

  const looksHidden = (el, s) => {
    if (s.visibility !== "visible") return true;
    if (opacity(el) < 0.1) return true;
    if (parseFloat(s.fontSize) < 5) return true;
    const color = rgba(s.webkitTextFillColor) || rgba(s.color);
    if (color && color[3] < 0.1) return true;
    if (color) {
      const bg = background(el);
      const a = color[3];
      const blended = [0, 1, 2].map((i) => color[i] * a + bg[i] * (1 - a));
      const [hi, lo] = [luminance(blended), luminance(bg)].sort((x, y) => y - x);
      if ((hi + 0.05) / (lo + 0.05) < 1.15) return true;
    }
    return clippedAway(el);
  };

  const seen = (rects, el) => {
    // At least one piece is on the page, not clipped away and not covered by another element.
    const free = pointerFree(el);
    for (const rect of rects) {
      if (rect.width < 1 || rect.height < 3) continue;
      const c = clipRect(rect, el);
      if (c.r - c.l < 1 || c.b - c.t < 3) continue;
      if (c.r <= 0 || c.b <= 0 || c.l >= docWidth || c.t >= docHeight) continue;
      if (free) return true;
      const x = Math.min(Math.max((c.l + c.r) / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max((c.t + c.b) / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      if (top && (top === el || el.contains(top))) return true;
    }
    return false;
  };

  const blocks = [];
  const links = [];
  const images = [];
  let runs = [];
  let row = false;
  const flush = () => {
    if (runs.some((r) => r.text.trim())) blocks.push({ runs, row });
    runs = [];
    row = false;
  };
  const emit = (text, hidden) => {
    if (text) runs.push({ text, hidden: !!hidden });
  };
  const inline = (display) => display.startsWith("inline") || display === "contents";
  const cssText = (content) => {
    // A computed `content` value: quoted strings unquoted, anything else (counters) as written.
    if (!content || content === "none" || content === "normal") return "";
    const text = content.replace(/"((?:[^"\\]|\\.)*)"/g, (_, s) => s.replace(/\\(.)/g, "$1"));
    return text.trim();
  };
  const pseudo = (el, which, hidden) => {
    const s = getComputedStyle(el, which);
    const text = cssText(s.content);
    if (!text) return;
    const invisible =
      hidden || s.display === "none" || s.visibility !== "visible" || looksHidden(el, s);
    emit(" " + text + " ", invisible);
  };
  const marker = (el, hidden) => {
    const s = style(el);
    if (s.display !== "list-item" || s.listStyleType === "none") return;
    const m = getComputedStyle(el, "::marker");
    const custom = cssText(m.content);
    let text = custom;
    if (!text) {
      const list = el.parentElement;
      const items = list ? Array.from(list.children).filter((c) => c.tagName === "LI") : [el];
      const n = el.value || items.indexOf(el) + 1;
      text = `[${s.listStyleType} ${n}]`;
    }
    emit(text + " ", hidden);
  };

  const walk = (node, hiddenAbove) => {
    if (node.nodeType === 3) {
      const el = node.parentElement;
      const data = node.data.replace(/\s+/g, " ");
      if (!data.trim()) {
        emit(" ", false);
        return;
      }
      let hidden = hiddenAbove;
      if (!hidden) {
        const range = document.createRange();
        range.selectNodeContents(node);
        hidden = looksHidden(el, style(el)) || !seen(Array.from(range.getClientRects()), el);
      }
      emit(data, hidden);
      return;
    }
    if (node.nodeType !== 1 || SKIP.has(node.tagName)) return;
    const el = node;
    const s = style(el);
    const hidden = hiddenAbove || s.display === "none";
    const tag = el.tagName;
    const block = !inline(s.display);
    if (s.display === "table-row") {
      flush();
      row = true;
    } else if (s.display === "table-cell") {
      if (runs.some((r) => r.text.trim())) emit(" | ", false);
    } else if (block) {
      flush();
    }
    if (tag === "A" || tag === "AREA") {
      if (el.hasAttribute("href")) {
        const label =
          el.textContent.replace(/\s+/g, " ").trim() ||
          el.getAttribute("aria-label") ||
          el.getAttribute("title") ||
          "";
        links.push({ text: label, target: where(el.getAttribute("href")) });
      }
    }
    marker(el, hidden);
    pseudo(el, "::before", hidden);
    if (["IMG", "IFRAME", "OBJECT", "EMBED", "VIDEO", "AUDIO", "CANVAS"].includes(tag)) {
      const src = el.getAttribute("src") || el.getAttribute("data") || "";
      const shown = !hidden && !looksHidden(el, s) && seen([el.getBoundingClientRect()], el);
      const alt = el.getAttribute("alt") || el.getAttribute("title") || "";
      if (src) images.push(where(src));
      emit(` [${tag.toLowerCase()}: ${alt}${src ? " " + where(src) : ""}] `, !shown);
    } else if (tag === "INPUT" || tag === "TEXTAREA") {
      const typed = ["text", "search", "email", "url", "tel", "number", "textarea"];
      const buttons = ["submit", "button", "reset"];
      let value = "";
      if (typed.includes(el.type)) value = el.value || el.getAttribute("placeholder") || "";
      else if (buttons.includes(el.type)) value = el.value;
      if (value) {
        const shown = !hidden && !looksHidden(el, s) && seen([el.getBoundingClientRect()], el);
        emit(` [${value}] `, !shown);
      }
    } else if (tag === "SELECT") {
      const chosen = el.selectedOptions[0];
      const shown = !hidden && !looksHidden(el, s) && seen([el.getBoundingClientRect()], el);
      if (chosen) emit(` [${chosen.textContent.replace(/\s+/g, " ").trim()}] `, !shown);
      for (const option of el.options) emit(" " + option.textContent + " ", true);
    } else {
      for (const child of el.childNodes) walk(child, hidden);
      if (el.shadowRoot) for (const child of el.shadowRoot.childNodes) walk(child, hidden);
    }
    pseudo(el, "::after", hidden);
    if (s.display === "table-row" || (block && s.display !== "table-cell")) flush();
  };

  if (document.title) {
    blocks.push({ runs: [{ text: "[title] " + document.title, hidden: false }], row: false });
  }
  walk(document.body, false);
  flush();
  return { blocks, links, images };
};
