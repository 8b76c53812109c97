//! `vnetplan`: checks a plan for an Azure ML inference environment in a VNet from the command
//! line or a CI pipeline. All the knowledge lives in `vnetplan-core`; this binary only reads
//! files, prints, and turns the outcome into an exit code.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use vnetplan_core::{check, parse_plan, render_rule, render_text, suggest, Plan, RuleId};

/// Exit code when the plan has no errors.
const CLEAN: u8 = 0;
/// Exit code when the plan has errors.
const HAS_ERRORS: u8 = 1;
/// Exit code when the document cannot be read or is rejected as a whole.
const REJECTED: u8 = 2;

#[derive(Parser)]
#[command(name = "vnetplan", version, about = "Checks Azure ML inference VNet plans before Azure does")]
struct Cli {
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
    /// List the rule catalog, or explain one rule.
    Rules {
        /// A rule ID such as `service-cidr-overlaps-subnet`.
        id: Option<String>,
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
        Command::Check { plan, format } => match read_plan(&plan) {
            Ok(plan) => {
                let report = check(&plan);
                let text = match format {
                    Format::Text => render_text(&plan, &report),
                    Format::Json => report.to_json() + "\n",
                };
                (Ok(text), if report.has_errors() { HAS_ERRORS } else { CLEAN })
            }
            Err(message) => (Err(message), REJECTED),
        },
        Command::Suggest { plan } => match read_plan(&plan) {
            Ok(plan) => (Ok(suggest(&plan).to_json() + "\n"), CLEAN),
            Err(message) => (Err(message), REJECTED),
        },
        Command::Rules { id: None } => (Ok(catalog_listing()), CLEAN),
        Command::Rules { id: Some(id) } => match RuleId::from_id(&id) {
            Some(rule) => (Ok(render_rule(rule)), CLEAN),
            None => (Err(format!("there is no rule '{id}'; `vnetplan rules` lists them all")), REJECTED),
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

fn read_plan(path: &PathBuf) -> Result<Plan, String> {
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| format!("cannot read standard input: {error}"))?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?
    };
    let name = if path.as_os_str() == "-" { "standard input".to_owned() } else { path.display().to_string() };
    parse_plan(&text).map_err(|error| format!("{name} is not a plan this tool can read: {error}"))
}

fn catalog_listing() -> String {
    let width = RuleId::ALL.iter().map(|rule| rule.id().len()).max().unwrap_or(0);
    RuleId::ALL
        .iter()
        .map(|rule| {
            format!("{:<width$}  {:<7}  {}\n", rule.id(), rule.default_severity().as_str(), rule.summary())
        })
        .collect()
}
