//! "Start part 2" through the real server: a facilitator of part 1 starts part 2, which has its
//! own join code and keys, carries part 1's groups, top-voted notes (pinned, locked) and open
//! tasks, shows
//! the link back to facilitators only, and hands part 1's kooste to part 2's facilitators.

use serde_json::{Value, json};
use talkoot_shared::Op;
use talkoot_shared::http::BoardCreated;
use talkoot_shared::limits::MAX_CARRIED_NOTES;
use talkoot_tests::ops::{go_to, phases, post, sections, vote};
use talkoot_tests::{Client, TestServer, new_id};

async fn start(
    server: &TestServer,
    board: &str,
    key: &str,
    body: Value,
) -> anyhow::Result<reqwest::Response> {
    let path = format!("/api/boards/{board}/next-part");
    Ok(server
        .http()
        .post(server.url(&path))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await?)
}

#[tokio::test]
async fn part_two_has_its_own_keys_carries_part_one_and_links_back_for_facilitators()
-> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let one = server
        .create_board("Tulevaisuustyöpaja, osa 1", &["Ryhmä 1", "Ryhmä 2"])
        .await?;
    let (mut f, welcome) = server.facilitator(&one).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let joined = server.join(&one.join_code, Some("Olli")).await?;
    let (mut p, _) = Client::join(&server.ws_url(), &one.board_id, &joined.token, None).await?;
    let (op, second) = post(&s[0], "Kotikäyntien tiedonkulku");
    p.apply(op).await?;
    let (op, top) = post(&s[1], "Yhteinen kalenteri järjestöille");
    p.apply(op).await?;
    p.apply(post(&s[0], "Ei ääniä").0).await?;
    f.apply(go_to(&ph[2])).await?;
    // "Kotikäyntien…" was written first: the votes, not the order, put the other one on top.
    let other = server.join(&one.join_code, None).await?;
    let (mut q, _) = Client::join(&server.ws_url(), &one.board_id, &other.token, None).await?;
    for c in [&mut p, &mut q] {
        c.apply(vote(&top)).await?;
    }
    p.apply(vote(&second)).await?;
    f.apply(Op::AddTask {
        id: new_id(),
        title: "Kalenterin kokeilu".into(),
        owner: "Kolomonen ry".into(),
        due: Some("2027-02-01".into()),
        from_note: Some(top.clone()),
    })
    .await?;

    // Participants and the projector may not start it; too many notes is refused.
    assert_eq!(
        start(
            &server,
            one.board_id.as_str(),
            &joined.token,
            json!({"title": "Osa 2", "top_notes": 2})
        )
        .await?
        .status(),
        403
    );
    assert_eq!(
        start(
            &server,
            one.board_id.as_str(),
            &one.projector_key,
            json!({"title": "Osa 2", "top_notes": 2})
        )
        .await?
        .status(),
        403
    );
    let res = start(
        &server,
        one.board_id.as_str(),
        &one.facilitator_key,
        json!({"title": "Osa 2", "top_notes": MAX_CARRIED_NOTES + 1}),
    )
    .await?;
    assert_eq!(res.status(), 422);
    assert_eq!(
        start(
            &server,
            one.board_id.as_str(),
            &one.facilitator_key,
            json!({"title": " ", "top_notes": 2})
        )
        .await?
        .status(),
        422
    );
    assert_eq!(
        start(
            &server,
            one.board_id.as_str(),
            &one.facilitator_key,
            json!({"top_notes": 2})
        )
        .await?
        .status(),
        400
    );

    let res = start(
        &server,
        one.board_id.as_str(),
        &one.facilitator_key,
        json!({"title": "Tulevaisuustyöpaja, osa 2", "top_notes": 2}),
    )
    .await?;
    assert_eq!(res.status(), 201);
    let two: BoardCreated = res.json().await?;
    assert_ne!(two.board_id, one.board_id);
    assert_ne!(two.join_code, one.join_code);
    assert_ne!(two.facilitator_key, one.facilitator_key);
    assert_ne!(two.projector_key, one.projector_key);
    // Part 1's keys open nothing on part 2.
    let path = format!("/api/boards/{}", two.board_id);
    for key in [&one.facilitator_key, &one.projector_key, &joined.token] {
        assert_eq!(
            server
                .http()
                .get(server.url(&path))
                .bearer_auth(key)
                .send()
                .await?
                .status(),
            401
        );
    }

    let board = server
        .snapshot(&two.board_id, &two.facilitator_key)
        .await?
        .board;
    board.check_invariants()?;
    let titles: Vec<&str> = board
        .ordered_sections()
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Osasta 1: eniten ääniä saaneet", "Ryhmä 1", "Ryhmä 2"]
    );
    let pinned = board.ordered_sections()[0].clone();
    assert!(pinned.locked);
    let carried: Vec<(String, Option<String>)> = board
        .notes_in(&pinned.id)
        .iter()
        .map(|n| (n.text.clone(), n.author_name.clone()))
        .collect();
    assert_eq!(
        carried,
        [
            (
                "Yhteinen kalenteri järjestöille".to_owned(),
                Some("Ryhmä 2".to_owned())
            ),
            (
                "Kotikäyntien tiedonkulku".to_owned(),
                Some("Ryhmä 1".to_owned())
            ),
        ]
    );
    let link = board
        .previous_part
        .clone()
        .expect("facilitators see the link back");
    assert_eq!(
        (
            link.previous.clone(),
            link.previous_title.as_str(),
            link.part
        ),
        (one.board_id.clone(), "Tulevaisuustyöpaja, osa 1", 2)
    );

    // A participant of part 2 sees the carried notes but not the link.
    let joined_two = server.join(&two.join_code, None).await?;
    let body = server
        .snapshot_body(&two.board_id, &joined_two.token)
        .await?;
    assert!(
        !body.contains(one.board_id.as_str()),
        "part 1's id reaches no participant"
    );
    let seen: Value = serde_json::from_str(&body)?;
    assert_eq!(seen["board"]["previous_part"], Value::Null);
    let (_, welcome) =
        Client::join(&server.ws_url(), &two.board_id, &two.projector_key, None).await?;
    assert!(
        !serde_json::to_string(&welcome)?.contains(one.board_id.as_str()),
        "nor the projector"
    );

    // Part 2's facilitator downloads part 1's kooste with part 2's key.
    let path = format!(
        "/api/boards/{}/previous-part/export?format=md",
        two.board_id
    );
    let res = server
        .http()
        .get(server.url(&path))
        .bearer_auth(&two.facilitator_key)
        .send()
        .await?;
    assert_eq!(res.status(), 200);
    let md = res.text().await?;
    assert!(md.starts_with("# Tulevaisuustyöpaja, osa 1\n"), "{md}");
    assert!(
        md.contains("Ei ääniä (0 ääntä)"),
        "the whole of part 1, not only what was carried"
    );
    for key in [&joined_two.token, &two.projector_key, &one.facilitator_key] {
        let status = server
            .http()
            .get(server.url(&path))
            .bearer_auth(key)
            .send()
            .await?
            .status();
        assert!(status == 403 || status == 401, "{status}");
    }
    // Part 1 has no part before it.
    let path = format!(
        "/api/boards/{}/previous-part/export?format=md",
        one.board_id
    );
    let res = server
        .http()
        .get(server.url(&path))
        .bearer_auth(&one.facilitator_key)
        .send()
        .await?;
    assert_eq!(res.status(), 404);
    Ok(())
}
