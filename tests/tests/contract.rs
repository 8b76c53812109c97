//! The catalog against the repository's copy of the contract (`docs/spec/`), in both directions:
//! every contract ID is in the catalog with its severity (or listed in `docs/contract-pending.md`
//! with the issue that delivers it), and every catalog ID is in the contract or in the project's
//! own list, `docs/added-rules.md`. So no rule can appear or disappear unnoticed.

use std::collections::BTreeMap;

use vnetplan_core::RuleId;
use vnetplan_tests::repo_root;

/// The `| `id` | severity | …` rows of a markdown file under `docs/`: the rows of rule tables,
/// whose second cell is a severity (other tables of the contract also start with code).
fn table_rows(file: &str) -> BTreeMap<String, String> {
    let path = repo_root().join("docs").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut rows = BTreeMap::new();
    for line in text.lines() {
        let mut cells = line.split('|').map(str::trim).skip(1);
        let Some(id) = cells.next().and_then(|cell| cell.strip_prefix('`')?.strip_suffix('`')) else {
            continue;
        };
        let severity = cells.next().unwrap_or_default().to_owned();
        if !["error", "warning", "info"].contains(&severity.as_str()) {
            continue;
        }
        let previous = rows.insert(id.to_owned(), severity);
        assert!(previous.is_none(), "{file} lists {id} twice");
    }
    rows
}

fn contract() -> BTreeMap<String, String> {
    let mut rows = table_rows("spec/rules.md");
    let v1_count = rows.len();
    let v2 = table_rows("spec/rules-v2-additions.md");
    let v2_count = v2.len();
    rows.extend(v2);
    assert_eq!(rows.len(), v1_count + v2_count, "the two contract files share an ID");
    // Each contract file has well over a screenful of rules: an empty read means a broken table.
    assert!(v1_count > 20 && v2_count > 10, "the contract tables were not read");
    rows
}

#[test]
fn every_contract_rule_is_in_the_catalog_with_its_severity() {
    let pending = table_rows("contract-pending.md");
    for (id, severity) in contract() {
        match RuleId::from_id(&id) {
            Some(rule) => {
                assert_eq!(rule.default_severity().as_str(), severity, "{id}");
                assert!(
                    !pending.contains_key(&id),
                    "{id} is implemented: remove it from docs/contract-pending.md"
                );
            }
            None => assert_eq!(
                pending.get(&id),
                Some(&severity),
                "contract rule {id} ({severity}) is neither in the catalog nor pending"
            ),
        }
    }
}

#[test]
fn every_catalog_rule_is_in_the_contract_or_listed_as_added() {
    let contract = contract();
    let added = table_rows("added-rules.md");
    for rule in RuleId::ALL {
        let id = rule.id();
        assert!(
            contract.contains_key(id)
                || added.get(id).map(String::as_str) == Some(rule.default_severity().as_str()),
            "catalog rule {id} is neither in docs/spec nor in docs/added-rules.md with its severity"
        );
        assert!(
            !(contract.contains_key(id) && added.contains_key(id)),
            "{id} is in the contract: drop it from added-rules.md"
        );
    }
    for id in added.keys() {
        assert!(RuleId::from_id(id).is_some(), "docs/added-rules.md lists {id}, which the catalog lacks");
    }
}

#[test]
fn pending_rules_belong_to_the_contract() {
    let contract = contract();
    for id in table_rows("contract-pending.md").keys() {
        assert!(contract.contains_key(id), "docs/contract-pending.md lists {id}, which the contract lacks");
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

#[test]
fn every_rule_file_has_its_row_in_the_table() {
    // A rule file without a row is never compiled, so only the file system can tell.
    let dir = repo_root().join("crates/vnetplan-core/src/rules");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.expect("directory entry").path();
        let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else { continue };
        if path.extension().is_none_or(|ext| ext != "rs") || stem == "shared" {
            continue;
        }
        files += 1;
        let id = stem.replace('_', "-");
        assert!(RuleId::from_id(&id).is_some(), "rules/{stem}.rs has no row in the table of rules.rs");
    }
    assert_eq!(files, RuleId::ALL.len(), "a row of the table has no file of its own");
}
