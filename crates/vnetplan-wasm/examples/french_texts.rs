//! Prints every text of the core and the planner page as a JSON list of `[English, French]`
//! pairs: the file the page fetches the first time it shows French. `scripts/extras` runs it at
//! each build. The page finds a French text by its English and its tag
//! (`vnetplan_core::text::french_tag`), so two French texts of one English must differ in tag:
//! this fails when they do not.

use std::collections::BTreeMap;

use vnetplan_core::text::french_tag;

fn main() {
    let mut french = BTreeMap::new();
    let mut clashes = Vec::new();
    for &(english, text) in vnetplan_wasm::french::TEXTS {
        match french.insert((english, french_tag(text)), text) {
            Some(other) if other != text => {
                clashes.push(format!("\"{english}\": \"{other}\" and \"{text}\""))
            }
            _ => {}
        }
    }
    if !clashes.is_empty() {
        eprintln!(
            "french_texts: two French texts of one English share a tag; reword one:\n{}",
            clashes.join("\n")
        );
        std::process::exit(1);
    }
    let pairs: Vec<(&str, &str)> = french.into_iter().map(|((english, _), text)| (english, text)).collect();
    match serde_json::to_string(&pairs) {
        Ok(json) => println!("{json}"),
        Err(error) => {
            eprintln!("french_texts: {error}");
            std::process::exit(1);
        }
    }
}
