//! Decoding whatever a client sends must never panic, and every message that decodes must
//! encode back to itself. The server's `wire::decode` is `serde_json` over these same shared
//! types (ids checked on the way in), so this is its decode path without the socket around it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use talkoot_shared::ClientMsg;

fuzz_target!(|data: &[u8]| {
    // WebSocket text frames are UTF-8 by the time the server sees them.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(msg) = serde_json::from_str::<ClientMsg>(text) {
        let encoded = serde_json::to_string(&msg).expect("a decoded message encodes");
        let back: ClientMsg = serde_json::from_str(&encoded).expect("its encoding decodes");
        assert_eq!(back, msg);
    }
});
