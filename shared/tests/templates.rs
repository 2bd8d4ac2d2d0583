//! The built-in templates: each, in each language, builds a valid board through the same ops as
//! any create request, and the three translations of a template describe the same workshop.

use talkoot_shared::http::NewPhase;
use talkoot_shared::templates::{self, DEFAULT_PHASES, TemplateKind, default_phases, template};
use talkoot_shared::*;

const LANGUAGES: [Language; 3] = [Language::Fi, Language::Sv, Language::En];

fn facilitator() -> Actor {
    Actor {
        participant: ParticipantId::parse("fac").unwrap(),
        role: Role::Facilitator,
        name: None,
    }
}

fn ids<T>(prefix: &str, n: usize, parse: fn(String) -> Result<T, ids::IdError>) -> Vec<T> {
    (0..n)
        .map(|i| parse(format!("{prefix}{i}")).unwrap())
        .collect()
}

/// The switches of a phase, without its texts.
fn shape(p: &NewPhase) -> (bool, bool, bool, bool) {
    (
        p.posting_open,
        p.private_notes,
        p.voting_open,
        p.votes_shown,
    )
}

#[test]
fn every_template_in_every_language_builds_a_valid_board() {
    for t in templates::all() {
        let mut request = t.board.clone();
        // A blank board has no title until the facilitator gives it one.
        if request.title.is_empty() {
            request.title = "Työpaja".into();
        }
        let sections = request.sections.len();
        let phases = request.phase_count();
        let board = request
            .build(
                BoardId::parse("b").unwrap(),
                &facilitator(),
                ids("s", sections, SectionId::parse),
                ids("p", phases, PhaseId::parse),
            )
            .unwrap_or_else(|e| panic!("{:?} in {:?} is refused: {e:?}", t.kind, t.language));
        board
            .check_whole_board()
            .unwrap_or_else(|e| panic!("{:?} in {:?}: {e}", t.kind, t.language));

        assert_eq!(board.meta.language, t.language);
        assert_eq!(board.meta.description, t.board.description);
        let titles: Vec<&str> = board
            .ordered_sections()
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        let expected: Vec<&str> = t.board.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles, expected,
            "{:?} in {:?}: sections in order",
            t.kind, t.language
        );
        let built: Vec<NewPhase> = board
            .phases
            .iter()
            .map(|p| NewPhase {
                title: p.title.clone(),
                instruction: p.instruction.clone(),
                posting_open: p.posting_open,
                private_notes: p.private_notes,
                voting_open: p.voting_open,
                votes_shown: p.votes_shown,
            })
            .collect();
        assert_eq!(
            Some(built),
            t.board.phases,
            "{:?} in {:?}: phases",
            t.kind,
            t.language
        );
        assert_eq!(board.phase, None, "a new board starts in no phase");
    }
}

#[test]
fn the_translations_of_a_template_describe_the_same_workshop() {
    for kind in TemplateKind::ALL {
        let [fi, sv, en] = LANGUAGES.map(|l| template(kind, l));
        for t in [&sv, &en] {
            assert_eq!(
                t.board.sections.len(),
                fi.board.sections.len(),
                "{kind:?} sections"
            );
            let colours = |t: &templates::Template| {
                t.board
                    .sections
                    .iter()
                    .map(|s| s.colour)
                    .collect::<Vec<_>>()
            };
            assert_eq!(colours(t), colours(&fi), "{kind:?} colours");
            let shapes = |t: &templates::Template| {
                t.board
                    .phases
                    .iter()
                    .flatten()
                    .map(shape)
                    .collect::<Vec<_>>()
            };
            assert_eq!(shapes(t), shapes(&fi), "{kind:?} phase switches");
            assert_eq!(
                t.board.title.is_empty(),
                fi.board.title.is_empty(),
                "{kind:?} title"
            );
            assert_eq!(
                t.board.description.is_empty(),
                fi.board.description.is_empty()
            );
        }
        for (t, l) in [
            (&fi, Language::Fi),
            (&sv, Language::Sv),
            (&en, Language::En),
        ] {
            assert_eq!((t.kind, t.language, t.board.language), (kind, l, l));
            assert!(
                !t.name.trim().is_empty() && !t.summary.trim().is_empty(),
                "{kind:?} {l:?}"
            );
        }
        // The texts are translated, not copied.
        assert_ne!(fi.name, en.name, "{kind:?}");
        assert_ne!(fi.summary, sv.summary);
        assert_ne!(sv.summary, en.summary);
    }
}

