-- Boards, their token holders, the append-only op log and snapshots.
-- Ids and JSON are TEXT; token hashes are 32-byte SHA-256 BLOBs; times are ms since the epoch.

CREATE TABLE boards (
    id          TEXT PRIMARY KEY NOT NULL,
    join_code   TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
) STRICT;

-- One row per facilitator key or participant token; the secret itself is never stored.
CREATE TABLE holders (
    token_hash      BLOB PRIMARY KEY NOT NULL,
    board_id        TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('facilitator', 'participant')),
    name            TEXT,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX holders_board ON holders(board_id);

-- The op log: gapless seq per board, each op_id applied at most once per board.
CREATE TABLE ops (
    board_id  TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    op_id     TEXT NOT NULL,
    actor     TEXT NOT NULL,
    op        TEXT NOT NULL,
    changes   TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (board_id, seq),
    UNIQUE (board_id, op_id)
) STRICT, WITHOUT ROWID;

-- The newest snapshot of each board (older ones are replaced).
CREATE TABLE snapshots (
    board_id  TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    board     TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (board_id, seq)
) STRICT, WITHOUT ROWID;
