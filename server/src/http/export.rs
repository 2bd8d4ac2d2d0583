//! `GET /api/boards/{id}/export?format=md|csv|json|html[&names=true]`: the kooste as a file to
//! download, for facilitators only. Never cached: it holds everything on the board.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use talkoot_shared::BoardId;
use talkoot_shared::http::ApiErrorCode;

use super::ApiFailure;
use super::board_holder::board_facilitator;
use crate::AppState;
use crate::clock::now_ms;
use crate::export::calendar::Day;
use crate::export::{Format, Kooste, Options};
use crate::store::Holder;

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    format: Format,
    /// Include participants' names (the facilitator's "include names").
    #[serde(default)]
    names: bool,
}

pub async fn export(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let (board_id, holder) = board_facilitator(&state, board_id, &headers).await?;
    kooste_file(&state, &board_id, &holder, query).await
}

/// The kooste of `board` as a file, for `holder`, a facilitator (of it, or of a later part).
pub async fn kooste_file(
    state: &AppState,
    board: &BoardId,
    holder: &Holder,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let Query(query) = query.map_err(|e| {
        ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ApiErrorCode::InvalidRequest,
            format!("{}; format is one of md, csv, json, html", e.body_text()),
        )
    })?;
    let at = state.rooms.snapshot(board).await?;
    let today = Day::of(now_ms());
    let options = Options {
        include_names: query.names,
    };
    let feedback = state.store.feedback_summary(board).await?;
    let kooste =
        Kooste::of(&at.board, &holder.actor.viewer(), options, today).with_feedback(feedback);
    let file = kooste
        .render(query.format)
        .map_err(|e| ApiFailure::unavailable(&e))?;
    let name = format!("{}.{}", kooste.file_stem(), file.extension);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| ApiFailure::unavailable(&e))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.content_type),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        file.body,
    )
        .into_response())
}
