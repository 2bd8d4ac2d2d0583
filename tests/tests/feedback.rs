//! The feedback form through the real server: while the facilitator has feedback open, anyone
//! but the projector answers once (rating 1–5 and free text) and may change the answer; closing
//! refuses new answers and keeps the old. Answers go over HTTP into their own table, never into
//! the op log, and nobody but a facilitator reads the (anonymous) summary.

use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use talkoot_shared::http::{ApiError, ApiErrorCode, BoardCreated, FeedbackSummary, StoredFeedback};
use talkoot_shared::limits::MAX_FEEDBACK_CHARS;
use talkoot_shared::{Change, Op, ServerMsg};
use talkoot_tests::ops::{applied, snapshot};
use talkoot_tests::{Client, TestServer};

fn feedback_url(server: &TestServer, board: &BoardCreated, tail: &str) -> String {
    server.url(&format!("/api/boards/{}/feedback{tail}", board.board_id))
}

async fn put(
    server: &TestServer,
    board: &BoardCreated,
    token: &str,
    body: Value,
) -> anyhow::Result<Response> {
    Ok(server
        .http()
        .put(feedback_url(server, board, ""))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await?)
}

async fn answered(
    server: &TestServer,
    board: &BoardCreated,
    token: &str,
    rating: u8,
    text: &str,
) -> anyhow::Result<StoredFeedback> {
    let res = put(
        server,
        board,
        token,
        json!({ "rating": rating, "text": text }),
    )
    .await?;
    anyhow::ensure!(res.status() == StatusCode::OK, "answer: {}", res.status());
    Ok(res.json().await?)
}

async fn get(
    server: &TestServer,
    board: &BoardCreated,
    tail: &str,
    token: &str,
) -> anyhow::Result<Response> {
    Ok(server
        .http()
        .get(feedback_url(server, board, tail))
        .bearer_auth(token)
        .send()
        .await?)
}

async fn mine(
    server: &TestServer,
    board: &BoardCreated,
    token: &str,
) -> anyhow::Result<Option<StoredFeedback>> {
    let res = get(server, board, "/mine", token).await?;
    anyhow::ensure!(res.status() == StatusCode::OK, "mine: {}", res.status());
    Ok(res.json().await?)
}

async fn summary(server: &TestServer, board: &BoardCreated) -> anyhow::Result<FeedbackSummary> {
    let res = get(server, board, "", &board.facilitator_key).await?;
    anyhow::ensure!(res.status() == StatusCode::OK, "summary: {}", res.status());
    Ok(res.json().await?)
}

async fn error(res: Response, status: StatusCode) -> anyhow::Result<ApiErrorCode> {
    anyhow::ensure!(
        res.status() == status,
        "expected {status}, got {}",
        res.status()
    );
    Ok(res.json::<ApiError>().await?.error)
}

/// Opens (or closes) feedback as the facilitator; returns the op's seq.
async fn set_open(facilitator: &mut Client, open: bool) -> anyhow::Result<u64> {
    let op_id = facilitator.op(Op::SetFeedbackOpen { open }).await?;
    let (answer, _) = facilitator.answer_to(&op_id).await?;
    let (seq, _, changes) = applied(&answer);
    assert_eq!(changes, [Change::FeedbackOpen { open }]);
    Ok(seq)
}

async fn board_with_feedback_open(server: &TestServer) -> anyhow::Result<(BoardCreated, Client)> {
    let board = server.create_board("Palaute", &["Ryhmä 1"]).await?;
    let (mut facilitator, _) = server.facilitator(&board).await?;
    set_open(&mut facilitator, true).await?;
    Ok((board, facilitator))
}

#[tokio::test]
async fn an_answer_is_given_once_and_changed_in_place() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (board, _facilitator) = board_with_feedback_open(&server).await?;
    let aino = server.join(&board.join_code, Some("Aino")).await?;
    let ben = server.join(&board.join_code, None).await?;

    assert_eq!(mine(&server, &board, &aino.token).await?, None);
    let first = answered(&server, &board, &aino.token, 2, "  Liian nopea tahti  ").await?;
    assert_eq!(
        (first.rating, first.text.as_str()),
        (2, "Liian nopea tahti")
    );
    assert_eq!(
        mine(&server, &board, &aino.token).await?,
        Some(first.clone())
    );
    answered(&server, &board, &ben.token, 5, "").await?;
    let s = summary(&server, &board).await?;
    assert_eq!((s.count, s.distribution), (2, [0, 1, 0, 0, 1]));
    assert_eq!(s.average, Some(3.5));
    assert_eq!(s.texts, ["Liian nopea tahti"]);

    // Changing the answer replaces it: still two answers, and the old text is gone.
    let changed = answered(&server, &board, &aino.token, 4, "Hyvä tahti lopulta").await?;
    assert_eq!(mine(&server, &board, &aino.token).await?, Some(changed));
    let s = summary(&server, &board).await?;
    assert_eq!((s.count, s.distribution), (2, [0, 0, 0, 1, 1]));
    assert_eq!(s.average, Some(4.5));
    assert_eq!(s.texts, ["Hyvä tahti lopulta"]);
    // A facilitator answers too.
    answered(&server, &board, &board.facilitator_key, 3, "Toimi").await?;
    assert_eq!(summary(&server, &board).await?.count, 3);
    Ok(())
}

