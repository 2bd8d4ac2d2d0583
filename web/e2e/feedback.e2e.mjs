// The feedback form in real browsers against a running talkoot server (its address in
// TALKOOT_URL). A facilitator on a laptop, two participants on 375×667 phones, and the venue PC:
//
//   1. while feedback is closed, no screen offers the form;
//   2. the facilitator opens feedback with the keyboard; both phones (and the facilitator's own
//      screen) offer the form at once, and the projector says feedback is open but has no form;
//   3. Bertil sends without a rating and is told beside the radio group, focus on it; then he
//      taps a rating and writes a comment;
//   4. Anna answers with the keyboard alone (arrow keys in the radio group, Tab, Enter);
//   5. Anna reloads: her answer is back in the form, and she changes it;
//   6. the facilitator refreshes the results: two answers, the average, a row per rating with
//      its number, and both texts, Anna's changed one and not her first, and no names;
//   7. the facilitator closes feedback: the form leaves every screen.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/feedback.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations } from './board-page.mjs';
import { joinFromPhone } from './join-page.mjs';
import { focused } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Palautepaja';
const FIRST = 'Good pace, clear material';
const CHANGED = 'Excellent after all: the group work was the best part';
const BERTIL = 'Too short a break';

const form = (page) => page.getByRole('region', { name: 'Feedback on the workshop' });
const status = (page) => form(page).getByRole('status');
const THANKS = 'Thank you for your feedback! You can change your answer until feedback closes.';

