// The projector view in real browsers against a running talkoot server (its address in
// TALKOOT_URL). A facilitator makes a board with case material and three groups, and opens the
// projector link on a "venue PC" (a browser of its own, 1920×1080, then 1280×720):
//
//   1. the PC shows the join code large, a QR code that reads back as the join address with
//      the code in it, the case material, and the groups; it has no controls, holds no
//      facilitator key and says hello with the projector key alone;
//   2. a phone joins with a table's QR code and posts: the note arrives highlighted, without
//      its writer's name; a participant online in a group is counted in that group;
//   3. the facilitator turns names on and folds the case material: the PC follows;
//   4. the phase and its instruction follow go_to_phase; in the private Write phase the PC shows
//      only counts, and the hidden text reaches neither its page nor its WebSocket; after the
//      reveal the notes appear;
//   5. at both sizes nothing scrolls sideways, the join panel overlaps nothing, and every text
//      on the board is at 7:1 contrast or better (screenshots are saved);
//   6. with reduced motion a new note arrives without any animation;
//   7. even in the facilitator's own browser, the projector view uses the projector key only.
//
// Every state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 [TALKOOT_SCREENSHOTS=dir] node e2e/projector.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { expectBoardLive, expectLive, expectNoAxeViolations, phaseRegion, postNote, section, spacedCode } from './board-page.mjs';
import { keptView, storedSecrets } from './device.mjs';
import { readProjectorLink, revealAndMoveTo, startPhaseByKeyboard } from './facilitator-controls.mjs';
import { joinFromPhone } from './join-page.mjs';
import { createBoardInApp } from './new-board.mjs';
import { arrival, groupPanel, groupPanelText, joinPanel, watchNoteArrivals } from './projector-page.mjs';
import { readQr } from './qr-image.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { lowContrastTexts } from './text-contrast.mjs';
import { receivedFrames, recordWebSockets, sentFrames } from './websocket-frames.mjs';

const HD = { width: 1280, height: 720 };

const TITLE = 'Evening services 2026';
const CASE = 'Client case: Aino, 17, lives with her grandfather, 84. Both need help in the evenings.';
const GROUPS = ['Table 1: young people', 'Table 2: older people', 'Table 3: families'];
const [GROUP_1, GROUP_2, GROUP_3] = GROUPS;
const PUBLIC_NOTE = 'A night-time chat line for young people';
const PRIVATE_NOTE = 'Anna-private: home visits on Sundays';
const LAST_NOTE = 'Weekend opening hours at the library';
const QUIET_NOTE = 'Arrives without motion';

/** Checks the projector at its current size and saves a screenshot as `name`. */
async function checkLayout(page, name, screenshots) {
  const size = page.viewportSize();
  const file = pathJoin(screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`       screenshot: ${file}`);
  const sideways = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert(sideways.scroll <= sideways.width, `at ${size.width}×${size.height} the page scrolls sideways (${sideways.scroll} > ${sideways.width})`);
  const joinBox = await joinPanel(page).boundingBox();
  const code = joinPanel(page).getByText(/^\d{4} \d{4}$/);
  const codePx = parseFloat(await code.evaluate((el) => getComputedStyle(el).fontSize));
  assert(codePx >= 0.06 * size.height, `the join code is ${codePx}px high at ${size.width}×${size.height}: too small for the back row`);
  assert(joinBox.x + joinBox.width <= size.width && joinBox.y >= 0, `the join panel is off screen: ${JSON.stringify(joinBox)}`);
  assert(joinBox.y + joinBox.height <= size.height, `the join panel with the code and QR code should fit on the ${size.width}×${size.height} screen: ${JSON.stringify(joinBox)}`);
  for (const title of GROUPS) {
    const box = await groupPanel(page, title).boundingBox();
    const apart = box.x >= joinBox.x + joinBox.width || box.y >= joinBox.y + joinBox.height || box.x + box.width <= joinBox.x;
    assert(apart, `at ${size.width}×${size.height} the join panel overlaps “${title}”: ${JSON.stringify({ joinBox, box })}`);
    assert(box.x + box.width <= size.width, `“${title}” reaches past the right edge: ${JSON.stringify(box)}`);
  }
  const notePx = await page.locator('.layout article p').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert(notePx >= size.height / 40, `note text is ${notePx}px at ${size.width}×${size.height}: too small for the back row`);
  // The address warning is for the facilitator setting up, in the app's (AA) warning colours.
  const { checked, low } = await lowContrastTexts(page, { min: 7, within: '.layout', skip: '.address-warning' });
  assert(checked.filter((c) => c.startsWith('p.text')).length >= 1, `the contrast check should have seen the notes' texts: ${checked.join(', ')}`);
  assert(low.length === 0, `texts below 7:1 at ${size.width}×${size.height}:\n       ${low.join('\n       ')}`);
  await expectNoAxeViolations(page, `projector view at ${size.width}×${size.height}`);
}

