//! Which web pages may open a WebSocket (against cross-site WebSocket hijacking: a page on
//! another site that opens a socket with the visitor's stored token). Browsers always send
//! `Origin` on a WebSocket upgrade. The server's own origin (the `Origin` authority equals the
//! `Host` header) is always allowed, plus any listed in `--allowed-origins`. A request without
//! `Origin` comes from a program, not a page another site controls, so it is allowed: it needs
//! a valid token all the same.

use axum::http::HeaderMap;
use axum::http::header::{HOST, ORIGIN};

pub struct OriginPolicy {
    /// Extra allowed origins, as `scheme://host[:port]`, lower case, no trailing slash.
    allowed: Vec<String>,
}

impl OriginPolicy {
    pub fn new(allowed: &[String]) -> Self {
        OriginPolicy {
            allowed: allowed.iter().map(|o| normalize(o)).collect(),
        }
    }

    pub fn allows(&self, headers: &HeaderMap) -> bool {
        let Some(origin) = headers.get(ORIGIN) else {
            return true;
        };
        let Ok(origin) = origin.to_str().map(normalize) else {
            return false;
        };
        let authority = origin.split_once("://").map(|(_, rest)| rest);
        let host = headers.get(HOST).and_then(|h| h.to_str().ok());
        let same_origin =
            matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h));
        same_origin || self.allowed.contains(&origin)
    }
}

fn normalize(origin: &str) -> String {
    origin.trim().trim_end_matches('/').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(HOST, host.parse().expect("host"));
        if let Some(o) = origin {
            h.insert(ORIGIN, o.parse().expect("origin"));
        }
        h
    }

    #[test]
    fn same_origin_listed_origins_and_programs_are_allowed() {
        let policy = OriginPolicy::new(&["https://Talkoot.example.fi/".into()]);
        assert!(policy.allows(&headers(Some("http://127.0.0.1:8080"), "127.0.0.1:8080")));
        assert!(policy.allows(&headers(
            Some("https://talkoot.example.fi"),
            "10.0.0.5:8080"
        )));
        assert!(policy.allows(&headers(None, "127.0.0.1:8080")));
        assert!(!policy.allows(&headers(Some("https://evil.example"), "127.0.0.1:8080")));
        assert!(!policy.allows(&headers(Some("http://127.0.0.1:9999"), "127.0.0.1:8080")));
        assert!(!policy.allows(&headers(Some("null"), "127.0.0.1:8080")));
    }
}