#[test]
fn each_language_offers_every_kind_once_with_distinct_names() {
    let all = templates::all();
    assert_eq!(all.len(), LANGUAGES.len() * TemplateKind::ALL.len());
    for language in LANGUAGES {
        let here: Vec<_> = all.iter().filter(|t| t.language == language).collect();
        let kinds: Vec<TemplateKind> = here.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, TemplateKind::ALL, "{language:?}: the form's order");
        let mut names: Vec<&str> = here.iter().map(|t| t.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            TemplateKind::ALL.len(),
            "{language:?}: names repeat"
        );
    }
}

#[test]
fn the_seed_workshops_have_their_shapes() {
    // Palveluverkko tutuksi: a fictional case and a group per service-network role.
    let network = template(TemplateKind::ServiceNetwork, Language::Fi);
    assert_eq!(network.name, "Palveluverkko tutuksi");
    assert!(network.board.description.contains("kuvitteellinen"));
    let roles: Vec<&str> = network
        .board
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        roles,
        [
            "Sosiaalityö",
            "Terveydenhuolto",
            "Järjestöt ja seurakunnat",
            "Kokemusasiantuntijat"
        ]
    );
    let phases = network.board.phases.as_ref().unwrap();
    assert!(
        phases.iter().any(|p| p.private_notes),
        "it has private writing"
    );
    assert!(phases.iter().any(|p| p.voting_open) && phases.last().unwrap().votes_shown);

    // Tulevaisuustyöpaja: critique (private) → fantasy → realisation.
    let future = template(TemplateKind::FutureWorkshop, Language::Fi);
    let titles: Vec<&str> = future
        .board
        .phases
        .iter()
        .flatten()
        .map(|p| p.title.as_str())
        .collect();
    let at = |name: &str| titles.iter().position(|t| *t == name).unwrap();
    assert!(at("Kritiikki") < at("Mielikuvitus") && at("Mielikuvitus") < at("Toteutus"));
    assert!(future.board.phases.as_ref().unwrap()[0].private_notes);

    // Yhdistystyöpaja: a topic, development needs, tasks forward.
    let association = template(TemplateKind::AssociationWorkshop, Language::Fi);
    assert!(association.board.description.starts_with("Aihe:"));
    let titles: Vec<&str> = association
        .board
        .phases
        .iter()
        .flatten()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles.first(), Some(&"Aihe"));
    assert!(titles.contains(&"Kehittämistarpeet"));
    assert_eq!(titles.last(), Some(&"Tehtävät eteenpäin"));
}

#[test]
fn a_board_created_without_phases_gets_the_blank_templates_phases() {
    for language in LANGUAGES {
        let blank = template(TemplateKind::Blank, language);
        assert!(blank.board.sections.is_empty() && blank.board.description.is_empty());
        let phase_ids = ids("p", DEFAULT_PHASES, PhaseId::parse);
        let defaults = default_phases(language, phase_ids.clone());
        let from_template: Vec<Phase> = blank
            .board
            .phases
            .clone()
            .unwrap()
            .into_iter()
            .zip(phase_ids)
            .map(|(p, id)| p.with_id(id))
            .collect();
        assert_eq!(defaults, from_template);

        let mut request = blank.board.clone();
        request.title = "Työpaja".into();
        request.phases = None;
        assert_eq!(request.phase_count(), DEFAULT_PHASES);
        let board = request
            .build(
                BoardId::parse("b").unwrap(),
                &facilitator(),
                [],
                ids("p", DEFAULT_PHASES, PhaseId::parse),
            )
            .unwrap();
        assert_eq!(board.phases, defaults);
    }
}

#[test]
fn a_request_with_a_bad_item_is_refused_as_its_op_would_be() {
    let mut request = template(TemplateKind::ServiceNetwork, Language::En).board;
    request.phases.as_mut().unwrap()[1].title = "  ".into();
    let refused = request.build(
        BoardId::parse("b").unwrap(),
        &facilitator(),
        ids("s", 4, SectionId::parse),
        ids("p", 5, PhaseId::parse),
    );
    assert_eq!(
        refused,
        Err(RejectReason::Empty {
            field: reject::Field::PhaseTitle
        })
    );
}
