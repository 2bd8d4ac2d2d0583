//! Connections that stall, fall silent or never say hello are closed, and never hold up the
//! room. The timeouts are set small here through their flags; docs/protocol.md has the defaults.

use futures_util::{SinkExt, StreamExt};
use talkoot_shared::{BoardMeta, ClientMsg, Language, Op, ServerMsg};
use talkoot_tests::client::{Event, RECV_TIMEOUT};
use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer};
use tokio::io::AsyncReadExt;
use tokio::net::TcpSocket;
use tokio_tungstenite::tungstenite::Message;

/// Ops sent while one member has stopped reading: about 20 KB each, 5 MB in all, more than
/// loopback socket buffers take (at most 4 MB with Linux defaults), so that member's socket
/// stalls. Its outbox (256) cannot overflow: at least the first 50 or so frames went into the
/// kernel, so only the write timeout can drop the member.
const OPS: u64 = 250;
/// The sender reads its answers after every this many ops, so its own socket never stalls.
const CHUNK: u64 = 50;

fn close_code(event: Event) -> Option<u16> {
    match event {
        Event::Closed(frame) => frame.map(|f| u16::from(f.code)),
        Event::Msg(msg) => panic!("expected a close, got {msg:?}"),
    }
}

#[tokio::test]
async fn a_member_whose_socket_stalls_is_dropped_by_the_write_timeout_and_delays_nobody()
-> anyhow::Result<()> {
    let server =
        TestServer::start_with(&["--write-timeout-secs", "4", "--ops-burst", "1000"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let watcher = server.join(&board.join_code, Some("Katsoja")).await?;
    let (mut w, _) = Client::join(&server.ws_url(), &board.board_id, &watcher.token, None).await?;

    // The stalled phone: a real WebSocket with a small receive buffer that says hello, reads
    // its welcome, and then never reads again.
    let stalled = server.join(&board.join_code, Some("Jumissa")).await?;
    let socket = TcpSocket::new_v4()?;
    socket.set_recv_buffer_size(4096)?;
    let stream = socket.connect(server.addr).await?;
    let (mut s, _) = tokio_tungstenite::client_async(server.ws_url(), stream).await?;
    let hello = ClientMsg::Hello {
        board: board.board_id.clone(),
        token: stalled.token.clone(),
        last_seq: None,
        group: None,
    };
    s.send(Message::text(serde_json::to_string(&hello)?))
        .await?;
    let first = tokio::time::timeout(RECV_TIMEOUT, s.next()).await?;
    anyhow::ensure!(
        matches!(&first, Some(Ok(Message::Text(t))) if t.contains("\"welcome\"")),
        "expected a welcome, got {first:?}"
    );
    while !matches!(w.recv().await?, ServerMsg::Presence { online: 3, .. }) {}

    // The watcher reads everything as it comes, noting how far it had got when the stalled
    // member was dropped.
    let watching = tokio::spawn(async move {
        let mut seq = 0;
        let mut seen_at_drop = None;
        while seq < OPS || seen_at_drop.is_none() {
            match w.recv().await? {
                ServerMsg::Applied { seq: s, .. } => {
                    anyhow::ensure!(s == seq + 1, "ops arrive in order without gaps");
                    seq = s;
                }
                ServerMsg::Presence { online: 2, .. } => seen_at_drop = Some(seq),
                ServerMsg::Presence { .. } => {}
                other => anyhow::bail!("unexpected {other:?}"),
            }
        }
        Ok((seq, seen_at_drop.unwrap_or_default()))
    });

    let description = "😀".repeat(5000);
    for chunk in 0..OPS / CHUNK {
        for i in 0..CHUNK {
            f.op(Op::UpdateBoard {
                meta: BoardMeta {
                    title: format!("Työpaja {}", chunk * CHUNK + i),
                    description: description.clone(),
                    language: Language::Fi,
                },
            })
            .await?;
        }
        let mut answered = 0;
        while answered < CHUNK {
            match f.recv().await? {
                ServerMsg::Applied { .. } => answered += 1,
                ServerMsg::Presence { .. } => {}
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    let (seq, seen_at_drop) = watching.await??;
    assert_eq!(seq, OPS, "the watcher got every op");

    // The stalled socket was cut off: reading it now gives what the kernel had buffered, then
    // its end.
    let mut got = 0;
    loop {
        match tokio::time::timeout(RECV_TIMEOUT, s.next()).await? {
            Some(Ok(Message::Text(t))) if t.contains("\"applied\"") => got += 1,
            Some(Ok(_)) => {}
            None | Some(Err(_)) => break,
        }
    }
    assert!(got < OPS, "the stalled member was dropped before the end");
    // While the stalled member was still in the room, the watcher already got ops the stalled
    // one never saw: the room did not wait for it.
    assert!(
        seen_at_drop > got,
        "the watcher had {seen_at_drop} ops when the stalled member (which got {got}) was dropped"
    );
    Ok(())
}

#[tokio::test]
async fn a_connection_that_stops_answering_pings_is_closed_and_one_that_answers_stays()
-> anyhow::Result<()> {
    let server =
        TestServer::start_with(&["--ping-interval-secs", "1", "--idle-timeout-secs", "3"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut alive, welcome) = server.facilitator(&board).await?;
    // Says hello, then never reads again, so it never answers a ping. Raw, so that reading its
    // bytes later cannot answer a ping either.
    let anna = server.join(&board.join_code, None).await?;
    let (mut asleep, _) = tokio_tungstenite::connect_async(server.ws_url()).await?;
    let hello = ClientMsg::Hello {
        board: board.board_id.clone(),
        token: anna.token.clone(),
        last_seq: None,
        group: None,
    };
    asleep
        .send(Message::text(serde_json::to_string(&hello)?))
        .await?;

    // The live client reads (and so answers pings) until the silent one has come and gone.
    // One overall deadline: with a ping every second, a per-message wait never runs out.
    tokio::time::timeout(4 * RECV_TIMEOUT, async {
        for expected in [2, 1] {
            loop {
                match alive.recv().await? {
                    ServerMsg::Presence { online, .. } if online == expected => break,
                    ServerMsg::Presence { .. } => {}
                    other => anyhow::bail!("unexpected {other:?}"),
                }
            }
        }
        Ok(())
    })
    .await
    .map_err(|_| anyhow::anyhow!("the silent connection was never dropped"))??;
    // It has been connected longer than the idle timeout and is still served.
    let (op, _) = post(&sections(&welcome)[0], "yhä täällä");
    assert_eq!(alive.apply(op).await?, 1);

    // The silent one's last bytes are a close frame saying why.
    let mut bytes = Vec::new();
    tokio::time::timeout(RECV_TIMEOUT, asleep.get_mut().read_to_end(&mut bytes)).await??;
    assert_eq!(last_close_code(&bytes), Some(4408));
    Ok(())
}

/// The code of the close frame that ends `bytes`, read straight off the wire: a server frame
/// is unmasked, `0x88`, a one-byte length, then the code.
fn last_close_code(bytes: &[u8]) -> Option<u16> {
    (0..bytes.len().saturating_sub(3))
        .rev()
        .find(|&i| bytes[i] == 0x88 && usize::from(bytes[i + 1]) == bytes.len() - i - 2)
        .map(|i| u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]))
}

#[tokio::test]
async fn a_connection_that_never_says_hello_is_closed() -> anyhow::Result<()> {
    let server = TestServer::start_with(&["--hello-timeout-secs", "1"]).await?;
    let mut c = Client::connect(&server.ws_url()).await?;
    assert_eq!(close_code(c.next_event().await?), Some(4408));

    // One that says hello in time is not.
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let (op, _) = post(&sections(&welcome)[0], "ehdin");
    assert_eq!(f.apply(op).await?, 1);
    Ok(())
}
