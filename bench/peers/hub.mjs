// A minimal WebSocket broadcast hub on Node's `ws`: what a competent team would write instead of
// talkoot. Rooms by name, one JSON.parse per incoming op, the outgoing message serialised once
// into one Buffer shared by every member, slow members dropped. No storage, no rules, no
// durability: the fastest a Node hub can be, as a yardstick for talkoot's big-room figures.
//
// It speaks just enough of talkoot's protocol for talkoot-bench to drive it with the same load:
//   client: {"type":"hello","board":ROOM,...}  →  hub: {"type":"welcome","seq":N,"online":N}
//   client: {"type":"op","op_id":ID,"op":{...}} →  every member: {"type":"applied","seq":N,"op_id":ID,"actor":ID,"op":{...}}
//
// PORT (default 8090; 0 picks a free one) and HOST (default 127.0.0.1) come from the environment.
// It prints "listening on HOST:PORT" once it listens.

import { createServer } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

/** Unsent bytes after which a member is dropped, like talkoot's bounded outbox. */
const MAX_BUFFERED_BYTES = 1 << 20;
/** Largest message a client may send, as talkoot. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** room name → { seq, members: Set<WebSocket> } */
const rooms = new Map();
let nextMember = 1;

const http = createServer((_req, res) => {
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server: http, path: '/ws', maxPayload: MAX_MESSAGE_BYTES });

wss.on('connection', (socket) => {
  const id = `m${nextMember++}`;
  let room = null;

  socket.on('message', (data, isBinary) => {
    let msg;
    try {
      msg = JSON.parse(isBinary ? '' : data.toString());
    } catch {
      socket.send('{"type":"error","code":"malformed_json"}');
      return;
    }
    if (msg.type === 'hello' && room === null && typeof msg.board === 'string') {
      room = rooms.get(msg.board);
      if (!room) {
        room = { seq: 0, members: new Set() };
        rooms.set(msg.board, room);
      }
      room.members.add(socket);
      socket.send(JSON.stringify({ type: 'welcome', seq: room.seq, online: room.members.size }));
    } else if (msg.type === 'op' && room !== null) {
      room.seq += 1;
      const frame = Buffer.from(
        JSON.stringify({ type: 'applied', seq: room.seq, op_id: msg.op_id, actor: id, op: msg.op }),
      );
      for (const member of room.members) {
        if (member.readyState !== WebSocket.OPEN) continue;
        if (member.bufferedAmount > MAX_BUFFERED_BYTES) {
          member.close(4001, 'resume from last_seq');
          room.members.delete(member);
          continue;
        }
        member.send(frame, { binary: false });
      }
    } else {
      socket.send('{"type":"error","code":"invalid_message"}');
    }
  });

  socket.on('close', () => {
    if (room !== null) room.members.delete(socket);
  });
});

const host = process.env.HOST ?? '127.0.0.1';
http.listen(Number(process.env.PORT ?? 8090), host, () => {
  const { port } = http.address();
  console.log(`listening on ${host}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
