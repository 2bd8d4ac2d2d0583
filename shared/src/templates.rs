//! Built-in starting points, as data. A blank board gets the default workshop phases, in the
//! board's language.

use crate::ids::PhaseId;
use crate::model::{Language, Phase};

/// How many phases `default_phases` makes.
pub const DEFAULT_PHASES: usize = 4;

/// Write → Discuss → Vote → Act, one phase for each of `ids` (so `DEFAULT_PHASES` of them).
/// Writing is private; the board starts in no phase, so nothing is private until the
/// facilitator starts one.
pub fn default_phases(language: Language, ids: impl IntoIterator<Item = PhaseId>) -> Vec<Phase> {
    let texts: [(&str, &str); 4] = match language {
        Language::Fi => [
            (
                "Kirjoita",
                "Kirjoita omat ajatuksesi ryhmäsi sarakkeeseen. Muut näkevät ne vasta, kun ne paljastetaan.",
            ),
            ("Keskustele", "Käykää muistilaput läpi yhdessä."),
            ("Äänestä", "Äänestä tärkeimpiä."),
            ("Sovi jatkosta", "Sopikaa, kuka vie mitäkin eteenpäin."),
        ],
        Language::Sv => [
            (
                "Skriv",
                "Skriv dina egna tankar i din grupps kolumn. De andra ser dem först när de visas.",
            ),
            ("Diskutera", "Gå igenom lapparna tillsammans."),
            ("Rösta", "Rösta på det viktigaste."),
            ("Kom överens", "Kom överens om vem som tar vad vidare."),
        ],
        Language::En => [
            (
                "Write",
                "Write your own thoughts in your group's column. Others see them only when they are revealed.",
            ),
            ("Discuss", "Go through the notes together."),
            ("Vote", "Vote for what matters most."),
            ("Act", "Agree who takes what forward."),
        ],
    };
    let switches = [
        // posting open, private, voting open, votes shown
        (true, true, false, false),
        (true, false, false, false),
        (false, false, true, false),
        (true, false, false, true),
    ];
    texts
        .into_iter()
        .zip(switches)
        .zip(ids)
        .map(
            |(
                ((title, instruction), (posting_open, private_notes, voting_open, votes_shown)),
                id,
            )| {
                Phase {
                    id,
                    title: title.to_owned(),
                    instruction: instruction.to_owned(),
                    posting_open,
                    private_notes,
                    voting_open,
                    votes_shown,
                }
            },
        )
        .collect()
}
