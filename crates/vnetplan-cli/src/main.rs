//! `vnetplan`: checks a plan for an Azure ML inference environment in a VNet from the command
//! line or a CI pipeline. All the knowledge lives in `vnetplan-core`; this binary only reads
//! files, prints, and turns the outcome into an exit code.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use vnetplan_core::export::{export, yaml_files, ExportFormat};
use vnetplan_core::import::import;
use vnetplan_core::reference::REFERENCE_PLAN;
use vnetplan_core::{
    check, migrate, parse_plan, render_rule, render_text, suggest_with_fixes, AppliedFix, Lang, Plan, RuleId,
};

/// Exit code when the plan has no errors.
const CLEAN: u8 = 0;
/// Exit code when the plan has errors.
const HAS_ERRORS: u8 = 1;
/// Exit code when the document cannot be read or is rejected as a whole.
const REJECTED: u8 = 2;

#[derive(Parser)]
#[command(name = "vnetplan", version, about = "Checks Azure ML inference VNet plans before Azure does")]
struct Cli {
    /// The language of messages, fixes, rule explanations and the steps' comments: en or fr.
    #[arg(long, global = true, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a plan; exits 0 without errors, 1 with errors, 2 when the document is rejected.
    Check {
        /// The plan file, or `-` for standard input.
        plan: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the plan with every fix applied that removes a finding without adding one.
    Suggest {
        /// The plan file, or `-` for standard input.
        plan: PathBuf,
    },
    /// Write the steps or templates that build the plan: the guide's SDK or az steps, ARM,
    /// Bicep, Terraform, one az script of the network, the Azure ML v2 steps with the Python SDK
    /// v2, or the v2 objects as YAML files.
    Export {
        /// sdk, az, arm, bicep, terraform, az-script, sdk-v2 or yaml.
        #[arg(long, value_parser = export_format)]
        format: ExportFormat,
        /// With `--format yaml`: write each YAML file into this folder (created if missing) and
        /// list their paths, instead of printing them all as one stream.
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// The plan file, or `-` for standard input.
        plan: PathBuf,
    },
    /// Turn what `az network vnet show/list`, `az aks show` or an ARM template print into a
    /// plan; what cannot be mapped is listed on standard error, field by field.
    Import {
        /// One or more JSON files, or `-` for standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the rule catalog, or explain one rule.
    Rules {
        /// A rule ID such as `service-cidr-overlaps-subnet`.
        id: Option<String>,
        /// Print the reference plan that the rules' examples change, instead.
        #[arg(long, conflicts_with = "id")]
        reference_plan: bool,
    },
    /// Rewrite a v1 plan for Azure ML v2 (Kubernetes compute, managed online endpoints): the plan
    /// goes to standard output, one note per line to standard error.
    Migrate {
        /// The plan file, or `-` for standard input.
        plan: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (output, code) = match cli.command {
        Command::Check { plan, format } => match read_plan(&plan, cli.lang) {
            Ok(plan) => {
                let mut report = check(&plan);
                report.localize(cli.lang);
                let text = match format {
                    Format::Text => render_text(&plan, &report, cli.lang),
                    Format::Json => report.to_json() + "\n",
                };
                (Ok(text), if report.has_errors() { HAS_ERRORS } else { CLEAN })
            }
            Err(message) => (Err(message), REJECTED),
        },
        Command::Suggest { plan } => match read_plan(&plan, cli.lang) {
            Ok(plan) => {
                let suggestion = suggest_with_fixes(&plan);
                for applied in &suggestion.applied {
                    eprintln!("{}", applied_fix_note(applied, cli.lang));
                }
                (Ok(suggestion.plan.to_json() + "\n"), CLEAN)
            }
            Err(message) => (Err(message), REJECTED),
        },
        Command::Export { format, out_dir: None, plan } => match read_plan(&plan, cli.lang) {
            Ok(plan) => (Ok(export(&plan, &check(&plan), format, cli.lang)), CLEAN),
            Err(message) => (Err(message), REJECTED),
        },
        Command::Export { format: ExportFormat::Yaml, out_dir: Some(folder), plan } => match read_plan(&plan, cli.lang) {
            Ok(plan) => match write_yaml_files(&plan, &folder, cli.lang) {
                Ok(listing) => (Ok(listing), CLEAN),
                Err(message) => (Err(message), REJECTED),
            },
            Err(message) => (Err(message), REJECTED),
        },
        Command::Export { format, out_dir: Some(_), .. } => (
            Err(vnetplan_core::msg!(
                [
                    "--out-dir writes the files of --format yaml; --format {format} is one document, printed on \
                     standard output",
                    "--out-dir écrit les fichiers de --format yaml ; --format {format} est un seul document, \
                     écrit sur la sortie standard"
                ],
                format = format.name()
            )
            .render(cli.lang)),
            REJECTED,
        ),
        Command::Import { files } => import_files(&files, cli.lang),
        Command::Rules { reference_plan: true, .. } => (Ok(format!("{REFERENCE_PLAN}\n")), CLEAN),
        Command::Rules { id: None, .. } => (Ok(catalog_listing(cli.lang)), CLEAN),
        Command::Rules { id: Some(id), .. } => match RuleId::from_id(&id) {
            Some(rule) => (Ok(render_rule(rule, cli.lang)), CLEAN),
            None => (
                Err(vnetplan_core::msg!(
                    [
                        "there is no rule '{id}'; `vnetplan rules` lists them all",
                        "il n’y a pas de règle « {id} » ; `vnetplan rules` les liste toutes"
                    ],
                    id = id.as_str()
                )
                .render(cli.lang)),
                REJECTED,
            ),
        },
        Command::Migrate { plan } => match read_plan(&plan, cli.lang) {
            Ok(plan) => {
                let (migrated, notes) = migrate(&plan);
                for mut note in notes {
                    note.localize(cli.lang);
                    eprintln!("{} {}: {}", note.code, note.subject(), note.message);
                }
                (Ok(migrated.to_json() + "\n"), CLEAN)
            }
            Err(message) => (Err(message), REJECTED),
        },
    };
    match output {
        Ok(text) => {
            // A closed pipe (`vnetplan rules | head`) is not worth a panic or an error message.
            let _ = io::stdout().write_all(text.as_bytes());
        }
        Err(message) => eprintln!("vnetplan: {message}"),
    }
    ExitCode::from(code)
}

/// A fix `suggest` applied, for standard error: its title, then each value it overwrote or
/// removed, since the printed plan no longer shows what the user wrote there.
fn applied_fix_note(applied: &AppliedFix, lang: Lang) -> String {
    let mut note = vnetplan_core::msg!(["applied: {title}", "appliqué : {title}"])
        .with_message("title", applied.fix.text.clone())
        .render(lang);
    for old in &applied.replaced {
        let now =
            applied.fix.changes.iter().find(|change| change.path == old.path && !change.value.is_null());
        let line = match now.map(|change| &change.value) {
            None => vnetplan_core::msg!(
                ["  {path}: {old} removed", "  {path} : {old} retiré"],
                path = old.path.as_str(),
                old = old.value.to_string(),
            ),
            Some(new) => vnetplan_core::msg!(
                ["  {path}: {old} replaced by {new}", "  {path} : {old} remplacé par {new}"],
                path = old.path.as_str(),
                old = old.value.to_string(),
                new = new.to_string(),
            ),
        };
        note.push('\n');
        note.push_str(&line.render(lang));
    }
    note
}

/// Writes each YAML file of `plan` into `folder` and lists the paths written, one a line.
fn write_yaml_files(plan: &Plan, folder: &Path, lang: Lang) -> Result<String, String> {
    std::fs::create_dir_all(folder).map_err(|error| {
        let tried =
            vnetplan_core::text!("cannot create {file}: {error}", "impossible de créer {file} : {error}");
        system_failure(tried, folder.display().to_string(), &error, lang)
    })?;
    let mut listing = String::new();
    for file in yaml_files(plan, &check(plan), lang) {
        let path = folder.join(&file.name);
        std::fs::write(&path, file.text).map_err(|error| {
            let tried =
                vnetplan_core::text!("cannot write {file}: {error}", "impossible d’écrire {file} : {error}");
            system_failure(tried, path.display().to_string(), &error, lang)
        })?;
        listing.push_str(&format!("{}\n", path.display()));
    }
    Ok(listing)
}

fn read_text(path: &Path, lang: Lang) -> Result<String, String> {
    let read = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    read.and_then(decode).map_err(|error| {
        let tried =
            vnetplan_core::text!("cannot read {file}: {error}", "impossible de lire {file} : {error}");
        system_failure(tried, display_name(path, lang), &error, lang)
    })
}

/// The text of a file: UTF-8, or UTF-16 with its byte order mark, which is what Windows
/// PowerShell 5.1 writes when `az … > file.json` redirects the output.
fn decode(bytes: Vec<u8>) -> io::Result<String> {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        // An odd byte left over is no UTF-16: the guards below send such text to the UTF-8 reader.
        let units: Vec<u16> =
            rest.chunks_exact(2).map(|pair| unit(pair.try_into().unwrap_or_default())).collect();
        String::from_utf16(&units).map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] if rest.len() % 2 == 0 => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] if rest.len() % 2 == 0 => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes).map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error)),
    }
}

