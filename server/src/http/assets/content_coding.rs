//! Which precompressed copy of a file to send, from the request's `Accept-Encoding`
//! (RFC 9110 §12.5.3): the coding with the highest q-value wins, Brotli before gzip when they
//! tie, and `q=0` refuses a coding. The uncompressed file is the fallback: it is sent when
//! nothing else is acceptable, or when the client rates `identity` above every compressed copy.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_ENCODING;

/// The codings web/scripts/precompress-dist.mjs writes, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentCoding {
    Brotli,
    Gzip,
}

impl ContentCoding {
    pub const PREFERENCE: [ContentCoding; 2] = [ContentCoding::Brotli, ContentCoding::Gzip];

    /// The `Content-Encoding` value.
    pub fn name(self) -> &'static str {
        match self {
            ContentCoding::Brotli => "br",
            ContentCoding::Gzip => "gzip",
        }
    }

    /// What the build appends to a file's name for this copy.
    pub fn file_suffix(self) -> &'static str {
        match self {
            ContentCoding::Brotli => ".br",
            ContentCoding::Gzip => ".gz",
        }
    }
}

/// A q-value in thousandths (`q=0.5` is 500), so that comparing needs no floats.
type Quality = u16;

/// What one request's `Accept-Encoding` says about the codings we can send.
#[derive(Debug, Default)]
pub struct AcceptEncoding {
    brotli: Option<Quality>,
    gzip: Option<Quality>,
    identity: Option<Quality>,
    any: Option<Quality>,
}

impl AcceptEncoding {
    /// Reads every `Accept-Encoding` line. Elements we cannot read (a malformed q-value, a
    /// non-ASCII line) are skipped, as if the client had not sent them.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let mut accept = AcceptEncoding::default();
        for line in headers.get_all(ACCEPT_ENCODING) {
            let Ok(line) = line.to_str() else { continue };
            for element in line.split(',') {
                let mut parts = element.split(';');
                let coding = parts.next().unwrap_or_default().trim();
                let mut quality = Some(1000);
                for param in parts {
                    if let Some((name, value)) = param.split_once('=')
                        && name.trim().eq_ignore_ascii_case("q")
                    {
                        quality = parse_quality(value.trim());
                    }
                }
                let Some(quality) = quality else { continue };
                let slot = match coding.to_ascii_lowercase().as_str() {
                    "br" => &mut accept.brotli,
                    "gzip" | "x-gzip" => &mut accept.gzip,
                    "identity" => &mut accept.identity,
                    "*" => &mut accept.any,
                    _ => continue,
                };
                *slot = Some(quality);
            }
        }
        accept
    }

    fn quality(&self, coding: ContentCoding) -> Quality {
        let stated = match coding {
            ContentCoding::Brotli => self.brotli,
            ContentCoding::Gzip => self.gzip,
        };
        stated.or(self.any).unwrap_or(0)
    }

    /// The coding to send among those the file has a copy in, or `None` for the file as it is.
    pub fn choose(
        &self,
        available: impl IntoIterator<Item = ContentCoding>,
    ) -> Option<ContentCoding> {
        let mut best: Option<(ContentCoding, Quality)> = None;
        for coding in available {
            let quality = self.quality(coding);
            let better = match best {
                None => true,
                Some((current, current_quality)) => {
                    quality > current_quality
                        || (quality == current_quality && rank(coding) < rank(current))
                }
            };
            if quality > 0 && better {
                best = Some((coding, quality));
            }
        }
        // An unlisted identity is only the fallback; a listed one competes on its q-value.
        match (best, self.identity) {
            (Some((_, quality)), Some(identity)) if identity > quality => None,
            (best, _) => best.map(|(coding, _)| coding),
        }
    }
}

fn rank(coding: ContentCoding) -> usize {
    ContentCoding::PREFERENCE
        .iter()
        .position(|c| *c == coding)
        .unwrap_or(usize::MAX)
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn parse_quality(value: &str) -> Option<Quality> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: Quality = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    use ContentCoding::{Brotli, Gzip};

    fn choose(lines: &[&str], available: &[ContentCoding]) -> Option<ContentCoding> {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(ACCEPT_ENCODING, HeaderValue::from_str(line).unwrap());
        }
        AcceptEncoding::from_headers(&headers).choose(available.iter().copied())
    }

    const BOTH: &[ContentCoding] = &[Brotli, Gzip];

    #[test]
    fn no_header_means_the_file_as_it_is() {
        assert_eq!(choose(&[], BOTH), None);
    }

    #[test]
    fn what_browsers_send_gets_brotli() {
        assert_eq!(choose(&["gzip, deflate, br, zstd"], BOTH), Some(Brotli));
        assert_eq!(choose(&["gzip, deflate, br, zstd"], &[Gzip]), Some(Gzip));
    }

    #[test]
    fn q_values_rank_the_codings() {
        assert_eq!(choose(&["br;q=0.5, gzip"], BOTH), Some(Gzip));
        assert_eq!(choose(&["br;q=0.9, gzip;q=0.8"], BOTH), Some(Brotli));
        assert_eq!(choose(&["br;q=0.500, gzip;q=0.5"], BOTH), Some(Brotli));
        assert_eq!(choose(&["BR ; Q=1.0"], BOTH), Some(Brotli));
    }

    #[test]
    fn q_zero_refuses_a_coding() {
        assert_eq!(choose(&["br;q=0, gzip"], BOTH), Some(Gzip));
        assert_eq!(choose(&["br;q=0, gzip;q=0"], BOTH), None);
        assert_eq!(choose(&["*;q=0"], BOTH), None);
        assert_eq!(choose(&["*, br;q=0"], BOTH), Some(Gzip));
    }

    #[test]
    fn identity_competes_only_when_listed() {
        assert_eq!(choose(&["identity"], BOTH), None);
        assert_eq!(choose(&["gzip;q=0.5"], BOTH), Some(Gzip));
        assert_eq!(choose(&["gzip;q=0.5, identity"], BOTH), None);
        assert_eq!(choose(&["gzip, identity;q=0.5"], BOTH), Some(Gzip));
        assert_eq!(choose(&["br, identity"], BOTH), Some(Brotli));
    }

    #[test]
    fn the_wildcard_and_aliases_count() {
        assert_eq!(choose(&["*"], BOTH), Some(Brotli));
        assert_eq!(choose(&["x-gzip"], BOTH), Some(Gzip));
        assert_eq!(choose(&["deflate", "br"], BOTH), Some(Brotli));
    }

    #[test]
    fn unreadable_elements_are_skipped() {
        assert_eq!(choose(&["br;q=2, gzip"], BOTH), Some(Gzip));
        assert_eq!(choose(&["br;q=0.0001"], BOTH), None);
        assert_eq!(choose(&["br;q=x"], BOTH), None);
        assert_eq!(choose(&["br;q="], BOTH), None);
        assert_eq!(choose(&[",,;"], BOTH), None);
    }

    #[test]
    fn a_coding_without_a_copy_is_never_chosen() {
        assert_eq!(choose(&["br"], &[Gzip]), None);
        assert_eq!(choose(&["br, gzip"], &[]), None);
    }
}
