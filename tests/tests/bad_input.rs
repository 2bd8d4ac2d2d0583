//! Bad input gets a precise error, and the connection, the room and everyone else's data stay up.

use talkoot_shared::reject::{Field, RejectReason};
use talkoot_shared::{BoardId, Change, ClientMsg, ErrorCode, NoteId, OpId, ServerMsg};
use talkoot_tests::client::Event;
use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer, new_id};
use tokio_tungstenite::tungstenite::Message;

fn error_code(msg: &ServerMsg) -> ErrorCode {
    match msg {
        ServerMsg::Error { code, .. } => *code,
        other => panic!("expected an error, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_and_unknown_types_get_precise_errors_and_the_connection_stays_up()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let anna = server.join(&board.join_code, None).await?;
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut other, _) = server.facilitator(&board).await?;
    let s = sections(&welcome);

    a.send_text("{\"type\": \"op\", ").await?;
    assert_eq!(
        error_code(&a.recv_content().await?),
        ErrorCode::MalformedJson
    );
    a.send_text(r#"{"type":"dance"}"#).await?;
    assert_eq!(
        error_code(&a.recv_content().await?),
        ErrorCode::InvalidMessage
    );
    a.send_raw(Message::binary(vec![1, 2, 3])).await?;
    assert_eq!(
        error_code(&a.recv_content().await?),
        ErrorCode::BinaryNotSupported
    );

    // An op of an unknown type is rejected by its op_id, so the client can drop it.
    a.send_text(r#"{"type":"op","op_id":"o-1","op":{"type":"set_on_fire","id":"n1"}}"#)
        .await?;
    match a.recv_content().await? {
        ServerMsg::Rejected {
            op_id,
            reason: RejectReason::InvalidOp { detail },
        } => {
            assert_eq!(op_id.as_str(), "o-1");
            assert!(
                detail.contains("set_on_fire"),
                "the detail names the bad type: {detail}"
            );
        }
        other => panic!("expected rejected invalid_op, got {other:?}"),
    }
    // An oversized note is rejected with its limit.
    let (op, _) = post(&s[0], &"x".repeat(1001));
    let op_id = a.op(op).await?;
    assert_eq!(
        a.answer_to(&op_id).await?.0,
        ServerMsg::Rejected {
            op_id,
            reason: RejectReason::TooLong {
                field: Field::NoteText,
                max: 1000
            }
        }
    );
    a.send(&ClientMsg::Hello {
        board: board.board_id.clone(),
        token: anna.token.clone(),
        last_seq: None,
        group: None,
    })
    .await?;
    assert_eq!(
        error_code(&a.recv_content().await?),
        ErrorCode::AlreadyJoined
    );

    // After all that, the same connection still posts, and the other member sees it.
    let (op, _) = post(&s[0], "Toimii yhä");
    assert_eq!(a.apply(op).await?, 1);
    assert!(matches!(
        other.recv_content().await?,
        ServerMsg::Applied { seq: 1, .. }
    ));
    Ok(())
}

#[tokio::test]
async fn unknown_boards_bad_tokens_and_ops_before_hello_get_precise_errors() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let other = server.create_board("Toinen", &["Ryhmä"]).await?;
    let mut c = Client::connect(&server.ws_url()).await?;

    let (op, _) = post(&new_id(), "liian aikaisin");
    c.send(&ClientMsg::Op {
        op_id: new_id(),
        op,
    })
    .await?;
    assert_eq!(error_code(&c.recv().await?), ErrorCode::NotJoined);

    let nowhere: BoardId = new_id();
    c.send(&ClientMsg::Hello {
        board: nowhere,
        token: board.facilitator_key.clone(),
        last_seq: None,
        group: None,
    })
    .await?;
    assert_eq!(error_code(&c.recv().await?), ErrorCode::UnknownBoard);

    c.send(&ClientMsg::Hello {
        board: board.board_id.clone(),
        token: "p_guess".into(),
        last_seq: None,
        group: None,
    })
    .await?;
    assert_eq!(error_code(&c.recv().await?), ErrorCode::BadToken);

    // A real token, but for another board.
    c.send(&ClientMsg::Hello {
        board: board.board_id.clone(),
        token: other.facilitator_key.clone(),
        last_seq: None,
        group: None,
    })
    .await?;
    assert_eq!(error_code(&c.recv().await?), ErrorCode::BadToken);

    // The connection is still usable: a correct hello now works.
    c.send(&ClientMsg::Hello {
        board: board.board_id.clone(),
        token: board.facilitator_key.clone(),
        last_seq: None,
        group: None,
    })
    .await?;
    assert!(matches!(c.recv().await?, ServerMsg::Welcome { .. }));
    Ok(())
}

#[tokio::test]
async fn half_an_emoji_is_stored_as_a_replacement_character_not_refused_forever()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut a, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();
    // What `JSON.stringify` makes of a string cut in the middle of "👍".
    let op_id: OpId = new_id();
    a.send_text(&format!(
        r#"{{"type":"op","op_id":"{op_id}","op":{{"type":"post_note","id":"{}","section":"{section}","text":"Hyvä idea \ud83d","colour":"yellow"}}}}"#,
        new_id::<NoteId>()
    ))
    .await?;
    match a.answer_to(&op_id).await?.0 {
        ServerMsg::Applied { changes, .. } => match &changes[..] {
            [Change::Note { note }] => assert_eq!(note.text, "Hyvä idea \u{fffd}"),
            other => panic!("expected one note, got {other:?}"),
        },
        other => panic!("expected applied, got {other:?}"),
    }
    // JSON broken some other way still gets its op_id back, so the client can let go of it.
    let broken: OpId = new_id();
    a.send_text(&format!(
        r#"{{"type":"op","op_id":"{broken}","op":{{"type":"post_note","text":"kesken"#
    ))
    .await?;
    assert!(matches!(
        a.answer_to(&broken).await?.0,
        ServerMsg::Rejected {
            reason: RejectReason::InvalidOp { .. },
            ..
        }
    ));
    Ok(())
}

#[tokio::test]
async fn a_note_of_only_invisible_characters_is_empty() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut a, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();
    for text in ["\u{200B}", "\u{2060}\u{FEFF}", " \u{200B}\n\u{200D} "] {
        let (op, _) = post(&section, text);
        let op_id = a.op(op).await?;
        assert_eq!(
            a.answer_to(&op_id).await?.0,
            ServerMsg::Rejected {
                op_id,
                reason: RejectReason::Empty {
                    field: Field::NoteText
                }
            },
            "{text:?}"
        );
    }
    // An emoji joined with U+200D is real text.
    let (op, _) = post(&section, "👩\u{200D}💻");
    assert_eq!(a.apply(op).await?, 1);
    Ok(())
}

