//! Azure resources as data, for the ARM and Bicep renderers: both write the same resources,
//! properties and dependencies, each in its own syntax.
//!
//! A template is deployed into the workspace's resource group, where the clusters go. VNets and
//! security groups of other resource groups sit in a nested deployment per group, and peerings
//! from such a VNet to one of another group in a later deployment per group; references name
//! their resource group explicitly, so they resolve the same from anywhere.

use super::infra::kubernetes::{
    self, COMPUTE_TYPE, EXTENSION_NAME, EXTENSION_TYPE, ML_WORKLOAD_ROLE, RELEASE_NAMESPACE, RELEASE_TRAIN,
    TRUSTED_ACCESS_BINDING,
};
use super::infra::{
    self, free_name, ClusterSpec, ExtensionSpec, Infra, NsgSpec, PeeringSpec, Placeholder, Setting, Skip,
    VnetSpec,
};
use super::prose::{ENTRA_SIGN_IN, POD_CIDR_KEPT, ROLE_COMMENT};
use super::quote::{label, Identifiers};
use crate::plan::{Choice, Identity, ManagedNetwork, NetworkPlugin, OutboundRuleType, Vnet};
use crate::text::Lang;

/// The schema of a template deployed into a resource group.
pub(super) const SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
pub(super) const CONTENT_VERSION: &str = "1.0.0.0";
/// Calico enforces network policy with kubenet, Azure CNI and overlay alike, where Azure's own
/// policy manager is being retired.
pub(super) const NETWORK_POLICY: &str = "calico";
/// The ID of Azure's built-in Network Contributor role, the same in every subscription.
pub(super) const NETWORK_CONTRIBUTOR: &str = "4d97b98b-1d4f-4787-a291-c67834d212e7";

/// A property value: plain data, or an expression that the deployment evaluates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    Text(String),
    Int(u64),
    Bool(bool),
    List(Vec<Value>),
    Object(Vec<(&'static str, Value)>),
    /// A template function applied to its arguments, such as `resourceId('rg', 'type', 'name')`.
    Call(&'static str, Vec<Value>),
    /// A parameter of the template, by name.
    Parameter(String),
    /// A property of a resource of the template once deployed, by its dotted `path`: ARM reads
    /// it with `reference(id, apiVersion, 'full')`, Bicep through the resource's symbol.
    Deployed {
        id: Box<Value>,
        api_version: &'static str,
        symbol: String,
        path: &'static str,
    },
}

impl Value {
    pub(super) fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    fn texts<'a>(items: impl IntoIterator<Item = &'a String>) -> Self {
        Self::List(items.into_iter().map(|item| Self::text(item.as_str())).collect())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    NetworkSecurityGroup,
    VirtualNetwork,
    VirtualNetworkPeering,
    ManagedCluster,
    TrustedAccessRoleBinding,
    Deployment,
    KubernetesExtension,
    Workspace,
    Compute,
    OutboundRule,
    RoleAssignment,
}

impl Kind {
    pub(super) fn type_name(self) -> &'static str {
        match self {
            Self::NetworkSecurityGroup => "Microsoft.Network/networkSecurityGroups",
            Self::VirtualNetwork => "Microsoft.Network/virtualNetworks",
            Self::VirtualNetworkPeering => "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
            Self::ManagedCluster => "Microsoft.ContainerService/managedClusters",
            Self::TrustedAccessRoleBinding => {
                "Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings"
            }
            Self::Deployment => "Microsoft.Resources/deployments",
            Self::KubernetesExtension => "Microsoft.KubernetesConfiguration/extensions",
            Self::Workspace => "Microsoft.MachineLearningServices/workspaces",
            Self::Compute => "Microsoft.MachineLearningServices/workspaces/computes",
            Self::OutboundRule => "Microsoft.MachineLearningServices/workspaces/outboundRules",
            Self::RoleAssignment => "Microsoft.Authorization/roleAssignments",
        }
    }

    pub(super) fn api_version(self) -> &'static str {
        match self {
            Self::NetworkSecurityGroup | Self::VirtualNetwork | Self::VirtualNetworkPeering => "2023-09-01",
            Self::ManagedCluster | Self::TrustedAccessRoleBinding => "2024-02-01",
            Self::Deployment => "2024-03-01",
            Self::KubernetesExtension => "2023-05-01",
            Self::Workspace | Self::Compute | Self::OutboundRule => "2024-04-01",
            Self::RoleAssignment => "2022-04-01",
        }
    }
}

pub(super) struct Parameter {
    pub(super) name: String,
    /// A secret: templates take it as `secureString` and never echo it.
    pub(super) secure: bool,
    pub(super) description: String,
}

