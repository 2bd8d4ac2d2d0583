// Every view and state of the app, checked at 320 px, at 375×667 and at laptop width (see
// view-checks.mjs: axe with WCAG 2.1 A/AA, no sideways scrolling, no focused control hidden,
// the board's content in the board's language). The board is Finnish, from the template
// "Palveluverkko tutuksi" with every title as long as the limits allow, and every screen but the
// projector uses the English UI, so the board's content sits inside an English page:
//
//   - the landing page, the join form and the create form, each also with its errors;
//   - a participant's phone, the facilitator's laptop and the projector in every phase: before
//     any phase, the case, private writing, the reveal, discussion with comments, voting,
//     and tasks forward with volunteering and feedback;
//   - the reveal and delete dialogs, every facilitator panel open, a note's options with its
//     move list, the approval queue with a waiting note, a running timer, feedback results;
//   - the printable QR sheet, the kooste's printable page, an unknown board, and a phone that is
//     offline with a note waiting, then back with a refused note.
//
// Every finding is collected, and the last step fails listing them all.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/accessibility-sweep.e2e.mjs
//
// Run by tests/tests/browser_accessibility_sweep.rs. Exits 0 only when every step passed.

import { expectBoardLive, expectLive, noteIn, postNote, section } from './board-page.mjs';
import { groupPicker, pickGroup } from './group-view.mjs';
import { fillJoinForm } from './join-page.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { viewProblems } from './view-checks.mjs';

/** Pads `text` with Finnish words to exactly `chars` characters. */
const longest = (text, chars) => `${text} ${'sosiaali- ja terveyspalvelujen yhteistyöverkosto '.repeat(4)}`.slice(0, chars).trimEnd().padEnd(chars, 'ä');

const TITLE = longest('Palveluverkko tutuksi: Ainon kotiutuminen', 120);
const SOCIAL = longest('Sosiaalityö ja kuntoutusasiakasohjaus', 80);
const HEALTH = longest('Terveydenhuolto', 80);
const NOTE = 'Kotiutuksesta tieto sosiaalityöhön samana päivänä';
const OTHER = 'Lääkemuistutus kotihoidon käynteihin';
const COMMENT = 'Tämä koskee myös omaishoitajia';
const TASK_OWNER = 'Sosterin kotihoito';
const LATE = 'Vertaistukiryhmä kotiutuneille';

/** The Finnish template, its titles at their limits. */
async function boardRequest() {
  const templates = await (await fetch(`${BASE}/api/templates`)).json();
  const board = structuredClone(templates.find((t) => t.kind === 'service_network' && t.language === 'fi').board);
  board.title = TITLE;
  board.sections[0].title = SOCIAL;
  board.sections[1].title = HEALTH;
  board.phases = board.phases.map((p) => ({ ...p, title: longest(p.title, 60) }));
  return board;
}

/** The board's own strings, for the language check: what the facilitator and the phones wrote. */
function boardTexts(request) {
  const lines = request.description.split('\n').filter((l) => l.length >= 12);
  return [
    request.title,
    ...lines,
    ...request.sections.map((s) => s.title),
    ...request.phases.flatMap((p) => [p.title, p.instruction]),
    NOTE,
    OTHER,
    COMMENT,
    LATE,
  ];
}

async function keepEnglish(page) {
  await page.getByRole('group', { name: /Language|Kieli|Språk/ }).getByRole('button', { name: /^(EN|English)$/ }).click();
}

