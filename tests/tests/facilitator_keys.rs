//! More facilitator keys and a new projector key, through the real server: a facilitator mints
//! a named key for a backup, lists the board's keys and revokes any but their own; nobody else
//! may. A revoked key stops working at once: refused at `hello` and over HTTP, and an open socket
//! holding it is told why and closed, and no op it sends after the revoke is applied.

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::{Response, StatusCode};
use serde_json::Value;
use talkoot::limits::MAX_FACILITATOR_KEYS;
use talkoot_shared::http::{
    ApiError, ApiErrorCode, BoardCreated, FacilitatorKeyInfo, FacilitatorKeyMinted, ProjectorKey,
};
use talkoot_shared::{ClientMsg, ErrorCode, OpId, ParticipantId, Role, ServerMsg};
use talkoot_tests::client::Event;
use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer, new_id};
use tokio_tungstenite::tungstenite::Message;

/// The close code of a connection whose key was revoked (docs/protocol.md).
const CLOSE_REVOKED: u16 = 4401;

fn keys_url(server: &TestServer, board: &BoardCreated) -> String {
    server.url(&format!("/api/boards/{}/facilitator-keys", board.board_id))
}

async fn mint(
    server: &TestServer,
    board: &BoardCreated,
    key: &str,
    name: &str,
) -> anyhow::Result<Response> {
    Ok(server
        .http()
        .post(keys_url(server, board))
        .bearer_auth(key)
        .json(&serde_json::json!({ "name": name }))
        .send()
        .await?)
}

async fn minted(
    server: &TestServer,
    board: &BoardCreated,
    key: &str,
    name: &str,
) -> anyhow::Result<FacilitatorKeyMinted> {
    let res = mint(server, board, key, name).await?;
    anyhow::ensure!(
        res.status() == StatusCode::CREATED,
        "mint: {}",
        res.status()
    );
    Ok(res.json().await?)
}

async fn list(server: &TestServer, board: &BoardCreated, key: &str) -> anyhow::Result<Response> {
    Ok(server
        .http()
        .get(keys_url(server, board))
        .bearer_auth(key)
        .send()
        .await?)
}

async fn listed(
    server: &TestServer,
    board: &BoardCreated,
    key: &str,
) -> anyhow::Result<Vec<FacilitatorKeyInfo>> {
    let res = list(server, board, key).await?;
    anyhow::ensure!(res.status() == StatusCode::OK, "list: {}", res.status());
    Ok(res.json().await?)
}

async fn revoke(
    server: &TestServer,
    board: &BoardCreated,
    key: &str,
    participant: &str,
) -> anyhow::Result<Response> {
    Ok(server
        .http()
        .delete(format!("{}/{participant}", keys_url(server, board)))
        .bearer_auth(key)
        .send()
        .await?)
}

async fn new_projector_key(
    server: &TestServer,
    board: &BoardCreated,
    key: &str,
) -> anyhow::Result<Response> {
    Ok(server
        .http()
        .post(server.url(&format!("/api/boards/{}/projector-key", board.board_id)))
        .bearer_auth(key)
        .send()
        .await?)
}

async fn snapshot_status(
    server: &TestServer,
    board: &BoardCreated,
    key: &str,
) -> anyhow::Result<StatusCode> {
    Ok(server
        .http()
        .get(server.url(&format!("/api/boards/{}", board.board_id)))
        .bearer_auth(key)
        .send()
        .await?
        .status())
}

/// The status and error code of a failed call.
async fn failure(res: Response) -> anyhow::Result<(StatusCode, ApiErrorCode)> {
    let status = res.status();
    let body: ApiError = res.json().await?;
    Ok((status, body.error))
}

/// What a `hello` with `key` is answered: the error code, or `None` for a welcome.
async fn hello_error(
    server: &TestServer,
    board: &BoardCreated,
    key: &str,
) -> anyhow::Result<Option<ErrorCode>> {
    let mut c = Client::connect(&server.ws_url()).await?;
    c.send(&ClientMsg::Hello {
        board: board.board_id.clone(),
        token: key.into(),
        last_seq: None,
        group: None,
    })
    .await?;
    match c.recv().await? {
        ServerMsg::Welcome { .. } => Ok(None),
        ServerMsg::Error { code, .. } => Ok(Some(code)),
        other => anyhow::bail!("unexpected answer to hello: {other:?}"),
    }
}

