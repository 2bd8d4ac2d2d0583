// Language of parts (WCAG 3.1.2): with the UI in one language and the board in another, every
// text on the page that holds board content (titles, case material, notes, phases…) must sit
// inside an element whose `lang` is the board's, and the UI's own words inside the UI's.

import { assert } from './story.mjs';

/**
 * Checks every text node in the page's body: one that contains any of `content` must have
 * `contentLang` as the nearest `lang`, one that contains any of `chrome` (exactly, trimmed)
 * `uiLang`. Also fails when a content text is not on the page at all, so the check cannot pass
 * by looking at nothing. Returns how many text nodes were checked.
 */
export async function expectLanguageOfParts(page, { content, chrome, contentLang, uiLang }, view) {
  const found = await page.evaluate(
    ({ content, chrome }) => {
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.replace(/\s+/g, ' ').trim();
        if (!text) continue;
        const parent = node.parentElement;
        if (!parent || parent.closest('script, style, template')) continue;
        const lang = parent.closest('[lang]')?.getAttribute('lang') ?? '';
        const isContent = content.filter((c) => text.includes(c));
        const isChrome = chrome.includes(text);
        if (isContent.length > 0 || isChrome) out.push({ text, lang, content: isContent, chrome: isChrome, tag: parent.tagName });
      }
      return out;
    },
    { content, chrome },
  );
  const wrong = found.filter((f) => (f.content.length > 0 ? f.lang !== contentLang : f.lang !== uiLang));
  assert(
    wrong.length === 0,
    `on the ${view}, ${wrong.length} text(s) are in the wrong language:\n       ${wrong
      .slice(0, 8)
      .map((f) => `<${f.tag} lang=${f.lang || '∅'}> “${f.text.slice(0, 80)}” (should be ${f.content.length > 0 ? contentLang : uiLang})`)
      .join('\n       ')}`,
  );
  const missing = content.filter((c) => !found.some((f) => f.content.includes(c)));
  assert(missing.length === 0, `the ${view} should show ${JSON.stringify(missing)}`);
  const chromeSeen = found.filter((f) => f.chrome).length;
  assert(chrome.length === 0 || chromeSeen > 0, `the ${view} shows none of the UI words ${JSON.stringify(chrome)}`);
  return found.length;
}
