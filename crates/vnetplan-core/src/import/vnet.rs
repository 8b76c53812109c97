//! Reading a VNet with its subnets and peerings, as the CLI prints it or as a template declares
//! it (the same fields, nested under `properties`).

use super::json::{id_name, id_resource_group, id_segment, id_subscription, Field, Obj};
use super::reader::{is_expression, quoted, Expect, Reader};
use super::template::{listed_names, names_apart, PropertyLoop};
use super::{ImportError, ImportNote};
use crate::plan::{ExternalRange, ExternalRangeKind, Subnet, Vnet};

/// Fields of a VNet that [`Reader::vnet`] reads.
const VNET_READ: &[&str] = &[
    "name",
    "resourceGroup",
    "location",
    "addressSpace",
    "subnets",
    "virtualNetworkPeerings",
    "dhcpOptions",
];

/// Fields of a VNet left out on purpose: bookkeeping, and settings that change nothing about
/// which addresses are used or reachable.
const VNET_INFORMATIONAL: &[&str] = &[
    "id",
    "etag",
    "type",
    "provisioningState",
    "resourceGuid",
    "tags",
    "enableDdosProtection",
    "ddosProtectionPlan",
    "enableVmProtection",
    "encryption",
    "flowTimeoutInMinutes",
    "flowLogs",
    "privateEndpointVNetPolicies",
    "bgpCommunities",
    "ipAllocations",
    "extendedLocation",
];

const ADDRESS_SPACE_READ: &[&str] = &["addressPrefixes"];
const ADDRESS_SPACE_INFORMATIONAL: &[&str] = &["ipamPoolPrefixAllocations"];

/// Fields of a subnet that [`Reader::subnet`] reads, into the plan or into a note.
const SUBNET_READ: &[&str] = &[
    "name",
    "addressPrefix",
    "addressPrefixes",
    "delegations",
    "networkSecurityGroup",
    "routeTable",
    "natGateway",
    "serviceEndpoints",
    "serviceEndpointPolicies",
    "privateEndpoints",
    "ipConfigurations",
    "applicationGatewayIPConfigurations",
    "serviceAssociationLinks",
    "resourceNavigationLinks",
    "defaultOutboundAccess",
];

/// Fields of a subnet left out on purpose. The network policy switches only say whether NSGs
/// and route tables apply to private endpoints, which the plan does not hold either; an IPAM
/// pool's allocation repeats the prefixes the subnet lists.
const SUBNET_INFORMATIONAL: &[&str] = &[
    "id",
    "etag",
    "type",
    "provisioningState",
    "resourceGroup",
    "privateEndpointNetworkPolicies",
    "privateLinkServiceNetworkPolicies",
    "purpose",
    "ipConfigurationProfiles",
    "ipAllocations",
    "sharingScope",
    "ipamPoolPrefixAllocations",
];

const DELEGATION_READ: &[&str] = &["serviceName"];
const DELEGATION_INFORMATIONAL: &[&str] =
    &["actions", "etag", "id", "name", "provisioningState", "resourceGroup", "type"];

/// Fields of a peering that [`Reader::peering`] reads.
const PEERING_READ: &[&str] = &[
    "name",
    "remoteVirtualNetwork",
    "remoteAddressSpace",
    "remoteVirtualNetworkAddressSpace",
    "useRemoteGateways",
];

/// Fields of a peering left out on purpose: they say how traffic may cross it, not which
/// addresses lie on the other side. The remote gateways are those `useRemoteGateways` notes.
const PEERING_INFORMATIONAL: &[&str] = &[
    "id",
    "etag",
    "type",
    "provisioningState",
    "resourceGroup",
    "resourceGuid",
    "peeringState",
    "peeringSyncLevel",
    "allowForwardedTraffic",
    "allowGatewayTransit",
    "allowVirtualNetworkAccess",
    "doNotVerifyRemoteGateways",
    "remoteBgpCommunities",
    "remoteVirtualNetworkEncryption",
    "peerCompleteVnets",
    "enableOnlyIPv6Peering",
    "localAddressSpace",
    "localVirtualNetworkAddressSpace",
    "localSubnetNames",
    "remoteSubnetNames",
    "remoteGateways",
    "routeServiceVips",
];

