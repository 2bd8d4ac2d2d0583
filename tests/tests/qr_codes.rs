//! Join QR codes, made on the server: each served SVG is rasterised and read by a real QR decoder
//! (see `talkoot_tests::qr`), and the address inside must be the one phones should open: the
//! board's join address or a table's, from `--public-url` when it is set and from the address
//! the request came to when it is not. A hostile `Host` header never gets into a QR code, bad
//! parameters get precise errors, and nothing is looked up, so the endpoint tells a guesser
//! nothing about which join codes exist.

use std::process::Stdio;

use talkoot_shared::http::{ApiError, ApiErrorCode, InstanceInfo};
use talkoot_tests::TestServer;
use talkoot_tests::ops::sections;
use talkoot_tests::qr::decode_qr_svg;
use talkoot_tests::raw_http::{self, RawResponse};
use talkoot_tests::server::binary;

/// What a QR SVG may contain: these elements and attributes, and nothing that could run, load
/// or show anything else.
const ELEMENTS: [&str; 3] = ["svg", "rect", "path"];
const ATTRIBUTES: [&str; 8] = [
    "viewBox",
    "width",
    "height",
    "shape-rendering",
    "fill",
    "transform",
    "stroke",
    "d",
];

/// `GET /api/qr/join.svg?<query>` with the server's own address as `Host`, plus `headers`.
async fn qr(server: &TestServer, query: &str, headers: &[&str]) -> anyhow::Result<RawResponse> {
    let host = format!("Host: {}", server.addr);
    let all: Vec<&str> = std::iter::once(host.as_str())
        .chain(headers.iter().copied())
        .collect();
    raw_http::get(server.addr, &format!("/api/qr/join.svg{query}"), &all).await
}

/// The address in a served QR code, after checking that the answer is a small, inert SVG.
fn address_in(response: &RawResponse) -> anyhow::Result<String> {
    anyhow::ensure!(
        response.status == 200,
        "expected an SVG, got {} {}",
        response.status,
        response.body
    );
    assert_eq!(response.header("content-type"), Some("image/svg+xml"));
    assert_eq!(response.header("cache-control"), Some("private, no-cache"));
    assert!(
        response
            .header("content-security-policy")
            .is_some_and(|csp| csp.contains("img-src 'self' data:;")),
        "the usual CSP, with no exception for QR codes: {:?}",
        response.header("content-security-policy")
    );
    let svg = &response.body;
    assert!(svg.len() < 4_000, "a QR code is small: {} bytes", svg.len());
    let document = roxmltree::Document::parse(svg)?;
    for node in document.descendants() {
        assert!(
            !node.is_text() && !node.is_comment() && !node.is_pi(),
            "only elements: {node:?}"
        );
        if node.is_element() {
            let name = node.tag_name().name();
            assert!(ELEMENTS.contains(&name), "element <{name}>");
            for attribute in node.attributes() {
                assert!(
                    ATTRIBUTES.contains(&attribute.name()) && attribute.namespace().is_none(),
                    "attribute {}={:?} on <{name}>",
                    attribute.name(),
                    attribute.value()
                );
            }
        }
    }
    decode_qr_svg(svg)
}

fn api_error(response: &RawResponse) -> ApiError {
    assert_eq!(
        response.header("content-type"),
        Some("application/json"),
        "{}",
        response.body
    );
    serde_json::from_str(&response.body).expect("an ApiError body")
}

async fn instance(server: &TestServer) -> anyhow::Result<InstanceInfo> {
    let response = server
        .http()
        .get(server.url("/api/instance"))
        .send()
        .await?;
    anyhow::ensure!(response.status() == 200, "instance: {}", response.status());
    Ok(response.json().await?)
}

#[tokio::test]
async fn board_and_table_qr_codes_hold_the_address_the_browser_used() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    assert_eq!(instance(&server).await?.public_url, None);
    let board = server
        .create_board("Työpaja", &["Pöytä 1", "Pöytä 2"])
        .await?;
    let (_, welcome) = server.facilitator(&board).await?;
    let tables = sections(&welcome);
    let base = format!("http://{}/", server.addr);
    let code = &board.join_code;

    let join = qr(&server, &format!("?code={code}"), &[]).await?;
    assert_eq!(address_in(&join)?, format!("{base}#/join/{code}"));

    // The code as people write it ("4821 5903") is the same code.
    let spaced = format!("{}%20{}", &code[..4], &code[4..]);
    for table in &tables {
        let response = qr(&server, &format!("?code={spaced}&group={table}"), &[]).await?;
        assert_eq!(
            address_in(&response)?,
            format!("{base}#/join/{code}/g/{table}")
        );
    }

    // The same address again: the browser's copy is still good.
    let etag = join.header("etag").expect("an ETag").to_string();
    let again = qr(
        &server,
        &format!("?code={code}"),
        &[&format!("If-None-Match: {etag}")],
    )
    .await?;
    assert_eq!(again.status, 304);
    assert_eq!(again.body, "");
    let table = qr(
        &server,
        &format!("?code={code}&group={}", tables[0]),
        &[&format!("If-None-Match: {etag}")],
    )
    .await?;
    assert_eq!(table.status, 200, "another address is another picture");
    Ok(())
}

