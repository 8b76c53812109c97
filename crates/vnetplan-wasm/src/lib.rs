//! vnetplan for JavaScript. Each function converts its arguments, calls `vnetplan-core`, and
//! converts the answer back; no logic lives here.
//!
//! Values cross as JSON text, once each way: a plan object is stringified by `JSON.stringify`
//! and read by the core without a JSON tree, and an answer is written as JSON and handed to
//! `JSON.parse`. Building the answer object by object across the boundary cost more than the
//! check itself. So answers hold `null` rather than `undefined`, and objects rather than `Map`s.
//! A rejected document throws an `Error` whose message is the core's message, in `options.lang`, naming the field
//! as a JSON pointer.

use serde::Serialize;
use vnetplan_core::export::{export, steps as guide_steps, ExportFormat};
use vnetplan_core::import::{import, merge_noted};
use vnetplan_core::{
    check as check_plan, migrate as migrate_plan, parse_plan, rule_summaries, suggest as suggest_plan, Lang,
    MigrationNote, Plan, RuleId,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export type Severity = "error" | "warning" | "info";

/** A plan, format v1: see the plan format contract for every field and default. */
export interface Plan {
  schemaVersion: 1;
  name?: string;
  region: string;
  workspace: Workspace;
  vnets: Vnet[];
  externalRanges?: ExternalRange[];
  aksClusters?: AksCluster[];
  aciDeployments?: AciDeployment[];
  egress?: Egress;
  permissions?: { vnetJoin?: boolean; subnetJoin?: boolean };
  /** Azure ML v2 online endpoints. */
  onlineEndpoints?: OnlineEndpoint[];
}

export interface Workspace {
  resourceGroup: string;
  privateEndpoint?: { vnet: string; subnet: string } | null;
  acrInVnet?: boolean;
  /** ARM `v1LegacyMode`: true turns the v2 API off for the workspace. */
  v1LegacyMode?: boolean;
  /** null or absent reads as isolationMode "disabled". */
  managedNetwork?: ManagedNetwork | null;
  /** null: the registry's SKU is not known. */
  acrSku?: "Basic" | "Standard" | "Premium" | null;
}

export interface ManagedNetwork {
  isolationMode: "disabled" | "allowInternetOutbound" | "allowOnlyApprovedOutbound";
  outboundRules?: OutboundRule[];
  /** The compute that builds images when the registry is private; "" counts as null. */
  imageBuildCompute?: string | null;
}

export interface OutboundRule {
  name: string;
  type: "fqdn" | "serviceTag" | "privateEndpoint";
  /** A host name or `*.` + host name, a service tag, or an ARM resource ID, by type. */
  destination: string;
  /** Each "*", "P" or "P-Q"; by default ["80", "443"] for fqdn and ["*"] for serviceTag. */
  ports?: string[];
}

export interface Egress {
  restricted?: boolean;
  allowedServiceTags?: string[];
  /** Host names the firewall allows; null: no filtering by name is described. */
  allowedFqdns?: string[] | null;
}

export interface Vnet {
  name: string;
  resourceGroup: string;
  region?: string | null;
  addressPrefixes: string[];
  subnets: Subnet[];
  /** Names of other VNets of the plan that this one is peered with. */
  peerings?: string[];
}

export interface Subnet {
  name: string;
  addressPrefix: string;
  delegations?: string[];
}

export interface ExternalRange {
  name: string;
  addressPrefix: string;
  kind: "peeredVnet" | "onPremises" | "vpn" | "expressRoute" | "other";
}

export interface AksCluster {
  name: string;
  provisioning?: "create" | "attach";
  region?: string | null;
  vnet?: string;
  subnet?: string;
  networkPlugin?: "azure" | "kubenet";
  networkPluginMode?: "overlay" | null;
  podCidr?: string | null;
  /** Azure CNI Pod Subnet: the subnet of the cluster's VNet that gives the pods their addresses. */
  podSubnet?: string | null;
  serviceCidr: string;
  dnsServiceIP: string;
  dockerBridgeCidr?: string | null;
  nodeCount: number;
  maxSurge?: number | `${number}%`;
  maxPods?: number | null;
  vcpusPerNode?: number | null;
  vmSize?: string | null;
  clusterPurpose?: "FastProd" | "DevTest";
  privateCluster?: boolean;
  loadBalancerType?: "PublicIp" | "InternalLoadBalancer";
  loadBalancerSubnet?: string | null;
  identity?: "systemAssigned" | "servicePrincipal";
  networkContributorGranted?: boolean;
  scoringFromOutsideVnet?: boolean;
  nsgAllowsScoringInbound?: boolean;
  /** How Azure ML uses the cluster; absent means { api: "v1" }. */
  azureMl?: AzureMl;
  apiServerAuthorizedIpRanges?: string[];
  trustedAccess?: boolean;
  localAccountsDisabled?: boolean;
  privateClusterPublicFqdn?: boolean;
}

/** Members other than `api` are only accepted with api "v2", which requires inferenceRouterServiceType. */
export interface AzureMl {
  api?: "v1" | "v2";
  inferenceRouterServiceType?: "loadBalancer" | "nodePort" | "clusterIP";
  internalLoadBalancerProvider?: "azure" | null;
  allowInsecureConnections?: boolean;
  sslCname?: string | null;
  sslCertificate?: "secret" | "pemFiles" | null;
  /** Default true. */
  inferenceRouterHA?: boolean;
  /** A Kubernetes namespace name; default "default". */
  namespace?: string;
  reusesV1Cluster?: boolean;
}

export interface OnlineEndpoint {
  name: string;
  kind: "managed" | "kubernetes";
  /** Required (not null) for kubernetes: the name of a v2 cluster. */
  compute?: string | null;
  publicNetworkAccess?: "enabled" | "disabled" | null;
  legacyEgressPublicNetworkAccess?: "enabled" | "disabled" | null;
}

export interface AciDeployment {
  name: string;
  vnet: string;
  subnet: string;
  dnsNameLabel?: string | null;
}

export interface Change { path: string; value: unknown }
export interface Fix { title: string; kind: "design" | "attestation"; changes: Change[] }

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** JSON pointers into the plan, most relevant first; never empty. */
  subjects: string[];
  fix: Fix | null;
}

