//! The kooste as CSV (RFC 4180, written by the `csv` crate): one row per note, comment, theme,
//! task and feedback text, for a spreadsheet. A feedback row names no rating: the texts are not
//! tied to ratings, so nobody's answer can be put back together. A cell that a spreadsheet would
//! read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed
//! with `'`, as OWASP's CSV injection guidance says, so a note can never run as a formula on a
//! facilitator's machine.

use super::kooste::Kooste;
use super::labels::Labels;

pub fn render(k: &Kooste) -> Result<String, csv::Error> {
    let l = Labels::of(k.language);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = vec![
        l.kind, l.group, l.text, l.votes, l.state, l.theme, l.owner, l.due,
    ];
    if k.names_included {
        header.push(l.author);
    }
    w.write_record(header)?;
    let mut row =
        |cells: Vec<String>| w.write_record(cells.iter().map(|c| neutralise(c).into_owned()));
    for group in &k.groups {
        for note in &group.notes {
            let mut cells = vec![
                l.note.to_owned(),
                group.title.clone(),
                note.text.clone(),
                note.votes.to_string(),
                l.shown(note.shown).to_owned(),
                note.theme.clone().unwrap_or_default(),
                String::new(),
                String::new(),
            ];
            if k.names_included {
                cells.push(
                    note.author
                        .clone()
                        .unwrap_or_else(|| l.anonymous.to_owned()),
                );
            }
            row(cells)?;
            for comment in &note.comments {
                let mut cells = vec![
                    l.comment.to_owned(),
                    group.title.clone(),
                    comment.text.clone(),
                    String::new(),
                    l.shown(comment.shown).to_owned(),
                    note.theme.clone().unwrap_or_default(),
                    String::new(),
                    String::new(),
                ];
                if k.names_included {
                    cells.push(
                        comment
                            .author
                            .clone()
                            .unwrap_or_else(|| l.anonymous.to_owned()),
                    );
                }
                row(cells)?;
            }
        }
    }
    for theme in &k.themes {
        let mut cells = vec![
            l.theme.to_owned(),
            String::new(),
            theme.title.clone(),
            theme.votes.to_string(),
            l.visible.to_owned(),
            theme.title.clone(),
            String::new(),
            String::new(),
        ];
        if k.names_included {
            cells.push(String::new());
        }
        row(cells)?;
    }
    for task in &k.tasks {
        let mut cells = vec![
            l.task.to_owned(),
            String::new(),
            task.title.clone(),
            String::new(),
            l.status(task.status).to_owned(),
            String::new(),
            task.owner.clone(),
            task.due.clone().unwrap_or_default(),
        ];
        if k.names_included {
            cells.push(String::new());
        }
        row(cells)?;
    }
    for text in k.feedback.iter().flat_map(|f| &f.texts) {
        let mut cells = vec![
            l.feedback.to_owned(),
            String::new(),
            text.clone(),
            String::new(),
            l.visible.to_owned(),
            String::new(),
            String::new(),
            String::new(),
        ];
        if k.names_included {
            cells.push(String::new());
        }
        row(cells)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // The byte order mark is how Excel knows the file is UTF-8 (ä, ö, å); other readers skip it.
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// A cell as typed, or with `'` in front when a spreadsheet would take it for a formula.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_starts_are_prefixed_and_nothing_else_changes() {
        for cell in ["=1+1", "+358 40 123", "-5", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Kotihoito", "", " =1", "1-2", "'jo lainattu", "Äänet: 5"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }
}
