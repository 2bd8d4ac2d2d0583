//! The public internet sends floods, piles of sockets, guessed join codes and pages from other
//! sites. Each has a limit with a precise answer, and the room stays up for everyone else. The
//! limits are set small here through their flags; docs/protocol.md has the defaults and why.

use std::time::Duration;

use talkoot_shared::limits::{MAX_NOTES, MAX_SECTIONS};
use talkoot_shared::reject::{Countable, RejectReason};
use talkoot_shared::{ClientMsg, Colour, ErrorCode, Op, ServerMsg};
use talkoot_tests::client::Event;
use talkoot_tests::ops::{post, sections};
use talkoot_tests::{Client, TestServer, new_id};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::{HeaderValue, Response};

type Upgrade = Result<Response<Option<Vec<u8>>>, tokio_tungstenite::tungstenite::Error>;

/// Opens a WebSocket with extra request headers; returns the HTTP response, or the refusal.
async fn open(server: &TestServer, headers: &[(&'static str, &str)]) -> (Upgrade, Option<Client>) {
    let mut request = server
        .ws_url()
        .into_client_request()
        .expect("a valid ws url");
    for (name, value) in headers {
        request
            .headers_mut()
            .insert(*name, HeaderValue::from_str(value).expect("header value"));
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((ws, response)) => (Ok(response), Some(Client::from_stream(ws))),
        Err(e) => (Err(e), None),
    }
}

/// The status and JSON `error` code of a refused upgrade.
fn refusal(upgrade: &Upgrade) -> (u16, String) {
    match upgrade {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            let body: serde_json::Value = response
                .body()
                .as_deref()
                .and_then(|b| serde_json::from_slice(b).ok())
                .unwrap_or_default();
            (
                response.status().as_u16(),
                body["error"].as_str().unwrap_or_default().to_string(),
            )
        }
        other => panic!("expected a refused upgrade, got {other:?}"),
    }
}

#[tokio::test]
async fn a_connection_over_its_op_rate_is_answered_rate_limited_and_a_flood_is_disconnected()
-> anyhow::Result<()> {
    let server = TestServer::start_with(&["--ops-burst", "5", "--ops-per-second", "1"]).await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let anna = server.join(&board.join_code, None).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let s = sections(&welcome);

    // The burst goes through; the next op at once is refused, by its op_id, and may be resent.
    for _ in 0..5 {
        a.apply(post(&s[0], "nopea").0).await?;
    }
    let op_id = a.op(post(&s[0], "liian nopea").0).await?;
    assert_eq!(
        a.answer_to(&op_id).await?.0,
        ServerMsg::Rejected {
            op_id,
            reason: RejectReason::RateLimited
        }
    );

    // A client that keeps going is flooding: it is closed with 4429.
    let mut refused = 1;
    let mut sending = true;
    let close = loop {
        if sending {
            sending = a.op(post(&s[0], "tulva").0).await.is_ok();
        }
        match a.next_event().await? {
            Event::Msg(ServerMsg::Rejected {
                reason: RejectReason::RateLimited,
                ..
            }) => refused += 1,
            Event::Msg(ServerMsg::Applied { .. } | ServerMsg::Presence { .. }) => {}
            Event::Msg(other) => panic!("unexpected {other:?}"),
            Event::Closed(frame) => break frame,
        }
    };
    assert_eq!(close.map(|c| u16::from(c.code)), Some(4429));
    assert!(refused >= 100, "closed after {refused} refusals");

    // The room is still up for the facilitator, who was never limited.
    let (op, _) = post(&s[0], "huone toimii");
    f.apply(op).await?;
    Ok(())
}

/// Every `set_group` is a presence broadcast to the whole room, so it shares the op budget: a
/// client changing group in a loop is refused and then disconnected, like an op flood.
#[tokio::test]
async fn changing_group_in_a_loop_is_rate_limited_like_ops() -> anyhow::Result<()> {
    let server = TestServer::start_with(&["--ops-burst", "5", "--ops-per-second", "1"]).await?;
    let board = server
        .create_board("Työpaja", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let anna = server.join(&board.join_code, None).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;

    let mut refused = 0;
    let mut sending = true;
    let mut n = 0;
    let close = loop {
        if sending {
            let group = Some(s[n % 2].clone());
            n += 1;
            sending = a.send(&ClientMsg::SetGroup { group }).await.is_ok();
        }
        match a.next_event().await? {
            Event::Msg(ServerMsg::Error {
                code: ErrorCode::RateLimited,
                ..
            }) => refused += 1,
            Event::Msg(ServerMsg::Presence { .. }) => {}
            Event::Msg(other) => panic!("unexpected {other:?}"),
            Event::Closed(frame) => break frame,
        }
    };
    assert_eq!(close.map(|c| u16::from(c.code)), Some(4429));
    assert!(refused >= 100, "closed after {refused} refusals");
    // The room is still up.
    let (op, _) = post(&s[0], "huone toimii");
    f.apply(op).await?;
    Ok(())
}

/// Whether the server closed the connection without an HTTP answer, as it does at accept to a
/// client address that already holds its most connections.
fn closed_unanswered(upgrade: &Upgrade) -> bool {
    use tokio_tungstenite::tungstenite::Error;
    use tokio_tungstenite::tungstenite::error::ProtocolError;
    matches!(
        upgrade,
        Err(Error::Io(_) | Error::Protocol(ProtocolError::HandshakeIncomplete))
    )
}

#[tokio::test]
async fn an_address_may_hold_only_so_many_connections() -> anyhow::Result<()> {
    let server = TestServer::start_with(&["--max-connections-per-address", "3"]).await?;
    let mut open_ones = Vec::new();
    for _ in 0..3 {
        let (upgrade, client) = open(&server, &[]).await;
        assert_eq!(upgrade?.status(), 101);
        open_ones.push(client);
    }
    // Every TCP connection counts, so the next one is closed as soon as it is accepted.
    let (upgrade, _) = open(&server, &[]).await;
    assert!(closed_unanswered(&upgrade), "{upgrade:?}");
    let plain = reqwest::Client::new()
        .get(server.url("/api/health"))
        .send()
        .await;
    assert!(plain.is_err(), "{plain:?}");

    // A socket that closes frees its slot.
    if let Some(Some(c)) = open_ones.pop() {
        c.close().await?;
    }
    let mut reopened = None;
    for _ in 0..50 {
        if let (Ok(_), client) = open(&server, &[]).await {
            reopened = client;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        reopened.is_some(),
        "the closed socket's slot was never freed"
    );

    // X-Forwarded-For is not trusted unless configured: it does not buy more sockets.
    let (upgrade, _) = open(&server, &[("x-forwarded-for", "198.51.100.7")]).await;
    assert!(closed_unanswered(&upgrade), "{upgrade:?}");
    Ok(())
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit() -> anyhow::Result<()> {
    let server = TestServer::start_with(&[
        "--max-connections-per-address",
        "1",
        "--trust-forwarded-for",
    ])
    .await?;
    // Every TCP connection comes from the proxy (here 127.0.0.1), so they are not counted at
    // accept; WebSockets are counted by forwarded address when they upgrade, and refused with
    // a 429 the client can read. The proxy appends the real address last; an earlier,
    // client-made entry is ignored.
    let (first, _c1) = open(&server, &[("x-forwarded-for", "203.0.113.1, 198.51.100.1")]).await;
    assert_eq!(first?.status(), 101);
    let (second, _c2) = open(&server, &[("x-forwarded-for", "203.0.113.1, 198.51.100.2")]).await;
    assert_eq!(second?.status(), 101);
    let (third, _) = open(&server, &[("x-forwarded-for", "203.0.113.9, 198.51.100.1")]).await;
    assert_eq!(refusal(&third), (429, "too_many_connections".to_string()));
    Ok(())
}

#[tokio::test]
async fn join_code_guessing_is_throttled_per_address_but_a_whole_workshop_joins()
-> anyhow::Result<()> {
    let server = TestServer::start_with(&[
        "--join-failure-burst",
        "3",
        "--join-failures-per-minute",
        "1",
    ])
    .await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    // A room full of phones behind one address joins: right codes never count.
    for i in 0..20 {
        server
            .join(&board.join_code, Some(&format!("Osallistuja {i}")))
            .await?;
    }

    let join = |code: String| {
        server
            .http()
            .post(server.url("/api/join"))
            .json(&serde_json::json!({ "code": code }))
            .send()
    };
    // Codes that differ from the board's in the last digit: certainly wrong.
    let wrong = |n: u8| {
        let mut code = board.join_code.clone().into_bytes();
        code[7] = b'0' + (code[7] - b'0' + n) % 10;
        String::from_utf8(code).expect("digits")
    };
    for n in 1..=3 {
        assert_eq!(join(wrong(n)).await?.status(), 404);
    }
    // Out of guesses: refused before the code is even looked at, the right one included.
    for code in [wrong(4), board.join_code.clone()] {
        let res = join(code).await?;
        assert_eq!(res.status(), 429);
        let retry_after: u64 = res
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("a Retry-After in seconds");
        assert!(
            (1..=60).contains(&retry_after),
            "Retry-After: {retry_after}"
        );
        let body: serde_json::Value = res.json().await?;
        assert_eq!(body["error"], "rate_limited");
    }
    Ok(())
}

/// Sends every code at once, each on its own connection, and counts the answers by status.
async fn join_all_at_once(server: &TestServer, codes: &[String]) -> anyhow::Result<[usize; 3]> {
    let requests = codes.iter().map(|code| {
        server
            .http()
            .post(server.url("/api/join"))
            .json(&serde_json::json!({ "code": code }))
            .send()
    });
    let mut counts = [0; 3];
    for res in futures_util::future::join_all(requests).await {
        match res?.status().as_u16() {
            200 => counts[0] += 1,
            404 => counts[1] += 1,
            429 => counts[2] += 1,
            other => anyhow::bail!("unexpected status {other}"),
        }
    }
    Ok(counts)
}

#[tokio::test]
async fn concurrent_wrong_codes_get_exactly_the_guessing_budget() -> anyhow::Result<()> {
    let server = TestServer::start_with(&[
        "--join-failure-burst",
        "50",
        "--join-failures-per-minute",
        "6",
    ])
    .await?;
    let board = server.create_board("Työpaja", &["Ryhmä"]).await?;
    let wrong = |n: usize| {
        let code: u64 = board.join_code.parse().expect("digits");
        format!("{:08}", (code + 1 + n as u64) % 100_000_000)
    };
    // While tokens remain, right codes join even amid wrong ones, and cost nothing.
    let mixed: Vec<String> = (0..30)
        .map(wrong)
        .chain((0..10).map(|_| board.join_code.clone()))
        .collect();
    assert_eq!(join_all_at_once(&server, &mixed).await?, [10, 30, 0]);
    // 150 guesses at once: exactly the 20 tokens left are looked up, the rest refused unseen.
    let guesses: Vec<String> = (100..250).map(wrong).collect();
    assert_eq!(join_all_at_once(&server, &guesses).await?, [0, 20, 130]);

    // When Retry-After says one attempt is free again, 40 at once get exactly one lookup.
    let res = server
        .http()
        .post(server.url("/api/join"))
        .json(&serde_json::json!({ "code": wrong(999) }))
        .send()
        .await?;
    assert_eq!(res.status(), 429);
    let retry_after: u64 = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    let guesses: Vec<String> = (300..340).map(wrong).collect();
    assert_eq!(join_all_at_once(&server, &guesses).await?, [0, 1, 39]);
    Ok(())
}

#[tokio::test]
async fn only_pages_from_allowed_origins_may_open_a_websocket() -> anyhow::Result<()> {
    let server =
        TestServer::start_with(&["--allowed-origins", "https://talkoot.example.fi"]).await?;
    let own = format!("http://{}", server.addr);
    for origin in ["https://evil.example", "http://127.0.0.1:1", "null"] {
        let (upgrade, _) = open(&server, &[("origin", origin)]).await;
        assert_eq!(
            refusal(&upgrade),
            (403, "forbidden_origin".to_string()),
            "{origin}"
        );
    }
    for headers in [
        vec![("origin", own.as_str())],
        vec![("origin", "https://talkoot.example.fi")],
        // Not a browser: no page to hijack, and it still needs a token.
        vec![],
    ] {
        let (upgrade, _) = open(&server, &headers).await;
        assert_eq!(upgrade?.status(), 101, "{headers:?}");
    }
    Ok(())
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_the_page_has_no_inline_script()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    for path in ["/", "/api/health", "/api/nothing-here"] {
        let res = server.http().get(server.url(path)).send().await?;
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let csp = header("content-security-policy");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
    }
    // Every script the page loads is a file: the CSP would block an inline one anyway.
    let page = server
        .http()
        .get(server.url("/"))
        .send()
        .await?
        .text()
        .await?;
    assert!(page.contains("<script"), "the page loads its app");
    for tag in page.split("<script").skip(1) {
        let open_tag = tag.split('>').next().unwrap_or_default();
        assert!(
            open_tag.contains("src="),
            "inline script: <script{open_tag}>"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_board_holds_at_most_its_sections_and_notes() -> anyhow::Result<()> {
    // Thousands of ops from one connection: far over the default op rate, by design here.
    let server =
        TestServer::start_with(&["--ops-burst", "100000", "--ops-per-second", "100000"]).await?;
    let titles: Vec<String> = (0..MAX_SECTIONS).map(|i| format!("Ryhmä {i}")).collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let board = server.create_board("Täysi", &titles).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let op_id = f
        .op(Op::AddSection {
            id: new_id(),
            title: "Yksi liikaa".into(),
            colour: Colour::Pink,
        })
        .await?;
    assert_eq!(
        f.answer_to(&op_id).await?.0,
        ServerMsg::Rejected {
            op_id,
            reason: RejectReason::LimitReached {
                what: Countable::Sections,
                max: MAX_SECTIONS as u32
            }
        }
    );

    let s = sections(&welcome);
    const CHUNK: usize = 250;
    for chunk in 0..MAX_NOTES / CHUNK {
        let mut last = None;
        for i in 0..CHUNK {
            let n = chunk * CHUNK + i;
            last = Some(f.op(post(&s[n % s.len()], &format!("{n}")).0).await?);
        }
        if let Some(last) = last {
            let (answer, _) = f.answer_to(&last).await?;
            assert!(matches!(answer, ServerMsg::Applied { .. }), "{answer:?}");
        }
    }
    let op_id = f.op(post(&s[0], "yksi liikaa").0).await?;
    assert_eq!(
        f.answer_to(&op_id).await?.0,
        ServerMsg::Rejected {
            op_id,
            reason: RejectReason::LimitReached {
                what: Countable::Notes,
                max: MAX_NOTES as u32
            }
        }
    );
    Ok(())
}
