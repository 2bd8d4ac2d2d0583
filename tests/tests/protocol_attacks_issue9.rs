//! An outside tester's attacks on docs/protocol.md (issue 9), black-box through the real
//! server:
//! - the limits under concurrency: votes against the budget from many tabs, comments against
//!   `MAX_COMMENTS`, themes against `MAX_THEMES`, the budget lowered while votes are cast;
//! - secrets that must reach nobody else: pending and hidden writing, renumbered keys of
//!   pending and hidden notes, theme votes and hidden totals, the actor of such ops; live, in
//!   `GET /api/boards/{id}`, on a resume and after a restart;
//! - ids of notes and comments the sender may not see, answered exactly as unknown ids;
//! - malformed and boundary input to the vote, timer, comment and theme ops (characters, not
//!   bytes), and the facilitators' ops from everyone else, whatever they name.
//!
//! Each test cites the doc's rule it checks; where it is about what must not be sent, it looks
//! at the raw frames and bodies.

use futures_util::future::join_all;
use talkoot_shared::http::{BoardCreated, FacilitatorKeyMinted, Joined};
use talkoot_shared::limits::{
    MAX_COMMENT_TEXT_CHARS, MAX_COMMENTS, MAX_NAME_CHARS, MAX_NOTE_TEXT_CHARS,
    MAX_THEME_TITLE_CHARS, MAX_THEMES, MAX_TIMER_MS, MAX_VOTE_BUDGET,
};
use talkoot_shared::reject::{Countable, Field, RejectReason};
use talkoot_shared::{
    Board, BoardId, Change, ClientMsg, Colour, CommentId, NoteId, Op, OpId, ParticipantId, Phase,
    SectionId, ServerMsg, Status, ThemeId, Timer, VoteCounts, VoteTarget,
};
use talkoot_tests::ops::{
    applied, comment, edit, go_to, moderate_note, phases, post, post_on_behalf, retract, sections,
    vote, voting,
};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer, assert_never_sent, new_id};

// ---------------------------------------------------------------------------------------------
// Shared setup.

/// A board with `titles` as sections, its facilitator connected; the sections and phases.
struct Room {
    server: TestServer,
    board: BoardCreated,
    f: Client,
    s: Vec<SectionId>,
    ph: Vec<Phase>,
}

impl Room {
    /// `fast` lifts the per-connection op rate (the races send far more than a person would):
    /// it lifts the rate limit, never a board rule.
    async fn open(titles: &[&str], fast: bool) -> anyhow::Result<Room> {
        let server = if fast {
            TestServer::start_with(&["--ops-burst", "100000", "--ops-per-second", "100000"]).await?
        } else {
            TestServer::start().await?
        };
        let board = server.create_board("Hyökkäys", titles).await?;
        let (f, welcome) = server.facilitator(&board).await?;
        let s = sections(&welcome);
        let ph = phases(&welcome);
        Ok(Room {
            server,
            board,
            f,
            s,
            ph,
        })
    }

    fn id(&self) -> &BoardId {
        &self.board.board_id
    }

    /// A new participant and `tabs` connections of theirs.
    async fn participant(&self, name: &str, tabs: usize) -> anyhow::Result<(Joined, Vec<Client>)> {
        let joined = self.server.join(&self.board.join_code, Some(name)).await?;
        let mut clients = Vec::new();
        for _ in 0..tabs {
            clients.push(self.connect(&joined.token).await?);
        }
        Ok((joined, clients))
    }

    async fn connect(&self, token: &str) -> anyhow::Result<Client> {
        Ok(Client::join(&self.server.ws_url(), self.id(), token, None)
            .await?
            .0)
    }

    /// Another facilitator key for the board, minted over HTTP.
    async fn mint_key(&self, name: &str) -> anyhow::Result<FacilitatorKeyMinted> {
        let res = self
            .server
            .http()
            .post(
                self.server
                    .url(&format!("/api/boards/{}/facilitator-keys", self.id())),
            )
            .bearer_auth(&self.board.facilitator_key)
            .json(&serde_json::json!({ "name": name }))
            .send()
            .await?;
        anyhow::ensure!(res.status() == 201, "mint: {}", res.status());
        Ok(res.json().await?)
    }

    async fn snapshot(&self, token: &str) -> anyhow::Result<Board> {
        Ok(self.server.snapshot(self.id(), token).await?.board)
    }
}

/// Sends every op at once without waiting; returns their op ids in order.
async fn fire(c: &mut Client, ops: Vec<Op>) -> anyhow::Result<Vec<OpId>> {
    let mut ids = Vec::new();
    for op in ops {
        ids.push(c.op(op).await?);
    }
    Ok(ids)
}

/// Fires `ops` and waits for all their answers: the seqs of the applied ones, the reasons of
/// the rest.
async fn fire_and_tally(
    c: &mut Client,
    ops: Vec<Op>,
) -> anyhow::Result<(Vec<u64>, Vec<RejectReason>)> {
    let ids = fire(c, ops).await?;
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for msg in c.answers_to(&ids).await? {
        match msg {
            ServerMsg::Applied { op_id, seq, .. } if ids.contains(&op_id) => accepted.push(seq),
            ServerMsg::Rejected { op_id, reason } if ids.contains(&op_id) => refused.push(reason),
            _ => {}
        }
    }
    Ok((accepted, refused))
}

/// The answer to one op, as text: `applied`, or the rejection's JSON.
async fn answer(c: &mut Client, op: Op) -> anyhow::Result<String> {
    let op_id = c.op(op).await?;
    Ok(match c.answer_to(&op_id).await?.0 {
        ServerMsg::Applied { .. } => "applied".into(),
        ServerMsg::Rejected { reason, .. } => serde_json::to_string(&reason)?,
        other => anyhow::bail!("expected an answer, got {other:?}"),
    })
}

