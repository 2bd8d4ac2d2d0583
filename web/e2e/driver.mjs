// Asks the Rust driver that runs a story (tests/src/browser_story.rs) to do something to the
// server: the story prints `talkoot-e2e: <request>` and waits for the answer on its stdin.

import { createInterface } from 'node:readline';
import { assert } from './story.mjs';

/** Returns `ask(request, reply)`, which resolves once the driver has answered `reply`. */
export function driver(input) {
  const lines = createInterface({ input })[Symbol.asyncIterator]();
  return async (request, reply) => {
    console.log(`talkoot-e2e: ${request}`);
    const { value, done } = await lines.next();
    assert(!done && value.trim() === reply, `the driver should answer "${reply}" to "${request}", said ${JSON.stringify(value)}`);
  };
}
