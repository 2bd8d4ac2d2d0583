//! The kooste export through the real server, from a board built by real ops: every format
//! (Markdown, CSV, JSON, HTML) carries the case, the phases, each group's notes ranked by votes
//! with their comments, the hidden and pending ones marked, and the themes; names only when
//! asked for; Finnish text intact; nothing from the board can add Markdown structure, HTML or a
//! spreadsheet formula; and only a facilitator's key gets it.

use serde_json::Value;
use talkoot_shared::{Op, Status, TaskId, TaskStatus, ThemeId};
use talkoot_tests::ops::{comment, go_to, moderate_note, phases, post, sections, vote};
use talkoot_tests::{Client, TestServer, new_id};

const TOP: &str = "Yhteinen asiakassuunnitelma sosiaali- ja terveyspalveluille";
const SECOND: &str = "Kotihoidon ja sairaalan tiedonkulku";
const FORMULA: &str = "=HYPERLINK(\"http://example.invalid\",\"klikkaa\")";
const AT_FORMULA: &str = "@SUM(1+1)";
const STRUCTURE: &str =
    "# Ei otsikko\n- ei lista *ei lihavoitu* [linkki](x) <b>lihava</b> | ei taulu";
const HIDDEN: &str = "Piilotettava lappu";
const PENDING: &str = "Hyväksyntää odottava lappu";
const COMMENT: &str = "Kommentti: äöå ÄÖÅ toimii";
const WRITER: &str = "Aino Äijälä";
const TASK_OWNER_FORMULA: &str = "-2+3 ry";

struct Workshop {
    server: TestServer,
    board: talkoot_shared::http::BoardCreated,
    participant_token: String,
}

/// A finished workshop: notes in two groups, three votes on the top one and one on the second,
/// a comment, a hidden and a pending note, and a theme.
async fn workshop() -> anyhow::Result<Workshop> {
    let server = TestServer::start().await?;
    let board = server
        .create_board(
            "Palveluverkko – kooste & <testi>",
            &["Sosiaalityö", "Terveydenhuolto"],
        )
        .await?;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let ph = phases(&welcome);
    let aino = server.join(&board.join_code, Some(WRITER)).await?;
    let (mut a, _) = Client::join(&server.ws_url(), &board.board_id, &aino.token, None).await?;
    let mut voters = Vec::new();
    for name in ["Ville", "Sanna"] {
        let joined = server.join(&board.join_code, Some(name)).await?;
        voters.push(
            Client::join(&server.ws_url(), &board.board_id, &joined.token, None)
                .await?
                .0,
        );
    }

    let (op, second) = post(&s[1], SECOND);
    a.apply(op).await?;
    let (op, top) = post(&s[0], TOP);
    a.apply(op).await?;
    for text in [FORMULA, AT_FORMULA, STRUCTURE] {
        a.apply(post(&s[0], text).0).await?;
    }
    let (op, hidden) = post(&s[1], HIDDEN);
    a.apply(op).await?;
    f.apply(moderate_note(&hidden, Status::Hidden)).await?;
    let (op, _) = comment(&top, COMMENT);
    voters[0].apply(op).await?;
    f.apply(Op::SetApproveFirst { on: true }).await?;
    a.apply(post(&s[1], PENDING).0).await?;
    f.apply(Op::SetApproveFirst { on: false }).await?;

    let theme: ThemeId = new_id();
    f.apply(Op::AddTheme {
        id: theme.clone(),
        title: "Tiedonkulku".into(),
    })
    .await?;
    for note in [&top, &second] {
        f.apply(Op::SetNoteTheme {
            note: note.clone(),
            theme: Some(theme.clone()),
        })
        .await?;
    }
    f.apply(go_to(&ph[2])).await?;
    for voter in voters.iter_mut() {
        voter.apply(vote(&top)).await?;
    }
    a.apply(vote(&top)).await?;
    a.apply(vote(&second)).await?;
    f.apply(go_to(&ph[3])).await?;
    let from_top: TaskId = new_id();
    f.apply(Op::AddTask {
        id: from_top.clone(),
        title: "Kokeillaan yhteistä suunnitelmaa".into(),
        owner: "Sosterin kotihoito".into(),
        due: Some("2027-03-31".into()),
        from_note: Some(top.clone()),
    })
    .await?;
    f.apply(Op::SetTaskStatus {
        id: from_top,
        status: TaskStatus::InProgress,
    })
    .await?;
    f.apply(Op::AddTask {
        id: new_id(),
        title: "Selvitetään | tiedonkulku".into(),
        owner: TASK_OWNER_FORMULA.into(),
        due: None,
        from_note: None,
    })
    .await?;
    Ok(Workshop {
        server,
        board,
        participant_token: aino.token,
    })
}