/// Reads a socket up to its end; `Ok` once it got `error{token_revoked}` and then close 4401.
async fn expect_revoked(c: &mut Client) -> anyhow::Result<()> {
    loop {
        match c.next_event().await? {
            Event::Msg(ServerMsg::Error {
                code: ErrorCode::TokenRevoked,
                ..
            }) => break,
            Event::Msg(ServerMsg::Presence { .. } | ServerMsg::Applied { .. }) => continue,
            other => anyhow::bail!("expected error{{token_revoked}}, got {other:?}"),
        }
    }
    match c.next_event().await? {
        Event::Closed(Some(frame)) => {
            anyhow::ensure!(
                u16::from(frame.code) == CLOSE_REVOKED,
                "closed with {frame:?}"
            );
            Ok(())
        }
        other => anyhow::bail!("expected close {CLOSE_REVOKED}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_facilitator_mints_lists_and_revokes_a_named_key() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let creator = &board.facilitator_key;

    let keys = listed(&server, &board, creator).await?;
    assert_eq!(
        keys,
        vec![FacilitatorKeyInfo {
            participant_id: board.participant_id.clone(),
            name: None,
            created_at: keys[0].created_at,
            you: true,
        }]
    );

    // The name is trimmed; the key is a fresh facilitator key of its own participant.
    let backup = minted(&server, &board, creator, "  varafasilitaattori ").await?;
    assert_eq!(backup.name, "varafasilitaattori");
    assert!(backup.key.starts_with("f_") && backup.key != *creator);
    assert_ne!(backup.participant_id, board.participant_id);

    // Each facilitator sees both keys, and which one is theirs; never a key or a hash.
    let res = list(&server, &board, &backup.key).await?;
    let raw = res.text().await?;
    assert!(
        !raw.contains(&backup.key[2..]) && !raw.contains(&creator[2..]),
        "{raw}"
    );
    let entries: Vec<Value> = serde_json::from_str(&raw)?;
    for entry in &entries {
        let mut fields: Vec<&str> = entry
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        fields.sort_unstable();
        assert_eq!(fields, ["created_at", "name", "participant_id", "you"]);
    }
    let seen_by_backup: Vec<FacilitatorKeyInfo> = serde_json::from_str(&raw)?;
    let seen_by_creator = listed(&server, &board, creator).await?;
    assert_eq!(seen_by_creator.len(), 2);
    for (seen, me) in [
        (&seen_by_creator, &board.participant_id),
        (&seen_by_backup, &backup.participant_id),
    ] {
        let mine: Vec<&ParticipantId> = seen
            .iter()
            .filter(|k| k.you)
            .map(|k| &k.participant_id)
            .collect();
        assert_eq!(mine, [me]);
        let names: Vec<Option<&str>> = seen.iter().map(|k| k.name.as_deref()).collect();
        assert_eq!(names, [None, Some("varafasilitaattori")]);
    }

    // The new key opens the board as a facilitator, named.
    let (mut b, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &backup.key, None).await?;
    match &welcome {
        ServerMsg::Welcome { you, .. } => {
            assert_eq!(you.role, Role::Facilitator);
            assert_eq!(you.participant, backup.participant_id);
            assert_eq!(you.name.as_deref(), Some("varafasilitaattori"));
        }
        other => panic!("{other:?}"),
    }
    let (op, _) = post(&sections(&welcome)[0], "Varafasilitaattorin lappu");
    b.apply(op).await?;
    assert_eq!(snapshot_status(&server, &board, &backup.key).await?, 200);

    let res = revoke(&server, &board, creator, backup.participant_id.as_str()).await?;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    expect_revoked(&mut b).await?;
    assert_eq!(listed(&server, &board, creator).await?.len(), 1);
    // Gone everywhere: hello, HTTP, and managing keys.
    assert_eq!(
        hello_error(&server, &board, &backup.key).await?,
        Some(ErrorCode::BadToken)
    );
    assert_eq!(snapshot_status(&server, &board, &backup.key).await?, 401);
    assert_eq!(
        failure(list(&server, &board, &backup.key).await?).await?,
        (StatusCode::UNAUTHORIZED, ApiErrorCode::BadToken)
    );
    // What the revoked facilitator wrote stays.
    let (_, welcome) = server.facilitator(&board).await?;
    match welcome {
        ServerMsg::Welcome {
            snapshot: Some(b), ..
        } => assert_eq!(b.notes.len(), 1),
        other => panic!("{other:?}"),
    }

    // Revoking it again, or a key that never was, is 404.
    for who in [
        backup.participant_id.as_str(),
        "no-such-key",
        "not%20an%20id",
    ] {
        assert_eq!(
            failure(revoke(&server, &board, creator, who).await?).await?,
            (StatusCode::NOT_FOUND, ApiErrorCode::UnknownKey),
            "{who}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn the_backup_can_revoke_the_creator_but_nobody_their_own_key() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let creator = &board.facilitator_key;
    let backup = minted(&server, &board, creator, "varafasilitaattori").await?;

    for (key, me) in [
        (creator, &board.participant_id),
        (&backup.key, &backup.participant_id),
    ] {
        assert_eq!(
            failure(revoke(&server, &board, key, me.as_str()).await?).await?,
            (StatusCode::CONFLICT, ApiErrorCode::CannotRevokeOwnKey)
        );
    }
    assert_eq!(listed(&server, &board, creator).await?.len(), 2);

    let (mut c, _) = server.facilitator(&board).await?;
    let res = revoke(&server, &board, &backup.key, board.participant_id.as_str()).await?;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    expect_revoked(&mut c).await?;
    assert_eq!(
        hello_error(&server, &board, creator).await?,
        Some(ErrorCode::BadToken)
    );
    let keys = listed(&server, &board, &backup.key).await?;
    assert_eq!(keys.len(), 1);
    assert!(keys[0].you);
    Ok(())
}

#[tokio::test]
async fn participants_the_projector_and_strangers_cannot_manage_keys() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let other = server.create_board("Toinen työpaja", &["Ryhmä"]).await?;
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let creator = board.facilitator_key.clone();

    for (who, key, expected) in [
        (
            "a participant",
            anna.token.as_str(),
            (StatusCode::FORBIDDEN, ApiErrorCode::Forbidden),
        ),
        (
            "the projector",
            &board.projector_key,
            (StatusCode::FORBIDDEN, ApiErrorCode::Forbidden),
        ),
        (
            "another board's facilitator",
            &other.facilitator_key,
            (StatusCode::UNAUTHORIZED, ApiErrorCode::BadToken),
        ),
        (
            "a made-up key",
            "f_0000",
            (StatusCode::UNAUTHORIZED, ApiErrorCode::BadToken),
        ),
    ] {
        let calls = [
            ("mint", mint(&server, &board, key, "Kaappaaja").await?),
            ("list", list(&server, &board, key).await?),
            (
                "revoke",
                revoke(&server, &board, key, board.participant_id.as_str()).await?,
            ),
            (
                "projector key",
                new_projector_key(&server, &board, key).await?,
            ),
        ];
        for (call, res) in calls {
            assert_eq!(failure(res).await?, expected, "{who}: {call}");
        }
    }
    // No bearer header at all, and a board that does not exist.
    let res = server.http().get(keys_url(&server, &board)).send().await?;
    assert_eq!(
        failure(res).await?,
        (StatusCode::UNAUTHORIZED, ApiErrorCode::BadToken)
    );
    let res = server
        .http()
        .get(server.url("/api/boards/no-such-board/facilitator-keys"))
        .bearer_auth(&creator)
        .send()
        .await?;
    assert_eq!(
        failure(res).await?,
        (StatusCode::NOT_FOUND, ApiErrorCode::UnknownBoard)
    );

    // None of it changed anything: one facilitator key, the same projector key, Anna still in.
    assert_eq!(listed(&server, &board, &creator).await?.len(), 1);
    assert_eq!(
        hello_error(&server, &board, &board.projector_key).await?,
        None
    );
    assert_eq!(hello_error(&server, &board, &anna.token).await?, None);
    assert_eq!(hello_error(&server, &board, &creator).await?, None);
    Ok(())
}

#[tokio::test]
async fn names_are_required_and_limited_like_display_names() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let key = &board.facilitator_key;
    for name in ["", "   ", "\u{200b}", &"ä".repeat(41)] {
        assert_eq!(
            failure(mint(&server, &board, key, name).await?).await?,
            (StatusCode::UNPROCESSABLE_ENTITY, ApiErrorCode::InvalidField),
            "{name:?}"
        );
    }
    for body in [r#"{}"#, r#"{"name": 7}"#, "not json"] {
        let res = server
            .http()
            .post(keys_url(&server, &board))
            .bearer_auth(key)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        assert_eq!(
            failure(res).await?,
            (StatusCode::BAD_REQUEST, ApiErrorCode::InvalidRequest),
            "{body}"
        );
    }
    assert_eq!(listed(&server, &board, key).await?.len(), 1);
    let longest = "ä".repeat(40);
    assert_eq!(minted(&server, &board, key, &longest).await?.name, longest);
    Ok(())
}

#[tokio::test]
async fn thirty_mints_at_once_stop_at_the_cap() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let server = Arc::new(server);
    let board = Arc::new(board);
    let mints: Vec<_> = (0..30)
        .map(|i| {
            let (server, board) = (server.clone(), board.clone());
            tokio::spawn(async move {
                let res = mint(
                    &server,
                    &board,
                    &board.facilitator_key,
                    &format!("Fasilitaattori {i}"),
                )
                .await?;
                anyhow::Ok(res.status())
            })
        })
        .collect();
    let mut created = 0;
    let mut refused = 0;
    for m in mints {
        match m.await?? {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => refused += 1,
            other => anyhow::bail!("a mint answered {other}"),
        }
    }
    // The creator's key counts.
    assert_eq!(created, MAX_FACILITATOR_KEYS - 1);
    assert_eq!(refused, 30 - (MAX_FACILITATOR_KEYS - 1));
    let keys = listed(&server, &board, &board.facilitator_key).await?;
    assert_eq!(keys.len(), MAX_FACILITATOR_KEYS);
    let res = mint(&server, &board, &board.facilitator_key, "Yksi liikaa").await?;
    assert_eq!(
        failure(res).await?,
        (StatusCode::CONFLICT, ApiErrorCode::LimitReached)
    );
    // Revoking one frees its place.
    let res = revoke(
        &server,
        &board,
        &board.facilitator_key,
        keys[1].participant_id.as_str(),
    )
    .await?;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    minted(&server, &board, &board.facilitator_key, "Uusi").await?;
    Ok(())
}

#[tokio::test]
async fn two_facilitators_revoking_each_other_at_once_leave_one_in() -> anyhow::Result<()> {
    let server = Arc::new(TestServer::start().await?);
    for round in 0..10 {
        let board = Arc::new(server.create_board("Työpaja", &["Ryhmä"]).await?);
        let backup = minted(&server, &board, &board.facilitator_key, "Varalla").await?;
        let a = {
            let (server, board, target) = (
                server.clone(),
                board.clone(),
                backup.participant_id.to_string(),
            );
            tokio::spawn(async move {
                anyhow::Ok(
                    revoke(&server, &board, &board.facilitator_key, &target)
                        .await?
                        .status(),
                )
            })
        };
        let b = {
            let (server, board, key) = (server.clone(), board.clone(), backup.key.clone());
            tokio::spawn(async move {
                let target = board.participant_id.to_string();
                anyhow::Ok(revoke(&server, &board, &key, &target).await?.status())
            })
        };
        let mut answers = [a.await??, b.await??];
        answers.sort();
        assert_eq!(
            answers,
            [StatusCode::NO_CONTENT, StatusCode::UNAUTHORIZED],
            "round {round}"
        );
        let mut left = 0;
        for key in [&board.facilitator_key, &backup.key] {
            if hello_error(&server, &board, key).await?.is_none() {
                left += 1;
            }
        }
        assert_eq!(left, 1, "round {round}");
    }
    Ok(())
}

/// What the backup's socket heard until the server closed it.
struct Heard {
    /// The backup's ops it got `applied` for.
    acked: HashSet<OpId>,
    notice: bool,
    close_code: Option<u16>,
}

/// The facilitator revokes a backup whose socket keeps sending ops as fast as it can. The socket
/// is told and closed; every op of the backup that the board holds afterwards is one the backup
/// got its `applied` for before the revoke, as another member's socket and a fresh snapshot
/// show; and none it sent after the revoke's answer is applied.
#[tokio::test]
async fn a_revoked_socket_is_closed_and_none_of_its_later_ops_is_applied() -> anyhow::Result<()> {
    /// Ops the backup keeps unanswered at once, so no outbox overflows (a dropped member would
    /// be closed for falling behind, not for its key).
    const IN_FLIGHT: usize = 40;
    /// Ops the backup sends once the revoke has been answered.
    const LATE_OPS: usize = 50;
    // No op budget in the way: the backup sends as fast as the server reads.
    let server =
        TestServer::start_with(&["--ops-burst", "100000", "--ops-per-second", "100000"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let backup = minted(&server, &board, &board.facilitator_key, "Varalla").await?;
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let section = sections(&server.facilitator(&board).await?.1)[0].clone();

    let hello = |token: &str| {
        serde_json::to_string(&ClientMsg::Hello {
            board: board.board_id.clone(),
            token: token.into(),
            last_seq: None,
            group: None,
        })
    };
    // Anna's socket is the other member watching: it records the backup's applied ops until
    // the facilitator's sentinel op arrives.
    let (mut anna_ws, _) = tokio_tungstenite::connect_async(server.ws_url()).await?;
    anna_ws.send(Message::text(hello(&anna.token)?)).await?;
    // Anna is in the room before the backup sends anything.
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), anna_ws.next())
            .await?
            .ok_or_else(|| anyhow::anyhow!("Anna's socket ended before its welcome"))??;
        if let Message::Text(text) = frame
            && matches!(serde_json::from_str(&text)?, ServerMsg::Welcome { .. })
        {
            break;
        }
    }
    let sentinel: OpId = new_id();
    let watcher = {
        let sentinel = sentinel.clone();
        let backup_id = backup.participant_id.clone();
        tokio::spawn(async move {
            let mut seen = HashSet::new();
            while let Some(frame) =
                tokio::time::timeout(Duration::from_secs(20), anna_ws.next()).await?
            {
                let Message::Text(text) = frame? else {
                    continue;
                };
                if let ServerMsg::Applied { op_id, actor, .. } = serde_json::from_str(&text)? {
                    if op_id == sentinel {
                        return anyhow::Ok(seen);
                    }
                    if actor == backup_id {
                        seen.insert(op_id);
                    }
                }
            }
            anyhow::bail!("Anna's socket ended before the sentinel")
        })
    };

    let (ws, _) = tokio_tungstenite::connect_async(server.ws_url()).await?;
    let (mut to_server, mut from_server) = ws.split();
    to_server.send(Message::text(hello(&backup.key)?)).await?;
    let answered = Arc::new(AtomicUsize::new(0));
    let revoked = Arc::new(AtomicBool::new(false));
    let (ready, some_applied) = tokio::sync::oneshot::channel::<()>();
    let listener = {
        let answered = answered.clone();
        let backup_id = backup.participant_id.clone();
        tokio::spawn(async move {
            let mut ready = Some(ready);
            let mut heard = Heard {
                acked: HashSet::new(),
                notice: false,
                close_code: None,
            };
            loop {
                let frame = tokio::time::timeout(Duration::from_secs(20), from_server.next())
                    .await?
                    .ok_or_else(|| {
                        anyhow::anyhow!("the backup's socket ended without a close")
                    })??;
                match frame {
                    Message::Text(text) => match serde_json::from_str(&text)? {
                        ServerMsg::Applied { op_id, actor, .. } if actor == backup_id => {
                            anyhow::ensure!(
                                !heard.notice,
                                "an applied after the revocation notice"
                            );
                            heard.acked.insert(op_id);
                            answered.fetch_add(1, Ordering::SeqCst);
                            if heard.acked.len() >= 20 {
                                ready.take().map(|r| r.send(()));
                            }
                        }
                        ServerMsg::Error {
                            code: ErrorCode::TokenRevoked,
                            ..
                        } => heard.notice = true,
                        ServerMsg::Welcome { .. }
                        | ServerMsg::Presence { .. }
                        | ServerMsg::Applied { .. } => {}
                        other => anyhow::bail!("unexpected on the backup's socket: {other:?}"),
                    },
                    Message::Close(frame) => {
                        heard.close_code = frame.map(|f| u16::from(f.code));
                        return anyhow::Ok(heard);
                    }
                    _ => {}
                }
            }
        })
    };
    let sender = {
        let (answered, revoked, section) = (answered.clone(), revoked.clone(), section.clone());
        tokio::spawn(async move {
            let mut sent = 0;
            let mut late = Vec::new();
            while late.len() < LATE_OPS {
                let after_revoke = revoked.load(Ordering::SeqCst);
                if !after_revoke && sent - answered.load(Ordering::SeqCst) >= IN_FLIGHT {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                    continue;
                }
                let op_id: OpId = new_id();
                let msg = ClientMsg::Op {
                    op_id: op_id.clone(),
                    op: post(&section, "Varalla-lappu").0,
                };
                if to_server
                    .send(Message::text(serde_json::to_string(&msg)?))
                    .await
                    .is_err()
                {
                    break;
                }
                sent += 1;
                if after_revoke {
                    late.push(op_id);
                }
            }
            anyhow::Ok(late)
        })
    };

    // Once some of the backup's ops are in, the facilitator revokes its key.
    tokio::time::timeout(Duration::from_secs(20), some_applied).await??;
    let res = revoke(
        &server,
        &board,
        &board.facilitator_key,
        backup.participant_id.as_str(),
    )
    .await?;
    revoked.store(true, Ordering::SeqCst);
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let heard = listener.await??;
    assert!(heard.notice, "the backup was not told its key was revoked");
    assert_eq!(heard.close_code, Some(CLOSE_REVOKED));
    let late = sender.await??;

    // The backup's session passed everything it read on to the room before it closed, so once
    // the sentinel (queued after it) is applied, the room has decided every op the backup sent.
    let (mut f, _) = server.facilitator(&board).await?;
    f.op_as(&sentinel, post(&section, "Merkki").0).await?;
    f.answer_to(&sentinel).await?;
    let seen_by_anna = watcher.await??;
    assert_eq!(
        seen_by_anna.len(),
        heard.acked.len(),
        "Anna saw {} ops of the backup applied, the backup was answered for {}: the rest were \
         applied after the revoke",
        seen_by_anna.len(),
        heard.acked.len()
    );
    assert_eq!(seen_by_anna, heard.acked);
    assert!(late.iter().all(|id| !seen_by_anna.contains(id)));
    let snapshot: talkoot_shared::http::Snapshot = server
        .http()
        .get(server.url(&format!("/api/boards/{}", board.board_id)))
        .bearer_auth(&board.facilitator_key)
        .send()
        .await?
        .json()
        .await?;
    let backups_notes = snapshot
        .board
        .notes
        .values()
        .filter(|n| n.author == backup.participant_id)
        .count();
    assert_eq!(backups_notes, heard.acked.len());
    Ok(())
}

