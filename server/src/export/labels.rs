//! The kooste's own words (headings, column names, markers) in the board's language.

use talkoot_shared::model::Language;

use talkoot_shared::model::TaskStatus;

use super::calendar::Day;
use super::kooste::Shown;

pub struct Labels {
    pub summary: &'static str,
    pub written: &'static str,
    pub exported: &'static str,
    pub background: &'static str,
    pub no_case: &'static str,
    pub what_was_done: &'static str,
    pub no_phases: &'static str,
    pub results: &'static str,
    pub groups: &'static str,
    pub no_notes: &'static str,
    pub themes: &'static str,
    pub feedback: &'static str,
    pub answers: &'static str,
    pub average: &'static str,
    pub rating: &'static str,
    pub comments: &'static str,
    pub anonymous: &'static str,
    pub pending: &'static str,
    pub hidden: &'static str,
    pub private: &'static str,
    pub theme: &'static str,
    pub note: &'static str,
    pub votes: &'static str,
    pub author: &'static str,
    pub group: &'static str,
    pub kind: &'static str,
    pub text: &'static str,
    pub state: &'static str,
    pub visible: &'static str,
    pub comment: &'static str,
    pub next_steps: &'static str,
    pub no_tasks: &'static str,
    pub task: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub from_note: &'static str,
    open: &'static str,
    in_progress: &'static str,
    done: &'static str,
    vote_one: &'static str,
    vote_many: &'static str,
}

impl Labels {
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Fi => &FI,
            Language::Sv => &SV,
            Language::En => &EN,
        }
    }

    /// "1 ääni", "5 ääntä".
    pub fn vote_count(&self, n: u32) -> String {
        format!(
            "{n} {}",
            if n == 1 {
                self.vote_one
            } else {
                self.vote_many
            }
        )
    }

    pub fn status(&self, status: TaskStatus) -> &'static str {
        match status {
            TaskStatus::Open => self.open,
            TaskStatus::InProgress => self.in_progress,
            TaskStatus::Done => self.done,
        }
    }

    /// A due date as the language writes it; a text that is no date, as it is.
    pub fn due_date(&self, due: &Option<String>, language: Language) -> String {
        match due {
            Some(iso) => Day::parse(iso).map_or_else(|| iso.clone(), |d| d.written(language)),
            None => String::new(),
        }
    }

    /// A feedback average to one decimal, with the language's decimal mark ("4,5" in Finnish).
    pub fn average_of(&self, language: Language, average: f64) -> String {
        let text = format!("{average:.1}");
        match language {
            Language::Fi | Language::Sv => text.replace('.', ","),
            Language::En => text,
        }
    }

    /// The marker a note or comment carries when not everyone saw it.
    pub fn shown(&self, shown: Shown) -> &'static str {
        match shown {
            Shown::Visible => self.visible,
            Shown::Pending => self.pending,
            Shown::Hidden => self.hidden,
            Shown::Private => self.private,
        }
    }
}

const FI: Labels = Labels {
    summary: "Kooste",
    written: "Työpaja",
    exported: "Koottu",
    background: "Tausta",
    no_case: "Ei tapausta tai taustamateriaalia.",
    what_was_done: "Mitä tehtiin",
    no_phases: "Työpajalla ei ollut vaiheita.",
    results: "Tulokset",
    groups: "Ryhmät ja muistilaput äänten mukaan",
    no_notes: "Ei muistilappuja.",
    themes: "Teemat",
    feedback: "Palaute",
    answers: "Vastauksia",
    average: "Keskiarvo",
    rating: "Arvosana",
    comments: "Kommentit",
    anonymous: "nimetön",
    pending: "odottaa hyväksyntää",
    hidden: "piilotettu",
    private: "ei paljastettu",
    theme: "Teema",
    note: "Muistilappu",
    votes: "Äänet",
    author: "Kirjoittaja",
    group: "Ryhmä",
    kind: "Tyyppi",
    text: "Teksti",
    state: "Tila",
    visible: "näkyvissä",
    comment: "Kommentti",
    next_steps: "Jatko",
    no_tasks: "Ei sovittuja tehtäviä.",
    task: "Tehtävä",
    owner: "Vastuu",
    due: "Määräaika",
    from_note: "Muistilapusta",
    open: "avoin",
    in_progress: "työn alla",
    done: "valmis",
    vote_one: "ääni",
    vote_many: "ääntä",
};

const SV: Labels = Labels {
    summary: "Sammanfattning",
    written: "Workshop",
    exported: "Sammanställd",
    background: "Bakgrund",
    no_case: "Inget fall eller bakgrundsmaterial.",
    what_was_done: "Vad som gjordes",
    no_phases: "Workshoppen hade inga faser.",
    results: "Resultat",
    groups: "Grupper och lappar efter röster",
    no_notes: "Inga lappar.",
    themes: "Teman",
    feedback: "Respons",
    answers: "Svar",
    average: "Medelvärde",
    rating: "Betyg",
    comments: "Kommentarer",
    anonymous: "anonym",
    pending: "väntar på godkännande",
    hidden: "dold",
    private: "inte visad",
    theme: "Tema",
    note: "Lapp",
    votes: "Röster",
    author: "Skribent",
    group: "Grupp",
    kind: "Typ",
    text: "Text",
    state: "Status",
    visible: "synlig",
    comment: "Kommentar",
    next_steps: "Nästa steg",
    no_tasks: "Inga överenskomna uppgifter.",
    task: "Uppgift",
    owner: "Ansvarig",
    due: "Senast",
    from_note: "Från lappen",
    open: "öppen",
    in_progress: "pågår",
    done: "klar",
    vote_one: "röst",
    vote_many: "röster",
};

const EN: Labels = Labels {
    summary: "Summary",
    written: "Workshop",
    exported: "Compiled",
    background: "Background",
    no_case: "No case or background material.",
    what_was_done: "What was done",
    no_phases: "The workshop had no phases.",
    results: "Results",
    groups: "Groups and notes by votes",
    no_notes: "No notes.",
    themes: "Themes",
    feedback: "Feedback",
    answers: "Answers",
    average: "Average",
    rating: "Rating",
    comments: "Comments",
    anonymous: "anonymous",
    pending: "awaiting approval",
    hidden: "hidden",
    private: "not revealed",
    theme: "Theme",
    note: "Note",
    votes: "Votes",
    author: "Author",
    group: "Group",
    kind: "Type",
    text: "Text",
    state: "Status",
    visible: "visible",
    comment: "Comment",
    next_steps: "Next steps",
    no_tasks: "No tasks agreed.",
    task: "Task",
    owner: "Owner",
    due: "Due",
    from_note: "From the note",
    open: "open",
    in_progress: "in progress",
    done: "done",
    vote_one: "vote",
    vote_many: "votes",
};