async fn export(w: &Workshop, query: &str, key: &str) -> anyhow::Result<reqwest::Response> {
    let path = format!("/api/boards/{}/export?{query}", w.board.board_id);
    Ok(w.server
        .http()
        .get(w.server.url(&path))
        .bearer_auth(key)
        .send()
        .await?)
}

async fn text(w: &Workshop, query: &str) -> anyhow::Result<(String, reqwest::header::HeaderMap)> {
    let res = export(w, query, &w.board.facilitator_key).await?;
    anyhow::ensure!(res.status() == 200, "{query}: {}", res.status());
    let headers = res.headers().clone();
    Ok((res.text().await?, headers))
}

#[tokio::test]
async fn the_markdown_kooste_has_the_innokyla_layout_and_escapes_the_boards_text()
-> anyhow::Result<()> {
    let w = workshop().await?;
    let (md, headers) = text(&w, "format=md").await?;
    assert_eq!(headers["content-type"], "text/markdown; charset=utf-8");
    assert_eq!(headers["cache-control"], "no-store");
    let disposition = headers["content-disposition"].to_str()?;
    assert!(
        disposition.starts_with("attachment; filename=\"kooste-palveluverkko-kooste-testi-")
            && disposition.ends_with(".md\""),
        "{disposition}"
    );

    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "# Palveluverkko – kooste & \\<testi\\>");
    let headings: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with('#'))
        .collect();
    assert_eq!(
        headings,
        [
            "# Palveluverkko – kooste & \\<testi\\>",
            "## Tausta",
            "## Mitä tehtiin",
            "## Tulokset",
            "### Ryhmät ja muistilaput äänten mukaan",
            "#### Sosiaalityö",
            "#### Terveydenhuolto",
            "### Teemat",
            "## Jatko",
        ],
        "the board's text adds no headings"
    );
    assert!(md.contains("## Tausta\n\nAsiakastapaus: 15-vuotias Aino\n\n## Mitä tehtiin"));
    assert!(
        md.contains("1. **Kirjoita**: Kirjoita omat ajatuksesi"),
        "{md}"
    );
    assert!(md.contains("4. **Sovi jatkosta**"));
    // Ranked by votes: the top note first in its group, with its comment under it.
    let social = md.split("#### Sosiaalityö").nth(1).unwrap_or_default();
    assert!(
        social
            .trim_start()
            .starts_with(&format!("1. {TOP} (3 ääntä, Teema: Tiedonkulku)")),
        "{social}"
    );
    assert!(social.contains(&format!("\n   - Kommentti: {COMMENT}\n")));
    let health = md.split("#### Terveydenhuolto").nth(1).unwrap_or_default();
    assert!(
        health
            .trim_start()
            .starts_with(&format!("1. {SECOND} (1 ääni")),
        "{health}"
    );
    assert!(
        health.contains(&format!("{HIDDEN} (0 ääntä, _piilotettu_)")),
        "{health}"
    );
    assert!(
        health.contains(&format!("{PENDING} (0 ääntä, _odottaa hyväksyntää_)")),
        "{health}"
    );
    // Structure in a note is escaped and its line break folded: still one list item.
    assert!(
        md.contains("\\# Ei otsikko - ei lista \\*ei lihavoitu\\* \\[linkki\\](x) \\<b\\>lihava\\</b\\> \\| ei taulu"),
        "{md}"
    );
    assert!(lines.iter().all(|l| !l.starts_with("- ei lista")));
    assert!(md.contains("- **Tiedonkulku** (0 ääntä): "));
    // Next steps: the tasks as a table, a `|` in a title escaped so the table holds.
    assert!(
        md.contains(
            "## Jatko\n\n| Tehtävä | Vastuu | Määräaika | Tila |\n| --- | --- | --- | --- |\n"
        ),
        "{md}"
    );
    assert!(md.contains(&format!("| Kokeillaan yhteistä suunnitelmaa (Muistilapusta: {TOP}) | Sosterin kotihoito | 31.3.2027 | työn alla |")), "{md}");
    assert!(
        md.contains("| Selvitetään \\| tiedonkulku | \\-2+3 ry |  | avoin |"),
        "{md}"
    );
    // Names are left out unless asked for.
    assert!(
        !md.contains("Aino Äijälä") && !md.contains("Ville"),
        "no names by default"
    );
    let (named, _) = text(&w, "format=md&names=true").await?;
    assert!(
        named.contains(&format!("(3 ääntä, Teema: Tiedonkulku, {WRITER})")),
        "{named}"
    );
    assert!(named.contains("(Ville)"), "a comment's writer: {named}");
    Ok(())
}

