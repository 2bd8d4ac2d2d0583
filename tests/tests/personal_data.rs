//! A personal identity code (henkilötunnus) typed into a note or a comment never reaches a
//! board, through the real server: posting or editing either is answered
//! `rejected{personal_data}`, takes no seq, reaches no one else's socket, is in no snapshot and
//! nowhere in the server's files after a restart. The same digits with a wrong check
//! character are just a number and go through.

use talkoot_shared::reject::RejectReason;
use talkoot_shared::{Op, ServerMsg};
use talkoot_tests::ops::{applied, comment, edit, post, sections};
use talkoot_tests::{Client, TestServer, assert_never_sent};

/// Made up, with a valid check character (the example code of the Finnish Digital Agency).
const CODE: &str = "131052-308T";
/// Made up too, a 2000s code with a century sign added in 2023.
const NEW_CODE: &str = "170812C4180";
/// The same digits as `CODE` with a wrong check character: no one's code.
const NOT_A_CODE: &str = "131052-308U";

/// Every byte of every file under `dir`, for a search of what the server kept.
fn all_bytes(dir: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            bytes.extend(all_bytes(&path)?);
        } else {
            bytes.extend(std::fs::read(&path)?);
        }
    }
    Ok(bytes)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn notes_and_comments_with_an_identity_code_are_refused_and_kept_nowhere()
-> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let board = server.create_board("Asiakaspolku", &["Ryhmä 1"]).await?;
    let id = &board.board_id;
    let (mut f, welcome) = server.facilitator(&board).await?;
    let s = sections(&welcome);
    let anna = server.join(&board.join_code, Some("Anna")).await?;
    let (mut a, _) = Client::join(&server.ws_url(), id, &anna.token, None).await?;
    let olli = server.join(&board.join_code, Some("Olli")).await?;
    let (mut o, _) = Client::join(&server.ws_url(), id, &olli.token, None).await?;

    let (op, note) = post(&s[0], "Jonot ovat pitkiä");
    a.apply(op).await?;
    let (op, remark) = comment(&note, "Samaa mieltä");
    let before = a.apply(op).await?;

    let with_code = format!("Asiakas {CODE} odotti kolme tuntia");
    let with_new_code = format!("Soitti {NEW_CODE}, kiitos");
    let refused = [
        post(&s[0], &with_code).0,
        edit(&note, &with_new_code),
        comment(&note, &with_code).0,
        Op::EditComment {
            id: remark.clone(),
            text: with_new_code.clone(),
        },
    ];
    for op in refused.iter().cloned() {
        let what = format!("{op:?}");
        assert_eq!(
            a.rejection(op).await?,
            RejectReason::PersonalData,
            "Anna: {what}"
        );
    }
    // A facilitator is refused the same, also for a label on someone's behalf.
    let (on_behalf, _) = talkoot_tests::ops::post_on_behalf(&s[0], "Pöydän 3 idea", CODE);
    for op in [refused[0].clone(), refused[1].clone(), on_behalf] {
        let what = format!("{op:?}");
        assert_eq!(
            f.rejection(op).await?,
            RejectReason::PersonalData,
            "the facilitator: {what}"
        );
    }

    // A wrong check character is only a number: it is posted, and the next seq is the one
    // after the last applied op, so none of the refused ones took a seq.
    let (op, accepted) = post(&s[0], &format!("Lomakkeen numero {NOT_A_CODE}"));
    let last = a.apply(op).await?;
    assert_eq!(last, before + 1, "refused ops take no seq");

    let (frames, seqs) = o.frames_through(last).await?;
    assert_eq!(seqs.last(), Some(&last));
    assert_never_sent(&frames, &[CODE, NEW_CODE], "another participant");
    assert!(
        frames.iter().any(|f| f.contains(NOT_A_CODE)),
        "the note with a wrong check character reached the room"
    );
    // The sender's own answers are `rejected` with the reason only; the text is not echoed.
    let (frames, _) = f.frames_through(last).await?;
    assert_never_sent(&frames, &[CODE, NEW_CODE], "the facilitator");
    let last_applied: ServerMsg =
        serde_json::from_str(frames.last().ok_or_else(|| anyhow::anyhow!("no frames"))?)?;
    assert_eq!(applied(&last_applied).0, last);

    let body = server.snapshot_body(id, &board.facilitator_key).await?;
    assert!(!body.contains(CODE) && !body.contains(NEW_CODE), "{body}");
    let snapshot = server.snapshot(id, &board.facilitator_key).await?;
    assert_eq!(snapshot.board.notes[&note].text, "Jonot ovat pitkiä");
    assert_eq!(snapshot.board.comments[&remark].text, "Samaa mieltä");
    assert_eq!(snapshot.board.notes.len(), 2);
    assert!(snapshot.board.notes.contains_key(&accepted));

    // Nothing of it was written down either: no file the server keeps holds it, and the log
    // does not name it.
    server.restart().await?;
    let kept = all_bytes(server.data_dir())?;
    assert!(
        contains(&kept, NOT_A_CODE),
        "the search finds what was stored"
    );
    assert!(!contains(&kept, CODE) && !contains(&kept, NEW_CODE));
    for line in server.log() {
        assert!(!line.contains(CODE) && !line.contains(NEW_CODE), "{line}");
    }
    Ok(())
}