export interface CapacityRow {
  cluster: string;
  vnet: string;
  subnet: string;
  usable: number;
  needed: number;
  perNode: number;
  subnetNeeded: number;
  sharedWith: string[];
  /** Azure CNI Pod Subnet: the pods' own subnet, when it is not the node subnet. */
  podSubnet?: { subnet: string; usable: number; needed: number; subnetNeeded: number };
}

export interface Report {
  schemaVersion: 1;
  findings: Finding[];
  capacity: CapacityRow[];
  summary: { errors: number; warnings: number; infos: number };
}

export interface RuleSummary { id: string; severity: Severity; summary: string }

export interface Source { title: string; location: string; date: string }

export interface RuleDoc extends RuleSummary {
  what: string;
  why: string;
  example: string;
  fix: string;
  /** The dated articles or repository paths the rule rests on. */
  sources: Source[];
}

/** Options of the functions that return text a person reads. English by default. */
export interface TextOptions { lang?: "en" | "fr" }

/** Checks a plan (an object, or its JSON text). Throws an Error naming the field, in options.lang, when the document is rejected. */
export function check(plan: Plan | string, options?: TextOptions): Report;
/** The plan with every fix applied that removes a finding without adding one. */
export function suggest(plan: Plan | string): Plan;
/** The rule catalog. */
export function rules(options?: TextOptions): RuleSummary[];
/** One rule's documentation, or null for an unknown ID. */
export function explain(id: string, options?: TextOptions): RuleDoc | null;

export type ExportFormat = "sdk" | "az" | "arm" | "bicep" | "terraform" | "az-script" | "sdk-v2" | "yaml";

