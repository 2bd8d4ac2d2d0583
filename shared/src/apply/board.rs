//! Board-wide settings: title and case material, the lock, the projector's display.

use super::{check_text, facilitator_only};
use crate::actor::Actor;
use crate::change::Change;
use crate::limits::{MAX_BOARD_TITLE_CHARS, MAX_DESCRIPTION_CHARS};
use crate::model::{BoardMeta, ProjectorSettings};
use crate::reject::{Field, RejectReason};

pub(super) fn update(actor: &Actor, meta: &BoardMeta) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    check_text(Field::BoardTitle, &meta.title, MAX_BOARD_TITLE_CHARS, true)?;
    check_text(
        Field::Description,
        &meta.description,
        MAX_DESCRIPTION_CHARS,
        false,
    )?;
    Ok(vec![Change::Board { meta: meta.clone() }])
}

pub(super) fn lock(actor: &Actor, locked: bool) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    Ok(vec![Change::BoardLock { locked }])
}

pub(super) fn set_projector(
    actor: &Actor,
    settings: ProjectorSettings,
) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    Ok(vec![Change::Projector { settings }])
}

pub(super) fn set_approve_first(actor: &Actor, on: bool) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    Ok(vec![Change::ApproveFirst { on }])
}

pub(super) fn set_feedback_open(actor: &Actor, open: bool) -> Result<Vec<Change>, RejectReason> {
    facilitator_only(actor)?;
    Ok(vec![Change::FeedbackOpen { open }])
}
