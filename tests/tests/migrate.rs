//! `migrate` on the example plans: the guide's four setups migrated are pinned by snapshots (the
//! plan and its notes), and every example, broken or not, migrates to a plan that migrates to
//! itself.

use vnetplan_core::{migrate, parse_plan, Lang};
use vnetplan_tests::{json_files, load, repo_root, stem};

/// The plan as the CLI prints it, then the notes as the CLI prints them.
fn migrated_text(path: &std::path::Path, lang: Lang) -> String {
    let (plan, notes) = migrate(&load(path));
    let mut text = plan.to_json();
    text.push_str("\n\n# notes\n");
    for mut note in notes {
        note.localize(lang);
        text.push_str(&format!("{} {}: {}\n", note.code, note.subject(), note.message));
    }
    text
}

#[test]
fn guide_setups_migrate_as_pinned() {
    for path in json_files(&repo_root().join("examples")) {
        insta::assert_snapshot!(stem(&path), migrated_text(&path, Lang::En));
    }
}

#[test]
fn notes_are_pinned_in_french_too() {
    let path = repo_root().join("examples/aci-vnet.json");
    insta::assert_snapshot!("aci-vnet.fr", migrated_text(&path, Lang::Fr));
}

#[test]
fn every_example_migrates_to_a_fixed_point() {
    let mut files = json_files(&repo_root().join("examples"));
    files.extend(json_files(&repo_root().join("examples/broken")));
    for path in files {
        let (once, notes) = migrate(&load(&path));
        assert!(!notes.is_empty(), "{}: every example has v1 workloads", path.display());
        assert_eq!(migrate(&once), (once.clone(), Vec::new()), "{}", path.display());
        assert_eq!(parse_plan(&once.to_json()).as_ref(), Ok(&once), "{}", path.display());
        assert!(once.aci_deployments.is_empty() && once.aks_clusters.iter().all(|c| c.is_v2()));
    }
}
