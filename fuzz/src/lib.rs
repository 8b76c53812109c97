//! Shared pieces of the fuzz targets: the properties every plan must keep, and a plan generator
//! driven by `arbitrary` input.
//!
//! The generator maps fuzzer bytes onto plan JSON rather than onto the core's types, so that the
//! reader (`plan_from_value`) is exercised too, and so that a plan can carry what a person or a
//! paste would put in it: absent fields, `null`s, hostile strings and values near each other.

use std::collections::BTreeSet;

use arbitrary::Arbitrary;
use serde_json::{json, Map, Value};
use vnetplan_core::{check, parse_plan, suggest, Plan, Report, RuleId, Severity};

/// The errors of a report, as `suggest` itself compares findings: by rule and subjects.
pub fn error_keys(report: &Report) -> BTreeSet<(RuleId, Vec<String>)> {
    report
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| (finding.rule, finding.subjects.clone()))
        .collect()
}

/// Checks twice (the report must be byte-identical), re-reads the plan from its own JSON, then
/// applies `suggest` and checks that no new error appeared. Returns the first report, for callers
/// that go on to lay the plan out.
pub fn check_then_suggest(plan: &Plan) -> Report {
    let before = check(plan);
    assert_eq!(before.to_json(), check(plan).to_json(), "check is not deterministic");
    assert_round_trip(plan);

    let fixed = suggest(plan);
    let after = check(&fixed);
    let before_keys = error_keys(&before);
    let new: Vec<_> = error_keys(&after).difference(&before_keys).cloned().collect();
    assert!(
        new.is_empty(),
        "suggest added errors {new:?}\nplan: {}\nfixed: {}",
        plan.to_json(),
        fixed.to_json()
    );
    assert_round_trip(&fixed);
    before
}

/// A plan written with `to_json` reads back as the same plan.
pub fn assert_round_trip(plan: &Plan) {
    let text = plan.to_json();
    match parse_plan(&text) {
        Ok(again) => assert_eq!(&again, plan, "the plan changed through its JSON:\n{text}"),
        Err(error) => panic!("a plan's own JSON is rejected: {error}\n{text}"),
    }
}

/// Longest lists the generator emits: enough for every cross-object rule (overlaps, shared
/// subnets, duplicate names), small enough to keep executions fast.
const MAX_VNETS: usize = 4;
const MAX_PREFIXES: usize = 3;
const MAX_SUBNETS: usize = 6;
const MAX_EXTERNAL: usize = 3;
const MAX_CLUSTERS: usize = 4;
const MAX_ACI: usize = 3;
const MAX_TAGS: usize = 5;

/// Names shared by VNets, subnets and references, so that references mostly resolve and
/// duplicates happen.
const NAMES: &[&str] = &["hub", "spoke", "aks", "aci", "default", "ilb", "pe", "kube"];

const REGIONS: &[&str] = &["eastus2", "westeurope", "EastUS2", "westus2", ""];

/// Strings that break naive quoting, pointer escaping, number parsing or Unicode handling.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "\"",
    "'",
    "\\",
    "${HOME}",
    "$(id)",
    "`id`",
    "a\nb",
    "\r\n",
    "\u{0}",
    "}}{{",
    "</script><script>",
    "-- ",
    "# ",
    "*/ /*",
    "~1/~0",
    "/",
    "/vnets/0",
    "é",
    "🦀",
    "\u{202e}",
    "ｈｕｂ",
    "10.0.0.0/16",
    "0.0.0.0/0",
    "255.255.255.255/32",
    "010.1.0.0/16",
    "1.2.3.4/33",
    "::/0",
    "fd00::/8",
    "10.0.0.0",
    " 10.0.0.0/16",
    "10.0.0.0/16 ",
    "١٠.0.0.0/8",
    "10.0.0.0/-1",
    "10.0.0.0/",
    "/16",
    "10.0.0.256/24",
    "4294967296.0.0.0/8",
    "10.0.0.0/016",
    "10.0.0.0/+8",
    "10..0.0/16",
    "10.0.0.0.0/16",
    "１０.0.0.0/8",
];