/// Sends `{"type":"op","op_id":…,"op":<op>}` as written, for ops no typed client could build;
/// returns the answer.
async fn raw_op(c: &mut Client, op: &str) -> anyhow::Result<ServerMsg> {
    let op_id: OpId = new_id();
    let text = format!(r#"{{"type":"op","op_id":"{op_id}","op":{op}}}"#);
    c.send_text(&text).await?;
    Ok(c.answer_to(&op_id).await?.0)
}

/// Connects with `last_seq` and reads the raw `welcome` and every frame up to `seq`.
async fn resume_raw(
    server: &TestServer,
    board: &BoardId,
    token: &str,
    last_seq: u64,
    seq: u64,
) -> anyhow::Result<(bool, Vec<String>)> {
    let mut c = Client::connect(&server.ws_url()).await?;
    c.send(&ClientMsg::Hello {
        board: board.clone(),
        token: token.into(),
        last_seq: Some(last_seq),
        group: None,
    })
    .await?;
    let welcome = c.recv_text().await?;
    let msg: ServerMsg = serde_json::from_str(&welcome)?;
    let ServerMsg::Welcome {
        seq: at, snapshot, ..
    } = &msg
    else {
        anyhow::bail!("expected a welcome, got {welcome}");
    };
    assert_eq!(*at, seq, "the board is at {seq}");
    let with_snapshot = snapshot.is_some();
    let mut frames = vec![welcome.clone()];
    if !with_snapshot && seq > last_seq {
        let (more, seqs) = c.frames_through(seq).await?;
        assert_eq!(
            seqs,
            (last_seq + 1..=seq).collect::<Vec<_>>(),
            "every missed seq"
        );
        frames.extend(more);
    }
    c.close().await?;
    Ok((with_snapshot, frames))
}

fn theme_op(title: &str) -> (Op, ThemeId) {
    let id: ThemeId = new_id();
    (
        Op::AddTheme {
            id: id.clone(),
            title: title.into(),
        },
        id,
    )
}

fn on_note(id: &NoteId) -> VoteTarget {
    VoteTarget::Note(id.clone())
}

fn on_theme(id: &ThemeId) -> VoteTarget {
    VoteTarget::Theme(id.clone())
}

// ---------------------------------------------------------------------------------------------
// Limits under concurrency.

/// Votes: "The budget counts every vote the participant has on the board at once, notes and
/// themes together … two tabs or phones of the same participant voting at the same moment
/// cannot both spend the last vote". Six tabs of one participant and two of another vote at
/// once on notes and themes, with stacking: each spends exactly the budget, every refusal is
/// `budget_spent`, and the totals are the sum of the ballots.
#[tokio::test]
async fn many_tabs_voting_on_notes_and_themes_at_once_spend_exactly_the_budget()
-> anyhow::Result<()> {
    const BUDGET: u32 = 7;
    let mut room = Room::open(&["Ryhmä 1", "Ryhmä 2"], true).await?;
    let mut targets = Vec::new();
    for i in 0..3 {
        let (op, id) = post(&room.s[i % 2], &format!("Ehdotus {i}"));
        room.f.apply(op).await?;
        targets.push(on_note(&id));
    }
    for i in 0..2 {
        let (op, id) = theme_op(&format!("Teema {i}"));
        room.f.apply(op).await?;
        targets.push(on_theme(&id));
    }
    room.f.apply(voting(BUDGET, true)).await?;
    room.f.apply(go_to(&room.ph[2])).await?;
    let (anna, mut annas) = room.participant("Anna", 6).await?;
    let (bert, berts) = room.participant("Bert", 2).await?;
    let owner: Vec<&ParticipantId> = std::iter::repeat_n(&anna.participant_id, annas.len())
        .chain(std::iter::repeat_n(&bert.participant_id, berts.len()))
        .collect();
    annas.extend(berts);

    let results = join_all(annas.iter_mut().enumerate().map(|(tab, c)| {
        let ops: Vec<Op> = (0..12)
            .map(|k| Op::CastVote {
                target: targets[(tab + k) % targets.len()].clone(),
            })
            .collect();
        fire_and_tally(c, ops)
    }))
    .await;
    let mut spent = std::collections::BTreeMap::<&ParticipantId, usize>::new();
    for (who, result) in owner.iter().zip(results) {
        let (accepted, refused) = result?;
        *spent.entry(*who).or_default() += accepted.len();
        for reason in refused {
            assert_eq!(reason, RejectReason::BudgetSpent { budget: BUDGET });
        }
    }
    assert_eq!(spent[&anna.participant_id], BUDGET as usize, "Anna's tabs");
    assert_eq!(spent[&bert.participant_id], BUDGET as usize, "Bert's tabs");

    let mut sum = VoteCounts::default();
    for joined in [&anna, &bert] {
        let own = room.snapshot(&joined.token).await?;
        assert_eq!(own.ballots.len(), 1, "only their own ballot");
        let ballot = &own.ballots[&joined.participant_id];
        assert_eq!(ballot.sum(), BUDGET, "{ballot:?}");
        for t in &targets {
            sum.set(t, sum.get(t) + ballot.get(t));
        }
    }
    let full = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(
        full.vote_totals, sum,
        "the totals are the sum of the ballots"
    );
    assert!(
        full.ballots.is_empty(),
        "ballots are secret from facilitators"
    );
    Ok(())
}

/// `set_voting`: "refused with `votes_cast` while a ballot already cast has more votes than the
/// new budget or, without stacking, more than one on a target". The facilitator changes the
/// rules while three tabs vote: seq by seq, as the voter's own copy folds it, no ballot is ever
/// over the budget or stacked without stacking.
#[tokio::test]
async fn lowering_the_budget_while_votes_are_cast_never_leaves_a_ballot_over_it()
-> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], true).await?;
    let mut notes = Vec::new();
    for i in 0..4 {
        let (op, id) = post(&room.s[0], &format!("Ehdotus {i}"));
        room.f.apply(op).await?;
        notes.push(id);
    }
    room.f.apply(voting(5, true)).await?;
    let start = room.f.apply(go_to(&room.ph[2])).await?;
    let (me, mut tabs) = room.participant("Kolme välilehteä", 3).await?;
    let (mut watch, mut copy) = Replica::join(&room.server, room.id(), &me.token).await?;
    assert_eq!(copy.seq, start);
    let rules = [
        (2, true),
        (1, false),
        (4, false),
        (3, true),
        (1, true),
        (5, false),
    ];
    let mut refused_rules = 0;

    for round in 0..12 {
        let (budget, stacking) = rules[round % rules.len()];
        let (low, _) = rules[(round + 1) % rules.len()];
        let voters = join_all(tabs.iter_mut().enumerate().map(|(t, c)| {
            let ops = (0..4).map(|k| vote(&notes[(t + k + round) % 4])).collect();
            fire_and_tally(c, ops)
        }));
        let facilitator = fire_and_tally(
            &mut room.f,
            vec![
                voting(budget, stacking),
                voting(low, stacking),
                voting(5, true),
            ],
        );
        let (voters, facilitator) = tokio::join!(voters, facilitator);
        let (f_seqs, f_refused) = facilitator?;
        for reason in &f_refused {
            assert_eq!(reason, &RejectReason::VotesCast, "round {round}");
        }
        refused_rules += f_refused.len();
        let mut last = f_seqs.iter().copied().max().unwrap_or(0);
        for result in voters {
            let (seqs, refused) = result?;
            last = last.max(seqs.iter().copied().max().unwrap_or(0));
            for reason in refused {
                assert!(
                    matches!(reason, RejectReason::BudgetSpent { .. })
                        || reason == RejectReason::AlreadyVoted,
                    "round {round}: {reason:?}"
                );
            }
        }
        // Seq by seq, the voter's copy never holds a ballot that breaks the rules it holds.
        while copy.seq < last {
            let msg: ServerMsg = serde_json::from_str(&watch.recv_text().await?)?;
            copy.fold(&msg)?;
            let b = copy.board()?;
            if let Some(ballot) = b.ballots.get(&me.participant_id) {
                assert!(
                    ballot.sum() <= b.voting.budget,
                    "round {round}, seq {}: {ballot:?} over {:?}",
                    copy.seq,
                    b.voting
                );
                assert!(
                    b.voting.stacking || ballot.notes.values().all(|&n| n <= 1),
                    "round {round}, seq {}: stacked {ballot:?} under {:?}",
                    copy.seq,
                    b.voting
                );
            }
        }
        let full = room.snapshot(&room.board.facilitator_key).await?;
        let own = room.snapshot(&me.token).await?;
        let ballot = own
            .ballots
            .get(&me.participant_id)
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            full.vote_totals, ballot,
            "round {round}: the one voter's ballot"
        );
        assert!(ballot.sum() <= full.voting.budget, "round {round}");
        if round % 3 == 2 {
            let cleared = room.f.apply(Op::ClearVotes).await?;
            copy.follow(&mut watch, cleared).await?;
            assert!(copy.board()?.ballots.is_empty());
        }
    }
    // Ballots carried over between clears make some new rules break them: the race was real.
    assert!(refused_rules > 0, "no rule change was ever refused");
    Ok(())
}

/// Comments per board: "10,000, on all notes together" → `limit_reached{what: comments}`.
/// With the board a few short, six tabs of three participants (approve-first on, so their
/// comments are pending, which count too) and the facilitator race: exactly the rest are
/// taken, and deleting one frees exactly one place.
#[tokio::test]
async fn racing_comments_stop_exactly_at_max_comments_pending_ones_included() -> anyhow::Result<()>
{
    const LEFT: usize = 5;
    let mut room = Room::open(&["Ryhmä 1"], true).await?;
    let (op, note) = post(&room.s[0], "Kommentoitava");
    room.f.apply(op).await?;
    let (op, first) = comment(&note, "ensimmäinen");
    room.f.apply(op).await?;
    let mut posted = 1;
    while posted < MAX_COMMENTS - LEFT {
        let n = (MAX_COMMENTS - LEFT - posted).min(200);
        let ops = (0..n).map(|i| comment(&note, &format!("k{i}")).0).collect();
        let (accepted, refused) = fire_and_tally(&mut room.f, ops).await?;
        assert!(refused.is_empty(), "{refused:?}");
        posted += accepted.len();
    }
    room.f.apply(Op::SetApproveFirst { on: true }).await?;
    let mut racers = Vec::new();
    for name in ["A", "B", "C"] {
        racers.extend(room.participant(name, 2).await?.1);
    }
    let tabs = join_all(racers.iter_mut().map(|c| {
        let ops = (0..3)
            .map(|i| comment(&note, &format!("kilpa {i}")).0)
            .collect();
        fire_and_tally(c, ops)
    }));
    let own = fire_and_tally(
        &mut room.f,
        (0..3)
            .map(|i| comment(&note, &format!("f {i}")).0)
            .collect(),
    );
    let (tabs, own) = tokio::join!(tabs, own);
    let full_board = RejectReason::LimitReached {
        what: Countable::Comments,
        max: MAX_COMMENTS as u32,
    };
    let mut taken = 0;
    for result in tabs.into_iter().chain([own]) {
        let (accepted, refused) = result?;
        taken += accepted.len();
        assert!(refused.iter().all(|r| r == &full_board), "{refused:?}");
    }
    assert_eq!(taken, LEFT, "exactly the places that were left");
    let full = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(full.comments.len(), MAX_COMMENTS);

    // Deleting one frees one place; the next after it is refused again.
    room.f.apply(Op::DeleteComment { id: first }).await?;
    let c = &mut racers[0];
    assert_eq!(
        answer(c, comment(&note, "vapaa paikka").0).await?,
        "applied"
    );
    assert_eq!(
        c.rejection(comment(&note, "yksi liikaa").0).await?,
        full_board
    );
    Ok(())
}

