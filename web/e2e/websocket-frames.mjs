// Every WebSocket a page opens, with the JSON frames it sent and received, in order; reloads
// included (the Page object outlives them). What a page was never sent is checked here, on the
// wire, not only on screen.

import { assert } from './story.mjs';

export function recordWebSockets(page) {
  const sockets = [];
  const parse = (payload) => {
    try {
      return JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
    } catch {
      return { unparsed: String(payload) };
    }
  };
  page.on('websocket', (ws) => {
    const record = { url: ws.url(), sent: [], received: [] };
    sockets.push(record);
    ws.on('framesent', ({ payload }) => record.sent.push(parse(payload)));
    ws.on('framereceived', ({ payload }) => record.received.push(parse(payload)));
  });
  return sockets;
}

/** The newest seq a page has received on any socket (from welcomes and applieds). */
export function newestSeq(sockets) {
  let newest = null;
  for (const s of sockets) {
    for (const m of s.received) {
      if ((m.type === 'welcome' || m.type === 'applied') && (newest === null || m.seq > newest)) newest = m.seq;
    }
  }
  return newest;
}

/** Every frame the page received, on any of its sockets, in order. */
export const receivedFrames = (sockets) => sockets.flatMap((s) => s.received);

/** Every frame the page sent, on any of its sockets, in order. */
export const sentFrames = (sockets) => sockets.flatMap((s) => s.sent);

/** The frames the page received that hold `fragment` anywhere (e.g. '"type":"hidden_note"'), as JSON text. */
export const receivedFramesWith = (sockets, fragment) =>
  receivedFrames(sockets)
    .map((m) => JSON.stringify(m))
    .filter((frame) => frame.includes(fragment));

/** Fails if any frame the page received holds any of `texts`. */
export function expectNotOnTheWire(sockets, texts, who) {
  const leaked = texts.flatMap((text) => receivedFramesWith(sockets, text));
  assert(leaked.length === 0, `${who} received text it must not:\n       ${leaked.join('\n       ')}`);
}
