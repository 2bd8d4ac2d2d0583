//! `GET /api/templates`: the built-in templates in every language, for the create form to
//! start from. Static data, so anyone may read it.

use axum::Json;
use talkoot_shared::templates::{self, Template};

pub async fn list() -> Json<Vec<Template>> {
    Json(templates::all())
}