/// Themes per board: 30 → `limit_reached{what: themes}`, "however many" facilitators race:
/// three facilitator connections (two keys) add 15 each at once; exactly 30 are made.
#[tokio::test]
async fn racing_add_theme_from_several_facilitators_stops_exactly_at_max_themes()
-> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], true).await?;
    let backup = room.mint_key("Varafasilitaattori").await?;
    let mut fs = [
        room.connect(&room.board.facilitator_key).await?,
        room.connect(&backup.key).await?,
        room.connect(&backup.key).await?,
    ];
    let results = join_all(fs.iter_mut().enumerate().map(|(i, c)| {
        let ops = (0..15)
            .map(|k| theme_op(&format!("Teema {i}-{k}")).0)
            .collect();
        fire_and_tally(c, ops)
    }))
    .await;
    let full_board = RejectReason::LimitReached {
        what: Countable::Themes,
        max: MAX_THEMES as u32,
    };
    let mut made = 0;
    for result in results {
        let (accepted, refused) = result?;
        made += accepted.len();
        assert!(refused.iter().all(|r| r == &full_board), "{refused:?}");
    }
    assert_eq!(made, MAX_THEMES);
    let full = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(full.themes.len(), MAX_THEMES);
    let some = full.themes.keys().next().cloned().expect("themes");
    room.f.apply(Op::DeleteTheme { id: some }).await?;
    room.f.apply(theme_op("Vapautunut paikka").0).await?;
    assert_eq!(
        room.f.rejection(theme_op("Yksi liikaa").0).await?,
        full_board
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Secrets.

/// Who sees what: a pending note or comment "is seen only by its author and the facilitators;
/// a hidden one … only by the facilitators … Nobody else is sent any of it", a comment "follows
/// its note", and `actor` reads `hidden` when the op wrote the actor's own writing that not
/// everyone may see. Aino writes only such things; nothing of it (text, name or id) reaches
/// another participant or the projector: live, in `GET /api/boards/{id}`, on a resume from
/// before it all, nor in the snapshot of a resume after a restart.
#[tokio::test]
async fn pending_and_hidden_writing_reaches_no_one_else_live_by_http_on_resume_or_after_restart()
-> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let (op, open) = post(&room.s[0], "Fasilitaattorin lappu");
    room.f.apply(op).await?;
    let (op, hidden) = post(&room.s[0], "Piilotettava lappu");
    room.f.apply(op).await?;
    let (aino, mut a) = room.participant("Aino Salainen", 1).await?;
    let (olli, _) = room.participant("Olli", 0).await?;
    let (mut o, mut or) = Replica::join(&room.server, room.id(), &olli.token).await?;
    let (mut v, mut vr) = Replica::join(&room.server, room.id(), &room.board.projector_key).await?;
    let before = room.f.apply(Op::SetApproveFirst { on: true }).await?;

    let a = &mut a[0];
    let (op, pending) = post(&room.s[0], "ODOTTAVA-LAPPU");
    a.apply(op).await?;
    a.apply(comment(&open, "ODOTTAVA-KOMMENTTI").0).await?;
    a.apply(edit(&pending, "ODOTTAVA-MUOKKAUS")).await?;
    a.apply(Op::RecolourNote {
        id: pending.clone(),
        colour: Colour::Pink,
    })
    .await?;
    // A facilitator's answer on the pending note follows the note.
    room.f
        .apply(comment(&pending, "FASILITAATTORIN-VASTAUS").0)
        .await?;
    // The author's own comment on their own pending note, then deleted.
    let (op, own_remark) = comment(&pending, "OMA-KOMMENTTI-ODOTTAVAAN");
    a.apply(op).await?;
    a.apply(Op::DeleteComment { id: own_remark }).await?;
    // A hidden note: edited and commented on while hidden.
    room.f.apply(moderate_note(&hidden, Status::Hidden)).await?;
    room.f.apply(edit(&hidden, "PIILOTETUN-MUOKKAUS")).await?;
    let last = room
        .f
        .apply(comment(&hidden, "KOMMENTTI-PIILOTETTUUN").0)
        .await?;
    let secrets = [
        "ODOTTAVA-LAPPU",
        "ODOTTAVA-KOMMENTTI",
        "ODOTTAVA-MUOKKAUS",
        "FASILITAATTORIN-VASTAUS",
        "OMA-KOMMENTTI-ODOTTAVAAN",
        "PIILOTETUN-MUOKKAUS",
        "KOMMENTTI-PIILOTETTUUN",
        "Aino Salainen",
        aino.participant_id.as_str(),
    ];

    for (who, c, r, token) in [
        ("Olli", &mut o, &mut or, &olli.token),
        ("the projector", &mut v, &mut vr, &room.board.projector_key),
    ] {
        let frames = r.follow(c, last).await?;
        assert_never_sent(&frames, &secrets, who);
        let b = r.board()?;
        assert_eq!(b.notes.keys().collect::<Vec<_>>(), vec![&open], "{who}");
        assert!(b.hidden_notes.is_empty(), "{who}: not even a count");
        assert!(b.comments.is_empty(), "{who}");
        let body = room.server.snapshot_body(room.id(), token).await?;
        assert_never_sent(std::slice::from_ref(&body), &secrets, who);
        let (snap, frames) = resume_raw(&room.server, room.id(), token, before, last).await?;
        assert!(!snap, "{who}: a resume from memory");
        assert_never_sent(&frames, &secrets, &format!("{who}, resuming"));
    }
    // The author and the facilitators do see it (so the checks above could fail).
    let own = room.snapshot(&aino.token).await?;
    assert_eq!(own.notes[&pending].text, "ODOTTAVA-MUOKKAUS");
    assert!(
        own.comments
            .values()
            .any(|c| c.text == "FASILITAATTORIN-VASTAUS")
    );
    let full = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(full.notes[&hidden].text, "PIILOTETUN-MUOKKAUS");
    assert_eq!(full.comments.len(), 3);

    room.server.restart().await?;
    for (who, token) in [
        ("Olli", &olli.token),
        ("the projector", &room.board.projector_key),
    ] {
        let (snap, frames) = resume_raw(&room.server, room.id(), token, before, last).await?;
        assert!(snap, "{who}: after a restart a resume gets a snapshot");
        assert_never_sent(&frames, &secrets, &format!("{who}, after a restart"));
    }
    Ok(())
}

