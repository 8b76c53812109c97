//! The command line as a pipeline sees it: exit codes, standard input, and the three commands.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn vnetplan(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnetplan"))
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    input.write_all(stdin.unwrap_or("").as_bytes()).expect("stdin accepts the plan");
    drop(input);
    child.wait_with_output().expect("the binary finishes")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn clean_plan_exits_zero() {
    let output = vnetplan(&["check", "examples/default-aks.json"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // The one warning is the notice every v1 plan gets (`sdk-v1-out-of-support`), which does not
    // make the check fail.
    assert!(stdout(&output).contains("0 errors, 1 warning"), "{}", stdout(&output));
}

#[test]
fn plan_with_errors_exits_one_and_says_how_to_fix() {
    let output = vnetplan(&["check", "examples/broken/sdk-default-service-cidr.json"], None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("error[service-cidr-overlaps-subnet]"), "{text}");
    assert!(text.contains("--> /aksClusters/0/serviceCidr = \"10.0.0.0/16\""), "{text}");
    assert!(text.contains("fix: use "), "{text}");
}

#[test]
fn french_reports_say_everything_in_french() {
    let output = vnetplan(&["--lang", "fr", "check", "examples/broken/sdk-default-service-cidr.json"], None);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("chevauche le sous-réseau « default »"), "{text}");
    assert!(text.contains("correction : utiliser "), "{text}");
    assert!(text.contains("fixer /aksClusters/0/serviceCidr à "), "{text}");
    assert!(text.contains(" erreurs, "), "{text}");
    for english in ["fix: ", "set /", " errors", " overlaps "] {
        assert!(!text.contains(english), "English left in the French report: {english}\n{text}");
    }
}

#[test]
fn rejected_document_exits_two_with_the_field() {
    let output = vnetplan(&["check", "-"], Some(r#"{"schemaVersion": 3}"#));
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("standard input") && error.contains("/schemaVersion"), "{error}");
    let output = vnetplan(&["check", "does-not-exist.json"], None);
    assert_eq!(output.status.code(), Some(2));
    let french = vnetplan(&["--lang", "fr", "check", "-"], Some(r#"{"schemaVersion": 3}"#));
    assert_eq!(french.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&french.stderr),
        "vnetplan: l’entrée standard n’est pas un plan que cet outil sait lire : /schemaVersion : cet outil \
         lit la version 1 du format des plans, et le document indique le nombre 3\n"
    );
}

#[test]
fn refusals_of_the_command_line_itself_follow_the_language() {
    // Only the last reads its standard input: the others may exit before a plan could be written.
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &["rules", "nope"],
            "vnetplan: there is no rule 'nope'; `vnetplan rules` lists them all\n",
            "vnetplan: il n’y a pas de règle « nope » ; `vnetplan rules` les liste toutes\n",
        ),
        (
            &["export", "--format", "arm", "--out-dir", "unused", "examples/aci-vnet.json"],
            "vnetplan: --out-dir writes the files of --format yaml; --format arm is one document, printed on \
             standard output\n",
            "vnetplan: --out-dir écrit les fichiers de --format yaml ; --format arm est un seul document, écrit \
             sur la sortie standard\n",
        ),
        (
            &["check", "-"],
            "vnetplan: standard input is not a plan this tool can read: the document: it is empty; a plan is a \
             JSON object with at least schemaVersion, region, workspace and vnets\n",
            "vnetplan: l’entrée standard n’est pas un plan que cet outil sait lire : le document : il est vide ; \
             un plan est un objet JSON avec au moins schemaVersion, region, workspace et vnets\n",
        ),
    ];
    for (args, english, french) in cases {
        let blank = args.ends_with(&["-"]).then_some(" \n");
        let output = vnetplan(args, blank);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), english);
        let output = vnetplan(&[&["--lang", "fr"], args].concat(), blank);
        assert_eq!(String::from_utf8_lossy(&output.stderr), french);
    }
}