pub(super) struct Resource {
    pub(super) kind: Kind,
    /// The Bicep symbol; unique in the template.
    pub(super) symbol: String,
    /// The name: text, or a parameter for a workspace the plan does not name.
    pub(super) name: Value,
    /// The name of the parent of a child resource (a workspace's compute or outbound rule).
    pub(super) parent: Option<Value>,
    /// The resource an extension resource extends (a cluster's Azure ML extension).
    pub(super) scope: Option<Target>,
    pub(super) resource_group: String,
    /// `None` for resources that take their parent's or scope's location.
    pub(super) location: Option<String>,
    pub(super) comments: Vec<String>,
    /// The scanner checks this resource leaves failing, each with its reason.
    pub(super) skips: Vec<Skip>,
    pub(super) depends_on: Vec<Target>,
    /// Every property after the common ones (`identity`, `properties`).
    pub(super) body: Vec<(&'static str, Value)>,
}

/// What a resource waits for before it is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A resource of the same group, by group and position.
    Resource(usize, usize),
    /// A whole nested group, by position.
    Group(usize),
}

pub(super) struct Group {
    pub(super) resource_group: String,
    /// Deployed through a nested deployment; the first group is the template's own.
    pub(super) nested: bool,
    pub(super) purpose: Purpose,
    /// The nested deployment's name and Bicep symbol.
    pub(super) deployment: String,
    pub(super) symbol: String,
    pub(super) resources: Vec<Resource>,
    /// What the nested deployment waits for: its resources cannot name anything outside it.
    pub(super) depends_on: Vec<Target>,
}

/// What a nested deployment holds, which its Bicep comment tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// VNets and security groups, before anything else.
    Network,
    /// Peerings across resource groups, once both VNets exist.
    Peerings,
    /// Roles of cluster identities on the group, once the clusters exist.
    Roles,
}

pub(super) struct Template {
    pub(super) parameters: Vec<Parameter>,
    pub(super) groups: Vec<Group>,
    /// What the template leaves out and why, and what to do before deploying it, one sentence
    /// each.
    pub(super) notes: Vec<String>,
    /// The language of the notes, comments and descriptions.
    pub(super) lang: Lang,
}

impl Template {
    pub(super) fn new(infra: &Infra<'_>) -> Self {
        let mut builder = Builder {
            ids: Identifiers::default(),
            parameters: Vec::new(),
            workspace: None,
            groups: vec![Group {
                resource_group: infra.plan.workspace.resource_group.clone(),
                nested: false,
                purpose: Purpose::Network,
                deployment: String::new(),
                symbol: String::new(),
                resources: Vec::new(),
                depends_on: Vec::new(),
            }],
        };
        let mut vnet_targets = Vec::with_capacity(infra.vnets.len());
        for spec in &infra.vnets {
            let group = builder.group(&spec.vnet.resource_group);
            let nsg = spec.nsg.and_then(|index| infra.nsgs.get(index));
            let nsg_target = nsg.map(|nsg| {
                let resource = nsg_resource(&mut builder.ids, nsg);
                builder.push(group, resource)
            });
            let resource = vnet_resource(&mut builder.ids, spec, nsg, nsg_target.into_iter().collect());
            vnet_targets.push(builder.push(group, resource));
        }
        builder.peerings(infra, &vnet_targets);
        let workspace =
            infra.plan.workspace.managed_network.as_ref().map(|network| builder.workspace(infra, network));
        for spec in &infra.clusters {
            let waits_for = match vnet_targets.get(spec.vnet) {
                Some(Target::Resource(0, index)) => vec![Target::Resource(0, *index)],
                Some(Target::Resource(group, _) | Target::Group(group)) => vec![Target::Group(*group)],
                None => Vec::new(),
            };
            let resource = builder.cluster_resource(infra, spec, waits_for);
            let symbol = resource.symbol.clone();
            let cluster = builder.push(0, resource);
            builder.role_assignment(infra, spec, &symbol, cluster);
            if let Some(extension) = &spec.extension {
                let resource = builder.extension_resource(spec, &symbol, extension, cluster);
                let extension = builder.push(0, resource);
                let binding = spec.cluster.trusted_access().then(|| {
                    let resource = builder.trusted_access_resource(infra, spec, &symbol, cluster);
                    builder.push(0, resource)
                });
                let resource = builder.compute_resource(infra, spec, &symbol, extension, binding, workspace);
                builder.push(0, resource);
            }
        }
        Self {
            parameters: builder.parameters,
            groups: builder.groups,
            notes: infra.template_notes().cloned().collect(),
            lang: infra.lang,
        }
    }

    /// The full name of `resource` as a template writes it: a child's is `parent/name`.
    pub(super) fn full_name(resource: &Resource) -> Value {
        match &resource.parent {
            Some(parent) => {
                Value::Call("format", vec![Value::text("{0}/{1}"), parent.clone(), resource.name.clone()])
            }
            None => resource.name.clone(),
        }
    }

