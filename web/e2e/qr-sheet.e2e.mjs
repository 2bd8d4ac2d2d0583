// Join QR codes in a real browser, against real servers: the facilitator prints the table QR
// sheet (one page per group, axe-clean, keyboard-usable), every QR code on it is read back
// from the pixels Chromium drew (jsQR, a real decoder), and a phone that opens a table's code
// joins with the code filled in and that table's group stored. The facilitator is on
// 127.0.0.1, so the board warns that phones cannot reach it; a second server started with
// --public-url puts that address in the text and in every QR code instead.
//
//   TALKOOT_URL=http://127.0.0.1:8080 TALKOOT_PUBLIC_SERVER=http://127.0.0.1:8081 \
//   TALKOOT_PUBLIC_URL=https://talkoot.example.fi/ node e2e/qr-sheet.e2e.mjs
//
// Run by tests/tests/browser_qr.rs, which starts both servers.

import { expectBoardLive, expectNoAxeViolations, spacedCode } from './board-page.mjs';
import { storedSecrets } from './device.mjs';
import { fillJoinForm, tapJoin } from './join-page.mjs';
import { tabTo } from './keyboard.mjs';
import { createBoard, facilitatorLink } from './new-board.mjs';
import { readQr } from './qr-image.mjs';
import { openQrSheet, readSheetQr, sheetPages } from './qr-sheet-page.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

/** A server started with --public-url, and that URL. */
const PUBLIC_SERVER = (process.env.TALKOOT_PUBLIC_SERVER ?? '').replace(/\/+$/, '');
const PUBLIC_URL = process.env.TALKOOT_PUBLIC_URL ?? '';

const TITLE = 'Youth services 2026';
const GROUPS = ['Table 1: school health care', 'Table 2: youth work', 'Table 3: child welfare'];

/** A board with the three tables, on `server`. */
const createTables = (server) => createBoard({ title: TITLE, description: 'Client case: Aino, 17.', sections: GROUPS, server });

/** Opens the sheet from the facilitator's board, once it is live. */
async function openSheet(page) {
  await expectBoardLive(page, TITLE, 'the facilitator');
  await openQrSheet(page, TITLE, GROUPS.length);
}

