//! Plain HTTP connections cannot hold the server's file descriptors: a connection that sends
//! half a request or idles between requests is closed after its timeout, and one client cannot
//! starve another. On SIGTERM a request under way is still answered. The server runs with few
//! file descriptors here (as a small VM might), and with short timeouts through their flags;
//! docs/protocol.md has the defaults.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context;
use talkoot_tests::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::task::JoinSet;
use tokio::time::Instant;

/// RLIMIT_NOFILE of the server process: fewer than the stalling client's connections.
const OPEN_FILES: u64 = 256;
/// The timeout under test, set through its flag.
const SHORT_SECS: u64 = 2;
const SHORT: Duration = Duration::from_secs(SHORT_SECS);
/// The timeout not under test, set out of the way.
const LONG_SECS: &str = "60";
/// How much later than its timeout a connection may close on a loaded machine.
const SLACK: Duration = Duration::from_secs(8);
/// Connections the stalling client keeps open at once: more than the server has descriptors.
const STALLERS: usize = 300;
/// The normal client (127.0.0.1 is the default source) and the stalling one: two addresses.
const STALLING_CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

const HALF_A_REQUEST: &[u8] = b"GET /api/health HTTP/1.1\r\nHost: talkoot\r\nAccept: ";
const HEALTH: &[u8] = b"GET /api/health HTTP/1.1\r\nHost: talkoot\r\n\r\n";

async fn start(flags: &[&str]) -> anyhow::Result<TestServer> {
    // The stalling client's own sockets must fit in this process's limit.
    rlimit::increase_nofile_limit(4 * STALLERS as u64)?;
    TestServer::start_with_open_file_limit(flags, OPEN_FILES).await
}

async fn connect_from(source: IpAddr, server: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    socket.connect(server).await
}

/// Reads one response (headers and a `Content-Length` body) off a keep-alive connection.
async fn read_response(stream: &mut TcpStream) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|l| l.strip_prefix("content-length: "))
                .context("no content-length")?
                .trim()
                .parse()?;
            if bytes.len() >= end + 4 + length {
                return Ok(text);
            }
        }
        let n = stream.read(&mut chunk).await?;
        anyhow::ensure!(n > 0, "closed mid-response after {text:?}");
        bytes.extend_from_slice(&chunk[..n]);
    }
}

/// Reads until the server closes `stream`, discarding whatever it sends.
async fn until_closed(stream: &mut TcpStream) {
    let mut chunk = [0u8; 1024];
    while matches!(stream.read(&mut chunk).await, Ok(n) if n > 0) {}
}

/// `None` if `stream` is still open after `bound`.
async fn closed_within(stream: &mut TcpStream, bound: Duration) -> Option<()> {
    tokio::time::timeout(bound, until_closed(stream)).await.ok()
}

