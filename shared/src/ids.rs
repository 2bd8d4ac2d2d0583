//! Identifiers. Clients make note, section and op ids themselves (UUIDv7 in the web app) so that a
//! resent op names the same things; the server only checks that an id is well-formed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::MAX_ID_LEN;

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong,
    BadCharacter,
}

impl std::fmt::Display for IdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdError::Empty => write!(f, "id is empty"),
            IdError::TooLong => write!(f, "id is longer than {MAX_ID_LEN} characters"),
            IdError::BadCharacter => write!(f, "id may only contain A-Z, a-z, 0-9, '-' and '_'"),
        }
    }
}

impl std::error::Error for IdError {}

fn check(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError::TooLong);
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(IdError::BadCharacter);
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
        #[ts(type = "string")]
        pub struct $name(String);

        impl $name {
            /// Checks that `s` is 1–64 characters of `[A-Za-z0-9_-]`.
            pub fn parse(s: impl Into<String>) -> Result<Self, IdError> {
                let s = s.into();
                check(&s)?;
                Ok(Self(s))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Self::parse(String::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A board (one workshop).
    BoardId
);
id_type!(
    /// A section of a board: one small group or theme.
    SectionId
);
id_type!(
    /// A sticky note.
    NoteId
);
id_type!(
    /// One step of the workshop (write, discuss, vote…), made by the client like other ids.
    PhaseId
);
id_type!(
    /// One op as the client sent it; the key that makes resending safe.
    OpId
);
id_type!(
    /// A comment on a note, made by the client like a note's id.
    CommentId
);
id_type!(
    /// A theme: similar notes from different groups gathered under one name.
    ThemeId
);
id_type!(
    /// A follow-up task, made by the client like a note's id.
    TaskId
);
id_type!(
    /// A person on a board: the facilitator or one joined participant.
    ParticipantId
);

impl ParticipantId {
    /// The `actor` of an `applied` that would otherwise tell its reader who wrote a hidden
    /// note. The server makes every real participant id (a UUID), so none is ever `hidden`.
    pub fn hidden() -> Self {
        Self("hidden".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_uuid_and_rejects_junk() {
        assert!(NoteId::parse("0190f5a2-7b7e-7c3e-9d4e-1f2a3b4c5d6e").is_ok());
        assert_eq!(NoteId::parse(""), Err(IdError::Empty));
        assert_eq!(NoteId::parse("a".repeat(65)), Err(IdError::TooLong));
        assert_eq!(NoteId::parse("a b"), Err(IdError::BadCharacter));
        assert_eq!(NoteId::parse("<script>"), Err(IdError::BadCharacter));
    }

    #[test]
    fn deserializing_checks_the_format() {
        let ok: Result<OpId, _> = serde_json::from_str("\"abc-123\"");
        assert!(ok.is_ok());
        let bad: Result<OpId, _> = serde_json::from_str("\"a/b\"");
        assert!(bad.is_err());
    }
}