#[test]
fn json_format_is_the_report_contract() {
    let plan = std::fs::read_to_string(repo_root().join("examples/broken/dns-outside-service-cidr.json"))
        .expect("fixture");
    let output = vnetplan(&["check", "--format", "json", "-"], Some(&plan));
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(report["schemaVersion"], 1);
    assert_eq!(report["findings"][0]["rule"], "dns-ip-outside-service-cidr");
    assert_eq!(report["findings"][0]["severity"], "error");
    assert!(report["summary"]["errors"].as_u64() >= Some(1));
    assert!(report["capacity"].is_array());
}

#[test]
fn suggest_prints_a_plan_that_checks_clean() {
    let output = vnetplan(&["suggest", "examples/broken/sdk-default-service-cidr.json"], None);
    assert_eq!(output.status.code(), Some(0));
    let fixed = stdout(&output);
    let recheck = vnetplan(&["check", "-"], Some(&fixed));
    assert_eq!(recheck.status.code(), Some(0), "{}", stdout(&recheck));
}

#[test]
fn suggest_says_on_standard_error_what_it_applied_and_what_it_removed() {
    let output = vnetplan(&["suggest", "examples/broken/aci-misplaced.json"], None);
    assert_eq!(output.status.code(), Some(0));
    let notes = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        notes.lines().collect::<Vec<_>>(),
        [
            "applied: remove the DNS name label of deployment 'scoring-aci'",
            "  /aciDeployments/0/dnsNameLabel: \"myscoring\" removed",
            "applied: delegate subnet 'apps' to Microsoft.ContainerInstance/containerGroups",
        ]
    );
    assert!(!stdout(&output).contains("myscoring"));
    let french = vnetplan(&["--lang", "fr", "suggest", "examples/broken/address-conflicts.json"], None);
    let notes = String::from_utf8_lossy(&french.stderr);
    assert!(
        notes.contains("  /vnets/0/subnets/1/addressPrefix : \"10.0.8.5/24\" remplacé par \"10.0.8.0/24\""),
        "{notes}"
    );
}

#[test]
fn rules_lists_and_explains() {
    let listing = stdout(&vnetplan(&["rules"], None));
    assert_eq!(listing.lines().count(), vnetplan_core::RuleId::ALL.len());
    assert!(listing
        .lines()
        .any(|line| line.starts_with("service-cidr-overlaps-subnet") && line.contains("error")));
    let explained = vnetplan(&["rules", "dns-ip-outside-service-cidr"], None);
    assert_eq!(explained.status.code(), Some(0));
    let text = stdout(&explained);
    for heading in ["What it checks", "Why it matters", "Example", "Fix", "Sources"] {
        assert!(text.contains(heading), "{text}");
    }
    assert_eq!(vnetplan(&["rules", "no-such-rule"], None).status.code(), Some(2));
}

#[test]
fn export_writes_each_format() {
    let arm = vnetplan(&["export", "--format", "arm", "examples/default-aks.json"], None);
    assert_eq!(arm.status.code(), Some(0));
    let template: serde_json::Value = serde_json::from_slice(&arm.stdout).expect("ARM output is JSON");
    assert!(template["resources"].is_array());
    let sdk = stdout(&vnetplan(&["export", "--format", "sdk", "examples/default-aks.json"], None));
    assert!(sdk.contains("AksCompute.provisioning_configuration("), "{sdk}");
    assert!(sdk.contains("config.service_cidr = \"10.2.0.0/16\""), "{sdk}");
    let unknown = vnetplan(&["export", "--format", "pulumi", "examples/default-aks.json"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr)
        .contains("use one of sdk, az, arm, bicep, terraform, az-script"));
}

