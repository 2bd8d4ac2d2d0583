// A board's keys in real browsers against a running talkoot server (its address in TALKOOT_URL):
// the facilitator makes a named link for a backup facilitator, who opens the board with it; the
// facilitator revokes it and the backup's open board says so at once. The facilitator opens the
// projector link on a "venue PC", then makes a new one, and the old projector screen stops.
// Every state of the panels passes axe, and the panel is used with the keyboard alone.
//
//   TALKOOT_URL=http://127.0.0.1:8080 node e2e/keys.e2e.mjs
//
// Exits 0 only when every step passed; prints which step failed and why otherwise.

import { expectBoardLive, expectNoAxeViolations } from './board-page.mjs';
import { storedSecrets } from './device.mjs';
import { expectRevokedLinkPage, facilitatorsPanel, readProjectorLink } from './facilitator-controls.mjs';
import { focused } from './keyboard.mjs';
import { createBoardInApp } from './new-board.mjs';
import { runStory } from './run-story.mjs';
import { DESKTOP, openScreen } from './screens.mjs';
import { BASE } from './server-address.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

const TITLE = 'Backup facilitators 2026';

async function tell(story, browser, errors) {
  const step = (name, fn) => story.step(name, fn);
  const facilitator = await openScreen(browser, DESKTOP, 'facilitator', errors);
  await facilitator.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  let board = '';
  let backupLink = '';
  let projectorLink = '';

  await step('the facilitator creates a board; the browser keeps its projector key', async () => {
    board = (await createBoardInApp(facilitator, { title: TITLE, sections: ['Group 1', 'Group 2'] })).board_id;
    const secrets = await storedSecrets(facilitator, board);
    assert(secrets.projector?.startsWith('v_'), 'the projector key from the create answer should be kept');
  });

  const panel = facilitatorsPanel(facilitator);

  await step('the Facilitators panel lists the creator as "you" and passes axe', async () => {
    await facilitator.getByRole('button', { name: 'Facilitators', exact: true }).click();
    await panel.getByText('Creator of the workshop', { exact: true }).waitFor();
    await panel.getByText('(you)', { exact: true }).waitFor();
    assert((await panel.getByRole('button', { name: /^Revoke/ }).count()) === 0, 'your own key must offer no Revoke');
    await expectNoAxeViolations(facilitator, 'facilitator board with the Facilitators panel open');
  });

  await step('a blank name is refused before anything is sent (axe-clean with the error)', async () => {
    await panel.getByRole('button', { name: 'Make a facilitator link' }).click();
    await panel.getByText('Give the facilitator a name.', { exact: true }).waitFor();
    const on = (await focused(facilitator)).id;
    assert(on === 'new-facilitator-name', `focus should go to the name field, is on #${on}`);
    await expectNoAxeViolations(facilitator, 'Facilitators panel with a name error');
  });

  await step('keyboard only: type a name, press Enter, and the new link is shown once with Copy', async () => {
    await facilitator.keyboard.type('Backup facilitator');
    await facilitator.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'Facilitator link for “Backup facilitator”' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const field = panel.getByLabel('Facilitator link', { exact: true });
    backupLink = await field.inputValue();
    assert(new RegExp(`#/b/${board}/f/f_[0-9a-f]{64}$`).test(backupLink), `unexpected facilitator link: ${backupLink}`);
    assert(await field.evaluate((el) => el === document.activeElement), 'the new link should take focus');
    await facilitator.keyboard.press('Tab');
    assert((await focused(facilitator)).text === 'Copy', 'Tab from the link should reach its Copy button');
    await facilitator.keyboard.press('Enter');
    await facilitator.getByText('Link copied.', { exact: true }).waitFor();
    const copied = await facilitator.evaluate(() => navigator.clipboard.readText());
    assert(copied === backupLink, 'Copy should put the link on the clipboard');
    await panel.getByText('Backup facilitator', { exact: true }).waitFor();
    await expectNoAxeViolations(facilitator, 'Facilitators panel showing a new link');
    await panel.getByRole('button', { name: 'Done' }).click();
    assert((await panel.getByLabel('Facilitator link', { exact: true }).count()) === 0, 'the link is shown only once');
  });

  const backup = await openScreen(browser, DESKTOP, 'backup', errors);

  await step('the backup opens the board with their link, as a facilitator', async () => {
    await backup.goto(backupLink);
    await expectBoardLive(backup, TITLE, 'the backup');
    await backup.getByRole('button', { name: 'Edit workshop details' }).waitFor();
    assert(!backup.url().includes('/f/'), 'the key must leave the address bar');
  });

  await step('keyboard only: the facilitator revokes the backup, and the backup’s open board says so', async () => {
    const revoke = panel.getByRole('button', { name: 'Revoke the link of Backup facilitator' });
    await revoke.focus();
    await facilitator.keyboard.press('Enter');
    const dialog = facilitator.getByRole('dialog');
    await dialog.getByText('Revoke the facilitator link of “Backup facilitator”?', { exact: false }).waitFor();
    await expectNoAxeViolations(facilitator, 'revoke confirmation');
    // The dialog starts on Cancel, the safe choice.
    assert((await focused(facilitator)).text === 'Cancel', 'the dialog should start on Cancel');
    await facilitator.keyboard.press('Tab');
    await facilitator.keyboard.press('Enter');
    await panel.getByText('The link of “Backup facilitator” was revoked.', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await eventually('the backup is gone from the list', async () => (await panel.getByText('Backup facilitator', { exact: true }).count()) === 0);
    const on = (await focused(facilitator)).tag;
    assert(on === 'H2', `focus should return to the panel's heading, is on ${on}`);
    await expectRevokedLinkPage(backup);
    await expectNoAxeViolations(backup, 'revoked-link page');
    const secrets = await storedSecrets(backup, board);
    assert(secrets.facilitator === null, 'the revoked key should be forgotten');
  });

  const projectorPanel = facilitator.locator('#projector-link-panel');
  const pc = await openScreen(browser, DESKTOP, 'venue PC', errors);

  await step('the projector link opens the board read-only on the venue PC, with no facilitator key', async () => {
    projectorLink = await readProjectorLink(facilitator, board);
    await expectNoAxeViolations(facilitator, 'facilitator board with the projector link shown');
    await pc.goto(projectorLink);
    await expectBoardLive(pc, TITLE, 'the venue PC');
    assert(new URL(pc.url()).hash === `#/b/${board}/projector`, `the PC should show #/b/<board>/projector, shows ${pc.url()}`);
    assert((await pc.getByRole('button', { name: 'Edit workshop details' }).count()) === 0, 'the projector must get no facilitator tools');
    assert((await pc.getByRole('textbox').count()) === 0, 'the projector must get no composer');
    const secrets = await storedSecrets(pc, board);
    assert(secrets.facilitator === null && secrets.projector?.startsWith('v_'), `the PC should hold only the projector key: ${JSON.stringify(secrets)}`);
    await expectNoAxeViolations(pc, 'board opened with the projector link');
  });

  await step('a new projector link replaces the old one: the old screen stops, the new link works', async () => {
    await projectorPanel.getByRole('button', { name: 'Make a new projector link' }).click();
    const dialog = facilitator.getByRole('dialog');
    await dialog.getByText('Make a new projector link?', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Make a new link' }).click();
    await projectorPanel.getByText('A new projector link was made.', { exact: false }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const fresh = await projectorPanel.getByLabel('Projector link', { exact: true }).inputValue();
    assert(fresh !== projectorLink && /\/p\/v_/.test(fresh), `the link should change: ${fresh}`);
    await expectNoAxeViolations(facilitator, 'projector link panel after a new link');
    await expectRevokedLinkPage(pc);
    await pc.goto(fresh);
    await expectBoardLive(pc, TITLE, 'the venue PC with the new link');
  });
}

await runStory({ name: 'keys', run: 'cargo test -p talkoot-tests --test browser_keys' }, tell);
