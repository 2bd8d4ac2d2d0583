// What a board shows about groups (a group is a section, e.g. a table): the question a
// participant is asked about their group, a participant's board laid out for their group (it
// first, with the one box for new notes, the others folded), and how many sit in each group
// on a facilitator's board.

import { section, tapOrClick } from './board-page.mjs';
import { assert, eventually } from './story.mjs';

export const GROUP_QUESTION = 'Which group are you in?';

/** The question "Which group are you in?" with a choice per group. */
export const groupPicker = (page) => page.getByRole('region', { name: GROUP_QUESTION });

/** A participant answers the question by tapping their group. */
export async function pickGroup(page, title) {
  await tapOrClick(groupPicker(page).getByRole('button', { name: title }));
  await groupPicker(page).waitFor({ state: 'detached' });
}

/** The board's sections as the page shows them, top to bottom, by title. */
export const sectionOrder = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main section.column')].map((s) =>
      document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent?.trim(),
    ),
  );

/** The button in a folded section's heading that opens it to read. */
export const foldButton = (page, title) => section(page, title).getByRole('heading', { level: 2 }).getByRole('button');

/** Opens a folded section to read (unless it is open already). */
export async function openFolded(page, title) {
  const fold = foldButton(page, title);
  if ((await fold.getAttribute('aria-expanded')) !== 'true') await tapOrClick(fold);
  assert((await fold.getAttribute('aria-expanded')) === 'true', `"${title}" should open`);
}

/** A participant's board laid out for their group `mine`: it first with the one composer, the other groups folded. */
export async function expectGroupFirst(page, who, mine, groups) {
  await eventually(`${who}'s board shows "${mine}" first`, async () => (await sectionOrder(page))[0] === mine);
  const order = await sectionOrder(page);
  assert(
    JSON.stringify([...order].sort()) === JSON.stringify([...groups].sort()),
    `${who}'s board shows every group once: ${JSON.stringify(order)}`,
  );
  const composers = page.getByRole('textbox', { name: /New note/ });
  assert((await composers.count()) === 1, `${who}'s board has one box for new notes, has ${await composers.count()}`);
  assert((await section(page, mine).getByRole('textbox', { name: /New note/ }).count()) === 1, `the box is in "${mine}"`);
  await section(page, mine).getByText('Your group', { exact: true }).waitFor();
  for (const other of groups.filter((t) => t !== mine)) {
    const state = await foldButton(page, other).getAttribute('aria-expanded');
    assert(state === 'false', `"${other}" is folded on ${who}'s board (aria-expanded=${state})`);
  }
}

/** What a facilitator's section says about who sits in its group ("2 online"). */
const onlineAt = (page, title) => section(page, title).locator('.group-online').innerText();

/** Waits until the facilitator's board counts `expected` ({ group title: count }) online per group. */
export async function expectOnlineCounts(facilitator, expected, who = 'the facilitator') {
  await eventually(`${who} sees ${JSON.stringify(expected)} online per group`, async () => {
    for (const [title, count] of Object.entries(expected)) {
      if ((await onlineAt(facilitator, title)).trim() !== `${count} online`) return false;
    }
    return true;
  });
}

