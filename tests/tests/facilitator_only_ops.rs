//! The ops that run a workshop are the facilitators': a participant and the projector are
//! refused each with `forbidden`, on real entities (so no other rule could refuse first), and
//! nothing on the board changes. Votes are the other way round: facilitators run the vote and
//! cast none.

use talkoot_shared::reject::RejectReason;
use talkoot_shared::{Op, Status, ThemeId, VoteTarget};
use talkoot_tests::ops::{
    comment, go_to, moderate_note, phases, post, post_on_behalf, sections, vote, voting,
};
use talkoot_tests::{Client, TestServer, new_id};

#[tokio::test]
async fn participants_and_the_projector_may_not_run_the_workshop() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Roolit", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    // Something real for each op to name: a note, a comment, a theme, a running timer, votes.
    let (op, note) = post(&s[0], "Lappu");
    p.apply(op).await?;
    let (op, remark) = comment(&note, "Kommentti");
    p.apply(op).await?;
    let theme: ThemeId = new_id();
    f.apply(Op::AddTheme {
        id: theme.clone(),
        title: "Teema".into(),
    })
    .await?;
    f.apply(Op::StartTimer {
        duration_ms: 600_000,
    })
    .await?;
    f.apply(go_to(&ph[2])).await?;
    p.apply(vote(&note)).await?;
    let before = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?;

    let ops = || {
        vec![
            voting(3, true),
            Op::ClearVotes,
            moderate_note(&note, Status::Hidden),
            moderate_note(&note, Status::Visible),
            Op::ModerateComment {
                id: remark.clone(),
                status: Status::Hidden,
            },
            Op::SetApproveFirst { on: true },
            Op::AddTheme {
                id: new_id(),
                title: "Oma teema".into(),
            },
            Op::RenameTheme {
                id: theme.clone(),
                title: "Uusi nimi".into(),
            },
            Op::DeleteTheme { id: theme.clone() },
            Op::SetNoteTheme {
                note: note.clone(),
                theme: Some(theme.clone()),
            },
            Op::StartTimer { duration_ms: 1_000 },
            Op::PauseTimer,
            Op::ResumeTimer,
            Op::ExtendTimer { by_ms: 1_000 },
            Op::StopTimer,
            post_on_behalf(&s[0], "Toisen puolesta", "Pöytä 3").0,
        ]
    };
    // On behalf is refused only where posting itself is open: go where it is.
    let mut with_posting = ph.clone();
    with_posting[2].posting_open = true;
    f.apply(Op::SetPhases {
        phases: with_posting,
    })
    .await?;
    let before_seq = before.seq + 1;
    for (who, c) in [("a participant", &mut p), ("the projector", &mut v)] {
        for op in ops() {
            let reason = c.rejection(op.clone()).await?;
            assert_eq!(reason, RejectReason::Forbidden, "{who}: {op:?}");
        }
    }
    let after = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?;
    assert_eq!(after.seq, before_seq, "nothing but the phases was applied");
    let mut expected = before.board.clone();
    expected.phases[2].posting_open = true;
    assert_eq!(after.board, expected);

    // A facilitator runs the vote and casts none; the projector casts none either.
    for (who, c) in [("a facilitator", &mut f), ("the projector", &mut v)] {
        for op in [
            vote(&note),
            Op::CastVote {
                target: VoteTarget::Theme(theme.clone()),
            },
        ] {
            assert_eq!(c.rejection(op).await?, RejectReason::Forbidden, "{who}");
        }
    }
    Ok(())
}
