//! Properties over random plans: no input panics, reports are deterministic, a plan survives a
//! round trip through its JSON, and `suggest` never adds an error.

use proptest::prelude::*;
use serde_json::{json, Value};
use vnetplan_core::{check, migrate, parse_plan, plan_from_value, suggest};
use vnetplan_tests::error_keys;

/// CIDR texts mixing valid blocks that collide in interesting ways with hostile spellings.
const CIDRS: &[&str] = &[
    "10.0.0.0/16",
    "10.0.0.0/24",
    "10.0.1.0/24",
    "10.1.0.0/16",
    "10.0.0.0/8",
    "10.2.0.0/16",
    "172.16.0.0/12",
    "172.17.0.1/16",
    "172.30.0.0/16",
    "192.168.0.0/24",
    "169.254.0.0/16",
    "10.0.0.0/30",
    "0.0.0.0/0",
    "255.255.255.255/32",
    "10.0.0.5/24",
    "010.1.0.0/16",
    "10.0.0.0",
    "1.2.3.4/33",
    "fd00::/64",
    "",
    " ",
    "١٠.0.0.0/8",
    "10.0.0.0/11",
    "100.64.0.0/16",
];
const ADDRESSES: &[&str] =
    &["10.0.0.10", "10.0.0.1", "10.0.0.0", "10.2.0.10", "10.0.255.255", "::1", "10.0.0.010", ""];
const NAMES: &[&str] = &["a", "b", "A", "default", "aks", ""];

/// Picks from a slice with the next die; the dice come from proptest so failures shrink.
struct Dice<'a>(std::slice::Iter<'a, u16>);

impl Dice<'_> {
    fn roll(&mut self, sides: usize) -> usize {
        usize::from(self.0.next().copied().unwrap_or(0)) % sides.max(1)
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.roll(items.len())].clone()
    }
    fn flag(&mut self) -> bool {
        self.roll(2) == 1
    }
}