#[tokio::test]
async fn with_a_public_url_every_qr_code_holds_it_whatever_the_host_header_says()
-> anyhow::Result<()> {
    let server = TestServer::start_with(&["--public-url", "HTTPS://Talkoot.Example.FI"]).await?;
    let public = "https://talkoot.example.fi/";
    assert_eq!(instance(&server).await?.public_url.as_deref(), Some(public));
    let board = server.create_board("Työpaja", &["Pöytä 1"]).await?;
    let (_, welcome) = server.facilitator(&board).await?;
    let table = &sections(&welcome)[0];
    let code = &board.join_code;

    let path = format!("/api/qr/join.svg?code={code}&group={table}");
    for host in [
        "Host: evil.example",
        "Host: evil.example\"><script>alert(1)</script>",
        "X-Forwarded-Host: evil.example",
    ] {
        let response = raw_http::get(server.addr, &path, &[host]).await?;
        assert_eq!(
            address_in(&response)?,
            format!("{public}#/join/{code}/g/{table}"),
            "{host}"
        );
    }
    let join = qr(&server, &format!("?code={code}"), &[]).await?;
    assert_eq!(address_in(&join)?, format!("{public}#/join/{code}"));
    Ok(())
}

#[tokio::test]
async fn without_a_public_url_a_hostile_host_header_never_reaches_a_qr_code() -> anyhow::Result<()>
{
    let server = TestServer::start().await?;
    let path = "/api/qr/join.svg?code=48215903";
    for host in [
        "evil.example\"><script>alert(1)</script>",
        "evil.example/#/join/11111111",
        "anna@evil.example",
        "evil.example:99999",
        "evil example",
        "[::1",
        "",
    ] {
        let response = raw_http::get(server.addr, path, &[&format!("Host: {host}")]).await?;
        assert_eq!(
            response.status, 400,
            "Host: {host:?} gave {}",
            response.body
        );
        let error = api_error(&response);
        assert_eq!(error.error, ApiErrorCode::InvalidRequest);
        assert!(error.message.contains("Host"), "{}", error.message);
        assert!(
            host.is_empty() || !response.body.contains(host),
            "the refusal does not echo the header: {}",
            response.body
        );
    }
    let response = raw_http::get(server.addr, path, &[]).await?;
    assert_eq!(response.status, 400, "no Host at all: {}", response.body);
    assert!(api_error(&response).message.contains("Host"));

    // A well-formed foreign name is what that client asked for. It goes only to that client:
    // no shared cache may keep it for anyone else.
    let foreign = raw_http::get(server.addr, path, &["Host: evil.example"]).await?;
    assert_eq!(address_in(&foreign)?, "http://evil.example/#/join/48215903");
    assert!(
        foreign
            .header("cache-control")
            .is_some_and(|c| c.contains("private"))
    );

    // Forwarded headers are anyone's to send unless a trusted proxy is in front.
    let forwarded = qr(
        &server,
        "?code=48215903",
        &["X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https"],
    )
    .await?;
    assert_eq!(
        address_in(&forwarded)?,
        format!("http://{}/#/join/48215903", server.addr)
    );
    Ok(())
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_scheme_and_host_are_the_address() -> anyhow::Result<()>
{
    let server = TestServer::start_with(&["--trust-forwarded-for"]).await?;
    let proxied = qr(
        &server,
        "?code=48215903",
        &[
            "X-Forwarded-Proto: https",
            "X-Forwarded-Host: Talkoot.Example.fi",
        ],
    )
    .await?;
    assert_eq!(
        address_in(&proxied)?,
        "https://talkoot.example.fi/#/join/48215903"
    );
    for (header, named) in [
        ("X-Forwarded-Proto: javascript", "X-Forwarded-Proto"),
        (
            "X-Forwarded-Host: evil.example/<script>",
            "X-Forwarded-Host",
        ),
    ] {
        let response = qr(&server, "?code=48215903", &[header]).await?;
        assert_eq!(response.status, 400, "{header}");
        let error = api_error(&response);
        assert_eq!(error.error, ApiErrorCode::InvalidRequest);
        assert!(error.message.contains(named), "{}", error.message);
    }
    Ok(())
}

#[tokio::test]
async fn bad_parameters_get_precise_errors() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let too_long = "g".repeat(65);
    let cases = [
        ("", 400, ApiErrorCode::InvalidRequest, "code"),
        ("?group=abc", 400, ApiErrorCode::InvalidRequest, "code"),
        ("?code=", 422, ApiErrorCode::InvalidField, "8 digits"),
        ("?code=1234", 422, ApiErrorCode::InvalidField, "8 digits"),
        (
            "?code=482159031",
            422,
            ApiErrorCode::InvalidField,
            "8 digits",
        ),
        (
            "?code=abcdefgh",
            422,
            ApiErrorCode::InvalidField,
            "8 digits",
        ),
        (
            "?code=48215903&group=",
            422,
            ApiErrorCode::InvalidField,
            "section id",
        ),
        (
            "?code=48215903&group=has%20space",
            422,
            ApiErrorCode::InvalidField,
            "section id",
        ),
        (
            "?code=48215903&group=%3Cscript%3E",
            422,
            ApiErrorCode::InvalidField,
            "section id",
        ),
        (
            &format!("?code=48215903&group={too_long}"),
            422,
            ApiErrorCode::InvalidField,
            "section id",
        ),
        (
            "?code=48215903&colour=red",
            400,
            ApiErrorCode::InvalidRequest,
            "colour",
        ),
        (
            "?code=48215903&code=11111111",
            400,
            ApiErrorCode::InvalidRequest,
            "code",
        ),
    ];
    for (query, status, code, mentions) in cases {
        let response = qr(&server, query, &[]).await?;
        assert_eq!(response.status, status, "{query}: {}", response.body);
        let error = api_error(&response);
        assert_eq!(error.error, code, "{query}");
        assert!(
            error.message.contains(mentions),
            "{query}: the message names {mentions:?}: {}",
            error.message
        );
    }
    let post = server
        .http()
        .post(server.url("/api/qr/join.svg?code=48215903"))
        .send()
        .await?;
    assert_eq!(post.status(), 405);
    Ok(())
}

