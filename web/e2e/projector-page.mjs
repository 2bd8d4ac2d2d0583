// What the story looks for on the projector view (`#/b/<board>/projector`): the join panel
// with the code and its QR code, and a panel per group with its live counts and its notes.

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
