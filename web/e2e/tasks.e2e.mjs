// Follow-up tasks, in real browsers against a running talkoot server (its address in
// TALKOOT_URL). A facilitator on a laptop, a participant on a 375×667 phone, and the venue PC
// showing the projector link:
//
//   1. Anna posts a note from her phone;
//   2. the facilitator makes a task from it on the note's card: the title comes from the note,
//      a due date is picked, and the task in the list says which note it came from;
//   3. the phone and the projector list the task, with no owner yet and the date as English
//      writes it, and neither offers to change it; the phone offers no "I'll take this" while
//      volunteering is closed;
//   4. the facilitator opens the tasks for volunteers; Anna, by keyboard only, takes the task
//      as "Kolomonen ry"; every screen shows the owner, the offer is gone and focus stays on
//      the task;
//   5. the projector shows the owner in text at 7:1 contrast; the facilitator marks the task
//      done and the projector follows;
//   6. the facilitator deletes the task after confirming; it leaves every screen.
//
// Every new state is checked with axe (WCAG 2.1 A/AA).
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/tasks.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectNoAxeViolations, noteIn, postNote } from './board-page.mjs';
import { pickGroup } from './group-view.mjs';
import { joinFromPhone } from './join-page.mjs';
import { focused, tabTo } from './keyboard.mjs';
import { createBoard, openAsFacilitator } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, PHONE, VENUE_PC, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';
import { lowContrastTexts } from './text-contrast.mjs';

const TITLE = 'Kotihoidon kehittäminen';
const T1 = 'Pöytä 1';
const NOTE = 'Yöpartio puuttuu syrjäkylistä\nja se pitäisi selvittää';
const TASK = 'Yöpartio puuttuu syrjäkylistä';
const OWNER = 'Kolomonen ry';

const tasks = (page) => page.getByRole('region', { name: 'Follow-up tasks', exact: true });
const taskItem = (page) => tasks(page).getByRole('listitem', { name: TASK });
const projectorTasks = (page) => page.getByRole('region', { name: 'Follow-up tasks', exact: true });