/**
 * A participant's device that says which group it sits in (`hello{group}`), on a socket of its
 * own: what a table's phone sends once it joins with the table's QR code.
 */
async function participantInGroup(browser, code, section, name) {
  const joined = await fetch(`${BASE}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  assert(joined.status === 200, `joining as ${name} answered ${joined.status}`);
  const { board_id: board, token } = await joined.json();
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(`${BASE}/#/`);
  await page.evaluate(
    ({ url, board, token, group }) =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(url);
        window.__socket = socket;
        socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', board, token, last_seq: null, group }));
        socket.onmessage = (e) => {
          if (JSON.parse(e.data).type === 'welcome') resolve();
        };
        socket.onerror = () => reject(new Error('the socket failed'));
      }),
    { url: `${BASE.replace(/^http/, 'ws')}/ws`, board, token, group: section },
  );
  return {
    leave: async () => {
      await page.evaluate(() => window.__socket.close());
      await context.close();
    },
  };
}

async function tell(story, browser, errors, screenshots) {
  const step = (name, fn) => story.step(name, fn);

  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  let board = '';
  let code = '';
  let sections = [];
  let projectorLink = '';
  let facilitatorKey = '';

  await step('the facilitator creates a board with case material and three groups', async () => {
    const created = await createBoardInApp(facilitator, { title: TITLE, caseMaterial: CASE, sections: GROUPS });
    ({ board_id: board, facilitator_key: facilitatorKey, join_code: code, sections } = created);
    projectorLink = await readProjectorLink(facilitator, board);
  });

  const pc = await openScreen(browser, VENUE_PC, 'venue PC', errors);
  const pcSockets = recordWebSockets(pc);
  const projectorKey = () => decodeURIComponent(projectorLink.split('/p/')[1]);
  const spaced = () => spacedCode(code);

  await step('the projector link opens the projector view at 1920×1080: title, live, the code large, the case, the groups (axe-clean)', async () => {
    await pc.goto(projectorLink);
    await expectBoardLive(pc, TITLE, 'the venue PC');
    assert(new URL(pc.url()).hash === `#/b/${board}/projector`, `the PC should show #/b/<board>/projector, shows ${pc.url()}`);
    const join = joinPanel(pc);
    await join.getByText(spaced(), { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await join.getByText(`Or go to ${new URL(BASE).host} and enter the code`, { exact: true }).waitFor();
    const caseText = pc.getByRole('region', { name: 'Case material' });
    await caseText.getByText(CASE, { exact: true }).waitFor();
    for (const title of GROUPS) {
      await eventually(`“${title}” shows its counts`, async () => (await groupPanelText(pc, title)).includes('0 online · 0 notes No notes yet.'));
    }
    assert((await pc.getByRole('region', { name: /^Phase / }).count()) === 0, 'no phase should show before one starts');
    await expectNoAxeViolations(pc, 'projector view');
  });

  await step('its QR code reads back, from the pixels, as the join address with the code in it', async () => {
    const img = joinPanel(pc).getByRole('img');
    assert((await img.getAttribute('alt')) === `QR code: join the workshop “${TITLE}”`, `the QR image's alt is ${await img.getAttribute('alt')}`);
    await eventually('the QR code has loaded', () => img.evaluate((el) => el.complete && el.naturalWidth > 0));
    const address = await readQr(img);
    assert(address === `${BASE}/#/join/${code}`, `the QR code holds ${JSON.stringify(address)}, not ${BASE}/#/join/${code}`);
  });

  await step('the projector offers no controls at all, and nothing on it leads to a facilitator key', async () => {
    const controls = await pc.locator('button, input, select, textarea, a[href], [contenteditable], [tabindex]:not([tabindex="-1"])').count();
    assert(controls === 0, `the projector view should have no controls or links, has ${controls}`);
    const html = await pc.content();
    assert(!html.includes(facilitatorKey) && !/\bf_[0-9a-f]{16,}/.test(html), 'a facilitator key is in the projector page');
    const stored = await pc.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
    assert((await storedSecrets(pc, board)).projector === projectorKey(), `the PC should keep the projector key: ${JSON.stringify(Object.keys(stored))}`);
    const facilitatorish = Object.entries(stored).filter(([k, v]) => k.includes('facilitator') || /(^|")f_[0-9a-f]/.test(v));
    assert(facilitatorish.length === 0, `the PC's localStorage holds a facilitator secret: ${JSON.stringify(facilitatorish)}`);
    const sent = sentFrames(pcSockets);
    assert(sent.length > 0 && sent.every((m) => m.type === 'hello' && m.token === projectorKey()), `the PC should only say hello, with the projector key: ${JSON.stringify(sent)}`);
  });

  await watchNoteArrivals(pc);
  const anna = await openScreen(browser, PHONE, 'Anna', errors);

  await step('a phone joins with table 1’s QR code and posts: the note arrives on the projector highlighted, without its writer’s name', async () => {
    await joinFromPhone(anna, TITLE, 'Anna', { code, group: sections[0].id, name: 'Anna' });
    await postNote(anna, GROUP_1, PUBLIC_NOTE);
    await groupPanel(pc, GROUP_1).getByText(PUBLIC_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('table 1 counts one note', async () => (await groupPanelText(pc, GROUP_1)).includes('· 1 note'));
    const arrived = await arrival(pc, PUBLIC_NOTE);
    assert(arrived && arrived.animations > 0 && arrived.animationName !== 'none', `the new note should arrive highlighted: ${JSON.stringify(arrived)}`);
    assert((await pc.getByText('Anna').count()) === 0, 'the writer’s name must not show while names are off');
  });

  await step('a participant online in table 2 is counted there, and no longer once they leave', async () => {
    const bertil = await participantInGroup(browser, code, sections[1].id, 'Bertil');
    await eventually('table 2 counts one online', async () => (await groupPanelText(pc, GROUP_2)).startsWith(`${GROUP_2} 1 online ·`));
    assert((await groupPanelText(pc, GROUP_3)).startsWith(`${GROUP_3} 0 online ·`), 'table 3 should still count nobody');
    await bertil.leave();
    await eventually('table 2 counts nobody again', async () => (await groupPanelText(pc, GROUP_2)).startsWith(`${GROUP_2} 0 online ·`));
  });

  const settings = facilitator.locator('#projector-settings');
  await step('the facilitator turns names on: the projector shows the writer; off again: it hides them', async () => {
    await facilitator.getByRole('button', { name: 'Projector screen', exact: true }).click();
    await settings.getByLabel('Show the writers’ names').check();
    await groupPanel(pc, GROUP_1).getByText('Anna', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(pc, 'projector view with names');
    await settings.getByLabel('Show the writers’ names').uncheck();
    await eventually('the name goes away', async () => (await pc.getByText('Anna').count()) === 0);
    await settings.getByLabel('Show the writers’ names').check();
    await groupPanel(pc, GROUP_1).getByText('Anna', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the facilitator folds the case material for the projector: only its heading stays, and back', async () => {
    await settings.getByLabel('Show the case material').uncheck();
    const caseText = pc.getByRole('region', { name: 'Case material' });
    await caseText.getByText('Folded on this screen: read it on your own device.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await pc.getByText(CASE).count()) === 0, 'the folded case text must not show');
    await expectNoAxeViolations(pc, 'projector view with the case folded');
    await settings.getByLabel('Show the case material').check();
    await caseText.getByText(CASE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('the facilitator starts the Write phase: the projector shows the phase, its instruction and that notes are private', async () => {
    await startPhaseByKeyboard(facilitator, 'Write');
    const phase = phaseRegion(pc, 1, 4, 'Write');
    await phase.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phase.getByText('Write your own thoughts in your group', { exact: false }).waitFor();
    await phase.getByText('Notes are private: only their writer and the facilitators see them until they are revealed.').waitFor();
    await expectNoAxeViolations(pc, 'projector view in a private phase');
  });

  await step('in the private phase the projector shows only a count of a new note, never its text, not even on its WebSocket', async () => {
    await postNote(anna, GROUP_1, PRIVATE_NOTE);
    await section(anna, GROUP_1).getByText(PRIVATE_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await groupPanel(pc, GROUP_1).getByText('1 hidden note', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('table 1 counts both notes', async () => (await groupPanelText(pc, GROUP_1)).includes('· 2 notes'));
    assert((await groupPanel(pc, GROUP_1).getByRole('listitem').count()) === 1, 'only the public note should be a card');
    const text = await pc.evaluate(() => document.body.innerText);
    assert(!text.includes(PRIVATE_NOTE) && !text.includes('Anna-private'), 'the hidden text is on the projector page');
    const wire = JSON.stringify(receivedFrames(pcSockets));
    assert(wire.includes('"hidden_note"'), 'the PC should have been told of a hidden note');
    assert(!wire.includes('Anna-private'), 'the hidden text reached the projector’s WebSocket');
  });

  await step('at 1920×1080 nothing scrolls sideways, the join panel overlaps nothing, and every text is at 7:1 or better', async () => {
    await checkLayout(pc, 'projector-1920x1080', screenshots);
  });

  await step('at 1280×720 the same holds', async () => {
    await pc.setViewportSize(HD);
    await checkLayout(pc, 'projector-1280x720', screenshots);
  });

  await step('the facilitator reveals: the hidden note appears on the projector, highlighted, and the count goes', async () => {
    await revealAndMoveTo(facilitator, 'Discuss');
    await groupPanel(pc, GROUP_1).getByText(PRIVATE_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await phaseRegion(pc, 2, 4, 'Discuss').getByText('Go through the notes together.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await pc.getByText(/hidden note/).count()) === 0, 'no hidden count after the reveal');
    const arrived = await arrival(pc, PRIVATE_NOTE);
    assert(arrived && arrived.animations > 0, `the revealed note should arrive highlighted: ${JSON.stringify(arrived)}`);
    await checkLayout(pc, 'projector-1280x720-revealed', screenshots);
  });

  await step('with reduced motion a new note arrives with no animation at all', async () => {
    await pc.emulateMedia({ reducedMotion: 'reduce' });
    await postNote(anna, GROUP_1, QUIET_NOTE);
    await groupPanel(pc, GROUP_1).getByText(QUIET_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const arrived = await arrival(pc, QUIET_NOTE);
    assert(arrived && arrived.animations === 0 && arrived.animationName === 'none', `the note should arrive without animation: ${JSON.stringify(arrived)}`);
    const later = await groupPanel(pc, GROUP_1).locator('article').filter({ hasText: QUIET_NOTE }).evaluate((el) => el.getAnimations().length);
    assert(later === 0, 'the note should not start an animation later');
    await pc.emulateMedia({ reducedMotion: 'no-preference' });
  });

  await step('a reload shows the notes already there without highlighting any', async () => {
    // What the PC kept is what a reload shows first; the live board follows.
    await eventually('the PC keeps every note', async () => (await keptView(pc, board))?.texts.includes(QUIET_NOTE));
    await pc.reload();
    await watchNoteArrivals(pc);
    await groupPanel(pc, GROUP_1).getByText(PRIVATE_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(pc, 'the venue PC after a reload');
    const animated = await pc.locator('.layout article').evaluateAll((cards) => cards.filter((c) => c.getAnimations().length > 0).length);
    assert(animated === 0, `${animated} note(s) were highlighted after a reload`);
  });

  await step('in the facilitator’s own browser the projector view says hello with the projector key only', async () => {
    const sockets = recordWebSockets(facilitator);
    await facilitator.goto(`${BASE}/#/b/${board}/projector`);
    await joinPanel(facilitator).getByText(spaced(), { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectLive(facilitator, 'the facilitator’s projector view');
    await postNote(anna, GROUP_1, LAST_NOTE);
    await groupPanel(facilitator, GROUP_1).getByText(LAST_NOTE, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const hellos = sentFrames(sockets);
    assert(hellos.length > 0 && hellos.every((m) => m.type === 'hello' && m.token === projectorKey()), `the projector view should say hello with the projector key only: ${JSON.stringify(hellos.map((m) => m.type))}`);
    const html = await facilitator.content();
    assert(!html.includes(facilitatorKey), 'the facilitator key is in the projector page');
    assert((await facilitator.locator('button, input, textarea, select').count()) === 0, 'the projector view should offer no controls to the facilitator either');
  });
}

const screenshots = process.env.TALKOOT_SCREENSHOTS ?? (await mkdtemp(pathJoin(tmpdir(), 'talkoot-projector-')));
await mkdir(screenshots, { recursive: true });
await runStory({ name: 'projector', run: 'cargo test -p talkoot-tests --test browser_projector' }, async (story, browser, errors) => {
  console.log(`  screenshots in ${screenshots}`);
  await tell(story, browser, errors, screenshots);
});
