//! The SQLite store commits every board's ops through one group commit. Boards committing at
//! the same moment all land durably, and a board whose rows fail fails alone.

use talkoot::store::{LogEntry, NewBoard, SqliteStore, Store};
use talkoot_shared::{Actor, Board, BoardId, BoardMeta, Language, NoteId, Op, OpId, Role};
use talkoot_tests::client::new_id;

fn entry(seq: u64, actor: &Actor) -> LogEntry {
    LogEntry {
        seq,
        op_id: new_id::<OpId>(),
        actor: actor.participant.clone(),
        op: Op::DeleteNote {
            id: new_id::<NoteId>(),
        },
        changes: vec![],
        at: 1_700_000_000_000 + seq,
    }
}

async fn new_board(store: &SqliteStore, code: &str, facilitator: &Actor) -> BoardId {
    let id: BoardId = new_id();
    let board = Board::new(
        id.clone(),
        BoardMeta {
            title: format!("Taulu {code}"),
            description: String::new(),
            language: Language::Fi,
        },
    );
    store
        .create_board(NewBoard {
            board: &board,
            join_code: code,
            facilitator,
            facilitator_key_hash: code.as_bytes(),
            projector: &Actor {
                participant: new_id(),
                role: Role::Projector,
                name: None,
            },
            projector_key_hash: format!("v_{code}").as_bytes(),
            at: 1,
        })
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn boards_committing_together_all_land_and_a_failing_one_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("talkoot.db"))
        .await
        .unwrap();
    let facilitator = Actor {
        participant: new_id(),
        role: Role::Facilitator,
        name: None,
    };
    let a = new_board(&store, "11111111", &facilitator).await;
    let b = new_board(&store, "22222222", &facilitator).await;
    let c = new_board(&store, "33333333", &facilitator).await;
    store.commit(&c, &[entry(1, &facilitator)]).await.unwrap();

    let a_entries: Vec<_> = (1..=3).map(|s| entry(s, &facilitator)).collect();
    let b_entries: Vec<_> = (1..=2).map(|s| entry(s, &facilitator)).collect();
    // Seq 1 of board c is taken: this commit must fail, and only this one.
    let c_duplicate = [entry(2, &facilitator), entry(1, &facilitator)];
    let (ra, rb, rc) = tokio::join!(
        store.commit(&a, &a_entries),
        store.commit(&b, &b_entries),
        store.commit(&c, &c_duplicate),
    );
    ra.unwrap();
    rb.unwrap();
    assert!(rc.is_err(), "a duplicate seq must not commit");

    let tail = |board: BoardId| {
        let store = &store;
        async move {
            let stored = store.load_board(&board).await.unwrap().unwrap();
            stored.tail.iter().map(|e| e.seq).collect::<Vec<_>>()
        }
    };
    assert_eq!(tail(a).await, [1, 2, 3]);
    assert_eq!(tail(b).await, [1, 2]);
    // Nothing of the failed commit stuck, not even its first, valid row.
    assert_eq!(tail(c).await, [1]);
}
