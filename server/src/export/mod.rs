//! The kooste export: one model of the workshop's outcome (`kooste`), taken from the board as
//! a facilitator sees it, and one pure renderer per format.

pub mod calendar;
mod csv;
mod html;
pub mod kooste;
mod labels;
mod markdown;

pub use kooste::{Kooste, Options};

/// A format `GET /api/boards/{id}/export?format=…` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Md,
    Csv,
    Json,
    Html,
}

/// A rendered kooste: the file's bytes, its media type and its extension.
pub struct Rendered {
    pub body: String,
    pub content_type: &'static str,
    pub extension: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("writing the CSV failed: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing the JSON failed: {0}")]
    Json(#[from] serde_json::Error),
}

impl Kooste {
    pub fn render(&self, format: Format) -> Result<Rendered, RenderError> {
        Ok(match format {
            Format::Md => Rendered {
                body: markdown::render(self),
                content_type: "text/markdown; charset=utf-8",
                extension: "md",
            },
            Format::Csv => Rendered {
                body: csv::render(self)?,
                content_type: "text/csv; charset=utf-8",
                extension: "csv",
            },
            Format::Json => Rendered {
                body: serde_json::to_string_pretty(self)?,
                content_type: "application/json",
                extension: "json",
            },
            Format::Html => Rendered {
                body: html::render(self),
                content_type: "text/html; charset=utf-8",
                extension: "html",
            },
        })
    }
}