#[tokio::test]
async fn two_participants_racing_with_one_op_id_get_one_applied_and_one_refusal()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (_f, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let ben = server.join(&board.join_code, Some("Ben")).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;

    // Twenty op ids, each sent by both at once, so most pairs land in the same batch.
    let ids: Vec<OpId> = (0..20).map(|_| new_id()).collect();
    for id in &ids {
        let (annas, _) = post(&section, "Annan lappu");
        let (bens, _) = post(&section, "Benin lappu");
        let (sent_a, sent_b) = tokio::join!(a.op_as(id, annas), b.op_as(id, bens));
        sent_a?;
        sent_b?;
    }
    let mut refusals = 0;
    for (client, me) in [
        (&mut a, &anna.participant_id),
        (&mut b, &ben.participant_id),
    ] {
        let mut applied = std::collections::HashMap::new();
        let mut refused = std::collections::HashSet::new();
        while applied.len() < ids.len() {
            match client.recv_content().await? {
                ServerMsg::Applied { op_id, actor, .. } => {
                    assert!(
                        applied.insert(op_id, actor).is_none(),
                        "one applied per op id"
                    );
                }
                ServerMsg::Rejected {
                    op_id,
                    reason: RejectReason::DuplicateId,
                } => {
                    refused.insert(op_id);
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        // A refusal may still be on its way after the last applied.
        while refused.len() < applied.values().filter(|actor| *actor != me).count() {
            match client.recv_content().await? {
                ServerMsg::Rejected {
                    op_id,
                    reason: RejectReason::DuplicateId,
                } => {
                    refused.insert(op_id);
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        // Refused exactly where the other one's op won.
        for (op_id, actor) in &applied {
            assert_eq!(refused.contains(op_id), actor != me, "{op_id}");
        }
        refusals += refused.len();
    }
    assert_eq!(
        refusals,
        ids.len(),
        "each op id was refused to exactly one of them"
    );
    let (_, welcome) = server.facilitator(&board).await?;
    match welcome {
        ServerMsg::Welcome {
            snapshot: Some(board),
            ..
        } => assert_eq!(board.notes.len(), ids.len()),
        other => panic!("expected a snapshot, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn another_participants_op_id_is_refused_not_falsely_acknowledged() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (_f, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let ben = server.join(&board.join_code, Some("Ben")).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;

    let shared_id: OpId = new_id();
    let (annas, _) = post(&section, "Annan lappu");
    a.op_as(&shared_id, annas).await?;
    assert!(matches!(
        a.answer_to(&shared_id).await?.0,
        ServerMsg::Applied { .. }
    ));
    // Ben sees Anna's note arrive, op id and all, as everyone does.
    assert!(matches!(
        b.answer_to(&shared_id).await?.0,
        ServerMsg::Applied { seq: 1, .. }
    ));
    let (bens, bens_note) = post(&section, "Benin lappu");
    b.op_as(&shared_id, bens).await?;
    assert_eq!(
        b.answer_to(&shared_id).await?.0,
        ServerMsg::Rejected {
            op_id: shared_id.clone(),
            reason: RejectReason::DuplicateId
        }
    );
    // Ben's resend of the very same op id after a restart is refused the same way, while
    // Anna's resend is still answered with her original result.
    let mut server = server;
    server.restart().await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &ben.token, None).await?;
    let (bens, _) = post(&section, "Benin lappu");
    b.op_as(&shared_id, bens).await?;
    assert!(matches!(
        b.answer_to(&shared_id).await?.0,
        ServerMsg::Rejected {
            reason: RejectReason::DuplicateId,
            ..
        }
    ));
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (annas, _) = post(&section, "Annan lappu");
    a.op_as(&shared_id, annas).await?;
    assert!(matches!(
        a.answer_to(&shared_id).await?.0,
        ServerMsg::Applied { seq: 1, .. }
    ));
    match welcome {
        ServerMsg::Welcome {
            snapshot: Some(board),
            ..
        } => {
            assert_eq!(board.notes.len(), 1);
            assert!(!board.notes.contains_key(&bens_note));
        }
        other => panic!("expected a snapshot, got {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn an_oversized_message_is_closed_with_1009_and_the_room_stays_up() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let anna = server.join(&board.join_code, None).await?;
    let (mut a, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let s = sections(&welcome);

    let (op, _) = post(&s[0], &"x".repeat(70 * 1024));
    a.send(&ClientMsg::Op {
        op_id: new_id(),
        op,
    })
    .await?;
    let close = loop {
        match a.next_event().await? {
            Event::Closed(frame) => break frame,
            Event::Msg(ServerMsg::Presence { .. }) => continue,
            Event::Msg(other) => panic!("expected a close, got {other:?}"),
        }
    };
    assert_eq!(close.map(|f| u16::from(f.code)), Some(1009));

    // The room carries on for everyone else.
    let (op, _) = post(&s[0], "Huone pystyy");
    assert_eq!(f.apply(op).await?, 1);
    Ok(())
}

#[tokio::test]
async fn every_api_error_is_json_and_the_bearer_scheme_is_case_insensitive() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let http = server.http();
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let snapshot = format!("/api/boards/{}", board.board_id);
    let cases = [
        (http.post(server.url("/api/health")), 405, "invalid_request"),
        (http.get(server.url("/api/boards")), 405, "invalid_request"),
        (http.delete(server.url("/api/join")), 405, "invalid_request"),
        (http.post(server.url("/ws")), 405, "invalid_request"),
        (http.get(server.url("/ws")), 400, "invalid_request"),
        (http.get(server.url("/api")), 404, "invalid_request"),
        (http.get(server.url("/api/")), 404, "invalid_request"),
        (http.get(server.url("/api/nope")), 404, "invalid_request"),
        (
            http.get(server.url("/api/boards/x/y")),
            404,
            "invalid_request",
        ),
    ];
    for (request, status, error) in cases {
        let res = request.send().await?;
        let what = format!("{} {}", res.status(), res.url());
        assert_eq!(res.status(), status, "{what}");
        let content_type = res.headers().get("content-type").cloned();
        assert_eq!(
            content_type.as_ref().and_then(|v| v.to_str().ok()),
            Some("application/json"),
            "{what}"
        );
        let body: serde_json::Value = res.json().await?;
        assert_eq!(body["error"], error, "{what}: {body}");
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}: {body}"
        );
    }
    // RFC 7235: the scheme name is case-insensitive.
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let res = http
            .get(server.url(&snapshot))
            .header(
                "authorization",
                format!("{scheme} {}", board.facilitator_key),
            )
            .send()
            .await?;
        assert_eq!(res.status(), 200, "{scheme}");
    }
    Ok(())
}

#[tokio::test]
async fn the_http_api_answers_bad_requests_precisely() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let http = server.http();
    let post_json = |path: &str, body: &str| {
        http.post(server.url(path))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
    };
    let res = post_json("/api/boards", "{not json").await?;
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.json::<serde_json::Value>().await?["error"],
        "invalid_request"
    );

    let long_title = serde_json::json!({ "title": "x".repeat(121), "language": "fi" }).to_string();
    let res = post_json("/api/boards", &long_title).await?;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await?;
    assert_eq!(body["error"], "invalid_field");
    assert!(
        body["message"].as_str().unwrap_or_default().contains("120"),
        "{body}"
    );

    let res = post_json("/api/join", r#"{"code":"0000 0000"}"#).await?;
    // One in 10^8 that a random code is taken; the store is empty here, so it is not.
    assert_eq!(res.status(), 404);
    assert_eq!(
        res.json::<serde_json::Value>().await?["error"],
        "unknown_code"
    );

    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let long_name =
        serde_json::json!({ "code": board.join_code, "name": "n".repeat(41) }).to_string();
    assert_eq!(post_json("/api/join", &long_name).await?.status(), 422);

    let snapshot = server.url(&format!("/api/boards/{}", board.board_id));
    assert_eq!(http.get(&snapshot).send().await?.status(), 401);
    assert_eq!(
        http.get(&snapshot)
            .bearer_auth("p_wrong")
            .send()
            .await?
            .status(),
        401
    );
    let nowhere = server.url(&format!("/api/boards/{}", uuid::Uuid::now_v7()));
    assert_eq!(
        http.get(&nowhere)
            .bearer_auth(&board.facilitator_key)
            .send()
            .await?
            .status(),
        404
    );

    let health: serde_json::Value = http
        .get(server.url("/api/health"))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(health["status"], "ok");
    Ok(())
}
