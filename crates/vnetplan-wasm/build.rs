//! Lists every French text of the project for the planner page, whose own build links only the
//! English (see `vnetplan-core`'s `text.rs`): `examples/french_texts.rs` writes the list as the
//! JSON file the page fetches on first use.
//!
//! Texts are constants written where they are used, so nothing at run time can enumerate them.
//! This script reads the sources of the core and of the page as Rust tokens and copies out the
//! English and French arguments of every form that makes a text:
//! - `text!(english, french)` and `msg!([english, french], …)`;
//! - the rows of the tables `rule_table!` (`… [english, french];`), `prose!` and `texts!`
//!   (`NAME => english, french;`).
//!
//! The tokens are written out unchanged, so the compiler reads each literal exactly as it read
//! it in its own file. A form this script does not know would go unlisted and read as
//! English on the page; so each file's count of `text!(` and `msg!([` must equal what was found
//! there, and a table that yields no row fails the build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::{env, fs};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

const TABLES: [&str; 3] = ["rule_table", "prose", "texts"];

/// An error stops the build with its message.
fn main() -> Result<(), String> {
    let manifest = PathBuf::from(cargo_variable("CARGO_MANIFEST_DIR")?);
    let workspace = manifest.join("../..");
    let mut files = Vec::new();
    rust_files(&workspace.join("crates/vnetplan-core/src"), &mut files)?;
    rust_files(&workspace.join("web/src"), &mut files)?;
    files.sort();

    let mut texts = Vec::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let source = fs::read_to_string(file).map_err(|error| format!("{}: {error}", file.display()))?;
        let tokens =
            TokenStream::from_str(&source).map_err(|error| format!("{}: {error:?}", file.display()))?;
        let mut found = Found::default();
        walk(tokens, &mut found).map_err(|error| format!("{}: {error}", file.display()))?;
        let written = written(&source, "text!", "(") + written(&source, "msg!", "([");
        if written != found.calls {
            return Err(format!(
                "{}: {written} text!( or msg!([ written, {} read as texts; teach build.rs the new form",
                file.display(),
                found.calls
            ));
        }
        texts.extend(found.texts);
    }
    texts.sort();
    texts.dedup();

    let mut out = String::from(
        "/// Every text of the core and the page, English then French, as their sources write them.\n",
    );
    out.push_str("pub const TEXTS: &[(&str, &str)] = &[\n");
    for (english, french) in &texts {
        let _ = writeln!(out, "    ({english}, {french}),");
    }
    out.push_str("];\n");
    let target = PathBuf::from(cargo_variable("OUT_DIR")?).join("french.rs");
    fs::write(&target, out).map_err(|error| format!("{}: {error}", target.display()))
}

/// A variable that cargo sets for every build script.
fn cargo_variable(name: &str) -> Result<String, String> {
    env::var(name).map_err(|error| format!("{name}: {error}; run this through cargo"))
}

/// How many times `name` is followed by the characters of `opening`, spaces allowed between.
fn written(source: &str, name: &str, opening: &str) -> usize {
    source
        .match_indices(name)
        .filter(|(at, _)| {
            let mut rest = source[at + name.len()..].chars().filter(|c| !c.is_whitespace());
            opening.chars().all(|expected| rest.next() == Some(expected))
        })
        .count()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    println!("cargo::rerun-if-changed={}", dir.display());
    let entries = fs::read_dir(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|error| format!("{}: {error}", dir.display()))?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

#[derive(Default)]
struct Found {
    /// `text!(` and `msg!([` calls seen, those inside macro definitions and rule docs included.
    calls: usize,
    /// The English and French tokens of each text, as source text.
    texts: Vec<(String, String)>,
}

fn walk(tokens: TokenStream, found: &mut Found) -> Result<(), String> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, token) in tokens.iter().enumerate() {
        if let Some((name, group)) = invocation(&tokens, index) {
            match name.as_str() {
                "text" if group.delimiter() == Delimiter::Parenthesis => {
                    found.calls += 1;
                    take_pair(group.stream(), found);
                }
                "msg" => {
                    if let Some(TokenTree::Group(pair)) = group.stream().into_iter().next() {
                        if pair.delimiter() == Delimiter::Bracket {
                            found.calls += 1;
                            take_pair(pair.stream(), found);
                        }
                    }
                }
                table if TABLES.contains(&table) && group.delimiter() == Delimiter::Brace => {
                    let before = found.texts.len();
                    table_rows(group.stream(), found);
                    if found.texts.len() == before {
                        return Err(format!("a {table}! table yielded no text"));
                    }
                }
                _ => {}
            }
        }
        if let TokenTree::Group(group) = token {
            // A rule's documentation reaches the page in its language from the on-demand module,
            // which carries both: its texts need not be fetched again.
            let before = index.checked_sub(1).and_then(|before| tokens.get(before));
            let rule_doc = matches!(before, Some(TokenTree::Ident(name)) if name == "RuleDoc");
            let kept = found.texts.len();
            walk(group.stream(), found)?;
            if rule_doc {
                found.texts.truncate(kept);
            }
        }
    }
    Ok(())
}

/// `name ! (…)` starting at `index`: the macro's name and its arguments.
fn invocation(tokens: &[TokenTree], index: usize) -> Option<(String, &proc_macro2::Group)> {
    let [TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(group)] =
        tokens.get(index..index + 3)?
    else {
        return None;
    };
    (bang.as_char() == '!').then(|| (name.to_string(), group))
}

/// Keeps two comma-separated arguments, unless they are a macro's own `$en, $fr`.
fn take_pair(arguments: TokenStream, found: &mut Found) {
    let parts = split(arguments.into_iter().collect(), ',');
    if let [english, french, ..] = parts.as_slice() {
        if !is_metavariable(english) && !is_metavariable(french) {
            found.texts.push((source_of(english), source_of(french)));
        }
    }
}

/// The rows of a table: `[english, french]` groups, or `=> english, french;` sequences.
fn table_rows(rows: TokenStream, found: &mut Found) {
    let tokens: Vec<TokenTree> = rows.into_iter().collect();
    for row in split(tokens, ';') {
        let arrow = row
            .windows(2)
            .position(|pair| matches!(pair, [equals, more] if is_punct(equals, '=') && is_punct(more, '>')));
        if let Some(arrow) = arrow {
            take_pair(row.iter().skip(arrow + 2).cloned().collect(), found);
        } else if let Some(TokenTree::Group(pair)) = row.last() {
            if pair.delimiter() == Delimiter::Bracket {
                take_pair(pair.stream(), found);
            }
        }
    }
}

fn split(tokens: Vec<TokenTree>, separator: char) -> Vec<Vec<TokenTree>> {
    let mut parts = vec![Vec::new()];
    for token in tokens {
        if is_punct(&token, separator) {
            parts.push(Vec::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(token);
        }
    }
    parts.retain(|part| !part.is_empty());
    parts
}

fn is_punct(token: &TokenTree, char: char) -> bool {
    matches!(token, TokenTree::Punct(punct) if punct.as_char() == char)
}

fn is_metavariable(tokens: &[TokenTree]) -> bool {
    tokens.first().is_some_and(|token| is_punct(token, '$'))
}

fn source_of(tokens: &[TokenTree]) -> String {
    tokens.iter().cloned().collect::<TokenStream>().to_string()
}