/// "Votes are secret, from the facilitators too" and totals reach everyone else "only while
/// the current phase has `votes_shown`": votes on a theme and a note, and a retraction, while
/// hidden, send no ballot, no total and no voter id to another participant or the projector,
/// live or on a resume; the facilitators get totals but never the voter. Deleting the voted
/// theme gives its vote back on the voter's own copy.
#[tokio::test]
async fn theme_votes_ballots_and_hidden_totals_reach_no_one_else_live_or_on_resume()
-> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let (op, note) = post(&room.s[0], "Ehdotus");
    room.f.apply(op).await?;
    let (op, theme) = theme_op("Liikkuminen");
    room.f.apply(op).await?;
    let before = room.f.apply(go_to(&room.ph[2])).await?;
    assert!(room.ph[2].voting_open && !room.ph[2].votes_shown);
    let (aila, _) = room.participant("Aila", 0).await?;
    let (olli, _) = room.participant("Olli", 0).await?;
    let (mut a, mut ar) = Replica::join(&room.server, room.id(), &aila.token).await?;
    let mut watchers = Vec::new();
    for token in [
        &olli.token,
        &room.board.projector_key,
        &room.board.facilitator_key,
    ] {
        watchers.push(Replica::join(&room.server, room.id(), token).await?);
    }
    ar.apply(
        &mut a,
        Op::CastVote {
            target: on_theme(&theme),
        },
    )
    .await?;
    ar.apply(&mut a, vote(&note)).await?;
    ar.apply(
        &mut a,
        Op::RetractVote {
            target: on_theme(&theme),
        },
    )
    .await?;
    let last = ar
        .apply(
            &mut a,
            Op::CastVote {
                target: on_theme(&theme),
            },
        )
        .await?;
    let aila_id = aila.participant_id.as_str();

    let names = ["Olli", "the projector", "a facilitator"];
    let tokens = [
        &olli.token,
        &room.board.projector_key,
        &room.board.facilitator_key,
    ];
    for ((who, (c, r)), token) in names.iter().zip(watchers.iter_mut()).zip(tokens) {
        let live = r.follow(c, last).await?;
        let (_, resumed) = resume_raw(&room.server, room.id(), token, before, last).await?;
        for frames in [&live, &resumed] {
            assert_never_sent(frames, &["ballot", aila_id], who);
            // The last four frames are the four vote ops'.
            assert!(frames.len() >= 4, "{who}: the vote ops' frames: {frames:?}");
            for frame in &frames[frames.len() - 4..] {
                let msg: ServerMsg = serde_json::from_str(frame)?;
                assert_eq!(applied(&msg).1, &ParticipantId::hidden(), "{who}: {frame}");
                assert_eq!(
                    frame.contains("vote_total"),
                    *who == "a facilitator",
                    "{frame}"
                );
            }
        }
        let b = r.board()?;
        assert!(b.ballots.is_empty(), "{who}");
        let body = room.server.snapshot_body(room.id(), token).await?;
        assert_never_sent(std::slice::from_ref(&body), &[aila_id], who);
        if *who == "a facilitator" {
            assert_eq!(b.vote_totals.get(&on_theme(&theme)), 1);
            assert_eq!(b.vote_totals.get(&on_note(&note)), 1);
        } else {
            assert!(b.vote_totals.is_empty(), "{who}");
            assert!(!body.contains(&format!("\"{theme}\":1")), "{who}: {body}");
        }
    }
    let own = &ar.board()?.ballots[&aila.participant_id];
    assert_eq!(own.get(&on_theme(&theme)), 1);
    assert_eq!(own.sum(), 2);

    let gone = room.f.apply(Op::DeleteTheme { id: theme.clone() }).await?;
    ar.follow(&mut a, gone).await?;
    assert_eq!(ar.board()?.ballots[&aila.participant_id].sum(), 1);
    let full = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(full.vote_totals.sum(), 1, "the theme's vote went back");
    Ok(())
}

/// `unknown_note{id}` is "also a note the sender may not see", and `unknown_comment{id}` "also
/// a comment the sender may not see": every op Bert can send that names Aino's pending note,
/// a hidden note, or Aino's private note (in `id` or in a move's `before`), or her pending,
/// hidden or private-note comment, is answered exactly as the same op naming an id that does
/// not exist. Otherwise the answer would tell Bert where such a note sits.
#[tokio::test]
async fn ids_the_sender_may_not_see_are_answered_exactly_as_unknown_ids() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1", "Ryhmä 2"], false).await?;
    let (s0, s1) = (room.s[0].clone(), room.s[1].clone());
    let (op, open) = post(&s0, "Julkinen");
    room.f.apply(op).await?;
    let (_, mut a) = room.participant("Aino", 1).await?;
    let (_, mut b) = room.participant("Bert", 1).await?;
    let (a, b) = (&mut a[0], &mut b[0]);
    let (op, bert_note) = post(&s0, "Bertin oma");
    b.apply(op).await?;
    // Aino's comment, then hidden.
    let (op, hidden_remark) = comment(&open, "piilotettu kommentti");
    a.apply(op).await?;
    room.f
        .apply(Op::ModerateComment {
            id: hidden_remark.clone(),
            status: Status::Hidden,
        })
        .await?;
    // A hidden note.
    let (op, hidden) = post(&s0, "Piilotettu");
    a.apply(op).await?;
    room.f.apply(moderate_note(&hidden, Status::Hidden)).await?;
    // Pending ones.
    room.f.apply(Op::SetApproveFirst { on: true }).await?;
    let (op, pending) = post(&s0, "Odottaa");
    a.apply(op).await?;
    let (op, pending_remark) = comment(&open, "odottaa");
    a.apply(op).await?;
    room.f.apply(Op::SetApproveFirst { on: false }).await?;
    // A private note, with its author's comment on it.
    room.f.apply(go_to(&room.ph[0])).await?;
    let (op, private) = post(&s0, "Yksityinen");
    a.apply(op).await?;
    let (op, private_remark) = comment(&private, "yksityisen kommentti");
    a.apply(op).await?;

    let note_ops = |x: &NoteId| -> Vec<Op> {
        vec![
            edit(x, "Bert muokkaa"),
            Op::RecolourNote {
                id: x.clone(),
                colour: Colour::Orange,
            },
            Op::MoveNote {
                id: x.clone(),
                section: s1.clone(),
                before: None,
            },
            Op::DeleteNote { id: x.clone() },
            comment(x, "Bertin kommentti").0,
            vote(x),
            retract(x),
            Op::MoveNote {
                id: bert_note.clone(),
                section: s0.clone(),
                before: Some(x.clone()),
            },
            Op::MoveNote {
                id: bert_note.clone(),
                section: s1.clone(),
                before: Some(x.clone()),
            },
        ]
    };
    for (what, real) in [
        ("a pending note", &pending),
        ("a hidden note", &hidden),
        ("a private note", &private),
    ] {
        let fake: NoteId = new_id();
        for (op_real, op_fake) in note_ops(real).into_iter().zip(note_ops(&fake)) {
            let seen = answer(b, op_real.clone()).await?;
            let unknown = answer(b, op_fake)
                .await?
                .replace(fake.as_str(), real.as_str());
            assert_eq!(seen, unknown, "{what}: {op_real:?}");
        }
    }
    let comment_ops = |x: &CommentId| -> Vec<Op> {
        vec![
            Op::EditComment {
                id: x.clone(),
                text: "Bert muokkaa".into(),
            },
            Op::DeleteComment { id: x.clone() },
        ]
    };
    for (what, real) in [
        ("a hidden comment", &hidden_remark),
        ("a pending comment", &pending_remark),
        ("a comment on a private note", &private_remark),
    ] {
        let fake: CommentId = new_id();
        for (op_real, op_fake) in comment_ops(real).into_iter().zip(comment_ops(&fake)) {
            let seen = answer(b, op_real.clone()).await?;
            let unknown = answer(b, op_fake)
                .await?
                .replace(fake.as_str(), real.as_str());
            assert_eq!(seen, unknown, "{what}: {op_real:?}");
            assert_eq!(
                seen,
                serde_json::to_string(&RejectReason::UnknownComment { id: real.clone() })?,
                "{what}"
            );
        }
    }
    // Aino herself no longer sees her hidden comment: unknown to her too.
    assert_eq!(
        a.rejection(Op::EditComment {
            id: hidden_remark.clone(),
            text: "oma".into()
        })
        .await?,
        RejectReason::UnknownComment { id: hidden_remark }
    );
    // Bert's own note never moved.
    let seen = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(seen.notes[&bert_note].section, s0);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Malformed and boundary input.

