//! How many connections each client address holds open, so that one host cannot take every
//! file descriptor. The server keeps two counts with the same limit: TCP connections by peer
//! address, taken at accept and held by the socket itself (not behind a trusted proxy, where
//! every peer is the proxy), and WebSockets by client address, taken at the upgrade and held by
//! the session. A slot is released when whatever holds it is dropped.

use std::net::IpAddr;
use std::sync::Arc;

use dashmap::DashMap;

pub struct ConnectionCounts {
    max_per_address: u32,
    open: DashMap<IpAddr, u32>,
}

/// One open connection, counted until dropped.
pub struct ConnectionSlot {
    counts: Arc<ConnectionCounts>,
    address: IpAddr,
}

impl ConnectionCounts {
    pub fn new(max_per_address: u32) -> Arc<Self> {
        Arc::new(ConnectionCounts {
            max_per_address,
            open: DashMap::new(),
        })
    }

    /// A slot for one more connection from `address`, or `None` if it already has the most.
    pub fn try_open(self: &Arc<Self>, address: IpAddr) -> Option<ConnectionSlot> {
        let mut open = self.open.entry(address).or_insert(0);
        if *open >= self.max_per_address {
            return None;
        }
        *open += 1;
        Some(ConnectionSlot {
            counts: self.clone(),
            address,
        })
    }

    pub fn max_per_address(&self) -> u32 {
        self.max_per_address
    }
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        self.counts.open.remove_if_mut(&self.address, |_, open| {
            *open = open.saturating_sub(1);
            *open == 0
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_limit_and_a_closed_slot_is_free_again() {
        let counts = ConnectionCounts::new(2);
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let b: IpAddr = "192.0.2.2".parse().expect("ip");
        let first = counts.try_open(a).expect("first");
        let _second = counts.try_open(a).expect("second");
        assert!(counts.try_open(a).is_none());
        assert!(
            counts.try_open(b).is_some(),
            "other addresses are not affected"
        );
        drop(first);
        assert!(counts.try_open(a).is_some());
    }
}
