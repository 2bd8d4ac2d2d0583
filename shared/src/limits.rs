//! Every size limit on board content, in one place. Text lengths count Unicode scalar values
//! (`str::chars` in Rust, `[...s].length` in the browser), so "ä" is one character everywhere.
//! docs/protocol.md lists the same numbers; change both together.

/// Longest id of any kind (a UUID is 36).
pub const MAX_ID_LEN: usize = 64;
/// Board title.
pub const MAX_BOARD_TITLE_CHARS: usize = 120;
/// Board description: the case material the facilitator pins to the board.
pub const MAX_DESCRIPTION_CHARS: usize = 5_000;
/// Section title.
pub const MAX_SECTION_TITLE_CHARS: usize = 80;
/// A note's text: a sticky note, not an essay.
pub const MAX_NOTE_TEXT_CHARS: usize = 1_000;
/// A participant's display name.
pub const MAX_NAME_CHARS: usize = 40;
/// Most-voted notes "Start part 2" may carry: pinned material, not a copy of the board.
pub const MAX_CARRIED_NOTES: usize = 30;
/// Sections on one board.
pub const MAX_SECTIONS: usize = 30;
/// Notes on one board.
pub const MAX_NOTES: usize = 5_000;
/// Longest order key (ASCII, so bytes and characters alike). Inserting into one gap again and
/// again lengthens keys by a character every five to seven inserts; when a key would pass this,
/// `apply` gives every sibling a fresh key instead (at most 4 characters for `MAX_NOTES`
/// siblings). At 32 that takes 150 or more moves into one gap, so rebalances (a change per
/// sibling) stay rare, while a full board's keys stay under 160 KB against its 5 MB of text.
pub const MAX_ORDER_KEY_LEN: usize = 32;
/// Phases on one board: a workshop has a handful of steps.
pub const MAX_PHASES: usize = 20;
/// A phase's title, shown large on the projector.
pub const MAX_PHASE_TITLE_CHARS: usize = 60;
/// A phase's instruction: a few sentences read from the projector.
pub const MAX_INSTRUCTION_CHARS: usize = 1_000;
/// A comment's text: a remark on a note, shorter than the note.
pub const MAX_COMMENT_TEXT_CHARS: usize = 500;
/// Comments on one board, all notes together.
pub const MAX_COMMENTS: usize = 10_000;
/// Themes on one board: at most one per section is the usual, a few more for a big room.
pub const MAX_THEMES: usize = 30;
/// A theme's title, like a section's.
pub const MAX_THEME_TITLE_CHARS: usize = 80;
/// A feedback answer's free text: a few sentences about the workshop.
pub const MAX_FEEDBACK_CHARS: usize = 2_000;
/// The lowest and highest feedback rating.
pub const FEEDBACK_RATINGS: std::ops::RangeInclusive<u8> = 1..=5;
/// The largest vote budget: dot voting means a few votes each.
pub const MAX_VOTE_BUDGET: u32 = 50;
/// A new board's budget.
pub const DEFAULT_VOTE_BUDGET: u32 = 5;
/// The longest countdown, and the most time a timer can hold after extending: a workshop day.
pub const MAX_TIMER_MS: u64 = 8 * 60 * 60 * 1000;
/// Follow-up tasks on one board: the actions a workshop agrees on, not a project plan.
pub const MAX_TASKS: usize = 200;
/// A task's title: a short sentence, often a note's text cut down.
pub const MAX_TASK_TITLE_CHARS: usize = 200;
/// A task's owner: a person or an organisation ("Sosterin kotihoito"), like a name but longer.
pub const MAX_TASK_OWNER_CHARS: usize = 80;