#[tokio::test]
async fn closed_feedback_refuses_answers_and_keeps_the_ones_given() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Palaute", &["Ryhmä 1"]).await?;
    let (mut facilitator, welcome) = server.facilitator(&board).await?;
    assert!(
        !snapshot(&welcome).feedback_open,
        "a new board has feedback closed"
    );
    let aino = server.join(&board.join_code, Some("Aino")).await?;
    let res = put(
        &server,
        &board,
        &aino.token,
        json!({ "rating": 3, "text": "" }),
    )
    .await?;
    assert_eq!(
        error(res, StatusCode::CONFLICT).await?,
        ApiErrorCode::FeedbackClosed
    );

    set_open(&mut facilitator, true).await?;
    let given = answered(&server, &board, &aino.token, 4, "Kiitos").await?;
    set_open(&mut facilitator, false).await?;
    let res = put(
        &server,
        &board,
        &aino.token,
        json!({ "rating": 1, "text": "Muutin mieleni" }),
    )
    .await?;
    assert_eq!(
        error(res, StatusCode::CONFLICT).await?,
        ApiErrorCode::FeedbackClosed
    );
    assert_eq!(mine(&server, &board, &aino.token).await?, Some(given));
    let s = summary(&server, &board).await?;
    assert_eq!((s.count, s.texts), (1, vec!["Kiitos".to_string()]));
    Ok(())
}

#[tokio::test]
async fn every_screen_hears_feedback_open_and_no_answer_travels_the_socket() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Palaute", &["Ryhmä 1"]).await?;
    let (mut facilitator, _) = server.facilitator(&board).await?;
    let aino = server.join(&board.join_code, Some("Aino")).await?;
    let (mut phone, _) = Client::join(&server.ws_url(), &board.board_id, &aino.token, None).await?;
    let (mut projector, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;

    // Only a facilitator opens it.
    let reason = phone.rejection(Op::SetFeedbackOpen { open: true }).await?;
    assert_eq!(reason, talkoot_shared::RejectReason::Forbidden);
    set_open(&mut facilitator, true).await?;
    for screen in [&mut phone, &mut projector] {
        match screen.recv_content().await? {
            ServerMsg::Applied { changes, .. } => {
                assert_eq!(changes, [Change::FeedbackOpen { open: true }])
            }
            other => anyhow::bail!("expected applied, got {other:?}"),
        }
    }
    answered(&server, &board, &aino.token, 5, "Salainen palaute").await?;
    let closed = set_open(&mut facilitator, false).await?;
    // What the phone hears up to the close holds no answer.
    let (frames, _) = phone.frames_through(closed).await?;
    talkoot_tests::client::assert_never_sent(&frames, &["Salainen palaute"], "the phone");
    let snap = server.snapshot(&board.board_id, &aino.token).await?;
    assert!(!snap.board.feedback_open);
    let body = server
        .snapshot_body(&board.board_id, &board.facilitator_key)
        .await?;
    assert!(
        !body.contains("Salainen palaute"),
        "no answer in the board snapshot"
    );
    Ok(())
}

#[tokio::test]
async fn answers_are_anonymous_and_only_facilitators_read_the_summary() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (board, _facilitator) = board_with_feedback_open(&server).await?;
    let aino = server
        .join(&board.join_code, Some("Aino Ainutlaatuinen"))
        .await?;
    let ben = server.join(&board.join_code, Some("Ben")).await?;
    answered(&server, &board, &aino.token, 5, "Ainon palaute").await?;

    // Ben sees only his own (none), never Aino's or the summary.
    assert_eq!(mine(&server, &board, &ben.token).await?, None);
    let res = get(&server, &board, "", &ben.token).await?;
    assert_eq!(
        error(res, StatusCode::FORBIDDEN).await?,
        ApiErrorCode::Forbidden
    );
    let res = get(&server, &board, "", &board.projector_key).await?;
    assert_eq!(
        error(res, StatusCode::FORBIDDEN).await?,
        ApiErrorCode::Forbidden
    );
    let res = get(&server, &board, "", "p_wrong").await?;
    assert_eq!(
        error(res, StatusCode::UNAUTHORIZED).await?,
        ApiErrorCode::BadToken
    );

    // The summary names nobody.
    let body = get(&server, &board, "", &board.facilitator_key)
        .await?
        .text()
        .await?;
    assert!(body.contains("Ainon palaute"));
    for secret in [
        aino.participant_id.as_str(),
        "Aino Ainutlaatuinen",
        "updated_at",
    ] {
        assert!(!body.contains(secret), "summary holds {secret}: {body}");
    }
    Ok(())
}

