//! "Palveluverkko tutuksi": groups sit by their role in the service network (social work,
//! health care, NGOs, experts by experience) and look at one fictional client's case from it.
//! The case is invented on purpose: the guard against personal data is for the notes, and the
//! template itself must not invite real clients' details.

use super::{Step, Template, TemplateKind, Texts};
use crate::model::{Colour, Language};

fn texts(language: Language) -> Texts<'static> {
    match language {
        Language::Fi => Texts {
            name: "Palveluverkko tutuksi",
            summary: "Ryhmät tarkastelevat kuvitteellista asiakastapausta palveluverkon eri rooleista ja etsivät kohdat, joissa apu katkeaa.",
            title: "Palveluverkko tutuksi",
            case: "Asiakastapaus (kuvitteellinen)\n\n\
                Aino, 79, asuu yksin kerrostalokaksiossa. Hän kotiutui kaksi viikkoa sitten sairaalasta \
                lonkkamurtuman jälkeen. Kotihoito käy kahdesti päivässä. Aino on alkanut unohdella \
                lääkkeitään, eikä hän ole käynyt ulkona kotiutumisen jälkeen. Tytär asuu toisella \
                paikkakunnalla ja soittaa huolissaan sosiaalipalveluihin. Naapuri on eläkeläisyhdistyksen \
                vapaaehtoinen.\n\n\
                Pohtikaa: Keitä Ainon palveluverkkoon kuuluu? Mitä kukin näkee ja tekee? Missä tieto tai apu katkeaa?\n\n\
                (Muokatkaa tapausta omaan työpajaanne sopivaksi. Älkää kirjoittako oikeiden asiakkaiden tietoja.)",
            sections: &[
                ("Sosiaalityö", Colour::Blue),
                ("Terveydenhuolto", Colour::Green),
                ("Järjestöt ja seurakunnat", Colour::Orange),
                ("Kokemusasiantuntijat", Colour::Purple),
            ],
            phases: &[
                (
                    Step::Listen,
                    "Tutustu tapaukseen",
                    "Lukekaa asiakastapaus. Kysykää, jos jokin jää epäselväksi.",
                ),
                (
                    Step::WritePrivately,
                    "Kirjoita omasta roolistasi",
                    "Kirjoita yksin ryhmäsi sarakkeeseen: mitä sinun roolisi näkee tapauksessa, ja missä palveluverkko katkeaa? Muut näkevät laput vasta, kun ne paljastetaan.",
                ),
                (
                    Step::Write,
                    "Keskustele",
                    "Käykää laput läpi. Mitä muut roolit näkivät, mitä te ette nähneet?",
                ),
                (
                    Step::Vote,
                    "Äänestä",
                    "Äänestä tärkeimpiä kehittämistarpeita.",
                ),
                (
                    Step::Act,
                    "Vie eteenpäin",
                    "Sopikaa eniten ääniä saaneille tarpeille tekijät ja aikataulu.",
                ),
            ],
        },
        Language::Sv => Texts {
            name: "Lär känna servicenätverket",
            summary: "Grupperna ser på ett påhittat klientfall utifrån sina roller i servicenätverket och letar efter ställena där hjälpen bryts.",
            title: "Lär känna servicenätverket",
            case: "Klientfall (påhittat)\n\n\
                Aino, 79, bor ensam i en tvåa i ett höghus. Hon skrevs ut från sjukhuset för två veckor \
                sedan efter en höftfraktur. Hemvården kommer två gånger om dagen. Aino har börjat glömma \
                sina mediciner och har inte varit ute sedan hon kom hem. Dottern bor på annan ort och ringer \
                orolig till socialtjänsten. Grannen är frivillig i en pensionärsförening.\n\n\
                Fundera: Vilka hör till Ainos servicenätverk? Vad ser och gör var och en? Var bryts informationen eller hjälpen?\n\n\
                (Anpassa fallet till er workshop. Skriv inte in uppgifter om verkliga klienter.)",
            sections: &[
                ("Socialt arbete", Colour::Blue),
                ("Hälso- och sjukvård", Colour::Green),
                ("Organisationer och församlingar", Colour::Orange),
                ("Erfarenhetsexperter", Colour::Purple),
            ],
            phases: &[
                (
                    Step::Listen,
                    "Bekanta er med fallet",
                    "Läs klientfallet. Fråga om något är oklart.",
                ),
                (
                    Step::WritePrivately,
                    "Skriv utifrån din roll",
                    "Skriv ensam i din grupps kolumn: vad ser din roll i fallet, och var bryts servicenätverket? De andra ser lapparna först när de visas.",
                ),
                (
                    Step::Write,
                    "Diskutera",
                    "Gå igenom lapparna. Vad såg de andra rollerna som ni inte såg?",
                ),
                (
                    Step::Vote,
                    "Rösta",
                    "Rösta på de viktigaste utvecklingsbehoven.",
                ),
                (
                    Step::Act,
                    "För vidare",
                    "Kom överens om vem som tar de mest röstade behoven vidare, och när.",
                ),
            ],
        },
        Language::En => Texts {
            name: "Getting to know the service network",
            summary: "Groups look at a fictional client case from their roles in the service network and find where help breaks off.",
            title: "Getting to know the service network",
            case: "Client case (fictional)\n\n\
                Aino, 79, lives alone in a two-room flat. She came home from hospital two weeks ago after \
                a hip fracture. Home care visits twice a day. Aino has started to forget her medicines and \
                has not been outside since she came home. Her daughter lives in another town and calls \
                social services, worried. Her neighbour volunteers for a pensioners' association.\n\n\
                Think about: Who belongs to Aino's service network? What does each of them see and do? Where does information or help break off?\n\n\
                (Adapt the case to your workshop. Do not write down details of real clients.)",
            sections: &[
                ("Social work", Colour::Blue),
                ("Health care", Colour::Green),
                ("NGOs and parishes", Colour::Orange),
                ("Experts by experience", Colour::Purple),
            ],
            phases: &[
                (
                    Step::Listen,
                    "Read the case",
                    "Read the client case. Ask if anything is unclear.",
                ),
                (
                    Step::WritePrivately,
                    "Write from your role",
                    "Write on your own in your group's column: what does your role see in the case, and where does the service network break? Others see the notes only when they are revealed.",
                ),
                (
                    Step::Write,
                    "Discuss",
                    "Go through the notes. What did the other roles see that you did not?",
                ),
                (
                    Step::Vote,
                    "Vote",
                    "Vote for the most important development needs.",
                ),
                (
                    Step::Act,
                    "Take it forward",
                    "Agree who takes the most-voted needs forward, and by when.",
                ),
            ],
        },
    }
}

pub(super) fn template(language: Language) -> Template {
    texts(language).into_template(TemplateKind::ServiceNetwork, language)
}
