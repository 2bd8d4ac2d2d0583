//! The kooste as Markdown, laid out to paste into an Innokylä description: background (the
//! case), what was done (the phases), results (the ranked needs and themes), next steps (the
//! tasks). Every
//! text from the board is escaped so that it reads as typed and cannot add headings, lists,
//! links or HTML of its own.

use std::fmt::Write;

use super::calendar::span;
use super::kooste::{Kooste, Shown};
use super::labels::Labels;

pub fn render(k: &Kooste) -> String {
    let l = Labels::of(k.language);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&k.title));
    let mut dates = Vec::new();
    if let Some(days) = k.written {
        dates.push(format!("{}: {}", l.written, span(days, k.language)));
    }
    dates.push(format!(
        "{}: {}",
        l.exported,
        k.exported.written(k.language)
    ));
    let _ = writeln!(out, "{}\n", dates.join("  \n"));

    let _ = writeln!(out, "## {}\n", l.background);
    if k.case_material.trim().is_empty() {
        let _ = writeln!(out, "{}\n", l.no_case);
    } else {
        let _ = writeln!(out, "{}\n", block(&k.case_material));
    }

    let _ = writeln!(out, "## {}\n", l.what_was_done);
    if k.phases.is_empty() {
        let _ = writeln!(out, "{}\n", l.no_phases);
    }
    for (i, phase) in k.phases.iter().enumerate() {
        let _ = write!(out, "{}. **{}**", i + 1, inline(&phase.title));
        if !phase.instruction.trim().is_empty() {
            let _ = write!(out, ": {}", inline(&phase.instruction));
        }
        out.push('\n');
    }
    if !k.phases.is_empty() {
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", l.results);
    let _ = writeln!(out, "### {}\n", l.groups);
    for group in &k.groups {
        let _ = writeln!(out, "#### {}\n", inline(&group.title));
        if group.notes.is_empty() {
            let _ = writeln!(out, "{}\n", l.no_notes);
            continue;
        }
        for (i, note) in group.notes.iter().enumerate() {
            let mut about = vec![l.vote_count(note.votes)];
            if let Some(theme) = &note.theme {
                about.push(format!("{}: {}", l.theme, inline(theme)));
            }
            if k.names_included {
                about.push(inline(note.author.as_deref().unwrap_or(l.anonymous)));
            }
            if note.shown != Shown::Visible {
                about.push(format!("_{}_", l.shown(note.shown)));
            }
            let _ = writeln!(
                out,
                "{}. {} ({})",
                i + 1,
                inline(&note.text),
                about.join(", ")
            );
            for comment in &note.comments {
                let mut line = format!("   - {}: {}", l.comment, inline(&comment.text));
                let mut about = Vec::new();
                if k.names_included {
                    about.push(inline(comment.author.as_deref().unwrap_or(l.anonymous)));
                }
                if comment.shown != Shown::Visible && comment.shown != note.shown {
                    about.push(format!("_{}_", l.shown(comment.shown)));
                }
                if !about.is_empty() {
                    let _ = write!(line, " ({})", about.join(", "));
                }
                let _ = writeln!(out, "{line}");
            }
        }
        out.push('\n');
    }

    if !k.themes.is_empty() {
        let _ = writeln!(out, "### {}\n", l.themes);
        for theme in &k.themes {
            let _ = write!(
                out,
                "- **{}** ({})",
                inline(&theme.title),
                l.vote_count(theme.votes)
            );
            if !theme.notes.is_empty() {
                let notes: Vec<String> = theme.notes.iter().map(|n| inline(n)).collect();
                let _ = write!(out, ": {}", notes.join("; "));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if let Some(f) = &k.feedback {
        let _ = writeln!(out, "### {}\n", l.feedback);
        let _ = write!(out, "{}: {}", l.answers, f.count);
        if let Some(average) = f.average {
            let _ = write!(
                out,
                ". {}: {} / 5",
                l.average,
                l.average_of(k.language, average)
            );
        }
        let _ = writeln!(out, ".\n\n| {} | {} |\n| --- | ---: |", l.rating, l.answers);
        for (i, n) in f.distribution.iter().enumerate() {
            let _ = writeln!(out, "| {} | {n} |", i + 1);
        }
        out.push('\n');
        for text in &f.texts {
            let _ = writeln!(out, "- {}", inline(text));
        }
        if !f.texts.is_empty() {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "## {}\n", l.next_steps);
    if k.tasks.is_empty() {
        let _ = writeln!(out, "{}\n", l.no_tasks);
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            l.task, l.owner, l.due, l.state
        );
        out.push_str("| --- | --- | --- | --- |\n");
        for task in &k.tasks {
            let mut title = inline(&task.title);
            if let Some(note) = &task.from_note {
                let _ = write!(title, " ({}: {})", l.from_note, inline(note));
            }
            let _ = writeln!(
                out,
                "| {title} | {} | {} | {} |",
                inline(&task.owner),
                l.due_date(&task.due, k.language),
                l.status(task.status)
            );
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Characters that mean something to Markdown anywhere in a line.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!'];

/// One line of the board's text inside Markdown: its own line breaks become spaces (a note in
/// a list item must stay one item) and everything structural is escaped.
pub fn inline(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_line(&joined)
}

/// Text of several paragraphs (the case material): line breaks kept as hard breaks, every
/// line escaped.
fn block(text: &str) -> String {
    text.trim()
        .lines()
        .map(|line| escape_line(line.trim()))
        .collect::<Vec<_>>()
        .join("  \n")
        .replace("  \n  \n", "\n\n")
}

/// Escapes one line: the special characters anywhere, and what would start a list, a heading,
/// a quote, a table rule or a setext underline at its start.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    let lead = out.len() - out.trim_start().len();
    let rest = &out[lead..];
    let starts_block = rest.starts_with(['-', '+', '=']) || ordered_marker(rest);
    if starts_block {
        out.insert(lead + ordered_len(rest), '\\');
    }
    out
}

/// "12." or "3)" at the start: an ordered list marker.
fn ordered_marker(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && s[digits..].starts_with(['.', ')'])
}

/// Where the escaping backslash goes: before the list punctuation, after any digits.
fn ordered_len(s: &str) -> usize {
    s.chars().take_while(char::is_ascii_digit).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_cannot_start_a_block_or_add_markup() {
        assert_eq!(
            inline("Tavallinen lause, jossa on pilkku."),
            "Tavallinen lause, jossa on pilkku."
        );
        assert_eq!(inline("12. ei numeroitu"), "12\\. ei numeroitu");
        assert_eq!(inline("3) ei numeroitu"), "3\\) ei numeroitu");
        assert_eq!(inline("- ei lista"), "\\- ei lista");
        assert_eq!(inline("+ ei lista"), "\\+ ei lista");
        assert_eq!(inline("> ei lainaus"), "\\> ei lainaus");
        assert_eq!(inline("```koodi```"), "\\`\\`\\`koodi\\`\\`\\`");
        assert_eq!(inline("![kuva](x.png)"), "\\!\\[kuva\\](x.png)");
        assert_eq!(inline("a_b_c *d*"), "a\\_b\\_c \\*d\\*");
        assert_eq!(
            inline("rivi 1\n# rivi 2\n\n- rivi 3"),
            "rivi 1 \\# rivi 2 - rivi 3"
        );
        assert_eq!(inline("2026 oli hyvä vuosi"), "2026 oli hyvä vuosi");
    }

    #[test]
    fn a_block_keeps_its_paragraphs_and_escapes_each_line() {
        let case = "Asiakastapaus\n\n# Aino, 79\n    koodilohko?\n===\n\n\n1. kohta";
        assert_eq!(
            block(case),
            "Asiakastapaus\n\n\\# Aino, 79  \nkoodilohko?  \n\\===\n\n  \n1\\. kohta"
        );
    }
}
