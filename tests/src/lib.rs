//! Helpers shared by the integration tests in `tests/tests/`: where the repository is, and how
//! to load its fixture plans. They fail a test by panicking with the file at fault.

use std::path::{Path, PathBuf};

use vnetplan_core::{check, parse_plan, Plan, RuleId, Severity};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the repository")
        .to_path_buf()
}

/// The JSON files directly in `dir`, sorted by name so that test order never depends on the
/// file system.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no plans in {}", dir.display());
    files
}

pub fn load(path: &Path) -> Plan {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    parse_plan(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

pub fn stem(path: &Path) -> String {
    path.file_stem().expect("file name").to_string_lossy().into_owned()
}

/// The errors of a plan's check, as (rule, subjects): what "no new error" compares.
pub fn error_keys(plan: &Plan) -> Vec<(RuleId, Vec<String>)> {
    check(plan)
        .findings
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| (finding.rule, finding.subjects))
        .collect()
}
