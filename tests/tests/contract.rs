//! The catalog against the contract in `shared/spec/rules.md`: every ID there exists here with
//! the same default severity, so no stable ID can be dropped or renamed unnoticed.

use vnetplan_core::RuleId;
use vnetplan_tests::repo_root;

fn contract_rows() -> Vec<(String, String)> {
    let path = repo_root().join("../shared/spec/rules.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    text.lines()
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).skip(1);
            let id = cells.next()?.strip_prefix('`')?.strip_suffix('`')?.to_owned();
            let severity = cells.next()?.to_owned();
            Some((id, severity))
        })
        .collect()
}

#[test]
fn catalog_lists_every_contract_rule_with_its_severity() {
    let rows = contract_rows();
    assert_eq!(rows.len(), 72, "the contract table was not read fully");
    for (id, severity) in &rows {
        let rule = RuleId::from_id(id).unwrap_or_else(|| panic!("contract rule {id} is missing"));
        assert_eq!(rule.default_severity().as_str(), severity, "{id}");
    }
}

#[test]
fn catalog_order_and_ids_are_pinned() {
    let listing: String = RuleId::ALL
        .iter()
        .map(|rule| format!("{} {}\n", rule.id(), rule.default_severity().as_str()))
        .collect();
    insta::assert_snapshot!("catalog", listing);
}