    /// The groups in the order a reader expects them: the networks of other resource groups
    /// first, then the template's own group, whose clusters use them.
    pub(super) fn groups_in_order(&self) -> impl Iterator<Item = &Group> {
        self.groups
            .iter()
            .filter(|group| group.nested)
            .chain(self.groups.iter().filter(|group| !group.nested))
    }

    pub(super) fn resource(&self, group: usize, index: usize) -> Option<&Resource> {
        self.groups.get(group)?.resources.get(index)
    }

    /// The `scope` of an extension resource in ARM: the extended resource's type and name.
    pub(super) fn scope(&self, target: Target) -> Option<Value> {
        let Target::Resource(group, index) = target else { return None };
        let resource = self.resource(group, index)?;
        Some(Value::Call(
            "format",
            vec![Value::text("{0}/{1}"), Value::text(resource.kind.type_name()), resource.name.clone()],
        ))
    }

    /// A dependency as an ARM expression: the resource's ID, or the nested deployment's name.
    pub(super) fn dependency(&self, target: Target) -> Option<Value> {
        match target {
            Target::Resource(group, index) => {
                let resource = self.resource(group, index)?;
                let own = Value::Call(
                    "resourceId",
                    [Value::text(resource.resource_group.as_str()), Value::text(resource.kind.type_name())]
                        .into_iter()
                        .chain(resource.parent.clone())
                        .chain([resource.name.clone()])
                        .collect(),
                );
                match resource.scope.and_then(|scope| self.dependency(scope)) {
                    Some(scope) => Some(Value::Call(
                        "extensionResourceId",
                        vec![scope, Value::text(resource.kind.type_name()), resource.name.clone()],
                    )),
                    None => Some(own),
                }
            }
            Target::Group(group) => Some(Value::text(self.groups.get(group)?.deployment.as_str())),
        }
    }
}

struct Builder {
    ids: Identifiers,
    parameters: Vec<Parameter>,
    groups: Vec<Group>,
    /// The workspace name's parameter, once something has asked for it.
    workspace: Option<Value>,
}

impl Builder {
    /// The group of `resource_group`, added as a nested deployment the first time it is asked for.
    fn group(&mut self, resource_group: &str) -> usize {
        if let Some(index) = self.groups.iter().position(|group| group.resource_group == resource_group) {
            return index;
        }
        let stem = format!("vnetplan-{}", label(resource_group, 50));
        self.push_group(resource_group, Purpose::Network, stem, &format!("network_{resource_group}"))
    }

    /// Both sides of each peering, once the VNets are declared. A side goes with its VNet when
    /// the remote VNet is declared alongside it, or when its VNet is in the template's own
    /// group, which can wait for a nested one. A side in a nested group whose remote VNet is
    /// elsewhere goes into a deployment of its own that waits for both: the two VNets' groups
    /// cannot each wait for the other.
    fn peerings(&mut self, infra: &Infra<'_>, vnets: &[Target]) {
        // The deployment of cross-group sides, by the resource group it deploys into.
        let mut deployments: Vec<(String, usize)> = Vec::new();
        for peering in &infra.peerings {
            let (Some(local), Some(remote)) = (infra.vnet(peering.local), infra.vnet(peering.remote)) else {
                continue;
            };
            let (Some(&Target::Resource(group, own)), Some(&Target::Resource(remote_group, other))) =
                (vnets.get(peering.local), vnets.get(peering.remote))
            else {
                continue;
            };
            let mut resource = peering_resource(&mut self.ids, peering, local.vnet, remote.vnet);
            let remote_target =
                if remote_group == 0 { Target::Resource(0, other) } else { Target::Group(remote_group) };
            if remote_group == group {
                resource.depends_on =
                    vec![Target::Resource(group, own), Target::Resource(remote_group, other)];
                self.push(group, resource);
            } else if group == 0 {
                resource.depends_on = vec![Target::Resource(0, own), remote_target];
                self.push(0, resource);
            } else {
                let index = match deployments.iter().find(|(name, _)| *name == local.vnet.resource_group) {
                    Some((_, index)) => *index,
                    None => {
                        let index = self.later_group(&local.vnet.resource_group, Purpose::Peerings);
                        deployments.push((local.vnet.resource_group.clone(), index));
                        index
                    }
                };
                for target in [Target::Group(group), remote_target] {
                    self.wait(index, target);
                }
                self.push(index, resource);
            }
        }
    }

    /// A new nested deployment into `resource_group` for resources that wait for others of
    /// the template: peerings across resource groups, or roles on the group.
    fn later_group(&mut self, resource_group: &str, purpose: Purpose) -> usize {
        let suffix = match purpose {
            Purpose::Roles => "roles",
            Purpose::Network | Purpose::Peerings => "peerings",
        };
        let stem = format!("vnetplan-{}-{suffix}", label(resource_group, 45));
        self.push_group(resource_group, purpose, stem, &format!("{suffix}_{resource_group}"))
    }

