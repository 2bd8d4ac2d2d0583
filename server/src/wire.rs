//! Turning WebSocket text frames into client messages and server messages into frames.
//! Decoding says precisely what was wrong, and salvages the `op_id` of an op whose body did not
//! decode, so the client can drop that op instead of resending it forever.

use axum::extract::ws::Utf8Bytes;
use serde_json::error::Category;
use talkoot_shared::op::RejectReason;
use talkoot_shared::{ClientMsg, ErrorCode, OpId, ServerMsg};

/// Why a frame was not a client message, as the reply the sender should get.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// Not a message at all: answer with `error`.
    Message { code: ErrorCode, detail: String },
    /// An op envelope with a usable `op_id` but a body that did not decode: answer with
    /// `rejected{invalid_op}`.
    Op { op_id: OpId, reason: RejectReason },
}

impl DecodeError {
    pub fn into_reply(self) -> ServerMsg {
        match self {
            DecodeError::Message { code, detail } => ServerMsg::Error {
                code,
                message: detail,
            },
            DecodeError::Op { op_id, reason } => ServerMsg::Rejected { op_id, reason },
        }
    }
}

pub fn decode(text: &str) -> Result<ClientMsg, DecodeError> {
    serde_json::from_str(text).map_err(|e| match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => DecodeError::Message {
            code: ErrorCode::MalformedJson,
            detail: format!("not valid JSON: {e}"),
        },
        Category::Data => match salvage_op_id(text) {
            Some(op_id) => DecodeError::Op {
                op_id,
                reason: RejectReason::InvalidOp {
                    detail: e.to_string(),
                },
            },
            None => DecodeError::Message {
                code: ErrorCode::InvalidMessage,
                detail: e.to_string(),
            },
        },
    })
}

/// The `op_id` of `{"type":"op","op_id":…}` when the rest did not decode. Only on the error
/// path, so valid messages are parsed once.
fn salvage_op_id(text: &str) -> Option<OpId> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        #[serde(rename = "type")]
        kind: String,
        op_id: OpId,
    }
    let envelope: Envelope = serde_json::from_str(text).ok()?;
    (envelope.kind == "op").then_some(envelope.op_id)
}

/// Serialises a server message once; the bytes can then be shared by every recipient.
pub fn encode(msg: &ServerMsg) -> Utf8Bytes {
    match serde_json::to_string(msg) {
        Ok(json) => Utf8Bytes::from(json),
        // Our messages hold only strings, numbers and string-keyed maps, which always
        // serialise; this is a last resort that still tells the client something went wrong.
        Err(e) => {
            tracing::error!(error = %e, "could not encode a server message");
            Utf8Bytes::from_static(
                r#"{"type":"error","code":"unavailable","message":"internal encoding error"}"#,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_and_unknown_types_are_told_apart() {
        let e = decode("{not json").unwrap_err();
        assert!(matches!(
            e,
            DecodeError::Message {
                code: ErrorCode::MalformedJson,
                ..
            }
        ));
        let e = decode(r#"{"type":"shout"}"#).unwrap_err();
        assert!(
            matches!(
                e,
                DecodeError::Message {
                    code: ErrorCode::InvalidMessage,
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn an_op_with_an_unknown_type_is_rejected_by_its_op_id() {
        let e = decode(r#"{"type":"op","op_id":"o1","op":{"type":"explode"}}"#).unwrap_err();
        match e {
            DecodeError::Op {
                op_id,
                reason: RejectReason::InvalidOp { detail },
            } => {
                assert_eq!(op_id.as_str(), "o1");
                assert!(detail.contains("explode"), "{detail}");
            }
            other => panic!("expected an op rejection, got {other:?}"),
        }
    }
}
