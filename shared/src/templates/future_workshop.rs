//! "Tulevaisuustyöpaja", after Robert Jungk's future workshop: critique of today, written
//! privately so no one holds back, then a fantasy of the best possible future, then
//! realisation: what of it can be done, by whom and when.

use super::{Step, Template, TemplateKind, Texts};
use crate::model::{Colour, Language};

fn texts(language: Language) -> Texts<'static> {
    match language {
        Language::Fi => Texts {
            name: "Tulevaisuustyöpaja",
            summary: "Kritiikistä mielikuvitukseen ja toteutukseen: mikä nyt ei toimi, millainen olisi paras tulevaisuus ja mitä sen eteen tehdään.",
            title: "Tulevaisuustyöpaja",
            case: "Aihe: [Mitä tulevaisuutta suunnittelemme? Esimerkiksi ikäihmisten kotona asumisen tuki vuonna 2030.]\n\n\
                Tausta: [Miksi aihe on nyt ajankohtainen?]\n\n\
                Työpaja etenee kolmessa vaiheessa: ensin kritiikki (mikä nyt ei toimi), sitten mielikuvitus \
                (millainen olisi paras mahdollinen tulevaisuus) ja lopuksi toteutus (mitä voimme tehdä sen eteen).",
            sections: &[
                ("Ryhmä 1", Colour::Blue),
                ("Ryhmä 2", Colour::Green),
                ("Ryhmä 3", Colour::Orange),
            ],
            phases: &[
                (
                    Step::WritePrivately,
                    "Kritiikki",
                    "Kirjoita yksin: mikä nykyisessä tilanteessa ei toimi tai harmittaa? Muut näkevät laput vasta, kun ne paljastetaan.",
                ),
                (
                    Step::Write,
                    "Kritiikin purku",
                    "Käykää kritiikit läpi ja ryhmitelkää samankaltaiset.",
                ),
                (
                    Step::Write,
                    "Mielikuvitus",
                    "Kuvitelkaa, että kaikki on mahdollista: millainen olisi paras mahdollinen tulevaisuus? Kääntäkää kritiikit unelmiksi.",
                ),
                (
                    Step::Vote,
                    "Äänestä",
                    "Äänestä unelmia, joita kannattaa lähteä toteuttamaan.",
                ),
                (
                    Step::Act,
                    "Toteutus",
                    "Mitä eniten ääniä saaneista voidaan toteuttaa? Kuka tekee mitä ja mihin mennessä?",
                ),
            ],
        },
        Language::Sv => Texts {
            name: "Framtidsverkstad",
            summary: "Från kritik till fantasi och förverkligande: vad fungerar inte nu, hur skulle den bästa framtiden se ut och vad gör vi för den.",
            title: "Framtidsverkstad",
            case: "Ämne: [Vilken framtid planerar vi? Till exempel stödet för äldre som bor hemma år 2030.]\n\n\
                Bakgrund: [Varför är ämnet aktuellt nu?]\n\n\
                Verkstaden går i tre faser: först kritik (vad fungerar inte nu), sedan fantasi (hur skulle \
                den bästa möjliga framtiden se ut) och till sist förverkligande (vad kan vi göra för den).",
            sections: &[
                ("Grupp 1", Colour::Blue),
                ("Grupp 2", Colour::Green),
                ("Grupp 3", Colour::Orange),
            ],
            phases: &[
                (
                    Step::WritePrivately,
                    "Kritik",
                    "Skriv ensam: vad fungerar inte eller stör dig i dag? De andra ser lapparna först när de visas.",
                ),
                (
                    Step::Write,
                    "Genomgång av kritiken",
                    "Gå igenom kritiken och gruppera det som liknar varandra.",
                ),
                (
                    Step::Write,
                    "Fantasi",
                    "Tänk er att allt är möjligt: hur skulle den bästa möjliga framtiden se ut? Vänd kritiken till drömmar.",
                ),
                (
                    Step::Vote,
                    "Rösta",
                    "Rösta på drömmar som är värda att börja förverkliga.",
                ),
                (
                    Step::Act,
                    "Förverkligande",
                    "Vad av det mest röstade kan förverkligas? Vem gör vad, och till när?",
                ),
            ],
        },
        Language::En => Texts {
            name: "Future workshop",
            summary: "From critique to fantasy to realisation: what does not work now, what the best future would be, and what we do for it.",
            title: "Future workshop",
            case: "Topic: [What future are we planning? For example, support for older people living at home in 2030.]\n\n\
                Background: [Why is the topic timely now?]\n\n\
                The workshop has three phases: first critique (what does not work now), then fantasy (what \
                the best possible future would be) and last realisation (what we can do for it).",
            sections: &[
                ("Group 1", Colour::Blue),
                ("Group 2", Colour::Green),
                ("Group 3", Colour::Orange),
            ],
            phases: &[
                (
                    Step::WritePrivately,
                    "Critique",
                    "Write on your own: what does not work today, or bothers you? Others see the notes only when they are revealed.",
                ),
                (
                    Step::Write,
                    "Sorting the critique",
                    "Go through the critique and group what is alike.",
                ),
                (
                    Step::Write,
                    "Fantasy",
                    "Imagine that anything is possible: what would the best possible future be? Turn the critique into dreams.",
                ),
                (
                    Step::Vote,
                    "Vote",
                    "Vote for the dreams worth starting to make real.",
                ),
                (
                    Step::Act,
                    "Realisation",
                    "What of the most-voted can be done? Who does what, and by when?",
                ),
            ],
        },
    }
}

pub(super) fn template(language: Language) -> Template {
    texts(language).into_template(TemplateKind::FutureWorkshop, language)
}
