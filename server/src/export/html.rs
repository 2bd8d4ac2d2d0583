//! The kooste as one self-contained, printable HTML page (print to PDF from the browser): no
//! scripts, no outside files, the board's `lang`, real headings, tables with header cells, and
//! print CSS. Every text from the board is escaped.

use std::fmt::Write;

use super::calendar::span;
use super::kooste::{Kooste, Shown};
use super::labels::Labels;

pub fn render(k: &Kooste) -> String {
    let l = Labels::of(k.language);
    let lang = k.language.code();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} – {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&k.title),
        l.summary
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&k.title));
    out.push_str("<p class=\"dates\">");
    if let Some(days) = k.written {
        let _ = write!(out, "{}: {}<br>", l.written, span(days, k.language));
    }
    let _ = writeln!(
        out,
        "{}: {}</p>",
        l.exported,
        k.exported.written(k.language)
    );

    let _ = writeln!(
        out,
        "<section aria-labelledby=\"background\">\n<h2 id=\"background\">{}</h2>",
        l.background
    );
    if k.case_material.trim().is_empty() {
        let _ = writeln!(out, "<p>{}</p>", l.no_case);
    }
    for paragraph in k
        .case_material
        .trim()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
    {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            esc(paragraph.trim()).replace('\n', "<br>")
        );
    }
    out.push_str("</section>\n");

    let _ = writeln!(
        out,
        "<section aria-labelledby=\"done\">\n<h2 id=\"done\">{}</h2>",
        l.what_was_done
    );
    if k.phases.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", l.no_phases);
    } else {
        out.push_str("<ol>\n");
        for phase in &k.phases {
            let _ = write!(out, "<li><strong>{}</strong>", esc(&phase.title));
            if !phase.instruction.trim().is_empty() {
                let _ = write!(out, ": {}", esc(&phase.instruction));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");

    let _ = writeln!(
        out,
        "<section aria-labelledby=\"results\">\n<h2 id=\"results\">{}</h2>",
        l.results
    );
    let _ = writeln!(out, "<h3>{}</h3>", l.groups);
    for group in &k.groups {
        let _ = writeln!(out, "<h4>{}</h4>", esc(&group.title));
        if group.notes.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", l.no_notes);
            continue;
        }
        out.push_str("<table>\n<thead><tr>");
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th>",
            l.note, l.votes
        );
        if k.names_included {
            let _ = write!(out, "<th scope=\"col\">{}</th>", l.author);
        }
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            l.comments
        );
        for note in &group.notes {
            out.push_str("<tr><td>");
            let _ = write!(out, "{}", multiline(&note.text));
            if let Some(theme) = &note.theme {
                let _ = write!(
                    out,
                    "<br><span class=\"meta\">{}: {}</span>",
                    l.theme,
                    esc(theme)
                );
            }
            if note.shown != Shown::Visible {
                let _ = write!(
                    out,
                    "<br><span class=\"mark\">{}</span>",
                    l.shown(note.shown)
                );
            }
            let _ = write!(out, "</td><td class=\"num\">{}</td>", note.votes);
            if k.names_included {
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    esc(note.author.as_deref().unwrap_or(l.anonymous))
                );
            }
            out.push_str("<td>");
            if !note.comments.is_empty() {
                out.push_str("<ul>");
                for c in &note.comments {
                    let _ = write!(out, "<li>{}", multiline(&c.text));
                    if k.names_included {
                        let _ = write!(
                            out,
                            " <span class=\"meta\">({})</span>",
                            esc(c.author.as_deref().unwrap_or(l.anonymous))
                        );
                    }
                    if c.shown != Shown::Visible && c.shown != note.shown {
                        let _ = write!(out, " <span class=\"mark\">{}</span>", l.shown(c.shown));
                    }
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !k.themes.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            l.themes, l.theme, l.votes, l.note
        );
        for theme in &k.themes {
            let notes: Vec<String> = theme
                .notes
                .iter()
                .map(|n| format!("<li>{}</li>", multiline(n)))
                .collect();
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td><ul>{}</ul></td></tr>",
                esc(&theme.title),
                theme.votes,
                notes.concat()
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if let Some(f) = &k.feedback {
        let _ = write!(
            out,
            "<h3>{}</h3>\n<p>{}: {}",
            l.feedback, l.answers, f.count
        );
        if let Some(average) = f.average {
            let _ = write!(
                out,
                ". {}: {} / 5",
                l.average,
                l.average_of(k.language, average)
            );
        }
        let _ = writeln!(
            out,
            ".</p>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>",
            l.rating, l.answers
        );
        for (i, n) in f.distribution.iter().enumerate() {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{n}</td></tr>",
                i + 1
            );
        }
        out.push_str("</tbody>\n</table>\n");
        if !f.texts.is_empty() {
            let texts: Vec<String> = f
                .texts
                .iter()
                .map(|t| format!("<li>{}</li>", multiline(t)))
                .collect();
            let _ = writeln!(out, "<ul>{}</ul>", texts.concat());
        }
    }
    out.push_str("</section>\n");

    let _ = writeln!(
        out,
        "<section aria-labelledby=\"next\">\n<h2 id=\"next\">{}</h2>",
        l.next_steps
    );
    if k.tasks.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", l.no_tasks);
    } else {
        let _ = writeln!(
            out,
            "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            l.task, l.owner, l.due, l.state
        );
        for task in &k.tasks {
            let _ = write!(out, "<tr><td>{}", multiline(&task.title));
            if let Some(note) = &task.from_note {
                let _ = write!(
                    out,
                    "<br><span class=\"meta\">{}: {}</span>",
                    l.from_note,
                    esc(note)
                );
            }
            let _ = writeln!(
                out,
                "</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&task.owner),
                l.due_date(&task.due, k.language),
                l.status(task.status)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A note's own line breaks, kept.
fn multiline(text: &str) -> String {
    esc(text.trim()).replace('\n', "<br>")
}

/// Readable on screen and on paper: black on white, 4.5:1 and more everywhere, tables that fit a
/// 320 px phone (fixed columns there, so that wider text spacing wraps rather than widens them)
/// and do not split a row across pages.
const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5;margin:0;overflow-wrap:break-word}\
main{max-width:50rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.75rem;margin:0 0 .25rem}h2{font-size:1.375rem;margin:2rem 0 .5rem;border-bottom:2px solid #1a1a1a}\
h3{font-size:1.125rem;margin:1.5rem 0 .5rem}h4{font-size:1rem;margin:1.25rem 0 .25rem}\
.dates{color:#404040;margin:0 0 1rem}\
table{border-collapse:collapse;width:100%;margin:0 0 1rem}\
th,td{border:1px solid #595959;padding:.375rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
thead th{background:#ececec}.num{text-align:right;width:3.5rem}\
td ul,th ul{margin:0;padding-left:1.1rem}.meta{color:#404040}\
.mark{font-style:italic;font-weight:600;color:#8a1c1c}\
@media (max-width:30rem){main{padding:.75rem}table{table-layout:fixed}th,td{padding:.25rem .375rem}}\
@media print{main{max-width:none;padding:0}tr{break-inside:avoid}h2,h3,h4{break-after:avoid}thead{display:table-header-group}}";
