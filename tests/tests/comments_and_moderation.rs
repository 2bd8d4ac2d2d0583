//! Comments and moderation through the real server. With approve-first on, a participant's
//! note or comment reaches only its author and the facilitators until it is approved; a hidden
//! note leaves everyone's view but the facilitators' and gives its votes back. Comments follow
//! their note: hidden with a private note until the reveal, deleted with it. Checked on the raw
//! frames and HTTP bodies of those who must not see.

use talkoot_shared::reject::{Field, RejectReason};
use talkoot_shared::{Change, CommentId, Op, ServerMsg, Status};
use talkoot_tests::ops::{
    applied, comment, go_to, moderate_note, phases, post, sections, vote, voting, welcome_seq,
};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer, assert_never_sent};

const PENDING_NOTE: &str = "ODOTTAA-lappu";
const PENDING_COMMENT: &str = "ODOTTAA-kommentti";
const PRIVATE_COMMENT: &str = "SALAINEN-kommentti";

#[tokio::test]
async fn approve_first_shows_new_writing_to_its_author_and_the_facilitators_only()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Moderointi", &["Ryhmä 1"]).await?;
    let id = &board.board_id;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let (op, open_note) = post(&s[0], "Fasilitaattorin lappu");
    f.apply(op).await?;
    let start = f.apply(Op::SetApproveFirst { on: true }).await?;

    let author = server
        .join(&board.join_code, Some("Aino Kirjoittaja"))
        .await?;
    let other = server.join(&board.join_code, Some("Olli")).await?;
    let (mut a, mut ar) = Replica::join(&server, id, &author.token).await?;
    let (mut o, mut or) = Replica::join(&server, id, &other.token).await?;
    let (mut v, mut vr) = Replica::join(&server, id, &board.projector_key).await?;
    let (mut f2, mut fr) = Replica::join(&server, id, &board.facilitator_key).await?;
    assert_eq!(fr.seq, start);

    let (op, note) = post(&s[0], PENDING_NOTE);
    ar.apply(&mut a, op).await?;
    let (op, remark) = comment(&open_note, PENDING_COMMENT);
    let last = ar.apply(&mut a, op).await?;
    let secrets = [
        PENDING_NOTE,
        PENDING_COMMENT,
        "Aino Kirjoittaja",
        author.participant_id.as_str(),
    ];
    for (who, c, r) in [
        ("the other participant", &mut o, &mut or),
        ("the projector", &mut v, &mut vr),
    ] {
        let frames = r.follow(c, last).await?;
        assert_eq!(frames.len() as u64, last - start, "{who} got every seq");
        assert_never_sent(&frames, &secrets, who);
        let b = r.board()?;
        assert!(
            !b.notes.contains_key(&note) && !b.hidden_notes.contains_key(&note),
            "{who}"
        );
        assert!(b.comments.is_empty(), "{who}");
    }
    for (who, token) in [
        ("the other participant", &other.token),
        ("the projector", &board.projector_key),
    ] {
        let body = server.snapshot_body(&board.board_id, token).await?;
        assert_never_sent(std::slice::from_ref(&body), &secrets, who);
    }
    // The author and the facilitators see both, pending.
    fr.follow(&mut f2, last).await?;
    for (who, r) in [("the author", &ar), ("a facilitator", &fr)] {
        let b = r.board()?;
        assert_eq!(b.notes[&note].status, Status::Pending, "{who}");
        assert_eq!(b.comments[&remark].status, Status::Pending, "{who}");
        assert_eq!(b.comments[&remark].text, PENDING_COMMENT, "{who}");
    }
    let own = server.snapshot(&board.board_id, &author.token).await?.board;
    assert_eq!(own.notes[&note].text, PENDING_NOTE);
    // Nobody else may act on what they cannot see.
    let reason = o.rejection(comment(&note, "näkymätön").0).await?;
    assert_eq!(reason, RejectReason::UnknownNote { id: note.clone() });

    // Approving delivers each to everyone.
    f.apply(moderate_note(&note, Status::Visible)).await?;
    let approved = f
        .apply(Op::ModerateComment {
            id: remark.clone(),
            status: Status::Visible,
        })
        .await?;
    for (who, c, r) in [
        ("the other participant", &mut o, &mut or),
        ("the projector", &mut v, &mut vr),
        ("the author", &mut a, &mut ar),
        ("a facilitator", &mut f2, &mut fr),
    ] {
        r.follow(c, approved).await?;
        let b = r.board()?;
        assert_eq!(b.notes[&note].text, PENDING_NOTE, "{who}");
        assert_eq!(b.notes[&note].status, Status::Visible, "{who}");
        assert_eq!(b.comments[&remark].text, PENDING_COMMENT, "{who}");
        assert_eq!(b.comments[&remark].status, Status::Visible, "{who}");
    }
    // Moderation approves or hides; it never makes anything pending again.
    assert!(matches!(
        f.rejection(moderate_note(&note, Status::Pending)).await?,
        RejectReason::InvalidOp { .. }
    ));
    Ok(())
}

