//! The web app goes out precompressed: Brotli or gzip by the request's `Accept-Encoding`
//! (q-values respected, `q=0` refusing), the plain file otherwise, each copy decoding to exactly
//! the plain file, with the same type and caching, and `Vary: Accept-Encoding` on all of them.

use std::io::Read;

use anyhow::{Context, ensure};
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, VARY,
};
use reqwest::{Method, Response};
use talkoot_tests::TestServer;

struct Fetched {
    encoding: Option<String>,
    content_type: String,
    cache_control: String,
    vary: String,
    body: Vec<u8>,
}

fn header(response: &Response, name: reqwest::header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

async fn fetch(server: &TestServer, path: &str, accept: Option<&str>) -> anyhow::Result<Fetched> {
    let mut request = server.http().get(server.url(path));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    let response = request.send().await?;
    ensure!(
        response.status() == 200,
        "GET {path}: {}",
        response.status()
    );
    Ok(Fetched {
        encoding: header(&response, CONTENT_ENCODING),
        content_type: header(&response, CONTENT_TYPE).context("Content-Type")?,
        cache_control: header(&response, CACHE_CONTROL).context("Cache-Control")?,
        vary: header(&response, VARY).unwrap_or_default(),
        body: response.bytes().await?.to_vec(),
    })
}

fn decode(encoding: &str, body: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut decoded = Vec::new();
    match encoding {
        "br" => {
            brotli_decompressor::Decompressor::new(body, 4096).read_to_end(&mut decoded)?;
        }
        "gzip" => {
            flate2::read::GzDecoder::new(body).read_to_end(&mut decoded)?;
        }
        other => anyhow::bail!("unexpected Content-Encoding {other}"),
    }
    Ok(decoded)
}

/// index.html and the script and stylesheet it links to under /assets/.
async fn app_files(server: &TestServer) -> anyhow::Result<Vec<String>> {
    let index = String::from_utf8(fetch(server, "/", None).await?.body)?;
    let mut paths = vec!["/".to_owned()];
    for attribute in ["src=\"/assets/", "href=\"/assets/"] {
        let start = index
            .find(attribute)
            .with_context(|| format!("index.html has no {attribute}…\""))?
            + attribute.len()
            - "/assets/".len();
        let end = index[start..].find('"').context("unterminated attribute")? + start;
        paths.push(index[start..end].to_owned());
    }
    Ok(paths)
}

#[tokio::test]
async fn each_file_goes_out_in_the_best_coding_the_client_accepts() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    for path in app_files(&server).await? {
        let plain = fetch(&server, &path, None).await?;
        ensure!(
            plain.encoding.is_none(),
            "{path} without Accept-Encoding is sent as it is, not {:?}",
            plain.encoding
        );
        ensure!(
            plain.vary.eq_ignore_ascii_case("accept-encoding"),
            "{path} varies by Accept-Encoding, even uncompressed (Vary: {:?})",
            plain.vary
        );
        for (accept, expected) in [
            ("identity", None),
            ("br;q=0, gzip;q=0", None),
            ("br", Some("br")),
            ("gzip", Some("gzip")),
            ("gzip, deflate, br, zstd", Some("br")),
            ("br;q=0.5, gzip", Some("gzip")),
            ("br;q=0, *", Some("gzip")),
        ] {
            let got = fetch(&server, &path, Some(accept)).await?;
            ensure!(
                got.encoding.as_deref() == expected,
                "{path} with Accept-Encoding: {accept} should be {expected:?}, was {:?}",
                got.encoding
            );
            ensure!(
                got.content_type == plain.content_type && got.cache_control == plain.cache_control,
                "{path} with {accept}: type and caching must not change with the coding"
            );
            ensure!(
                got.vary.eq_ignore_ascii_case("accept-encoding"),
                "{path} with {accept}: Vary {:?}",
                got.vary
            );
            let body = match &got.encoding {
                Some(encoding) => {
                    ensure!(
                        got.body.len() < plain.body.len(),
                        "{path} in {encoding} should be smaller than the plain file"
                    );
                    decode(encoding, &got.body)?
                }
                None => got.body,
            };
            ensure!(
                body == plain.body,
                "{path} with {accept} does not decode to the plain file"
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn types_and_caching_are_right_for_pages_and_hashed_assets() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let files = app_files(&server).await?;
    let index = fetch(&server, "/", Some("br")).await?;
    ensure!(index.content_type == "text/html; charset=utf-8");
    ensure!(index.cache_control == "no-cache");
    let script = fetch(&server, &files[1], Some("br")).await?;
    ensure!(
        script.content_type == "text/javascript; charset=utf-8",
        "script type {}",
        script.content_type
    );
    ensure!(script.cache_control == "public, max-age=31536000, immutable");
    let style = fetch(&server, &files[2], Some("br")).await?;
    ensure!(
        style.content_type == "text/css; charset=utf-8",
        "style type {}",
        style.content_type
    );

    // Any other path is the app's page (it routes with the fragment), compressed the same way.
    let elsewhere = fetch(&server, "/some/where", Some("gzip")).await?;
    ensure!(elsewhere.encoding.as_deref() == Some("gzip"));
    ensure!(elsewhere.content_type == "text/html; charset=utf-8");
    ensure!(elsewhere.cache_control == "no-cache");
    ensure!(decode("gzip", &elsewhere.body)? == fetch(&server, "/", None).await?.body);

    // The compressed copies and the build's stamp are not files of the app.
    for path in [
        format!("{}.br", files[1]),
        format!("{}.gz", files[1]),
        "/.talkoot-web-build".to_owned(),
    ] {
        let got = fetch(&server, &path, None).await?;
        ensure!(
            got.content_type == "text/html; charset=utf-8",
            "{path} should get the app's page, got {}",
            got.content_type
        );
    }
    Ok(())
}

#[tokio::test]
async fn head_says_what_get_would_send() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let script = app_files(&server).await?.remove(1);
    let compressed = fetch(&server, &script, Some("br")).await?;
    let response = server
        .http()
        .request(Method::HEAD, server.url(&script))
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await?;
    ensure!(response.status() == 200);
    ensure!(header(&response, CONTENT_ENCODING).as_deref() == Some("br"));
    ensure!(
        header(&response, CONTENT_LENGTH) == Some(compressed.body.len().to_string()),
        "HEAD Content-Length {:?}, GET sent {} bytes",
        header(&response, CONTENT_LENGTH),
        compressed.body.len()
    );
    ensure!(response.bytes().await?.is_empty());
    Ok(())
}