#[tokio::test]
async fn a_new_projector_key_cuts_off_the_old_one_live_socket_too() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä 1"]).await?;
    let (mut old, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let res = new_projector_key(&server, &board, &board.facilitator_key).await?;
    assert_eq!(res.status(), StatusCode::CREATED);
    let first: ProjectorKey = res.json().await?;
    assert!(first.key.starts_with("v_") && first.key != board.projector_key);
    expect_revoked(&mut old).await?;
    assert_eq!(
        hello_error(&server, &board, &board.projector_key).await?,
        Some(ErrorCode::BadToken)
    );
    assert_eq!(
        snapshot_status(&server, &board, &board.projector_key).await?,
        401
    );

    // The new key is a projector's: read-only.
    let (mut p, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &first.key, None).await?;
    match &welcome {
        ServerMsg::Welcome { you, .. } => assert_eq!(you.role, Role::Projector),
        other => panic!("{other:?}"),
    }
    let (op, _) = post(&sections(&welcome)[0], "Projektori yrittää");
    let op_id = p.op(op).await?;
    assert!(matches!(
        p.answer_to(&op_id).await?.0,
        ServerMsg::Rejected { .. }
    ));

    // A second device's facilitator (a minted key) asks again: the first new key dies too.
    let backup = minted(&server, &board, &board.facilitator_key, "Toinen laite").await?;
    let res = new_projector_key(&server, &board, &backup.key).await?;
    assert_eq!(res.status(), StatusCode::CREATED);
    let second: ProjectorKey = res.json().await?;
    expect_revoked(&mut p).await?;
    assert_eq!(
        hello_error(&server, &board, &first.key).await?,
        Some(ErrorCode::BadToken)
    );
    assert_eq!(hello_error(&server, &board, &second.key).await?, None);
    Ok(())
}

