-- Feedback answers: private, not collaborative, so in a table of their own and never in the op
-- log. One answer per participant per board: answering again replaces it. Whether feedback is
-- open is board state (the `set_feedback_open` op), not kept here. Deleting a board deletes its
-- answers with it (ON DELETE CASCADE; the store opens SQLite with foreign keys on).

CREATE TABLE feedback (
    board_id        TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL,
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    -- At most MAX_FEEDBACK_CHARS (2000) characters, checked before it is stored; the bound here
    -- only keeps a bug from storing an essay.
    text            TEXT NOT NULL CHECK (length(text) <= 2000),
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (board_id, participant_id)
) STRICT, WITHOUT ROWID;
