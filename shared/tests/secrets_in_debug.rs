//! Messages and bodies that carry a facilitator key or participant token may end up in a log
//! through `{:?}`; the secret itself must not.

use talkoot_shared::ClientMsg;
use talkoot_shared::http::{BoardCreated, FacilitatorKeyMinted, Joined, ProjectorKey};

const SECRET: &str = "p_0123456789abcdef";

fn id<T: TryFrom<String>>(s: &str) -> T
where
    T::Error: std::fmt::Debug,
{
    T::try_from(s.to_string()).expect("valid id")
}

#[test]
fn debug_output_never_contains_a_secret() {
    let hello = ClientMsg::Hello {
        board: id("b1"),
        token: SECRET.into(),
        last_seq: Some(3),
        group: None,
    };
    let created = BoardCreated {
        board_id: id("b1"),
        join_code: "48215903".into(),
        facilitator_key: SECRET.into(),
        projector_key: SECRET.into(),
        participant_id: id("p1"),
    };
    let joined = Joined {
        board_id: id("b1"),
        participant_id: id("p1"),
        token: SECRET.into(),
    };
    for text in [
        format!("{hello:?}"),
        format!("{created:?}"),
        format!("{joined:?}"),
    ] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
        assert!(text.contains("b1"), "the rest is still shown: {text}");
    }
}

#[test]
fn minted_keys_are_redacted_in_debug_output() {
    let minted = FacilitatorKeyMinted {
        participant_id: id("p2"),
        name: "varafasilitaattori".into(),
        key: SECRET.into(),
    };
    let text = format!("{minted:?}");
    assert!(!text.contains(SECRET), "{text}");
    assert!(
        text.contains("<redacted>") && text.contains("varafasilitaattori"),
        "{text}"
    );
    let projector = format!("{:?}", ProjectorKey { key: SECRET.into() });
    assert!(!projector.contains(SECRET), "{projector}");
    assert!(projector.contains("<redacted>"), "{projector}");
}
