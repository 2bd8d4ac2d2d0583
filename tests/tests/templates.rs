//! The built-in templates through the real server: `GET /api/templates` lists each in fi, sv
//! and en; a board created from any of them (as the create form sends it) holds exactly its
//! sections and phases and passes the board's invariants; a request that overruns a limit is
//! refused whole with the limit named.

use serde_json::json;
use talkoot_shared::http::{BoardCreated, CreateBoard};
use talkoot_shared::limits::{MAX_PHASES, MAX_SECTIONS};
use talkoot_shared::templates::{Template, TemplateKind};
use talkoot_shared::{Language, Phase};
use talkoot_tests::TestServer;

async fn templates(server: &TestServer) -> anyhow::Result<Vec<Template>> {
    let res = server
        .http()
        .get(server.url("/api/templates"))
        .send()
        .await?;
    anyhow::ensure!(res.status() == 200, "templates: {}", res.status());
    Ok(res.json().await?)
}

async fn create(
    server: &TestServer,
    body: &serde_json::Value,
) -> anyhow::Result<reqwest::Response> {
    Ok(server
        .http()
        .post(server.url("/api/boards"))
        .json(body)
        .send()
        .await?)
}

#[tokio::test]
async fn every_template_in_every_language_creates_a_valid_board() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let all = templates(&server).await?;
    assert_eq!(all.len(), 12, "four templates in three languages");
    for language in [Language::Fi, Language::Sv, Language::En] {
        let kinds: Vec<TemplateKind> = all
            .iter()
            .filter(|t| t.language == language)
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, TemplateKind::ALL, "{language:?}");
    }
    for template in all {
        let mut request: CreateBoard = template.board.clone();
        if request.title.is_empty() {
            request.title = "Työpaja".into();
        }
        let res = create(&server, &serde_json::to_value(&request)?).await?;
        assert_eq!(
            res.status(),
            201,
            "{:?} {:?}",
            template.kind,
            template.language
        );
        let created: BoardCreated = res.json().await?;
        let board = server
            .snapshot(&created.board_id, &created.facilitator_key)
            .await?
            .board;
        board.check_invariants()?;
        assert_eq!(board.meta.language, template.language);
        assert_eq!(board.meta.description, template.board.description);
        let sections: Vec<String> = board
            .ordered_sections()
            .iter()
            .map(|s| s.title.clone())
            .collect();
        let expected: Vec<String> = template
            .board
            .sections
            .iter()
            .map(|s| s.title.clone())
            .collect();
        assert_eq!(sections, expected);
        let phases: Vec<(String, bool, bool, bool, bool)> = board
            .phases
            .iter()
            .map(|p: &Phase| {
                (
                    p.title.clone(),
                    p.posting_open,
                    p.private_notes,
                    p.voting_open,
                    p.votes_shown,
                )
            })
            .collect();
        let expected: Vec<_> = template
            .board
            .phases
            .iter()
            .flatten()
            .map(|p| {
                (
                    p.title.clone(),
                    p.posting_open,
                    p.private_notes,
                    p.voting_open,
                    p.votes_shown,
                )
            })
            .collect();
        assert_eq!(
            phases, expected,
            "{:?} {:?}",
            template.kind, template.language
        );
        let mut ids: Vec<&str> = board.phases.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), board.phases.len(), "every phase has its own id");
    }
    Ok(())
}

#[tokio::test]
async fn the_create_request_is_refused_whole_when_a_list_overruns_its_limit() -> anyhow::Result<()>
{
    let server = TestServer::start().await?;
    let phase = json!({"title": "Vaihe", "instruction": "", "posting_open": true,
        "private_notes": false, "voting_open": false, "votes_shown": false});
    let section = json!({"title": "Ryhmä", "colour": "blue"});
    for (body, field) in [
        (
            json!({"title": "T", "language": "fi", "phases": vec![phase.clone(); MAX_PHASES + 1]}),
            "phases",
        ),
        (
            json!({"title": "T", "language": "fi", "sections": vec![section.clone(); MAX_SECTIONS + 1]}),
            "sections",
        ),
    ] {
        let res = create(&server, &body).await?;
        assert_eq!(res.status(), 422, "{field}");
        let error: serde_json::Value = res.json().await?;
        assert_eq!(error["error"], "invalid_field");
        assert!(
            error["message"].as_str().unwrap_or("").contains(field),
            "{field}: {error}"
        );
    }
    // A phase with an empty title is refused by the rules, a malformed one by the decoder.
    let mut blank = phase.clone();
    blank["title"] = json!("  ");
    let res = create(
        &server,
        &json!({"title": "T", "language": "fi", "phases": [phase, blank]}),
    )
    .await?;
    assert_eq!(res.status(), 422);
    let res = create(
        &server,
        &json!({"title": "T", "language": "fi", "phases": [{"title": "x"}]}),
    )
    .await?;
    assert_eq!(res.status(), 400);
    // No phases given, or `null`: the default four.
    for body in [
        json!({"title": "T", "language": "sv"}),
        json!({"title": "T", "language": "sv", "phases": null}),
    ] {
        let res = create(&server, &body).await?;
        assert_eq!(res.status(), 201);
        let created: BoardCreated = res.json().await?;
        let board = server
            .snapshot(&created.board_id, &created.facilitator_key)
            .await?
            .board;
        let titles: Vec<&str> = board.phases.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Skriv", "Diskutera", "Rösta", "Kom överens"]);
    }
    // An empty list is a board with no phases at all, as `set_phases` allows.
    let res = create(
        &server,
        &json!({"title": "T", "language": "en", "phases": []}),
    )
    .await?;
    assert_eq!(res.status(), 201);
    let created: BoardCreated = res.json().await?;
    assert!(
        server
            .snapshot(&created.board_id, &created.facilitator_key)
            .await?
            .board
            .phases
            .is_empty()
    );
    Ok(())
}
