-- When each board last had activity (an op applied to it), for the retention rule: boards
-- inactive for the retention period are deleted. Existing boards count from their newest op,
-- or from when they were made if they have none.

ALTER TABLE boards ADD COLUMN last_active_at INTEGER NOT NULL DEFAULT 0;

UPDATE boards SET last_active_at = MAX(
    created_at,
    COALESCE((SELECT MAX(at) FROM ops WHERE ops.board_id = boards.id), 0)
);

CREATE INDEX boards_last_active ON boards(last_active_at);
