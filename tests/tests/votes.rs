//! Dot voting through the real server: the budget holds however a participant's tabs race, a
//! resent vote counts once, and votes are secret: a ballot reaches only its voter (the
//! facilitators learn totals, never who voted), an `applied` of a vote names its actor to
//! nobody else, and the totals reach everyone else only while the phase shows votes. Checked on
//! the raw frames of the people who must not see, not only on what they parse into.

use std::collections::BTreeMap;

use talkoot_shared::reject::RejectReason;
use talkoot_shared::{Change, NoteId, Op, OpId, ParticipantId, ServerMsg, VoteCounts, VoteTarget};
use talkoot_tests::ops::{
    applied, go_to, phases, post, retract, sections, vote, voting, welcome_seq,
};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer, new_id};

const BUDGET: u32 = 3;
const ROUNDS: usize = 30;
const NOTES: usize = 5;

/// Sends every op at once, without waiting for any answer; returns their op ids in order.
async fn fire(c: &mut Client, ops: Vec<Op>) -> anyhow::Result<Vec<OpId>> {
    let mut ids = Vec::new();
    for op in ops {
        ids.push(c.op(op).await?);
    }
    Ok(ids)
}

/// The answers to `ids` among `msgs`: the notes that were accepted (by seq) and the reasons
/// for the rest. Every message is folded into `replica` too.
fn tally(
    msgs: &[ServerMsg],
    ids: &[OpId],
    replica: &mut Replica,
) -> anyhow::Result<(Vec<u64>, Vec<RejectReason>)> {
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for msg in msgs {
        replica.fold(msg)?;
        match msg {
            ServerMsg::Applied { op_id, seq, .. } if ids.contains(op_id) => accepted.push(*seq),
            ServerMsg::Rejected { op_id, reason } if ids.contains(op_id) => {
                refused.push(reason.clone())
            }
            _ => {}
        }
    }
    Ok((accepted, refused))
}