export interface Step {
  section: string;
  title: string;
  /** "yaml": a file for an `az ml … -f` command, named in the title. */
  language: "python" | "shell" | "yaml";
  code: string;
  /** IDs of the rules whose errors or warnings make this step wrong until they are resolved. */
  flagged: string[];
}

export interface ImportNote {
  /** Index into the documents given to importAzure, or null for the plan as a whole. */
  document: number | null;
  /** JSON pointer into that document. */
  pointer: string;
  message: string;
}

/** The plan as one document: the guide's SDK or az steps, ARM, Bicep, Terraform, an az script, the Azure ML v2 steps with the Python SDK v2, or the v2 objects as YAML files (one YAML document each); comments in options.lang. */
export function exportPlan(plan: Plan | string, format: ExportFormat, options?: TextOptions): string;
/** The guide's steps for the plan, in order, each flagged with the rules that make it wrong; titles and comments in options.lang. */
export function steps(plan: Plan | string, options?: TextOptions): Step[];
export interface ImportOptions extends TextOptions {
  /** A plan to merge the import into: imported items replace those of the same name, and the notes then also say what changed in this plan. */
  into?: Plan | string;
}

/** A plan from what `az network vnet show/list/create`, `az aks show`, the REST API or an ARM template print, with its notes in `options.lang`; throws an Error naming the document when one cannot be read. */
export function importAzure(documents: string[], options?: ImportOptions): { plan: Plan; notes: ImportNote[] };
export interface MigrationNote {
  code: string;
  /** JSON pointers into the plan given to migrate, most relevant first; never empty. */
  subjects: string[];
  message: string;
}

/** The plan rewritten for Azure ML v2 and what changed or is left to do; throws an Error naming the field when the document is rejected. */
export function migrate(plan: Plan | string, options?: TextOptions): { plan: Plan; notes: MigrationNote[] };
"#;

fn into_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&serde_json::to_string(value).map_err(into_error)?)
}

/// Reads a plan given as an object or as JSON text; objects go through `JSON.stringify` so that
/// `undefined` members read as absent, exactly as they would in a file. A refusal is said in
/// `lang`.
fn read_plan(plan: &JsValue, lang: Lang) -> Result<Plan, JsValue> {
    // Installed on first use rather than by a start function, which would be exported to JS.
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
    if plan.is_undefined() || plan.is_null() {
        let nothing = vnetplan_core::text!(
            "expected a plan object or its JSON text, found nothing",
            "un objet plan ou son texte JSON était attendu, mais rien n’a été fourni"
        );
        return Err(into_error(nothing.get(lang)));
    }
    let text = match plan.dyn_ref::<js_sys::JsString>() {
        Some(text) => utf8(text)?,
        None => utf8(&js_sys::JSON::stringify(plan)?)?,
    };
    parse_plan(&text).map_err(|error| into_error(error.render(lang)))
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;

    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &js_sys::JsString, into: &mut [u8]) -> EncodeIntoResult;

    type EncodeIntoResult;

    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;

    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

/// The string's UTF-8 bytes, written by the engine straight into wasm memory. The glue's own
/// string passing walks a half-megabyte plan one character at a time, and `encode` would build
/// the bytes in a JS array first and copy them over. The buffer starts at one byte per UTF-16
/// unit, which is exact for ASCII (nearly every plan), and grows only when a character needs more.
fn utf8(text: &js_sys::JsString) -> Result<String, JsValue> {
    let encoder = TextEncoder::new();
    let units = text.length() as usize;
    let mut bytes = vec![0; units];
    let (mut read, mut written) = (0, 0);
    loop {
        let rest = if read == 0 { text.clone() } else { text.slice(read as u32, units as u32) };
        let room = bytes.get_mut(written..).unwrap_or_default();
        let progress = encoder.encode_into(&rest, room);
        read += progress.read() as usize;
        written += progress.written() as usize;
        if read >= units {
            break;
        }
        // What is left may be three bytes per UTF-16 unit, at most.
        bytes.resize(written + 3 * (units - read), 0);
    }
    bytes.truncate(written);
    String::from_utf8(bytes).map_err(into_error)
}

