//! Getting boards and seats on them. On talkoot: `POST /api/boards`, then `POST /api/join` per
//! client from that client's own source address (so per-address limits see many addresses),
//! and the section ids from the facilitator's snapshot. On the Node hub a board is just a room
//! name and anyone may enter.

use std::net::{IpAddr, Ipv4Addr};

use anyhow::Context;
use talkoot_shared::http::{BoardCreated, CreateBoard, JoinBoard, Joined, NewSection, Snapshot};
use talkoot_shared::{Colour, Language, SectionId};

use crate::client::source_address;
use crate::target::{Kind, Target};

/// Sections on every bench board: four small groups, as in a typical workshop.
const SECTIONS: [&str; 4] = ["Ryhmä 1", "Ryhmä 2", "Ryhmä 3", "Ryhmä 4"];

/// A board the bench made.
#[derive(Debug, Clone)]
pub struct BenchBoard {
    pub id: String,
    pub join_code: String,
    pub facilitator_key: String,
    pub sections: Vec<SectionId>,
}

/// HTTP clients, one per source address (client `i` of the run uses source `i % sources`).
pub struct Http {
    local: reqwest::Client,
    by_source: Vec<reqwest::Client>,
}

impl Http {
    pub fn new(sources: usize) -> anyhow::Result<Self> {
        let client = |ip: Ipv4Addr| {
            reqwest::Client::builder()
                .local_address(IpAddr::V4(ip))
                .pool_max_idle_per_host(4)
                .build()
        };
        Ok(Http {
            local: client(Ipv4Addr::LOCALHOST)?,
            by_source: (0..sources.max(1))
                .map(|n| client(source_address(n)))
                .collect::<Result<_, _>>()?,
        })
    }

    pub fn sources(&self) -> usize {
        self.by_source.len()
    }

    /// The source address of client `client`.
    pub fn source_of(&self, client: usize) -> Ipv4Addr {
        source_address(client % self.by_source.len())
    }
}

pub async fn create_board(
    target: &Target,
    http: &Http,
    number: usize,
) -> anyhow::Result<BenchBoard> {
    if target.kind == Kind::Node {
        return Ok(BenchBoard {
            id: format!("room-{number}"),
            join_code: String::new(),
            facilitator_key: "-".into(),
            sections: vec![SectionId::parse("s")?],
        });
    }
    let body = CreateBoard {
        title: format!("Kuormitustesti {number}"),
        description: "Asiakastapaus: 15-vuotias Aino".into(),
        language: Language::Fi,
        sections: SECTIONS
            .iter()
            .map(|t| NewSection {
                title: (*t).into(),
                colour: Colour::Blue,
            })
            .collect(),
        phases: None,
    };
    let res = http
        .local
        .post(target.http_url("/api/boards"))
        .json(&body)
        .send()
        .await?;
    anyhow::ensure!(res.status() == 201, "create board: {}", res.status());
    let created: BoardCreated = res.json().await?;
    let snapshot = snapshot(
        target,
        http,
        &created.board_id.to_string(),
        &created.facilitator_key,
    )
    .await?;
    Ok(BenchBoard {
        id: created.board_id.to_string(),
        join_code: created.join_code,
        facilitator_key: created.facilitator_key,
        sections: snapshot
            .board
            .ordered_sections()
            .iter()
            .map(|s| s.id.clone())
            .collect(),
    })
}

/// `GET /api/boards/{board}`: the board as the holder of `token` may see it.
pub async fn snapshot(
    target: &Target,
    http: &Http,
    board: &str,
    token: &str,
) -> anyhow::Result<Snapshot> {
    Ok(http
        .local
        .get(target.http_url(&format!("/api/boards/{board}")))
        .bearer_auth(token)
        .send()
        .await?
        .error_for_status()
        .context("board snapshot")?
        .json()
        .await?)
}

/// A participant token for `board`, asked for from client `client`'s source address.
pub async fn join(
    target: &Target,
    http: &Http,
    board: &BenchBoard,
    client: usize,
) -> anyhow::Result<String> {
    if target.kind == Kind::Node {
        return Ok("-".into());
    }
    let source = http.source_of(client);
    let res = http.by_source[client % http.by_source.len()]
        .post(target.http_url("/api/join"))
        .json(&JoinBoard {
            code: board.join_code.clone(),
            name: None,
        })
        .send()
        .await?;
    let status = res.status();
    if status != 200 {
        anyhow::bail!(
            "join from {source}: {status} {}",
            res.text().await.unwrap_or_default()
        );
    }
    let joined: Joined = res.json().await?;
    Ok(joined.token)
}