#[tokio::test]
async fn a_hidden_note_leaves_every_view_but_the_facilitators_and_gives_its_votes_back()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Moderointi", &["Ryhmä 1"]).await?;
    let id = &board.board_id;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let author = server.join(&board.join_code, Some("Aino")).await?;
    let voter = server.join(&board.join_code, Some("Ville")).await?;
    let (mut a, mut ar) = Replica::join(&server, id, &author.token).await?;
    let (op, note) = post(&s[0], "Asiaton lappu");
    ar.apply(&mut a, op).await?;
    let (op, kept) = post(&s[0], "Asiallinen lappu");
    f.apply(op).await?;
    let (mut p, mut pr) = Replica::join(&server, id, &voter.token).await?;
    let (op, remark) = comment(&note, "Kommentti asiattomaan");
    pr.apply(&mut p, op).await?;
    // One vote each, both on the note that will be hidden.
    f.apply(voting(1, false)).await?;
    f.apply(go_to(&ph[2])).await?;
    pr.apply(&mut p, vote(&note)).await?;
    assert_eq!(
        p.rejection(vote(&kept)).await?,
        RejectReason::BudgetSpent { budget: 1 }
    );
    let (mut v, mut vr) = Replica::join(&server, id, &board.projector_key).await?;
    let (mut f2, mut fr) = Replica::join(&server, id, &board.facilitator_key).await?;

    let hidden = f.apply(moderate_note(&note, Status::Hidden)).await?;
    for (who, c, r) in [
        ("the author", &mut a, &mut ar),
        ("the voter", &mut p, &mut pr),
        ("the projector", &mut v, &mut vr),
    ] {
        let frames = r.follow(c, hidden).await?;
        assert_never_sent(&frames[frames.len() - 1..], &["Asiaton lappu"], who);
        let b = r.board()?;
        assert!(
            !b.notes.contains_key(&note) && !b.hidden_notes.contains_key(&note),
            "{who}"
        );
        assert!(
            !b.comments.contains_key(&remark),
            "{who}: its comments go with it"
        );
        assert!(b.ballots.is_empty(), "{who}: the vote is given back");
        let body = server
            .snapshot_body(
                &board.board_id,
                match who {
                    "the author" => &author.token,
                    "the voter" => &voter.token,
                    _ => &board.projector_key,
                },
            )
            .await?;
        assert_never_sent(
            std::slice::from_ref(&body),
            &["Asiaton lappu", "Kommentti asiattomaan"],
            who,
        );
    }
    // The facilitators keep it, marked hidden, with its comment, and no votes on it.
    fr.follow(&mut f2, hidden).await?;
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    for b in [fr.board()?, &full] {
        assert_eq!(b.notes[&note].status, Status::Hidden);
        assert!(b.comments.contains_key(&remark));
        assert!(b.vote_totals.is_empty());
    }
    // The vote given back can be spent again; the hidden note takes none.
    assert_eq!(
        p.rejection(vote(&note)).await?,
        RejectReason::UnknownNote { id: note.clone() }
    );
    pr.apply(&mut p, vote(&kept)).await?;
    Ok(())
}

