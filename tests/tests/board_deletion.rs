//! Deleting a board, through the real server: `DELETE /api/boards/{id}` with a facilitator key
//! deletes every row of the board from the SQLite file (checked table by table, and on the raw
//! file), closes every open socket of every role with `error{board_deleted}` then 4410, and
//! every later hello, snapshot, join and delete answers "unknown board", restarts included. Other
//! keys are refused with precise errors. Ops and hellos racing the delete are either served
//! before it or refused, never applied after it. The retention rule deletes a board that had no
//! activity for `--retention-days` (a test clock moves the server's time), through the same path.

use std::time::Duration;

use reqwest::StatusCode;
use talkoot_shared::close_code::CLOSE_BOARD_DELETED;
use talkoot_shared::http::{ApiError, ApiErrorCode, FacilitatorKeyMinted, NewFacilitatorKey};
use talkoot_shared::{BoardId, ClientMsg, ErrorCode, ServerMsg};
use talkoot_tests::client::Event;
use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer};

const DAY: Duration = Duration::from_secs(86_400);

/// `DELETE /api/boards/{board}` with `token` (none: no header).
async fn delete(
    server: &TestServer,
    board: &str,
    token: Option<&str>,
) -> anyhow::Result<reqwest::Response> {
    let mut req = server
        .http()
        .delete(server.url(&format!("/api/boards/{board}")));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    Ok(req.send().await?)
}

/// The request was refused with this status and error code.
async fn refused(res: reqwest::Response, status: StatusCode, code: ApiErrorCode) {
    assert_eq!(res.status(), status);
    let body: ApiError = res.json().await.expect("an error body");
    assert_eq!(body.error, code, "{}", body.message);
}

/// Reads a socket to its end; `Ok` once it got `error{board_deleted}` and then close 4410.
/// Before the notice only what a live board sends may come.
async fn expect_deleted(c: &mut Client) -> anyhow::Result<()> {
    loop {
        match c.next_event().await? {
            Event::Msg(ServerMsg::Error {
                code: ErrorCode::BoardDeleted,
                ..
            }) => break,
            Event::Msg(
                ServerMsg::Presence { .. } | ServerMsg::Applied { .. } | ServerMsg::Rejected { .. },
            ) => continue,
            other => anyhow::bail!("expected error{{board_deleted}}, got {other:?}"),
        }
    }
    match c.next_event().await? {
        Event::Closed(Some(frame)) => {
            anyhow::ensure!(
                u16::from(frame.code) == CLOSE_BOARD_DELETED,
                "closed with {frame:?}"
            );
            Ok(())
        }
        other => anyhow::bail!("expected close {CLOSE_BOARD_DELETED}, got {other:?}"),
    }
}

