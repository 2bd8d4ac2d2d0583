//! `GET /api/qr/join.svg?code=<join code>[&group=<section id>]`: the QR code of a join address
//! as an SVG, for the projector and the printed table sheets (loaded as a same-origin `<img>`,
//! so the page's `img-src 'self'` needs no exception and no QR library runs in the browser).
//!
//! It encodes what it is given and looks nothing up: the answer for a code no board has is the
//! same kind of answer as for a real one, so it tells a guesser nothing and needs neither a key
//! nor the join throttle. The address is `--public-url`, or else the one the request came to
//! (see `request_base`), followed by the web app's join route (see `join_address`).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use talkoot_shared::SectionId;
use talkoot_shared::http::ApiErrorCode;
use talkoot_shared::limits::MAX_ID_LEN;

use super::ApiFailure;
use super::request_base::request_base;
use crate::AppState;
use crate::join_address::join_address;
use crate::qr_svg::qr_svg;
use crate::secret::{JOIN_CODE_DIGITS, normalize_join_code};

/// The address depends on the server's `--public-url` and on the request's `Host`, both of
/// which can change between two loads of the same URL (a restart with the flag set, after the
/// facilitator saw the localhost warning): the browser asks again each time, and a matching
/// `ETag` makes that a `304` of a few bytes. `private`: no shared cache may keep an answer that
/// was built from a client's `Host` header and hand it to others.
const CACHE_CONTROL: &str = "private, no-cache";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrQuery {
    code: Option<String>,
    group: Option<String>,
}

pub async fn join_svg(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<QrQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let Query(query) = query.map_err(|rejection| {
        ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ApiErrorCode::InvalidRequest,
            rejection.body_text(),
        )
    })?;
    let code = query.code.ok_or_else(|| {
        ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ApiErrorCode::InvalidRequest,
            "give the join code: ?code=<join code>",
        )
    })?;
    let code = normalize_join_code(&code).ok_or_else(|| {
        ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiErrorCode::InvalidField,
            format!("code must be a join code: {JOIN_CODE_DIGITS} digits"),
        )
    })?;
    let group = query.group.map(SectionId::parse).transpose().map_err(|_| {
        ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiErrorCode::InvalidField,
            format!(
                "group must be a section id: 1–{MAX_ID_LEN} characters of A–Z, a–z, 0–9, _ and -"
            ),
        )
    })?;
    let base = match &state.public_url {
        Some(url) => url.as_str().to_string(),
        None => request_base(&headers, state.trust_forwarded_for).map_err(|bad| {
            ApiFailure::new(
                StatusCode::BAD_REQUEST,
                ApiErrorCode::InvalidRequest,
                format!("{bad}; or start the server with --public-url"),
            )
        })?,
    };
    let address = join_address(&base, &code, group.as_ref());
    let etag = entity_tag(&address);
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| matches_any(tags, &etag));
    let cache = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        ),
        (header::ETAG, etag),
    ];
    if unchanged {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    // Cannot fail: the longest address the checks above let through fits a QR code many times
    // over (see the tests).
    let svg = qr_svg(&address).map_err(|e| {
        tracing::error!(error = %e, "a join address did not fit a QR code");
        ApiFailure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ApiErrorCode::Unavailable,
            "the join address does not fit a QR code",
        )
    })?;
    let content_type = [(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    )];
    Ok((cache, content_type, svg).into_response())
}

/// A strong entity tag naming the address: the same address, the same picture.
fn entity_tag(address: &str) -> HeaderValue {
    let digest = Sha256::digest(address.as_bytes());
    let tag = format!("\"{}\"", hex::encode(&digest[..16]));
    // Hex digits in quotes are always a valid header value.
    HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("\"\""))
}

/// `If-None-Match: "a", W/"b"` or `*` (RFC 9110 §13.1.2, weak comparison).
fn matches_any(if_none_match: &str, etag: &HeaderValue) -> bool {
    let etag = etag.as_bytes();
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag).as_bytes() == etag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{MAX_HOST_HEADER_CHARS, MAX_PUBLIC_URL_CHARS};

    #[test]
    fn the_longest_address_the_checks_allow_fits_a_qr_code() {
        let group = SectionId::parse("g".repeat(MAX_ID_LEN)).expect("id");
        let host = format!("https://{}/", "h".repeat(MAX_HOST_HEADER_CHARS));
        let public = format!("https://{}/", "p".repeat(MAX_PUBLIC_URL_CHARS));
        for base in [host, public] {
            let address = join_address(&base, "48215903", Some(&group));
            assert!(qr_svg(&address).is_ok(), "{} characters", address.len());
        }
    }

    /// The figures `MAX_PUBLIC_URL_CHARS` is chosen by.
    #[test]
    fn table_addresses_stay_coarse_enough_to_scan_from_paper() {
        let version = |base: &str| {
            let group = SectionId::parse("0190f3a2-7b1c-7c3d-8e4f-0123456789ab").expect("id");
            let address = join_address(base, "48215903", Some(&group));
            qrcode::QrCode::with_error_correction_level(address, qrcode::EcLevel::M)
                .expect("fits")
                .version()
        };
        let longest = format!(
            "https://{}/",
            "p".repeat(MAX_PUBLIC_URL_CHARS - "https:///".len())
        );
        assert_eq!(version(&longest), qrcode::Version::Normal(9));
        assert_eq!(
            version("https://talkoot.example.fi/"),
            qrcode::Version::Normal(5)
        );
    }

    #[test]
    fn if_none_match_takes_lists_weak_tags_and_a_star() {
        let etag = entity_tag("https://talkoot.example.fi/#/join/48215903");
        let tag = etag.to_str().expect("ascii").to_string();
        assert!(matches_any(&tag, &etag));
        assert!(matches_any(&format!("\"other\", W/{tag}"), &etag));
        assert!(matches_any("*", &etag));
        assert!(!matches_any("\"other\"", &etag));
        assert_ne!(
            entity_tag("https://talkoot.example.fi/#/join/48215904"),
            etag
        );
    }
}