/// "`invalid_op{detail}` (the op's JSON did not decode …)" and "when an op's `"type": "op"` and
/// `op_id` could be read before the fault, it is answered `rejected{op_id, invalid_op}`"; ids
/// are "1–64 characters of `[A-Za-z0-9_-]`" (`invalid_op`); budgets of 0 or over 50 are
/// `bad_budget{max: 50}`, durations of 0 or over 8 h `bad_duration{max_ms: 28800000}`, however
/// large. The connection stays up and another participant's view is untouched.
#[tokio::test]
async fn malformed_vote_timer_theme_and_comment_ops_get_the_precise_refusal() -> anyhow::Result<()>
{
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let (op, note) = post(&room.s[0], "Lappu");
    room.f.apply(op).await?;
    room.f
        .apply(Op::StartTimer {
            duration_ms: 600_000,
        })
        .await?;
    let (olli, _) = room.participant("Olli", 0).await?;
    let (_, mut p) = room.participant("Pia", 1).await?;
    let p = &mut p[0];
    let untouched = room.snapshot(&olli.token).await?;
    let sid = room.s[0].as_str();
    let long_id = "a".repeat(65);
    use serde_json::json;

    let invalid = [
        json!({"type": "set_voting", "rules": {"budget": -1, "stacking": false}}),
        json!({"type": "set_voting", "rules": {"budget": 4_294_967_296u64, "stacking": false}}),
        json!({"type": "set_voting", "rules": {"budget": "5", "stacking": false}}),
        json!({"type": "set_voting", "rules": {"budget": 1.5, "stacking": false}}),
        json!({"type": "set_voting", "rules": {"budget": 3, "stacking": "yes"}}),
        json!({"type": "set_voting", "rules": null}),
        json!({"type": "start_timer", "duration_ms": -1}),
        json!({"type": "start_timer", "duration_ms": "600000"}),
        json!({"type": "start_timer", "duration_ms": 1.5}),
        json!({"type": "start_timer"}),
        json!({"type": "extend_timer", "by_ms": null}),
        json!({"type": "cast_vote", "target": {"kind": "section", "id": sid}}),
        json!({"type": "cast_vote", "target": {"kind": "note"}}),
        json!({"type": "cast_vote", "target": {"kind": "note", "id": ""}}),
        json!({"type": "cast_vote", "target": {"kind": "note", "id": long_id}}),
        json!({"type": "cast_vote", "target": {"kind": "theme", "id": "ä"}}),
        json!({"type": "retract_vote", "target": "note"}),
        json!({"type": "add_theme", "id": "../etc", "title": "Teema"}),
        json!({"type": "add_theme", "id": new_id::<ThemeId>().as_str(), "title": 5}),
        json!({"type": "set_note_theme", "note": note.as_str(), "theme": 7}),
        json!({"type": "post_comment", "id": new_id::<CommentId>().as_str(), "note": 123, "text": "x"}),
        json!({"type": "post_comment", "id": "a b", "note": note.as_str(), "text": "x"}),
        json!({"type": "moderate_comment", "id": new_id::<CommentId>().as_str(), "status": "gone"}),
        json!({"type": "cast_votes", "target": {"kind": "note", "id": note.as_str()}}),
    ];
    for (c, who) in [(&mut room.f, "a facilitator"), (&mut *p, "a participant")] {
        for op in &invalid {
            let msg = raw_op(c, &op.to_string()).await?;
            assert!(
                matches!(
                    msg,
                    ServerMsg::Rejected {
                        reason: RejectReason::InvalidOp { .. },
                        ..
                    }
                ),
                "{who}: {op} got {msg:?}"
            );
        }
    }
    // Numbers that decode but are out of range.
    let bad_budget = RejectReason::BadBudget {
        max: MAX_VOTE_BUDGET,
    };
    for budget in [0, MAX_VOTE_BUDGET + 1, u32::MAX] {
        assert_eq!(room.f.rejection(voting(budget, false)).await?, bad_budget);
    }
    let bad_duration = RejectReason::BadDuration {
        max_ms: MAX_TIMER_MS,
    };
    for ms in [0, MAX_TIMER_MS + 1, u64::MAX] {
        assert_eq!(
            room.f.rejection(Op::StartTimer { duration_ms: ms }).await?,
            bad_duration,
            "{ms}"
        );
        assert_eq!(
            room.f.rejection(Op::ExtendTimer { by_ms: ms }).await?,
            bad_duration,
            "{ms}"
        );
    }
    let msg = raw_op(
        &mut room.f,
        r#"{"type": "start_timer", "duration_ms": 18446744073709551616}"#,
    )
    .await?;
    assert!(
        matches!(
            msg,
            ServerMsg::Rejected {
                reason: RejectReason::InvalidOp { .. },
                ..
            }
        ),
        "2^64 ms: {msg:?}"
    );
    // Unknown ids, each the precise reason.
    let ghost_theme: ThemeId = new_id();
    let ghost_note: NoteId = new_id();
    let ghost_comment: CommentId = new_id();
    for (op, reason) in [
        (
            Op::RenameTheme {
                id: ghost_theme.clone(),
                title: "x".into(),
            },
            RejectReason::UnknownTheme {
                id: ghost_theme.clone(),
            },
        ),
        (
            Op::DeleteTheme {
                id: ghost_theme.clone(),
            },
            RejectReason::UnknownTheme {
                id: ghost_theme.clone(),
            },
        ),
        (
            Op::SetNoteTheme {
                note: note.clone(),
                theme: Some(ghost_theme.clone()),
            },
            RejectReason::UnknownTheme {
                id: ghost_theme.clone(),
            },
        ),
        (
            Op::SetNoteTheme {
                note: ghost_note.clone(),
                theme: None,
            },
            RejectReason::UnknownNote {
                id: ghost_note.clone(),
            },
        ),
        (
            Op::ModerateNote {
                id: ghost_note.clone(),
                status: Status::Visible,
            },
            RejectReason::UnknownNote {
                id: ghost_note.clone(),
            },
        ),
        (
            Op::ModerateComment {
                id: ghost_comment.clone(),
                status: Status::Hidden,
            },
            RejectReason::UnknownComment {
                id: ghost_comment.clone(),
            },
        ),
        (
            comment(&ghost_note, "x").0,
            RejectReason::UnknownNote {
                id: ghost_note.clone(),
            },
        ),
    ] {
        assert_eq!(room.f.rejection(op.clone()).await?, reason, "{op:?}");
    }
    // Both connections are still up and answer; Olli's view is as it was.
    room.f.apply(theme_op("Toimii yhä").0).await?;
    p.apply(comment(&note, "toimii yhä").0).await?;
    let mut after = room.snapshot(&olli.token).await?;
    after.themes.clear();
    after.comments.clear();
    assert_eq!(after, untouched, "nothing else changed for Olli");
    Ok(())
}

/// Text lengths "count Unicode characters (scalar values), not bytes", with the limits table's
/// boundaries: a comment 1–500, a theme title 1–80, an `on_behalf_of` label 1–40, a note
/// 1–1,000, each "not blank" (only whitespace and invisible characters is `empty{field}`).
/// Four-byte emoji and combining accents (two scalars for one letter) at exactly the limit
/// pass; one more is `too_long{field, max}`.
#[tokio::test]
async fn text_limits_count_scalar_values_at_the_exact_boundary() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let s0 = room.s[0].clone();
    let (op, note) = post(&s0, "Lappu");
    room.f.apply(op).await?;
    let (op, theme) = theme_op("Teema");
    room.f.apply(op).await?;
    let (_, mut p) = room.participant("Pia", 1).await?;
    let p = &mut p[0];
    let emoji = |n: usize| "🙂".repeat(n);
    // "é" as e + U+0301: two scalar values.
    let accents = |n: usize| "e\u{301}".repeat(n);
    let blank = " \u{200b}\u{2060}\u{feff}\t";
    let too_long = |field, max: usize| RejectReason::TooLong {
        field,
        max: max as u32,
    };

    // Comments, from a participant.
    let c = MAX_COMMENT_TEXT_CHARS;
    p.apply(comment(&note, &emoji(c)).0).await?;
    let (op, mine) = comment(&note, &accents(c / 2));
    p.apply(op).await?;
    for text in [emoji(c + 1), format!("{}a", accents(c / 2))] {
        assert_eq!(
            p.rejection(comment(&note, &text).0).await?,
            too_long(Field::CommentText, c)
        );
        assert_eq!(
            p.rejection(Op::EditComment {
                id: mine.clone(),
                text
            })
            .await?,
            too_long(Field::CommentText, c)
        );
    }
    for text in ["", blank] {
        assert_eq!(
            p.rejection(comment(&note, text).0).await?,
            RejectReason::Empty {
                field: Field::CommentText
            }
        );
    }
    // Theme titles.
    let t = MAX_THEME_TITLE_CHARS;
    room.f.apply(theme_op(&emoji(t)).0).await?;
    room.f
        .apply(Op::RenameTheme {
            id: theme.clone(),
            title: accents(t / 2),
        })
        .await?;
    for title in [emoji(t + 1), format!("{}a", accents(t / 2))] {
        assert_eq!(
            room.f.rejection(theme_op(&title).0).await?,
            too_long(Field::ThemeTitle, t)
        );
        assert_eq!(
            room.f
                .rejection(Op::RenameTheme {
                    id: theme.clone(),
                    title
                })
                .await?,
            too_long(Field::ThemeTitle, t)
        );
    }
    assert_eq!(
        room.f
            .rejection(Op::RenameTheme {
                id: theme.clone(),
                title: blank.into()
            })
            .await?,
        RejectReason::Empty {
            field: Field::ThemeTitle
        }
    );
    // On-behalf labels.
    let n = MAX_NAME_CHARS;
    room.f
        .apply(post_on_behalf(&s0, "teksti", &emoji(n)).0)
        .await?;
    assert_eq!(
        room.f
            .rejection(post_on_behalf(&s0, "teksti", &emoji(n + 1)).0)
            .await?,
        too_long(Field::Name, n)
    );
    assert_eq!(
        room.f
            .rejection(post_on_behalf(&s0, "teksti", blank).0)
            .await?,
        RejectReason::Empty { field: Field::Name }
    );
    // Notes.
    let m = MAX_NOTE_TEXT_CHARS;
    p.apply(post(&s0, &emoji(m)).0).await?;
    assert_eq!(
        p.rejection(post(&s0, &emoji(m + 1)).0).await?,
        too_long(Field::NoteText, m)
    );
    // What was stored is exactly what was sent.
    let full = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(full.themes[&theme].title, accents(t / 2));
    assert_eq!(full.comments[&mine].text, accents(c / 2));
    assert!(full.themes.values().any(|th| th.title == emoji(t)));
    Ok(())
}

