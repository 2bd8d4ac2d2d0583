//! Groups are presence: a participant says in `hello` (or later with `set_group`) which section
//! they sit in, and `welcome` and every `presence` count the participants online per group, for
//! everyone. Facilitators and the projector are never counted, a group naming no section of the
//! board counts nowhere, a deleted section drops out of the counts at once, and nothing of it is stored:
//! after a restart the counts start from nobody.

use std::collections::BTreeMap;

use talkoot_shared::http::BoardCreated;
use talkoot_shared::{ClientMsg, Op, SectionId, ServerMsg};
use talkoot_tests::ops::sections;
use talkoot_tests::{Client, TestServer};

/// `welcome.groups` of a welcome.
fn welcome_groups(welcome: &ServerMsg) -> BTreeMap<SectionId, u32> {
    match welcome {
        ServerMsg::Welcome { groups, .. } => groups.clone(),
        other => panic!("expected a welcome, got {other:?}"),
    }
}

/// The counts as a map, from (section, count) pairs.
fn counts(pairs: &[(&SectionId, u32)]) -> BTreeMap<SectionId, u32> {
    pairs.iter().map(|(s, n)| ((*s).clone(), *n)).collect()
}

/// A participant joined by code, connected and sitting in `group`; the `presence` their own
/// arrival caused is read already.
async fn participant_in(
    server: &TestServer,
    board: &BoardCreated,
    group: Option<SectionId>,
) -> anyhow::Result<(Client, ServerMsg)> {
    let joined = server.join(&board.join_code, None).await?;
    let (mut c, welcome) = Client::join_group(
        &server.ws_url(),
        &board.board_id,
        &joined.token,
        None,
        group,
    )
    .await?;
    c.next_presence().await?;
    Ok((c, welcome))
}

#[tokio::test]
async fn a_group_said_in_hello_is_counted_in_the_welcome_and_in_presence_for_everyone()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Pöytä 1", "Pöytä 2", "Pöytä 3"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    assert_eq!(welcome_groups(&welcome), BTreeMap::new());
    f.next_presence().await?;

    // Anna sits at table 3: her welcome counts her, and the facilitator hears of it.
    let (mut anna, welcome) = participant_in(&server, &board, Some(s[2].clone())).await?;
    assert_eq!(welcome_groups(&welcome), counts(&[(&s[2], 1)]));
    assert_eq!(f.next_presence().await?, (2, counts(&[(&s[2], 1)])));

    // Bertil at table 1: both others hear the new counts; his welcome has both groups.
    let (_bertil, welcome) = participant_in(&server, &board, Some(s[0].clone())).await?;
    let both = counts(&[(&s[0], 1), (&s[2], 1)]);
    assert_eq!(welcome_groups(&welcome), both);
    assert_eq!(f.next_presence().await?, (3, both.clone()));
    assert_eq!(anna.next_presence().await?, (3, both.clone()));

    // Cecilia sits at no table: she is online, in no group.
    let (_cecilia, welcome) = participant_in(&server, &board, None).await?;
    assert_eq!(welcome_groups(&welcome), both);
    assert_eq!(f.next_presence().await?, (4, both.clone()));

    // A second facilitator and the projector saying a group are not counted in it.
    let (_f2, welcome) = Client::join_group(
        &server.ws_url(),
        &board.board_id,
        &board.facilitator_key,
        None,
        Some(s[1].clone()),
    )
    .await?;
    assert_eq!(welcome_groups(&welcome), both);
    assert_eq!(f.next_presence().await?, (5, both.clone()));
    let (_projector, welcome) = Client::join_group(
        &server.ws_url(),
        &board.board_id,
        &board.projector_key,
        None,
        Some(s[1].clone()),
    )
    .await?;
    assert_eq!(welcome_groups(&welcome), both);
    assert_eq!(f.next_presence().await?, (6, both.clone()));

    // Anna leaves: table 3 is empty, and is left out rather than counted 0.
    anna.close().await?;
    assert_eq!(f.next_presence().await?, (5, counts(&[(&s[0], 1)])));
    Ok(())
}

#[tokio::test]
async fn set_group_moves_the_count_to_the_new_group_or_to_none() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Pöytä 1", "Pöytä 2", "Pöytä 3"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    f.next_presence().await?;
    let (mut anna, _) = participant_in(&server, &board, Some(s[0].clone())).await?;
    assert_eq!(f.next_presence().await?, (2, counts(&[(&s[0], 1)])));

    anna.send(&ClientMsg::SetGroup {
        group: Some(s[1].clone()),
    })
    .await?;
    assert_eq!(f.next_presence().await?, (2, counts(&[(&s[1], 1)])));
    assert_eq!(anna.next_presence().await?, (2, counts(&[(&s[1], 1)])));

    anna.send(&ClientMsg::SetGroup { group: None }).await?;
    assert_eq!(f.next_presence().await?, (2, BTreeMap::new()));

    // A later joiner's welcome has the counts as they are now.
    anna.send(&ClientMsg::SetGroup {
        group: Some(s[2].clone()),
    })
    .await?;
    assert_eq!(f.next_presence().await?, (2, counts(&[(&s[2], 1)])));
    let (_bertil, welcome) = participant_in(&server, &board, None).await?;
    assert_eq!(welcome_groups(&welcome), counts(&[(&s[2], 1)]));
    Ok(())
}

