// A board to tell a story on: made through the API when the story is about something else, or
// through the app's create form as a facilitator makes one. Either way the story gets the board
// with its join code and its sections in the board's order, as the facilitator sees them.

import { expectBoardLive } from './board-page.mjs';
import { storedSecrets } from './device.mjs';
import { BASE } from './server-address.mjs';
import { assert } from './story.mjs';

/** Section colours in the order the stories' boards use them. */
const COLOURS = ['blue', 'green', 'pink', 'orange', 'purple', 'yellow'];

/** The board's sections, top to bottom, read with the facilitator key. */
async function sectionsOf(server, board, facilitatorKey, titles) {
  const response = await fetch(`${server}/api/boards/${board}`, { headers: { authorization: `Bearer ${facilitatorKey}` } });
  assert(response.status === 200, `reading the board answered ${response.status}`);
  const snapshot = await response.json();
  const sections = Object.values(snapshot.board.sections).sort((a, b) => (a.order < b.order ? -1 : 1));
  assert(
    JSON.stringify(sections.map((s) => s.title)) === JSON.stringify(titles),
    `the board's sections are ${JSON.stringify(sections.map((s) => s.title))}, not ${JSON.stringify(titles)}`,
  );
  return { sections, joinCode: snapshot.join_code };
}

/**
 * Creates a board through the API on `server`: `{ board_id, facilitator_key, join_code, …,
 * title, sections }`, its sections (titled `sections`) in order.
 */
export async function createBoard({ title, description = '', language = 'en', sections, server = BASE }) {
  const response = await fetch(`${server}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title,
      description,
      language,
      sections: sections.map((sectionTitle, i) => ({ title: sectionTitle, colour: COLOURS[i % COLOURS.length] })),
    }),
  });
  assert(response.status === 201, `creating the board answered ${response.status}`);
  const created = await response.json();
  const read = await sectionsOf(server, created.board_id, created.facilitator_key, sections);
  return { ...created, title, sections: read.sections };
}

/** The facilitator's link to a board made by `createBoard`. */
export const facilitatorLink = (board, server = BASE) =>
  `${server}/#/b/${board.board_id}/f/${encodeURIComponent(board.facilitator_key)}`;

/** Opens a board made by `createBoard` with its facilitator link, and waits until it is live. */
export async function openAsFacilitator(page, board, server = BASE) {
  await page.goto(facilitatorLink(board, server));
  await expectBoardLive(page, board.title, 'the facilitator');
}

/**
 * A facilitator fills in the app's create form (title, case material, a row per section) and
 * creates the workshop; the board opens, live. The same shape as `createBoard`'s answer, from
 * what the browser kept: `{ board_id, facilitator_key, join_code, title, sections }`.
 */
export async function createBoardInApp(page, { title, caseMaterial = '', sections }) {
  await page.goto(`${BASE}/#/new`);
  await page.getByLabel('Workshop title').fill(title);
  if (caseMaterial) await page.getByLabel(/^Case material/).fill(caseMaterial);
  for (const [i, sectionTitle] of sections.entries()) {
    const field = page.getByLabel(`Title of section ${i + 1}`);
    if ((await field.count()) === 0) await page.getByRole('button', { name: 'Add a section' }).click();
    await field.fill(sectionTitle);
  }
  await page.getByRole('button', { name: 'Create the workshop' }).click();
  await expectBoardLive(page, title, 'the facilitator');
  const board = new URL(page.url()).hash.match(/^#\/b\/([A-Za-z0-9_-]+)$/)?.[1] ?? '';
  assert(board, `the board's address should be #/b/<board>, is ${page.url()}`);
  const { facilitator } = await storedSecrets(page, board);
  assert(facilitator?.startsWith('f_'), 'the browser should keep the facilitator key');
  const read = await sectionsOf(BASE, board, facilitator, sections);
  return { board_id: board, facilitator_key: facilitator, join_code: read.joinCode, title, sections: read.sections };
}
