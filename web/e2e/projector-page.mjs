// What the story looks for on the projector view (`#/b/<board>/projector`): the join panel
// with the code and its QR code, a panel per group with its live counts and its notes, and how
// each new note arrived (highlighted, or still under reduced motion).

/** The panel with the join code, its QR code and where to type it. */
export const joinPanel = (page) => page.getByRole('region', { name: 'Join the workshop' });

/** A group's panel on the projector, by its heading. */
export const groupPanel = (page, title) => page.getByRole('region', { name: title, exact: true });

/** What a group's panel says, on one line. */
export const groupPanelText = async (page, title) => (await groupPanel(page, title).innerText()).replace(/\s+/g, ' ');

/** A group's live counts as its panel shows them: "2 online · 3 notes" as `{ online: 2, notes: 3 }`. */
export async function groupCounts(page, title) {
  const counts = groupPanel(page, title).locator('.counts');
  const number = async (part) => Number((await counts.locator(part).innerText()).match(/\d+/)?.[0] ?? NaN);
  return { online: await number('.online'), notes: await number('.notes') };
}

/** Records, for every note card the page adds from now on, whether it was animated as it arrived. */
export async function watchNoteArrivals(page) {
  await page.evaluate(() => {
    window.__arrivals = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const card of [node, ...node.querySelectorAll('article')].filter((el) => el.matches('article'))) {
            window.__arrivals.push({
              text: card.querySelector('p')?.textContent ?? '',
              animationName: getComputedStyle(card).animationName,
              animations: card.getAnimations().length,
            });
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/** How the note with `text` arrived (`{ text, animationName, animations }`), or null if it has not. */
export const arrival = (page, text) => page.evaluate((text) => window.__arrivals.find((a) => a.text === text) ?? null, text);