/** How many pages Chromium prints the current page on. */
async function printedPages(page) {
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  return (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const board = await createTables(BASE);
  const code = board.join_code;
  const spaced = spacedCode(code);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);

  await step('on 127.0.0.1 the facilitator’s board warns that phones cannot open the address, and says what to do (axe-clean)', async () => {
    await facilitator.goto(facilitatorLink(board));
    await facilitator.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const warning = facilitator.getByRole('region', { name: 'Phones cannot open this address' });
    await warning.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const text = await warning.innerText();
    const host = new URL(BASE).host;
    assert(text.includes(host), `the warning names the address ${host}: ${text}`);
    assert(text.includes('--public-url'), `the warning tells about --public-url: ${text}`);
    assert(text.includes(`http://192.168.1.20:${new URL(BASE).port}`), `the example keeps the port: ${text}`);
    await facilitator.getByText(`Join at ${host} with the code`, { exact: true }).waitFor();
    await expectNoAxeViolations(facilitator, 'facilitator board with the address warning');
  });

  const read = new Map();
  await step('the QR sheet opens from the board by keyboard: one page per group, with name, QR code and code (axe-clean)', async () => {
    await openSheet(facilitator);
    const pages = sheetPages(facilitator);
    const headings = await pages.locator('h2').allInnerTexts();
    assert(
      JSON.stringify(headings) === JSON.stringify(['Join the workshop', ...GROUPS]),
      `the pages are headed ${JSON.stringify(headings)}`,
    );
    for (let i = 0; i < GROUPS.length + 1; i += 1) {
      const pageOfSheet = pages.nth(i);
      const name = i === 0 ? 'Join the workshop' : GROUPS[i - 1];
      const region = facilitator.getByRole('region', { name, exact: true });
      assert((await region.count()) === 1, `"${name}" is a labelled region of its own`);
      const img = pageOfSheet.getByRole('img');
      const alt = await img.getAttribute('alt');
      const expectedAlt = i === 0 ? `QR code: join the workshop “${TITLE}”` : `QR code: join the workshop “${TITLE}” in the group “${GROUPS[i - 1]}”`;
      assert(alt === expectedAlt, `the QR image of "${name}" has alt ${JSON.stringify(alt)}`);
      await eventually(`the QR code of "${name}" has loaded`, () => img.evaluate((el) => el.complete && el.naturalWidth > 0));
      const text = await pageOfSheet.innerText();
      assert(text.includes(spaced), `the page of "${name}" shows the code as ${spaced}: ${text}`);
      assert(
        text.includes(`The code is read: ${[...code.slice(0, 4)].map((d) => 'zero one two three four five six seven eight nine'.split(' ')[d]).join(' ')}, `),
        `the page of "${name}" spells the code out: ${text}`,
      );
      read.set(name, await readQr(img));
    }
    await expectNoAxeViolations(facilitator, 'QR sheet');
  });

  await step('every QR code on the sheet holds its join address: the board’s, and each table’s with its group', async () => {
    const expected = new Map([
      ['Join the workshop', `${BASE}/#/join/${code}`],
      ...board.sections.map((s) => [s.title, `${BASE}/#/join/${code}/g/${s.id}`]),
    ]);
    for (const [name, address] of expected) {
      assert(read.get(name) === address, `the QR code of "${name}" holds ${JSON.stringify(read.get(name))}, not ${address}`);
    }
    const typed = await sheetPages(facilitator).first().innerText();
    assert(
      typed.includes(`Or go to ${new URL(BASE).host} and enter the code`),
      `the first page says where to go without a camera: ${typed}`,
    );
  });

  await step('printed, the sheet is one sheet of paper per page with none of the app around it', async () => {
    await facilitator.emulateMedia({ media: 'print' });
    for (const hidden of [
      facilitator.getByRole('button', { name: 'Print' }),
      facilitator.getByRole('link', { name: 'talkoot' }),
      facilitator.getByRole('heading', { level: 1 }),
    ]) {
      assert(!(await hidden.isVisible()), `${hidden} should not be printed`);
    }
    const breaks = await sheetPages(facilitator).evaluateAll((pages) => pages.map((p) => getComputedStyle(p).breakBefore));
    assert(
      JSON.stringify(breaks) === JSON.stringify(['auto', ...GROUPS.map(() => 'page')]),
      `each group starts a new page: ${JSON.stringify(breaks)}`,
    );
    await facilitator.emulateMedia({ media: 'screen' });
    const printed = await printedPages(facilitator);
    assert(printed === 1 + GROUPS.length, `the sheet prints on ${printed} pages, not ${1 + GROUPS.length}`);
  });

  await step('the Print button is reached with Tab and prints', async () => {
    await facilitator.evaluate(() => {
      window.__printed = 0;
      window.print = () => {
        window.__printed += 1;
      };
    });
    await facilitator.getByRole('heading', { level: 1 }).focus();
    await tabTo(facilitator, (f) => f.text === 'Print', 'the Print button', { within: 10 });
    await facilitator.keyboard.press('Enter');
    assert((await facilitator.evaluate(() => window.__printed)) === 1, 'Enter on Print should print');
  });

  const phone = await openScreen(browser, PHONE, 'phone', errors);
  const storedParticipant = async (page, joined = board) => (await storedSecrets(page, joined.board_id)).participant ?? {};
  const [, table2, table3] = board.sections;

  await step('a phone opens table 2’s QR code: the join form has the code and says it is a table’s (axe-clean)', async () => {
    await fillJoinForm(phone, { address: read.get(table2.title) });
    const field = phone.getByLabel('Join code');
    await field.waitFor();
    const value = await field.inputValue();
    assert(value.replace(/\D/g, '') === code, `the code field holds ${JSON.stringify(value)}`);
    await phone.getByText('This is a table’s code: joining puts you in that table’s group.').waitFor();
    await expectNoAxeViolations(phone, 'join form opened by a table QR code');
  });

  await step('one tap joins, and the phone keeps table 2’s group with its token', async () => {
    await tapJoin(phone, TITLE, 'the phone');
    const stored = await storedParticipant(phone);
    assert(typeof stored.token === 'string' && stored.token.startsWith('p_'), `a participant token is stored: ${JSON.stringify(stored)}`);
    assert(stored.group === table2.id, `the stored group is ${JSON.stringify(stored.group)}, not table 2's ${table2.id}`);
  });

  await step('the same phone scanning table 3’s code moves there, still the same participant', async () => {
    const before = await storedParticipant(phone);
    await fillJoinForm(phone, { address: read.get(table3.title) });
    await tapJoin(phone, TITLE, 'the phone at table 3');
    const after = await storedParticipant(phone);
    assert(after.token === before.token, 'joining again reuses the token');
    assert(after.group === table3.id, `the stored group is ${JSON.stringify(after.group)}, not table 3's`);
  });

  await step('a code typed over the table’s one joins without the table’s group', async () => {
    const other = await createTables(BASE);
    const page = await openScreen(browser, PHONE, 'second phone', errors);
    try {
      await fillJoinForm(page, { address: read.get(table2.title) });
      await page.getByLabel('Join code').fill(other.join_code);
      assert(
        (await page.getByText('This is a table’s code', { exact: false }).count()) === 0,
        'the table notice should go once the code is another',
      );
      await tapJoin(page, TITLE, 'the second phone');
      const stored = await storedParticipant(page, other);
      assert(stored.token && stored.group === undefined, `no group for another board's code: ${JSON.stringify(stored)}`);
    } finally {
      await page.context().close();
    }
  });

  await step('with --public-url, the board shows that address and no warning, and the QR codes hold it', async () => {
    const published = await createTables(PUBLIC_SERVER);
    const readable = PUBLIC_URL.replace(/^https?:\/\//, '').replace(/\/$/, '');
    const page = await openScreen(browser, DESKTOP, 'facilitator on the public server', errors);
    try {
      await page.goto(facilitatorLink(published, PUBLIC_SERVER));
      await page.getByText(`Join at ${readable} with the code`, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      assert(
        (await page.getByRole('region', { name: 'Phones cannot open this address' }).count()) === 0,
        'no warning when the public URL is reachable',
      );
      await openSheet(page);
      const board = await readSheetQr(page, 'Join the workshop');
      assert(board === `${PUBLIC_URL}#/join/${published.join_code}`, `the board's QR code holds ${board}`);
      const table = await readSheetQr(page, GROUPS[0]);
      const expected = `${PUBLIC_URL}#/join/${published.join_code}/g/${published.sections[0].id}`;
      assert(table === expected, `the first table's QR code holds ${table}`);
    } finally {
      await page.context().close();
    }
  });
}

await runStory(
  {
    name: 'QR',
    needs: ['TALKOOT_URL', 'TALKOOT_PUBLIC_SERVER', 'TALKOOT_PUBLIC_URL'],
    run: 'cargo test -p talkoot-tests --test browser_qr',
  },
  async (story, browser, errors) => {
    console.log(`  and ${PUBLIC_SERVER} as ${PUBLIC_URL}`);
    await tell(story, browser, errors);
  },
);
