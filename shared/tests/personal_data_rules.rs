//! A personal identity code never reaches a board: every op that writes a note's or a comment's
//! text (or a note's "on behalf of" label) is refused with `personal_data`, whoever sends it,
//! and the board is as it was. A code with a wrong check character is only a number.

use talkoot_shared::*;

/// Made up, with a valid check character (the example code of the Finnish Digital Agency).
const CODE: &str = "131052-308T";
/// The same digits with a wrong check character: no one's code.
const NOT_A_CODE: &str = "131052-308U";

fn actor(id: &str, role: Role) -> Actor {
    Actor {
        participant: ParticipantId::parse(id).unwrap(),
        role,
        name: Some(id.into()),
    }
}

fn note(id: &str) -> NoteId {
    NoteId::parse(id).unwrap()
}

fn comment(id: &str) -> CommentId {
    CommentId::parse(id).unwrap()
}

fn post_note(id: &str, text: &str) -> Op {
    Op::PostNote {
        id: note(id),
        section: SectionId::parse("s").unwrap(),
        text: text.into(),
        colour: Colour::Yellow,
        on_behalf_of: None,
    }
}

/// A board with a section `s`, Anna's note `n1` and her comment `c1` on it.
fn board() -> Board {
    let meta = BoardMeta {
        title: "Työpaja".into(),
        description: String::new(),
        language: Language::Fi,
    };
    let mut board = Board::new(BoardId::parse("b").unwrap(), meta);
    let fac = actor("fac", Role::Facilitator);
    let anna = actor("anna", Role::Participant);
    let section = Op::AddSection {
        id: SectionId::parse("s").unwrap(),
        title: "Ryhmä".into(),
        colour: Colour::Blue,
    };
    let comment_op = Op::PostComment {
        id: comment("c1"),
        note: note("n1"),
        text: "Hyvä".into(),
    };
    for (who, op) in [
        (&fac, section),
        (&anna, post_note("n1", "Asiakaspalaute")),
        (&anna, comment_op),
    ] {
        for change in apply(&board, who, &op, 1_000).unwrap() {
            board.absorb(&change);
        }
    }
    board
}

fn text_ops(text: &str) -> Vec<Op> {
    vec![
        post_note("n2", text),
        Op::EditNote {
            id: note("n1"),
            text: text.into(),
        },
        Op::PostComment {
            id: comment("c2"),
            note: note("n1"),
            text: text.into(),
        },
        Op::EditComment {
            id: comment("c1"),
            text: text.into(),
        },
    ]
}

#[test]
fn a_valid_identity_code_in_a_note_or_comment_is_refused_for_everyone() {
    let board = board();
    let texts = [
        CODE.to_owned(),
        format!("Asiakas {CODE} kertoi, että jonot ovat pitkiä."),
        format!("hetu: {}", CODE.to_lowercase()),
    ];
    for who in [
        actor("anna", Role::Participant),
        actor("fac", Role::Facilitator),
    ] {
        for text in &texts {
            for op in text_ops(text) {
                assert_eq!(
                    apply(&board, &who, &op, 2_000),
                    Err(RejectReason::PersonalData),
                    "{:?} sent {op:?}",
                    who.role
                );
            }
        }
    }
}

#[test]
fn an_identity_code_in_an_on_behalf_of_label_is_refused() {
    let op = Op::PostNote {
        id: note("n2"),
        section: SectionId::parse("s").unwrap(),
        text: "Pöydän 3 ajatus".into(),
        colour: Colour::Yellow,
        on_behalf_of: Some(format!("Pöytä {CODE}")),
    };
    let fac = actor("fac", Role::Facilitator);
    assert_eq!(
        apply(&board(), &fac, &op, 2_000),
        Err(RejectReason::PersonalData)
    );
}

#[test]
fn a_wrong_check_character_or_an_ordinary_number_is_not_personal_data() {
    let board = board();
    let anna = actor("anna", Role::Participant);
    for text in [
        format!("Asiakas {NOT_A_CODE} kertoi"),
        "Puhelin 040 123 4567, vuonna 2024".to_owned(),
        format!("tunnus{CODE}"),
    ] {
        for op in text_ops(&text) {
            let changes = apply(&board, &anna, &op, 2_000)
                .unwrap_or_else(|e| panic!("{op:?} was refused: {e}"));
            assert!(!changes.is_empty());
        }
    }
}

#[test]
fn the_reason_goes_on_the_wire_as_personal_data() {
    let json = serde_json::to_value(RejectReason::PersonalData).unwrap();
    assert_eq!(json, serde_json::json!({ "code": "personal_data" }));
}