#[tokio::test]
async fn a_group_that_names_no_section_of_the_board_counts_nowhere() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server.create_board("Työpaja", &["Pöytä 1"]).await?;
    let other = server.create_board("Toinen", &["Muu pöytä"]).await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let (_of, other_welcome) = server.facilitator(&other).await?;
    let elsewhere = sections(&other_welcome)[0].clone();
    f.next_presence().await?;

    // A well-formed id that is no section here, and another board's section (a QR code from
    // the wrong workshop): online, in no group.
    let unknown = SectionId::parse("no-such-section")?;
    let (mut anna, welcome) = participant_in(&server, &board, Some(unknown.clone())).await?;
    assert_eq!(welcome_groups(&welcome), BTreeMap::new());
    assert_eq!(f.next_presence().await?, (2, BTreeMap::new()));
    let (_bertil, welcome) = participant_in(&server, &board, Some(elsewhere.clone())).await?;
    assert_eq!(welcome_groups(&welcome), BTreeMap::new());
    assert_eq!(f.next_presence().await?, (3, BTreeMap::new()));

    // Moving from a real group to an unknown one takes the count out of the real one.
    anna.send(&ClientMsg::SetGroup {
        group: Some(s[0].clone()),
    })
    .await?;
    assert_eq!(f.next_presence().await?, (3, counts(&[(&s[0], 1)])));
    anna.send(&ClientMsg::SetGroup {
        group: Some(unknown),
    })
    .await?;
    assert_eq!(f.next_presence().await?, (3, BTreeMap::new()));
    Ok(())
}

#[tokio::test]
async fn a_deleted_section_drops_out_of_the_counts() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Pöytä 1", "Pöytä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    f.next_presence().await?;
    let (_anna, _) = participant_in(&server, &board, Some(s[0].clone())).await?;
    f.next_presence().await?;
    let (_bertil, _) = participant_in(&server, &board, Some(s[1].clone())).await?;
    assert_eq!(
        f.next_presence().await?,
        (3, counts(&[(&s[0], 1), (&s[1], 1)]))
    );

    f.apply(Op::DeleteSection { id: s[1].clone() }).await?;
    // Bertil is still online, but his group is gone: everyone is told he is counted nowhere.
    assert_eq!(f.next_presence().await?, (3, counts(&[(&s[0], 1)])));

    // A newcomer's welcome and the presence of their arrival agree.
    let (_cecilia, welcome) = participant_in(&server, &board, None).await?;
    assert_eq!(welcome_groups(&welcome), counts(&[(&s[0], 1)]));
    assert_eq!(f.next_presence().await?, (4, counts(&[(&s[0], 1)])));
    Ok(())
}

#[tokio::test]
async fn the_counts_are_not_stored_and_start_from_nobody_after_a_restart() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Pöytä 1", "Pöytä 2"])
        .await?;
    let joined = server.join(&board.join_code, None).await?;
    let (f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let (mut anna, _) = Client::join_group(
        &server.ws_url(),
        &board.board_id,
        &joined.token,
        None,
        Some(s[1].clone()),
    )
    .await?;
    assert_eq!(anna.next_presence().await?, (2, counts(&[(&s[1], 1)])));
    drop((f, anna));

    server.restart().await?;

    // The facilitator comes back first: nobody sits anywhere.
    let (mut f, welcome) = server.facilitator(&board).await?;
    assert_eq!(welcome_groups(&welcome), BTreeMap::new());
    f.next_presence().await?;
    // Anna's token still works, but her group was never kept: resumed without one, she is in none.
    let (_anna, welcome) =
        Client::join(&server.ws_url(), &board.board_id, &joined.token, None).await?;
    assert_eq!(welcome_groups(&welcome), BTreeMap::new());
    assert_eq!(f.next_presence().await?, (2, BTreeMap::new()));
    Ok(())
}

/// Presence is paced (at most one broadcast per room per 250 ms): a crowd that joins and
/// changes groups at once may be told in fewer frames, but the last `presence` each member gets
/// has the counts as they finally are, and a single change after a quiet spell still arrives.
#[tokio::test]
async fn after_a_burst_of_joins_and_moves_the_last_presence_has_the_final_counts()
-> anyhow::Result<()> {
    const CROWD: usize = 12;
    let server = TestServer::start().await?;
    let board = server
        .create_board("Työpaja", &["Pöytä 1", "Pöytä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    f.next_presence().await?;

    // The crowd joins together at table 1, then everyone moves to table 2 at once.
    let mut tokens = Vec::new();
    for _ in 0..CROWD {
        tokens.push(server.join(&board.join_code, None).await?.token);
    }
    let url = server.ws_url();
    let joins = tokens
        .iter()
        .map(|token| Client::join_group(&url, &board.board_id, token, None, Some(s[0].clone())));
    let mut crowd: Vec<Client> = futures_util::future::try_join_all(joins)
        .await?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    for c in &mut crowd {
        c.send(&ClientMsg::SetGroup {
            group: Some(s[1].clone()),
        })
        .await?;
    }
    let everyone_at_table_2 = (CROWD as u32 + 1, counts(&[(&s[1], CROWD as u32)]));
    let mut frames = 0;
    loop {
        frames += 1;
        if f.next_presence().await? == everyone_at_table_2 {
            break;
        }
        assert!(
            frames <= 4 * CROWD,
            "the counts never settled on everyone at table 2"
        );
    }

    // A quiet spell, then one leaves: that change is sent, though it follows the last closely.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    crowd.pop().expect("a crowd").close().await?;
    assert_eq!(
        f.next_presence().await?,
        (CROWD as u32, counts(&[(&s[1], CROWD as u32 - 1)]))
    );
    Ok(())
}
