//! Themes across groups and notes posted on someone's behalf, through the real server. A
//! facilitator gathers notes from different sections under a theme; a note keeps its section,
//! a theme takes votes, and deleting it leaves its notes in no theme and gives its votes back.
//! A note posted on behalf of "Pöytä 3" shows that label as its author, and is the
//! facilitators' to edit.

use talkoot_shared::limits::{MAX_NAME_CHARS, MAX_THEME_TITLE_CHARS, MAX_THEMES};
use talkoot_shared::reject::{Countable, Field, RejectReason};
use talkoot_shared::{Op, ThemeId, VoteTarget};
use talkoot_tests::ops::{edit, go_to, phases, post, post_on_behalf, sections, voting};
use talkoot_tests::replica::Replica;
use talkoot_tests::{Client, TestServer, new_id};

#[tokio::test]
async fn a_note_on_someones_behalf_shows_the_label_and_is_the_facilitators() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Puolesta", &["Ryhmä 1"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    // Even during private writing: a facilitator's note is never private.
    f.apply(go_to(&ph[0])).await?;
    let joined = server.join(&board.join_code, Some("Olli")).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;

    let (op, note) = post_on_behalf(&s[0], "Pöydän ajatus", "Pöytä 3");
    f.apply(op).await?;
    let seen = server.snapshot(&board.board_id, &joined.token).await?.board;
    let shown = &seen.notes[&note];
    assert_eq!(shown.author_name.as_deref(), Some("Pöytä 3"));
    assert_eq!(
        shown.author, board.participant_id,
        "the facilitator posted it"
    );
    assert!(!shown.private);

    // Another facilitator key edits it; a participant may not.
    let res = server
        .http()
        .post(server.url(&format!("/api/boards/{}/facilitator-keys", board.board_id)))
        .bearer_auth(&board.facilitator_key)
        .json(&serde_json::json!({ "name": "Varafasilitaattori" }))
        .send()
        .await?;
    anyhow::ensure!(res.status() == 201, "mint: {}", res.status());
    let backup: talkoot_shared::http::FacilitatorKeyMinted = res.json().await?;
    let (mut f2, _) = Client::join(&server.ws_url(), &board.board_id, &backup.key, None).await?;
    f2.apply(edit(&note, "Pöydän ajatus, tarkennettu")).await?;
    assert_eq!(
        p.rejection(edit(&note, "Ollin muutos")).await?,
        RejectReason::Forbidden
    );
    let seen = server.snapshot(&board.board_id, &joined.token).await?.board;
    assert_eq!(seen.notes[&note].text, "Pöydän ajatus, tarkennettu");
    assert_eq!(seen.notes[&note].author_name.as_deref(), Some("Pöytä 3"));

    // The label is a name: not blank, at most 40 characters.
    let long = "x".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        f.rejection(post_on_behalf(&s[0], "teksti", &long).0)
            .await?,
        RejectReason::TooLong {
            field: Field::Name,
            max: MAX_NAME_CHARS as u32
        }
    );
    assert_eq!(
        f.rejection(post_on_behalf(&s[0], "teksti", "  ").0).await?,
        RejectReason::Empty { field: Field::Name }
    );
    f.apply(post_on_behalf(&s[0], "teksti", &"x".repeat(MAX_NAME_CHARS)).0)
        .await?;
    Ok(())
}

#[tokio::test]
async fn themes_gather_notes_across_groups_take_votes_and_give_them_back() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Teemat", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let joined = server.join(&board.join_code, None).await?;
    let (mut p, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    let mut pr = Replica::default();
    pr.fold(&welcome)?;
    let (op, a) = post(&s[0], "Liikenne");
    pr.apply(&mut p, op).await?;
    let (op, b) = post(&s[1], "Joukkoliikenne");
    f.apply(op).await?;

    let theme: ThemeId = new_id();
    f.apply(Op::AddTheme {
        id: theme.clone(),
        title: "Liikkuminen".into(),
    })
    .await?;
    for note in [&a, &b] {
        f.apply(Op::SetNoteTheme {
            note: note.clone(),
            theme: Some(theme.clone()),
        })
        .await?;
    }
    f.apply(Op::RenameTheme {
        id: theme.clone(),
        title: "Liikkuminen ja liikenne".into(),
    })
    .await?;
    let seen = server.snapshot(&board.board_id, &joined.token).await?.board;
    assert_eq!(seen.themes[&theme].title, "Liikkuminen ja liikenne");
    for (note, section) in [(&a, &s[0]), (&b, &s[1])] {
        assert_eq!(seen.notes[note].theme.as_ref(), Some(&theme));
        assert_eq!(&seen.notes[note].section, section, "a note keeps its group");
    }

    // The theme takes a vote; the one vote of the budget is spent on it.
    f.apply(voting(1, false)).await?;
    f.apply(go_to(&ph[2])).await?;
    let on_theme = VoteTarget::Theme(theme.clone());
    pr.apply(
        &mut p,
        Op::CastVote {
            target: on_theme.clone(),
        },
    )
    .await?;
    assert_eq!(
        p.rejection(Op::CastVote {
            target: VoteTarget::Note(a.clone())
        })
        .await?,
        RejectReason::BudgetSpent { budget: 1 }
    );
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    assert_eq!(full.vote_totals.get(&on_theme), 1);

    // Deleting it: its notes are in no theme, and the vote is back to spend.
    let deleted = f.apply(Op::DeleteTheme { id: theme.clone() }).await?;
    pr.follow(&mut p, deleted).await?;
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    for view in [pr.board()?, &full] {
        assert!(view.themes.is_empty());
        assert!(view.notes.values().all(|n| n.theme.is_none()));
        assert!(view.vote_totals.is_empty() && view.ballots.is_empty());
    }
    assert_eq!(full.notes.len(), 2, "the notes stay");
    pr.apply(
        &mut p,
        Op::CastVote {
            target: VoteTarget::Note(a.clone()),
        },
    )
    .await?;
    assert_eq!(
        f.rejection(Op::SetNoteTheme {
            note: a.clone(),
            theme: Some(theme.clone())
        })
        .await?,
        RejectReason::UnknownTheme { id: theme.clone() }
    );
    Ok(())
}

#[tokio::test]
async fn theme_titles_and_count_have_limits() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Teemat", &["Ryhmä 1"]).await?;
    let (mut f, _) = server.facilitator(&board).await?;
    let add = |title: String| Op::AddTheme {
        id: new_id(),
        title,
    };
    assert_eq!(
        f.rejection(add("ä".repeat(MAX_THEME_TITLE_CHARS + 1)))
            .await?,
        RejectReason::TooLong {
            field: Field::ThemeTitle,
            max: MAX_THEME_TITLE_CHARS as u32
        }
    );
    assert_eq!(
        f.rejection(add("\u{200b}".into())).await?,
        RejectReason::Empty {
            field: Field::ThemeTitle
        }
    );
    f.apply(add("ä".repeat(MAX_THEME_TITLE_CHARS))).await?;
    for i in 1..MAX_THEMES {
        f.apply(add(format!("Teema {i}"))).await?;
    }
    assert_eq!(
        f.rejection(add("Yksi liikaa".into())).await?,
        RejectReason::LimitReached {
            what: Countable::Themes,
            max: MAX_THEMES as u32
        }
    );
    let full = server
        .snapshot(&board.board_id, &board.facilitator_key)
        .await?
        .board;
    assert_eq!(full.themes.len(), MAX_THEMES);
    Ok(())
}
