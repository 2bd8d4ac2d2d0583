//! The targets of issue 4, each printed next to its measured figure with "meets" or "misses".
//! A miss is reported, never turned into a failure: speed is for reading, not for asserting.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub row: String,
    pub figure: String,
    pub target: String,
    pub meets: bool,
}

impl Verdict {
    pub fn new(row: &str, figure: String, target: &str, meets: bool) -> Self {
        Verdict {
            row: row.into(),
            figure,
            target: target.into(),
            meets,
        }
    }

    pub fn word(&self) -> &'static str {
        if self.meets { "meets" } else { "misses" }
    }
}
