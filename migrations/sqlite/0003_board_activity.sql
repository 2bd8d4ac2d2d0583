-- When each board last had activity (an op applied to it), for the retention rule: boards
-- inactive for the retention period are deleted. Boards that exist before this migration count
-- from the upgrade itself (or their newest op, were it later), so that an upgrade never deletes
-- a board at once: each gets a whole retention period from the day the rule arrived.

ALTER TABLE boards ADD COLUMN last_active_at INTEGER NOT NULL DEFAULT 0;

UPDATE boards SET last_active_at = MAX(
    CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
    created_at,
    COALESCE((SELECT MAX(at) FROM ops WHERE ops.board_id = boards.id), 0)
);

CREATE INDEX boards_last_active ON boards(last_active_at);