const DELEGATIONS: &[&str] = &[
    "Microsoft.ContainerInstance/containerGroups",
    "Microsoft.Web/serverFarms",
    "microsoft.containerinstance/containergroups",
];

const SERVICE_TAGS: &[&str] = &[
    "AzureContainerRegistry",
    "AzureContainerRegistry.eastus2",
    "AzureContainerRegistry.EastUS2",
    "MicrosoftContainerRegistry",
    "AzureActiveDirectory",
    "AzureMachineLearning",
    "AzureResourceManager",
    "Storage",
    "Storage.eastus2",
    "AzureFrontDoor.FrontEnd",
    "AzureFrontDoor.FirstParty",
    "AzureMonitor",
];

/// Starting points of generated ranges: the usual private blocks, the ranges Azure and AKS
/// reserve, and the edges of the address space.
const BASES: &[u32] = &[
    0x0A00_0000, // 10.0.0.0
    0x0A01_0000, // 10.1.0.0
    0x0A00_0000, // 10.0.0.0 again, to make collisions likelier
    0x0AF4_0000, // 10.244.0.0, kubenet's default pod range
    0xAC10_0000, // 172.16.0.0
    0xAC11_0000, // 172.17.0.0, the docker bridge
    0xC0A8_0000, // 192.168.0.0
    0x6440_0000, // 100.64.0.0
    0xA83F_8110, // 168.63.129.16
    0xA9FE_0000, // 169.254.0.0
    0xE000_0000, // 224.0.0.0
    0x0000_0000,
    0xFFFF_FF00,
];

fn pick<'a>(list: &[&'a str], index: u8) -> &'a str {
    list.get(usize::from(index) % list.len()).copied().unwrap_or_default()
}

/// Free text, most often one of the shared names.
#[derive(Arbitrary, Debug)]
pub enum Text {
    Known(u8),
    AlsoKnown(u8),
    Hostile(u8),
    Free(String),
}

impl Text {
    fn render(&self) -> Value {
        Value::String(match self {
            Self::Known(index) | Self::AlsoKnown(index) => pick(NAMES, *index).to_owned(),
            Self::Hostile(index) => pick(HOSTILE, *index).to_owned(),
            Self::Free(text) => text.clone(),
        })
    }
}

#[derive(Arbitrary, Debug)]
pub enum Region {
    Known(u8),
    Free(Text),
}

impl Region {
    fn render(&self) -> Value {
        match self {
            Self::Known(index) => json!(pick(REGIONS, *index)),
            Self::Free(text) => text.render(),
        }
    }
}

/// A network value: most often a range near one of the bases, sometimes an IPv6 prefix (valid in
/// VNets, subnets and external ranges since contract 1.1, refused in Kubernetes fields), an address
/// without a prefix length, a hostile string or random text.
#[derive(Arbitrary, Debug)]
pub enum Cidr {
    Near { base: u8, step: u16, low: u8, prefix: u8, aligned: bool },
    AlsoNear { base: u8, step: u16, prefix: u8 },
    Ipv6 { base: u8, step: u16, prefix: u8, aligned: bool },
    Address { base: u8, step: u16, low: u8 },
    Hostile(u8),
    Free(String),
}

/// IPv6 blocks plans use: unique local, documentation, and a global one.
const V6_BASES: &[&str] = &["fd00", "fd00:db8", "2001:db8", "2603:1030"];

fn near(base: u8, step: u16, low: u8) -> u32 {
    let base = BASES.get(usize::from(base) % BASES.len()).copied().unwrap_or_default();
    base.wrapping_add(u32::from(step) << 8).wrapping_add(u32::from(low))
}

fn dotted(address: u32) -> String {
    std::net::Ipv4Addr::from(address).to_string()
}

/// Prefix lengths mostly from /8 to /30, the sizes plans use, and sometimes any of 0 to 32.
fn prefix_length(raw: u8) -> u32 {
    if raw < 224 {
        8 + u32::from(raw) % 23
    } else {
        u32::from(raw) % 33
    }
}

