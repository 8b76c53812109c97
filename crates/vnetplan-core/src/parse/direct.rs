//! The fast way in: the text read straight into the model's shape by serde, with no JSON tree.
//!
//! It accepts a subset of what the tree reader accepts and gives the same plan for it: a
//! document it refuses, for whatever reason, goes to the tree reader, which accepts it or says
//! precisely why not. So it never needs messages of its own, and a wrong refusal here only
//! costs time. Its one duty is never to accept a document the tree reader refuses, or to read
//! one differently; `tests/tests/properties.rs` and the fuzz target hold it to that.

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, Error, MapAccess, Visitor};
use serde::Deserialize;

use crate::plan::{
    is_namespace_name, AciDeployment, AcrSku, AksCluster, AzureMl, AzureMlApi, Choice, ClusterPurpose,
    Egress, EndpointKind, ExternalRange, ExternalRangeKind, Identity, InternalLoadBalancerProvider,
    IsolationMode, LoadBalancerType, ManagedNetwork, MaxSurge, NetworkAccess, NetworkPlugin,
    NetworkPluginMode, OnlineEndpoint, OutboundRule, OutboundRuleType, Permissions, Plan, PortRange,
    Provisioning, RouterServiceType, SslCertificate, Subnet, SubnetRef, Vnet, Workspace, MAX_NODE_COUNT,
    SCHEMA_VERSION,
};

/// The plan, when the document is one this reader takes; `None` sends it to the tree reader.
pub(super) fn read(text: &str) -> Option<Plan> {
    serde_json::from_str::<Obj<Document>>(text).ok()?.0.into_plan()
}

/// An object, and only an object: serde's derived readers also take a struct written as a
/// list of its values in order, which the format does not allow.
struct Obj<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
            type Value = Obj<T>;
            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Obj)
            }
        }
        deserializer.deserialize_map(ObjectOnly(std::marker::PhantomData))
    }
}