#[tokio::test]
async fn the_projector_and_unknown_boards_are_refused() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (board, _facilitator) = board_with_feedback_open(&server).await?;
    let res = put(
        &server,
        &board,
        &board.projector_key,
        json!({ "rating": 5, "text": "" }),
    )
    .await?;
    assert_eq!(
        error(res, StatusCode::FORBIDDEN).await?,
        ApiErrorCode::Forbidden
    );

    let other = server.create_board("Toinen", &[]).await?;
    let unknown = BoardCreated {
        board_id: talkoot_tests::new_id(),
        ..other.clone()
    };
    let res = put(
        &server,
        &unknown,
        &other.facilitator_key,
        json!({ "rating": 5 }),
    )
    .await?;
    assert_eq!(
        error(res, StatusCode::NOT_FOUND).await?,
        ApiErrorCode::UnknownBoard
    );
    let res = get(&server, &unknown, "/mine", &other.facilitator_key).await?;
    assert_eq!(
        error(res, StatusCode::NOT_FOUND).await?,
        ApiErrorCode::UnknownBoard
    );
    // Another board's key opens nothing here.
    let res = put(
        &server,
        &board,
        &other.facilitator_key,
        json!({ "rating": 5 }),
    )
    .await?;
    assert_eq!(
        error(res, StatusCode::UNAUTHORIZED).await?,
        ApiErrorCode::BadToken
    );
    assert_eq!(summary(&server, &board).await?.count, 0);
    Ok(())
}

#[tokio::test]
async fn bad_ratings_and_overlong_texts_are_refused_as_invalid_fields() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (board, _facilitator) = board_with_feedback_open(&server).await?;
    let aino = server.join(&board.join_code, None).await?;
    for body in [
        json!({ "rating": 0, "text": "" }),
        json!({ "rating": 6, "text": "" }),
        json!({ "rating": 3.5, "text": "" }),
        json!({ "rating": "3", "text": "" }),
        json!({ "rating": -1, "text": "" }),
        json!({ "rating": 300, "text": "" }),
        json!({ "text": "ei arvosanaa" }),
        json!({ "rating": 3, "text": "ä".repeat(MAX_FEEDBACK_CHARS + 1) }),
        json!({ "rating": 3, "text": "Soita, hetu 131052-308T" }),
    ] {
        let res = put(&server, &board, &aino.token, body.clone()).await?;
        assert_eq!(
            error(res, StatusCode::UNPROCESSABLE_ENTITY).await?,
            ApiErrorCode::InvalidField,
            "{body}"
        );
    }
    let res = server
        .http()
        .put(feedback_url(&server, &board, ""))
        .bearer_auth(&aino.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await?;
    assert_eq!(
        error(res, StatusCode::BAD_REQUEST).await?,
        ApiErrorCode::InvalidRequest
    );
    assert_eq!(mine(&server, &board, &aino.token).await?, None);
    // The longest text is taken whole.
    let longest = "ä".repeat(MAX_FEEDBACK_CHARS);
    assert_eq!(
        answered(&server, &board, &aino.token, 1, &longest)
            .await?
            .text,
        longest
    );
    Ok(())
}

#[tokio::test]
async fn racing_answers_from_one_participant_leave_one() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (board, _facilitator) = board_with_feedback_open(&server).await?;
    let aino = server.join(&board.join_code, None).await?;
    let answers = (1..=12u8).map(|i| {
        let (server, board, token) = (&server, &board, aino.token.clone());
        async move { answered(server, board, &token, i % 5 + 1, &format!("vastaus {i}")).await }
    });
    let stored = futures_util::future::try_join_all(answers).await?;
    let s = summary(&server, &board).await?;
    assert_eq!(s.count, 1, "{s:?}");
    assert_eq!(s.texts.len(), 1);
    // The one kept is one of those sent, whole.
    let kept = mine(&server, &board, &aino.token)
        .await?
        .expect("an answer");
    assert!(stored.contains(&kept), "{kept:?}");
    assert_eq!(s.texts[0], kept.text);
    Ok(())
}

