// Every WebSocket a page opens, with the JSON frames it sent and received, in order; reloads
// included (the Page object outlives them).

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