impl Cidr {
    fn render(&self) -> Value {
        Value::String(match self {
            Self::Near { base, step, low, prefix, aligned } => {
                let length = prefix_length(*prefix);
                let mut address = near(*base, *step, *low);
                if *aligned {
                    address &= u32::MAX.checked_shl(32 - length).unwrap_or(0);
                }
                format!("{}/{length}", dotted(address))
            }
            Self::AlsoNear { base, step, prefix } => {
                let length = prefix_length(*prefix);
                let address = near(*base, *step, 0) & u32::MAX.checked_shl(32 - length).unwrap_or(0);
                format!("{}/{length}", dotted(address))
            }
            Self::Ipv6 { base, step, prefix, aligned } => {
                // Mostly /48 to /64, the sizes Azure VNets and subnets take, sometimes any.
                let length =
                    if *prefix < 200 { 48 + u32::from(*prefix) % 17 } else { u32::from(*prefix) % 129 };
                let host = if *aligned { "" } else { "1" };
                format!("{}:{step:x}::{host}/{length}", pick(V6_BASES, *base))
            }
            Self::Address { base, step, low } => dotted(near(*base, *step, *low)),
            Self::Hostile(index) => pick(HOSTILE, *index).to_owned(),
            Self::Free(text) => text.clone(),
        })
    }
}

/// `maxSurge`: a node count, or a percentage of the pool as AKS takes it ("33%").
#[derive(Arbitrary, Debug)]
pub enum Surge {
    Nodes(Count),
    Percent(u8),
}

impl Surge {
    fn render(&self) -> Value {
        match self {
            Self::Nodes(count) => count.render(),
            Self::Percent(percent) => json!(format!("{percent}%")),
        }
    }
}

/// VM sizes whose names give a vCPU count, a constrained-core count, or none.
const VM_SIZES: &[&str] = &[
    "Standard_D2s_v3",
    "Standard_D4s_v5",
    "Standard_E8-4s_v5",
    "Standard_NC24ads_A100_v4",
    "Standard_A0",
    "Basic",
];

/// A whole number field: small values most of the time, any `u32` sometimes.
#[derive(Arbitrary, Debug)]
pub enum Count {
    Small(u8),
    Any(u32),
}

impl Count {
    fn render(&self) -> Value {
        match self {
            Self::Small(value) => json!(value),
            Self::Any(value) => json!(value),
        }
    }
}

/// A field that may be absent, `null`, or set.
#[derive(Arbitrary, Debug)]
pub enum Nullable<T> {
    Absent,
    Null,
    Set(T),
}

fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value);
    }
}

fn put_nullable<T>(
    object: &mut Map<String, Value>,
    key: &str,
    field: &Nullable<T>,
    render: impl Fn(&T) -> Value,
) {
    match field {
        Nullable::Absent => {}
        Nullable::Null => {
            object.insert(key.to_owned(), Value::Null);
        }
        Nullable::Set(value) => {
            object.insert(key.to_owned(), render(value));
        }
    }
}

fn choice(options: &[&str], index: &Option<u8>) -> Option<Value> {
    index.map(|index| json!(pick(options, index)))
}

#[derive(Arbitrary, Debug)]
pub struct FuzzPlan {
    name: Option<Text>,
    region: Region,
    workspace: FuzzWorkspace,
    vnets: Vec<FuzzVnet>,
    external_ranges: Option<Vec<FuzzExternal>>,
    clusters: Option<Vec<FuzzCluster>>,
    aci: Option<Vec<FuzzAci>>,
    egress: Option<FuzzEgress>,
    permissions: Option<(Option<bool>, Option<bool>)>,
    endpoints: Option<Vec<FuzzEndpoint>>,
}

/// An Azure ML v2 online endpoint, managed or on a Kubernetes compute named like the clusters.
#[derive(Arbitrary, Debug)]
struct FuzzEndpoint {
    name: Text,
    kubernetes: bool,
    compute: Option<Text>,
    public: Option<bool>,
    legacy_egress_public: Option<bool>,
}