/// Opens `count` connections, has each `prepare`d, and checks that the server closes every one
/// of them `timeout` (plus slack on a loaded machine) after that, and not much sooner.
async fn each_closed_after<F, Fut>(
    server: &TestServer,
    count: usize,
    timeout: Duration,
    prepare: F,
) -> anyhow::Result<()>
where
    F: Fn(TcpStream) -> Fut,
    Fut: Future<Output = anyhow::Result<TcpStream>> + Send + 'static,
{
    let mut connections = JoinSet::new();
    for _ in 0..count {
        let stream = TcpStream::connect(server.addr).await?;
        let ready = prepare(stream);
        connections.spawn(async move {
            let mut stream = ready.await?;
            let since = Instant::now();
            closed_within(&mut stream, timeout + SLACK)
                .await
                .context("the connection is still open")?;
            anyhow::Ok(since.elapsed())
        });
    }
    while let Some(closed) = connections.join_next().await {
        let after = closed??;
        // The server's timer starts when it last heard from the client, which is no later.
        assert!(
            after >= timeout / 2,
            "closed after {after:?}, before {timeout:?}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_connection_that_sent_half_a_request_is_closed_after_the_header_read_timeout()
-> anyhow::Result<()> {
    let server = start(&[
        "--header-read-timeout-secs",
        &SHORT_SECS.to_string(),
        "--http-idle-timeout-secs",
        LONG_SECS,
    ])
    .await?;
    each_closed_after(&server, 100, SHORT, |mut stream| async move {
        stream.write_all(HALF_A_REQUEST).await?;
        Ok(stream)
    })
    .await
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_http_idle_timeout() -> anyhow::Result<()>
{
    let server = start(&[
        "--header-read-timeout-secs",
        LONG_SECS,
        "--http-idle-timeout-secs",
        &SHORT_SECS.to_string(),
    ])
    .await?;
    each_closed_after(&server, 10, SHORT, |mut stream| async move {
        stream.write_all(HEALTH).await?;
        let response = read_response(&mut stream).await?;
        anyhow::ensure!(response.starts_with("HTTP/1.1 200"), "{response}");
        Ok(stream)
    })
    .await
}

/// hyper starts its header-read timer as soon as a connection waits for its next request, so
/// that timeout alone also bounds an idle keep-alive connection (docs/protocol.md relies on it).
#[tokio::test]
async fn the_header_read_timeout_also_bounds_an_idle_keep_alive_connection() -> anyhow::Result<()> {
    let server = start(&[
        "--header-read-timeout-secs",
        &SHORT_SECS.to_string(),
        "--http-idle-timeout-secs",
        LONG_SECS,
    ])
    .await?;
    each_closed_after(&server, 10, SHORT, |mut stream| async move {
        stream.write_all(HEALTH).await?;
        read_response(&mut stream).await?;
        Ok(stream)
    })
    .await
}

#[tokio::test]
async fn an_upload_that_stops_halfway_is_dropped_after_twice_the_http_idle_timeout()
-> anyhow::Result<()> {
    let server = start(&[
        "--header-read-timeout-secs",
        LONG_SECS,
        "--http-idle-timeout-secs",
        &SHORT_SECS.to_string(),
    ])
    .await?;
    each_closed_after(&server, 10, 2 * SHORT, |mut stream| async move {
        stream
            .write_all(
                b"POST /api/boards HTTP/1.1\r\nHost: talkoot\r\nContent-Type: application/json\r\n\
                  Content-Length: 1000\r\n\r\n{\"title\": \"Ty",
            )
            .await?;
        Ok(stream)
    })
    .await
}

#[tokio::test]
async fn a_body_trickled_in_to_dodge_the_idle_timeout_gets_408_at_the_request_deadline()
-> anyhow::Result<()> {
    let server = start(&[
        "--header-read-timeout-secs",
        LONG_SECS,
        "--http-idle-timeout-secs",
        &(2 * SHORT_SECS).to_string(),
        "--request-timeout-secs",
        &SHORT_SECS.to_string(),
    ])
    .await?;
    let (mut from_server, mut to_server) = TcpStream::connect(server.addr).await?.into_split();
    let started = Instant::now();
    to_server
        .write_all(
            b"POST /api/join HTTP/1.1\r\nHost: talkoot\r\nContent-Type: application/json\r\n\
              Content-Length: 1000\r\n\r\n{\"code\": \"",
        )
        .await?;
    // A byte a second: always well inside the idle timeout, never a whole body.
    let trickle = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if to_server.write_all(b"1").await.is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let read = tokio::time::timeout(SHORT + SLACK, from_server.read_to_end(&mut answer)).await;
    trickle.abort();
    anyhow::ensure!(
        read.is_ok(),
        "no answer, and still open, after the request deadline"
    );
    let answer = String::from_utf8_lossy(&answer);
    anyhow::ensure!(
        answer.starts_with("HTTP/1.1 408"),
        "expected a 408, got {answer:?}"
    );
    anyhow::ensure!(
        answer.contains("\"error\":\"invalid_request\""),
        "{answer:?}"
    );
    anyhow::ensure!(
        started.elapsed() >= SHORT / 2,
        "answered long before the deadline"
    );
    Ok(())
}

/// Keeps `STALLERS` connections from `STALLING_CLIENT` open, each with half a request, opening
/// a new one whenever the server closes one. Counts the connections made.
fn stall(server: SocketAddr, made: Arc<AtomicUsize>) -> JoinSet<()> {
    let mut stallers = JoinSet::new();
    for _ in 0..STALLERS {
        let made = made.clone();
        stallers.spawn(async move {
            loop {
                if let Ok(mut stream) = connect_from(STALLING_CLIENT, server).await {
                    made.fetch_add(1, Ordering::Relaxed);
                    if stream.write_all(HALF_A_REQUEST).await.is_ok() {
                        until_closed(&mut stream).await;
                    }
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        });
    }
    stallers
}

/// What the normal client gets for `GET /api/health` on a fresh connection.
async fn health_status(server: &TestServer) -> anyhow::Result<u16> {
    let res = reqwest::Client::new()
        .get(server.url("/api/health"))
        .timeout(SHORT + SLACK + SLACK)
        .send()
        .await
        .context("GET /api/health went unanswered")?;
    Ok(res.status().as_u16())
}

async fn wait_for(
    what: &str,
    mut done: impl FnMut() -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done()? {
        anyhow::ensure!(Instant::now() < deadline, "{what} never happened");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

#[tokio::test]
async fn a_client_stalling_more_connections_than_the_server_has_files_does_not_starve_another()
-> anyhow::Result<()> {
    let server = start(&[
        "--header-read-timeout-secs",
        &SHORT_SECS.to_string(),
        "--http-idle-timeout-secs",
        &SHORT_SECS.to_string(),
    ])
    .await?;
    let made = Arc::new(AtomicUsize::new(0));
    let _stallers = stall(server.addr, made.clone());
    // The stalling client holds (nearly) every file descriptor the server may open.
    wait_for("the server running out of files", || {
        Ok(server.open_files()? as u64 >= OPEN_FILES - 8)
    })
    .await?;
    for _ in 0..3 {
        assert_eq!(health_status(&server).await?, 200);
    }
    Ok(())
}

#[tokio::test]
async fn connections_over_the_per_address_limit_are_closed_at_once_and_others_are_served()
-> anyhow::Result<()> {
    // Timeouts out of the way: the per-address limit alone protects the server here.
    let server = start(&[
        "--max-connections-per-address",
        "50",
        "--header-read-timeout-secs",
        LONG_SECS,
        "--http-idle-timeout-secs",
        LONG_SECS,
    ])
    .await?;
    let made = Arc::new(AtomicUsize::new(0));
    let _stallers = stall(server.addr, made.clone());
    wait_for("the stalling client's connections", || {
        Ok(made.load(Ordering::Relaxed) >= STALLERS)
    })
    .await?;
    for _ in 0..3 {
        assert_eq!(health_status(&server).await?, 200);
    }
    let held = server.open_files()?;
    assert!(held < 100, "the server holds {held} files");
    Ok(())
}

/// Whether the server has read everything `client` sent it: its end of the connection has an
/// empty receive queue (Linux: /proc/net/tcp; ports are hex, queues `tx:rx` in hex).
fn server_has_read(server: SocketAddr, client: SocketAddr) -> anyhow::Result<bool> {
    let ends = (
        format!(":{:04X}", server.port()),
        format!(":{:04X}", client.port()),
    );
    let table = std::fs::read_to_string("/proc/net/tcp")?;
    Ok(table.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        matches!(fields.as_slice(), [_, local, remote, _, queues, ..]
            if local.ends_with(&ends.0) && remote.ends_with(&ends.1) && queues.ends_with(":00000000"))
    }))
}

#[tokio::test]
async fn a_request_in_flight_at_sigterm_is_answered() -> anyhow::Result<()> {
    let mut server = start(&[
        "--header-read-timeout-secs",
        LONG_SECS,
        "--http-idle-timeout-secs",
        LONG_SECS,
    ])
    .await?;
    let mut stream = TcpStream::connect(server.addr).await?;
    stream.write_all(HALF_A_REQUEST).await?;
    let client = stream.local_addr()?;
    wait_for("the server reading the first half", || {
        server_has_read(server.addr, client)
    })
    .await?;
    server.send_sigterm().await?;
    // The server has stopped accepting once a new connection is refused.
    let addr = server.addr;
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(addr).await.is_ok() {
        anyhow::ensure!(Instant::now() < deadline, "still accepting after SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stream.write_all(b"*/*\r\n\r\n").await?;
    let response = read_response(&mut stream).await?;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        closed_within(&mut stream, SLACK).await.is_some(),
        "closed after the answer"
    );
    server.wait_for_clean_exit().await
}

/// The signal handlers are in place before the server listens, so a SIGTERM the moment it says
/// so (a quick `docker stop`) is a clean shutdown, not the default kill.
#[tokio::test]
async fn a_sigterm_as_soon_as_the_server_listens_is_a_clean_shutdown() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    server.terminate().await
}