#[tokio::test]
async fn a_flood_of_answers_from_one_holder_is_held_back_and_others_still_answer()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (board, _facilitator) = board_with_feedback_open(&server).await?;
    let flooder = server.join(&board.join_code, None).await?;
    let calm = server.join(&board.join_code, None).await?;
    let mut limited = None;
    for i in 0..(talkoot::limits::FEEDBACK_ANSWER_BURST + 5) {
        let res = put(
            &server,
            &board,
            &flooder.token,
            json!({ "rating": 3, "text": format!("{i}") }),
        )
        .await?;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = res.headers().get("retry-after").cloned();
            assert_eq!(
                error(res, StatusCode::TOO_MANY_REQUESTS).await?,
                ApiErrorCode::RateLimited
            );
            break;
        }
        assert_eq!(res.status(), StatusCode::OK);
    }
    let wait = limited.expect("the flood should be held back");
    assert!(wait.to_str()?.parse::<u64>()? >= 1, "Retry-After: {wait:?}");
    answered(&server, &board, &calm.token, 5, "").await?;
    assert_eq!(summary(&server, &board).await?.count, 2);
    Ok(())
}

async fn export(server: &TestServer, board: &BoardCreated, query: &str) -> anyhow::Result<String> {
    let res = server
        .http()
        .get(server.url(&format!("/api/boards/{}/export?{query}", board.board_id)))
        .bearer_auth(&board.facilitator_key)
        .send()
        .await?;
    anyhow::ensure!(res.status() == StatusCode::OK, "export: {}", res.status());
    Ok(res.text().await?)
}

#[tokio::test]
async fn the_kooste_carries_the_feedback_without_names_in_every_format() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (board, _facilitator) = board_with_feedback_open(&server).await?;
    let json: Value = serde_json::from_str(&export(&server, &board, "format=json").await?)?;
    assert_eq!(json["feedback"], Value::Null, "nobody answered yet");
    let aino = server
        .join(&board.join_code, Some("Aino Ainutlaatuinen"))
        .await?;
    let ben = server.join(&board.join_code, Some("Ben Bensonen")).await?;
    answered(&server, &board, &aino.token, 5, "Selkeä <b>tehtävä</b>").await?;
    answered(&server, &board, &ben.token, 2, "").await?;

    let json: Value =
        serde_json::from_str(&export(&server, &board, "format=json&names=true").await?)?;
    assert_eq!(json["feedback"]["count"], 2);
    assert_eq!(json["feedback"]["distribution"], json!([0, 1, 0, 0, 1]));
    assert_eq!(json["feedback"]["average"], 3.5);
    let md = export(&server, &board, "format=md&names=true").await?;
    assert!(md.contains("### Palaute"), "{md}");
    assert!(md.contains("Vastauksia: 2. Keskiarvo: 3,5 / 5."), "{md}");
    assert!(md.contains("| 5 | 1 |") && md.contains("| 2 | 1 |"), "{md}");
    assert!(
        md.contains("- Selkeä \\<b\\>tehtävä\\</b\\>"),
        "escaped: {md}"
    );
    let html = export(&server, &board, "format=html&names=true").await?;
    assert!(
        html.contains("<h3>Palaute</h3>") && html.contains("Selkeä &lt;b&gt;tehtävä&lt;/b&gt;"),
        "{html}"
    );
    let csv = export(&server, &board, "format=csv&names=true").await?;
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Palaute,") && l.contains("Selkeä")),
        "{csv}"
    );
    for (format, body) in [
        ("json", json.to_string()),
        ("md", md),
        ("html", html),
        ("csv", csv),
    ] {
        for name in [
            "Aino Ainutlaatuinen",
            "Ben Bensonen",
            aino.participant_id.as_str(),
        ] {
            assert!(!body.contains(name), "the {format} kooste names {name}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn answers_and_the_open_switch_survive_a_restart_and_go_with_the_board() -> anyhow::Result<()>
{
    let mut server = TestServer::start().await?;
    let (board, facilitator) = board_with_feedback_open(&server).await?;
    let aino = server.join(&board.join_code, None).await?;
    let given = answered(&server, &board, &aino.token, 4, "Pysyvä").await?;
    facilitator.close().await?;
    server.restart().await?;

    assert_eq!(mine(&server, &board, &aino.token).await?, Some(given));
    let snap = server.snapshot(&board.board_id, &aino.token).await?;
    assert!(
        snap.board.feedback_open,
        "feedback is still open after the restart"
    );
    answered(&server, &board, &aino.token, 5, "Yhä auki").await?;
    assert_eq!(summary(&server, &board).await?.texts, ["Yhä auki"]);

    // Deleting the board deletes its answers (ON DELETE CASCADE).
    server.terminate().await?;
    server.delete_board(board.board_id.as_str()).await?;
    let options =
        sqlx::sqlite::SqliteConnectOptions::new().filename(server.data_dir().join("talkoot.db"));
    let db = sqlx::SqlitePool::connect_with(options).await?;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM feedback")
        .fetch_one(&db)
        .await?;
    db.close().await;
    assert_eq!(left, 0, "the deleted board's answers are gone");
    Ok(())
}
