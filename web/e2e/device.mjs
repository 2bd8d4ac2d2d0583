// What a browser keeps on the device for talkoot, read from inside the page: the unsent ops
// (IndexedDB `talkoot-outbox`), the board's last view (IndexedDB `talkoot-board-cache`) and the
// secrets (localStorage). A database the app has not made yet is reported empty, never created
// here (an empty database made by the story would lack the app's stores).

/** How many ops this browser keeps in its IndexedDB outbox, for every board. */
export const keptOps = (page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'talkoot-outbox')) return 0;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('talkoot-outbox');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const count = db.transaction('pending').objectStore('pending').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      });
    } finally {
      db.close();
    }
  });

/**
 * The board's view kept on the device: `{ seq, snapshotSeq, titles }` (seq is the newest one a
 * reload would resume from; titles are the kept notes' texts), or null if none is kept.
 */
export const keptView = (page, board) =>
  page.evaluate(async (board) => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'talkoot-board-cache')) return null;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('talkoot-board-cache');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const tx = db.transaction(['welcomes', 'snapshots', 'changes']);
      const read = (req) =>
        new Promise((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const [welcome, snapshot, changes] = await Promise.all([
        read(tx.objectStore('welcomes').get(board)),
        read(tx.objectStore('snapshots').get(board)),
        read(tx.objectStore('changes').getAll(IDBKeyRange.bound([board], [board, []]))),
      ]);
      if (!welcome && !snapshot && changes.length === 0) return null;
      let seq = snapshot?.seq ?? null;
      for (const c of changes) if (seq !== null && c.seq === seq + 1) seq = c.seq;
      const texts = Object.values(snapshot?.board.notes ?? {}).map((n) => n.text);
      for (const c of changes) for (const ch of c.changes) if (ch.type === 'note') texts.push(ch.note.text);
      return { seq, snapshotSeq: snapshot?.seq ?? null, texts };
    } finally {
      db.close();
    }
  }, board);

/** Empties the board cache, as on a phone that opens a board for the first time. */
export const forgetKeptBoards = (page) =>
  page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('talkoot-board-cache');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const stores = ['welcomes', 'snapshots', 'changes'];
    const tx = db.transaction(stores, 'readwrite');
    for (const store of stores) tx.objectStore(store).clear();
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });

/** The localStorage keys this browser holds for a board (`talkoot.participant.<board>`, …). */
export const storedKeysFor = (page, board) =>
  page.evaluate((board) => Object.keys(localStorage).filter((k) => k.endsWith(`.${board}`)), board);

/**
 * The secrets this browser keeps in localStorage for a board: the facilitator and projector
 * keys (or null), and the participant's stored join (`{ token, participant_id, group, … }`, or null).
 */
export const storedSecrets = (page, board) =>
  page.evaluate((board) => {
    const participant = localStorage.getItem(`talkoot.participant.${board}`);
    return {
      facilitator: localStorage.getItem(`talkoot.facilitator.${board}`),
      projector: localStorage.getItem(`talkoot.projector.${board}`),
      participant: participant === null ? null : JSON.parse(participant),
    };
  }, board);