await runStory({ name: 'feedback', run: 'cargo test -p talkoot-tests --test browser_feedback' }, async (story, browser, errors) => {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, sections: ['Table 1'] });
  const facilitator = await openScreen(browser, DESKTOP, 'the facilitator', errors);
  const anna = await openScreen(browser, PHONE, 'Anna', errors);
  const bertil = await openScreen(browser, PHONE, 'Bertil', errors);
  const pc = await openScreen(browser, VENUE_PC, 'the venue PC', errors);
  const panel = facilitator.locator('#feedback-panel');

  await step('while feedback is closed, no screen offers the form', async () => {
    await openAsFacilitator(facilitator, board);
    await joinFromPhone(anna, TITLE, 'Anna', { code: board.join_code, name: 'Anna' });
    await joinFromPhone(bertil, TITLE, 'Bertil', { code: board.join_code, name: 'Bertil' });
    await pc.goto(`${BASE}/#/b/${board.board_id}/p/${encodeURIComponent(board.projector_key)}`);
    await pc.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [page, who] of [[facilitator, 'the facilitator'], [anna, 'Anna'], [bertil, 'Bertil']]) {
      assert((await form(page).count()) === 0, `${who} is offered the form while feedback is closed`);
    }
    assert((await pc.getByText('Feedback is open', { exact: false }).count()) === 0, 'the projector says feedback is open');
  });

  await step('the facilitator opens feedback by keyboard; the phones offer the form at once, the projector only says so (axe-clean)', async () => {
    await facilitator.getByRole('button', { name: 'Feedback', exact: true }).click();
    await panel.getByText('No answers yet.', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await panel.getByLabel('Feedback open').focus();
    await facilitator.keyboard.press('Space');
    for (const [page, who] of [[anna, 'Anna'], [bertil, 'Bertil'], [facilitator, 'the facilitator']]) {
      await form(page).waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should be offered the feedback form`);
      });
    }
    await pc.getByText('Feedback is open: give yours on your phone or computer.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await pc.getByRole('radio').count()) === 0, 'the projector must get no feedback form');
    await expectNoAxeViolations(facilitator, 'facilitator board with feedback open and the results panel');
    await expectNoAxeViolations(anna, 'phone offering the feedback form');
    await expectNoAxeViolations(pc, 'projector with feedback open');
  });

  await step('Bertil sends without a rating: told beside the radio group, focus on it (axe-clean); then he answers', async () => {
    await form(bertil).getByRole('button', { name: 'Send feedback' }).tap();
    await form(bertil).getByText('Choose a rating from 1 to 5.', { exact: true }).waitFor();
    const on = (await focused(bertil)).id;
    assert(on === 'feedback-rating-1', `focus should go to the first rating, is on #${on}`);
    await expectNoAxeViolations(bertil, 'feedback form with a missing rating');
    await form(bertil).getByRole('radio', { name: '2 – fair' }).tap();
    await form(bertil).getByLabel('Comments').fill(BERTIL);
    await form(bertil).getByText(`${BERTIL.length} / 2000 characters`, { exact: true }).waitFor();
    await form(bertil).getByRole('button', { name: 'Send feedback' }).tap();
    await status(bertil).getByText(THANKS).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });

  await step('Anna answers with the keyboard alone: arrows in the radio group, Tab to the text, Enter', async () => {
    await form(anna).getByRole('radio', { name: '1 – poor' }).focus();
    for (let i = 0; i < 3; i++) await anna.keyboard.press('ArrowRight');
    assert(await form(anna).getByRole('radio', { name: '4 – very good' }).isChecked(), 'three arrows from 1 should choose 4');
    await anna.keyboard.press('Tab');
    assert((await focused(anna)).id === 'feedback-text', 'Tab from the ratings should reach the comment');
    await anna.keyboard.type(FIRST);
    await anna.keyboard.press('Tab');
    assert((await focused(anna)).text === 'Send feedback', `Tab from the comment should reach Send, is on ${JSON.stringify(await focused(anna))}`);
    await anna.keyboard.press('Enter');
    await status(anna).getByText(THANKS).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await form(anna).getByRole('button', { name: 'Change my answer' }).first().waitFor();
    await expectNoAxeViolations(anna, 'feedback form after answering');
  });

  await step('Anna reloads: her answer is back in the form, and she changes it', async () => {
    await anna.reload();
    await status(anna).getByText(THANKS).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('Anna’s earlier answer fills the form', async () =>
      (await form(anna).getByRole('radio', { name: '4 – very good' }).isChecked()) &&
      (await form(anna).getByLabel('Comments').inputValue()) === FIRST,
    );
    await form(anna).getByRole('radio', { name: '5 – excellent' }).tap();
    await form(anna).getByLabel('Comments').fill(CHANGED);
    await form(anna).locator('button[type="submit"]').tap();
    await eventually('the changed answer is stored', async () => {
      const res = await fetch(`${BASE}/api/boards/${board.board_id}/feedback`, {
        headers: { authorization: `Bearer ${board.facilitator_key}` },
      });
      const summary = await res.json();
      return summary.texts.includes(CHANGED);
    });
  });

  await step('the facilitator refreshes: two answers, the average, every rating’s number in a table, both texts and no names (axe-clean)', async () => {
    await panel.getByRole('button', { name: 'Refresh results' }).click();
    await panel.getByText('Results updated: 2 answers.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await panel.getByText('Answers: 2', { exact: true }).waitFor();
    await panel.getByText('Average: 3.5 / 5', { exact: true }).waitFor();
    const table = panel.getByRole('table', { name: 'Answers by rating' });
    const rows = await table.getByRole('row').allInnerTexts();
    const counts = rows.slice(1).map((r) => r.replace(/\s+/g, ' ').trim());
    assert(
      JSON.stringify(counts) === JSON.stringify(['1 – poor 0', '2 – fair 1', '3 – good 0', '4 – very good 0', '5 – excellent 1']),
      `the table should give every rating's number: ${JSON.stringify(counts)}`,
    );
    const texts = await panel.getByRole('list').last().getByRole('listitem').allInnerTexts();
    assert(JSON.stringify(texts) === JSON.stringify([CHANGED, BERTIL].sort()), `the texts should be both answers', sorted: ${JSON.stringify(texts)}`);
    const all = await panel.innerText();
    assert(!all.includes(FIRST), 'Anna’s first text is still in the results');
    for (const name of ['Anna', 'Bertil']) assert(!all.includes(name), `the results name ${name}`);
    await expectNoAxeViolations(facilitator, 'facilitator with feedback results');
  });

  await step('the facilitator closes feedback: the form leaves every screen', async () => {
    await panel.getByLabel('Feedback open').uncheck();
    for (const [page, who] of [[anna, 'Anna'], [bertil, 'Bertil'], [facilitator, 'the facilitator']]) {
      await eventually(`${who}'s form is gone`, async () => (await form(page).count()) === 0);
    }
    await eventually('the projector no longer says feedback is open', async () =>
      (await pc.getByText('Feedback is open', { exact: false }).count()) === 0,
    );
    // The answers stay.
    await panel.getByRole('button', { name: 'Refresh results' }).click();
    await panel.getByText('Answers: 2', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  });
});
