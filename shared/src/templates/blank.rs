//! A blank board: the default phases, no sections and no case material.

use super::{Step, Template, TemplateKind, Texts};
use crate::http::NewPhase;
use crate::model::Language;

const PHASES_FI: [(Step, &str, &str); 4] = [
    (
        Step::WritePrivately,
        "Kirjoita",
        "Kirjoita omat ajatuksesi ryhmäsi sarakkeeseen. Muut näkevät ne vasta, kun ne paljastetaan.",
    ),
    (
        Step::Write,
        "Keskustele",
        "Käykää muistilaput läpi yhdessä.",
    ),
    (Step::Vote, "Äänestä", "Äänestä tärkeimpiä."),
    (
        Step::Act,
        "Sovi jatkosta",
        "Sopikaa, kuka vie mitäkin eteenpäin.",
    ),
];

const PHASES_SV: [(Step, &str, &str); 4] = [
    (
        Step::WritePrivately,
        "Skriv",
        "Skriv dina egna tankar i din grupps kolumn. De andra ser dem först när de visas.",
    ),
    (Step::Write, "Diskutera", "Gå igenom lapparna tillsammans."),
    (Step::Vote, "Rösta", "Rösta på det viktigaste."),
    (
        Step::Act,
        "Kom överens",
        "Kom överens om vem som tar vad vidare.",
    ),
];

const PHASES_EN: [(Step, &str, &str); 4] = [
    (
        Step::WritePrivately,
        "Write",
        "Write your own thoughts in your group's column. Others see them only when they are revealed.",
    ),
    (Step::Write, "Discuss", "Go through the notes together."),
    (Step::Vote, "Vote", "Vote for what matters most."),
    (Step::Act, "Act", "Agree who takes what forward."),
];

fn texts(language: Language) -> Texts<'static> {
    match language {
        Language::Fi => Texts {
            name: "Tyhjä taulu",
            summary: "Vaiheet Kirjoita, Keskustele, Äänestä ja Sovi jatkosta; ryhmät ja tapauksen lisäät itse.",
            title: "",
            case: "",
            sections: &[],
            phases: &PHASES_FI,
        },
        Language::Sv => Texts {
            name: "Tom tavla",
            summary: "Faserna Skriv, Diskutera, Rösta och Kom överens; grupperna och fallet lägger du till själv.",
            title: "",
            case: "",
            sections: &[],
            phases: &PHASES_SV,
        },
        Language::En => Texts {
            name: "Blank board",
            summary: "The phases Write, Discuss, Vote and Act; you add the groups and the case yourself.",
            title: "",
            case: "",
            sections: &[],
            phases: &PHASES_EN,
        },
    }
}

pub(super) fn template(language: Language) -> Template {
    texts(language).into_template(TemplateKind::Blank, language)
}

/// The default phases, without ids.
pub(super) fn phases(language: Language) -> Vec<NewPhase> {
    texts(language).new_phases()
}
