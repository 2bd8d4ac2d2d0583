//! Turning WebSocket text frames into client messages and server messages into frames.
//! Decoding says precisely what was wrong, and salvages the `op_id` of an op whose body did not
//! decode, so the client can drop that op instead of resending it forever.

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_json::error::Category;
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{ClientMsg, ErrorCode, OpId, ServerMsg};
use tungstenite::Utf8Bytes;

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
    let first = match serde_json::from_str(text) {
        Ok(msg) => return Ok(msg),
        Err(e) => e,
    };
    // `JSON.stringify` writes half an emoji as a lone surrogate escape such as `"\ud83d"`.
    // RFC 8259 allows it, serde_json does not: take it as U+FFFD rather than refuse the op.
    let repaired = (first.classify() == Category::Syntax)
        .then(|| replace_lone_surrogates(text))
        .flatten();
    match repaired {
        Some(repaired) => serde_json::from_str(&repaired).map_err(|e| refusal(&repaired, &e)),
        None => Err(refusal(text, &first)),
    }
}

/// The answer to a frame that did not decode: a rejection of the op when its `op_id` can be
/// read, else an error.
fn refusal(text: &str, e: &serde_json::Error) -> DecodeError {
    let (code, detail) = match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            (ErrorCode::MalformedJson, format!("not valid JSON: {e}"))
        }
        Category::Data => (ErrorCode::InvalidMessage, e.to_string()),
    };
    match salvage_op_id(text) {
        Some(op_id) => DecodeError::Op {
            op_id,
            reason: RejectReason::InvalidOp { detail },
        },
        None => DecodeError::Message { code, detail },
    }
}

/// The `op_id` of `{"type":"op","op_id":…}` whose rest did not decode, read from the top-level
/// keys up to the first error, so even broken JSON gives it up when it comes early (the web
/// app sends `type` and `op_id` first). Only on the error path: valid messages parse once.
fn salvage_op_id(text: &str) -> Option<OpId> {
    let mut envelope = Envelope::default();
    let mut de = serde_json::Deserializer::from_str(text);
    // An error after the keys we need does not matter: what was read before it is kept.
    let _ = serde::Deserializer::deserialize_map(&mut de, EnvelopeVisitor(&mut envelope));
    (envelope.kind.as_deref() == Some("op"))
        .then_some(envelope.op_id)
        .flatten()
}

#[derive(Default)]
struct Envelope {
    kind: Option<String>,
    op_id: Option<OpId>,
}

struct EnvelopeVisitor<'a>(&'a mut Envelope);

impl<'de> Visitor<'de> for EnvelopeVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a message object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => self.0.kind = Some(map.next_value()?),
                "op_id" => self.0.op_id = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// `text` with every lone surrogate escape in its strings (`\ud83d` without its pair, or a
/// stray `\udc00`) replaced by `\ufffd`; `None` when it has none.
fn replace_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let unit_at = |i: usize| -> Option<u16> {
        let hex = text.get(i..i + 4)?;
        u16::from_str_radix(hex, 16).ok()
    };
    let escape_at = |i: usize| bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'u');
    let mut repaired = String::new();
    let mut copied = 0;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match (in_string, bytes[i]) {
            (_, b'"') => {
                in_string = !in_string;
                i += 1;
            }
            (true, b'\\') if escape_at(i) => {
                let Some(unit) = unit_at(i + 2) else {
                    i += 2;
                    continue;
                };
                let paired = (0xD800..0xDC00).contains(&unit)
                    && escape_at(i + 6)
                    && unit_at(i + 8).is_some_and(|low| (0xDC00..0xE000).contains(&low));
                if paired {
                    i += 12;
                } else {
                    if (0xD800..0xE000).contains(&unit) {
                        repaired.push_str(&text[copied..i]);
                        repaired.push_str("\\ufffd");
                        copied = i + 6;
                    }
                    i += 6;
                }
            }
            // Any other escape: skip the escaped character, so `\"` does not end the string.
            (true, b'\\') => i += 2,
            _ => i += 1,
        }
    }
    (copied > 0).then(|| {
        repaired.push_str(&text[copied..]);
        repaired
    })
}

/// Serialises a server message (a `ServerMsg`, or a borrowed frame of the same shape) once; the
/// bytes can then be shared by every recipient.
pub fn encode<T: serde::Serialize + ?Sized>(msg: &T) -> Utf8Bytes {
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
    fn half_an_emoji_becomes_a_replacement_character_and_whole_ones_stay() {
        let post = |text: &str| {
            format!(
                r#"{{"type":"op","op_id":"o1","op":{{"type":"edit_note","id":"n1","text":"{text}"}}}}"#
            )
        };
        let text_of = |msg: ClientMsg| match msg {
            ClientMsg::Op {
                op: talkoot_shared::Op::EditNote { text, .. },
                ..
            } => text,
            other => panic!("expected an edit, got {other:?}"),
        };
        let lone = decode(&post(r"Hyv\u00e4 \ud83d")).expect("accepted");
        assert_eq!(text_of(lone), "Hyvä \u{fffd}");
        let stray = decode(&post(r"\udc4d ja \ud83d\ud83d\udc4d")).expect("accepted");
        assert_eq!(text_of(stray), "\u{fffd} ja \u{fffd}\u{1f44d}");
        // An escaped backslash before `u` is text, not an escape.
        let literal = decode(&post(r"\\ud83d \ud83d")).expect("accepted");
        assert_eq!(text_of(literal), "\\ud83d \u{fffd}");
    }

    #[test]
    fn broken_json_is_rejected_by_its_op_id_when_that_comes_first() {
        let e = decode(r#"{"type":"op","op_id":"o1","op":{"type":"post_note","text":"kesk"#)
            .unwrap_err();
        assert!(
            matches!(&e, DecodeError::Op { op_id, reason: RejectReason::InvalidOp { .. } } if op_id.as_str() == "o1"),
            "{e:?}"
        );
        // A nested `op_id` is not the envelope's.
        let e = decode(r#"{"type":"op","op":{"op_id":"o2"},"#).unwrap_err();
        assert!(
            matches!(
                e,
                DecodeError::Message {
                    code: ErrorCode::MalformedJson,
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
