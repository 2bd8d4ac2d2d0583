//! Which client a request comes from, for the per-address limits. By default that is the
//! socket's peer address. Behind a reverse proxy every request comes from the proxy, so with
//! `--trust-forwarded-for` it is the last `X-Forwarded-For` entry instead: the one the proxy
//! itself appended. Earlier entries are whatever the client claimed and are ignored.
//!
//! An IPv6 client counts by its /64 network: one home or phone gets a whole /64, and could
//! otherwise take a fresh address for every request.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::http::HeaderMap;

/// The address the per-address limits count by.
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trust_forwarded_for: bool) -> IpAddr {
    let address = trust_forwarded_for
        .then(|| last_forwarded_for(headers))
        .flatten()
        .unwrap_or(peer.ip());
    limit_key(address)
}

fn last_forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last_header = headers.get_all("x-forwarded-for").iter().next_back()?;
    let last_entry = last_header.to_str().ok()?.rsplit(',').next()?.trim();
    last_entry.parse().ok()
}

/// The key an address counts under: itself, or for IPv6 its /64 network.
pub fn limit_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(network))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().expect("header value"));
        }
        h
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted_and_only_its_last_entry() {
        let peer: SocketAddr = "10.0.0.2:5000".parse().expect("addr");
        let h = headers(&["1.1.1.1", "6.6.6.6, 203.0.113.7"]);
        assert_eq!(client_address(peer, &h, false), peer.ip());
        assert_eq!(
            client_address(peer, &h, true),
            "203.0.113.7".parse::<IpAddr>().expect("ip")
        );
        // A proxy that sent nothing usable: fall back to the peer.
        assert_eq!(client_address(peer, &headers(&["junk"]), true), peer.ip());
    }

    #[test]
    fn ipv6_clients_count_by_their_64_network() {
        let peer = |ip: &str| SocketAddr::new(ip.parse().expect("ip"), 1);
        let none = HeaderMap::new();
        assert_eq!(
            client_address(peer("2001:db8:1:2:aaaa::1"), &none, false),
            client_address(peer("2001:db8:1:2:bbbb::9"), &none, false)
        );
        assert_ne!(
            client_address(peer("2001:db8:1:2::1"), &none, false),
            client_address(peer("2001:db8:1:3::1"), &none, false)
        );
        assert_eq!(
            client_address(peer("::ffff:192.0.2.1"), &none, false),
            "192.0.2.1".parse::<IpAddr>().expect("ip")
        );
    }
}
