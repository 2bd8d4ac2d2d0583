// The contrast of text against what is behind it, computed from the colours the browser
// resolved (layered backgrounds blended, as WCAG's relative luminance defines it), for screens
// that must do better than axe's AA check: the projector's 7:1.

/**
 * Every text inside `within` (a selector), except inside `skip`, whose contrast is below
 * `min`: `{ checked, low, lowest }`, each text named by its element, classes and first words;
 * `lowest` is the lowest ratio seen.
 */
export function lowContrastTexts(page, { min, within, skip = null }) {
  return page.evaluate(({ min, within, skip }) => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (top, below) => ({
      r: top.r * top.a + below.r * (1 - top.a),
      g: top.g * top.a + below.g * (1 - top.a),
      b: top.b * top.a + below.b * (1 - top.a),
      a: 1,
    });
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) layers.push(c);
        if (c && c.a === 1) break;
      }
      let colour = { r: 255, g: 255, b: 255, a: 1 };
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const luminance = ({ r, g, b }) => {
      const lin = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const checked = [];
    const low = [];
    let lowest = Infinity;
    for (const el of document.querySelectorAll(`${within} *`)) {
      if (skip && el.closest(skip)) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const box = el.getBoundingClientRect();
      if (!ownText || box.width <= 1 || box.height <= 1) continue;
      const behind = background(el);
      const ink = over(parse(getComputedStyle(el).color), behind);
      const [light, dark] = [luminance(ink), luminance(behind)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const what = `${el.localName}.${[...el.classList].filter((c) => !c.startsWith('svelte-')).join('.')} “${el.textContent.trim().slice(0, 40)}”`;
      checked.push(what);
      lowest = Math.min(lowest, ratio);
      if (ratio < min) low.push(`${what}: ${ratio.toFixed(2)}:1`);
    }
    return { checked, low, lowest };
  }, { min, within, skip });
}

