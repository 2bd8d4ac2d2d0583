//! "Yhdistystyöpaja": an association's regular workshop. A topic and what was agreed last
//! time, the development needs the members see, and tasks organised forward.

use super::{Step, Template, TemplateKind, Texts};
use crate::model::{Colour, Language};

fn texts(language: Language) -> Texts<'static> {
    match language {
        Language::Fi => Texts {
            name: "Yhdistystyöpaja",
            summary: "Aihe, kehittämistarpeet ja tehtävät eteenpäin, esimerkiksi yhdistyksen säännöllisessä työpajassa.",
            title: "Yhdistystyöpaja",
            case: "Aihe: [Mistä tänään puhutaan?]\n\n\
                Edellisellä kerralla sovittiin: [Mitä tehtäviä jäi auki, ja missä ne ovat nyt?]\n\n\
                Tavoite: kirjata kehittämistarpeet ja sopia, kuka vie mitäkin eteenpäin.",
            sections: &[("Kehittämistarpeet", Colour::Yellow)],
            phases: &[
                (
                    Step::Listen,
                    "Aihe",
                    "Kuulkaa aiheen esittely ja edellisen kerran tehtävien tilanne.",
                ),
                (
                    Step::Write,
                    "Kehittämistarpeet",
                    "Kirjoita kehittämistarpeita: mikä toimii, mikä kaipaa muutosta? Yksi asia lappua kohden.",
                ),
                (
                    Step::Write,
                    "Keskustele",
                    "Käykää tarpeet läpi ja yhdistäkää samankaltaiset.",
                ),
                (Step::Vote, "Äänestä", "Äänestä tärkeimpiä tarpeita."),
                (
                    Step::Act,
                    "Tehtävät eteenpäin",
                    "Sopikaa tärkeimmille tarpeille tehtävät: mitä tehdään, kuka tekee ja mihin mennessä.",
                ),
            ],
        },
        Language::Sv => Texts {
            name: "Föreningsworkshop",
            summary: "Ett ämne, utvecklingsbehov och uppgifter vidare, till exempel i en förenings regelbundna workshop.",
            title: "Föreningsworkshop",
            case: "Ämne: [Vad talar vi om i dag?]\n\n\
                Förra gången kom vi överens om: [Vilka uppgifter blev öppna, och var står de nu?]\n\n\
                Mål: skriva ner utvecklingsbehoven och komma överens om vem som tar vad vidare.",
            sections: &[("Utvecklingsbehov", Colour::Yellow)],
            phases: &[
                (
                    Step::Listen,
                    "Ämne",
                    "Lyssna på presentationen av ämnet och läget för förra gångens uppgifter.",
                ),
                (
                    Step::Write,
                    "Utvecklingsbehov",
                    "Skriv utvecklingsbehov: vad fungerar, vad behöver ändras? En sak per lapp.",
                ),
                (
                    Step::Write,
                    "Diskutera",
                    "Gå igenom behoven och slå ihop dem som liknar varandra.",
                ),
                (Step::Vote, "Rösta", "Rösta på de viktigaste behoven."),
                (
                    Step::Act,
                    "Uppgifter vidare",
                    "Kom överens om uppgifter för de viktigaste behoven: vad görs, vem gör det och till när.",
                ),
            ],
        },
        Language::En => Texts {
            name: "Association workshop",
            summary: "A topic, development needs and tasks taken forward, for example in an association's regular workshop.",
            title: "Association workshop",
            case: "Topic: [What are we talking about today?]\n\n\
                Last time we agreed: [Which tasks were left open, and where are they now?]\n\n\
                Goal: write down the development needs and agree who takes what forward.",
            sections: &[("Development needs", Colour::Yellow)],
            phases: &[
                (
                    Step::Listen,
                    "Topic",
                    "Listen to the topic and where last time's tasks stand.",
                ),
                (
                    Step::Write,
                    "Development needs",
                    "Write development needs: what works, what needs to change? One thing per note.",
                ),
                (
                    Step::Write,
                    "Discuss",
                    "Go through the needs and join those that are alike.",
                ),
                (Step::Vote, "Vote", "Vote for the most important needs."),
                (
                    Step::Act,
                    "Tasks forward",
                    "Agree on tasks for the most important needs: what is done, who does it and by when.",
                ),
            ],
        },
    }
}

pub(super) fn template(language: Language) -> Template {
    texts(language).into_template(TemplateKind::AssociationWorkshop, language)
}