#[tokio::test]
async fn the_qr_endpoint_looks_nothing_up_so_it_is_no_oracle_for_join_codes() -> anyhow::Result<()>
{
    // One wrong join code allowed, and never another.
    let server = TestServer::start_with(&[
        "--join-failure-burst",
        "1",
        "--join-failures-per-minute",
        "0",
    ])
    .await?;
    let board = server.create_board("Työpaja", &["Pöytä"]).await?;
    let base = format!("http://{}/", server.addr);
    // Codes no board has are drawn exactly like the real one, as often as anyone likes.
    let unused: Vec<String> = (0..12u32)
        .map(|i| format!("{:08}", (i * 3_333_331) % 100_000_000))
        .filter(|c| *c != board.join_code)
        .collect();
    for code in unused.iter().chain([&board.join_code]) {
        let response = qr(&server, &format!("?code={code}"), &[]).await?;
        assert_eq!(address_in(&response)?, format!("{base}#/join/{code}"));
    }
    // None of that touched the join throttle: its one wrong code is still there to use.
    let wrong = server
        .http()
        .post(server.url("/api/join"))
        .json(&serde_json::json!({ "code": unused[0] }))
        .send()
        .await?;
    assert_eq!(wrong.status(), 404);
    let next = server
        .http()
        .post(server.url("/api/join"))
        .json(&serde_json::json!({ "code": unused[1] }))
        .send()
        .await?;
    assert_eq!(next.status(), 429, "and now it is used up");
    Ok(())
}

#[tokio::test]
async fn a_bad_public_url_stops_the_server_at_start_with_the_reason() -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let start = |flag: Option<&str>, env: Option<&str>| {
        let mut command = tokio::process::Command::new(binary()?);
        command
            .args(["--bind", "127.0.0.1:0", "--data"])
            .arg(data.path())
            .env_remove("TALKOOT_PUBLIC_URL")
            .stdin(Stdio::null())
            .kill_on_drop(true);
        if let Some(value) = flag {
            command.args(["--public-url", value]);
        }
        if let Some(value) = env {
            command.env("TALKOOT_PUBLIC_URL", value);
        }
        anyhow::Ok(command.output())
    };
    let cases = [
        ("talkoot.example.fi", "not an absolute URL"),
        ("ftp://talkoot.example.fi", "scheme"),
        ("https://talkoot.example.fi/?a=1", "query"),
        ("https://talkoot.example.fi/#/join", "fragment"),
        ("https://talkoot.example.fi/talkoot/", "path"),
        ("https://anna:salasana@talkoot.example.fi", "password"),
    ];
    for (value, reason) in cases {
        for (flag, env) in [(Some(value), None), (None, Some(value))] {
            let output =
                tokio::time::timeout(std::time::Duration::from_secs(20), start(flag, env)?)
                    .await??;
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!output.status.success(), "{value} was accepted");
            assert!(
                stderr.contains("--public-url") && stderr.contains(reason),
                "{value}: the error names the flag and why: {stderr}"
            );
        }
    }
    Ok(())
}
