//! How long `check` takes on large generated plans. The aim is 10,000 subnets in under 2 ms.
//! The second group times what the JS package's `check(text)` does inside its wasm, natively:
//! read the plan's JSON text, check it and write the report's JSON text. `bench/check.mjs`
//! compares it with the package's own time.
//!
//! The third times the page's address map on an edit: `layout` of the 10,000-subnet plan, in
//! three long VNets and in 500 short ones, as `bench/page.mjs` opens and edits them.
//!
//! The fourth times the page's reading of a plan from its JSON tree (`plan_from_value`), which
//! it does on opening a link and on every edit other than a subnet's name or prefix.
//!
//! The fifth times `suggest`, which re-checks the plan for every fix it tries: on the broken
//! examples, whose fixes interact, and on the generated plans, whose conflicts sit among
//! thousands of subnets.
//!
//! Run with `cargo bench -p vnetplan-core`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use vnetplan_core::layout::{layout, DEFAULT_WIDTH};
use vnetplan_core::{check, parse_plan, plan_from_value, suggest_with_fixes, Lang, Plan};

/// Subnets of /28 per VNet of /16, after the /22 node subnet that opens each VNet.
const SUBNETS_PER_VNET: usize = 4_000;

/// A plan with `subnets` subnets spread over /16 VNets, one AKS cluster per VNet for the first
/// ten VNets, and a handful of real conflicts: a service range over a subnet, two overlapping
/// subnets and a VNet that overlaps an external range.
fn generated_plan(subnets: usize) -> Plan {
    let vnet_count = subnets.div_ceil(SUBNETS_PER_VNET);
    let mut remaining = subnets;
    let vnets: Vec<Value> = (0..vnet_count)
        .map(|v| {
            let here = remaining.min(SUBNETS_PER_VNET);
            remaining -= here;
            let mut list = vec![json!({"name": "aks", "addressPrefix": format!("10.{v}.0.0/22")})];
            list.extend((1..here).map(|s| {
                let offset = 1024 + 16 * (s - 1);
                json!({"name": format!("s{s}"), "addressPrefix": format!("10.{v}.{}.{}/28", offset / 256, offset % 256)})
            }));
            if v == 0 && here > 2 {
                list.push(json!({"name": "overlap", "addressPrefix": "10.0.4.0/27"}));
            }
            json!({"name": format!("vnet{v}"), "resourceGroup": "ml-rg", "addressPrefixes": [format!("10.{v}.0.0/16")], "subnets": list})
        })
        .collect();
    let clusters: Vec<Value> = (0..vnet_count.min(10))
        .map(|v| {
            let service = if v == 0 { "10.0.0.0/16".to_owned() } else { format!("10.{}.0.0/16", 200 + v) };
            json!({
                "name": format!("aks{v}"), "vnet": format!("vnet{v}"), "subnet": "aks",
                "serviceCidr": service, "dnsServiceIP": service.replace(".0/16", ".10"),
                "dockerBridgeCidr": "172.17.0.1/16", "nodeCount": 3, "networkContributorGranted": true
            })
        })
        .collect();
    plan_from_value(&json!({
        "schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "ml-rg"},
        "vnets": vnets,
        "externalRanges": [{"name": "on-prem", "addressPrefix": "10.1.0.0/16", "kind": "onPremises"}],
        "aksClusters": clusters,
    }))
    .expect("the generated plan is a valid document")
}

