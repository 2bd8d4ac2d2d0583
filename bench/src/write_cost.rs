//! The physical floor for a delivery: one `write()` of a WebSocket frame to a connected
//! loopback TCP socket. A reader thread drains the other end; the writer's own CPU time
//! (CLOCK_THREAD_CPUTIME_ID) per write is the figure the server's CPU per delivery is held to.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Instant;

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct WriteCost {
    pub frame_bytes: usize,
    pub writes: u64,
    /// CPU time of the writing thread per `write()`.
    pub cpu_ns_per_write: f64,
    pub wall_ns_per_write: f64,
}

/// Writes a server-to-client text frame with a `payload`-byte body `writes` times.
pub fn measure(payload: usize, writes: u64) -> anyhow::Result<WriteCost> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let mut writer = TcpStream::connect(listener.local_addr()?)?;
    let (mut reader, _) = listener.accept()?;
    writer.set_nodelay(true)?;
    let drain = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 20];
        while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
    });
    let frame = text_frame(payload);
    let cpu0 = thread_cpu_ns();
    let wall0 = Instant::now();
    for _ in 0..writes {
        writer.write_all(&frame)?;
    }
    let cpu = thread_cpu_ns() - cpu0;
    let wall = wall0.elapsed().as_nanos() as f64;
    drop(writer);
    let _ = drain.join();
    Ok(WriteCost {
        frame_bytes: frame.len(),
        writes,
        cpu_ns_per_write: cpu as f64 / writes as f64,
        wall_ns_per_write: wall / writes as f64,
    })
}

/// An unmasked WebSocket text frame (RFC 6455 §5.2), as a server sends it.
fn text_frame(payload: usize) -> Vec<u8> {
    let mut f = vec![0x81];
    match payload {
        0..=125 => f.push(payload as u8),
        126..=65535 => {
            f.push(126);
            f.extend_from_slice(&(payload as u16).to_be_bytes());
        }
        _ => {
            f.push(127);
            f.extend_from_slice(&(payload as u64).to_be_bytes());
        }
    }
    f.resize(f.len() + payload, b'x');
    f
}

fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_the_payload_length_in_the_right_form() {
        assert_eq!(text_frame(5)[..2], [0x81, 5]);
        assert_eq!(text_frame(400)[..4], [0x81, 126, 1, 144]);
        assert_eq!(text_frame(400).len(), 404);
        assert_eq!(text_frame(70_000).len(), 70_010);
    }

    #[test]
    fn writes_take_cpu_time() {
        let cost = measure(300, 2_000).unwrap();
        assert_eq!(cost.frame_bytes, 304);
        assert!(cost.cpu_ns_per_write > 0.0);
    }
}