#[tokio::test]
async fn comments_belong_to_their_author_and_facilitators_and_have_a_length_limit()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Kommentit", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let bert = server.join(&board.join_code, Some("Bert")).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &anna.token, None).await?;
    let (mut b, _) = Client::join(&server.ws_url(), &board.board_id, &bert.token, None).await?;
    let (mut v, _) = Client::join(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
    )
    .await?;
    let (op, note) = post(&s[0], "Lappu");
    a.apply(op).await?;
    let (op, annas) = comment(&note, "Annan kommentti");
    a.apply(op).await?;
    let (op, berts) = comment(&note, "Bertin kommentti");
    b.apply(op).await?;

    let edit = |id: &CommentId, text: &str| Op::EditComment {
        id: id.clone(),
        text: text.into(),
    };
    let delete = |id: &CommentId| Op::DeleteComment { id: id.clone() };
    // Someone else's comment: neither edited nor deleted.
    assert_eq!(
        b.rejection(edit(&annas, "Bert muokkasi")).await?,
        RejectReason::Forbidden
    );
    assert_eq!(b.rejection(delete(&annas)).await?, RejectReason::Forbidden);
    assert_eq!(
        v.rejection(comment(&note, "Projektori").0).await?,
        RejectReason::Forbidden
    );
    // Their own, and a facilitator any.
    a.apply(edit(&annas, "Annan oma muokkaus")).await?;
    f.apply(edit(&berts, "Fasilitaattori muokkasi")).await?;
    let seq = f.apply(delete(&berts)).await?;
    let board_now = server.snapshot(&board.board_id, &bert.token).await?;
    assert_eq!(board_now.seq, seq);
    assert_eq!(board_now.board.comments.len(), 1);
    assert_eq!(board_now.board.comments[&annas].text, "Annan oma muokkaus");
    assert_eq!(board_now.board.comments[&annas].author, anna.participant_id);
    assert_eq!(
        board_now.board.comments[&annas].author_name.as_deref(),
        Some("Anna")
    );
    assert_eq!(
        a.rejection(edit(&berts, "poistettu")).await?,
        RejectReason::UnknownComment { id: berts.clone() }
    );

    // Up to 500 characters ("ä" is one), and not blank.
    let longest = "ä".repeat(500);
    a.apply(comment(&note, &longest).0).await?;
    let too_long = RejectReason::TooLong {
        field: Field::CommentText,
        max: 500,
    };
    assert_eq!(
        a.rejection(comment(&note, &format!("{longest}a")).0)
            .await?,
        too_long
    );
    assert_eq!(
        a.rejection(edit(&annas, &format!("{longest}a"))).await?,
        too_long
    );
    assert_eq!(
        a.rejection(comment(&note, " \u{200b} ").0).await?,
        RejectReason::Empty {
            field: Field::CommentText
        }
    );
    Ok(())
}

