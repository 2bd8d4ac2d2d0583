//! `--public-url`: the address phones reach this server at, for the join QR codes and the
//! "join at …" text. The server cannot know it by itself: behind a proxy it sees the proxy's
//! request, and a facilitator who opened `http://localhost:8080` on the venue laptop holds an
//! address no phone can reach.
//!
//! Checked once, at start-up, so a typo is an error before anyone prints a QR code: an absolute
//! `http` or `https` URL with a host, no user name or password (the QR code would publish them),
//! no query and no fragment (the join address is `<public URL>#/join/<code>`), and no path, since
//! the web app is served from the root of its address. Written as `scheme://host[:port]/`: lower
//! case, the scheme's default port dropped, always one trailing slash.

use std::fmt;

use url::Url;

use crate::limits::MAX_PUBLIC_URL_CHARS;

#[derive(Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// Checks and normalises a public URL; the error says what is wrong with it.
    pub fn parse(input: &str) -> Result<Self, String> {
        let input = input.trim();
        if input.chars().count() > MAX_PUBLIC_URL_CHARS {
            return Err(format!(
                "it is longer than {MAX_PUBLIC_URL_CHARS} characters, which would make the QR codes too dense to scan"
            ));
        }
        let url = Url::parse(input).map_err(|e| {
            format!("it is not an absolute URL ({e}); write it like https://talkoot.example.fi")
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "its scheme is {:?}; use http or https",
                url.scheme()
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err("it has no host name".into());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                "it contains a user name or password, which the QR codes would show to everyone"
                    .into(),
            );
        }
        if url.query().is_some() {
            return Err("it has a query (?…); give only the scheme, host and port".into());
        }
        if url.fragment().is_some() {
            return Err("it has a fragment (#…); give only the scheme, host and port".into());
        }
        if url.path() != "/" {
            return Err(format!(
                "it has a path ({}); talkoot is served from the root of its address, so give only the scheme, host and port",
                url.path()
            ));
        }
        Ok(PublicUrl(url.into()))
    }

    /// `scheme://host[:port]/`, ending in exactly one slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        match PublicUrl::parse(input) {
            Ok(url) => url.as_str().to_string(),
            Err(e) => panic!("{input:?} was refused: {e}"),
        }
    }

    fn refused(input: &str) -> String {
        match PublicUrl::parse(input) {
            Ok(url) => panic!("{input:?} was taken as {url}"),
            Err(e) => e,
        }
    }

    #[test]
    fn a_good_url_is_written_one_way() {
        assert_eq!(
            ok("https://talkoot.example.fi"),
            "https://talkoot.example.fi/"
        );
        assert_eq!(
            ok("https://talkoot.example.fi/"),
            "https://talkoot.example.fi/"
        );
        assert_eq!(
            ok(" HTTPS://Talkoot.Example.FI:443/ "),
            "https://talkoot.example.fi/"
        );
        assert_eq!(ok("http://192.168.1.20:8080"), "http://192.168.1.20:8080/");
        assert_eq!(ok("http://[fd00::1]:8080/"), "http://[fd00::1]:8080/");
    }

    #[test]
    fn anything_else_is_refused_with_the_reason() {
        assert!(refused("talkoot.example.fi").contains("not an absolute URL"));
        assert!(refused("/join").contains("not an absolute URL"));
        assert!(refused("ftp://talkoot.example.fi").contains("scheme"));
        assert!(refused("javascript:alert(1)").contains("scheme"));
        assert!(refused("https://talkoot.example.fi/?a=1").contains("query"));
        assert!(refused("https://talkoot.example.fi/#/join").contains("fragment"));
        assert!(refused("https://anna:salasana@talkoot.example.fi").contains("password"));
        assert!(refused("https://talkoot.example.fi/talkoot/").contains("path"));
        let long = format!("https://{}.fi", "a".repeat(MAX_PUBLIC_URL_CHARS));
        assert!(refused(&long).contains("longer than"));
    }
}