    /// A new nested deployment into `resource_group`, named `stem` or, when a deployment already
    /// has that name, `stem` with the first free number.
    fn push_group(&mut self, resource_group: &str, purpose: Purpose, stem: String, symbol: &str) -> usize {
        let deployment = free_name(stem, |name| self.groups.iter().any(|group| group.deployment == name));
        self.groups.push(Group {
            resource_group: resource_group.to_owned(),
            nested: true,
            purpose,
            deployment,
            symbol: self.ids.claim(symbol),
            resources: Vec::new(),
            depends_on: Vec::new(),
        });
        self.groups.len() - 1
    }

    /// Makes the nested deployment `group` wait for `target` too.
    fn wait(&mut self, group: usize, target: Target) {
        if let Some(entry) = self.groups.get_mut(group) {
            if !entry.depends_on.contains(&target) {
                entry.depends_on.push(target);
            }
        }
    }

    /// Network Contributor for the system-assigned identity of cluster `spec`, whose resource is
    /// `cluster`, on the resource group of its VNet, as the `az` steps grant it. The role goes
    /// into that group: into a nested deployment that waits for the cluster when the group is
    /// not the template's own.
    fn role_assignment(&mut self, infra: &Infra<'_>, spec: &ClusterSpec<'_>, symbol: &str, cluster: Target) {
        let Some(vnet) = infra.granted_vnet(spec) else { return };
        let cluster_id =
            resource_id(spec.resource_group, Kind::ManagedCluster.type_name(), &[&spec.cluster.name]);
        let role = Value::Call(
            "subscriptionResourceId",
            vec![Value::text("Microsoft.Authorization/roleDefinitions"), Value::text(NETWORK_CONTRIBUTOR)],
        );
        // A name that a redeployment finds again: the same group, cluster and role. The two IDs
        // name the subscription, so the name is its own in each.
        let name = Value::Call(
            "guid",
            vec![Value::text(vnet.resource_group.as_str()), cluster_id.clone(), role.clone()],
        );
        let principal = Value::Deployed {
            id: Box::new(cluster_id),
            api_version: Kind::ManagedCluster.api_version(),
            symbol: symbol.to_owned(),
            path: "identity.principalId",
        };
        let note =
            msg!(ROLE_COMMENT, name = &spec.cluster.name, vnet = &vnet.name, group = &vnet.resource_group);
        let mut resource = Resource {
            kind: Kind::RoleAssignment,
            symbol: self.ids.claim(&format!("{symbol}_network_contributor")),
            name,
            parent: None,
            scope: None,
            resource_group: vnet.resource_group.clone(),
            location: None,
            comments: vec![note.render(infra.lang)],
            skips: Vec::new(),
            depends_on: Vec::new(),
            body: vec![(
                "properties",
                Value::Object(vec![
                    ("roleDefinitionId", role),
                    ("principalId", principal),
                    ("principalType", Value::text("ServicePrincipal")),
                ]),
            )],
        };
        let own = self.groups.first().is_some_and(|group| group.resource_group == vnet.resource_group);
        if own {
            resource.depends_on = vec![cluster];
            self.push(0, resource);
            return;
        }
        let existing = self
            .groups
            .iter()
            .position(|group| group.purpose == Purpose::Roles && group.resource_group == vnet.resource_group);
        let group = existing.unwrap_or_else(|| self.later_group(&vnet.resource_group, Purpose::Roles));
        self.wait(group, cluster);
        self.push(group, resource);
    }

    fn push(&mut self, group: usize, resource: Resource) -> Target {
        match self.groups.get_mut(group) {
            Some(entry) => {
                entry.resources.push(resource);
                Target::Resource(group, entry.resources.len() - 1)
            }
            None => Target::Group(group),
        }
    }

    fn parameter(&mut self, stem: &str, secure: bool, description: String) -> Value {
        let name = self.ids.claim(stem);
        self.parameters.push(Parameter { name: name.clone(), secure, description });
        Value::Parameter(name)
    }

    fn placeholder(&mut self, placeholder: &Placeholder) -> Value {
        self.parameter(&placeholder.stem, placeholder.secret, placeholder.description.clone())
    }

