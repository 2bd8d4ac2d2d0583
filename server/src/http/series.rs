//! Workshops in parts. `POST /api/boards/{id}/next-part` starts the next part from a board (a
//! facilitator's), with its own join code and keys; `GET
//! /api/boards/{id}/previous-part/export` gives a facilitator of the later part the earlier
//! part's kooste, though they may hold no key of it.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use talkoot_shared::http::{ApiErrorCode, BoardCreated, StartNextPart};
use talkoot_shared::limits::MAX_CARRIED_NOTES;
use talkoot_shared::series::{NewIds, NextPart};
use talkoot_shared::{BoardId, NoteId, PhaseId, SectionId, TaskId};

use super::ApiFailure;
use super::board_holder::board_facilitator;
use super::boards::{invalid_field, new_holders, new_id, new_ids, store_new_board};
use super::export::{ExportQuery, kooste_file};
use crate::AppState;
use crate::clock::now_ms;

pub async fn start_next_part(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<StartNextPart>, JsonRejection>,
) -> Result<(StatusCode, Json<BoardCreated>), ApiFailure> {
    let (board_id, _) = board_facilitator(&state, board_id, &headers).await?;
    let Json(req) = body?;
    let top = usize::try_from(req.top_notes).unwrap_or(usize::MAX);
    if top > MAX_CARRIED_NOTES {
        return Err(ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ApiErrorCode::InvalidField,
            format!("top_notes is more than {MAX_CARRIED_NOTES}"),
        ));
    }
    let previous = state.rooms.snapshot(&board_id).await?.board;
    let next = NextPart::of(&previous, req.title, top);
    let (facilitator, projector) = new_holders()?;
    let ids = NewIds {
        board: new_id::<BoardId>()?,
        sections: new_ids::<SectionId>(next.section_count())?,
        phases: new_ids::<PhaseId>(next.board.phase_count())?,
        notes: new_ids::<NoteId>(next.pinned.len())?,
        tasks: new_ids::<TaskId>(next.tasks.len())?,
    };
    let board = next
        .build(ids, &facilitator, now_ms())
        .map_err(invalid_field)?;
    let created = store_new_board(&state, &board, &facilitator, &projector).await?;
    tracing::info!(board = %board.id, previous = %board_id, "next part started");
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn previous_part_export(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let (board_id, holder) = board_facilitator(&state, board_id, &headers).await?;
    let board = state.rooms.snapshot(&board_id).await?.board;
    let Some(link) = board.previous_part else {
        return Err(ApiFailure::new(
            StatusCode::NOT_FOUND,
            ApiErrorCode::UnknownBoard,
            "this board is not a later part of a series",
        ));
    };
    kooste_file(&state, &link.previous, &holder, query).await
}
