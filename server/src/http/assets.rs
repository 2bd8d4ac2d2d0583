//! The web app, built into web/dist by server/build.rs and embedded in release builds
//! (debug builds read web/dist from disk, so a rebuilt UI shows without recompiling).
//! Any path that is not a file gets index.html: the app routes with the URL fragment.
//!
//! The build leaves a Brotli (`name.br`) and a gzip (`name.gz`) copy next to each text file
//! where that is smaller (web/scripts/precompress-dist.mjs); the request's `Accept-Encoding`
//! picks one, so a phone on venue wifi downloads a third of the bytes and the server spends no
//! CPU compressing.

mod content_coding;

use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use mime_guess::mime;
use rust_embed::{EmbeddedFile, RustEmbed};

use content_coding::{AcceptEncoding, ContentCoding};

#[derive(RustEmbed)]
#[folder = "../web/dist"]
struct WebApp;

pub async fn serve(uri: Uri, headers: HeaderMap) -> Response {
    let accept = AcceptEncoding::from_headers(&headers);
    let path = uri.path().trim_start_matches('/');
    if is_servable(path)
        && let Some(file) = WebApp::get(path)
    {
        return respond(path, file, &accept);
    }
    match WebApp::get("index.html") {
        Some(file) => respond("index.html", file, &accept),
        None => (
            StatusCode::NOT_FOUND,
            "the web app is not built: run `npm ci && npm run build` in web/",
        )
            .into_response(),
    }
}

/// The compressed copies and the build's own files (dotfiles) are not pages of the app.
fn is_servable(path: &str) -> bool {
    !path.is_empty()
        && !path.split('/').any(|part| part.starts_with('.'))
        && !ContentCoding::PREFERENCE
            .iter()
            .any(|coding| path.ends_with(coding.file_suffix()))
}

/// Vite puts content hashes in the names of everything under assets/: they never change.
/// Everything else (index.html, the service worker) is asked for again on every load.
fn cache_control(path: &str) -> &'static str {
    if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

fn content_type(path: &str) -> HeaderValue {
    let guessed = mime_guess::from_path(path).first_or_octet_stream();
    // Vite writes UTF-8; saying so keeps browsers from guessing.
    let text = guessed.type_() == mime::TEXT
        || guessed.subtype() == mime::JAVASCRIPT
        || guessed.subtype() == mime::JSON
        || guessed.suffix() == Some(mime::XML)
        || guessed.suffix() == Some(mime::JSON);
    let value = if text && guessed.get_param(mime::CHARSET).is_none() {
        format!("{guessed}; charset=utf-8")
    } else {
        guessed.to_string()
    };
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

/// The file, or the copy in the best coding the client accepts. Every response of a file that
/// has copies says `Vary: Accept-Encoding`, the uncompressed one too, so that a shared cache
/// never hands one client's encoding to another.
fn respond(path: &str, file: EmbeddedFile, accept: &AcceptEncoding) -> Response {
    let copies: Vec<(ContentCoding, EmbeddedFile)> = ContentCoding::PREFERENCE
        .into_iter()
        .filter_map(|coding| {
            WebApp::get(&format!("{path}{}", coding.file_suffix())).map(|copy| (coding, copy))
        })
        .collect();
    let chosen = accept.choose(copies.iter().map(|(coding, _)| *coding));
    let mut response_headers = HeaderMap::new();
    response_headers.insert(header::CONTENT_TYPE, content_type(path));
    response_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(path)),
    );
    if !copies.is_empty() {
        response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let body = match copies
        .into_iter()
        .find(|(coding, _)| Some(*coding) == chosen)
    {
        Some((coding, copy)) => {
            response_headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(coding.name()),
            );
            copy.data
        }
        None => file.data,
    };
    (response_headers, body).into_response()
}
