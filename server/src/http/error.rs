//! Every HTTP error leaves through [`ApiFailure`], so all of them have the same JSON shape.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use std::time::Duration;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use talkoot_shared::http::{ApiError, ApiErrorCode};

use crate::room::RoomError;
use crate::store::StoreError;

#[derive(Debug)]
pub struct ApiFailure {
    status: StatusCode,
    body: ApiError,
    /// Sent as `Retry-After`, in whole seconds.
    retry_after: Option<Duration>,
}

impl ApiFailure {
    pub fn new(status: StatusCode, error: ApiErrorCode, message: impl Into<String>) -> Self {
        ApiFailure {
            status,
            body: ApiError {
                error,
                message: message.into(),
            },
            retry_after: None,
        }
    }

    /// `429 Too Many Requests` with `Retry-After`.
    pub fn rate_limited(retry_after: Duration, message: impl Into<String>) -> Self {
        ApiFailure {
            retry_after: Some(retry_after),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                ApiErrorCode::RateLimited,
                message,
            )
        }
    }

    pub fn unavailable(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "request failed on storage");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiErrorCode::Unavailable,
            "storage is unavailable; try again",
        )
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(wait) = self.retry_after {
            // Rounded up, so a client that waits exactly this long finds a free attempt.
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, secs.into());
        }
        response
    }
}

impl From<JsonRejection> for ApiFailure {
    fn from(rejection: JsonRejection) -> Self {
        let status = match rejection {
            JsonRejection::BytesRejection(_) => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiFailure::new(status, ApiErrorCode::InvalidRequest, rejection.body_text())
    }
}

impl From<RoomError> for ApiFailure {
    fn from(e: RoomError) -> Self {
        match e {
            RoomError::UnknownBoard => super::board_holder::unknown_board(),
            RoomError::Unavailable => ApiFailure::unavailable(&e),
        }
    }
}

impl From<StoreError> for ApiFailure {
    fn from(e: StoreError) -> Self {
        ApiFailure::unavailable(&e)
    }
}

impl From<crate::secret::RandomError> for ApiFailure {
    fn from(e: crate::secret::RandomError) -> Self {
        ApiFailure::unavailable(&e)
    }
}

pub async fn method_not_allowed() -> ApiFailure {
    ApiFailure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ApiErrorCode::InvalidRequest,
        "this endpoint does not take that method",
    )
}

pub async fn not_found() -> ApiFailure {
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        ApiErrorCode::InvalidRequest,
        "no such API endpoint",
    )
}
