//! The address a join QR code holds, in the web app's own route shapes
//! (web/src/routing/route.ts): `<base>#/join/<code>` opens the join form with the code filled
//! in, and `<base>#/join/<code>/g/<section>`, a table's QR code, does the same and puts the
//! participant in that section's group. Everything after `#` stays in the browser, so the code
//! never reaches a server log on the way.

use talkoot_shared::SectionId;

/// `base` is `scheme://host[:port]/`; `code` the join code's digits.
pub fn join_address(base: &str, code: &str, group: Option<&SectionId>) -> String {
    match group {
        None => format!("{base}#/join/{code}"),
        Some(group) => format!("{base}#/join/{code}/g/{}", group.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_and_table_addresses() {
        let base = "https://talkoot.example.fi/";
        assert_eq!(
            join_address(base, "48215903", None),
            "https://talkoot.example.fi/#/join/48215903"
        );
        let group = SectionId::parse("0190f3a2-7b1c-7c3d-8e4f-0123456789ab").expect("id");
        assert_eq!(
            join_address(base, "48215903", Some(&group)),
            "https://talkoot.example.fi/#/join/48215903/g/0190f3a2-7b1c-7c3d-8e4f-0123456789ab"
        );
    }
}