#[tokio::test]
async fn a_board_without_a_projector_key_gets_one() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Vanha työpaja", &["Ryhmä 1"]).await?;
    // As a board made before the projector role: no projector holder at all.
    let options = sqlx::sqlite::SqliteConnectOptions::from_str("sqlite://")?
        .filename(server.data_dir().join("talkoot.db"))
        .busy_timeout(Duration::from_secs(5));
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .connect_with(options)
        .await?;
    let removed = sqlx::query("DELETE FROM holders WHERE board_id = ? AND role = 'projector'")
        .bind(board.board_id.as_str())
        .execute(&pool)
        .await?;
    assert_eq!(removed.rows_affected(), 1);
    pool.close().await;
    assert_eq!(
        hello_error(&server, &board, &board.projector_key).await?,
        Some(ErrorCode::BadToken)
    );

    let res = new_projector_key(&server, &board, &board.facilitator_key).await?;
    assert_eq!(res.status(), StatusCode::CREATED);
    let key: ProjectorKey = res.json().await?;
    let (_, welcome) = Client::join(&server.ws_url(), &board.board_id, &key.key, None).await?;
    match welcome {
        ServerMsg::Welcome { you, .. } => assert_eq!(you.role, Role::Projector),
        other => panic!("{other:?}"),
    }
    Ok(())
}