/// What could not be done to `file`, in `lang`. The system's reason stays in its own words: it
/// is the operating system's, not ours.
fn system_failure(tried: vnetplan_core::Text, file: String, error: &io::Error, lang: Lang) -> String {
    vnetplan_core::msg!(tried, file = file, error = error.to_string()).render(lang)
}

fn display_name(path: &Path, lang: Lang) -> String {
    if path.as_os_str() == "-" {
        vnetplan_core::text!("standard input", "l’entrée standard").get(lang).to_owned()
    } else {
        path.display().to_string()
    }
}

fn read_plan(path: &Path, lang: Lang) -> Result<Plan, String> {
    let text = read_text(path, lang)?;
    parse_plan(&text).map_err(|error| {
        vnetplan_core::msg!(
            [
                "{file} is not a plan this tool can read: {error}",
                "{file} n’est pas un plan que cet outil sait lire : {error}"
            ],
            file = display_name(path, lang)
        )
        .with_message("error", error.message())
        .render(lang)
    })
}

fn export_format(name: &str) -> Result<ExportFormat, String> {
    ExportFormat::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|format| format.name()).collect();
        format!("'{name}' is not a format; use one of {}", names.join(", "))
    })
}

/// Imports `files` into one plan on standard output; notes go to standard error, each naming
/// its file and field, so that the plan can be piped straight into `vnetplan check -`.
fn import_files(files: &[PathBuf], lang: Lang) -> (Result<String, String>, u8) {
    let texts: Result<Vec<String>, String> = files.iter().map(|path| read_text(path, lang)).collect();
    let texts = match texts {
        Ok(texts) => texts,
        Err(message) => return (Err(message), REJECTED),
    };
    let name_of = |document: Option<usize>| {
        document.and_then(|index| files.get(index)).map_or_else(
            || if lang == Lang::Fr { "le plan" } else { "the plan" }.to_owned(),
            |path| display_name(path, lang),
        )
    };
    let documents: Vec<&str> = texts.iter().map(String::as_str).collect();
    match import(&documents) {
        Ok(mut imported) => {
            imported.localize(lang);
            for note in &imported.notes {
                let at = if note.pointer.is_empty() { String::new() } else { format!(" {}", note.pointer) };
                eprintln!("note: {}{at}{}{}", name_of(note.document), lang.colon(), note.message);
            }
            (Ok(imported.plan.to_json() + "\n"), CLEAN)
        }
        Err(error) => {
            (Err(format!("{}{}{}", name_of(error.document()), lang.colon(), error.render(lang))), REJECTED)
        }
    }
}

fn parse_lang(code: &str) -> Result<Lang, String> {
    code.parse()
}

fn catalog_listing(lang: Lang) -> String {
    let width = RuleId::ALL.iter().map(|rule| rule.id().len()).max().unwrap_or(0);
    RuleId::ALL
        .iter()
        .map(|rule| {
            let summary = rule.summary_text().get(lang);
            format!("{:<width$}  {:<7}  {summary}\n", rule.id(), rule.default_severity().as_str())
        })
        .collect()
}