/// The timer's limits: "1 ms – 8 h (28,800,000 ms): a duration, an extension, and what is left
/// after extending" (`bad_duration{max_ms}`), and `timer_state` for "pausing a timer that is
/// not running …, resuming one that is not paused, extending or stopping when there is none".
/// A paused timer is extended to exactly 8 h; one more millisecond is refused.
#[tokio::test]
async fn the_timer_holds_its_limits_at_the_exact_boundaries() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let f = &mut room.f;
    let bad = RejectReason::BadDuration {
        max_ms: MAX_TIMER_MS,
    };
    assert_eq!(
        f.rejection(Op::ExtendTimer { by_ms: 1 }).await?,
        RejectReason::TimerState
    );
    assert_eq!(f.rejection(Op::StopTimer).await?, RejectReason::TimerState);
    assert_eq!(f.rejection(Op::PauseTimer).await?, RejectReason::TimerState);
    f.apply(Op::StartTimer {
        duration_ms: MAX_TIMER_MS,
    })
    .await?;
    assert_eq!(f.rejection(Op::ExtendTimer { by_ms: 1_000 }).await?, bad);
    assert_eq!(
        f.rejection(Op::ResumeTimer).await?,
        RejectReason::TimerState
    );
    f.apply(Op::StartTimer {
        duration_ms: 60_000,
    })
    .await?;
    f.apply(Op::PauseTimer).await?;
    assert_eq!(f.rejection(Op::PauseTimer).await?, RejectReason::TimerState);
    let full = room
        .server
        .snapshot(&room.board.board_id, &room.board.facilitator_key)
        .await?;
    let Some(Timer::Paused { remaining_ms }) = full.board.timer else {
        anyhow::bail!("expected a paused timer, got {:?}", full.board.timer);
    };
    assert!(remaining_ms > 0 && remaining_ms <= 60_000);
    let f = &mut room.f;
    assert_eq!(
        f.rejection(Op::ExtendTimer {
            by_ms: MAX_TIMER_MS - remaining_ms + 1
        })
        .await?,
        bad
    );
    f.apply(Op::ExtendTimer {
        by_ms: MAX_TIMER_MS - remaining_ms,
    })
    .await?;
    let full = room
        .server
        .snapshot(&room.board.board_id, &room.board.facilitator_key)
        .await?;
    assert_eq!(
        full.board.timer,
        Some(Timer::Paused {
            remaining_ms: MAX_TIMER_MS
        })
    );
    let f = &mut room.f;
    assert_eq!(f.rejection(Op::ExtendTimer { by_ms: 1 }).await?, bad);
    f.apply(Op::ResumeTimer).await?;
    f.apply(Op::StopTimer).await?;
    assert_eq!(
        f.rejection(Op::ResumeTimer).await?,
        RejectReason::TimerState
    );
    let full = room
        .server
        .snapshot(&room.board.board_id, &room.board.facilitator_key)
        .await?;
    assert_eq!(full.board.timer, None);
    Ok(())
}

/// Votes: "a vote past it is `budget_spent{budget}` (checked before `already_voted`)"; "only on
/// a note that is neither private nor moderated (`unknown_note` otherwise)", the author's own
/// included; "not while the board is locked (`locked`; section locks do not bind votes)";
/// `votes_cast` for new rules a ballot would break, stacking switched off included.
#[tokio::test]
async fn vote_refusals_come_in_the_documented_order() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let s0 = room.s[0].clone();
    let (op, a) = post(&s0, "A");
    room.f.apply(op).await?;
    let (op, b) = post(&s0, "B");
    room.f.apply(op).await?;
    room.f.apply(go_to(&room.ph[0])).await?;
    let (_, mut p) = room.participant("Pia", 1).await?;
    let p = &mut p[0];
    let (op, own_private) = post(&s0, "Oma yksityinen");
    p.apply(op).await?;
    let mut phases = room.ph.clone();
    phases[0].voting_open = true;
    room.f.apply(Op::SetPhases { phases }).await?;
    assert_eq!(
        p.rejection(vote(&own_private)).await?,
        RejectReason::UnknownNote {
            id: own_private.clone()
        }
    );
    room.f.apply(voting(1, false)).await?;
    p.apply(vote(&a)).await?;
    assert_eq!(
        p.rejection(vote(&a)).await?,
        RejectReason::BudgetSpent { budget: 1 },
        "the budget is checked before already_voted"
    );
    room.f.apply(voting(2, false)).await?;
    assert_eq!(p.rejection(vote(&a)).await?, RejectReason::AlreadyVoted);
    room.f.apply(voting(2, true)).await?;
    p.apply(vote(&a)).await?;
    assert_eq!(
        room.f.rejection(voting(2, false)).await?,
        RejectReason::VotesCast
    );
    assert_eq!(
        room.f.rejection(voting(1, true)).await?,
        RejectReason::VotesCast
    );
    assert_eq!(p.rejection(retract(&b)).await?, RejectReason::NoVote);
    room.f
        .apply(Op::LockSection {
            id: s0.clone(),
            locked: true,
        })
        .await?;
    p.apply(retract(&a)).await?;
    room.f.apply(Op::LockBoard { locked: true }).await?;
    assert_eq!(p.rejection(vote(&b)).await?, RejectReason::Locked);
    assert_eq!(p.rejection(retract(&a)).await?, RejectReason::Locked);
    let own = room
        .server
        .snapshot(&room.board.board_id, &room.board.facilitator_key)
        .await?;
    assert_eq!(own.board.vote_totals.get(&on_note(&a)), 1);
    assert_eq!(own.board.vote_totals.sum(), 1);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Roles.

/// The projector: "every op is `rejected{forbidden}`"; and the facilitators' ops (the Ops
/// table's "who") are `forbidden` to a participant. Whatever the op names (unknown ids, a
/// pending note's id, empty or oversized text, zero budgets and durations), the answer is the
/// same `forbidden`, so it tells nothing, and nothing is applied.
#[tokio::test]
async fn facilitators_ops_are_forbidden_to_others_whatever_their_arguments() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let s0 = room.s[0].clone();
    room.f.apply(Op::SetApproveFirst { on: true }).await?;
    let (_, mut a) = room.participant("Aino", 1).await?;
    let (op, pending) = post(&s0, "Odottaa");
    a[0].apply(op).await?;
    let (op, pending_remark) = comment(&pending, "odottaa");
    a[0].apply(op).await?;
    let (_, mut p) = room.participant("Pia", 1).await?;
    let mut v = room.connect(&room.board.projector_key).await?;
    let before = room
        .server
        .snapshot(&room.board.board_id, &room.board.facilitator_key)
        .await?;

    let ghost_note: NoteId = new_id();
    let ghost_theme: ThemeId = new_id();
    let facilitators_ops = |note: &NoteId| {
        vec![
            voting(0, false),
            voting(MAX_VOTE_BUDGET + 1, true),
            Op::ClearVotes,
            moderate_note(note, Status::Visible),
            moderate_note(note, Status::Pending),
            Op::ModerateComment {
                id: pending_remark.clone(),
                status: Status::Visible,
            },
            Op::SetApproveFirst { on: false },
            theme_op("").0,
            theme_op(&"x".repeat(MAX_THEME_TITLE_CHARS + 1)).0,
            Op::RenameTheme {
                id: ghost_theme.clone(),
                title: "x".into(),
            },
            Op::DeleteTheme {
                id: ghost_theme.clone(),
            },
            Op::SetNoteTheme {
                note: note.clone(),
                theme: Some(ghost_theme.clone()),
            },
            Op::StartTimer { duration_ms: 0 },
            Op::StartTimer {
                duration_ms: u64::MAX,
            },
            Op::PauseTimer,
            Op::ResumeTimer,
            Op::ExtendTimer { by_ms: 0 },
            Op::StopTimer,
            post_on_behalf(&s0, "teksti", "").0,
            Op::LockBoard { locked: true },
            Op::GoToPhase { id: None },
        ]
    };
    for note in [&pending, &ghost_note] {
        for op in facilitators_ops(note) {
            assert_eq!(
                p[0].rejection(op.clone()).await?,
                RejectReason::Forbidden,
                "a participant: {op:?}"
            );
        }
    }
    // The projector: every op, a participant's included.
    let mut everyones = facilitators_ops(&pending);
    everyones.extend([
        post(&s0, "Projektori kirjoittaa").0,
        post(&s0, "").0,
        comment(&ghost_note, "x").0,
        edit(&pending, "x"),
        Op::DeleteNote {
            id: ghost_note.clone(),
        },
        vote(&ghost_note),
        retract(&pending),
        Op::CastVote {
            target: on_theme(&ghost_theme),
        },
        Op::DeleteComment {
            id: pending_remark.clone(),
        },
    ]);
    for op in everyones {
        assert_eq!(
            v.rejection(op.clone()).await?,
            RejectReason::Forbidden,
            "the projector: {op:?}"
        );
    }
    let after = room
        .server
        .snapshot(&room.board.board_id, &room.board.facilitator_key)
        .await?;
    assert_eq!(after.seq, before.seq, "nothing was applied");
    assert_eq!(after.board, before.board);
    Ok(())
}