fn random_plan(dice: &[u16]) -> Value {
    let mut d = Dice(dice.iter());
    let vnets: Vec<Value> = (0..d.roll(4))
        .map(|_| {
            json!({
                "name": d.pick(NAMES),
                "resourceGroup": d.pick(&["ml-rg", "other-rg"]),
                "region": d.pick(&["eastus2", "westeurope"]),
                "addressPrefixes": (0..1 + d.roll(3)).map(|_| d.pick(CIDRS)).collect::<Vec<_>>(),
                "subnets": (0..d.roll(6)).map(|_| json!({
                    "name": d.pick(NAMES),
                    "addressPrefix": d.pick(CIDRS),
                    "delegations": if d.flag() { vec!["Microsoft.ContainerInstance/containerGroups"] } else { vec![] },
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let clusters: Vec<Value> = (0..d.roll(4))
        .map(|_| {
            let mut cluster = json!({
                "name": d.pick(NAMES),
                "provisioning": d.pick(&[json!("create"), json!("attach"), Value::Null]),
                "vnet": d.pick(NAMES),
                "subnet": d.pick(NAMES),
                "networkPlugin": d.pick(&[json!("azure"), json!("kubenet"), Value::Null]),
                "networkPluginMode": d.pick(&[Value::Null, json!("overlay")]),
                "podCidr": if d.flag() { json!(d.pick(CIDRS)) } else { Value::Null },
                "podSubnet": if d.flag() { json!(d.pick(NAMES)) } else { Value::Null },
                "serviceCidr": d.pick(CIDRS),
                "dnsServiceIP": d.pick(ADDRESSES),
                "dockerBridgeCidr": if d.flag() { json!(d.pick(CIDRS)) } else { Value::Null },
                "nodeCount": if d.roll(8) == 0 { json!(d.pick(&[4_294_967_296_u64, 9_007_199_254_740_991])) } else { json!(1 + d.roll(600)) },
                "maxSurge": d.pick(&[json!(0), json!(1), json!(2), json!("10%"), json!("33%"), json!("100%"), Value::Null]),
                "maxPods": d.pick(&[Value::Null, json!(0), json!(10), json!(30), json!(251), json!(u32::MAX)]),
                "vcpusPerNode": d.pick(&[Value::Null, json!(2), json!(4)]),
                "vmSize": d.pick(&[Value::Null, json!("Standard_D4s_v5"), json!("Standard_E8-4s_v5"), json!("Standard_B")]),
                "clusterPurpose": d.pick(&["FastProd", "DevTest"]),
                "privateCluster": d.flag(),
                "loadBalancerType": d.pick(&["PublicIp", "InternalLoadBalancer"]),
                "loadBalancerSubnet": if d.flag() { json!(d.pick(NAMES)) } else { Value::Null },
                "identity": d.pick(&["systemAssigned", "servicePrincipal"]),
                "networkContributorGranted": d.pick(&[json!(true), json!(false), Value::Null]),
                "scoringFromOutsideVnet": d.flag(),
                "nsgAllowsScoringInbound": d.flag(),
            });
            // These fields take no null: a Null above stands for leaving the field out.
            if let Value::Object(map) = &mut cluster {
                for key in ["provisioning", "networkPlugin", "maxSurge", "networkContributorGranted"] {
                    if map.get(key).is_some_and(Value::is_null) {
                        map.remove(key);
                    }
                }
            }
            cluster
        })
        .collect();
    json!({
        "schemaVersion": 1,
        "region": "eastus2",
        "workspace": {
            "resourceGroup": "ml-rg",
            "privateEndpoint": if d.flag() { json!({"vnet": d.pick(NAMES), "subnet": d.pick(NAMES)}) } else { Value::Null },
            "acrInVnet": d.flag(),
        },
        "vnets": vnets,
        "externalRanges": (0..d.roll(3)).map(|_| json!({"name": d.pick(NAMES), "addressPrefix": d.pick(CIDRS), "kind": "vpn"})).collect::<Vec<_>>(),
        "aksClusters": clusters,
        "aciDeployments": (0..d.roll(3)).map(|_| json!({
            "name": d.pick(NAMES), "vnet": d.pick(NAMES), "subnet": d.pick(NAMES),
            "dnsNameLabel": if d.flag() { json!("label") } else { Value::Null },
        })).collect::<Vec<_>>(),
        "egress": { "restricted": d.flag(), "allowedServiceTags": if d.flag() { vec!["AzureContainerRegistry"] } else { vec![] } },
        "permissions": { "vnetJoin": d.flag(), "subnetJoin": d.flag() },
    })
}

/// The document as a plan writes it back: `null`, empty optional lists and empty optional objects
/// are the same as absent, everything else stays as written.
fn without_empties(value: &Value) -> Value {
    const REQUIRED_LISTS: &[&str] = &["vnets", "subnets", "addressPrefixes"];
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), without_empties(v)))
                .filter(|(k, v)| match v {
                    Value::Null => false,
                    Value::Array(items) => !items.is_empty() || REQUIRED_LISTS.contains(&k.as_str()),
                    Value::Object(members) => !members.is_empty() || k == "workspace",
                    _ => true,
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_empties).collect()),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_plans_check_deterministically(dice in proptest::collection::vec(any::<u16>(), 400)) {
        let plan = plan_from_value(&random_plan(&dice)).expect("generated plans are valid documents");
        let first = check(&plan).to_json();
        prop_assert_eq!(&first, &check(&plan).to_json());
        prop_assert_eq!(parse_plan(&plan.to_json()), Ok(plan.clone()));
        let written = serde_json::to_value(&plan).expect("plan serialises");
        for finding in check(&plan).findings {
            prop_assert!(!finding.subjects.is_empty());
            for subject in &finding.subjects {
                // A subject may name a field the plan omits (its default was checked), and that
                // field may sit in an object the plan omits too (`azureMl/api` of a v1 cluster,
                // which writes no `azureMl` at all); the object one level further up must exist.
                let parent = subject.rsplit_once('/').map_or("", |(parent, _)| parent);
                let grandparent = parent.rsplit_once('/').map_or("", |(grandparent, _)| grandparent);
                prop_assert!(
                    written.pointer(subject).is_some()
                        || written.pointer(parent).is_some_and(Value::is_object)
                        || (written.pointer(parent).is_none()
                            && written.pointer(grandparent).is_some_and(Value::is_object)),
                    "{} points nowhere", subject);
            }
        }
    }

    #[test]
    fn absent_stays_absent(dice in proptest::collection::vec(any::<u16>(), 400)) {
        let document = random_plan(&dice);
        let plan = plan_from_value(&document).expect("generated plans are valid documents");
        let written: Value = serde_json::from_str(&plan.to_json()).expect("plans serialise");
        prop_assert_eq!(written, without_empties(&document));
    }

    #[test]
    fn suggest_never_adds_errors(dice in proptest::collection::vec(any::<u16>(), 400)) {
        let plan = plan_from_value(&random_plan(&dice)).expect("generated plans are valid documents");
        let before = error_keys(&plan);
        for error in error_keys(&suggest(&plan)) {
            prop_assert!(before.contains(&error), "suggest added {:?}", error);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_plan(&text);
    }

    #[test]
    fn mangled_documents_never_panic(dice in proptest::collection::vec(any::<u16>(), 400), cut in 0usize..4000) {
        let text = random_plan(&dice).to_string();
        let cut = text.char_indices().map(|(i, _)| i).find(|i| *i >= cut.min(text.len())).unwrap_or(text.len());
        if let Ok(plan) = parse_plan(&text[..cut]) {
            let _ = check(&plan);
        }
    }
}

/// A random plan in which the clusters picked by `v2_mask` are already v2, to show that migration
/// copies v2 objects unchanged.
fn random_mixed_plan(dice: &[u16], v2_mask: u8) -> Value {
    let mut document = random_plan(dice);
    if let Some(Value::Array(clusters)) = document.get_mut("aksClusters") {
        for (index, cluster) in clusters.iter_mut().enumerate() {
            if v2_mask & (1 << index) != 0 {
                if let Value::Object(map) = cluster {
                    for v1_only in ["clusterPurpose", "loadBalancerType", "loadBalancerSubnet"] {
                        map.remove(v1_only);
                    }
                    map.insert("provisioning".into(), json!("attach"));
                    map.insert(
                        "azureMl".into(),
                        json!({"api": "v2", "inferenceRouterServiceType": "nodePort"}),
                    );
                }
            }
        }
    }
    document
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn migration_is_deterministic_idempotent_and_writes_no_attestation(
        dice in proptest::collection::vec(any::<u16>(), 400),
        v2_mask in any::<u8>(),
    ) {
        let plan = plan_from_value(&random_mixed_plan(&dice, v2_mask)).expect("generated plans are valid documents");
        let (migrated, notes) = migrate(&plan);
        prop_assert_eq!(migrate(&plan), (migrated.clone(), notes.clone()));
        prop_assert_eq!(migrate(&migrated), (migrated.clone(), Vec::new()));
        prop_assert_eq!(parse_plan(&migrated.to_json()), Ok(migrated.clone()));
        prop_assert!(migrated.aci_deployments.is_empty() && migrated.aks_clusters.iter().all(|c| c.is_v2()));
        prop_assert_eq!(migrated.online_endpoints.len(), plan.online_endpoints.len() + plan.aci_deployments.len());
        // Attestations stay as the input has them.
        prop_assert_eq!(&migrated.egress, &plan.egress);
        prop_assert_eq!(migrated.workspace.v1_legacy_mode, plan.workspace.v1_legacy_mode);
        prop_assert_eq!(migrated.aks_clusters.len(), plan.aks_clusters.len());
        for (before, after) in plan.aks_clusters.iter().zip(&migrated.aks_clusters) {
            prop_assert_eq!(before.trusted_access, after.trusted_access);
            prop_assert_eq!(before.network_contributor_granted, after.network_contributor_granted);
            if before.is_v2() {
                prop_assert_eq!(before, after);
            }
        }
        // Notes point into the input, in order, and nothing is dropped without one.
        let written = serde_json::to_value(&plan).expect("plan serialises");
        for note in &notes {
            let subject = note.subject();
            let parent = subject.rsplit_once('/').map_or("", |(parent, _)| parent);
            prop_assert!(written.pointer(subject).is_some() || written.pointer(parent).is_some_and(Value::is_object),
                "{} points nowhere", subject);
        }
        let has_note = |code: &str, subject: String| notes.iter().any(|n| n.code == code && n.subjects.first() == Some(&subject));
        for (index, cluster) in plan.aks_clusters.iter().enumerate().filter(|(_, c)| !c.is_v2()) {
            let subject = format!("/aksClusters/{index}/azureMl");
 prop_assert!(has_note("tls-certificate-needed", subject.clone()), "no tls-certificate-needed note at {}", subject);
            if cluster.docker_bridge_cidr.is_some() {
                let subject = format!("/aksClusters/{index}/dockerBridgeCidr");
 prop_assert!(has_note("docker-bridge-dropped", subject.clone()), "no docker-bridge-dropped note at {}", subject);
            }
        }
        for (index, deployment) in plan.aci_deployments.iter().enumerate() {
            let subject = format!("/aciDeployments/{index}/vnet");
 prop_assert!(has_note("aci-vnet-not-carried", subject.clone()), "no aci-vnet-not-carried note at {}", subject);
            if deployment.dns_name_label.is_some() {
                let subject = format!("/aciDeployments/{index}/dnsNameLabel");
 prop_assert!(has_note("dns-label-not-carried", subject.clone()), "no dns-label-not-carried note at {}", subject);
            }
        }
    }
}

/// The v2 findings that the migration guarantee allows on a migrated plan, because each needs a
/// person's decision (rules-v2-additions.md, "Guarantee", case 3), or stands for an input error.
const DECISIONS: &[&str] = &[
    "k8s-tls-settings-incomplete",
    "k8s-service-principal-identity",
    "k8s-workspace-pe-not-reachable",
    "aks-subnet-too-small",
    "private-acr-setup-incomplete",
    "v1-legacy-mode-blocks-v2",
    "k8s-local-accounts-disabled",
    "k8s-private-cluster-public-fqdn",
    "k8s-egress-fqdn-missing",
    "k8s-router-ha-too-few-nodes",
    "trusted-access-outside-public-cloud",
];

/// Input errors that come back under another rule once the migration has moved what they named
/// (the guarantee's case 2). The workspace private endpoint in an ACI subnet is reported by
/// `aci-subnet-shared` while a deployment uses the subnet, and by `private-endpoint-subnet-delegated`
/// once the deployment has become a managed endpoint and left the delegated subnet behind.
const COUNTERPARTS: &[(&str, &str)] = &[("aci-subnet-shared", "private-endpoint-subnet-delegated")];

fn first_subjects_of_errors(plan: &vnetplan_core::Plan) -> Vec<(String, String)> {
    check(plan)
        .findings
        .into_iter()
        .filter(|finding| finding.severity == vnetplan_core::Severity::Error)
        .map(|finding| (finding.rule.id().to_owned(), finding.subjects.first().cloned().unwrap_or_default()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_error_after_migration_is_allowed_by_the_guarantee(dice in proptest::collection::vec(any::<u16>(), 400)) {
        let plan = plan_from_value(&random_plan(&dice)).expect("generated plans are valid documents");
        let before = first_subjects_of_errors(&plan);
        let (migrated, _) = migrate(&plan);
        for (rule, subject) in first_subjects_of_errors(&migrated) {
            let kept = before.contains(&(rule.clone(), subject.clone()));
            let counterpart = COUNTERPARTS.iter().any(|(v1, v2)| {
                *v2 == rule.as_str() && before.iter().any(|(earlier, _)| earlier.as_str() == *v1)
            });
            prop_assert!(
                kept || counterpart || DECISIONS.contains(&rule.as_str()),
                "migration added {} at {}", rule, subject
            );
        }
    }
}

/// Every place in a document where a value sits, as JSON pointers.
fn value_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                value_pointers(member, here.clone(), out);
                out.push(here);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let here = format!("{at}/{index}");
                value_pointers(item, here.clone(), out);
                out.push(here);
            }
        }
        _ => {}
    }
}

/// Values that sit at the edges of what the format takes: nulls where only absence is allowed,
/// numbers just out of range, strings in the wrong case, containers of the wrong kind.
fn edge_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(1),
        json!(-1),
        json!(1.5),
        json!(3.0),
        json!(4_294_967_296_u64),
        json!(9_007_199_254_740_992_u64),
        json!(""),
        json!("10%"),
        json!("0%"),
        json!("3"),
        json!("v1"),
        json!("v2"),
        json!("Disabled"),
        json!("azure"),
        json!("kubernetes"),
        json!("443"),
        json!("08-80"),
        json!("Inference"),
        json!([]),
        json!(["*"]),
        json!({}),
    ]
}

/// A document changed in up to three places: a value replaced, a member removed, or an unknown
/// member added.
fn mutated(mut document: Value, dice: &[u16]) -> Value {
    let mut d = Dice(dice.iter());
    for _ in 0..1 + d.roll(3) {
        let mut pointers = Vec::new();
        value_pointers(&document, String::new(), &mut pointers);
        if pointers.is_empty() {
            break;
        }
        let pointer = d.pick(&pointers);
        let (parent, key) = pointer.rsplit_once('/').map_or(("", ""), |split| split);
        match d.roll(4) {
            0 => {
                if let Some(Value::Object(map)) = document.pointer_mut(parent) {
                    map.remove(key);
                }
            }
            1 => {
                if let Some(Value::Object(map)) = document.pointer_mut(parent) {
                    map.insert("unknownMember".into(), Value::Null);
                }
            }
            _ => {
                let replacement = d.pick(&edge_values());
                if let Some(slot) = document.pointer_mut(&pointer) {
                    *slot = replacement;
                }
            }
        }
    }
    document
}

/// The examples, so that mutations reach every field of the format, v2 ones included.
fn example_documents() -> Vec<Value> {
    let root = vnetplan_tests::repo_root();
    ["examples", "examples/v2", "examples/broken"]
        .iter()
        .flat_map(|dir| vnetplan_tests::json_files(&root.join(dir)))
        .map(|path| serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `parse_plan` reads well-formed text without a JSON tree; whatever it reads, and whatever
    /// it refuses, must be exactly what the tree reader makes of the same text.
    #[test]
    fn reading_without_a_tree_agrees_with_the_tree_reader(
        dice in proptest::collection::vec(any::<u16>(), 400),
        mutation in proptest::collection::vec(any::<u16>(), 12),
        seed in 0usize..64,
        v2_mask in any::<u8>(),
    ) {
        let examples = example_documents();
        let document = match examples.get(seed) {
            Some(example) => example.clone(),
            None => random_mixed_plan(&dice, v2_mask),
        };
        for text in [document.to_string(), mutated(document, &mutation).to_string()] {
            let by_tree = serde_json::from_str::<Value>(&text)
                .map_err(|error| error.to_string())
                .and_then(|value| plan_from_value(&value).map_err(|error| error.to_string()));
            let read = parse_plan(&text).map_err(|error| error.to_string());
            prop_assert_eq!(read.is_ok(), by_tree.is_ok(), "{}", text);
            if let (Ok(read), Ok(by_tree)) = (read, by_tree) {
                prop_assert_eq!(read, by_tree, "{}", text);
            }
        }
    }
}
