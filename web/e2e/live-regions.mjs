// What a screen reader would be told, as the page's live regions change: every element that is
// or is inside [aria-live], [role=status], [role=alert] or [role=log] is watched from the page's
// first paint (a MutationObserver installed before the app runs), and each new text a region
// shows is logged with the region and the time. A story then checks that an event is said by
// exactly one region: "one voice per event".

import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

function installRecorder() {
  const SELECTOR = '[aria-live], [role="status"], [role="alert"], [role="log"]';
  const log = [];
  const names = new WeakMap();
  const last = new WeakMap();
  let n = 0;
  const nameOf = (region) => {
    if (!names.has(region)) names.set(region, `${region.tagName.toLowerCase()}${region.id ? `#${region.id}` : ''}.${region.className || ''}~${++n}`);
    return names.get(region);
  };
  const record = (region) => {
    const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (last.get(region) === text) return;
    last.set(region, text);
    if (text) log.push({ region: nameOf(region), text, at: Date.now() });
  };
  const regionsAround = (node, into) => {
    let el = node?.nodeType === 1 ? node : node?.parentElement;
    for (let r = el?.closest(SELECTOR); r; r = r.parentElement?.closest(SELECTOR)) into.add(r);
  };
  const observer = new MutationObserver((mutations) => {
    const regions = new Set();
    for (const m of mutations) {
      regionsAround(m.target, regions);
      for (const added of m.addedNodes) {
        if (added.nodeType !== 1) continue;
        if (added.matches(SELECTOR)) regions.add(added);
        for (const inner of added.querySelectorAll(SELECTOR)) regions.add(inner);
      }
    }
    for (const r of regions) record(r);
  });
  Object.defineProperty(window, '__liveRegionLog', { value: log });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

/** Installs the recorder on `page`, for every document it loads from now on. */
export async function recordLiveRegions(page) {
  await page.addInitScript(installRecorder);
}

/** Everything the page's live regions said since it loaded: `{ region, text, at }`. */
export const liveLog = (page) => page.evaluate(() => window.__liveRegionLog ?? []);

/** The regions that said something containing `text` (since `since`, ms since the epoch). */
export async function voicesOf(page, text, since = 0) {
  const log = await liveLog(page);
  return [...new Set(log.filter((e) => e.at >= since && e.text.includes(text)).map((e) => e.region))];
}

/**
 * Waits until `text` is said on `page`, then checks that one region said it, no more; a moment
 * later too, so that a second voice that comes a little late is caught.
 */
export async function expectOneVoice(page, text, who, { since = 0, timeout = LIVE_TIMEOUT_MS } = {}) {
  await eventually(`${who} is told “${text}”`, async () => (await voicesOf(page, text, since)).length > 0, timeout);
  await page.waitForTimeout(500);
  const voices = await voicesOf(page, text, since);
  assert(voices.length === 1, `${who} is told “${text}” by ${voices.length} live regions: ${voices.join(', ')}`);
}

/** Fails if `text` was said on `page` since `since`. */
export async function expectNotSaid(page, text, who, since = 0) {
  const said = (await liveLog(page)).filter((e) => e.at >= since && e.text.includes(text));
  assert(said.length === 0, `${who} should not be told “${text}”, was: ${JSON.stringify(said)}`);
}

/** What the page's one region for others' activity says now. */
export const activitySaid = (page) => page.locator('#activity-announcer').innerText();