/// `on_behalf_of`: "the note's `author_name` is that label, its `author` the facilitator";
/// "Facilitators' own notes and comments are never pending" and "a facilitator's note is …
/// never private": posted by a named backup key during private writing with approve-first on,
/// it reaches every screen at once, under the label and never under the key's own name.
#[tokio::test]
async fn a_note_on_behalf_is_public_at_once_under_its_label_only() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    room.f.apply(Op::SetApproveFirst { on: true }).await?;
    let start = room.f.apply(go_to(&room.ph[0])).await?;
    let backup = room.mint_key("Varafasilitaattori Virtanen").await?;
    let mut f2 = room.connect(&backup.key).await?;
    let (olli, _) = room.participant("Olli", 0).await?;
    let (mut o, mut or) = Replica::join(&room.server, room.id(), &olli.token).await?;
    let (mut v, mut vr) = Replica::join(&room.server, room.id(), &room.board.projector_key).await?;
    let (op, note) = post_on_behalf(&room.s[0], "Pöydän ajatus", "Pöytä 3");
    let seq = f2.apply(op).await?;
    for (who, c, r) in [
        ("Olli", &mut o, &mut or),
        ("the projector", &mut v, &mut vr),
    ] {
        let frames = r.follow(c, seq).await?;
        assert_eq!(frames.len() as u64, seq - start, "{who}");
        assert_never_sent(&frames, &["Varafasilitaattori Virtanen"], who);
        let shown = &r.board()?.notes[&note];
        assert_eq!(shown.author_name.as_deref(), Some("Pöytä 3"), "{who}");
        assert_eq!(shown.author, backup.participant_id, "{who}");
        assert_eq!(shown.status, Status::Visible, "{who}");
        assert!(!shown.private, "{who}");
    }
    let body = room.server.snapshot_body(room.id(), &olli.token).await?;
    assert_never_sent(&[body], &["Varafasilitaattori Virtanen"], "Olli over HTTP");
    Ok(())
}

/// A pending or hidden note: "Nobody else is sent any of it: it is in neither `notes` nor
/// `hidden_notes`, and an `applied` that writes or changes it carries only `note_removed{id}`".
/// Bert swaps his two notes in the same gap until the server renumbers the section; the
/// `note_order` changes of that renumbering must not name Aino's pending note or the hidden
/// note to Bert, Olli or the projector (that would tell them which section each is in), while
/// the facilitators, and Aino for her own pending note, get its new key.
#[tokio::test]
async fn renumbering_a_section_sends_the_key_of_a_pending_or_hidden_note_to_no_one_else()
-> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1", "Ryhmä 2"], true).await?;
    let s0 = room.s[0].clone();
    let (op, _) = post(&s0, "ensimmäinen");
    room.f.apply(op).await?;
    let (aino, mut a) = room.participant("Aino", 1).await?;
    let (_, mut b) = room.participant("Bert", 1).await?;
    let (olli, _) = room.participant("Olli", 0).await?;
    let (op, x) = post(&s0, "x");
    b[0].apply(op).await?;
    let (op, y) = post(&s0, "y");
    b[0].apply(op).await?;
    let (op, hidden) = post(&s0, "piilotettu");
    room.f.apply(op).await?;
    room.f.apply(moderate_note(&hidden, Status::Hidden)).await?;
    room.f.apply(Op::SetApproveFirst { on: true }).await?;
    let (op, pending) = post(&s0, "odottaa");
    a[0].apply(op).await?;
    let (op, _) = post(&s0, "viimeinen");
    let start = room.f.apply(op).await?;
    let mut watchers = Vec::new();
    for (who, token) in [
        ("Olli", &olli.token),
        ("the projector", &room.board.projector_key),
        ("Aino", &aino.token),
        ("a facilitator", &room.board.facilitator_key),
    ] {
        let (c, r) = Replica::join(&room.server, room.id(), token).await?;
        assert_eq!(r.seq, start);
        watchers.push((who, c, r));
    }
    // Bert's own frames are checked as he goes.
    let bert = &mut b[0];
    let mut renumbered = false;
    let mut last = start;
    for i in 0..400 {
        let (moved, before) = if i % 2 == 0 { (&y, &x) } else { (&x, &y) };
        let op_id = bert
            .op(Op::MoveNote {
                id: moved.clone(),
                section: s0.clone(),
                before: Some(before.clone()),
            })
            .await?;
        let (msg, _) = bert.answer_to(&op_id).await?;
        let (seq, _, changes) = applied(&msg);
        last = seq;
        let text = serde_json::to_string(&msg)?;
        assert_never_sent(&[text], &[pending.as_str(), hidden.as_str()], "Bert");
        if changes.len() > 1 {
            renumbered = true;
            break;
        }
    }
    assert!(renumbered, "the section was never renumbered");
    for (who, c, r) in &mut watchers {
        let frames = r.follow(c, last).await?;
        let renumbering = frames.last().expect("the renumbering");
        match *who {
            "a facilitator" => {
                assert!(renumbering.contains(pending.as_str()), "{who}");
                assert!(renumbering.contains(hidden.as_str()), "{who}");
            }
            "Aino" => {
                assert!(renumbering.contains(pending.as_str()), "{who}: her own");
                assert_never_sent(&frames, &[hidden.as_str()], who);
            }
            _ => assert_never_sent(&frames, &[pending.as_str(), hidden.as_str()], who),
        }
    }
    // Every copy still agrees with the server's order of what it may see.
    let full = room.snapshot(&room.board.facilitator_key).await?;
    let fr = &watchers[3].2;
    assert_eq!(fr.board()?.notes, full.notes);
    Ok(())
}

/// "A pending private note is hidden the pending way" (in neither `notes` nor `hidden_notes`,
/// so not even counted); approving it while writing is private makes it an ordinary private
/// note (`hidden_note{id, section}`, counted); the reveal brings it, with the facilitator's
/// comment on it, to everyone in that one `applied`.
#[tokio::test]
async fn a_pending_private_note_is_not_even_counted_until_approved_then_revealed()
-> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let s0 = room.s[0].clone();
    room.f.apply(Op::SetApproveFirst { on: true }).await?;
    room.f.apply(go_to(&room.ph[0])).await?;
    let (_, mut a) = room.participant("Aino", 1).await?;
    let (olli, _) = room.participant("Olli", 0).await?;
    let (mut o, mut or) = Replica::join(&room.server, room.id(), &olli.token).await?;
    let (op, note) = post(&s0, "SALAINEN-ODOTTAVA");
    let posted = a[0].apply(op).await?;
    let frames = or.follow(&mut o, posted).await?;
    assert!(frames[0].contains("\"note_removed\""), "{}", frames[0]);
    assert_never_sent(&frames, &["hidden_note", "SALAINEN-ODOTTAVA"], "Olli");
    let seen = room.snapshot(&olli.token).await?;
    assert!(
        seen.hidden_notes.is_empty() && seen.notes.is_empty(),
        "{seen:?}"
    );
    room.f
        .apply(comment(&note, "FASILITAATTORIN-HUOMIO").0)
        .await?;

    let approved = room.f.apply(moderate_note(&note, Status::Visible)).await?;
    let frames = or.follow(&mut o, approved).await?;
    assert_never_sent(
        &frames,
        &["SALAINEN-ODOTTAVA", "FASILITAATTORIN-HUOMIO"],
        "Olli",
    );
    assert_eq!(
        or.board()?.hidden_notes.get(&note),
        Some(&s0),
        "now counted"
    );
    let seen = room.snapshot(&olli.token).await?;
    assert_eq!(seen.hidden_notes.get(&note), Some(&s0));
    assert!(seen.comments.is_empty());

    let reveal = room.f.apply(go_to(&room.ph[1])).await?;
    let frames = or.follow(&mut o, reveal).await?;
    assert_eq!(frames.len(), 1, "one applied");
    let b = or.board()?;
    assert_eq!(b.notes[&note].text, "SALAINEN-ODOTTAVA");
    assert!(b.hidden_notes.is_empty());
    assert!(
        b.comments
            .values()
            .any(|c| c.note == note && c.text == "FASILITAATTORIN-HUOMIO")
    );
    Ok(())
}