/// Says hello; the error code it is answered with, or `None` for a welcome.
async fn hello(
    server: &TestServer,
    board: &BoardId,
    token: &str,
) -> anyhow::Result<Option<ErrorCode>> {
    let mut c = Client::connect(&server.ws_url()).await?;
    c.send(&ClientMsg::Hello {
        board: board.clone(),
        token: token.into(),
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

/// Nothing of the board is left in any table: not its id, its join code or `text`.
async fn nothing_left(server: &TestServer, needles: &[&str]) -> anyhow::Result<()> {
    for needle in needles {
        let found = server.rows_mentioning(needle).await?;
        anyhow::ensure!(found.is_empty(), "{needle:?} is still in {found:?}");
    }
    Ok(())
}

async fn mint(
    server: &TestServer,
    board: &BoardId,
    key: &str,
) -> anyhow::Result<FacilitatorKeyMinted> {
    let res = server
        .http()
        .post(server.url(&format!("/api/boards/{board}/facilitator-keys")))
        .bearer_auth(key)
        .json(&NewFacilitatorKey {
            name: "Varafasilitaattori".into(),
        })
        .send()
        .await?;
    anyhow::ensure!(res.status() == 201, "mint: {}", res.status());
    Ok(res.json().await?)
}

#[tokio::test]
async fn a_facilitator_deletes_a_board_and_nothing_of_it_is_left() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server
        .create_board("Poistettava työpaja", &["Ryhmä 1"])
        .await?;
    let other = server.create_board("Naapuri", &["Ryhmä A"]).await?;
    let id = board.board_id.as_str();
    let backup = mint(&server, &board.board_id, &board.facilitator_key).await?;
    let revoked = mint(&server, &board.board_id, &board.facilitator_key).await?;
    let res = server
        .http()
        .delete(server.url(&format!(
            "/api/boards/{id}/facilitator-keys/{}",
            revoked.participant_id
        )))
        .bearer_auth(&board.facilitator_key)
        .send()
        .await?;
    assert_eq!(res.status(), 204);
    let anna = server.join(&board.join_code, Some("Anna Salainen")).await?;

    // A socket of every role, and something written that must go with the board.
    let (mut f, welcome) = server.facilitator(&board).await?;
    let (mut f2, _) = Client::join(&server.ws_url(), &board.board_id, &backup.key, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let (mut neighbour, n_welcome) = server.facilitator(&other).await?;
    let s = sections(&welcome);
    let marker = "Salainen kehittämistarve 7f3a";
    f.apply(post(&s[0], marker).0).await?;

    // Only a facilitator key of this very board may delete it, each refusal said precisely.
    refused(
        delete(&server, id, Some(&anna.token)).await?,
        StatusCode::FORBIDDEN,
        ApiErrorCode::Forbidden,
    )
    .await;
    refused(
        delete(&server, id, Some(&board.projector_key)).await?,
        StatusCode::FORBIDDEN,
        ApiErrorCode::Forbidden,
    )
    .await;
    refused(
        delete(&server, id, None).await?,
        StatusCode::UNAUTHORIZED,
        ApiErrorCode::BadToken,
    )
    .await;
    refused(
        delete(&server, id, Some(&revoked.key)).await?,
        StatusCode::UNAUTHORIZED,
        ApiErrorCode::BadToken,
    )
    .await;
    refused(
        delete(&server, id, Some(&other.facilitator_key)).await?,
        StatusCode::UNAUTHORIZED,
        ApiErrorCode::BadToken,
    )
    .await;
    refused(
        delete(&server, "not-a-board", Some(&board.facilitator_key)).await?,
        StatusCode::NOT_FOUND,
        ApiErrorCode::UnknownBoard,
    )
    .await;
    anyhow::ensure!(
        server
            .snapshot(&board.board_id, &board.facilitator_key)
            .await
            .is_ok(),
        "the refusals deleted nothing"
    );

    let res = delete(&server, id, Some(&backup.key)).await?;
    assert_eq!(
        res.status(),
        204,
        "a second facilitator's key deletes the board"
    );

    // Every socket on the board hears why, whatever its role; the neighbour's board lives on.
    for (who, c) in [
        ("facilitator", &mut f),
        ("backup", &mut f2),
        ("participant", &mut p),
        ("projector", &mut v),
    ] {
        expect_deleted(c)
            .await
            .map_err(|e| e.context(format!("the {who}'s socket")))?;
    }
    neighbour
        .apply(post(&sections(&n_welcome)[0], "Naapurin lappu").0)
        .await?;

    // The board is unknown to every way in.
    for token in [&board.facilitator_key, &anna.token, &board.projector_key] {
        assert_eq!(
            hello(&server, &board.board_id, token).await?,
            Some(ErrorCode::UnknownBoard)
        );
    }
    let res = server
        .http()
        .get(server.url(&format!("/api/boards/{id}")))
        .bearer_auth(&board.facilitator_key)
        .send()
        .await?;
    refused(res, StatusCode::NOT_FOUND, ApiErrorCode::UnknownBoard).await;
    let res = server
        .http()
        .post(server.url("/api/join"))
        .json(&serde_json::json!({ "code": board.join_code }))
        .send()
        .await?;
    refused(res, StatusCode::NOT_FOUND, ApiErrorCode::UnknownCode).await;
    refused(
        delete(&server, id, Some(&board.facilitator_key)).await?,
        StatusCode::NOT_FOUND,
        ApiErrorCode::UnknownBoard,
    )
    .await;

    // Not a row of it is left in any table of the file; the neighbour's rows are.
    nothing_left(
        &server,
        &[
            id,
            &board.join_code,
            marker,
            "Anna Salainen",
            anna.participant_id.as_str(),
        ],
    )
    .await?;
    anyhow::ensure!(
        !server
            .rows_mentioning(other.board_id.as_str())
            .await?
            .is_empty(),
        "the neighbour's board must stay"
    );

    // A restart brings nothing back, and the deleted text is not in the file's bytes either.
    server.restart().await?;
    assert_eq!(
        hello(&server, &board.board_id, &board.facilitator_key).await?,
        Some(ErrorCode::UnknownBoard)
    );
    assert_eq!(
        hello(&server, &other.board_id, &other.facilitator_key).await?,
        None
    );
    server.terminate().await?;
    for file in ["talkoot.db", "talkoot.db-wal"] {
        let path = server.data_dir().join(file);
        if let Ok(bytes) = std::fs::read(&path) {
            let found = bytes.windows(marker.len()).any(|w| w == marker.as_bytes());
            anyhow::ensure!(!found, "the deleted note's text is still in {file}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn ops_and_hellos_racing_a_delete_never_bring_the_board_back() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    for round in 0..3 {
        let board = server
            .create_board(&format!("Kilpajuoksu {round}"), &["Ryhmä 1"])
            .await?;
        let id = board.board_id.clone();
        let (mut f, welcome) = server.facilitator(&board).await?;
        let s = sections(&welcome);
        // A stream of ops in flight (some in a group commit) when the delete lands.
        let mut sent = Vec::new();
        for i in 0..40 {
            sent.push(
                f.op(post(&s[0], &format!("Kisalappu {round}-{i}")).0)
                    .await?,
            );
        }
        let hellos = (0..8).map(|_| {
            let (url, id, key) = (server.ws_url(), id.clone(), board.facilitator_key.clone());
            tokio::spawn(async move {
                let mut c = Client::connect(&url).await?;
                c.send(&ClientMsg::Hello {
                    board: id,
                    token: key,
                    last_seq: None,
                    group: None,
                })
                .await?;
                match c.next_event().await? {
                    // Welcomed before the delete: then told it is deleted.
                    Event::Msg(ServerMsg::Welcome { .. }) => {
                        expect_deleted(&mut c).await.map(|()| "welcomed")
                    }
                    Event::Msg(ServerMsg::Error {
                        code: ErrorCode::UnknownBoard,
                        ..
                    }) => Ok("unknown"),
                    other => anyhow::bail!("a racing hello got {other:?}"),
                }
            })
        });
        let hellos: Vec<_> = hellos.collect();
        // Phones joining with the code meanwhile: in before the delete, or told the code is unknown.
        let joins: Vec<_> = (0..8)
            .map(|_| {
                let (http, url, code) = (
                    server.http().clone(),
                    server.url("/api/join"),
                    board.join_code.clone(),
                );
                tokio::spawn(async move {
                    let res = http
                        .post(url)
                        .json(&serde_json::json!({ "code": code }))
                        .send()
                        .await?;
                    match res.status().as_u16() {
                        200 => Ok(()),
                        404 => {
                            let body: ApiError = res.json().await?;
                            anyhow::ensure!(body.error == ApiErrorCode::UnknownCode, "{body:?}");
                            Ok(())
                        }
                        other => anyhow::bail!("a racing join got {other}"),
                    }
                })
            })
            .collect();
        let res = delete(&server, id.as_str(), Some(&board.facilitator_key)).await?;
        assert_eq!(res.status(), 204);

        // Every op answered before the notice was applied before the delete; none after it.
        let mut applied = 0;
        loop {
            match f.next_event().await? {
                Event::Msg(ServerMsg::Applied { op_id, .. }) => {
                    anyhow::ensure!(sent.contains(&op_id), "an op nobody sent was applied");
                    applied += 1;
                }
                Event::Msg(ServerMsg::Presence { .. }) => {}
                Event::Msg(ServerMsg::Error {
                    code: ErrorCode::BoardDeleted,
                    ..
                }) => break,
                other => anyhow::bail!("expected applied ops, then board_deleted: {other:?}"),
            }
        }
        match f.next_event().await? {
            Event::Closed(Some(frame)) => assert_eq!(u16::from(frame.code), CLOSE_BOARD_DELETED),
            other => anyhow::bail!("expected close 4410, got {other:?}"),
        }
        for h in hellos {
            h.await??;
        }
        for j in joins {
            j.await??;
        }
        eprintln!(
            "round {round}: {applied} of {} ops applied before the delete",
            sent.len()
        );
        nothing_left(
            &server,
            &[
                id.as_str(),
                &board.join_code,
                &format!("Kisalappu {round}-"),
            ],
        )
        .await?;
        assert_eq!(
            hello(&server, &id, &board.facilitator_key).await?,
            Some(ErrorCode::UnknownBoard)
        );
    }
    server.restart().await?;
    nothing_left(&server, &["Kisalappu"]).await?;
    Ok(())
}

#[tokio::test]
async fn the_retention_rule_deletes_boards_inactive_for_its_period() -> anyhow::Result<()> {
    let server = TestServer::start_with_test_clock(&["--retention-days", "30"]).await?;
    let old = server
        .create_board("Unohtunut työpaja", &["Ryhmä 1"])
        .await?;
    let active = server
        .create_board("Käytössä oleva työpaja", &["Ryhmä 1"])
        .await?;
    let anna = server.join(&old.join_code, Some("Anna")).await?;

    // Facilitators are told when the board goes if nothing happens; nobody else is.
    let (mut fa, welcome) = server.facilitator(&active).await?;
    let made = match &welcome {
        ServerMsg::Welcome {
            retention: Some(r),
            server_time,
            ..
        } => {
            assert_eq!(r.inactive_days, 30);
            let made = r.deletes_at - 30 * DAY.as_millis() as u64;
            anyhow::ensure!(
                made <= *server_time && made + 60_000 > *server_time,
                "deletes_at should be 30 days after the board was made: {r:?}"
            );
            made
        }
        other => anyhow::bail!("a facilitator's welcome should carry the retention: {other:?}"),
    };
    let (_, p_welcome) = Client::join(&server.ws_url(), &old.board_id, &anna.token, None).await?;
    assert!(
        matches!(
            p_welcome,
            ServerMsg::Welcome {
                retention: None,
                ..
            }
        ),
        "a participant is not told: {p_welcome:?}"
    );
    let (_, v_welcome) =
        Client::join(&server.ws_url(), &old.board_id, &old.projector_key, None).await?;
    assert!(
        matches!(
            v_welcome,
            ServerMsg::Welcome {
                retention: None,
                ..
            }
        ),
        "a projector is not told"
    );

    // Twenty days on, the active board has activity: its period starts again.
    server.move_clock(20 * DAY).await?;
    fa.apply(post(&sections(&welcome)[0], "Yhä käytössä").0)
        .await?;
    let (_, again) = server.facilitator(&active).await?;
    match &again {
        ServerMsg::Welcome {
            retention: Some(r), ..
        } => anyhow::ensure!(
            r.deletes_at >= made + 50 * DAY.as_millis() as u64,
            "an op 20 days on should move deletes_at to 50 days after the start: {r:?}"
        ),
        other => anyhow::bail!("expected a welcome with retention: {other:?}"),
    }

    // Open sockets on the old board, of each role, when its 30 days are up.
    let (mut f_old, _) = server.facilitator(&old).await?;
    let (mut p_old, _) = Client::join(&server.ws_url(), &old.board_id, &anna.token, None).await?;
    let (mut v_old, _) =
        Client::join(&server.ws_url(), &old.board_id, &old.projector_key, None).await?;
    server.move_clock(31 * DAY).await?;
    for (who, c) in [
        ("facilitator", &mut f_old),
        ("participant", &mut p_old),
        ("projector", &mut v_old),
    ] {
        expect_deleted(c)
            .await
            .map_err(|e| e.context(format!("the old board's {who}")))?;
    }
    assert_eq!(
        hello(&server, &old.board_id, &old.facilitator_key).await?,
        Some(ErrorCode::UnknownBoard)
    );
    nothing_left(&server, &[old.board_id.as_str(), &old.join_code, "Anna"]).await?;

    // The active board (11 days since its last op) is kept, and its socket still works.
    fa.apply(post(&sections(&welcome)[0], "Edelleen täällä").0)
        .await?;
    assert_eq!(
        hello(&server, &active.board_id, &active.facilitator_key).await?,
        None
    );

    // Once it too has been left alone for 30 days, it goes as well.
    server.move_clock(62 * DAY).await?;
    expect_deleted(&mut fa).await?;
    assert_eq!(
        hello(&server, &active.board_id, &active.facilitator_key).await?,
        Some(ErrorCode::UnknownBoard)
    );
    Ok(())
}

#[tokio::test]
async fn retention_days_0_keeps_boards_for_ever() -> anyhow::Result<()> {
    let server = TestServer::start_with_test_clock(&["--retention-days", "0"]).await?;
    let board = server.create_board("Ikuinen työpaja", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    assert!(
        matches!(
            welcome,
            ServerMsg::Welcome {
                retention: None,
                ..
            }
        ),
        "no deletion date when boards are kept: {welcome:?}"
    );
    server.move_clock(3650 * DAY).await?;
    // The sweep is off: ten years on the board and its socket are still there.
    f.apply(post(&sections(&welcome)[0], "Kymmenen vuotta myöhemmin").0)
        .await?;
    assert_eq!(
        hello(&server, &board.board_id, &board.facilitator_key).await?,
        None
    );
    Ok(())
}

#[tokio::test]
async fn boards_from_before_the_rule_get_a_whole_period_from_the_upgrade() -> anyhow::Result<()> {
    use std::str::FromStr;
    use std::time::{SystemTime, UNIX_EPOCH};

    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    use talkoot_shared::{Board, BoardMeta, Language};

    // A database as the release before retention left it: a board made 400 days ago.
    let dir = tempfile::tempdir()?;
    let old_migrations = tempfile::tempdir()?;
    for file in ["0001_boards.sql", "0002_projector_role.sql"] {
        std::fs::copy(
            format!("{}/../migrations/sqlite/{file}", env!("CARGO_MANIFEST_DIR")),
            old_migrations.path().join(file),
        )?;
    }
    let options = SqliteConnectOptions::from_str("sqlite://")?
        .filename(dir.path().join("talkoot.db"))
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new().connect_with(options).await?;
    sqlx::migrate::Migrator::new(old_migrations.path())
        .await?
        .run(&pool)
        .await?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let made = now - 400 * DAY.as_millis() as i64;
    let board_id: BoardId = talkoot_tests::new_id();
    let board = Board::new(
        board_id.clone(),
        BoardMeta {
            title: "Vanha työpaja".into(),
            description: String::new(),
            language: Language::Fi,
        },
    );
    sqlx::query("INSERT INTO boards (id, join_code, created_at) VALUES (?, '12345678', ?)")
        .bind(board_id.as_str())
        .bind(made)
        .execute(&pool)
        .await?;
    let key = "f_made_before_retention";
    sqlx::query(
        "INSERT INTO holders (token_hash, board_id, participant_id, role, name, created_at) \
         VALUES (?, ?, ?, 'facilitator', NULL, ?)",
    )
    .bind(talkoot::secret::hash_secret(key))
    .bind(board_id.as_str())
    .bind(talkoot_tests::new_id::<talkoot_shared::ParticipantId>().as_str())
    .bind(made)
    .execute(&pool)
    .await?;
    sqlx::query("INSERT INTO snapshots (board_id, seq, board, at) VALUES (?, 0, ?, ?)")
        .bind(board_id.as_str())
        .bind(serde_json::to_string(&board)?)
        .bind(made)
        .execute(&pool)
        .await?;
    pool.close().await;

    // Today's server (180 days by default) keeps it, and counts from the upgrade.
    let server = TestServer::start_on(dir).await?;
    let (_, welcome) = Client::join(&server.ws_url(), &board_id, key, None).await?;
    match welcome {
        ServerMsg::Welcome {
            retention: Some(r),
            server_time,
            ..
        } => {
            assert_eq!(r.inactive_days, 180);
            let from = r.deletes_at - 180 * DAY.as_millis() as u64;
            anyhow::ensure!(
                from >= now as u64 && from <= server_time,
                "the period should start at the upgrade: {r:?}"
            );
        }
        other => anyhow::bail!("expected a facilitator's welcome with retention: {other:?}"),
    }
    Ok(())
}
