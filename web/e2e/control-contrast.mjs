// Non-text contrast on a note (WCAG 1.4.11): the borders of its controls and the focus ring,
// each against the note's own background, from the colours Chromium resolved. A radio whose
// input is invisible (the colour swatches) is judged by the face drawn for it.

/**
 * Inside the element `selector` (a note card): its background, each enabled control's border
 * contrast against it, and, when `focusRing` is set, the ring of the control that has focus.
 * `{ background: { r, g, b }, controls: [{ what, border }], focus: { what, ring } | null }`.
 */
export function noteControlContrast(page, selector) {
  return page.evaluate((selector) => {
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
    const luminance = ({ r, g, b }) => {
      const lin = (v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (x, y) => {
      const [light, dark] = [luminance(x), luminance(y)].sort((a, b) => b - a);
      return (light + 0.05) / (dark + 0.05);
    };
    const card = document.querySelector(selector);
    const background = over(parse(getComputedStyle(card).backgroundColor), { r: 255, g: 255, b: 255, a: 1 });
    const name = (el) => `${el.localName}${el.type ? `[${el.type}]` : ''} “${(el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim().slice(0, 30)}”`;
    /** What draws the control: the swatch face for a hidden radio, else the control itself. */
    const drawn = (el) => (el.type === 'radio' && getComputedStyle(el).opacity === '0' ? el.nextElementSibling : el);
    const controls = [];
    for (const el of card.querySelectorAll('button, select, textarea, input')) {
      if (el.disabled || el.closest('[hidden]') || el.getClientRects().length === 0) continue;
      const shape = drawn(el);
      const style = getComputedStyle(shape);
      if (parseFloat(style.borderTopWidth) === 0) {
        controls.push({ what: name(el), border: 0, none: true });
        continue;
      }
      const border = over(parse(style.borderTopColor), background);
      controls.push({ what: name(el), border: ratio(border, background) });
    }
    let focus = null;
    const active = document.activeElement;
    if (active && card.contains(active) && active !== card) {
      const shape = drawn(active);
      const style = getComputedStyle(shape);
      const ring = parseFloat(style.outlineWidth) > 0 && style.outlineStyle !== 'none' ? ratio(over(parse(style.outlineColor), background), background) : 0;
      focus = { what: name(active), ring, visible: active.matches(':focus-visible') };
    }
    return { background, controls, focus };
  }, selector);
}
