-- The projector role: a read-only key for the screen at the front of the room. SQLite cannot
-- change a CHECK constraint in place, so the holders table is rebuilt with every row kept.

CREATE TABLE holders_with_projector (
    token_hash      BLOB PRIMARY KEY NOT NULL,
    board_id        TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'projector')),
    name            TEXT,
    created_at      INTEGER NOT NULL
) STRICT;

INSERT INTO holders_with_projector (token_hash, board_id, participant_id, role, name, created_at)
    SELECT token_hash, board_id, participant_id, role, name, created_at FROM holders;

DROP TABLE holders;
ALTER TABLE holders_with_projector RENAME TO holders;
CREATE INDEX holders_board ON holders(board_id);
