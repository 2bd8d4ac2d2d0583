//! Every way a connection ends tells the client why, with the close code docs/protocol.md
//! names: the frame arrives even when the client was mid-way through sending something the
//! server will not read, and even when many clients do it at once.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{ClientMsg, OpId, ServerMsg};
use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer, new_id};
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
use tokio_tungstenite::tungstenite::{Bytes, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a socket and joins the board with `token`; returns the raw stream after `welcome`.
async fn joined(server: &TestServer, board: &talkoot_shared::BoardId, token: &str) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(server.ws_url())
        .await
        .expect("connect");
    let hello = ClientMsg::Hello {
        board: board.clone(),
        token: token.into(),
        last_seq: None,
        group: None,
    };
    let text = serde_json::to_string(&hello).expect("encode");
    ws.send(Message::text(text)).await.expect("send hello");
    loop {
        match next_text(&mut ws).await {
            Ok(ServerMsg::Welcome { .. }) => return ws,
            Ok(_) => continue,
            Err(e) => panic!("no welcome: {e}"),
        }
    }
}

async fn next_text(ws: &mut Ws) -> Result<ServerMsg, String> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .map_err(|_| "timed out".to_string())?;
        match frame {
            Some(Ok(Message::Text(t))) => {
                return serde_json::from_str(&t).map_err(|e| e.to_string());
            }
            Some(Ok(Message::Close(f))) => return Err(format!("closed: {f:?}")),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(format!("error: {e}")),
            None => return Err("ended".into()),
        }
    }
}

/// Reads until the server closes; the close code, or what happened instead (a reset, a
/// timeout, an end without a close frame).
async fn close_code(ws: &mut Ws) -> Result<u16, String> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(15), ws.next())
            .await
            .map_err(|_| "timed out".to_string())?;
        match frame {
            Some(Ok(Message::Close(Some(f)))) => return Ok(u16::from(f.code)),
            Some(Ok(Message::Close(None))) => return Err("a close without a code".into()),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(format!("no close frame: {e}")),
            None => return Err("ended without a close frame".into()),
        }
    }
}

#[tokio::test]
async fn oversized_messages_get_1009_even_when_twenty_clients_send_them_at_once()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();
    let mut failures = Vec::new();
    for _round in 0..5 {
        let mut sockets = Vec::new();
        for _ in 0..20 {
            sockets.push(joined(&server, &board.board_id, &board.facilitator_key).await);
        }
        let sent = sockets.into_iter().map(|mut ws| {
            let (op, _) = post(&section, &"x".repeat(200 * 1024));
            let text = serde_json::to_string(&ClientMsg::Op {
                op_id: new_id(),
                op,
            })
            .expect("encode");
            async move {
                // The server may close before it has read it all; what matters is the close.
                let _ = ws.send(Message::text(text)).await;
                close_code(&mut ws).await
            }
        });
        for result in futures_util::future::join_all(sent).await {
            if result != Ok(1009) {
                failures.push(result);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "of 100, these got no 1009: {failures:?}"
    );
    // The room is up for everyone else.
    let (op, _) = post(&section, "Huone pystyy");
    assert_eq!(f.apply(op).await?, 1);
    Ok(())
}

#[tokio::test]
async fn invalid_utf8_gets_1007_and_a_protocol_violation_gets_1002() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;

    let mut ws = joined(&server, &board.board_id, &board.facilitator_key).await;
    let not_utf8 = Frame::message(
        Bytes::from_static(b"{\"type\":\"op\",\xff\xfe}"),
        OpCode::Data(Data::Text),
        true,
    );
    ws.send(Message::Frame(not_utf8)).await?;
    assert_eq!(close_code(&mut ws).await, Ok(1007));

    let mut ws = joined(&server, &board.board_id, &board.facilitator_key).await;
    let mut reserved_bit =
        Frame::message(Bytes::from_static(b"{}"), OpCode::Data(Data::Text), true);
    reserved_bit.header_mut().rsv2 = true;
    ws.send(Message::Frame(reserved_bit)).await?;
    assert_eq!(close_code(&mut ws).await, Ok(1002));

    let (op, _) = post(&sections(&welcome)[0], "Huone pystyy");
    assert_eq!(f.apply(op).await?, 1);
    Ok(())
}

#[tokio::test]
async fn a_flooding_client_hears_the_answer_to_every_op_admitted_before_its_4429()
-> anyhow::Result<()> {
    let server = TestServer::start_with(&["--ops-burst", "5", "--ops-per-second", "1"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (_f, welcome) = server.facilitator(&board).await?;
    let section = sections(&welcome)[0].clone();
    let anna = server.join(&board.join_code, None).await?;
    let mut ws = joined(&server, &board.board_id, &anna.token).await;
    let op_frame = |op_id: &OpId| {
        let (op, _) = post(&section, "Lappu");
        let msg = ClientMsg::Op {
            op_id: op_id.clone(),
            op,
        };
        Message::text(serde_json::to_string(&msg).expect("encode"))
    };
    // The burst is admitted, then 100 ops are refused for rate: one more refusal is a flood.
    let burst: Vec<OpId> = (0..105).map(|_| new_id()).collect();
    for op_id in &burst {
        ws.feed(op_frame(op_id)).await?;
    }
    ws.flush().await?;
    let mut applied = 0;
    let mut rate_limited = 0;
    while applied + rate_limited < burst.len() {
        match next_text(&mut ws).await {
            Ok(ServerMsg::Applied { .. }) => applied += 1,
            Ok(ServerMsg::Rejected {
                reason: RejectReason::RateLimited,
                ..
            }) => rate_limited += 1,
            Ok(_) => {}
            Err(e) => panic!("before the flood: {e}"),
        }
    }
    assert_eq!((applied, rate_limited), (5, 100));

    // One token comes back: an op that is admitted, and right behind it the flooding one.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let last_admitted: OpId = new_id();
    ws.feed(op_frame(&last_admitted)).await?;
    ws.feed(op_frame(&new_id())).await?;
    ws.flush().await?;
    let mut answered = false;
    let code = loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), ws.next()).await?;
        match frame {
            Some(Ok(Message::Text(t))) => {
                if let ServerMsg::Applied { op_id, .. } = serde_json::from_str(&t)? {
                    answered |= op_id == last_admitted;
                }
            }
            Some(Ok(Message::Close(f))) => break f.map(|f| u16::from(f.code)),
            Some(Ok(_)) => {}
            other => panic!("expected a close, got {other:?}"),
        }
    };
    assert_eq!(code, Some(4429));
    assert!(answered, "the admitted op's applied came before the close");

    // And it really is applied: a new connection sees six notes.
    let (_, welcome) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    match welcome {
        ServerMsg::Welcome {
            snapshot: Some(board),
            ..
        } => assert_eq!(board.notes.len(), 6),
        other => panic!("expected a welcome with a snapshot, got {other:?}"),
    }
    Ok(())
}