await runStory({ name: 'tasks', run: 'cargo test -p talkoot-tests --test browser_tasks' }, async (story, browser, errors) => {
  const step = (name, fn) => story.step(name, fn);
  const board = await createBoard({ title: TITLE, sections: [T1] });
  const facilitator = await openScreen(browser, DESKTOP, 'the facilitator', errors);
  const anna = await openScreen(browser, PHONE, 'Anna', errors);
  const pc = await openScreen(browser, VENUE_PC, 'the venue PC', errors);

  await step('Anna posts a note; the phone and the projector show no task list yet', async () => {
    await openAsFacilitator(facilitator, board);
    await joinFromPhone(anna, TITLE, 'Anna', { code: board.join_code, name: 'Anna' });
    await pickGroup(anna, T1);
    await postNote(anna, T1, NOTE);
    await noteIn(facilitator, T1, NOTE).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await pc.goto(`${BASE}/#/b/${board.board_id}/p/${encodeURIComponent(board.projector_key)}`);
    await pc.getByText(TASK, { exact: false }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const [page, who] of [
      [anna, 'Anna'],
      [pc, 'the venue PC'],
    ]) {
      assert((await tasks(page).count()) === 0, `${who} shows a task list with no tasks`);
    }
    await tasks(facilitator).getByText('No tasks yet.').waitFor();
  });

  await step('the facilitator makes a task from the note: title from its first line, a due date, the link shown (axe-clean)', async () => {
    const card = noteIn(facilitator, T1, NOTE);
    await card.getByRole('button', { name: 'Make a task' }).click();
    const title = card.getByLabel('Task', { exact: true });
    await eventually('the task title is focused and prefilled', async () => (await focused(facilitator)).tag === 'INPUT' && (await title.inputValue()) === TASK);
    await card.getByLabel(/^Due date/).fill('2027-03-31');
    await expectNoAxeViolations(facilitator, 'facilitator making a task from a note');
    await card.getByRole('button', { name: 'Add task' }).click();
    await card.getByText('Task added to the follow-up tasks.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('focus is back on "Make a task"', async () => (await focused(facilitator)).text === 'Make a task');
    const item = taskItem(facilitator);
    await item.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const text = (await item.innerText()).replace(/\s+/g, ' ');
    for (const part of ['Open', 'No owner yet', 'Due 31 Mar 2027', `From note: ${NOTE.replace('\n', ' ')}`]) {
      assert(text.includes(part), `the facilitator's task should show "${part}": ${JSON.stringify(text)}`);
    }
    await expectNoAxeViolations(facilitator, 'facilitator with a task from a note');
  });

  await step('the phone and the projector list the task read-only; no volunteering while it is closed (axe-clean)', async () => {
    const item = taskItem(anna);
    await item.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const text = (await item.innerText()).replace(/\s+/g, ' ');
    for (const part of ['Open', 'No owner yet', 'Due 31 Mar 2027']) assert(text.includes(part), `Anna's task should show "${part}": ${JSON.stringify(text)}`);
    assert((await item.getByRole('button').count()) === 0, 'Anna gets buttons on a task while volunteering is closed');
    await projectorTasks(pc).getByText(TASK, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    assert((await projectorTasks(pc).getByRole('button').count()) === 0, 'the projector gets buttons on tasks');
    await expectNoAxeViolations(anna, 'phone with a task');
    await expectNoAxeViolations(pc, 'projector with a task');
  });

  await step('the facilitator opens volunteering; Anna takes the task by keyboard as Kolomonen ry, and every screen shows it (axe-clean)', async () => {
    await tasks(facilitator).getByLabel('Participants may volunteer as owners').check();
    const take = taskItem(anna).getByRole('button', { name: 'I’ll take this' });
    await take.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await tabTo(anna, (at) => at.text === 'I’ll take this', 'the "I’ll take this" button', { within: 120 });
    await anna.keyboard.press('Enter');
    const field = taskItem(anna).getByLabel('Your name or organisation');
    await eventually('the owner field is focused', async () => (await focused(anna)).tag === 'INPUT');
    assert((await field.inputValue()) === 'Anna', 'the field should start with Anna’s name');
    await expectNoAxeViolations(anna, 'phone volunteering for a task');
    await field.fill('');
    await anna.keyboard.type(OWNER);
    await anna.keyboard.press('Enter');
    for (const [page, who] of [
      [anna, 'Anna'],
      [facilitator, 'the facilitator'],
    ]) {
      await taskItem(page).getByText(`Owner: ${OWNER}`).waitFor({ timeout: LIVE_TIMEOUT_MS }).catch(() => {
        throw new Error(`${who} should show the task's owner`);
      });
    }
    await eventually('focus stays on the task, its title', async () => {
      const at = await focused(anna);
      return at.tag === 'H3' && at.text === TASK;
    });
    assert((await taskItem(anna).getByRole('button').count()) === 0, 'Anna is still offered the taken task');
    await expectNoAxeViolations(anna, 'phone after volunteering');
  });

  await step('the projector shows the owner at 7:1; the facilitator marks the task done and the projector follows (axe-clean)', async () => {
    await projectorTasks(pc).getByText(`Owner: ${OWNER}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const { checked, low } = await lowContrastTexts(pc, { min: 7, within: '#projector-tasks-heading + ul' });
    assert(checked.length >= 3, `the contrast check should have seen the task's texts: ${checked.join(', ')}`);
    assert(low.length === 0, `projector task texts below 7:1:\n       ${low.join('\n       ')}`);
    await taskItem(facilitator).getByLabel('Status').selectOption({ label: 'Done' });
    await taskItem(facilitator).getByRole('button', { name: 'Change status' }).click();
    await projectorTasks(pc).getByText('Done', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await taskItem(anna).getByText('Done', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectNoAxeViolations(pc, 'projector with a done task');
  });

  await step('the facilitator deletes the task after confirming; it leaves every screen', async () => {
    await taskItem(facilitator).getByRole('button', { name: 'Delete task' }).click();
    const dialog = facilitator.getByRole('dialog');
    await dialog.getByText(`Delete the task “${TASK}”?`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await tasks(facilitator).getByText('No tasks yet.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('focus is on the task list’s heading', async () => {
      const at = await focused(facilitator);
      return at.tag === 'H2' && at.text === 'Follow-up tasks';
    });
    await eventually('the task is gone from the phone and the projector', async () => (await tasks(anna).count()) === 0 && (await projectorTasks(pc).count()) === 0);
    await noteIn(facilitator, T1, NOTE).waitFor();
  });
});