/// Hiding and unhiding: a hidden note's comments leave everyone else's copy with it, and
/// "one on a pending or hidden note, when the note is approved or unhidden: those `applied`
/// messages carry `comment{comment}` for each comment on the note", each still by its own
/// status: a pending comment on it stays with its author and the facilitators.
#[tokio::test]
async fn unhiding_a_note_brings_back_its_comments_but_not_a_pending_one() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let (op, note) = post(&room.s[0], "Lappu");
    room.f.apply(op).await?;
    let (olli, mut o) = room.participant("Olli", 1).await?;
    let (op, remark) = comment(&note, "OLLIN-KOMMENTTI");
    o[0].apply(op).await?;
    room.f.apply(Op::SetApproveFirst { on: true }).await?;
    let (aino, mut a) = room.participant("Aino", 1).await?;
    let (op, pending) = comment(&note, "AINON-ODOTTAVA");
    a[0].apply(op).await?;
    let (bert, _) = room.participant("Bert", 0).await?;
    let (mut b, mut br) = Replica::join(&room.server, room.id(), &bert.token).await?;
    assert!(br.board()?.comments.contains_key(&remark));

    let hidden = room.f.apply(moderate_note(&note, Status::Hidden)).await?;
    br.follow(&mut b, hidden).await?;
    assert!(br.board()?.notes.is_empty() && br.board()?.comments.is_empty());
    let own = room.snapshot(&olli.token).await?;
    assert!(
        own.comments.is_empty(),
        "Olli's own comment went with the note"
    );

    let shown = room.f.apply(moderate_note(&note, Status::Visible)).await?;
    let frames = br.follow(&mut b, shown).await?;
    assert_never_sent(
        &frames,
        &["AINON-ODOTTAVA", aino.participant_id.as_str()],
        "Bert",
    );
    let back = br.board()?;
    assert_eq!(back.comments[&remark].text, "OLLIN-KOMMENTTI");
    assert!(!back.comments.contains_key(&pending));
    let hers = room.snapshot(&aino.token).await?;
    assert_eq!(hers.comments[&pending].status, Status::Pending);
    Ok(())
}

/// Comments: "A participant may not comment while the board or the note's section is locked;
/// phases do not close comments", and edits and deletes "participants only while unlocked";
/// facilitators may always tidy up. Another section's lock binds nothing here.
#[tokio::test]
async fn comments_are_bound_by_locks_and_never_by_the_phase() -> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1", "Ryhmä 2"], false).await?;
    let (s0, s1) = (room.s[0].clone(), room.s[1].clone());
    let (op, here) = post(&s0, "Täällä");
    room.f.apply(op).await?;
    let (op, there) = post(&s1, "Tuolla");
    room.f.apply(op).await?;
    room.f.apply(go_to(&room.ph[2])).await?;
    assert!(!room.ph[2].posting_open, "the vote phase takes no notes");
    let (_, mut p) = room.participant("Pia", 1).await?;
    let p = &mut p[0];
    assert_eq!(
        p.rejection(post(&s0, "uusi").0).await?,
        RejectReason::PostingClosed
    );
    let (op, mine) = comment(&here, "kommentti äänestyksessä");
    p.apply(op).await?;
    let edit = |text: &str| Op::EditComment {
        id: mine.clone(),
        text: text.into(),
    };
    for lock in [
        Op::LockSection {
            id: s0.clone(),
            locked: true,
        },
        Op::LockBoard { locked: true },
    ] {
        room.f.apply(lock.clone()).await?;
        assert_eq!(
            p.rejection(comment(&here, "x").0).await?,
            RejectReason::Locked
        );
        assert_eq!(p.rejection(edit("x")).await?, RejectReason::Locked);
        assert_eq!(
            p.rejection(Op::DeleteComment { id: mine.clone() }).await?,
            RejectReason::Locked
        );
        if matches!(lock, Op::LockSection { .. }) {
            // The other section is open.
            p.apply(comment(&there, "toisaalla").0).await?;
        } else {
            assert_eq!(
                p.rejection(comment(&there, "x").0).await?,
                RejectReason::Locked
            );
        }
        room.f.apply(edit("fasilitaattori siistii")).await?;
        room.f
            .apply(Op::LockSection {
                id: s0.clone(),
                locked: false,
            })
            .await?;
        room.f.apply(Op::LockBoard { locked: false }).await?;
    }
    p.apply(edit("taas auki")).await?;
    let full = room.snapshot(&room.board.facilitator_key).await?;
    assert_eq!(full.comments[&mine].text, "taas auki");
    assert_eq!(full.comments.len(), 2);
    Ok(())
}

/// Totals follow the current phase's `votes_shown` however it changes: "Moving to a phase that
/// starts or stops showing them carries `vote_totals{totals}` in that one `applied`", and the
/// reveal's rule names "a `set_phases` that changes the current phase's switch" as a move too.
/// Switching the switch in place sends Olli the totals, then empties his copy, live and on a
/// resume; the facilitators keep them throughout.
#[tokio::test]
async fn switching_votes_shown_on_the_current_phase_sends_and_withdraws_the_totals()
-> anyhow::Result<()> {
    let mut room = Room::open(&["Ryhmä 1"], false).await?;
    let (op, note) = post(&room.s[0], "Ehdotus");
    room.f.apply(op).await?;
    let (op, theme) = theme_op("Teema");
    room.f.apply(op).await?;
    room.f.apply(go_to(&room.ph[2])).await?;
    let (_, mut p) = room.participant("Pia", 1).await?;
    p[0].apply(vote(&note)).await?;
    let start = p[0]
        .apply(Op::CastVote {
            target: on_theme(&theme),
        })
        .await?;
    let (olli, _) = room.participant("Olli", 0).await?;
    let (mut o, mut or) = Replica::join(&room.server, room.id(), &olli.token).await?;
    let (mut f2, mut fr) =
        Replica::join(&room.server, room.id(), &room.board.facilitator_key).await?;
    assert!(or.board()?.vote_totals.is_empty());
    let mut expected = VoteCounts::default();
    expected.set(&on_note(&note), 1);
    expected.set(&on_theme(&theme), 1);

    let mut phases = room.ph.clone();
    phases[2].votes_shown = true;
    let shown = room.f.apply(Op::SetPhases { phases }).await?;
    or.follow(&mut o, shown).await?;
    assert_eq!(or.board()?.vote_totals, expected, "shown in place");
    assert_eq!(room.snapshot(&olli.token).await?.vote_totals, expected);
    let hidden = room
        .f
        .apply(Op::SetPhases {
            phases: room.ph.clone(),
        })
        .await?;
    or.follow(&mut o, hidden).await?;
    assert!(or.board()?.vote_totals.is_empty(), "withdrawn in place");
    assert!(room.snapshot(&olli.token).await?.vote_totals.is_empty());
    fr.follow(&mut f2, hidden).await?;
    assert_eq!(
        fr.board()?.vote_totals,
        expected,
        "the facilitators keep them"
    );
    // A resume from before both gets the same two messages: the totals, then none.
    let (_, frames) = resume_raw(&room.server, room.id(), &olli.token, start, hidden).await?;
    let totals_in = |frame: &str| -> anyhow::Result<Option<VoteCounts>> {
        let msg: ServerMsg = serde_json::from_str(frame)?;
        Ok(applied(&msg).2.iter().find_map(|c| match c {
            Change::VoteTotals { totals } => Some(totals.clone()),
            _ => None,
        }))
    };
    assert_eq!(totals_in(&frames[1])?, Some(expected), "{}", frames[1]);
    assert_eq!(
        totals_in(&frames[2])?,
        Some(VoteCounts::default()),
        "{}",
        frames[2]
    );
    Ok(())
}
