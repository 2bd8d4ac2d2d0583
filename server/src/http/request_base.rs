//! The address a request came to, `scheme://host[:port]/`, for join QR codes when no
//! `--public-url` is set: the one the facilitator's browser used, so a board opened at
//! `http://192.168.1.20:8080` makes QR codes that phones on the same wifi can open.
//!
//! It comes from the `Host` header, which the client writes, so it is checked strictly: a DNS
//! name, an IPv4 address or a bracketed IPv6 address, and an optional port; nothing else (no
//! user name, path, quote, space or control character) ever reaches a QR code. The scheme is
//! `http`, since the server itself speaks only plain HTTP. Behind a trusted proxy
//! (`--trust-forwarded-for`) the proxy's `X-Forwarded-Proto` and `X-Forwarded-Host` say what the
//! browser used, and are checked the same way; without the flag they are ignored, because any
//! client could send them.

use std::net::{Ipv4Addr, Ipv6Addr};

use axum::http::HeaderMap;
use axum::http::header::HOST;

use crate::limits::MAX_HOST_HEADER_CHARS;

/// Why the request's own address cannot be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadHost {
    #[error("the request has no Host header")]
    Missing,
    #[error("the Host header is not a host name or address with an optional port")]
    Malformed,
    #[error("X-Forwarded-Proto is neither http nor https")]
    BadForwardedProto,
    #[error("X-Forwarded-Host is not a host name or address with an optional port")]
    BadForwardedHost,
}

/// `scheme://host[:port]/` of the address this request was sent to.
pub fn request_base(headers: &HeaderMap, trust_forwarded: bool) -> Result<String, BadHost> {
    let forwarded = |name| trust_forwarded.then(|| last_entry(headers, name)).flatten();
    let scheme = match forwarded("x-forwarded-proto") {
        None => "http",
        Some(proto) if proto.eq_ignore_ascii_case("http") => "http",
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        Some(_) => return Err(BadHost::BadForwardedProto),
    };
    let host = match forwarded("x-forwarded-host") {
        Some(host) => checked_authority(host).ok_or(BadHost::BadForwardedHost)?,
        None => {
            let host = headers.get(HOST).ok_or(BadHost::Missing)?;
            checked_authority(host.to_str().map_err(|_| BadHost::Malformed)?)
                .ok_or(BadHost::Malformed)?
        }
    };
    Ok(format!("{scheme}://{host}/"))
}

/// The last entry of the last such header: the one the nearest proxy wrote (as for
/// `X-Forwarded-For` in `client_address`). Absent when there is none or it is not text.
fn last_entry<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let last = headers.get_all(name).iter().next_back()?;
    Some(last.to_str().ok()?.rsplit(',').next()?.trim())
}

/// `host[:port]` in lower case, if it is a DNS name, IPv4 or bracketed IPv6 address and an
/// optional port from 1 to 65535.
fn checked_authority(authority: &str) -> Option<String> {
    if authority.is_empty() || authority.len() > MAX_HOST_HEADER_CHARS {
        return None;
    }
    let (host, port) = split_port(authority)?;
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p > 0);
        if !valid {
            return None;
        }
    }
    let host_ok = match host.strip_prefix('[') {
        Some(inner) => inner
            .strip_suffix(']')
            .is_some_and(|ip| ip.parse::<Ipv6Addr>().is_ok()),
        None => host.parse::<Ipv4Addr>().is_ok() || is_dns_name(host),
    };
    host_ok.then(|| authority.to_ascii_lowercase())
}

/// Splits off `:port`; for a bracketed IPv6 address only a colon after the `]` starts one.
fn split_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (host, rest) = authority.split_at(end + 1);
        return match rest {
            "" => Some((host, None)),
            _ => Some((host, Some(rest.strip_prefix(':')?))),
        };
    }
    Some(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

/// Letters, digits and hyphens in dot-separated labels of 1–63 characters, no hyphen at either
/// end of a label, 253 characters at most (RFC 1035, RFC 1123); a final dot is allowed.
fn is_dns_name(host: &str) -> bool {
    let name = host.strip_suffix('.').unwrap_or(host);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                axum::http::HeaderValue::from_bytes(value.as_bytes()).expect("value"),
            );
        }
        h
    }

    fn base(pairs: &[(&str, &str)], trust: bool) -> Result<String, BadHost> {
        request_base(&headers(pairs), trust)
    }

    #[test]
    fn the_host_header_gives_the_address_the_browser_used() {
        let cases = [
            ("127.0.0.1:8080", "http://127.0.0.1:8080/"),
            ("Talkoot.Example.FI", "http://talkoot.example.fi/"),
            ("laptop.local.:8080", "http://laptop.local.:8080/"),
            ("[fd00::1]:8080", "http://[fd00::1]:8080/"),
            ("[::1]", "http://[::1]/"),
            ("localhost", "http://localhost/"),
        ];
        for (host, expected) in cases {
            assert_eq!(
                base(&[("host", host)], false).as_deref(),
                Ok(expected),
                "{host}"
            );
        }
    }

    #[test]
    fn a_host_header_that_is_not_a_plain_host_is_refused() {
        for host in [
            "",
            "evil.example\"><script>alert(1)</script>",
            "user@evil.example",
            "evil.example/path",
            "evil.example?q",
            "evil.example#f",
            "evil example",
            "evil.example:",
            "evil.example:0",
            "evil.example:65536",
            "evil.example:80:80",
            "evil.example:+80",
            "-evil.example",
            "evil..example",
            "[::1",
            "[::1]x",
            "[not-an-ip]",
            "ex%61mple.fi",
            "ääkkönen.fi",
            &"a".repeat(64),
            &format!("{}.fi", vec!["a".repeat(60); 5].join(".")),
        ] {
            assert_eq!(
                base(&[("host", host)], false),
                Err(BadHost::Malformed),
                "{host:?}"
            );
        }
        assert_eq!(base(&[], false), Err(BadHost::Missing));
    }

    #[test]
    fn forwarded_headers_count_only_behind_a_trusted_proxy() {
        let forwarded = [
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "talkoot.example.fi"),
        ];
        assert_eq!(
            base(&forwarded, false).as_deref(),
            Ok("http://127.0.0.1:8080/")
        );
        assert_eq!(
            base(&forwarded, true).as_deref(),
            Ok("https://talkoot.example.fi/")
        );
        // A chain of proxies: the nearest one's entry counts.
        let chained = [
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "evil.example, talkoot.example.fi"),
        ];
        assert_eq!(
            base(&chained, true).as_deref(),
            Ok("http://talkoot.example.fi/")
        );
        assert_eq!(
            base(
                &[("host", "a.fi"), ("x-forwarded-proto", "javascript")],
                true
            ),
            Err(BadHost::BadForwardedProto)
        );
        assert_eq!(
            base(&[("host", "a.fi"), ("x-forwarded-host", "a.fi/<x>")], true),
            Err(BadHost::BadForwardedHost)
        );
        // Untrusted, a bad forwarded header is not even looked at.
        assert_eq!(
            base(
                &[("host", "a.fi"), ("x-forwarded-proto", "javascript")],
                false
            )
            .as_deref(),
            Ok("http://a.fi/")
        );
    }
}