/// How one `hello` racing a revoke of its key ended.
#[derive(Debug, PartialEq, Eq)]
enum Raced {
    /// Refused at hello.
    Refused,
    /// Welcomed before the revoke, then closed by it.
    Dismissed,
    /// Welcomed, and its op applied after the revoke had been answered.
    SlippedIn,
}

/// Sockets saying `hello` with a key while it is being revoked: each is refused, or let in and
/// then closed, and none of them is still in once the revoke has been answered, even one whose
/// key was checked just before it was deleted and whose join reached the room just after.
#[tokio::test]
async fn no_hello_racing_a_revoke_gets_in_after_it() -> anyhow::Result<()> {
    const HELLOS: usize = 40;
    let server = Arc::new(TestServer::start().await?);
    let board = Arc::new(server.create_board("Työpaja", &["Ryhmä"]).await?);
    let section = sections(&server.facilitator(&board).await?.1)[0].clone();
    for round in 0..5 {
        let backup = minted(&server, &board, &board.facilitator_key, "Varalla").await?;
        let (done, revoke_answered) = tokio::sync::watch::channel(false);
        let connected = Arc::new(tokio::sync::Barrier::new(HELLOS + 1));
        let hellos: Vec<_> = (0..HELLOS)
            .map(|_| {
                let (server, board, key, section) = (
                    server.clone(),
                    board.clone(),
                    backup.key.clone(),
                    section.clone(),
                );
                let mut revoke_answered = revoke_answered.clone();
                let connected = connected.clone();
                tokio::spawn(async move {
                    let mut c = Client::connect(&server.ws_url()).await?;
                    // Every socket says hello at the moment the revoke is sent.
                    connected.wait().await;
                    c.send(&ClientMsg::Hello {
                        board: board.board_id.clone(),
                        token: key,
                        last_seq: None,
                        group: None,
                    })
                    .await?;
                    match c.recv().await? {
                        ServerMsg::Error {
                            code: ErrorCode::BadToken,
                            ..
                        } => return anyhow::Ok(Raced::Refused),
                        ServerMsg::Welcome { .. } => {}
                        other => anyhow::bail!("unexpected answer to hello: {other:?}"),
                    }
                    revoke_answered.wait_for(|&done| done).await?;
                    let op_id = c.op(post(&section, "Myöhässä").0).await?;
                    loop {
                        match c.next_event().await? {
                            Event::Msg(ServerMsg::Error {
                                code: ErrorCode::TokenRevoked,
                                ..
                            }) => continue,
                            Event::Closed(Some(f)) if u16::from(f.code) == CLOSE_REVOKED => {
                                return anyhow::Ok(Raced::Dismissed);
                            }
                            Event::Msg(ServerMsg::Applied { op_id: id, .. }) if id == op_id => {
                                return anyhow::Ok(Raced::SlippedIn);
                            }
                            Event::Msg(_) => continue,
                            other => anyhow::bail!("unexpected: {other:?}"),
                        }
                    }
                })
            })
            .collect();
        connected.wait().await;
        let res = revoke(
            &server,
            &board,
            &board.facilitator_key,
            backup.participant_id.as_str(),
        )
        .await?;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
        done.send(true)?;
        let mut outcomes = Vec::new();
        for h in hellos {
            outcomes.push(h.await??);
        }
        assert!(
            !outcomes.contains(&Raced::SlippedIn),
            "round {round}: {outcomes:?}"
        );
    }
    Ok(())
}
