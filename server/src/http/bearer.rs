//! The `Authorization: Bearer <secret>` header (RFC 6750). The scheme name is matched without
//! regard to case, as RFC 7235 says, so `bearer` from a hand-written client works too.

use axum::http::{HeaderMap, header};

/// The secret a request presents, if it has a bearer `Authorization` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !secret.is_empty()).then_some(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, value.parse().expect("header value"));
        h
    }

    #[test]
    fn the_scheme_is_case_insensitive_and_other_schemes_are_not_bearer() {
        assert_eq!(bearer_token(&with("Bearer f_abc")), Some("f_abc"));
        assert_eq!(bearer_token(&with("bearer  f_abc ")), Some("f_abc"));
        assert_eq!(bearer_token(&with("Basic Zm9vOmJhcg==")), None);
        assert_eq!(bearer_token(&with("Bearer")), None);
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