/// The member `name` of `options`; `undefined` when the options themselves are absent.
fn option(options: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name))
}

/// Reads `{ lang: "en" | "fr" }`; English when the options or the language are absent.
fn read_lang(options: &JsValue) -> Result<Lang, JsValue> {
    let lang = option(options, "lang")?;
    match lang.as_string() {
        Some(code) => code.parse().map_err(into_error),
        None if lang.is_undefined() || lang.is_null() => Ok(Lang::default()),
        None => Err(into_error("options.lang must be \"en\" or \"fr\"")),
    }
}

#[wasm_bindgen(skip_typescript)]
pub fn check(plan: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = read_lang(&options)?;
    let mut report = check_plan(&read_plan(&plan, lang)?);
    report.localize(lang);
    to_js(&report)
}

#[wasm_bindgen(skip_typescript)]
pub fn suggest(plan: JsValue) -> Result<JsValue, JsValue> {
    to_js(&suggest_plan(&read_plan(&plan, Lang::En)?))
}

#[wasm_bindgen(skip_typescript)]
pub fn rules(options: JsValue) -> Result<JsValue, JsValue> {
    to_js(&rule_summaries(read_lang(&options)?))
}

#[wasm_bindgen(skip_typescript)]
pub fn explain(id: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let Some(rule) = RuleId::from_id(id) else { return Ok(JsValue::NULL) };
    to_js(&rule.explanation(read_lang(&options)?))
}

/// Every text of the core and the planner page in English and French, which build.rs lists
/// from their sources. The page's own build carries English only; `examples/french_texts.rs`
/// writes these for it to fetch on first use. No function of the package uses them, so its wasm
/// does not carry them twice.
#[doc(hidden)]
pub mod french {
    include!(concat!(env!("OUT_DIR"), "/french.rs"));
}

#[wasm_bindgen(js_name = exportPlan, skip_typescript)]
pub fn export_plan(plan: JsValue, format: &str, options: JsValue) -> Result<String, JsValue> {
    let lang = read_lang(&options)?;
    let format = ExportFormat::from_name(format).ok_or_else(|| {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        let refusal = vnetplan_core::msg!(
            [
                "'{format}' is not an export format; use one of {names}",
                "« {format} » n’est pas un format d’export ; utilisez l’un de ceux-ci : {names}"
            ],
            format = format,
            names = names.join(", ")
        );
        into_error(refusal.render(lang))
    })?;
    let plan = read_plan(&plan, lang)?;
    Ok(export(&plan, &check_plan(&plan), format, lang))
}

#[wasm_bindgen(skip_typescript)]
pub fn steps(plan: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = read_lang(&options)?;
    let plan = read_plan(&plan, lang)?;
    to_js(&guide_steps(&plan, &check_plan(&plan), lang))
}

#[wasm_bindgen(js_name = importAzure, skip_typescript)]
pub fn import_azure(documents: Vec<String>, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = read_lang(&options)?;
    let documents: Vec<&str> = documents.iter().map(String::as_str).collect();
    let mut imported = import(&documents).map_err(|error| into_error(error.render(lang)))?;
    let into = option(&options, "into")?;
    if !into.is_undefined() && !into.is_null() {
        imported = merge_noted(&read_plan(&into, lang)?, &imported);
    }
    imported.localize(lang);
    to_js(&imported)
}

#[derive(Serialize)]
struct Migrated {
    plan: Plan,
    notes: Vec<MigrationNote>,
}

#[wasm_bindgen(skip_typescript)]
pub fn migrate(plan: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = read_lang(&options)?;
    let (plan, mut notes) = migrate_plan(&read_plan(&plan, lang)?);
    for note in &mut notes {
        note.localize(lang);
    }
    to_js(&Migrated { plan, notes })
}
