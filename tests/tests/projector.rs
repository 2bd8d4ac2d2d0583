//! The projector: a read-only key for the screen at the front of the room, which is often a
//! venue PC that must never hold the facilitator key. It sees the board live and can change
//! nothing, over the WebSocket and over HTTP; and boards made before the role existed keep
//! working after the upgrade.

use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use talkoot::secret::hash_secret;
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{
    Actor, Board, BoardId, BoardMeta, Colour, Language, Op, ParticipantId, Role, SectionId,
    ServerMsg, apply,
};
use talkoot_tests::ops::{edit, post, sections};
use talkoot_tests::{Client, TestServer, new_id};

fn snapshot_of(welcome: &ServerMsg) -> (&Board, Role) {
    match welcome {
        ServerMsg::Welcome {
            snapshot: Some(board),
            you,
            ..
        } => (board, you.role),
        other => panic!("expected a welcome with a snapshot, got {other:?}"),
    }
}

#[tokio::test]
async fn the_projector_sees_the_board_live_and_can_change_nothing() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    assert!(board.projector_key.starts_with("v_"));
    assert_ne!(board.projector_key, board.facilitator_key);
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let (op, note) = post(&s[0], "Fasilitaattorin lappu");
    f.apply(op).await?;

    let (mut p, welcome) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let (seen, role) = snapshot_of(&welcome);
    assert_eq!(role, Role::Projector);
    assert_eq!(seen.notes.len(), 1);

    // Every kind of op is refused, and none takes a seq.
    let attempts = [
        post(&s[0], "Projektorin lappu").0,
        edit(&note, "Muutettu"),
        Op::MoveNote {
            id: note.clone(),
            section: s[1].clone(),
            before: None,
        },
        Op::DeleteNote { id: note.clone() },
        Op::AddSection {
            id: new_id(),
            title: "Uusi".into(),
            colour: Colour::Green,
        },
        Op::DeleteSection { id: s[1].clone() },
        Op::UpdateBoard {
            meta: BoardMeta {
                title: "Kaapattu".into(),
                description: String::new(),
                language: Language::Fi,
            },
        },
    ];
    for op in attempts {
        let op_id = p.op(op).await?;
        assert_eq!(
            p.answer_to(&op_id).await?.0,
            ServerMsg::Rejected {
                op_id,
                reason: RejectReason::Forbidden
            }
        );
    }
    // It sees what others do, at the next seq: nothing it tried took one.
    let (op, _) = post(&s[1], "Toinen lappu");
    let op_id = f.op(op).await?;
    let (applied, _) = p.answer_to(&op_id).await?;
    assert!(
        matches!(applied, ServerMsg::Applied { seq: 2, .. }),
        "{applied:?}"
    );

    // Over HTTP it reads the board as the projector.
    let snapshot: talkoot_shared::http::Snapshot = server
        .http()
        .get(server.url(&format!("/api/boards/{}", board.board_id)))
        .bearer_auth(&board.projector_key)
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(snapshot.role, Role::Projector);
    assert_eq!(snapshot.seq, 2);
    assert_eq!(snapshot.board.meta.title, "Työpaja");
    Ok(())
}

#[tokio::test]
async fn a_board_made_before_the_projector_role_survives_the_upgrade() -> anyhow::Result<()> {
    // A database as the first release left it: only the first migration, one board with a
    // section and a note, a facilitator and a participant.
    let dir = tempfile::tempdir()?;
    let old_migrations = tempfile::tempdir()?;
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../migrations/sqlite/0001_boards.sql"
        ),
        old_migrations.path().join("0001_boards.sql"),
    )?;
    let options = SqliteConnectOptions::from_str("sqlite://")?
        .filename(dir.path().join("talkoot.db"))
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new().connect_with(options).await?;
    sqlx::migrate::Migrator::new(old_migrations.path())
        .await?
        .run(&pool)
        .await?;

    let board_id: BoardId = new_id();
    let facilitator = Actor {
        participant: new_id::<ParticipantId>(),
        role: Role::Facilitator,
        name: None,
    };
    let mut board = Board::new(
        board_id.clone(),
        BoardMeta {
            title: "Vanha työpaja".into(),
            description: String::new(),
            language: Language::Fi,
        },
    );
    let section: SectionId = new_id();
    let ops = [
        Op::AddSection {
            id: section.clone(),
            title: "Ryhmä".into(),
            colour: Colour::Blue,
        },
        post(&section, "Lappu ennen päivitystä").0,
    ];
    for op in &ops {
        for change in apply(&board, &facilitator, op, 1).map_err(|e| anyhow::anyhow!("{e:?}"))? {
            board.absorb(&change);
        }
    }
    let facilitator_key = "f_made_by_the_first_release";
    let participant_token = "p_made_by_the_first_release";
    sqlx::query("INSERT INTO boards (id, join_code, created_at) VALUES (?, '12345678', 1)")
        .bind(board_id.as_str())
        .execute(&pool)
        .await?;
    for (secret, role, who) in [
        (
            facilitator_key,
            "facilitator",
            facilitator.participant.as_str().to_string(),
        ),
        (
            participant_token,
            "participant",
            new_id::<ParticipantId>().as_str().to_string(),
        ),
    ] {
        sqlx::query(
            "INSERT INTO holders (token_hash, board_id, participant_id, role, name, created_at) \
             VALUES (?, ?, ?, ?, NULL, 1)",
        )
        .bind(hash_secret(secret))
        .bind(board_id.as_str())
        .bind(who)
        .bind(role)
        .execute(&pool)
        .await?;
    }
    sqlx::query("INSERT INTO snapshots (board_id, seq, board, at) VALUES (?, 0, ?, 1)")
        .bind(board_id.as_str())
        .bind(serde_json::to_string(&board)?)
        .execute(&pool)
        .await?;
    pool.close().await;

    // Today's server migrates it: the old keys still open the old board, as before.
    let server = TestServer::start_on(dir).await?;
    let (mut f, welcome) = Client::join(&server.ws_url(), &board_id, facilitator_key, None).await?;
    let (seen, role) = snapshot_of(&welcome);
    assert_eq!(role, Role::Facilitator);
    assert_eq!(seen, &board);
    let (_, welcome) = Client::join(&server.ws_url(), &board_id, participant_token, None).await?;
    assert_eq!(snapshot_of(&welcome).1, Role::Participant);
    let (op, _) = post(&section, "Lappu päivityksen jälkeen");
    assert_eq!(f.apply(op).await?, 1);
    // And new boards get a projector.
    let fresh = server.create_board("Uusi työpaja", &["Ryhmä"]).await?;
    let (_, welcome) = Client::join(
        &server.ws_url(),
        &fresh.board_id,
        &fresh.projector_key,
        None,
    )
    .await?;
    assert_eq!(snapshot_of(&welcome).1, Role::Projector);
    Ok(())
}