#[tokio::test]
async fn the_csv_kooste_is_rfc_4180_and_no_cell_is_a_formula() -> anyhow::Result<()> {
    let w = workshop().await?;
    let (body, headers) = text(&w, "format=csv").await?;
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let body = body
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte order mark for Excel");
    assert!(body.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
        .collect::<Result<_, _>>()?;
    assert_eq!(
        rows[0],
        [
            "Tyyppi",
            "Ryhmä",
            "Teksti",
            "Äänet",
            "Tila",
            "Teema",
            "Vastuu",
            "Määräaika"
        ]
    );
    assert!(
        rows.iter().all(|r| r.len() == 8),
        "every row has every column"
    );
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula-like cell: {cell:?}"
            );
        }
    }
    let texts: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert!(texts.contains(&format!("'{FORMULA}").as_str()), "{texts:?}");
    assert!(texts.contains(&format!("'{AT_FORMULA}").as_str()));
    assert!(
        texts.contains(&STRUCTURE),
        "a note's line break is kept inside its quoted cell"
    );
    let top = rows.iter().find(|r| r[2] == TOP).expect("the top note");
    assert_eq!(
        top[..],
        [
            "Muistilappu",
            "Sosiaalityö",
            TOP,
            "3",
            "näkyvissä",
            "Tiedonkulku",
            "",
            ""
        ]
    );
    let task = rows
        .iter()
        .find(|r| r[0] == "Tehtävä" && r[6] == "Sosterin kotihoito")
        .expect("the task");
    assert_eq!(
        task[..],
        [
            "Tehtävä",
            "",
            "Kokeillaan yhteistä suunnitelmaa",
            "",
            "työn alla",
            "",
            "Sosterin kotihoito",
            "2027-03-31"
        ]
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "Tehtävä" && r[6] == format!("'{TASK_OWNER_FORMULA}")),
        "an owner is neutralised too"
    );
    assert!(rows.iter().any(|r| r[0] == "Kommentti" && r[2] == COMMENT));
    assert!(rows.iter().any(|r| r[2] == HIDDEN && r[4] == "piilotettu"));
    assert!(
        rows.iter()
            .any(|r| r[0] == "Teema" && r[2] == "Tiedonkulku")
    );
    assert!(!body.contains("Aino Äijälä"));

    let (named, _) = text(&w, "format=csv&names=true").await?;
    let named = named.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(named.as_bytes());
    assert_eq!(reader.headers()?.iter().next_back(), Some("Kirjoittaja"));
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let top = rows.iter().find(|r| &r[2] == TOP).expect("the top note");
    assert_eq!(&top[8], WRITER);
    Ok(())
}