// Field attributes, one per rule of the format:
// - `default, deserialize_with = "present"`: may be absent, and `null` is refused;
// - `default` on an `Option`: may be absent or `null`;
// - `default` on a `Vec`: may be absent, and `null` is refused;
// - no attribute: required.

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Document {
    schema_version: u64,
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
    region: String,
    workspace: Obj<DocWorkspace>,
    vnets: Vec<Obj<DocVnet>>,
    #[serde(default)]
    external_ranges: Vec<Obj<DocExternalRange>>,
    #[serde(default)]
    aks_clusters: Vec<Obj<DocCluster>>,
    #[serde(default)]
    aci_deployments: Vec<Obj<DocAci>>,
    #[serde(default, deserialize_with = "present")]
    egress: Option<Obj<DocEgress>>,
    #[serde(default, deserialize_with = "present")]
    permissions: Option<Obj<DocPermissions>>,
    #[serde(default)]
    online_endpoints: Vec<Obj<DocEndpoint>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocWorkspace {
    resource_group: String,
    #[serde(default)]
    private_endpoint: Option<Obj<DocSubnetRef>>,
    #[serde(default, deserialize_with = "present")]
    acr_in_vnet: Option<bool>,
    #[serde(default, rename = "v1LegacyMode", deserialize_with = "present")]
    v1_legacy_mode: Option<bool>,
    #[serde(default)]
    managed_network: Option<Obj<DocManagedNetwork>>,
    #[serde(default, deserialize_with = "nullable_choice")]
    acr_sku: Option<AcrSku>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocSubnetRef {
    vnet: String,
    subnet: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocVnet {
    name: String,
    resource_group: String,
    #[serde(default)]
    region: Option<String>,
    address_prefixes: Vec<String>,
    subnets: Vec<Obj<DocSubnet>>,
    #[serde(default)]
    peerings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocSubnet {
    name: String,
    address_prefix: String,
    #[serde(default)]
    delegations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocExternalRange {
    name: String,
    address_prefix: String,
    #[serde(deserialize_with = "choice")]
    kind: ExternalRangeKind,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocCluster {
    name: String,
    #[serde(default, deserialize_with = "present_choice")]
    provisioning: Option<Provisioning>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default, deserialize_with = "present")]
    vnet: Option<String>,
    #[serde(default, deserialize_with = "present")]
    subnet: Option<String>,
    #[serde(default, deserialize_with = "present_choice")]
    network_plugin: Option<NetworkPlugin>,
    #[serde(default, deserialize_with = "nullable_choice")]
    network_plugin_mode: Option<NetworkPluginMode>,
    #[serde(default)]
    pod_cidr: Option<String>,
    #[serde(default)]
    pod_subnet: Option<String>,
    service_cidr: String,
    #[serde(rename = "dnsServiceIP")]
    dns_service_ip: String,
    #[serde(default)]
    docker_bridge_cidr: Option<String>,
    node_count: u64,
    #[serde(default, deserialize_with = "present")]
    max_surge: Option<DocMaxSurge>,
    #[serde(default)]
    max_pods: Option<u64>,
    #[serde(default)]
    vcpus_per_node: Option<u64>,
    #[serde(default)]
    vm_size: Option<String>,
    #[serde(default, deserialize_with = "present_choice")]
    cluster_purpose: Option<ClusterPurpose>,
    #[serde(default, deserialize_with = "present")]
    private_cluster: Option<bool>,
    #[serde(default, deserialize_with = "present_choice")]
    load_balancer_type: Option<LoadBalancerType>,
    #[serde(default)]
    load_balancer_subnet: Option<String>,
    #[serde(default, deserialize_with = "present_choice")]
    identity: Option<Identity>,
    #[serde(default, deserialize_with = "present")]
    network_contributor_granted: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    scoring_from_outside_vnet: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    nsg_allows_scoring_inbound: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    azure_ml: Option<Obj<DocAzureMl>>,
    #[serde(default)]
    api_server_authorized_ip_ranges: Vec<String>,
    #[serde(default, deserialize_with = "present")]
    trusted_access: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    local_accounts_disabled: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    private_cluster_public_fqdn: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DocMaxSurge {
    Nodes(u64),
    Text(String),
}

/// Under `api` other than `"v2"` every other member must be absent, even when `null`: the
/// nullable ones are read as `Option<Option<_>>` so that a written `null` is seen.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocAzureMl {
    #[serde(default, deserialize_with = "present_choice")]
    api: Option<AzureMlApi>,
    #[serde(default, deserialize_with = "present_choice")]
    inference_router_service_type: Option<RouterServiceType>,
    #[serde(default, deserialize_with = "written_nullable_choice")]
    internal_load_balancer_provider: Option<Option<InternalLoadBalancerProvider>>,
    #[serde(default, deserialize_with = "present")]
    allow_insecure_connections: Option<bool>,
    #[serde(default, deserialize_with = "written")]
    ssl_cname: Option<Option<String>>,
    #[serde(default, deserialize_with = "written_nullable_choice")]
    ssl_certificate: Option<Option<SslCertificate>>,
    #[serde(default, rename = "inferenceRouterHA", deserialize_with = "present")]
    inference_router_ha: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    namespace: Option<String>,
    #[serde(default, rename = "reusesV1Cluster", deserialize_with = "present")]
    reuses_v1_cluster: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocAci {
    name: String,
    vnet: String,
    subnet: String,
    #[serde(default)]
    dns_name_label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocEgress {
    #[serde(default, deserialize_with = "present")]
    restricted: Option<bool>,
    #[serde(default)]
    allowed_service_tags: Vec<String>,
    #[serde(default)]
    allowed_fqdns: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocPermissions {
    #[serde(default, deserialize_with = "present")]
    vnet_join: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    subnet_join: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocManagedNetwork {
    #[serde(deserialize_with = "choice")]
    isolation_mode: IsolationMode,
    #[serde(default)]
    outbound_rules: Vec<Obj<DocOutboundRule>>,
    #[serde(default)]
    image_build_compute: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocOutboundRule {
    name: String,
    #[serde(rename = "type", deserialize_with = "choice")]
    rule_type: OutboundRuleType,
    destination: String,
    #[serde(default, deserialize_with = "present")]
    ports: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DocEndpoint {
    name: String,
    #[serde(deserialize_with = "choice")]
    kind: EndpointKind,
    #[serde(default)]
    compute: Option<String>,
    #[serde(default, deserialize_with = "nullable_choice")]
    public_network_access: Option<NetworkAccess>,
    #[serde(default, deserialize_with = "nullable_choice")]
    legacy_egress_public_network_access: Option<NetworkAccess>,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// `Some(None)` for a written `null`, so that presence can be told from absence.
fn written<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

fn choice<'de, D: Deserializer<'de>, T: Choice>(deserializer: D) -> Result<T, D::Error> {
    let text = String::deserialize(deserializer)?;
    T::from_text(&text).ok_or_else(|| D::Error::custom("not one of the choices"))
}

fn present_choice<'de, D: Deserializer<'de>, T: Choice>(deserializer: D) -> Result<Option<T>, D::Error> {
    choice(deserializer).map(Some)
}

fn nullable_choice<'de, D: Deserializer<'de>, T: Choice>(deserializer: D) -> Result<Option<T>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        Some(text) => T::from_text(&text).map(Some).ok_or_else(|| D::Error::custom("not one of the choices")),
        None => Ok(None),
    }
}

fn written_nullable_choice<'de, D: Deserializer<'de>, T: Choice>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    nullable_choice(deserializer).map(Some)
}

/// A 32-bit count from `minimum` up, as the tree reader bounds it.
fn count32(value: Option<u64>, minimum: u32) -> Option<Option<u32>> {
    match value {
        None => Some(None),
        Some(number) if number >= u64::from(minimum) => u32::try_from(number).ok().map(Some),
        Some(_) => None,
    }
}

impl Document {
    fn into_plan(self) -> Option<Plan> {
        if self.schema_version != u64::from(SCHEMA_VERSION) {
            return None;
        }
        let workspace = self.workspace.0.into_workspace()?;
        let vnets = self.vnets.into_iter().map(|Obj(vnet)| vnet.into_vnet()).collect();
        let external_ranges = self
            .external_ranges
            .into_iter()
            .map(|Obj(range)| ExternalRange {
                name: range.name,
                address_prefix: range.address_prefix,
                kind: range.kind,
            })
            .collect();
        let aks_clusters = self
            .aks_clusters
            .into_iter()
            .map(|Obj(cluster)| cluster.into_cluster())
            .collect::<Option<_>>()?;
        let aci_deployments = self
            .aci_deployments
            .into_iter()
            .map(|Obj(aci)| AciDeployment {
                name: aci.name,
                vnet: aci.vnet,
                subnet: aci.subnet,
                dns_name_label: aci.dns_name_label,
            })
            .collect();
        let egress = self.egress.map_or_else(Egress::default, |Obj(egress)| Egress {
            restricted: egress.restricted,
            allowed_service_tags: egress.allowed_service_tags,
            allowed_fqdns: egress.allowed_fqdns,
        });
        let permissions = self.permissions.map_or_else(Permissions::default, |Obj(permissions)| {
            Permissions { vnet_join: permissions.vnet_join, subnet_join: permissions.subnet_join }
        });
        let online_endpoints = self
            .online_endpoints
            .into_iter()
            .map(|Obj(endpoint)| endpoint.into_endpoint())
            .collect::<Option<_>>()?;
        Some(Plan {
            schema_version: SCHEMA_VERSION,
            name: self.name.unwrap_or_default(),
            region: self.region,
            workspace,
            vnets,
            external_ranges,
            aks_clusters,
            aci_deployments,
            egress,
            permissions,
            online_endpoints,
        })
    }
}

impl DocWorkspace {
    fn into_workspace(self) -> Option<Workspace> {
        let managed_network = match self.managed_network {
            Some(Obj(network)) => Some(ManagedNetwork {
                isolation_mode: network.isolation_mode,
                outbound_rules: network
                    .outbound_rules
                    .into_iter()
                    .map(|Obj(rule)| rule.into_rule())
                    .collect::<Option<_>>()?,
                image_build_compute: network.image_build_compute,
            }),
            None => None,
        };
        Some(Workspace {
            resource_group: self.resource_group,
            private_endpoint: self
                .private_endpoint
                .map(|Obj(reference)| SubnetRef { vnet: reference.vnet, subnet: reference.subnet }),
            acr_in_vnet: self.acr_in_vnet,
            v1_legacy_mode: self.v1_legacy_mode,
            managed_network,
            acr_sku: self.acr_sku,
        })
    }
}

impl DocVnet {
    fn into_vnet(self) -> Vnet {
        Vnet {
            name: self.name,
            resource_group: self.resource_group,
            region: self.region,
            address_prefixes: self.address_prefixes,
            subnets: self
                .subnets
                .into_iter()
                .map(|Obj(subnet)| Subnet {
                    name: subnet.name,
                    address_prefix: subnet.address_prefix,
                    delegations: subnet.delegations,
                })
                .collect(),
            peerings: self.peerings,
        }
    }
}

impl DocCluster {
    fn into_cluster(self) -> Option<AksCluster> {
        // Both or neither: the tree reader explains which one is missing.
        if self.vnet.is_some() != self.subnet.is_some() {
            return None;
        }
        if !(1..=MAX_NODE_COUNT).contains(&self.node_count) {
            return None;
        }
        let max_surge = match self.max_surge {
            None => None,
            Some(DocMaxSurge::Nodes(nodes)) if nodes <= MAX_NODE_COUNT => Some(MaxSurge::Nodes(nodes)),
            Some(DocMaxSurge::Nodes(_)) => return None,
            Some(DocMaxSurge::Text(text)) => Some(MaxSurge::Percent(super::surge_percent(&text)?)),
        };
        let azure_ml = match self.azure_ml {
            Some(Obj(settings)) => Some(settings.into_azure_ml()?),
            None => None,
        };
        Some(AksCluster {
            name: self.name,
            provisioning: self.provisioning,
            region: self.region,
            vnet: self.vnet,
            subnet: self.subnet,
            network_plugin: self.network_plugin,
            network_plugin_mode: self.network_plugin_mode,
            pod_cidr: self.pod_cidr,
            pod_subnet: self.pod_subnet,
            service_cidr: self.service_cidr,
            dns_service_ip: self.dns_service_ip,
            docker_bridge_cidr: self.docker_bridge_cidr,
            node_count: self.node_count,
            max_surge,
            max_pods: count32(self.max_pods, 0)?,
            vcpus_per_node: count32(self.vcpus_per_node, 1)?,
            vm_size: self.vm_size,
            cluster_purpose: self.cluster_purpose,
            private_cluster: self.private_cluster,
            load_balancer_type: self.load_balancer_type,
            load_balancer_subnet: self.load_balancer_subnet,
            identity: self.identity,
            network_contributor_granted: self.network_contributor_granted,
            scoring_from_outside_vnet: self.scoring_from_outside_vnet,
            nsg_allows_scoring_inbound: self.nsg_allows_scoring_inbound,
            azure_ml,
            api_server_authorized_ip_ranges: self.api_server_authorized_ip_ranges,
            trusted_access: self.trusted_access,
            local_accounts_disabled: self.local_accounts_disabled,
            private_cluster_public_fqdn: self.private_cluster_public_fqdn,
        })
    }
}

impl DocAzureMl {
    fn into_azure_ml(self) -> Option<AzureMl> {
        if self.api == Some(AzureMlApi::V2) {
            self.inference_router_service_type?;
        } else {
            let others_written = self.inference_router_service_type.is_some()
                || self.internal_load_balancer_provider.is_some()
                || self.allow_insecure_connections.is_some()
                || self.ssl_cname.is_some()
                || self.ssl_certificate.is_some()
                || self.inference_router_ha.is_some()
                || self.namespace.is_some()
                || self.reuses_v1_cluster.is_some();
            if others_written {
                return None;
            }
        }
        if self.namespace.as_deref().is_some_and(|name| !is_namespace_name(name)) {
            return None;
        }
        Some(AzureMl {
            api: self.api,
            inference_router_service_type: self.inference_router_service_type,
            internal_load_balancer_provider: self.internal_load_balancer_provider.flatten(),
            allow_insecure_connections: self.allow_insecure_connections,
            ssl_cname: self.ssl_cname.flatten(),
            ssl_certificate: self.ssl_certificate.flatten(),
            inference_router_ha: self.inference_router_ha,
            namespace: self.namespace,
            reuses_v1_cluster: self.reuses_v1_cluster,
        })
    }
}

impl DocOutboundRule {
    fn into_rule(self) -> Option<OutboundRule> {
        if self.ports.iter().flatten().any(|text| PortRange::parse(text).is_none()) {
            return None;
        }
        Some(OutboundRule {
            name: self.name,
            rule_type: self.rule_type,
            destination: self.destination,
            ports: self.ports,
        })
    }
}

impl DocEndpoint {
    fn into_endpoint(self) -> Option<OnlineEndpoint> {
        if self.kind == EndpointKind::Kubernetes && self.compute.is_none() {
            return None;
        }
        Some(OnlineEndpoint {
            name: self.name,
            kind: self.kind,
            compute: self.compute,
            public_network_access: self.public_network_access,
            legacy_egress_public_network_access: self.legacy_egress_public_network_access,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::read;
    use crate::parse::plan_from_value;
    use crate::reference::REFERENCE_PLAN;

    fn by_tree(text: &str) -> Option<crate::Plan> {
        plan_from_value(&serde_json::from_str::<Value>(text).ok()?).ok()
    }

    #[test]
    fn well_formed_plans_are_read_without_a_tree_and_read_alike() {
        let v2 = r#"{"schemaVersion": 1, "region": "eastus2",
          "workspace": {"resourceGroup": "ml-rg", "privateEndpoint": null, "managedNetwork": {
            "isolationMode": "allowOnlyApprovedOutbound",
            "outboundRules": [{"name": "pypi", "type": "fqdn", "destination": "pypi.org", "ports": ["443"]}]}},
          "vnets": [{"name": "v", "resourceGroup": "rg", "addressPrefixes": ["10.0.0.0/16"], "peerings": ["w"],
                     "subnets": [{"name": "aks", "addressPrefix": "10.0.0.0/22"}]}],
          "aksClusters": [{"name": "k", "provisioning": "attach", "vnet": "v", "subnet": "aks",
            "serviceCidr": "10.1.0.0/16", "dnsServiceIP": "10.1.0.10", "nodeCount": 3, "maxSurge": "33%",
            "maxPods": null, "azureMl": {"api": "v2", "inferenceRouterServiceType": "loadBalancer",
            "internalLoadBalancerProvider": "azure", "sslCname": "score.contoso.com", "sslCertificate": "secret"}}],
          "onlineEndpoints": [{"name": "e", "kind": "kubernetes", "compute": "k"}],
          "egress": {"restricted": true, "allowedFqdns": null}}"#;
        for text in [REFERENCE_PLAN, v2] {
            let read = read(text);
            assert!(read.is_some(), "the direct reader refused a well-formed plan");
            assert_eq!(read, by_tree(text));
        }
    }

    #[test]
    fn what_the_tree_reader_refuses_is_left_to_it() {
        let refused = [
            // A struct written as a list of its values, which serde's derived readers take.
            r#"{"schemaVersion": 1, "region": "r", "workspace": ["rg"], "vnets": []}"#,
            r#"{"schemaVersion": 1, "region": "r", "workspace": {"resourceGroup": "rg"}, "vnets": [], "egress": []}"#,
            // null where only absence is allowed.
            r#"{"schemaVersion": 1, "name": null, "region": "r", "workspace": {"resourceGroup": "rg"}, "vnets": []}"#,
            // A v1 azureMl with a v2 member written as null.
            r#"{"schemaVersion": 1, "region": "r", "workspace": {"resourceGroup": "rg"}, "vnets": [],
                "aksClusters": [{"name": "k", "serviceCidr": "s", "dnsServiceIP": "d", "nodeCount": 1,
                "azureMl": {"sslCname": null}}]}"#,
            // Out of range, or not the format's spelling.
            r#"{"schemaVersion": 1, "region": "r", "workspace": {"resourceGroup": "rg"}, "vnets": [],
                "aksClusters": [{"name": "k", "serviceCidr": "s", "dnsServiceIP": "d", "nodeCount": 0}]}"#,
            r#"{"schemaVersion": 1, "region": "r", "workspace": {"resourceGroup": "rg"}, "vnets": [],
                "aksClusters": [{"name": "k", "serviceCidr": "s", "dnsServiceIP": "d", "nodeCount": 1, "maxSurge": "3"}]}"#,
            r#"{"schemaVersion": 1.0, "region": "r", "workspace": {"resourceGroup": "rg"}, "vnets": []}"#,
        ];
        for text in refused {
            assert_eq!(by_tree(text), None, "the tree reader takes {text}");
            assert_eq!(read(text), None, "the direct reader takes {text}");
        }
    }
}
