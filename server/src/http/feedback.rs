//! The feedback form: `PUT /api/boards/{id}/feedback` answers (or changes the answer) while the
//! facilitator has feedback open, `GET …/feedback/mine` gives the caller their own answer back,
//! and `GET …/feedback` gives facilitators the anonymous summary. Answers live in their own
//! table, never in the op log; opening and closing is the `set_feedback_open` op.
//!
//! Each holder may answer only so often (`FeedbackThrottle`): every answer is a durable write.
//!
//! Anonymity: nobody but the answerer reads an answer with its author attached; the summary has
//! no ids or names, and its texts are sorted, so their order tells nothing about who or when.

use std::time::Instant;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use talkoot_shared::Role;
use talkoot_shared::feedback::check_answer;
use talkoot_shared::http::{ApiErrorCode, FeedbackAnswer, FeedbackSummary, StoredFeedback};

use super::ApiFailure;
use super::board_holder::{board_facilitator, board_holder, unknown_board};
use crate::AppState;
use crate::room::{FeedbackRefused, RoomError};

fn invalid_answer(message: String) -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ApiErrorCode::InvalidField,
        message,
    )
}

/// `PUT /api/boards/{id}/feedback`
pub async fn answer(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<FeedbackAnswer>, JsonRejection>,
) -> Result<Json<StoredFeedback>, ApiFailure> {
    let (board, holder) = board_holder(&state, board_id, &headers).await?;
    if holder.actor.role == Role::Projector {
        return Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ApiErrorCode::Forbidden,
            "the projector shows the board; it gives no feedback",
        ));
    }
    let answer = match body {
        Ok(Json(answer)) => answer,
        // Well-formed JSON with a rating that is not a whole number from 0 to 255, or a text
        // that is not a string: a field out of its rules, like a rating of 6.
        Err(JsonRejection::JsonDataError(e)) => return Err(invalid_answer(e.body_text())),
        Err(other) => return Err(other.into()),
    };
    let answer = check_answer(&answer).map_err(|bad| invalid_answer(bad.to_string()))?;
    state
        .feedback_throttle
        .answer(&holder.actor.participant, Instant::now())
        .map_err(|wait| {
            ApiFailure::rate_limited(wait, "too many feedback answers; wait a moment")
        })?;
    let stored = state
        .rooms
        .answer_feedback(&board, &holder.actor.participant, &answer)
        .await
        .map_err(|refused| match refused {
            FeedbackRefused::Closed => ApiFailure::new(
                StatusCode::CONFLICT,
                ApiErrorCode::FeedbackClosed,
                "feedback is not open on this board; answers already given are kept",
            ),
            FeedbackRefused::Room(RoomError::UnknownBoard) => unknown_board(),
            FeedbackRefused::Room(e @ RoomError::Unavailable) => ApiFailure::unavailable(&e),
        })?;
    Ok(Json(stored))
}

/// `GET /api/boards/{id}/feedback/mine`: `null` before the caller answers.
pub async fn mine(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Option<StoredFeedback>>, ApiFailure> {
    let (board, holder) = board_holder(&state, board_id, &headers).await?;
    let answer = state
        .store
        .my_feedback(&board, &holder.actor.participant)
        .await?;
    Ok(Json(answer))
}

/// `GET /api/boards/{id}/feedback`: facilitators only.
pub async fn summary(
    State(state): State<AppState>,
    Path(board_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<FeedbackSummary>, ApiFailure> {
    let (board, _) = board_facilitator(&state, board_id, &headers).await?;
    Ok(Json(state.store.feedback_summary(&board).await?))
}
