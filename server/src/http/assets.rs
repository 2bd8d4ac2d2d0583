//! The web app, built into web/dist by server/build.rs and embedded in release builds
//! (debug builds read web/dist from disk, so a rebuilt UI shows without recompiling).
//! Any path that is not a file gets index.html: the app routes with the URL fragment.

use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../web/dist"]
struct WebApp;

pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    match WebApp::get(path).filter(|_| !path.is_empty()) {
        Some(file) => {
            // Vite puts content hashes in the names of everything under assets/.
            let cache = if path.starts_with("assets/") {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            (
                [
                    (header::CONTENT_TYPE, mime.as_ref()),
                    (header::CACHE_CONTROL, cache),
                ],
                file.data,
            )
                .into_response()
        }
        None => index(),
    }
}

fn index() -> Response {
    match WebApp::get("index.html") {
        Some(file) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            file.data,
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            "the web app is not built: run `npm ci && npm run build` in web/",
        )
            .into_response(),
    }
}
