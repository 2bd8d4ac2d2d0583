// What a facilitator does with the board's controls: runs the phases, reveals private notes,
// shows the projector link, and makes and revokes a link for another facilitator.

import { tabTo } from './keyboard.mjs';
import { LIVE_TIMEOUT_MS, assert, eventually } from './story.mjs';

/** Starts the phase titled `title` with Tab and Enter alone, from the top of the page. */
export async function startPhaseByKeyboard(facilitator, title) {
  await facilitator.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await tabTo(facilitator, `Start: ${title}`, `the "Start: ${title}" button`);
  await facilitator.keyboard.press('Enter');
}

/** Reveals the private notes and moves on to the phase titled `next`, confirming when asked. */
export async function revealAndMoveTo(facilitator, next) {
  await facilitator.getByRole('button', { name: `Reveal notes and move to “${next}”` }).click();
  await facilitator.getByRole('dialog').getByRole('button', { name: 'Reveal notes' }).click();
}

/** Opens the Projector link panel and reads the link (`…#/b/<board>/p/<projector key>`). */
export async function readProjectorLink(facilitator, board) {
  await facilitator.getByRole('button', { name: 'Projector link', exact: true }).click();
  const link = await facilitator.locator('#projector-link-panel').getByLabel('Projector link', { exact: true }).inputValue();
  assert(new RegExp(`#/b/${board}/p/v_[0-9a-f]{64}$`).test(link), `unexpected projector link: ${link}`);
  return link;
}

/** The Facilitators panel, where the board's facilitator links are made and revoked. */
export const facilitatorsPanel = (facilitator) => facilitator.locator('#facilitator-keys-panel');

/** Makes a facilitator link named `name` in the Facilitators panel (opening it) and reads the link once. */
export async function makeFacilitatorLink(facilitator, board, name) {
  const panel = facilitatorsPanel(facilitator);
  if (!(await panel.getByLabel('Name of the new facilitator').isVisible())) {
    await facilitator.getByRole('button', { name: 'Facilitators', exact: true }).click();
  }
  await panel.getByLabel('Name of the new facilitator').fill(name);
  await panel.getByRole('button', { name: 'Make a facilitator link' }).click();
  await panel.getByRole('heading', { name: `Facilitator link for “${name}”` }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  const link = await panel.getByLabel('Facilitator link', { exact: true }).inputValue();
  assert(new RegExp(`#/b/${board}/f/f_[0-9a-f]{64}$`).test(link), `unexpected facilitator link: ${link}`);
  return link;
}

/** Closes the panel's once-shown new link. */
export async function doneWithNewLink(facilitator) {
  const panel = facilitatorsPanel(facilitator);
  await panel.getByRole('button', { name: 'Done' }).click();
  assert((await panel.getByLabel('Facilitator link', { exact: true }).count()) === 0, 'the link is shown only once');
}

/** Revokes the facilitator link named `name`, confirming when asked; the panel says so. */
export async function revokeFacilitatorLink(facilitator, name) {
  const panel = facilitatorsPanel(facilitator);
  await panel.getByRole('button', { name: `Revoke the link of ${name}` }).click();
  await facilitator.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
  await panel.getByText(`The link of “${name}” was revoked.`, { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await eventually(`${name} is gone from the list`, async () => (await panel.getByText(name, { exact: true }).count()) === 0);
}

/** A screen whose link was revoked: the board cannot be opened, and the page says why. */
export async function expectRevokedLinkPage(page) {
  await page.getByRole('heading', { level: 1, name: 'The board cannot be opened' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await page.getByText('A facilitator has revoked this link.', { exact: false }).waitFor();
}
