// A tiny runner for a story told in steps: each step passes or stops the story with a message
// that says what was expected, and the counts end in a "N passed, N failed" line.

/** How long anything may take to show up on another screen. */
export const LIVE_TIMEOUT_MS = 10_000;

/** Reconnecting after a server restart or a lost network waits out the client's backoff (at most 10 s a try). */
export const RESUME_TIMEOUT_MS = 30_000;

export class StoryStopped extends Error {}

export class Story {
  passed = 0;
  failed = 0;

  async step(name, fn) {
    try {
      await fn();
      this.passed += 1;
      console.log(`  ok   ${name}`);
    } catch (error) {
      this.failed += 1;
      console.error(`  FAIL ${name}\n       ${String(error?.message ?? error).replace(/\n/g, '\n       ')}`);
      throw new StoryStopped(name);
    }
  }

  /** A failure outside any step (the browser did not start, a bug in the story itself). */
  crashed(error) {
    this.failed += 1;
    console.error(`  FAIL the story could not run: ${error?.stack ?? error}`);
  }

  get ok() {
    return this.failed === 0 && this.passed > 0;
  }

  summary() {
    return `e2e: ${this.passed} passed, ${this.failed} failed`;
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `probe` until it returns true; fails with `what` after the timeout. */
export async function eventually(what, probe, timeout = LIVE_TIMEOUT_MS) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}${last ? ` (${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
