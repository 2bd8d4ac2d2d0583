// Runs a story in headless Chromium: checks that it has what it needs from the environment,
// launches the browser, tells the story, ends with the step every story ends with (no script
// errors, stray dialogs or CSP refusals on any screen), and exits 0 only when every step passed.

import { launchChromium } from './chromium.mjs';
import { driver } from './driver.mjs';
import { Story, StoryStopped, assert } from './story.mjs';

/** With TALKOOT_E2E_SCREENSHOTS set to a directory, a failed story leaves a picture of each page there. */
async function screenshotEveryPage(browser) {
  const dir = process.env.TALKOOT_E2E_SCREENSHOTS;
  if (!dir) return;
  const pages = browser.contexts().flatMap((context) => context.pages());
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: `${dir}/page-${i + 1}.png`, fullPage: true }).catch(() => {});
  }
}

/**
 * Tells `tell(story, browser, errors, askDriver)`. `name` titles the output; `needs` are the
 * environment variables the story cannot run without, `run` says how to run it when one is
 * missing; `driven` stories ask the Rust driver on stdin to do things to the server.
 */
export async function runStory({ name, needs = ['TALKOOT_URL'], run, driven = false }, tell) {
  const missing = needs.filter((variable) => !process.env[variable]);
  if (missing.length > 0) {
    console.error(`Set ${missing.join(', ')}, or run: ${run}`);
    process.exitCode = 2;
    return;
  }
  console.log(`talkoot ${name} end-to-end: ${process.env.TALKOOT_URL}`);
  const browser = await launchChromium();
  const story = new Story();
  const errors = [];
  try {
    await tell(story, browser, errors, driven ? driver(process.stdin) : null);
    await story.step('no script errors, stray dialogs or CSP refusals on any screen', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } catch (error) {
    if (!(error instanceof StoryStopped)) story.crashed(error);
    await screenshotEveryPage(browser);
  } finally {
    await browser.close();
    if (driven) process.stdin.destroy(); // else Node waits for the driver to close it
  }
  console.log(story.summary());
  process.exitCode = story.ok ? 0 : 1;
}
