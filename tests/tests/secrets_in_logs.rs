//! "The server never logs a key or token" (docs/protocol.md), even when the operator turns the
//! log up to trace for every crate: a secret travels in a create-board answer, a join answer,
//! every `hello` and every bearer header, and none of them may reach a log line.

use std::time::Duration;

use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer};

#[tokio::test]
async fn no_log_line_carries_a_secret_even_at_trace_level() -> anyhow::Result<()> {
    let server = TestServer::start_logging("trace", &[]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let anna = server.join(&board.join_code, Some("Anna")).await?;

    let (f, welcome) = server.facilitator(&board).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (op, _) = post(&sections(&welcome)[0], "Kotihoidon yöpalvelut");
    a.apply(op).await?;
    for secret in [&board.facilitator_key, &anna.token] {
        let res = server
            .http()
            .get(server.url(&format!("/api/boards/{}", board.board_id)))
            .bearer_auth(secret)
            .send()
            .await?;
        assert_eq!(res.status(), 200);
    }
    // Keys made later: a backup facilitator's, and a new projector key.
    let boards = server.url(&format!("/api/boards/{}", board.board_id));
    let minted: talkoot_shared::http::FacilitatorKeyMinted = server
        .http()
        .post(format!("{boards}/facilitator-keys"))
        .bearer_auth(&board.facilitator_key)
        .json(&serde_json::json!({ "name": "Varalla" }))
        .send()
        .await?
        .json()
        .await?;
    let projector: talkoot_shared::http::ProjectorKey = server
        .http()
        .post(format!("{boards}/projector-key"))
        .bearer_auth(&minted.key)
        .send()
        .await?
        .json()
        .await?;
    let res = server
        .http()
        .delete(format!(
            "{boards}/facilitator-keys/{}",
            minted.participant_id
        ))
        .bearer_auth(&board.facilitator_key)
        .send()
        .await?;
    assert_eq!(res.status(), 204);
    // A wrong token in a hello is a secret too (someone's mistyped or stale one).
    let stale = format!("{}x", anna.token);
    assert!(
        Client::join(&server.ws_url(), &board.board_id, &stale, None)
            .await
            .is_err()
    );
    f.close().await?;
    a.close().await?;
    // Let the server log the closes.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let log = server.log();
    // The frame-level library does reach the log at this filter (at debug, its cap), so the
    // check below is not vacuous: uncapped, its trace lines print every frame.
    assert!(
        log.iter().any(|l| l.contains("DEBUG tungstenite")),
        "tungstenite logged nothing, so this test would prove nothing"
    );
    for secret in [
        &board.facilitator_key,
        &board.projector_key,
        &anna.token,
        &stale,
        &minted.key,
        &projector.key,
    ] {
        // The random part alone, so a prefix-stripped or re-encoded copy is caught too.
        let random = &secret[2..];
        let leaks: Vec<&String> = log.iter().filter(|l| l.contains(random)).collect();
        assert!(leaks.is_empty(), "a secret was logged: {leaks:#?}");
    }
    Ok(())
}