/// The v2 settings of a cluster (`azureMl`), the router's exposure among them.
#[derive(Arbitrary, Debug)]
struct FuzzAzureMl {
    v2: Option<bool>,
    router: Option<u8>,
    internal: bool,
    insecure: Option<bool>,
    cname: Option<Text>,
    certificate: Option<u8>,
    high_availability: Option<bool>,
    namespace: Option<u8>,
    reuses_v1: Option<bool>,
}

/// The workspace's managed network, with outbound rules of each type.
#[derive(Arbitrary, Debug)]
struct FuzzManagedNetwork {
    isolation: u8,
    rules: Vec<(Text, u8, u8, Option<Vec<u8>>)>,
    image_build: Option<Text>,
}

const NAMESPACES: &[&str] = &["default", "azureml-ws", "inference", "a"];
const DESTINATIONS: &[&str] = &[
    "mcr.microsoft.com",
    "*.azurecr.io",
    "pypi.org",
    "*.blob.core.windows.net",
    "AzureMonitor",
    "Storage.eastus2",
    "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st",
];
const PORTS: &[&str] = &["*", "80", "443", "8080-8090", "22"];
const FQDNS: &[&str] = &[
    "*",
    "*.hcp.eastus2.azmk8s.io",
    "mcr.microsoft.com",
    "*.data.mcr.microsoft.com",
    "management.azure.com",
    "login.microsoftonline.com",
    "*.azurecr.io",
    "eastus2.dp.kubernetesconfiguration.azure.com",
    "*.blob.core.windows.net",
    "*.api.azureml.ms",
];

