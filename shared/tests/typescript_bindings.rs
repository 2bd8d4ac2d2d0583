//! The web app's protocol types are generated from these Rust types. This test fails when
//! `web/src/protocol/generated.ts` is out of date; run it with `UPDATE_TS_BINDINGS=1` to rewrite it.

use talkoot_shared::actor::Role;
use talkoot_shared::http::*;
use talkoot_shared::reject::{Countable, Field};
use talkoot_shared::templates::{Template, TemplateKind};
use talkoot_shared::*;
use ts_rs::{Config, TS};

const GENERATED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../web/src/protocol/generated.ts"
);

fn render() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        Language::decl(&cfg),
        Colour::decl(&cfg),
        BoardMeta::decl(&cfg),
        ProjectorSettings::decl(&cfg),
        Phase::decl(&cfg),
        Section::decl(&cfg),
        Status::decl(&cfg),
        Note::decl(&cfg),
        Comment::decl(&cfg),
        Theme::decl(&cfg),
        TaskStatus::decl(&cfg),
        Task::decl(&cfg),
        Timer::decl(&cfg),
        SeriesLink::decl(&cfg),
        VotingRules::decl(&cfg),
        VoteTarget::decl(&cfg),
        VoteCounts::decl(&cfg),
        Board::decl(&cfg),
        Role::decl(&cfg),
        Op::decl(&cfg),
        Change::decl(&cfg),
        Field::decl(&cfg),
        Countable::decl(&cfg),
        RejectReason::decl(&cfg),
        ClientMsg::decl(&cfg),
        Me::decl(&cfg),
        Retention::decl(&cfg),
        ServerMsg::decl(&cfg),
        ErrorCode::decl(&cfg),
        CreateBoard::decl(&cfg),
        NewSection::decl(&cfg),
        NewPhase::decl(&cfg),
        TemplateKind::decl(&cfg),
        Template::decl(&cfg),
        BoardCreated::decl(&cfg),
        StartNextPart::decl(&cfg),
        JoinBoard::decl(&cfg),
        Joined::decl(&cfg),
        Snapshot::decl(&cfg),
        InstanceInfo::decl(&cfg),
        NewFacilitatorKey::decl(&cfg),
        FacilitatorKeyMinted::decl(&cfg),
        FacilitatorKeyInfo::decl(&cfg),
        ProjectorKey::decl(&cfg),
        FeedbackAnswer::decl(&cfg),
        StoredFeedback::decl(&cfg),
        FeedbackSummary::decl(&cfg),
        ApiError::decl(&cfg),
        ApiErrorCode::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in shared/ by shared/tests/typescript_bindings.rs.\n\
         // Do not edit: run `UPDATE_TS_BINDINGS=1 cargo test -p talkoot-shared` instead.\n\n",
    );
    for id in [
        "BoardId",
        "SectionId",
        "NoteId",
        "PhaseId",
        "OpId",
        "CommentId",
        "ThemeId",
        "TaskId",
        "ParticipantId",
    ] {
        out.push_str(&format!("export type {id} = string;\n"));
    }
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out.push_str("\n// WebSocket close codes (shared/src/close_code.rs).\n");
    for (name, code) in close_code::ALL {
        out.push_str(&format!("export const {name} = {code};\n"));
    }
    out
}

#[test]
fn generated_typescript_is_up_to_date() {
    let fresh = render();
    if std::env::var_os("UPDATE_TS_BINDINGS").is_some() {
        std::fs::create_dir_all(
            std::path::Path::new(GENERATED)
                .parent()
                .expect("has a parent"),
        )
        .expect("create web/src/protocol");
        std::fs::write(GENERATED, &fresh).expect("write generated.ts");
        return;
    }
    let committed = std::fs::read_to_string(GENERATED).unwrap_or_default();
    assert!(
        committed == fresh,
        "web/src/protocol/generated.ts is out of date: run `UPDATE_TS_BINDINGS=1 cargo test -p talkoot-shared`"
    );
}
