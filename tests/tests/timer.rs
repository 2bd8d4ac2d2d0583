//! The countdown through the real server: it is data, worked out from the server's clock,
//! which every `welcome` carries. Start, pause, resume, extend and stop change it as
//! docs/protocol.md says, a timer in the wrong state refuses with `timer_state`, and the timer
//! survives a restart because it is in the log.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use talkoot_shared::limits::MAX_TIMER_MS;
use talkoot_shared::reject::RejectReason;
use talkoot_shared::{Change, Op, ServerMsg, Timer};
use talkoot_tests::ops::{applied, snapshot};
use talkoot_tests::{Client, TestServer};

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Applies a timer op; returns the timer it set and the test's clock just before sending and
/// just after the answer, between which the server's `now` fell.
async fn timer_op(c: &mut Client, op: Op) -> anyhow::Result<(Option<Timer>, u64, u64)> {
    let before = now_ms();
    let op_id = c.op(op).await?;
    let answer = c.answer_to(&op_id).await?.0;
    let after = now_ms();
    match applied(&answer).2 {
        [Change::Timer { timer }] => Ok((*timer, before, after)),
        other => anyhow::bail!("expected one timer change, got {other:?}"),
    }
}

fn ends_at(timer: Option<Timer>) -> u64 {
    match timer {
        Some(Timer::Running { ends_at }) => ends_at,
        other => panic!("expected a running timer, got {other:?}"),
    }
}

fn remaining(timer: Option<Timer>) -> u64 {
    match timer {
        Some(Timer::Paused { remaining_ms }) => remaining_ms,
        other => panic!("expected a paused timer, got {other:?}"),
    }
}

fn server_time(welcome: &ServerMsg) -> u64 {
    match welcome {
        ServerMsg::Welcome { server_time, .. } => *server_time,
        other => panic!("expected a welcome, got {other:?}"),
    }
}

#[tokio::test]
async fn welcome_carries_the_server_clock() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Ajastin", &["Ryhmä 1"]).await?;
    let joined = server.join(&board.join_code, None).await?;
    for token in [&board.facilitator_key, &joined.token, &board.projector_key] {
        let before = now_ms();
        let (_, welcome) = Client::join(&server.ws_url(), &board.board_id, token, None).await?;
        let after = now_ms();
        // The same machine's clock: the server read it between the two readings here.
        let at = server_time(&welcome);
        assert!(
            (before..=after).contains(&at),
            "{before} <= {at} <= {after}"
        );
        let raw = serde_json::to_string(&welcome)?;
        assert!(raw.contains("\"server_time\":"), "{raw}");
    }
    Ok(())
}

#[tokio::test]
async fn start_pause_resume_extend_and_stop() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Ajastin", &["Ryhmä 1"]).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;

    // Nothing to pause, resume, extend or stop yet.
    for op in [
        Op::PauseTimer,
        Op::ResumeTimer,
        Op::ExtendTimer { by_ms: 1_000 },
        Op::StopTimer,
    ] {
        assert_eq!(f.rejection(op).await?, RejectReason::TimerState);
    }
    let bad = RejectReason::BadDuration {
        max_ms: MAX_TIMER_MS,
    };
    for duration_ms in [0, MAX_TIMER_MS + 1] {
        assert_eq!(f.rejection(Op::StartTimer { duration_ms }).await?, bad);
    }

    // Start: it ends its duration after the server's now.
    let (timer, before, after) = timer_op(
        &mut f,
        Op::StartTimer {
            duration_ms: 600_000,
        },
    )
    .await?;
    let end = ends_at(timer);
    assert!((before + 600_000..=after + 600_000).contains(&end), "{end}");
    assert_eq!(
        f.rejection(Op::ResumeTimer).await?,
        RejectReason::TimerState
    );
    // Extending a running timer moves its end by exactly that much.
    let (timer, ..) = timer_op(&mut f, Op::ExtendTimer { by_ms: 60_000 }).await?;
    assert_eq!(ends_at(timer), end + 60_000);
    let end = end + 60_000;

    // Pause keeps what is left at the server's now; pausing again is refused.
    let (timer, before, after) = timer_op(&mut f, Op::PauseTimer).await?;
    let left = remaining(timer);
    assert!((end - after..=end - before).contains(&left), "{left}");
    assert_eq!(f.rejection(Op::PauseTimer).await?, RejectReason::TimerState);
    // Extending a paused timer adds to what is left, and it stays paused.
    let (timer, ..) = timer_op(&mut f, Op::ExtendTimer { by_ms: 30_000 }).await?;
    assert_eq!(remaining(timer), left + 30_000);
    let left = left + 30_000;
    // Not past the longest countdown.
    assert_eq!(
        f.rejection(Op::ExtendTimer {
            by_ms: MAX_TIMER_MS - left + 1
        })
        .await?,
        bad
    );

    // Resume counts what was left down from the server's now.
    let (timer, before, after) = timer_op(&mut f, Op::ResumeTimer).await?;
    let end = ends_at(timer);
    assert!((before + left..=after + left).contains(&end), "{end}");

    // Stop removes it from every screen; the participant's copy agrees.
    let (timer, ..) = timer_op(&mut f, Op::StopTimer).await?;
    assert_eq!(timer, None);
    assert_eq!(f.rejection(Op::StopTimer).await?, RejectReason::TimerState);
    let seen = server.snapshot(&board.board_id, &joined.token).await?.board;
    assert_eq!(seen.timer, None);
    // The participant is told too (a wait that times out fails the test).
    loop {
        if let ServerMsg::Applied { changes, .. } = p.recv_content().await?
            && changes == [Change::Timer { timer: None }]
        {
            break;
        }
    }

    // A timer that ran out cannot be paused; extending starts it again from now.
    timer_op(&mut f, Op::StartTimer { duration_ms: 1 }).await?;
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(f.rejection(Op::PauseTimer).await?, RejectReason::TimerState);
    let (timer, before, after) = timer_op(&mut f, Op::ExtendTimer { by_ms: 5_000 }).await?;
    let end = ends_at(timer);
    assert!((before + 5_000..=after + 5_000).contains(&end), "{end}");
    Ok(())
}

#[tokio::test]
async fn the_timer_survives_a_restart() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server.create_board("Ajastin", &["Ryhmä 1"]).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let (running, ..) = timer_op(
        &mut f,
        Op::StartTimer {
            duration_ms: 900_000,
        },
    )
    .await?;
    drop(f);
    server.restart().await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    assert_eq!(
        snapshot(&welcome).timer,
        running,
        "a running timer keeps its end"
    );
    let (paused, ..) = timer_op(&mut f, Op::PauseTimer).await?;
    drop(f);
    server.restart().await?;
    let (_, welcome) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    assert_eq!(
        snapshot(&welcome).timer,
        paused,
        "a paused timer keeps what was left"
    );
    let before = now_ms();
    let (_, welcome) = server.facilitator(&board).await?;
    assert!(server_time(&welcome) >= before);
    Ok(())
}
