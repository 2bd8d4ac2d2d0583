// The talkoot server a story runs against: its address in TALKOOT_URL, with no trailing slash,
// as the Rust test that starts the server passes it.

export const BASE = (process.env.TALKOOT_URL ?? '').replace(/\/+$/, '');