async function tell(story, browser, errors) {
  const findings = [];
  const step = (name, fn) => story.step(name, fn);
  const request = await boardRequest();
  const content = { lang: 'fi', texts: boardTexts(request) };
  const check = async (page, view, board = content) => {
    const found = await viewProblems(page, view, board);
    findings.push(...found);
    console.log(`       ${view}: ${found.length === 0 ? 'clean' : `${found.length} finding(s)`}`);
    if (process.env.TALKOOT_SWEEP_VERBOSE) for (const f of found) console.log(`         ${f}`);
  };

  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  const phone = await openScreen(browser, PHONE, 'phone', errors);
  const other = await openScreen(browser, PHONE, 'second phone', errors);
  const pc = await openScreen(browser, VENUE_PC, 'the venue PC', errors);
  let board = null;

  await step('the landing page, with and without a join error; the create form, with and without errors', async () => {
    await phone.goto(`${BASE}/`);
    await keepEnglish(phone);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await check(phone, 'landing page', null);
    await phone.getByLabel('Join code').fill('1234 5678');
    await phone.getByRole('button', { name: 'Join', exact: true }).tap();
    await phone.getByText('No workshop has this code', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(phone, 'landing page with an unknown code', null);
    await phone.getByLabel('Join code').fill('12');
    await phone.getByRole('button', { name: 'Join', exact: true }).tap();
    await phone.getByText('The code has 8 digits', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(phone, 'landing page with a malformed code', null);

    await facilitator.goto(`${BASE}/#/new`);
    await keepEnglish(facilitator);
    await facilitator.getByLabel('Workshop title').waitFor();
    await check(facilitator, 'create form', null);
    await facilitator.getByLabel('Workshop title').fill('');
    await facilitator.getByRole('button', { name: 'Create the workshop' }).click();
    await facilitator.getByText('Give the workshop a title.', { exact: false }).first().waitFor();
    await check(facilitator, 'create form with errors', null);
  });

  await step('the board is made; an unknown board; the facilitator and the projector before any phase', async () => {
    const response = await fetch(`${BASE}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    assert(response.status === 201, `creating the board answered ${response.status}`);
    board = await response.json();
    await facilitator.goto(`${BASE}/#/b/0190f3a2-7b1c-7c3d-8e4f-0123456789ab`);
    await facilitator.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Opening' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(facilitator, 'unknown board', null);
    await facilitator.goto(`${BASE}/#/b/${board.board_id}/f/${encodeURIComponent(board.facilitator_key)}`);
    await expectBoardLive(facilitator, TITLE, 'the facilitator');
    await check(facilitator, 'facilitator board, no phase');
    await pc.goto(`${BASE}/#/b/${board.board_id}/p/${encodeURIComponent(board.projector_key)}`);
    await pc.getByText(board.join_code.slice(0, 4), { exact: false }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(pc, 'projector, no phase');
  });

  await step('two phones join with their names: the join form, the group picker, the board before any phase', async () => {
    await fillJoinForm(phone, { code: board.join_code, name: 'Sanna' });
    await check(phone, 'join form with a code', null);
    await phone.getByRole('button', { name: 'Join', exact: true }).tap();
    await expectBoardLive(phone, TITLE, 'the phone');
    await groupPicker(phone).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(phone, 'participant board, group picker');
    await pickGroup(phone, SOCIAL);
    await check(phone, 'participant board, no phase');
    await fillJoinForm(other, { code: board.join_code, name: 'Heikki' });
    await keepEnglish(other);
    await other.getByRole('button', { name: 'Join', exact: true }).tap();
    await expectBoardLive(other, TITLE, 'the second phone');
    await pickGroup(other, HEALTH);
  });

  const start = async (n) => {
    const title = request.phases[n].title;
    await facilitator.getByRole('button', { name: new RegExp(`^${n + 1}\\. `) }).click();
    const dialog = facilitator.getByRole('dialog');
    if (await dialog.isVisible().catch(() => false)) {
      await check(facilitator, 'facilitator, the reveal dialog');
      await dialog.getByRole('button', { name: 'Reveal notes' }).click();
    }
    await phone.getByText(title, { exact: true }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await pc.getByText(title, { exact: true }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
  };
  const everyScreen = async (what) => {
    await check(phone, `participant board, ${what}`);
    await check(facilitator, `facilitator board, ${what}`);
    await check(pc, `projector, ${what}`);
  };

  await step('phase 1, the case: every screen', async () => {
    await start(0);
    await everyScreen('the case phase');
  });

  await step('phase 2, private writing: own notes, hidden counts, an over-long draft', async () => {
    await start(1);
    await postNote(phone, SOCIAL, NOTE);
    await postNote(other, HEALTH, OTHER);
    await noteIn(facilitator, HEALTH, OTHER).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await section(phone, SOCIAL).getByRole('textbox', { name: /New note/ }).fill('x'.repeat(1001));
    await everyScreen('private writing');
    await section(phone, SOCIAL).getByRole('textbox', { name: /New note/ }).fill('');
  });

  await step('phase 3, discussion after the reveal: comments open, a note’s options open', async () => {
    await start(2);
    await noteIn(phone, HEALTH, OTHER).waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(async () => {
      // The other groups are folded on a phone: open the one to read.
      await section(phone, HEALTH).getByRole('heading', { level: 2 }).getByRole('button').tap();
    });
    const card = noteIn(phone, SOCIAL, NOTE);
    await card.getByRole('button', { name: /^Comments \(\d+\)$/ }).tap();
    await card.getByRole('textbox', { name: 'Write a comment' }).fill(COMMENT);
    await card.getByRole('button', { name: 'Comment', exact: true }).tap();
    await card.getByText(COMMENT, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const own = noteIn(facilitator, SOCIAL, NOTE);
    await own.getByRole('button', { name: 'More' }).click();
    await own.getByRole('combobox').first().waitFor();
    await everyScreen('discussion');
    await own.getByRole('button', { name: 'More' }).click();
  });

  await step('phase 4, voting: a vote cast', async () => {
    await start(3);
    await noteIn(phone, SOCIAL, NOTE).getByRole('button', { name: /^Vote: / }).tap();
    await phone.getByText(/votes? left/).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await everyScreen('voting');
  });

  await step('phase 5, tasks forward: a task from the top note, volunteering, feedback', async () => {
    await start(4);
    const card = noteIn(facilitator, SOCIAL, NOTE);
    await card.getByRole('button', { name: 'Make a task' }).click();
    await card.getByLabel(/^Due date/).fill('2027-03-31');
    await check(facilitator, 'facilitator making a task from a note');
    await card.getByRole('button', { name: 'Add task' }).click();
    const tasks = (page) => page.getByRole('region', { name: 'Follow-up tasks', exact: true });
    await tasks(facilitator).getByLabel('Participants may volunteer as owners').click();
    await tasks(phone).getByRole('button', { name: 'I’ll take this' }).tap();
    await tasks(phone).getByLabel('Your name or organisation').fill(TASK_OWNER);
    await check(phone, 'participant board, volunteering for a task');
    await tasks(phone).getByLabel('Your name or organisation').press('Enter');
    await tasks(facilitator).getByText(`Owner: ${TASK_OWNER}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await facilitator.getByRole('button', { name: 'Feedback', exact: true }).click();
    await facilitator.getByLabel('Feedback open').click(); // an op: checked once it is applied
    const form = phone.getByRole('region', { name: 'Feedback on the workshop' });
    await form.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await everyScreen('tasks forward with feedback open');
    await form.getByRole('radio', { name: '4 – very good' }).tap();
    await form.getByRole('button', { name: 'Send feedback' }).tap();
    await form.getByText(/Thank/).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(phone, 'participant board, feedback sent');
    await facilitator.getByRole('button', { name: 'Refresh results' }).click();
    await facilitator.getByRole('table', { name: 'Answers by rating' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(facilitator, 'facilitator board, feedback results');
  });

  await step('the facilitator: a running timer, approve-first with a waiting note, every panel open', async () => {
    await facilitator.getByLabel('Minutes', { exact: true }).fill('5');
    await facilitator.getByRole('button', { name: 'Start timer' }).click();
    await pc.getByText(/0[45]:\d\d/).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(pc, 'projector with a running timer');
    await check(phone, 'participant board with a running timer');
    await facilitator.getByRole('button', { name: /^Awaiting approval \(\d+\)$/ }).click();
    await facilitator.getByRole('checkbox', { name: 'Approve notes first' }).click();
    await postNote(phone, SOCIAL, LATE);
    await facilitator.getByRole('button', { name: /^Awaiting approval \(1\)$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(phone, 'participant board with a note waiting for approval');
    // Every disclosure the facilitator has, opened at once.
    for (;;) {
      const closed = facilitator.locator('main button[aria-expanded="false"]:visible');
      if ((await closed.count()) === 0) break;
      await closed.first().click();
    }
    await check(facilitator, 'facilitator board with every panel, menu and queue open');
  });

  await step('the delete dialogs', async () => {
    await facilitator.getByRole('button', { name: `Edit section: ${HEALTH}` }).click().catch(() => {});
    await facilitator.getByRole('button', { name: 'Delete section' }).first().click();
    await facilitator.getByRole('dialog').waitFor();
    await check(facilitator, 'facilitator, the delete-section dialog');
    await facilitator.keyboard.press('Escape');
    await eventually('the dialog closes', async () => !(await facilitator.getByRole('dialog').isVisible()));
  });

  await step('the printable QR sheet and the kooste’s printable page', async () => {
    const sheet = await openScreen(browser, DESKTOP, 'the QR sheet', errors);
    await sheet.goto(`${BASE}/#/b/${board.board_id}/f/${encodeURIComponent(board.facilitator_key)}`);
    await sheet.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await keepEnglish(sheet);
    await expectLive(sheet, 'the QR sheet’s screen');
    await sheet.goto(`${BASE}/#/b/${board.board_id}/qr`);
    await sheet.getByRole('button', { name: 'Print' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(sheet, 'printable QR sheet');
    const html = await fetch(`${BASE}/api/boards/${board.board_id}/export?format=html`, { headers: { authorization: `Bearer ${board.facilitator_key}` } });
    assert(html.status === 200, `the printable kooste answered ${html.status}`);
    // A page of its own, as the saved file opens: written into the app's page, the app's CSP
    // would refuse the kooste's own styles.
    const printable = await sheet.context().newPage();
    await printable.setContent(await html.text());
    await check(printable, 'kooste, printable page');
    await sheet.context().close();
  });

  await step('a phone offline with a note waiting, then back with the note refused', async () => {
    await facilitator.getByRole('checkbox', { name: 'Approve notes first' }).click();
    await phone.context().setOffline(true);
    await phone.getByText('Offline', { exact: true }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await postNote(phone, SOCIAL, `${LATE} 2`);
    await check(phone, 'participant board offline with a note waiting');
    await facilitator.getByRole('button', { name: 'Lock the board' }).click();
    await phone.context().setOffline(false);
    await expectLive(phone, 'the phone');
    await phone.getByText('Your note was not posted', { exact: false }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await check(phone, 'participant board with a refused note');
  });

  await step('every view passes every check at every size', async () => {
    assert(findings.length === 0, `${findings.length} finding(s):\n       ${findings.join('\n       ')}`);
  });
}

runStory(
  { name: 'accessibility sweep', run: 'cargo test -p talkoot-tests --test browser_accessibility_sweep' },
  tell,
);