#[test]
fn yaml_export_writes_each_file_into_a_folder() {
    let folder = std::env::temp_dir().join(format!("vnetplan-yaml-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let folder_text = folder.to_string_lossy().into_owned();
    let written = vnetplan(
        &["export", "--format", "yaml", "--out-dir", &folder_text, "examples/v2/aci-vnet.json"],
        None,
    );
    assert_eq!(written.status.code(), Some(0), "{}", String::from_utf8_lossy(&written.stderr));
    let listed: Vec<PathBuf> = stdout(&written).lines().map(PathBuf::from).collect();
    let names: Vec<String> = listed
        .iter()
        .filter_map(|path| path.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["workspace-network.yml", "endpoint-scoring-aci.yml"]);
    let endpoint =
        std::fs::read_to_string(folder.join("endpoint-scoring-aci.yml")).expect("the file is there");
    assert!(endpoint.ends_with("name: \"scoring-aci\"\npublic_network_access: enabled\n"), "{endpoint}");
    // The stream on standard output is the same files, one YAML document each.
    let stream = stdout(&vnetplan(&["export", "--format", "yaml", "examples/v2/aci-vnet.json"], None));
    let workspace = std::fs::read_to_string(folder.join("workspace-network.yml")).expect("the file is there");
    assert_eq!(stream, format!("---\n{workspace}---\n{endpoint}"));
    let _ = std::fs::remove_dir_all(&folder);

    let other = vnetplan(
        &["export", "--format", "sdk", "--out-dir", &folder_text, "examples/v2/aci-vnet.json"],
        None,
    );
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("--out-dir writes the files of --format yaml"));
    assert!(!folder.exists());
}

#[test]
fn import_prints_a_plan_that_checks_at_once() {
    let fixtures = "crates/vnetplan-core/src/import/fixtures";
    let output = vnetplan(
        &["import", &format!("{fixtures}/vnet-list.json"), &format!("{fixtures}/aks-show-cni.json")],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let notes = String::from_utf8_lossy(&output.stderr);
    assert!(notes.contains("vnet-list.json /0/subnets/0/routeTable"), "{notes}");
    let recheck = vnetplan(&["check", "--format", "json", "-"], Some(&stdout(&output)));
    assert_ne!(recheck.status.code(), Some(2), "the imported plan is a valid document");
    let rejected = vnetplan(&["import", "-"], Some("{\"not\": \"az output\"}"));
    assert_eq!(rejected.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&rejected.stderr).starts_with("vnetplan: standard input: "));
}

#[test]
fn import_reads_what_windows_powershell_redirects_in_utf16() {
    let fixture = repo_root().join("crates/vnetplan-core/src/import/fixtures/vnet-show.json");
    let text = std::fs::read_to_string(&fixture).expect("the fixture is UTF-8");
    let expected = vnetplan(&["import", &fixture.display().to_string()], None);
    let folder = std::env::temp_dir().join(format!("vnetplan-utf16-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    for (name, mark, unit) in [
        ("le.json", [0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ("be.json", [0xFE, 0xFF], u16::to_be_bytes),
    ] {
        let mut bytes = mark.to_vec();
        bytes.extend(text.encode_utf16().flat_map(unit));
        let path = folder.join(name);
        std::fs::write(&path, bytes).expect("the UTF-16 copy is written");
        let output = vnetplan(&["import", &path.display().to_string()], None);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(stdout(&output), stdout(&expected), "{name}");
    }
    std::fs::remove_dir_all(&folder).expect("the scratch folder is removed");
}

#[test]
fn migrate_prints_the_v2_plan_and_its_notes_apart() {
    let output = vnetplan(&["migrate", "examples/aci-vnet.json"], None);
    assert_eq!(output.status.code(), Some(0));
    let plan = stdout(&output);
    assert!(plan.contains("\"onlineEndpoints\"") && !plan.contains("aciDeployments"), "{plan}");
    let notes = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        notes.lines().any(|line| line.starts_with("aci-vnet-not-carried /aciDeployments/0/vnet: ")),
        "{notes}"
    );
    // The output is a plan that migrates to itself, without notes.
    let again = vnetplan(&["migrate", "-"], Some(&plan));
    assert_eq!((stdout(&again), again.stderr.is_empty()), (plan, true));
    let french = vnetplan(&["--lang", "fr", "migrate", "examples/aci-vnet.json"], None);
    assert!(String::from_utf8_lossy(&french.stderr).contains("point de terminaison"));
    let rejected = vnetplan(&["migrate", "-"], Some(r#"{"schemaVersion": 3}"#));
    assert_eq!(rejected.status.code(), Some(2));
}