#[tokio::test]
async fn a_comment_on_a_private_note_is_hidden_with_it_and_arrives_at_the_reveal()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Kommentit", &["Ryhmä 1"]).await?;
    let id = &board.board_id;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let start = f.apply(go_to(&ph[0])).await?;
    let author = server.join(&board.join_code, Some("Aino")).await?;
    let other = server.join(&board.join_code, Some("Olli")).await?;
    let (mut a, mut ar) = Replica::join(&server, id, &author.token).await?;
    let (mut o, mut or) = Replica::join(&server, id, &other.token).await?;
    let (mut v, mut vr) = Replica::join(&server, id, &board.projector_key).await?;

    let (op, note) = post(&s[0], "Yksityinen lappu");
    ar.apply(&mut a, op).await?;
    let (op, remark) = comment(&note, PRIVATE_COMMENT);
    let last = ar.apply(&mut a, op).await?;
    for (who, c, r, token) in [
        ("the other participant", &mut o, &mut or, &other.token),
        ("the projector", &mut v, &mut vr, &board.projector_key),
    ] {
        let frames = r.follow(c, last).await?;
        assert_eq!(frames.len() as u64, last - start);
        assert_never_sent(
            &frames,
            &[PRIVATE_COMMENT, author.participant_id.as_str()],
            who,
        );
        assert!(r.board()?.comments.is_empty(), "{who}");
        let body = server.snapshot_body(&board.board_id, token).await?;
        assert_never_sent(std::slice::from_ref(&body), &[PRIVATE_COMMENT], who);
    }
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    assert_eq!(full.comments[&remark].text, PRIVATE_COMMENT);
    assert_eq!(
        o.rejection(comment(&note, "Ollin kommentti").0).await?,
        RejectReason::UnknownNote { id: note.clone() }
    );

    // The reveal brings the note and its comment to everyone, in one seq.
    let reveal = f.apply(go_to(&ph[1])).await?;
    for (who, c, r) in [
        ("the other participant", &mut o, &mut or),
        ("the projector", &mut v, &mut vr),
    ] {
        let frames = r.follow(c, reveal).await?;
        let msg: ServerMsg = serde_json::from_str(frames.last().expect("the reveal"))?;
        let (_, _, changes) = applied(&msg);
        assert!(changes.iter().any(|c| matches!(c,
            Change::Comment { comment } if comment.id == remark && comment.text == PRIVATE_COMMENT)),
            "{who}: {changes:?}");
        assert_eq!(r.board()?.comments[&remark].note, note, "{who}");
    }
    Ok(())
}

#[tokio::test]
async fn deleting_a_note_or_a_section_deletes_its_comments_in_the_same_seq() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Kommentit", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    let id = &board.board_id;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let author = server.join(&board.join_code, None).await?;
    let (mut a, mut ar) = Replica::join(&server, id, &author.token).await?;
    let (mut v, mut vr) = Replica::join(&server, id, &board.projector_key).await?;
    let (op, first) = post(&s[0], "Ensimmäinen");
    ar.apply(&mut a, op).await?;
    let (op, second) = post(&s[1], "Toinen");
    ar.apply(&mut a, op).await?;
    for note in [&first, &second] {
        for i in 0..3 {
            ar.apply(&mut a, comment(note, &format!("kommentti {i}")).0)
                .await?;
        }
    }
    // Votes on the first note go with it too.
    f.apply(go_to(&ph[2])).await?;
    ar.apply(&mut a, vote(&first)).await?;

    let deleted = ar
        .apply(&mut a, Op::DeleteNote { id: first.clone() })
        .await?;
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?;
    assert_eq!(full.seq, deleted);
    assert!(full.board.comments.values().all(|c| c.note == second));
    assert_eq!(full.board.comments.len(), 3);
    assert!(full.board.vote_totals.is_empty());
    vr.follow(&mut v, deleted).await?;
    for (who, r) in [("the author", &ar), ("the projector", &vr)] {
        let b = r.board()?;
        assert!(!b.notes.contains_key(&first), "{who}");
        assert_eq!(b.comments.len(), 3, "{who}");
        assert!(b.comments.values().all(|c| c.note == second), "{who}");
        assert!(b.ballots.is_empty(), "{who}");
    }

    let gone = f.apply(Op::DeleteSection { id: s[1].clone() }).await?;
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?;
    assert_eq!(full.seq, gone);
    assert!(full.board.notes.is_empty() && full.board.comments.is_empty());
    for (who, c, r) in [
        ("the author", &mut a, &mut ar),
        ("the projector", &mut v, &mut vr),
    ] {
        let frames = r.follow(c, gone).await?;
        assert_eq!(frames.len(), 1, "{who}: one seq");
        let b = r.board()?;
        assert!(b.notes.is_empty() && b.comments.is_empty(), "{who}");
    }
    let (_, later) = Client::join(&server.ws_url(), &board.board_id, &author.token, None).await?;
    assert_eq!(welcome_seq(&later), gone);
    Ok(())
}