#[derive(Arbitrary, Debug)]
struct FuzzWorkspace {
    resource_group: Text,
    private_endpoint: Nullable<(Text, Text)>,
    acr_in_vnet: Option<bool>,
    v1_legacy_mode: Option<bool>,
    managed_network: Option<FuzzManagedNetwork>,
    acr_sku: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct FuzzVnet {
    name: Text,
    resource_group: Text,
    region: Nullable<Region>,
    prefixes: Vec<Cidr>,
    subnets: Vec<FuzzSubnet>,
    peerings: Option<Vec<Text>>,
}

#[derive(Arbitrary, Debug)]
struct FuzzSubnet {
    name: Text,
    prefix: Cidr,
    delegations: Option<Vec<Delegation>>,
}

#[derive(Arbitrary, Debug)]
enum Delegation {
    Known(u8),
    Free(Text),
}

#[derive(Arbitrary, Debug)]
struct FuzzExternal {
    name: Text,
    prefix: Cidr,
    kind: u8,
}

#[derive(Arbitrary, Debug)]
struct FuzzCluster {
    name: Text,
    provisioning: Option<u8>,
    region: Nullable<Region>,
    /// Absent together: a cluster in the VNet that AKS manages. One without the other is for the
    /// reader to reject.
    vnet: Option<Text>,
    subnet: Option<Text>,
    network_plugin: Option<u8>,
    network_plugin_mode: Nullable<()>,
    pod_cidr: Nullable<Cidr>,
    pod_subnet: Nullable<Text>,
    service_cidr: Cidr,
    dns_service_ip: Cidr,
    docker_bridge_cidr: Nullable<Cidr>,
    node_count: Count,
    max_surge: Option<Surge>,
    max_pods: Nullable<Count>,
    vcpus_per_node: Nullable<Count>,
    vm_size: Nullable<u8>,
    cluster_purpose: Option<u8>,
    private_cluster: Option<bool>,
    load_balancer_type: Option<u8>,
    load_balancer_subnet: Nullable<Text>,
    identity: Option<u8>,
    network_contributor_granted: Option<bool>,
    scoring_from_outside_vnet: Option<bool>,
    nsg_allows_scoring_inbound: Option<bool>,
    azure_ml: Option<FuzzAzureMl>,
    authorized_ranges: Option<Vec<Cidr>>,
    trusted_access: Option<bool>,
    local_accounts_disabled: Option<bool>,
    private_cluster_public_fqdn: Option<bool>,
}

#[derive(Arbitrary, Debug)]
struct FuzzAci {
    name: Text,
    vnet: Text,
    subnet: Text,
    dns_name_label: Nullable<Text>,
}

#[derive(Arbitrary, Debug)]
struct FuzzEgress {
    restricted: Option<bool>,
    tags: Option<Vec<ServiceTag>>,
    fqdns: Option<Vec<u8>>,
}

#[derive(Arbitrary, Debug)]
enum ServiceTag {
    Known(u8),
    Free(Text),
}

fn list<T>(items: &[T], limit: usize, render: impl Fn(&T) -> Value) -> Value {
    Value::Array(items.iter().take(limit).map(render).collect())
}

impl FuzzPlan {
    /// The plan document. It is not always a valid one: a count below its minimum, for one, is
    /// for the reader to reject.
    pub fn to_value(&self) -> Value {
        let mut root = Map::new();
        root.insert("schemaVersion".to_owned(), json!(1));
        put(&mut root, "name", self.name.as_ref().map(Text::render));
        root.insert("region".to_owned(), self.region.render());
        root.insert("workspace".to_owned(), self.workspace.render());
        root.insert("vnets".to_owned(), list(&self.vnets, MAX_VNETS, FuzzVnet::render));
        put(
            &mut root,
            "externalRanges",
            self.external_ranges.as_ref().map(|ranges| list(ranges, MAX_EXTERNAL, FuzzExternal::render)),
        );
        put(
            &mut root,
            "aksClusters",
            self.clusters.as_ref().map(|clusters| list(clusters, MAX_CLUSTERS, FuzzCluster::render)),
        );
        put(&mut root, "aciDeployments", self.aci.as_ref().map(|aci| list(aci, MAX_ACI, FuzzAci::render)));
        put(&mut root, "egress", self.egress.as_ref().map(FuzzEgress::render));
        if let Some((vnet_join, subnet_join)) = self.permissions {
            let mut permissions = Map::new();
            put(&mut permissions, "vnetJoin", vnet_join.map(Value::Bool));
            put(&mut permissions, "subnetJoin", subnet_join.map(Value::Bool));
            root.insert("permissions".to_owned(), Value::Object(permissions));
        }
        put(
            &mut root,
            "onlineEndpoints",
            self.endpoints.as_ref().map(|endpoints| list(endpoints, MAX_ACI, FuzzEndpoint::render)),
        );
        Value::Object(root)
    }
}

impl FuzzWorkspace {
    fn render(&self) -> Value {
        let mut object = Map::new();
        object.insert("resourceGroup".to_owned(), self.resource_group.render());
        put_nullable(
            &mut object,
            "privateEndpoint",
            &self.private_endpoint,
            |(vnet, subnet)| json!({"vnet": vnet.render(), "subnet": subnet.render()}),
        );
        put(&mut object, "acrInVnet", self.acr_in_vnet.map(Value::Bool));
        put(&mut object, "v1LegacyMode", self.v1_legacy_mode.map(Value::Bool));
        put(&mut object, "managedNetwork", self.managed_network.as_ref().map(FuzzManagedNetwork::render));
        put(&mut object, "acrSku", choice(&["Basic", "Standard", "Premium"], &self.acr_sku));
        Value::Object(object)
    }
}

impl FuzzVnet {
    fn render(&self) -> Value {
        let mut object = Map::new();
        object.insert("name".to_owned(), self.name.render());
        object.insert("resourceGroup".to_owned(), self.resource_group.render());
        put_nullable(&mut object, "region", &self.region, Region::render);
        object.insert("addressPrefixes".to_owned(), list(&self.prefixes, MAX_PREFIXES, Cidr::render));
        object.insert("subnets".to_owned(), list(&self.subnets, MAX_SUBNETS, FuzzSubnet::render));
        put(
            &mut object,
            "peerings",
            self.peerings.as_ref().map(|names| list(names, MAX_VNETS, Text::render)),
        );
        Value::Object(object)
    }
}

impl FuzzSubnet {
    fn render(&self) -> Value {
        let mut object = Map::new();
        object.insert("name".to_owned(), self.name.render());
        object.insert("addressPrefix".to_owned(), self.prefix.render());
        put(
            &mut object,
            "delegations",
            self.delegations.as_ref().map(|delegations| {
                list(delegations, 2, |delegation| match delegation {
                    Delegation::Known(index) => json!(pick(DELEGATIONS, *index)),
                    Delegation::Free(text) => text.render(),
                })
            }),
        );
        Value::Object(object)
    }
}

impl FuzzExternal {
    fn render(&self) -> Value {
        json!({
            "name": self.name.render(),
            "addressPrefix": self.prefix.render(),
            "kind": pick(&["peeredVnet", "onPremises", "vpn", "expressRoute", "other"], self.kind),
        })
    }
}

impl FuzzCluster {
    fn render(&self) -> Value {
        let mut object = Map::new();
        object.insert("name".to_owned(), self.name.render());
        put(&mut object, "provisioning", choice(&["create", "attach"], &self.provisioning));
        put_nullable(&mut object, "region", &self.region, Region::render);
        put(&mut object, "vnet", self.vnet.as_ref().map(Text::render));
        put(&mut object, "subnet", self.subnet.as_ref().map(Text::render));
        put(&mut object, "networkPlugin", choice(&["azure", "kubenet"], &self.network_plugin));
        put_nullable(&mut object, "networkPluginMode", &self.network_plugin_mode, |()| json!("overlay"));
        put_nullable(&mut object, "podCidr", &self.pod_cidr, Cidr::render);
        put_nullable(&mut object, "podSubnet", &self.pod_subnet, Text::render);
        object.insert("serviceCidr".to_owned(), self.service_cidr.render());
        object.insert("dnsServiceIP".to_owned(), self.dns_service_ip.render());
        put_nullable(&mut object, "dockerBridgeCidr", &self.docker_bridge_cidr, Cidr::render);
        object.insert("nodeCount".to_owned(), self.node_count.render());
        put(&mut object, "maxSurge", self.max_surge.as_ref().map(Surge::render));
        put_nullable(&mut object, "maxPods", &self.max_pods, Count::render);
        put_nullable(&mut object, "vcpusPerNode", &self.vcpus_per_node, Count::render);
        put_nullable(&mut object, "vmSize", &self.vm_size, |index| json!(pick(VM_SIZES, *index)));
        put(&mut object, "clusterPurpose", choice(&["FastProd", "DevTest"], &self.cluster_purpose));
        put(&mut object, "privateCluster", self.private_cluster.map(Value::Bool));
        put(
            &mut object,
            "loadBalancerType",
            choice(&["PublicIp", "InternalLoadBalancer"], &self.load_balancer_type),
        );
        put_nullable(&mut object, "loadBalancerSubnet", &self.load_balancer_subnet, Text::render);
        put(&mut object, "identity", choice(&["systemAssigned", "servicePrincipal"], &self.identity));
        put(&mut object, "networkContributorGranted", self.network_contributor_granted.map(Value::Bool));
        put(&mut object, "scoringFromOutsideVnet", self.scoring_from_outside_vnet.map(Value::Bool));
        put(&mut object, "nsgAllowsScoringInbound", self.nsg_allows_scoring_inbound.map(Value::Bool));
        put(&mut object, "azureMl", self.azure_ml.as_ref().map(FuzzAzureMl::render));
        put(
            &mut object,
            "apiServerAuthorizedIpRanges",
            self.authorized_ranges.as_ref().map(|ranges| list(ranges, MAX_PREFIXES, Cidr::render)),
        );
        put(&mut object, "trustedAccess", self.trusted_access.map(Value::Bool));
        put(&mut object, "localAccountsDisabled", self.local_accounts_disabled.map(Value::Bool));
        put(&mut object, "privateClusterPublicFqdn", self.private_cluster_public_fqdn.map(Value::Bool));
        Value::Object(object)
    }
}

impl FuzzAci {
    fn render(&self) -> Value {
        let mut object = Map::new();
        object.insert("name".to_owned(), self.name.render());
        object.insert("vnet".to_owned(), self.vnet.render());
        object.insert("subnet".to_owned(), self.subnet.render());
        put_nullable(&mut object, "dnsNameLabel", &self.dns_name_label, Text::render);
        Value::Object(object)
    }
}

impl FuzzEgress {
    fn render(&self) -> Value {
        let mut object = Map::new();
        put(&mut object, "restricted", self.restricted.map(Value::Bool));
        put(
            &mut object,
            "allowedServiceTags",
            self.tags.as_ref().map(|tags| {
                list(tags, MAX_TAGS, |tag| match tag {
                    ServiceTag::Known(index) => json!(pick(SERVICE_TAGS, *index)),
                    ServiceTag::Free(text) => text.render(),
                })
            }),
        );
        put(
            &mut object,
            "allowedFqdns",
            self.fqdns.as_ref().map(|names| list(names, FQDNS.len(), |name| json!(pick(FQDNS, *name)))),
        );
        Value::Object(object)
    }
}

impl FuzzAzureMl {
    /// Mostly documents the reader accepts: v2 members only with `"api": "v2"`, which then
    /// names the router; sometimes not, for the reader to reject.
    fn render(&self) -> Value {
        let mut object = Map::new();
        put(&mut object, "api", self.v2.map(|v2| json!(if v2 { "v2" } else { "v1" })));
        if self.v2 == Some(true) {
            put(
                &mut object,
                "inferenceRouterServiceType",
                choice(&["loadBalancer", "nodePort", "clusterIP"], &self.router),
            );
            if self.internal {
                object.insert("internalLoadBalancerProvider".to_owned(), json!("azure"));
            }
            put(&mut object, "allowInsecureConnections", self.insecure.map(Value::Bool));
            put(&mut object, "sslCname", self.cname.as_ref().map(Text::render));
            put(&mut object, "sslCertificate", choice(&["secret", "pemFiles"], &self.certificate));
            put(&mut object, "inferenceRouterHA", self.high_availability.map(Value::Bool));
            put(&mut object, "namespace", choice(NAMESPACES, &self.namespace));
            put(&mut object, "reusesV1Cluster", self.reuses_v1.map(Value::Bool));
        }
        Value::Object(object)
    }
}

impl FuzzManagedNetwork {
    fn render(&self) -> Value {
        let rules = self.rules.iter().take(MAX_TAGS).map(|(name, kind, destination, ports)| {
            let mut rule = Map::new();
            rule.insert("name".to_owned(), name.render());
            rule.insert("type".to_owned(), json!(pick(&["fqdn", "serviceTag", "privateEndpoint"], *kind)));
            rule.insert("destination".to_owned(), json!(pick(DESTINATIONS, *destination)));
            put(
                &mut rule,
                "ports",
                ports.as_ref().map(|ports| list(ports, 3, |port| json!(pick(PORTS, *port)))),
            );
            Value::Object(rule)
        });
        let mut object = Map::new();
        object.insert(
            "isolationMode".to_owned(),
            json!(pick(&["disabled", "allowInternetOutbound", "allowOnlyApprovedOutbound"], self.isolation)),
        );
        object.insert("outboundRules".to_owned(), Value::Array(rules.collect()));
        put(&mut object, "imageBuildCompute", self.image_build.as_ref().map(Text::render));
        Value::Object(object)
    }
}

impl FuzzEndpoint {
    fn render(&self) -> Value {
        let mut object = Map::new();
        object.insert("name".to_owned(), self.name.render());
        object.insert("kind".to_owned(), json!(if self.kubernetes { "kubernetes" } else { "managed" }));
        put(&mut object, "compute", self.compute.as_ref().map(Text::render));
        let access = |open: bool| json!(if open { "enabled" } else { "disabled" });
        put(&mut object, "publicNetworkAccess", self.public.map(access));
        put(&mut object, "legacyEgressPublicNetworkAccess", self.legacy_egress_public.map(access));
        Value::Object(object)
    }
}