/// Hub and spokes: `vnets` VNets of a /23, each with `subnets` /28 subnets, as the page bench's
/// `manyVnetsPlan` builds them.
fn many_vnets_plan(vnets: usize, subnets: usize) -> Plan {
    let list: Vec<Value> = (0..vnets)
        .map(|v| {
            let (second, third) = (v >> 7, (v & 127) * 2);
            let subnets: Vec<Value> = (0..subnets)
                .map(|s| {
                    let offset = 16 * s;
                    json!({"name": format!("s{s}"), "addressPrefix": format!("10.{second}.{}.{}/28", third + (offset >> 8), offset & 255)})
                })
                .collect();
            json!({"name": format!("vnet{v}"), "resourceGroup": "ml-rg", "addressPrefixes": [format!("10.{second}.{third}.0/23")], "subnets": subnets})
        })
        .collect();
    plan_from_value(&json!({
        "schemaVersion": 1, "region": "eastus2", "workspace": {"resourceGroup": "ml-rg"}, "vnets": list,
    }))
    .expect("the generated plan is a valid document")
}

fn bench_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    for subnets in [100, 10_000, 100_000] {
        let plan = generated_plan(subnets);
        assert!(check(&plan).has_errors(), "the generated conflicts are found");
        group.throughput(Throughput::Elements(subnets as u64));
        group.bench_with_input(BenchmarkId::from_parameter(subnets), &plan, |b, plan| b.iter(|| check(plan)));
    }
    group.finish();
}

fn bench_text_to_report(c: &mut Criterion) {
    let mut group = c.benchmark_group("text_to_report");
    for subnets in [100, 10_000, 100_000] {
        // Compact, as `JSON.stringify` writes the plan and the package writes its report.
        let text = serde_json::to_string(&generated_plan(subnets)).expect("a plan serialises");
        group.throughput(Throughput::Elements(subnets as u64));
        group.bench_with_input(BenchmarkId::from_parameter(subnets), &text, |b, text| {
            b.iter(|| {
                let mut report = check(&parse_plan(text).expect("the generated plan reads back"));
                report.localize(Lang::En);
                serde_json::to_string(&report).expect("a report serialises")
            })
        });
    }
    group.finish();
}

fn bench_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    for (name, plan) in [("3x4000", generated_plan(10_000)), ("500x20", many_vnets_plan(500, 20))] {
        let report = check(&plan);
        group.throughput(Throughput::Elements(10_000));
        group.bench_with_input(BenchmarkId::from_parameter(name), &(plan, report), |b, (plan, report)| {
            b.iter(|| layout(plan, report, DEFAULT_WIDTH, Lang::En))
        });
    }
    group.finish();
}

fn bench_plan_from_value(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan_from_value");
    for (name, plan) in [("3x4000", generated_plan(10_000)), ("500x20", many_vnets_plan(500, 20))] {
        let document: Value = serde_json::from_str(&plan.to_json()).expect("a plan's text is JSON");
        group.throughput(Throughput::Elements(10_000));
        group.bench_with_input(BenchmarkId::from_parameter(name), &document, |b, document| {
            b.iter(|| plan_from_value(document).expect("the document is a plan"))
        });
    }
    group.finish();
}

fn bench_suggest(c: &mut Criterion) {
    let broken = [
        ("address-conflicts", include_str!("../../../examples/broken/address-conflicts.json")),
        ("aci-misplaced", include_str!("../../../examples/broken/aci-misplaced.json")),
        ("sdk-default-service-cidr", include_str!("../../../examples/broken/sdk-default-service-cidr.json")),
    ];
    let mut plans: Vec<(String, Plan)> = broken
        .into_iter()
        .map(|(name, text)| (name.to_owned(), parse_plan(text).expect("the broken examples are plans")))
        .collect();
    plans.extend([100, 10_000].map(|subnets| (format!("generated-{subnets}"), generated_plan(subnets))));
    let mut group = c.benchmark_group("suggest");
    for (name, plan) in &plans {
        assert!(!suggest_with_fixes(plan).applied.is_empty(), "{name} has fixes to apply");
        group.bench_with_input(BenchmarkId::from_parameter(name), plan, |b, plan| {
            b.iter(|| suggest_with_fixes(plan))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_check,
    bench_text_to_report,
    bench_layout,
    bench_plan_from_value,
    bench_suggest
);
criterion_main!(benches);