/// A VNet as read, with the VNets it is peered with.
pub(super) struct ReadVnet {
    pub(super) vnet: Vnet,
    /// The subscription its id names, which tells apart VNets of one name and resource group.
    pub(super) subscription: Option<String>,
    pub(super) peerings: Vec<Peering>,
}

/// A peering as read: recorded between two VNets when the far one is imported too, else its
/// ranges are kept as external ranges.
pub(super) struct Peering {
    /// Where the peered VNet is, when its id says.
    pub(super) remote: Option<super::VnetPlace>,
    /// The peered VNet's ranges, named after it; none when the peering does not show them.
    pub(super) ranges: Vec<ExternalRange>,
    /// Said only when the peered VNet is not imported: one that is needs no ranges from here.
    pub(super) unshown: Option<ImportNote>,
}

impl Reader<'_> {
    pub(super) fn vnet(&mut self, object: &Obj<'_>) -> Result<ReadVnet, ImportError> {
        let name = self.name(object, text!("virtual network", "réseau virtuel"))?;
        let resource_group = match &self.template {
            Some(scope) => scope.target.resource_group.clone(),
            None => self.resource_group(object).unwrap_or_else(|| {
                self.note(
                    &object.pointer,
                    msg!(["the VNet names no resource group", "le VNet ne nomme aucun groupe de ressources"]),
                );
                String::new()
            }),
        };
        let region = self.location(object);
        if region.is_none() {
            self.note(
                &object.pointer,
                msg!([
                    "the VNet has no location: it is taken to be in the plan's region",
                    "le VNet n’a pas d’emplacement : il est supposé dans la région du plan"
                ]),
            );
        }
        let address_prefixes = self.address_space(object);
        let subnets = self.subnets(object)?;
        let mut peerings = Vec::new();
        if let Some(field) = object.get("virtualNetworkPeerings") {
            for peering in self.objects(&field) {
                peerings.push(self.peering(&peering));
            }
        }
        if let Some(servers) = object
            .object("dhcpOptions")
            .and_then(|dhcp| dhcp.get("dnsServers"))
            .map(|field| (self.strings(&field, Expect::Name), field.pointer))
        {
            self.note(
                &servers.1,
                msg!(
                    [
                        "the VNet uses its own DNS servers ({servers}); the plan does not hold them, but they must resolve Azure's names for AKS and Azure ML to work",
                        "le VNet utilise ses propres serveurs DNS ({servers}) ; le plan ne les contient pas, mais ils doivent résoudre les noms d’Azure pour qu’AKS et Azure ML fonctionnent"
                    ],
                    servers = servers.0.join(", ")
                ),
            );
        }
        self.unread(object, VNET_READ, VNET_INFORMATIONAL);
        Ok(ReadVnet {
            vnet: Vnet { name, resource_group, region, address_prefixes, subnets, peerings: Vec::new() },
            subscription: self.subscription(object),
            peerings,
        })
    }

    fn address_space(&mut self, object: &Obj<'_>) -> Vec<String> {
        let Some(space) = object.object("addressSpace") else {
            self.note(
                &object.pointer,
                msg!([
                    "the VNet has no address space: no prefix is imported",
                    "le VNet n’a pas d’espace d’adressage : aucun préfixe n’est importé"
                ]),
            );
            return Vec::new();
        };
        let prefixes = match space.get("addressPrefixes") {
            Some(field) => self.strings(&field, Expect::Cidr),
            None => Vec::new(),
        };
        if prefixes.is_empty() {
            self.note(
                &space.pointer,
                msg!(["the address space lists no prefix", "l’espace d’adressage ne liste aucun préfixe"]),
            );
        }
        self.unread(&space, ADDRESS_SPACE_READ, ADDRESS_SPACE_INFORMATIONAL);
        prefixes
    }

    fn subnets(&mut self, object: &Obj<'_>) -> Result<Vec<Subnet>, ImportError> {
        let copied = self.copied_subnets(object)?;
        let Some(field) = object.get("subnets") else {
            return Ok(copied);
        };
        let Some(items) = self.list_items(&field) else {
            let text = field.value.as_str().unwrap_or_default();
            self.note(
                &field.pointer,
                msg!(
                    [
                        "the subnets are computed by '{text}', which vnetplan cannot evaluate: none is imported",
                        "les sous-réseaux sont calculés par « {text} », que vnetplan ne sait pas évaluer : aucun n’est importé"
                    ],
                    text = text
                ),
            );
            return Ok(copied);
        };
        let mut subnets = Vec::new();
        for item in items {
            match Obj::new(item.value, item.pointer.clone()) {
                Some(subnet) => {
                    let (subnet, more) = self.subnet(&subnet, None)?;
                    subnets.push(subnet);
                    subnets.extend(more);
                }
                None => self.note(
                    &item.pointer,
                    msg!(
                        [
                            "expected a subnet object, found {found}; not imported",
                            "un objet de sous-réseau était attendu, trouvé {found} ; non importé"
                        ],
                        found = quoted(item.value)
                    ),
                ),
            }
        }
        subnets.extend(copied);
        Ok(subnets)
    }

    /// The subnets a template's property copy loop named `subnets` builds, as compiled Bicep
    /// writes `subnets: [for subnet in subnets: {…}]`: its input read once for each of its
    /// count, with `copyIndex('subnets')` standing for the copy's number.
    fn copied_subnets(&mut self, object: &Obj<'_>) -> Result<Vec<Subnet>, ImportError> {
        let unreadable = msg!([
            "this copy loop's count or input cannot be read: the subnets it builds are not imported",
            "le nombre ou l’entrée de cette boucle copy ne se lisent pas : les sous-réseaux qu’elle construit ne sont pas importés"
        ]);
        let mut subnets = Vec::new();
        for PropertyLoop { name, count, input, scope, pointer } in
            self.property_loops(object, "subnets", &unreadable)
        {
            if !self.can_build() {
                continue;
            }
            let written = input.str("name").unwrap_or_default();
            let copies = (0..count).map(|index| scope.copying(name, index));
            let Some(names) = names_apart(copies, written) else {
                self.note(
                    &pointer,
                    msg!([
                        "vnetplan cannot tell apart the names of the subnets this copy loop builds: none is imported",
                        "vnetplan ne sait pas distinguer les noms des sous-réseaux que construit cette boucle copy : aucun n’est importé"
                    ]),
                );
                continue;
            };
            let mut built = 0;
            for index in 0..count {
                if !self.build_one(&pointer) {
                    break;
                }
                let copy = Some(scope.copying(name, index));
                let (subnet, more) = self.in_scope(copy, true, |reader| reader.subnet(&input, None))?;
                subnets.push(subnet);
                subnets.extend(more);
                built += 1;
            }
            let names: Vec<&str> = names.iter().take(built).map(String::as_str).collect();
            self.note(
                &pointer,
                msg!(
                    [
                        "a copy loop builds {count} subnets from one input: {names}",
                        "une boucle copy construit {count} sous-réseaux à partir d’une même entrée : {names}"
                    ],
                    count = count,
                    names = if names.is_empty() { "-".to_owned() } else { listed_names(&names) }
                ),
            );
        }
        Ok(subnets)
    }

    /// A subnet, and one more plan subnet for each further prefix Azure gives it; `name`
    /// overrides the object's own, for a template child resource whose name also carries its
    /// VNet's.
    pub(super) fn subnet(
        &mut self,
        object: &Obj<'_>,
        name: Option<String>,
    ) -> Result<(Subnet, Vec<Subnet>), ImportError> {
        let name = match name {
            Some(name) => name,
            None => self.name(object, text!("subnet", "sous-réseau"))?,
        };
        let (address_prefix, more_prefixes) = self.subnet_prefixes(object, &name);
        let delegations = match object.get("delegations") {
            Some(field) => self.delegations(&field),
            None => Vec::new(),
        };
        self.subnet_notes(object);
        self.unread(object, SUBNET_READ, SUBNET_INFORMATIONAL);
        // A delegation is the whole subnet's, so each prefix's plan subnet carries it.
        let more = more_prefixes
            .into_iter()
            .map(|(name, address_prefix)| Subnet { name, address_prefix, delegations: delegations.clone() })
            .collect();
        Ok((Subnet { name, address_prefix, delegations }, more))
    }

    /// The subnet's prefix, and its further prefixes with the plan subnet's name each gets. Azure
    /// lets a subnet hold several and a plan subnet holds one, so the first IPv4 prefix (the one
    /// Azure ML v1 uses) stays with the subnet, and each other one becomes a plan subnet of its
    /// own, named after its place in the list, so that the check still sees its addresses.
    fn subnet_prefixes(&mut self, object: &Obj<'_>, name: &str) -> (String, Vec<(String, String)>) {
        let single = self.string(object, "addressPrefix", Expect::Cidr);
        let several =
            object.get("addressPrefixes").map(|field| (self.strings(&field, Expect::Cidr), field.pointer));
        let kept = single.or_else(|| {
            let list = &several.as_ref()?.0;
            list.iter().find(|prefix| !prefix.contains(':')).or_else(|| list.first()).cloned()
        });
        let mut more = Vec::new();
        match (&kept, several) {
            (Some(kept), Some((list, pointer))) => {
                more = list
                    .iter()
                    .enumerate()
                    .filter(|(_, prefix)| *prefix != kept)
                    .map(|(index, prefix)| (crate::names::further_prefix_subnet(name, index + 1), prefix.clone()))
                    .collect();
                if !more.is_empty() {
                    let names: Vec<String> =
                        more.iter().map(|(name, prefix)| format!("'{name}' ({prefix})")).collect();
                    self.note(
                        &pointer,
                        msg!(
                            [
                                "the subnet has {count} prefixes, and a plan subnet holds one: {kept} stays with '{subnet}', and each other one is a plan subnet of its own, {names}, so the check sees its addresses",
                                "le sous-réseau a {count} préfixes, et un sous-réseau du plan n’en contient qu’un : {kept} reste à « {subnet} », et chacun des autres est un sous-réseau du plan, {names}, pour que la vérification voie ses adresses"
                            ],
                            count = more.len() + 1,
                            kept = kept,
                            subnet = name,
                            names = names.join(", ")
                        ),
                    );
                }
            }
            (None, _) => self.note(
                &object.pointer,
                msg!([
                    "the subnet has no address prefix: the plan keeps an empty one, which the check reports",
                    "le sous-réseau n’a pas de préfixe d’adresse : le plan en garde un vide, que la vérification signale"
                ]),
            ),
            (Some(_), None) => {}
        }
        (kept.unwrap_or_default(), more)
    }

    fn delegations(&mut self, field: &Field<'_>) -> Vec<String> {
        let mut services = Vec::new();
        let Some(items) = self.list_items(field) else {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "the delegations are computed by {text}, which vnetplan cannot evaluate: the subnet is imported without them; write its delegations in the plan",
                        "les délégations sont calculées par {text}, que vnetplan ne sait pas évaluer : le sous-réseau est importé sans elles ; écrivez ses délégations dans le plan"
                    ],
                    text = quoted(field.value)
                ),
            );
            return services;
        };
        for item in items {
            if let Some(text) = item.value.as_str() {
                services.push(self.text(text, &item.pointer, Expect::Service));
                continue;
            }
            let Some(delegation) = Obj::new(item.value, item.pointer.clone()) else {
                self.note(
                    &item.pointer,
                    msg!(
                        [
                            "expected a delegation object, found {found}; not imported",
                            "un objet de délégation était attendu, trouvé {found} ; non importé"
                        ],
                        found = quoted(item.value)
                    ),
                );
                continue;
            };
            match self.string(&delegation, "serviceName", Expect::Service) {
                Some(service) => services.push(service),
                None => self.note(
                    &delegation.pointer,
                    msg!([
                        "a delegation without a service name is not imported",
                        "une délégation sans nom de service n’est pas importée"
                    ]),
                ),
            }
            self.unread(&delegation, DELEGATION_READ, DELEGATION_INFORMATIONAL);
        }
        services
    }

    /// Notes for what a subnet holds or is attached to that the plan does not describe.
    fn subnet_notes(&mut self, object: &Obj<'_>) {
        if let Some(field) = self.setting(object, "networkSecurityGroup") {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "network security group {name} filters this subnet's traffic; the plan holds no NSG rules (for scoring calls from outside the VNet, see nsgAllowsScoringInbound on the cluster)",
                        "le groupe de sécurité réseau {name} filtre le trafic de ce sous-réseau ; le plan ne contient pas de règles NSG (pour les appels de scoring depuis l’extérieur du VNet, voir nsgAllowsScoringInbound sur le cluster)"
                    ],
                    name = named(&self.reference_name(object, "networkSecurityGroup"), field.value)
                ),
            );
        }
        if let Some(field) = self.setting(object, "routeTable") {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "route table {name} decides where this subnet's traffic goes; the plan holds no routes (if it sends outbound traffic through a firewall, describe what that allows under egress)",
                        "la table de routage {name} décide où va le trafic de ce sous-réseau ; le plan ne contient pas de routes (si elle envoie le trafic sortant par un pare-feu, décrivez ce qu’il autorise sous egress)"
                    ],
                    name = named(&self.reference_name(object, "routeTable"), field.value)
                ),
            );
        }
        if let Some(field) = self.setting(object, "natGateway") {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "NAT gateway {name} carries this subnet's outbound traffic; the plan does not hold it",
                        "la passerelle NAT {name} porte le trafic sortant de ce sous-réseau ; le plan ne la contient pas"
                    ],
                    name = named(&self.reference_name(object, "natGateway"), field.value)
                ),
            );
        }
        if let Some(field) = self.setting(object, "serviceEndpoints") {
            let services: Vec<String> = field
                .objects()
                .iter()
                .filter_map(|endpoint| endpoint.str("service").map(str::to_owned))
                .collect();
            let services = if services.is_empty() { quoted(field.value) } else { services.join(", ") };
            self.note(
                &field.pointer,
                msg!(
                    [
                        "service endpoints ({services}) are not imported: the plan does not hold them",
                        "les points de terminaison de service ({services}) ne sont pas importés : le plan ne les contient pas"
                    ],
                    services = services
                ),
            );
        }
        if let Some(field) = self.setting(object, "serviceEndpointPolicies") {
            // Azure lists each policy as a reference, `{"id": …}`: its name is what the note can show.
            let policies: Vec<String> =
                field.objects().iter().filter_map(|policy| policy.str("id")).map(policy_name).collect();
            let policies = if policies.is_empty() { quoted(field.value) } else { policies.join(", ") };
            self.note(
                &field.pointer,
                msg!(
                    [
                        "service endpoint policies ({policies}) are not imported: the plan does not hold them",
                        "les stratégies de point de terminaison de service ({policies}) ne sont pas importées : le plan ne les contient pas"
                    ],
                    policies = policies
                ),
            );
        }
        if let Some(field) = object.get("privateEndpoints") {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "the subnet holds {count} private endpoint(s); the plan neither holds private endpoints nor counts their addresses (the workspace's own endpoint goes in workspace.privateEndpoint)",
                        "le sous-réseau contient {count} point(s) de terminaison privé(s) ; le plan ne les contient pas et ne compte pas leurs adresses (celui de l’espace de travail va dans workspace.privateEndpoint)"
                    ],
                    count = field.items().len()
                ),
            );
        }
        if let Some(field) = object.get("ipConfigurations") {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "addresses already in use here: {count} IP configuration(s) (of network interfaces, firewalls or gateways); the plan's capacity figures do not subtract them",
                        "adresses déjà utilisées ici : {count} configuration(s) IP (d’interfaces réseau, de pare-feu ou de passerelles) ; les chiffres de capacité du plan ne les retranchent pas"
                    ],
                    count = field.items().len()
                ),
            );
        }
        if let Some(field) = object.get("applicationGatewayIPConfigurations") {
            self.note(
                &field.pointer,
                msg!([
                    "an application gateway uses this subnet; the plan does not hold it",
                    "une passerelle d’application utilise ce sous-réseau ; le plan ne la contient pas"
                ]),
            );
        }
        for key in ["serviceAssociationLinks", "resourceNavigationLinks"] {
            if let Some(field) = object.get(key) {
                let linked: Vec<String> = field
                    .objects()
                    .iter()
                    .filter_map(|link| link.str("linkedResourceType").map(str::to_owned))
                    .collect();
                let linked = if linked.is_empty() { quoted(field.value) } else { linked.join(", ") };
                self.note(
                    &field.pointer,
                    msg!(
                        [
                            "the subnet is in use by {linked}; the plan does not hold such links",
                            "le sous-réseau est utilisé par {linked} ; le plan ne contient pas de tels liens"
                        ],
                        linked = linked
                    ),
                );
            }
        }
        if let Some(field) =
            object.raw("defaultOutboundAccess").filter(|field| field.value.as_bool() == Some(false))
        {
            self.note(
                &field.pointer,
                msg!([
                    "default outbound access is off: what runs here needs an explicit way out (NAT gateway, firewall or load balancer), which the plan does not hold",
                    "l’accès sortant par défaut est désactivé : ce qui tourne ici a besoin d’une sortie explicite (passerelle NAT, pare-feu ou équilibreur de charge), que le plan ne contient pas"
                ]),
            );
        }
    }

    /// A peering, with the ranges on its far side as external ranges named after that VNet.
    fn peering(&mut self, object: &Obj<'_>) -> Peering {
        let remote_id = object.object("remoteVirtualNetwork").and_then(|remote| remote.get("id"));
        let remote = remote_id.and_then(|field| field.value.as_str()).and_then(|written| {
            // An exported template computes the id from the VNet's name, which it states.
            let id = match is_expression(written) {
                true => self.template.as_ref()?.evaluate(written)?,
                false => written.to_owned(),
            };
            Some((
                id_resource_group(&id)?.to_owned(),
                id_segment(&id, "virtualNetworks")?.to_owned(),
                id_subscription(&id),
            ))
        });
        let peering_name = object.str("name").unwrap_or("peering");
        let name = remote.as_ref().map_or_else(|| peering_name.to_owned(), |(_, name, _)| name.clone());
        // The remote VNet's current space; `remoteAddressSpace` is the space when the peering
        // was last synced.
        let space =
            object.object("remoteVirtualNetworkAddressSpace").or_else(|| object.object("remoteAddressSpace"));
        let prefixes = match space.as_ref().and_then(|space| space.get("addressPrefixes")) {
            Some(field) => self.strings(&field, Expect::Cidr),
            None => Vec::new(),
        };
        let unshown = prefixes.is_empty().then(|| {
            ImportNote::new(
                Some(self.document),
                &object.pointer,
                msg!(
                    [
                        "peering '{peering}' does not show the address space of VNet '{name}': add its ranges as external ranges of kind peeredVnet",
                        "l’appairage « {peering} » ne montre pas l’espace d’adressage du VNet « {name} » : ajoutez ses plages comme plages externes de type peeredVnet"
                    ],
                    peering = peering_name,
                    name = &name
                ),
            )
        });
        if let Some(field) =
            object.get("useRemoteGateways").filter(|field| field.value.as_bool() == Some(true))
        {
            self.note(
                &field.pointer,
                msg!(
                    [
                        "traffic reaches other networks through the gateway of VNet '{name}': add the on-premises or VPN ranges behind it as external ranges",
                        "le trafic atteint d’autres réseaux par la passerelle du VNet « {name} » : ajoutez les plages locales ou VPN derrière elle comme plages externes"
                    ],
                    name = &name
                ),
            );
        }
        self.unread(object, PEERING_READ, PEERING_INFORMATIONAL);
        let ranges = prefixes
            .into_iter()
            .map(|address_prefix| ExternalRange {
                name: name.clone(),
                address_prefix,
                kind: ExternalRangeKind::PeeredVnet,
            })
            .collect();
        Peering { remote, ranges, unshown }
    }
}

/// The referenced resource's name, or the reference as written when it names none.
fn named(name: &str, reference: &serde_json::Value) -> String {
    if name.is_empty() {
        quoted(reference)
    } else {
        format!("'{name}'")
    }
}

/// A policy's name from its id, or the id a template computes, whose text says more.
fn policy_name(id: &str) -> String {
    if is_expression(id) {
        id.to_owned()
    } else {
        format!("'{}'", id_name(id))
    }
}
