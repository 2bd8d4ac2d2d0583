// What the accessibility sweep checks on every view, at every screen size: axe (WCAG 2.1 A and
// AA), and four things axe cannot see: that the page never scrolls sideways (1.4.10 Reflow),
// that no focusable control is wholly hidden under something sticky or fixed when it has focus
// (2.4.11, 2.4.7), that every piece of the board's own content carries the board's language
// (3.1.2 Language of parts), also inside an English page, and that no text is cut off when the
// reader spaces text out (1.4.12 Text spacing).

import AxeBuilder from '@axe-core/playwright';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** 320 px (1280 px at 400 % zoom, the Reflow criterion's width), a 375×667 phone, a laptop. */
export const SWEEP_SIZES = [
  { width: 320, height: 568 },
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
];

async function axeProblems(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (v) => `axe ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} – ${n.failureSummary?.split('\n').join(' ')}`).join('; ')}`,
  );
}

/** Whatever sticks out to the right of the viewport, when the page scrolls sideways. */
const sidewaysScroll = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const wide = [document.body, ...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} class="${el.className}"> right edge ${Math.round(el.getBoundingClientRect().right)} px`);
    // Text wider than its box widens the page without widening any box.
    const spilling = [...document.body.querySelectorAll('*')]
      .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
      .filter((el) => ![...el.children].some((child) => child.scrollWidth > child.clientWidth + 1))
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()}> “${(el.textContent ?? '').trim().slice(0, 30)}” spills ${el.scrollWidth - el.clientWidth} px out of its box`);
    wide.push(...spilling);
    return [`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport: ${wide.join(', ')}`];
  });

/**
 * Focuses every control that Tab reaches, in turn, and reports each one that nothing of shows:
 * every point sampled on it hits something else (a sticky banner, a notice, a fixed bar), or
 * it lies outside the viewport. A visually hidden input counts by its label, as its users see it.
 */
const hiddenWhenFocused = (page) =>
  page.evaluate(() => {
    const describe = (el) =>
      el ? `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}”` : 'nothing';
    const tabbable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
      (el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && el.checkVisibility({ visibilityProperty: true }),
    );
    const problems = [];
    for (const el of tabbable) {
      el.focus();
      if (document.activeElement !== el) continue; // outside an open modal dialog
      let shown = el;
      const own = el.getBoundingClientRect();
      if (own.width * own.height <= 4 && el.labels?.[0]) shown = el.labels[0];
      const box = shown.getBoundingClientRect();
      const [left, right] = [Math.max(box.left, 0), Math.min(box.right, document.documentElement.clientWidth)];
      const [top, bottom] = [Math.max(box.top, 0), Math.min(box.bottom, window.innerHeight)];
      if (right - left < 1 || bottom - top < 1) {
        problems.push(`${describe(el)} is outside the viewport when focused (${Math.round(box.left)},${Math.round(box.top)})`);
        continue;
      }
      let seen = false;
      let over = null;
      for (let i = 0; i < 5 && !seen; i++) {
        for (let j = 0; j < 5 && !seen; j++) {
          const x = left + ((right - left) * (i + 0.5)) / 5;
          const y = top + ((bottom - top) * (j + 0.5)) / 5;
          const hit = document.elementFromPoint(x, y);
          if (hit && (shown.contains(hit) || el.contains(hit) || hit.closest('label')?.control === el)) seen = true;
          else over ??= hit;
        }
      }
      if (!seen) problems.push(`${describe(el)} is wholly covered by ${describe(over)} when focused`);
    }
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
    return problems;
  });

/**
 * Every text node, and every form field's value, that holds one of `texts` (the board's own
 * content) must be inside an element whose `lang` is `lang`. Accessible names (aria-label)
 * cannot carry a language of their own and are not checked.
 */
const contentInWrongLanguage = (page, lang, texts) =>
  page.evaluate(
    ({ lang, texts }) => {
      const problems = [];
      const langOf = (el) => el?.closest('[lang]')?.getAttribute('lang') ?? '';
      const holds = (value) => texts.find((t) => value.includes(t));
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = holds(node.textContent ?? '');
        const parent = node.parentElement;
        if (!text || !parent || ['SCRIPT', 'STYLE', 'TEXTAREA'].includes(parent.tagName)) continue;
        const actual = langOf(parent);
        if (actual !== lang) problems.push(`“${text.slice(0, 40)}” in <${parent.tagName.toLowerCase()}${parent.id ? `#${parent.id}` : ''}> has lang="${actual}"`);
      }
      for (const field of document.querySelectorAll('input, textarea')) {
        const text = holds(field.value ?? '');
        if (text && langOf(field) !== lang) problems.push(`the field ${field.id ? `#${field.id}` : field.name} holding “${text.slice(0, 40)}” has lang="${langOf(field)}"`);
      }
      return problems.slice(0, 12);
    },
    { lang, texts },
  );

/**
 * 1.4.12 Text Spacing: with the criterion's spacing forced on every text (line height 1.5,
 * paragraphs 2 em apart, letters 0.12 em, words 0.16 em), no text is cut off by a box that
 * clips (overflow hidden or clip) and the page still does not scroll sideways. Boxes that
 * scroll their content (overflow auto or scroll) lose nothing, and visually hidden text is
 * meant to be clipped.
 */
const lostWithTextSpacing = async (page) => {
  // A constructed style sheet: the app's CSP (style-src 'self') refuses an inline <style>.
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    window.__textSpacing = sheet;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }');
  await nextFrame(page);
  const problems = await page.evaluate(() => {
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
      if (!clips || el.closest('.visually-hidden') || !el.textContent?.trim() || !el.checkVisibility()) continue;
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        found.push(`1.4.12 <${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> “${el.textContent.trim().slice(0, 40)}” cuts off its text with the criterion's text spacing`);
      }
    }
    return found;
  });
  for (const p of await sidewaysScroll(page)) problems.push(`1.4.12 with the criterion's text spacing, ${p}`);
  await page.evaluate(() => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== window.__textSpacing);
  });
  return problems;
};

const nextFrame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Checks `view` on `page` at every sweep size, puts the page back at its own size, and returns
 * what it found, one line each. `board`, when the view shows a board: `{ lang, texts }`, its
 * language and its content's strings.
 */
export async function viewProblems(page, view, board = null) {
  const own = page.viewportSize();
  const problems = [];
  try {
    for (const size of SWEEP_SIZES) {
      await page.setViewportSize(size);
      await nextFrame(page);
      const at = `${size.width}×${size.height}`;
      for (const p of await axeProblems(page)) problems.push(`${at}: ${p}`);
      for (const p of await sidewaysScroll(page)) problems.push(`${at}: ${p}`);
      for (const p of await hiddenWhenFocused(page)) problems.push(`${at}: ${p}`);
      if (board) for (const p of await contentInWrongLanguage(page, board.lang, board.texts)) problems.push(`${at}: 3.1.2 ${p}`);
      for (const p of await lostWithTextSpacing(page)) problems.push(`${at}: ${p}`);
    }
  } finally {
    await page.setViewportSize(own);
  }
  return [...new Set(problems)].map((p) => `${view}: ${p}`);
}
