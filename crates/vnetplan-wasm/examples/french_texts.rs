//! Prints every French text of the core and the planner page as a JSON array of strings: the
//! file the page fetches the first time it shows French. `scripts/extras` runs it at each build.

fn main() {
    match serde_json::to_string(vnetplan_wasm::french::FRENCH) {
        Ok(json) => println!("{json}"),
        Err(error) => {
            eprintln!("french_texts: {error}");
            std::process::exit(1);
        }
    }
}