    /// Extension settings as an object's entries, placeholders becoming parameters.
    fn settings(&mut self, settings: &[(&'static str, Setting)]) -> Vec<(&'static str, Value)> {
        let mut entries: Vec<(&'static str, Value)> = Vec::with_capacity(settings.len());
        for (key, setting) in settings {
            let value = match setting {
                Setting::Text(text) => Value::text(text.as_str()),
                Setting::Placeholder(placeholder) => self.placeholder(placeholder),
                Setting::Base64(placeholder) => Value::Call("base64", vec![self.placeholder(placeholder)]),
                Setting::Same(other) => match entries.iter().find(|(earlier, _)| earlier == other) {
                    Some((_, value)) => value.clone(),
                    None => continue,
                },
            };
            entries.push((*key, value));
        }
        entries
    }

    /// The workspace's name: one parameter, asked for the first time it is needed.
    fn workspace_name(&mut self, infra: &Infra<'_>) -> Value {
        if let Some(name) = &self.workspace {
            return name.clone();
        }
        let name = self.placeholder(&kubernetes::workspace_name(infra.lang));
        self.workspace = Some(name.clone());
        name
    }

    /// The workspace with its managed network, and one resource per outbound rule. The workspace
    /// is declared whole, since its managed network is one of its properties: the resources it
    /// needs and the plan does not hold are parameters.
    fn workspace(&mut self, infra: &Infra<'_>, network: &ManagedNetwork) -> Target {
        let name = self.workspace_name(infra);
        let mut properties: Vec<(&'static str, Value)> = kubernetes::workspace_dependencies(infra.lang)
            .iter()
            .map(|(key, placeholder)| (*key, self.placeholder(placeholder)))
            .collect();
        properties.push((
            "managedNetwork",
            Value::Object(vec![("isolationMode", Value::text(kubernetes::isolation_mode(network)))]),
        ));
        if let Some(compute) = network.image_build_compute() {
            properties.push(("imageBuildCompute", Value::text(compute)));
        }
        if let Some(legacy) = infra.plan.workspace.v1_legacy_mode {
            properties.push(("v1LegacyMode", Value::Bool(legacy)));
        }
        let resource = Resource {
            kind: Kind::Workspace,
            symbol: self.ids.claim("workspace"),
            name: name.clone(),
            parent: None,
            scope: None,
            resource_group: infra.plan.workspace.resource_group.clone(),
            location: Some(infra.plan.region.clone()),
            comments: vec![kubernetes::WORKSPACE_NOTE.get(infra.lang).to_owned()],
            skips: arm_skips(&infra::skips::workspace_skips(network, infra.lang)),
            depends_on: Vec::new(),
            body: vec![
                ("identity", Value::Object(vec![("type", Value::text("SystemAssigned"))])),
                ("properties", Value::Object(properties)),
            ],
        };
        let workspace = self.push(0, resource);
        for (index, rule) in network.outbound_rules.iter().enumerate() {
            let destination = match rule.rule_type {
                OutboundRuleType::Fqdn => Value::text(rule.destination.as_str()),
                OutboundRuleType::ServiceTag => Value::Object(vec![
                    ("serviceTag", Value::text(rule.destination.as_str())),
                    ("protocol", self.placeholder(&kubernetes::protocol(index, rule, infra.lang))),
                    ("portRanges", Value::text(kubernetes::port_ranges(rule))),
                ]),
                OutboundRuleType::PrivateEndpoint => Value::Object(vec![
                    ("serviceResourceId", Value::text(rule.destination.as_str())),
                    (
                        "subresourceTarget",
                        self.placeholder(&kubernetes::sub_resource(index, rule, infra.lang)),
                    ),
                    ("sparkEnabled", Value::Bool(false)),
                ]),
            };
            let resource = Resource {
                kind: Kind::OutboundRule,
                symbol: self.ids.claim(&format!("outbound_{}", rule.name)),
                name: Value::text(rule.name.as_str()),
                parent: Some(name.clone()),
                scope: None,
                resource_group: infra.plan.workspace.resource_group.clone(),
                location: None,
                comments: Vec::new(),
                skips: Vec::new(),
                depends_on: vec![workspace],
                body: vec![(
                    "properties",
                    Value::Object(vec![
                        ("type", Value::text(kubernetes::rule_type(rule))),
                        ("category", Value::text("UserDefined")),
                        ("destination", destination),
                    ]),
                )],
            };
            self.push(0, resource);
        }
        workspace
    }

    /// The Azure ML extension of the v2 cluster `spec`, whose resource is `cluster`.
    fn extension_resource(
        &mut self,
        spec: &ClusterSpec<'_>,
        symbol: &str,
        extension: &ExtensionSpec,
        cluster: Target,
    ) -> Resource {
        let settings = self.settings(&extension.settings);
        let protected = self.settings(&extension.protected);
        let mut properties = vec![
            ("extensionType", Value::text(EXTENSION_TYPE)),
            ("releaseTrain", Value::text(RELEASE_TRAIN)),
            ("autoUpgradeMinorVersion", Value::Bool(true)),
            (
                "scope",
                Value::Object(vec![(
                    "cluster",
                    Value::Object(vec![("releaseNamespace", Value::text(RELEASE_NAMESPACE))]),
                )]),
            ),
            ("configurationSettings", Value::Object(settings)),
        ];
        if !protected.is_empty() {
            properties.push(("configurationProtectedSettings", Value::Object(protected)));
        }
        Resource {
            kind: Kind::KubernetesExtension,
            symbol: self.ids.claim(&format!("{symbol}_azureml")),
            name: Value::text(EXTENSION_NAME),
            parent: None,
            scope: Some(cluster),
            resource_group: spec.resource_group.to_owned(),
            location: None,
            comments: Vec::new(),
            skips: Vec::new(),
            depends_on: vec![cluster],
            body: vec![
                ("identity", Value::Object(vec![("type", Value::text("SystemAssigned"))])),
                ("properties", Value::Object(properties)),
            ],
        }
    }

    /// The Trusted Access binding through which the workspace reaches the v2 cluster `spec`,
    /// whose resource is `cluster`, instead of through the cluster's local accounts.
    fn trusted_access_resource(
        &mut self,
        infra: &Infra<'_>,
        spec: &ClusterSpec<'_>,
        symbol: &str,
        cluster: Target,
    ) -> Resource {
        let workspace_id = Value::Call(
            "resourceId",
            vec![
                Value::text(infra.plan.workspace.resource_group.as_str()),
                Value::text(Kind::Workspace.type_name()),
                self.workspace_name(infra),
            ],
        );
        Resource {
            kind: Kind::TrustedAccessRoleBinding,
            symbol: self.ids.claim(&format!("{symbol}_trusted_access")),
            name: Value::text(TRUSTED_ACCESS_BINDING),
            parent: Some(Value::text(spec.cluster.name.as_str())),
            scope: None,
            resource_group: spec.resource_group.to_owned(),
            location: None,
            comments: Vec::new(),
            skips: Vec::new(),
            depends_on: vec![cluster],
            body: vec![(
                "properties",
                Value::Object(vec![
                    ("roles", Value::List(vec![Value::text(ML_WORKLOAD_ROLE)])),
                    ("sourceResourceId", workspace_id),
                ]),
            )],
        }
    }

    /// The Kubernetes compute that attaches the v2 cluster `spec` once its extension is in, and
    /// its Trusted Access binding if it has one: a compute attached before the binding exists
    /// has to be attached again.
    fn compute_resource(
        &mut self,
        infra: &Infra<'_>,
        spec: &ClusterSpec<'_>,
        symbol: &str,
        extension: Target,
        binding: Option<Target>,
        workspace: Option<Target>,
    ) -> Resource {
        let cluster = spec.cluster;
        let cluster_id = resource_id(spec.resource_group, Kind::ManagedCluster.type_name(), &[&cluster.name]);
        Resource {
            kind: Kind::Compute,
            symbol: self.ids.claim(&format!("{symbol}_compute")),
            name: Value::text(cluster.name.as_str()),
            parent: Some(self.workspace_name(infra)),
            scope: None,
            resource_group: infra.plan.workspace.resource_group.clone(),
            location: Some(spec.location.to_owned()),
            comments: Vec::new(),
            skips: Vec::new(),
            depends_on: [extension].into_iter().chain(binding).chain(workspace).collect(),
            body: vec![
                ("identity", Value::Object(vec![("type", Value::text("SystemAssigned"))])),
                (
                    "properties",
                    Value::Object(vec![
                        ("computeType", Value::text(COMPUTE_TYPE)),
                        ("resourceId", cluster_id),
                        (
                            "properties",
                            Value::Object(vec![("namespace", Value::text(cluster.azure_ml().namespace()))]),
                        ),
                    ]),
                ),
            ],
        }
    }

    fn cluster_resource(
        &mut self,
        infra: &Infra<'_>,
        spec: &ClusterSpec<'_>,
        depends_on: Vec<Target>,
    ) -> Resource {
        let cluster = spec.cluster;
        let symbol = self.ids.claim(&format!("aks_{}", cluster.name));
        let vm_size = match &cluster.vm_size {
            Some(size) => Value::text(size.as_str()),
            None => self.parameter(
                &format!("{symbol}_vm_size"),
                false,
                infra::vm_size_description(cluster, infra.lang),
            ),
        };
        let subnet_id = infra.node_subnet(spec).map_or(Value::text(""), |(vnet, subnet)| {
            resource_id(
                &vnet.resource_group,
                "Microsoft.Network/virtualNetworks/subnets",
                &[vnet.azure_name(), subnet.azure_name()],
            )
        });
        let mut pool = vec![
            ("name", Value::text(infra::NODE_POOL)),
            ("mode", Value::text("System")),
            ("count", Value::Int(cluster.node_count)),
            ("vmSize", vm_size),
            ("maxPods", Value::Int(cluster.effective_max_pods().into())),
            ("osType", Value::text("Linux")),
            ("type", Value::text("VirtualMachineScaleSets")),
            ("vnetSubnetID", subnet_id),
        ];
        if let Some((vnet, pod_subnet)) = infra.pod_subnet(spec) {
            let id = resource_id(
                &vnet.resource_group,
                "Microsoft.Network/virtualNetworks/subnets",
                &[vnet.azure_name(), pod_subnet.azure_name()],
            );
            pool.push(("podSubnetID", id));
        }
        pool.push(("upgradeSettings", Value::Object(vec![("maxSurge", Value::text(surge(cluster)))])));
        let pool = Value::Object(pool);
        let mut network = vec![("networkPlugin", Value::text(cluster.plugin().as_str()))];
        if let Some(mode) = cluster.mode() {
            network.push(("networkPluginMode", Value::text(mode.as_str())));
        }
        if let Some(pod_cidr) = &cluster.pod_cidr {
            network.push(("podCidr", Value::text(pod_cidr.as_str())));
        }
        network.extend([
            ("serviceCidr", Value::text(cluster.service_cidr.as_str())),
            ("dnsServiceIP", Value::text(cluster.dns_service_ip.as_str())),
            ("loadBalancerSku", Value::text("standard")),
        ]);
        network.push(("networkPolicy", Value::text(NETWORK_POLICY)));
        let mut properties = vec![
            ("dnsPrefix", Value::text(spec.dns_prefix.as_str())),
            ("enableRBAC", Value::Bool(true)),
            ("disableLocalAccounts", Value::Bool(cluster.local_accounts_disabled())),
        ];
        if cluster.local_accounts_disabled() {
            // Without local accounts, Microsoft Entra ID is the only way in.
            properties.push((
                "aadProfile",
                Value::Object(vec![("managed", Value::Bool(true)), ("enableAzureRBAC", Value::Bool(true))]),
            ));
        }
        let mut body = Vec::new();
        match cluster.identity() {
            Identity::SystemAssigned => {
                body.push(("identity", Value::Object(vec![("type", Value::text("SystemAssigned"))])));
            }
            Identity::ServicePrincipal => {
                let (client_id, secret) = infra::credential_descriptions(cluster, infra.lang);
                let client_id = self.parameter(&format!("{symbol}_client_id"), false, client_id);
                let secret = self.parameter(&format!("{symbol}_client_secret"), true, secret);
                properties.push((
                    "servicePrincipalProfile",
                    Value::Object(vec![("clientId", client_id), ("secret", secret)]),
                ));
            }
        }
        let mut access = vec![("enablePrivateCluster", Value::Bool(cluster.private_cluster()))];
        if cluster.private_cluster() {
            access
                .push(("enablePrivateClusterPublicFQDN", Value::Bool(cluster.private_cluster_public_fqdn())));
        }
        if !cluster.api_server_authorized_ip_ranges.is_empty() {
            access.push(("authorizedIPRanges", Value::texts(&cluster.api_server_authorized_ip_ranges)));
        }
        properties.extend([
            ("agentPoolProfiles", Value::List(vec![pool])),
            ("networkProfile", Value::Object(network)),
            ("apiServerAccessProfile", Value::Object(access)),
        ]);
        body.push(("properties", Value::Object(properties)));
        let mut comments = spec.notes.clone();
        if cluster.local_accounts_disabled() {
            comments.push(ENTRA_SIGN_IN.get(infra.lang).to_owned());
        }
        if cluster.plugin() == NetworkPlugin::Azure && !cluster.is_overlay() && cluster.pod_cidr.is_some() {
            comments.push(POD_CIDR_KEPT.get(infra.lang).to_owned());
        }
        Resource {
            kind: Kind::ManagedCluster,
            symbol,
            name: Value::text(cluster.name.as_str()),
            parent: None,
            scope: None,
            resource_group: spec.resource_group.to_owned(),
            location: Some(spec.location.to_owned()),
            comments,
            skips: arm_skips(&spec.skips),
            depends_on,
            body,
        }
    }
}

fn nsg_resource(ids: &mut Identifiers, nsg: &NsgSpec<'_>) -> Resource {
    let rules = nsg
        .rules
        .iter()
        .map(|rule| {
            Value::Object(vec![
                ("name", Value::text(rule.name.as_str())),
                (
                    "properties",
                    Value::Object(vec![
                        ("description", Value::text(rule.description.as_str())),
                        ("priority", Value::Int(rule.priority.into())),
                        ("direction", Value::text(rule.direction.as_str())),
                        ("access", Value::text("Allow")),
                        ("protocol", Value::text("Tcp")),
                        ("sourceAddressPrefix", Value::text(rule.source.as_str())),
                        ("sourcePortRange", Value::text("*")),
                        ("destinationAddressPrefix", Value::text(rule.destination.as_str())),
                        ("destinationPortRanges", Value::texts(&infra::port_list(rule.ports))),
                    ]),
                ),
            ])
        })
        .collect();
    Resource {
        kind: Kind::NetworkSecurityGroup,
        symbol: ids.claim(&format!("nsg_{}", nsg.name)),
        name: Value::text(nsg.name.as_str()),
        parent: None,
        scope: None,
        resource_group: nsg.resource_group.to_owned(),
        location: Some(nsg.location.to_owned()),
        comments: Vec::new(),
        skips: arm_skips(nsg.rules.iter().flat_map(|rule| &rule.skips)),
        depends_on: Vec::new(),
        body: vec![("properties", Value::Object(vec![("securityRules", Value::List(rules))]))],
    }
}

/// One side of a peering, on VNet `local`, letting its addresses and those of `remote` reach
/// each other. Gateway transit and forwarded traffic stay off: the plan records neither.
fn peering_resource(ids: &mut Identifiers, peering: &PeeringSpec, local: &Vnet, remote: &Vnet) -> Resource {
    let remote_id =
        resource_id(&remote.resource_group, Kind::VirtualNetwork.type_name(), &[remote.azure_name()]);
    Resource {
        kind: Kind::VirtualNetworkPeering,
        symbol: ids.claim(&format!("peering_{}", peering.name)),
        name: Value::text(peering.name.as_str()),
        parent: Some(Value::text(local.azure_name())),
        scope: None,
        resource_group: local.resource_group.clone(),
        location: None,
        comments: Vec::new(),
        skips: Vec::new(),
        depends_on: Vec::new(),
        body: vec![(
            "properties",
            Value::Object(vec![
                ("remoteVirtualNetwork", Value::Object(vec![("id", remote_id)])),
                ("allowVirtualNetworkAccess", Value::Bool(true)),
            ]),
        )],
    }
}

fn vnet_resource(
    ids: &mut Identifiers,
    spec: &VnetSpec<'_>,
    nsg: Option<&NsgSpec<'_>>,
    depends_on: Vec<Target>,
) -> Resource {
    let vnet = spec.vnet;
    let subnets = spec
        .subnets
        .iter()
        .filter(|entry| entry.is_written())
        .map(|entry| {
            let subnet = entry.subnet;
            let mut properties = match entry.prefixes.as_slice() {
                [prefix] => vec![("addressPrefix", Value::text(*prefix))],
                prefixes => {
                    vec![(
                        "addressPrefixes",
                        Value::List(prefixes.iter().map(|prefix| Value::text(*prefix)).collect()),
                    )]
                }
            };
            if !subnet.delegations.is_empty() {
                let delegations = subnet
                    .delegations
                    .iter()
                    .map(|service| {
                        Value::Object(vec![
                            ("name", Value::text(infra::delegation_name(service))),
                            (
                                "properties",
                                Value::Object(vec![("serviceName", Value::text(service.as_str()))]),
                            ),
                        ])
                    })
                    .collect();
                properties.push(("delegations", Value::List(delegations)));
            }
            if let Some(nsg) = nsg.filter(|_| entry.guarded) {
                let id =
                    resource_id(nsg.resource_group, Kind::NetworkSecurityGroup.type_name(), &[&nsg.name]);
                properties.push(("networkSecurityGroup", Value::Object(vec![("id", id)])));
            }
            Value::Object(vec![
                ("name", Value::text(subnet.azure_name())),
                ("properties", Value::Object(properties)),
            ])
        })
        .collect();
    Resource {
        kind: Kind::VirtualNetwork,
        symbol: ids.claim(&format!("vnet_{}", vnet.name)),
        name: Value::text(vnet.azure_name()),
        parent: None,
        scope: None,
        resource_group: vnet.resource_group.clone(),
        location: Some(spec.location.to_owned()),
        comments: Vec::new(),
        skips: arm_skips(spec.subnets.iter().flat_map(|subnet| &subnet.skips)),
        depends_on,
        body: vec![(
            "properties",
            Value::Object(vec![
                (
                    "addressSpace",
                    Value::Object(vec![("addressPrefixes", Value::texts(&vnet.address_prefixes))]),
                ),
                ("subnets", Value::List(subnets)),
            ]),
        )],
    }
}

/// The surge of a cluster's node pool as AKS takes it: a node count or a percentage, as text.
pub(super) fn surge(cluster: &crate::plan::AksCluster) -> String {
    match cluster.max_surge() {
        crate::plan::MaxSurge::Nodes(nodes) => nodes.to_string(),
        crate::plan::MaxSurge::Percent(percent) => format!("{percent}%"),
    }
}

/// The skips of `skips` that the scanner's ARM checks need, once each: rules of one security
/// group, or subnets of one VNet, may give the same.
fn arm_skips<'a>(skips: impl IntoIterator<Item = &'a Skip>) -> Vec<Skip> {
    let mut kept: Vec<Skip> = Vec::new();
    for skip in skips {
        if skip.in_arm() && !kept.iter().any(|other| other.check == skip.check) {
            kept.push(skip.clone());
        }
    }
    kept
}

/// `resourceId('<group>', '<type>', '<name>', …)`: an ID that names its resource group, so it
/// resolves the same inside a nested deployment.
pub(super) fn resource_id(resource_group: &str, type_name: &str, names: &[&str]) -> Value {
    let mut arguments = vec![Value::text(resource_group), Value::text(type_name)];
    arguments.extend(names.iter().map(|name| Value::text(*name)));
    Value::Call("resourceId", arguments)
}
