//! Scenario (f): private writing, then the reveal. Participants post while the phase keeps their
//! notes private (every other screen gets only "a hidden note in section X"); then the
//! facilitator moves to a public phase, and that one `applied` carries every note to every
//! screen. Each participant's time runs from the facilitator sending the reveal to its own
//! socket holding the reveal's frame.

use std::time::{Duration, Instant};

use anyhow::Context;
use futures_util::StreamExt;
use futures_util::future::join_all;
use hdrhistogram::Histogram;
use serde::Serialize;
use talkoot_shared::{Colour, NoteId, Op, ServerMsg};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

use crate::boards::{self, Http};
use crate::client::{self, Ws, new_id, send_op, wait_for_applied};
use crate::meter::Percentiles;
use crate::target::Target;

/// Longest wait for any one step (posting, the reveal reaching everyone).
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, Serialize)]
pub struct RevealReport {
    pub clients: usize,
    pub notes: usize,
    /// Participants whose reveal frame carried every note.
    pub complete: usize,
    /// From sending the reveal to each participant holding it.
    pub delivery: Percentiles,
    /// Size of the reveal's `applied` frame.
    pub reveal_bytes: usize,
    /// Server CPU from the reveal until every participant held it.
    pub server_cpu_s: f64,
}

pub async fn run(
    target: &Target,
    clients: usize,
    notes_each: usize,
    sources: usize,
) -> anyhow::Result<RevealReport> {
    let http = Http::new(sources)?;
    let board = boards::create_board(target, &http, 0).await?;
    let mut facilitator = client::connect(target.addr, &target.ws_url(), http.source_of(0)).await?;
    let welcome = client::hello(&mut facilitator, &board.id, &board.facilitator_key).await?;
    let ServerMsg::Welcome {
        snapshot: Some(snapshot),
        ..
    } = serde_json::from_str(&welcome)?
    else {
        anyhow::bail!("the facilitator's welcome has no snapshot");
    };
    let private = snapshot
        .phases
        .iter()
        .find(|p| p.private_notes)
        .context("the board has a private phase")?;
    let public = snapshot
        .phases
        .iter()
        .find(|p| !p.private_notes)
        .context("the board has a public phase")?;
    send_op(&mut facilitator, go_to(&private.id)).await?;
    wait_for_applied(&mut facilitator, 1).await?;

    // Each participant posts its notes, then reads until the reveal arrives.
    let (go, start) = watch::channel(None::<Instant>);
    let mut phones = Vec::with_capacity(clients);
    for i in 0..clients {
        let token = boards::join(target, &http, &board, i + 1).await?;
        let mut ws = client::connect(target.addr, &target.ws_url(), http.source_of(i + 1)).await?;
        client::hello(&mut ws, &board.id, &token).await?;
        let section = board.sections[i % board.sections.len()].clone();
        for k in 0..notes_each {
            let op = Op::PostNote {
                id: new_id::<NoteId>(),
                section: section.clone(),
                text: format!("Yksityinen tarve {i}-{k}: nuorten matalan kynnyksen palvelut"),
                colour: Colour::Yellow,
                on_behalf_of: None,
            };
            send_op(&mut ws, op).await?;
        }
        phones.push(tokio::spawn(until_reveal(ws, start.clone())));
    }
    wait_for_applied(&mut facilitator, clients * notes_each).await?;

    let server0 = crate::proc_stats::sample(target.pid)?;
    let sent = Instant::now();
    let _ = go.send(Some(sent));
    send_op(&mut facilitator, go_to(&public.id)).await?;
    let results = join_all(phones).await;
    let server1 = crate::proc_stats::sample(target.pid)?;

    let notes = clients * notes_each;
    let mut times = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3)?;
    let mut complete = 0;
    let mut reveal_bytes = 0;
    for result in results {
        let (at, frame) = result??;
        times.saturating_record(at.duration_since(sent).as_micros() as u64);
        reveal_bytes = reveal_bytes.max(frame.len());
        if frame.matches("\"type\":\"note\"").count() == notes {
            complete += 1;
        }
    }
    Ok(RevealReport {
        clients,
        notes,
        complete,
        delivery: Percentiles::of(&times),
        reveal_bytes,
        server_cpu_s: server1.cpu_seconds - server0.cpu_seconds,
    })
}

fn go_to(id: &talkoot_shared::PhaseId) -> Op {
    Op::GoToPhase {
        id: Some(id.clone()),
    }
}

/// Reads every frame (so the outbox never fills) until the reveal: the first `current_phase`
/// after the reveal was sent. Returns when it arrived, and the frame.
async fn until_reveal(
    mut ws: Ws,
    start: watch::Receiver<Option<Instant>>,
) -> anyhow::Result<(Instant, String)> {
    loop {
        let frame = tokio::time::timeout(STEP_TIMEOUT, ws.next())
            .await
            .context("timed out waiting for the reveal")?
            .context("the server closed the connection")??;
        if let Message::Text(text) = frame
            && start.borrow().is_some()
            && text.contains("\"type\":\"current_phase\"")
        {
            return Ok((Instant::now(), text.to_string()));
        }
    }
}