#[tokio::test]
async fn the_json_kooste_carries_a_schema_version_and_the_ranked_board() -> anyhow::Result<()> {
    let w = workshop().await?;
    let (body, headers) = text(&w, "format=json").await?;
    assert_eq!(headers["content-type"], "application/json");
    let k: Value = serde_json::from_str(&body)?;
    assert_eq!(k["schema_version"], 1);
    assert_eq!(k["language"], "fi");
    assert_eq!(k["title"], "Palveluverkko – kooste & <testi>");
    assert_eq!(k["names_included"], false);
    assert_eq!(k["phases"].as_array().map(Vec::len), Some(4));
    let social = &k["groups"][0];
    assert_eq!(social["title"], "Sosiaalityö");
    assert_eq!(social["notes"][0]["text"], TOP);
    assert_eq!(social["notes"][0]["votes"], 3);
    assert_eq!(social["notes"][0]["theme"], "Tiedonkulku");
    assert_eq!(social["notes"][0]["comments"][0]["text"], COMMENT);
    assert_eq!(social["notes"][0]["author"], Value::Null);
    let health = k["groups"][1]["notes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let shown: Vec<(&str, &str)> = health
        .iter()
        .map(|n| {
            (
                n["text"].as_str().unwrap_or(""),
                n["shown"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        shown.contains(&(HIDDEN, "hidden")) && shown.contains(&(PENDING, "pending")),
        "{shown:?}"
    );
    assert_eq!(
        k["themes"][0]["notes"][0], TOP,
        "a theme's notes, most votes first"
    );
    let written = k["written"].as_array().cloned().unwrap_or_default();
    assert_eq!(written.len(), 2, "first and last day notes were written");
    assert_eq!(
        written[0].as_str().map(str::len),
        Some(10),
        "ISO dates: {written:?}"
    );

    let (named, _) = text(&w, "format=json&names=true").await?;
    let named: Value = serde_json::from_str(&named)?;
    assert_eq!(named["groups"][0]["notes"][0]["author"], WRITER);
    assert_eq!(
        named["groups"][0]["notes"][0]["comments"][0]["author"],
        "Ville"
    );
    Ok(())
}

#[tokio::test]
async fn the_html_kooste_is_one_self_contained_escaped_page() -> anyhow::Result<()> {
    let w = workshop().await?;
    let (html, headers) = text(&w, "format=html").await?;
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fi\">"));
    assert!(html.contains("<title>Palveluverkko – kooste &amp; &lt;testi&gt; – Kooste</title>"));
    assert!(html.contains("<h1>Palveluverkko – kooste &amp; &lt;testi&gt;</h1>"));
    for heading in [
        "<h2 id=\"background\">Tausta</h2>",
        "<h2 id=\"done\">Mitä tehtiin</h2>",
        "<h2 id=\"results\">Tulokset</h2>",
        "<h4>Sosiaalityö</h4>",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(html.contains("<th scope=\"col\">Muistilappu</th>"));
    assert!(html.contains("@media print"));
    assert!(html.contains("&lt;b&gt;lihava&lt;/b&gt;") && !html.contains("<b>lihava"));
    for outside in ["<script", "src=", "href=", "<link"] {
        assert!(!html.contains(outside), "self-contained: {outside}");
    }
    assert!(html.contains("<span class=\"mark\">piilotettu</span>"));
    assert!(html.contains("<h2 id=\"next\">Jatko</h2>"));
    assert!(
        html.contains("<td>Sosterin kotihoito</td><td>31.3.2027</td><td>työn alla</td>"),
        "{html}"
    );
    let top = html.find(TOP).expect("the top note");
    let formula = html.find("=HYPERLINK").expect("the formula note, as text");
    assert!(top < formula, "ranked by votes");
    assert!(!html.contains(WRITER));
    let (named, _) = text(&w, "format=html&names=true").await?;
    assert!(named.contains(&format!("<td>{WRITER}</td>")));
    Ok(())
}

#[tokio::test]
async fn only_a_facilitator_gets_the_kooste_and_bad_requests_are_told_why() -> anyhow::Result<()> {
    let w = workshop().await?;
    let res = export(&w, "format=md", &w.participant_token).await?;
    assert_eq!(res.status(), 403);
    assert_eq!(res.json::<Value>().await?["error"], "forbidden");
    let res = export(&w, "format=md", &w.board.projector_key).await?;
    assert_eq!(res.status(), 403);
    let res = export(&w, "format=md", "f_not-a-key").await?;
    assert_eq!(res.status(), 401);
    let path = format!("/api/boards/{}/export?format=md", w.board.board_id);
    let res = w.server.http().get(w.server.url(&path)).send().await?;
    assert_eq!(res.status(), 401, "no key at all");
    // The key is never taken from the URL.
    let path = format!(
        "/api/boards/{}/export?format=md&key={}",
        w.board.board_id, w.board.facilitator_key
    );
    assert_eq!(
        w.server
            .http()
            .get(w.server.url(&path))
            .send()
            .await?
            .status(),
        401
    );
    for query in ["format=pdf", "", "format=md&names=maybe"] {
        let res = export(&w, query, &w.board.facilitator_key).await?;
        assert_eq!(res.status(), 400, "{query}");
        let body: Value = res.json().await?;
        assert_eq!(body["error"], "invalid_request");
        assert!(
            body["message"]
                .as_str()
                .unwrap_or("")
                .contains("md, csv, json, html")
        );
    }
    let res = w
        .server
        .http()
        .get(w.server.url("/api/boards/no-such-board/export?format=md"))
        .bearer_auth(&w.board.facilitator_key)
        .send()
        .await?;
    assert_eq!(res.status(), 404);
    Ok(())
}
