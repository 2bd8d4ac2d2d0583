//! The WebSocket close codes the server ends a connection with, and that the web app acts on.
//! They are emitted into `web/src/protocol/generated.ts`, so the two sides cannot drift apart;
//! docs/protocol.md ("Close codes") says what a client does after each.

/// The server shuts down (RFC 6455 "going away"): reconnect and resume.
pub const CLOSE_GOING_AWAY: u16 = 1001;
/// A frame that breaks RFC 6455 (reserved bits, an unmasked client frame…): "protocol error".
pub const CLOSE_PROTOCOL_ERROR: u16 = 1002;
/// A text frame that is not UTF-8 (RFC 6455 "invalid frame payload data").
pub const CLOSE_INVALID_PAYLOAD: u16 = 1007;
/// A message over the size limit (RFC 6455 "message too big").
pub const CLOSE_TOO_BIG: u16 = 1009;
/// The server dropped this connection (it fell behind, or its room restarted); reconnect and
/// resume with `last_seq`.
pub const CLOSE_RESUME: u16 = 4001;
/// A facilitator revoked the connection's key, or replaced the projector key it held (4000 +
/// HTTP 401): the key opens nothing any more. An `error{token_revoked}` comes just before it.
pub const CLOSE_REVOKED: u16 = 4401;
/// The client said nothing in time: no `hello`, or no frame at all (4000 + HTTP 408).
pub const CLOSE_TIMEOUT: u16 = 4408;
/// The board was deleted, by a facilitator or by the retention rule (4000 + HTTP 410 Gone):
/// nothing of it is left to reconnect to. An `error{board_deleted}` comes just before it.
pub const CLOSE_BOARD_DELETED: u16 = 4410;
/// The client kept sending ops over its rate limit (4000 + HTTP 429).
pub const CLOSE_FLOODING: u16 = 4429;

/// Every close code by name, for the TypeScript bindings.
pub const ALL: [(&str, u16); 9] = [
    ("CLOSE_GOING_AWAY", CLOSE_GOING_AWAY),
    ("CLOSE_PROTOCOL_ERROR", CLOSE_PROTOCOL_ERROR),
    ("CLOSE_INVALID_PAYLOAD", CLOSE_INVALID_PAYLOAD),
    ("CLOSE_TOO_BIG", CLOSE_TOO_BIG),
    ("CLOSE_RESUME", CLOSE_RESUME),
    ("CLOSE_REVOKED", CLOSE_REVOKED),
    ("CLOSE_TIMEOUT", CLOSE_TIMEOUT),
    ("CLOSE_BOARD_DELETED", CLOSE_BOARD_DELETED),
    ("CLOSE_FLOODING", CLOSE_FLOODING),
];