#[tokio::test]
async fn two_tabs_of_one_participant_racing_never_spend_more_than_the_budget() -> anyhow::Result<()>
{
    // The race sends far more ops than a person would: lift the rate limit, not the rules.
    let server =
        TestServer::start_with(&["--ops-burst", "100000", "--ops-per-second", "100000"]).await?;
    let board = server.create_board("Äänestys", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let mut notes: Vec<NoteId> = Vec::new();
    for i in 0..NOTES {
        let (op, id) = post(&s[0], &format!("Ehdotus {i}"));
        f.apply(op).await?;
        notes.push(id);
    }
    f.apply(voting(BUDGET, false)).await?;
    let start = f.apply(go_to(&ph[2])).await?;
    assert!(ph[2].voting_open && !ph[2].votes_shown);

    let me = server
        .join(&board.join_code, Some("Kaksi välilehteä"))
        .await?;
    let other = server.join(&board.join_code, Some("Muu")).await?;
    let (mut t1, mut r1) = Replica::join(&server, &board.board_id, &me.token).await?;
    let (mut t2, mut r2) = Replica::join(&server, &board.board_id, &me.token).await?;
    let (mut o, _) = Client::join(&server.ws_url(), &board.board_id, &other.token, None).await?;
    // A second facilitator only watches, folding everything it is sent.
    let (mut f2, mut f_replica) =
        Replica::join(&server, &board.board_id, &board.facilitator_key).await?;
    assert_eq!(f_replica.seq, start);

    for round in 0..ROUNDS {
        // Both tabs vote on every note at the same moment: in the same order on even rounds
        // (so they collide on each note), in opposite orders on odd ones.
        let first: Vec<Op> = notes.iter().map(vote).collect();
        let second: Vec<Op> = if round % 2 == 0 {
            notes.iter().map(vote).collect()
        } else {
            notes.iter().rev().map(vote).collect()
        };
        let theirs = &notes[round % NOTES];
        let (ids1, ids2, id_o) = tokio::join!(fire(&mut t1, first), fire(&mut t2, second), async {
            o.op(vote(theirs)).await
        });
        let (ids1, ids2, id_o) = (ids1?, ids2?, id_o?);
        let (acc1, ref1) = tally(&t1.answers_to(&ids1).await?, &ids1, &mut r1)?;
        let (acc2, ref2) = tally(&t2.answers_to(&ids2).await?, &ids2, &mut r2)?;
        o.answer_to(&id_o).await?;

        assert_eq!(
            acc1.len() + acc2.len(),
            BUDGET as usize,
            "round {round}: the tabs together spent exactly the budget"
        );
        for reason in ref1.iter().chain(&ref2) {
            assert!(
                matches!(reason, RejectReason::BudgetSpent { budget: BUDGET })
                    || *reason == RejectReason::AlreadyVoted,
                "round {round}: a vote refused for {reason:?}"
            );
        }
        let last = *acc1.iter().chain(&acc2).max().expect("votes were accepted");

        // The server's view, over HTTP: the participant's own ballot holds the budget, one
        // vote a note; the facilitator sees the totals and no ballot at all.
        let mine = server.snapshot(&board.board_id, &me.token).await?.board;
        let ballot = mine
            .ballots
            .get(&me.participant_id)
            .cloned()
            .unwrap_or_default();
        assert_eq!(ballot.sum(), BUDGET, "round {round}: {ballot:?}");
        assert!(
            ballot.notes.values().all(|&n| n == 1),
            "no stacking: {ballot:?}"
        );
        assert_eq!(
            mine.ballots.len(),
            1,
            "a participant sees only their own ballot"
        );
        assert!(mine.vote_totals.is_empty(), "the phase hides the totals");
        let full = server
            .snapshot(&board.board_id, &board.facilitator_key)
            .await?
            .board;
        assert!(
            full.ballots.is_empty(),
            "votes are secret from facilitators"
        );
        let mut expected = ballot.clone();
        expected.set(
            &VoteTarget::Note(theirs.clone()),
            ballot.get(&VoteTarget::Note(theirs.clone())) + 1,
        );
        assert_eq!(full.vote_totals, expected, "round {round}: totals add up");

        // Each tab's own copy, folded from what it was sent, agrees.
        for (c, r) in [(&mut t1, &mut r1), (&mut t2, &mut r2)] {
            r.follow(c, last).await?;
            let b = r.board()?;
            assert_eq!(b.ballots.get(&me.participant_id), Some(&ballot));
            assert!(b.vote_totals.is_empty());
        }
        f_replica.follow(&mut f2, last.max(f_replica.seq)).await?;

        // A new round: even rounds the facilitator clears the votes; odd rounds both tabs race
        // to take back every vote, and exactly the budget's worth is taken back.
        let done = if round % 2 == 0 {
            f.apply(Op::ClearVotes).await?
        } else {
            let back: Vec<Op> = notes.iter().map(retract).collect();
            let (ids1, ids2) = tokio::join!(fire(&mut t1, back.clone()), fire(&mut t2, back));
            let (ids1, ids2) = (ids1?, ids2?);
            let (acc1, ref1) = tally(&t1.answers_to(&ids1).await?, &ids1, &mut r1)?;
            let (acc2, ref2) = tally(&t2.answers_to(&ids2).await?, &ids2, &mut r2)?;
            assert_eq!(acc1.len() + acc2.len(), BUDGET as usize, "round {round}");
            assert!(ref1.iter().chain(&ref2).all(|r| *r == RejectReason::NoVote));
            let id = o.op(retract(theirs)).await?;
            match o.answer_to(&id).await?.0 {
                ServerMsg::Applied { seq, .. } => seq,
                other => anyhow::bail!("expected applied, got {other:?}"),
            }
        };
        for (c, r) in [
            (&mut t1, &mut r1),
            (&mut t2, &mut r2),
            (&mut f2, &mut f_replica),
        ] {
            r.follow(c, done).await?;
            let b = r.board()?;
            assert!(
                b.ballots.is_empty() && b.vote_totals.is_empty(),
                "round {round}"
            );
        }
        let full = server
            .snapshot(&board.board_id, &board.facilitator_key)
            .await?
            .board;
        assert!(
            full.vote_totals.is_empty(),
            "round {round}: every vote is back"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_vote_resent_after_a_reconnect_or_a_restart_counts_once() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server.create_board("Äänestys", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let (op, note) = post(&s[0], "Ehdotus");
    f.apply(op).await?;
    // Votes stack, so a vote applied a second time would count a second time.
    f.apply(voting(5, true)).await?;
    f.apply(go_to(&ph[2])).await?;
    let me = server.join(&board.join_code, None).await?;
    let target = VoteTarget::Note(note.clone());

    // The vote is sent and the connection drops before its answer is read.
    let op_id: OpId = new_id();
    let (mut c, _) = Client::join(&server.ws_url(), &board.board_id, &me.token, None).await?;
    c.op_as(&op_id, vote(&note)).await?;
    let seq = match f.recv_content().await? {
        ServerMsg::Applied { seq, .. } => seq,
        other => anyhow::bail!("expected the vote's applied, got {other:?}"),
    };
    drop(c);

    for attempt in ["after a reconnect", "after a restart"] {
        if attempt == "after a restart" {
            server.restart().await?;
        }
        let (mut c, welcome) =
            Client::join(&server.ws_url(), &board.board_id, &me.token, Some(seq)).await?;
        assert_eq!(welcome_seq(&welcome), seq, "{attempt}");
        c.op_as(&op_id, vote(&note)).await?;
        let (answer, _) = c.answer_to(&op_id).await?;
        let (repeat_seq, actor, changes) = applied(&answer);
        assert_eq!(
            repeat_seq, seq,
            "{attempt}: the original applied, not a new seq"
        );
        assert_eq!(
            actor, &me.participant_id,
            "the voter is named to themselves"
        );
        assert!(
            changes.iter().any(|c| matches!(c,
                Change::Ballot { voter, count: 1, .. } if voter == &me.participant_id)),
            "{attempt}: {changes:?}"
        );
        let full = server
            .snapshot(&board.board_id, &board.facilitator_key)
            .await?;
        assert_eq!(full.seq, seq, "{attempt}: nothing new was applied");
        assert_eq!(
            full.board.vote_totals.get(&target),
            1,
            "{attempt}: counted once"
        );
        let own = server.snapshot(&board.board_id, &me.token).await?.board;
        assert_eq!(own.ballots[&me.participant_id].get(&target), 1, "{attempt}");
    }
    Ok(())
}

fn assert_names_none(frames: &[String], ids: &[&ParticipantId], who: &str) {
    for frame in frames {
        for id in ids {
            assert!(
                !frame.contains(id.as_str()),
                "{who} learned of {id} from {frame}"
            );
        }
    }
}

fn totals_in(changes: &[Change]) -> Option<&VoteCounts> {
    changes.iter().find_map(|c| match c {
        Change::VoteTotals { totals } => Some(totals),
        _ => None,
    })
}

#[tokio::test]
async fn ballots_stay_with_their_voter_and_totals_follow_the_phase() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Äänestys", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let mut ph = phases(&welcome);
    let (op, n1) = post(&s[0], "Ensimmäinen");
    f.apply(op).await?;
    let (op, n2) = post(&s[0], "Toinen");
    f.apply(op).await?;
    let start = f.apply(go_to(&ph[2])).await?;
    let (vote_phase, show_phase) = (ph[2].clone(), ph[3].clone());
    assert!(!vote_phase.votes_shown && show_phase.votes_shown);

    let aila = server.join(&board.join_code, Some("Aila")).await?;
    let bea = server.join(&board.join_code, Some("Bea")).await?;
    let a_id = &aila.participant_id;
    let b_id = &bea.participant_id;
    // Aila, Bea, the projector and a facilitator who only watches.
    let mut screens = Vec::new();
    for (who, token) in [
        ("Aila", &aila.token),
        ("Bea", &bea.token),
        ("the projector", &board.projector_key),
        ("a facilitator", &board.facilitator_key),
    ] {
        let (c, r) = Replica::join(&server, &board.board_id, token).await?;
        assert_eq!(r.seq, start);
        screens.push((who, c, r));
    }
    const A: usize = 0;
    const B: usize = 1;
    const FACILITATOR: usize = 3;
    let n = |id: &NoteId| VoteTarget::Note(id.clone());

    // Aila votes twice, Bea once, while the phase hides the votes. Nothing else happens, so
    // they are the next three seqs.
    for (i, note) in [(A, &n1), (A, &n2), (B, &n1)] {
        screens[i].1.op(vote(note)).await?;
    }
    let last = start + 3;
    let mut frames = BTreeMap::new();
    for (who, c, r) in &mut screens {
        frames.insert(*who, r.follow(c, last).await?);
        assert_eq!(
            frames[who].len() as u64,
            last - start,
            "{who} got every seq"
        );
    }
    // Nobody but the voter is sent a ballot or told who voted, facilitators included; only
    // the facilitators get totals.
    assert_names_none(&frames["Bea"], &[a_id], "Bea");
    assert_names_none(&frames["Aila"], &[b_id], "Aila");
    assert_names_none(&frames["the projector"], &[a_id, b_id], "the projector");
    assert_names_none(&frames["a facilitator"], &[a_id, b_id], "a facilitator");
    for who in ["Aila", "Bea", "the projector"] {
        for frame in &frames[who] {
            assert!(!frame.contains("vote_total"), "{who} got a total: {frame}");
        }
    }
    for who in ["the projector", "a facilitator"] {
        for frame in &frames[who] {
            assert!(!frame.contains("ballot"), "{who} got a ballot: {frame}");
            let msg: ServerMsg = serde_json::from_str(frame)?;
            assert_eq!(applied(&msg).1, &ParticipantId::hidden(), "{who}");
        }
    }
    for frame in &frames["a facilitator"] {
        assert!(
            frame.contains("\"vote_total\""),
            "a facilitator gets totals: {frame}"
        );
    }
    for frame in &frames["Aila"] {
        let msg: ServerMsg = serde_json::from_str(frame)?;
        let (_, actor, changes) = applied(&msg);
        let own = changes
            .iter()
            .any(|c| matches!(c, Change::Ballot { voter, .. } if voter == a_id));
        assert_eq!(own, actor == a_id, "Aila is named exactly on her own votes");
        assert!(own || actor == &ParticipantId::hidden(), "{frame}");
    }
    let mut expected = VoteCounts::default();
    expected.set(&n(&n1), 2);
    expected.set(&n(&n2), 1);
    assert_eq!(screens[FACILITATOR].2.board()?.vote_totals, expected);
    assert!(screens[FACILITATOR].2.board()?.ballots.is_empty());
    for (who, _, r) in &screens[..FACILITATOR] {
        assert!(r.board()?.vote_totals.is_empty(), "{who}");
    }
    assert_eq!(screens[A].2.board()?.ballots[a_id].sum(), 2);
    assert_eq!(screens[A].2.board()?.ballots.len(), 1);
    assert_eq!(screens[B].2.board()?.ballots.len(), 1);
    // The same over HTTP, on the raw bodies.
    for (who, token, foreign) in [
        ("Bea", &bea.token, vec![a_id]),
        ("the projector", &board.projector_key, vec![a_id, b_id]),
        ("a facilitator", &board.facilitator_key, vec![a_id, b_id]),
    ] {
        let body = server.snapshot_body(&board.board_id, token).await?;
        assert_names_none(std::slice::from_ref(&body), &foreign, who);
    }
    let seen = server
        .snapshot(&board.board_id, &board.projector_key)
        .await?
        .board;
    assert!(seen.vote_totals.is_empty() && seen.ballots.is_empty());
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    assert_eq!(full.vote_totals, expected);
    assert!(
        full.ballots.is_empty(),
        "votes are secret from facilitators too"
    );

    // A phase that shows votes: every screen gets the totals, in that one applied.
    let shown = f.apply(go_to(&show_phase)).await?;
    for (who, c, r) in &mut screens {
        let frames = r.follow(c, shown).await?;
        let msg: ServerMsg = serde_json::from_str(frames.last().expect("the phase's applied"))?;
        assert_eq!(totals_in(applied(&msg).2), Some(&expected), "{who}");
        assert_eq!(r.board()?.vote_totals, expected, "{who}");
    }
    let seen = server
        .snapshot(&board.board_id, &board.projector_key)
        .await?
        .board;
    assert_eq!(seen.vote_totals, expected);
    // Voting while totals are shown: the new total reaches everyone, the ballot only Bea.
    ph[3].voting_open = true;
    f.apply(Op::SetPhases { phases: ph.clone() }).await?;
    let (_, c, r) = &mut screens[B];
    let last = r.apply(c, vote(&n2)).await?;
    expected.set(&n(&n2), 2);
    for (who, c, r) in &mut screens {
        let frames = r.follow(c, last).await?;
        assert_eq!(r.board()?.vote_totals, expected, "{who}");
        if *who != "Bea" {
            let frame = frames.last().expect("the vote's applied");
            assert!(frame.contains("\"vote_total\""), "{who}: {frame}");
            assert!(
                !frame.contains("ballot") && !frame.contains(b_id.as_str()),
                "{who}: {frame}"
            );
        }
    }

    // Back to a phase that hides them: everyone else's totals are emptied; facilitators keep
    // theirs.
    let hidden = f.apply(go_to(&vote_phase)).await?;
    for (who, c, r) in &mut screens {
        let frames = r.follow(c, hidden).await?;
        let frame = frames.last().expect("the phase's applied");
        let msg: ServerMsg = serde_json::from_str(frame)?;
        let sent = totals_in(applied(&msg).2).expect("the totals change");
        if *who == "a facilitator" {
            assert_eq!(sent, &expected);
            assert_eq!(r.board()?.vote_totals, expected);
        } else {
            assert!(sent.is_empty(), "{who} was sent totals: {sent:?}");
            assert!(r.board()?.vote_totals.is_empty(), "{who}");
            assert!(
                !frame.contains(n1.as_str()) && !frame.contains(n2.as_str()),
                "{frame}"
            );
        }
    }
    let seen = server.snapshot(&board.board_id, &bea.token).await?.board;
    assert!(seen.vote_totals.is_empty());
    assert_eq!(seen.ballots[b_id].sum(), 2);
    Ok(())
}
