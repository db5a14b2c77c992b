// What tests/test_reader_a11y.py measures on a page, in the page: window.mfkbChecks.structure(),
// .contrast() and .focus() each return a list of problems, each naming the element.
window.mfkbChecks = (function () {
  "use strict";
  const shown = el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
  const named = el => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}"`;

  // One h1, headings that go down one level at a time, the three landmarks, no sideways scroll,
  // and Korean text kept whole between words (word-break: keep-all) wherever it stands.
  function structure() {
    const problems = [];
    const level = h => +(h.getAttribute("aria-level") || h.tagName[1]);
    const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(h => h.getClientRects().length && !h.closest("[hidden]"));
    const first = headings.filter(h => level(h) === 1).length;
    if (first !== 1) problems.push(`${first} headings of level 1`);
    headings.reduce((last, h) => {
      if (last && level(h) > last + 1) problems.push(`heading skips from level ${last} to ${level(h)}: ${named(h)}`);
      return level(h);
    }, 0);
    for (const [selector, landmark] of [["header, [role=banner]", "banner"], ["main, [role=main]", "main"], ["footer, [role=contentinfo]", "contentinfo"]])
      if (!document.querySelector(selector)) problems.push(`no ${landmark} landmark`);
    if (document.documentElement.scrollWidth > innerWidth) problems.push(`scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${innerWidth}`);
    if (document.documentElement.lang === "ko") {
      const seen = new Set(), walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!/[\uac00-\ud7a3]/.test(walker.currentNode.data) || seen.has(el) || !shown(el)) continue;
        seen.add(el);
        if (getComputedStyle(el).wordBreak !== "keep-all") problems.push(`word-break ${getComputedStyle(el).wordBreak}: ${named(el)}`);
      }
    }
    return problems;
  }

  // WCAG 2's contrast ratio of every text shown, against its background composed up the tree.
  const rgba = text => { const m = /rgba?\(([^)]+)\)/.exec(text); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const luminance = c => c.slice(0, 3).map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  function background(el) {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const s = getComputedStyle(node);
      if (s.backgroundImage !== "none" || +s.opacity < 1) return null;  // a picture or a fade: not computed here
      const colour = rgba(s.backgroundColor);
      if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] === 1) break; }
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255, 1]);
  }
  function contrast() {
    const problems = [], seen = new Set(), walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!walker.currentNode.data.trim() || seen.has(el) || el.closest("svg, [aria-hidden=true]") || !shown(el)) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      if (r.bottom < 0 || r.right < 0 || r.left > innerWidth) continue;  // off screen (Material's closed drawer)
      const s = getComputedStyle(el), under = background(el), colour = rgba(s.color);
      if (!under || !colour) continue;
      const ratios = [luminance(over(colour, under)), luminance(under)].sort((a, b) => b - a);
      const ratio = (ratios[0] + 0.05) / (ratios[1] + 0.05), size = parseFloat(s.fontSize);
      const needed = size >= 24 || (+s.fontWeight >= 700 && size >= 18.66) ? 3 : 4.5;
      if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)}:1 under ${needed}:1: ${named(el)}`);
    }
    return problems;
  }

  // Each control reached with Tab looks different when focused: the control (its colours, its place:
  // the skip link comes into view), its label, the element after it (Material draws the colour
  // scheme toggle's focus on the label after it) or its box; Material's search opens some frames later.
  async function focus() {
    const still = document.createElement("style");
    still.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
    document.head.append(still);
    const look = el => [el, ...(el.labels || []), el.nextElementSibling, el.parentElement].filter(Boolean).map(node => {
      const s = getComputedStyle(node), r = node.getBoundingClientRect();
      return [s.outlineStyle === "none" ? "" : s.outlineColor + s.outlineWidth, s.boxShadow, s.color, s.backgroundColor,
              s.textDecorationLine, s.borderColor, s.opacity, r.left, r.top, r.width].join(" ");
    }).join("/");
    const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const controls = [...document.querySelectorAll("a[href], button, input, textarea, select, [tabindex]")]
      .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden" && !el.closest("[hidden], [inert]"));
    const problems = [];
    if (document.activeElement) document.activeElement.blur();  // the Tab that told the page a keyboard is in use
    for (const el of controls) {
      const before = look(el);
      el.focus({ focusVisible: true });
      for (let wait = 0; wait < 10 && document.activeElement === el && look(el) === before; wait++) await frame();
      if (document.activeElement === el && look(el) === before) problems.push(`no visible focus: ${named(el)}`);
      el.blur();
    }
    still.remove();
    return problems;
  }

  return { structure: structure, contrast: contrast, focus: focus };
})();
