//! Reading a plan document, with one clear message when it cannot be read.
//!
//! The reader walks a `serde_json::Value` by hand rather than deriving `Deserialize`: that is what
//! lets every rejection name the field as a JSON pointer, say what was found and what was
//! expected, and suggest the nearest known name for a misspelt field (`az` prints
//! `dnsServiceIp` where this format says `dnsServiceIP`).
//!
//! Building that tree costs more than checking the plan, so [`parse_plan`] first tries
//! [`direct`], which reads well-formed text straight into the model and leaves every document it
//! does not take to the tree reader.

mod direct;

use std::borrow::Cow;
use std::fmt;

use serde_json::{Map, Value};

use crate::plan::{
    is_namespace_name, AciDeployment, AksCluster, AzureMl, AzureMlApi, Choice, Egress, EndpointKind,
    ExternalRange, ManagedNetwork, MaxSurge, OnlineEndpoint, OutboundRule, Permissions, Plan, PortRange,
    Subnet, SubnetRef, Vnet, Workspace, MAX_NODE_COUNT, SCHEMA_VERSION,
};
use crate::text::{Lang, Message, Text};

/// Why a document was rejected as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// JSON pointer of the offending field; empty for the document itself.
    pub pointer: String,
    /// What is wrong there and what would be right, in either language.
    pub reason: Message,
    /// Where a syntax error was found, 1-based.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl ParseError {
    /// A rejection of the field at `pointer`.
    pub fn at(pointer: String, reason: Message) -> Self {
        Self { pointer, reason, line: None, column: None }
    }

    /// The whole rejection, led by where it is: a syntax error's line and column, or the
    /// field's pointer.
    pub fn message(&self) -> Message {
        let framed = match (self.line, self.column) {
            (Some(line), Some(column)) => msg!(
                ["line {line}, column {column}: {reason}", "ligne {line}, colonne {column} : {reason}"],
                line = line,
                column = column
            ),
            _ if self.pointer.is_empty() => msg!(["the document: {reason}", "le document : {reason}"]),
            _ => msg!(["{pointer}: {reason}", "{pointer} : {reason}"], pointer = &self.pointer),
        };
        framed.with_message("reason", self.reason.clone())
    }

    /// [`ParseError::message`] in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ParseError {}

/// Reads a plan from JSON text.
///
/// # Examples
///
/// ```
/// let error = vnetplan_core::parse_plan(r#"{"schemaVersion": 2}"#).unwrap_err();
/// assert_eq!(error.pointer, "/schemaVersion");
/// ```
pub fn parse_plan(text: &str) -> Result<Plan, ParseError> {
    match direct::read(strip_bom(text)) {
        Some(plan) => Ok(plan),
        None => parse_plan_through_tree(text),
    }
}

/// Reads a plan from JSON text as [`parse_plan`] does, with the same plan and the same errors,
/// through a JSON tree only. It is slower on large plans, and leaves out the code of the direct
/// reader, which the planner page, already holding the tree reader for its edits, does without.
pub fn parse_plan_through_tree(text: &str) -> Result<Plan, ParseError> {
    let text = strip_bom(text);
    // serde_json would call it the end of the text at line 1, column 0, which reads as a fault
    // inside a text that is not there.
    if text.trim_matches(JSON_WHITESPACE).is_empty() {
        return Err(ParseError::at(
            String::new(),
            text!(
                "it is empty; a plan is a JSON object with at least schemaVersion, region, workspace \
                 and vnets",
                "il est vide ; un plan est un objet JSON avec au moins schemaVersion, region, \
                 workspace et vnets"
            )
            .message(),
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|error| ParseError {
        pointer: String::new(),
        reason: msg!(["this is not valid JSON ({detail})", "ce n’est pas du JSON valide ({detail})"])
            .with_message("detail", json_detail(&syntax_detail(&error))),
        line: Some(error.line()),
        column: Some(error.column()),
    })?;
    plan_from_value(&value)
}

/// What JSON counts as white space; `str::trim` would also take Unicode's other spaces, which
/// JSON refuses.
const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// The text without a UTF-8 byte-order mark in front, which PowerShell writes and JSON does
/// not allow.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// What serde_json says of a syntax error, without the position it appends (" at line L column
/// C"), which is reported apart.
pub(crate) fn syntax_detail(error: &serde_json::Error) -> String {
    let text = error.to_string();
    text.rsplit_once(" at line ").map_or(text.clone(), |(head, _)| head.to_owned())
}

/// A syntax error's detail as a message: serde_json writes English only, so the details it
/// writes are translated here, and one this table lacks is shown as serde_json wrote it.
pub fn json_detail(detail: &str) -> Message {
    let text = match detail {
        "EOF while parsing a list" => text!("EOF while parsing a list", "fin du texte au milieu d’une liste"),
        "EOF while parsing an object" => {
            text!("EOF while parsing an object", "fin du texte au milieu d’un objet")
        }
        "EOF while parsing a string" => {
            text!("EOF while parsing a string", "fin du texte au milieu d’une chaîne")
        }
        "EOF while parsing a value" => text!("EOF while parsing a value", "fin du texte avant une valeur"),
        "expected `:`" => text!("expected `:`", "« : » attendu"),
        "expected `,` or `]`" => text!("expected `,` or `]`", "« , » ou « ] » attendu"),
        "expected `,` or `}`" => text!("expected `,` or `}`", "« , » ou « } » attendu"),
        "expected ident" => text!("expected ident", "mot-clé attendu (true, false ou null)"),
        "expected value" => text!("expected value", "valeur attendue"),
        "expected `\"`" => text!("expected `\"`", "« \" » attendu"),
        "invalid escape" => text!("invalid escape", "séquence d’échappement invalide"),
        "invalid number" => text!("invalid number", "nombre invalide"),
        "number out of range" => text!("number out of range", "nombre hors limites"),
        "invalid unicode code point" => text!("invalid unicode code point", "point de code Unicode invalide"),
        "control character (\\u0000-\\u001F) found while parsing a string" => text!(
            "control character (\\u0000-\\u001F) found while parsing a string",
            "caractère de contrôle (\\u0000-\\u001F) dans une chaîne"
        ),
        "key must be a string" => text!("key must be a string", "une clé doit être une chaîne"),
        "lone leading surrogate in hex escape" => text!(
            "lone leading surrogate in hex escape",
            "demi-codet d’indirection isolé dans un échappement"
        ),
        "trailing comma" => text!("trailing comma", "virgule en trop à la fin"),
        "trailing characters" => text!("trailing characters", "caractères en trop après la fin du JSON"),
        "unexpected end of hex escape" => {
            text!("unexpected end of hex escape", "échappement hexadécimal incomplet")
        }
        "recursion limit exceeded" => text!("recursion limit exceeded", "imbrication trop profonde"),
        other => return Message::verbatim(other),
    };
    text.message()
}

/// Reads a plan from an already-parsed JSON value.
pub fn plan_from_value(value: &Value) -> Result<Plan, ParseError> {
    let root = Object::new(value, Place { parent: Cow::Borrowed(""), index: None }, PLAN_FIELDS)?;
    let version = root.required("schemaVersion")?;
    if version.as_u64() != Some(u64::from(SCHEMA_VERSION)) {
        return Err(root.error_at(
            "schemaVersion",
            msg!(
                [
                    "this tool reads plan format version {expected}, and the document says {found}",
                    "cet outil lit la version {expected} du format des plans, et le document indique {found}"
                ],
                expected = SCHEMA_VERSION
            )
            .with_message("found", describe(version)),
        ));
    }
    Ok(Plan {
        schema_version: SCHEMA_VERSION,
        name: root.optional_string("name")?.unwrap_or_default(),
        region: root.required_string("region")?,
        workspace: workspace(&root.required_object("workspace", WORKSPACE_FIELDS)?)?,
        vnets: root.required_list("vnets", vnet)?,
        external_ranges: root.optional_list("externalRanges", external_range)?,
        aks_clusters: root.optional_list("aksClusters", aks_cluster)?,
        aci_deployments: root.optional_list("aciDeployments", aci_deployment)?,
        egress: match root.optional_object("egress", EGRESS_FIELDS)? {
            Some(egress) => Egress {
                restricted: egress.optional_bool("restricted")?,
                allowed_service_tags: egress.optional_strings("allowedServiceTags")?,
                allowed_fqdns: egress.nullable_strings("allowedFqdns")?,
            },
            None => Egress::default(),
        },
        permissions: match root.optional_object("permissions", PERMISSIONS_FIELDS)? {
            Some(permissions) => Permissions {
                vnet_join: permissions.optional_bool("vnetJoin")?,
                subnet_join: permissions.optional_bool("subnetJoin")?,
            },
            None => Permissions::default(),
        },
        online_endpoints: root.optional_list("onlineEndpoints", online_endpoint)?,
    })
}

const PLAN_FIELDS: &[&str] = &[
    "schemaVersion",
    "name",
    "region",
    "workspace",
    "vnets",
    "externalRanges",
    "aksClusters",
    "aciDeployments",
    "egress",
    "permissions",
    "onlineEndpoints",
];
const WORKSPACE_FIELDS: &[&str] =
    &["resourceGroup", "privateEndpoint", "acrInVnet", "v1LegacyMode", "managedNetwork", "acrSku"];
const SUBNET_REF_FIELDS: &[&str] = &["vnet", "subnet"];
const VNET_FIELDS: &[&str] = &["name", "resourceGroup", "region", "addressPrefixes", "subnets", "peerings"];
const SUBNET_FIELDS: &[&str] = &["name", "addressPrefix", "delegations"];
const EXTERNAL_FIELDS: &[&str] = &["name", "addressPrefix", "kind"];
const CLUSTER_FIELDS: &[&str] = &[
    "name",
    "provisioning",
    "region",
    "vnet",
    "subnet",
    "networkPlugin",
    "networkPluginMode",
    "podCidr",
    "podSubnet",
    "serviceCidr",
    "dnsServiceIP",
    "dockerBridgeCidr",
    "nodeCount",
    "maxSurge",
    "maxPods",
    "vcpusPerNode",
    "vmSize",
    "clusterPurpose",
    "privateCluster",
    "loadBalancerType",
    "loadBalancerSubnet",
    "identity",
    "networkContributorGranted",
    "scoringFromOutsideVnet",
    "nsgAllowsScoringInbound",
    "azureMl",
    "apiServerAuthorizedIpRanges",
    "trustedAccess",
    "localAccountsDisabled",
    "privateClusterPublicFqdn",
];
const ACI_FIELDS: &[&str] = &["name", "vnet", "subnet", "dnsNameLabel"];
const EGRESS_FIELDS: &[&str] = &["restricted", "allowedServiceTags", "allowedFqdns"];
const PERMISSIONS_FIELDS: &[&str] = &["vnetJoin", "subnetJoin"];

fn workspace(object: &Object<'_>) -> Result<Workspace, ParseError> {
    Ok(Workspace {
        resource_group: object.required_string("resourceGroup")?,
        private_endpoint: object
            .nullable_object("privateEndpoint", SUBNET_REF_FIELDS)?
            .map(|reference| {
                Ok::<_, ParseError>(SubnetRef {
                    vnet: reference.required_string("vnet")?,
                    subnet: reference.required_string("subnet")?,
                })
            })
            .transpose()?,
        acr_in_vnet: object.optional_bool("acrInVnet")?,
        v1_legacy_mode: object.optional_bool("v1LegacyMode")?,
        managed_network: object
            .nullable_object("managedNetwork", MANAGED_NETWORK_FIELDS)?
            .map(|network| managed_network(&network))
            .transpose()?,
        acr_sku: object.nullable_choice("acrSku")?,
    })
}

fn vnet(object: &Object<'_>) -> Result<Vnet, ParseError> {
    Ok(Vnet {
        name: object.required_string("name")?,
        resource_group: object.required_string("resourceGroup")?,
        region: object.nullable_string("region")?,
        address_prefixes: object.required_strings("addressPrefixes")?,
        subnets: object.required_list("subnets", subnet)?,
        peerings: object.optional_strings("peerings")?,
    })
}

fn subnet(object: &Object<'_>) -> Result<Subnet, ParseError> {
    Ok(Subnet {
        name: object.required_string("name")?,
        address_prefix: object.required_string("addressPrefix")?,
        delegations: object.optional_strings("delegations")?,
    })
}

fn external_range(object: &Object<'_>) -> Result<ExternalRange, ParseError> {
    Ok(ExternalRange {
        name: object.required_string("name")?,
        address_prefix: object.required_string("addressPrefix")?,
        kind: object.required_choice("kind")?,
    })
}

fn aks_cluster(object: &Object<'_>) -> Result<AksCluster, ParseError> {
    let (vnet, subnet) = (object.optional_string("vnet")?, object.optional_string("subnet")?);
    match (&vnet, &subnet) {
        (Some(_), None) => {
            return Err(object.error_at(
                "subnet",
                msg!([
                    "the cluster names a VNet but no subnet; give both, or leave both out for a cluster \
                     in the VNet that AKS manages",
                    "le cluster indique un VNet mais aucun sous-réseau ; donnez les deux, ou omettez les \
                     deux pour un cluster dans le VNet géré par AKS"
                ]),
            ))
        }
        (None, Some(_)) => {
            return Err(object.error_at(
                "vnet",
                msg!([
                    "the cluster names a subnet but no VNet; give both, or leave both out for a cluster \
                     in the VNet that AKS manages",
                    "le cluster indique un sous-réseau mais aucun VNet ; donnez les deux, ou omettez les \
                     deux pour un cluster dans le VNet géré par AKS"
                ]),
            ))
        }
        _ => {}
    }
    Ok(AksCluster {
        name: object.required_string("name")?,
        provisioning: object.optional_choice("provisioning")?,
        region: object.nullable_string("region")?,
        vnet,
        subnet,
        network_plugin: object.optional_choice("networkPlugin")?,
        network_plugin_mode: object.nullable_choice("networkPluginMode")?,
        pod_cidr: object.nullable_string("podCidr")?,
        pod_subnet: object.nullable_string("podSubnet")?,
        service_cidr: object.required_string("serviceCidr")?,
        dns_service_ip: object.required_string("dnsServiceIP")?,
        docker_bridge_cidr: object.nullable_string("dockerBridgeCidr")?,
        node_count: object.count("nodeCount", object.required("nodeCount")?, 1, MAX_NODE_COUNT)?,
        max_surge: object.optional("maxSurge").map(|value| object.max_surge(value)).transpose()?,
        max_pods: object.nullable_count("maxPods", 0)?,
        vcpus_per_node: object.nullable_count("vcpusPerNode", 1)?,
        vm_size: object.nullable_string("vmSize")?,
        cluster_purpose: object.optional_choice("clusterPurpose")?,
        private_cluster: object.optional_bool("privateCluster")?,
        load_balancer_type: object.optional_choice("loadBalancerType")?,
        load_balancer_subnet: object.nullable_string("loadBalancerSubnet")?,
        identity: object.optional_choice("identity")?,
        network_contributor_granted: object.optional_bool("networkContributorGranted")?,
        scoring_from_outside_vnet: object.optional_bool("scoringFromOutsideVnet")?,
        nsg_allows_scoring_inbound: object.optional_bool("nsgAllowsScoringInbound")?,
        azure_ml: object
            .optional_object("azureMl", AZURE_ML_FIELDS)?
            .map(|settings| azure_ml(&settings))
            .transpose()?,
        api_server_authorized_ip_ranges: object.optional_strings("apiServerAuthorizedIpRanges")?,
        trusted_access: object.optional_bool("trustedAccess")?,
        local_accounts_disabled: object.optional_bool("localAccountsDisabled")?,
        private_cluster_public_fqdn: object.optional_bool("privateClusterPublicFqdn")?,
    })
}

fn aci_deployment(object: &Object<'_>) -> Result<AciDeployment, ParseError> {
    Ok(AciDeployment {
        name: object.required_string("name")?,
        vnet: object.required_string("vnet")?,
        subnet: object.required_string("subnet")?,
        dns_name_label: object.nullable_string("dnsNameLabel")?,
    })
}

/// A JSON object being read, with its pointer for messages.
struct Object<'a> {
    map: &'a Map<String, Value>,
    place: Place<'a>,
}

/// Where an object sits in the document. An item of a list keeps its list's pointer and its
/// index, and the two are joined only when an error names the item: reading a plan of ten
/// thousand subnets would otherwise write ten thousand pointers that no one reads.
struct Place<'a> {
    parent: Cow<'a, str>,
    index: Option<usize>,
}

impl Place<'_> {
    fn pointer(&self) -> Cow<'_, str> {
        match self.index {
            Some(index) => Cow::Owned(format!("{}/{index}", self.parent)),
            None => Cow::Borrowed(&self.parent),
        }
    }
}

impl<'a> Object<'a> {
    fn new(value: &'a Value, place: Place<'a>, known: &[&str]) -> Result<Self, ParseError> {
        let Value::Object(map) = value else {
            return Err(ParseError::at(place.pointer().into_owned(), expected(AN_OBJECT, value)));
        };
        if let Some(unknown) = map.keys().find(|key| !known.contains(&key.as_str())) {
            return Err(ParseError::at(
                child_pointer(&place.pointer(), unknown),
                unknown_field_message(unknown, known),
            ));
        }
        Ok(Self { map, place })
    }

    fn pointer(&self) -> Cow<'_, str> {
        self.place.pointer()
    }

    fn error_at(&self, key: &str, reason: Message) -> ParseError {
        ParseError::at(child_pointer(&self.pointer(), key), reason)
    }

    fn required(&self, key: &str) -> Result<&'a Value, ParseError> {
        self.map.get(key).ok_or_else(|| {
            self.error_at(
                key,
                msg!(
                    ["the required field \"{field}\" is missing", "le champ obligatoire « {field} » manque"],
                    field = key
                ),
            )
        })
    }

    /// The value, or `None` when the field is absent. `null` is only accepted by the
    /// `nullable_*` readers, where the contract allows it.
    fn optional(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    fn nullable(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    fn string(&self, key: &str, value: &Value) -> Result<String, ParseError> {
        value.as_str().map(str::to_owned).ok_or_else(|| self.error_at(key, expected(A_STRING, value)))
    }

    fn required_string(&self, key: &str) -> Result<String, ParseError> {
        self.string(key, self.required(key)?)
    }

    fn optional_string(&self, key: &str) -> Result<Option<String>, ParseError> {
        self.optional(key).map(|value| self.string(key, value)).transpose()
    }

    fn nullable_string(&self, key: &str) -> Result<Option<String>, ParseError> {
        self.nullable(key)
            .map(|value| {
                value.as_str().map(str::to_owned).ok_or_else(|| {
                    self.error_at(key, expected(text!("a string or null", "une chaîne ou null"), value))
                })
            })
            .transpose()
    }

    fn optional_bool(&self, key: &str) -> Result<Option<bool>, ParseError> {
        self.optional(key)
            .map(|value| {
                value.as_bool().ok_or_else(|| {
                    self.error_at(key, expected(text!("true or false", "true ou false"), value))
                })
            })
            .transpose()
    }

    /// A whole number from `minimum` to `maximum`; the message states both bounds, so a number
    /// that is too large is not told it should be "at least" something it already is.
    fn count(&self, key: &str, value: &Value, minimum: u64, maximum: u64) -> Result<u64, ParseError> {
        value.as_u64().filter(|number| (minimum..=maximum).contains(number)).ok_or_else(|| {
            let what = msg!(
                ["a whole number from {minimum} to {maximum}", "un nombre entier de {minimum} à {maximum}"],
                minimum = minimum,
                maximum = maximum
            );
            self.error_at(key, expected_with_hint(what, value, None))
        })
    }

    /// A 32-bit count (pods, vCPUs) from `minimum` up.
    fn nullable_count(&self, key: &str, minimum: u32) -> Result<Option<u32>, ParseError> {
        self.nullable(key)
            .map(|value| {
                let number = self.count(key, value, u64::from(minimum), u64::from(u32::MAX))?;
                Ok(u32::try_from(number).unwrap_or(u32::MAX))
            })
            .transpose()
    }

    /// `maxSurge`: a node count, or a percentage of the pool written as `"N%"`.
    fn max_surge(&self, value: &Value) -> Result<MaxSurge, ParseError> {
        const KEY: &str = "maxSurge";
        if let Some(text) = value.as_str() {
            return surge_percent(text).map(MaxSurge::Percent).ok_or_else(|| {
                // ARM writes a node count as a string; this format takes the number itself.
                let hint = (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| {
                    msg!(
                        [
                            "for a number of nodes write {number} without quotes",
                            "pour un nombre de nœuds, écrivez {number} sans guillemets"
                        ],
                        number = text
                    )
                });
                let what = text!(
                    "a percentage from \"1%\" to \"100%\" (digits then '%', no spaces)",
                    "un pourcentage de \"1%\" à \"100%\" (des chiffres puis « % », sans espace)"
                );
                self.error_at(KEY, expected_with_hint(what.message(), value, hint))
            });
        }
        if value.is_number() {
            return self.count(KEY, value, 0, MAX_NODE_COUNT).map(MaxSurge::Nodes);
        }
        let what = text!(
            "a whole number of nodes (such as 1) or a percentage string (such as \"10%\")",
            "un nombre entier de nœuds (comme 1) ou un pourcentage entre guillemets (comme \"10%\")"
        );
        Err(self.error_at(KEY, expected(what, value)))
    }

    fn choice<T: Choice>(&self, key: &str, value: &Value) -> Result<T, ParseError> {
        value.as_str().and_then(T::from_text).ok_or_else(|| {
            let allowed: Vec<String> = T::CHOICES.iter().map(|(name, _)| format!("\"{name}\"")).collect();
            let what =
                msg!(["one of {choices}", "l’une des valeurs {choices}"], choices = allowed.join(", "));
            // ARM writes these values in another case (`Disabled`, `FQDN`); name this format's.
            let hint = value
                .as_str()
                .and_then(|text| T::CHOICES.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)))
                .map(|(name, _)| {
                    msg!(["this format writes it \"{name}\"", "ce format l’écrit \"{name}\""], name = name)
                });
            self.error_at(key, expected_with_hint(what, value, hint))
        })
    }

    fn required_choice<T: Choice>(&self, key: &str) -> Result<T, ParseError> {
        self.choice(key, self.required(key)?)
    }

    fn optional_choice<T: Choice>(&self, key: &str) -> Result<Option<T>, ParseError> {
        self.optional(key).map(|value| self.choice(key, value)).transpose()
    }

    fn nullable_choice<T: Choice>(&self, key: &str) -> Result<Option<T>, ParseError> {
        self.nullable(key).map(|value| self.choice(key, value)).transpose()
    }

    fn object(&self, key: &str, value: &'a Value, known: &[&str]) -> Result<Object<'a>, ParseError> {
        Object::new(
            value,
            Place { parent: Cow::Owned(child_pointer(&self.pointer(), key)), index: None },
            known,
        )
    }

    fn required_object(&self, key: &str, known: &[&str]) -> Result<Object<'a>, ParseError> {
        self.object(key, self.required(key)?, known)
    }

    fn optional_object(&self, key: &str, known: &[&str]) -> Result<Option<Object<'a>>, ParseError> {
        self.optional(key).map(|value| self.object(key, value, known)).transpose()
    }

    fn nullable_object(&self, key: &str, known: &[&str]) -> Result<Option<Object<'a>>, ParseError> {
        self.nullable(key).map(|value| self.object(key, value, known)).transpose()
    }

    fn array(&self, key: &str, value: &'a Value) -> Result<&'a Vec<Value>, ParseError> {
        value.as_array().ok_or_else(|| self.error_at(key, expected(text!("a list", "une liste"), value)))
    }

    fn list<T>(
        &self,
        key: &str,
        value: &'a Value,
        read: fn(&Object<'_>) -> Result<T, ParseError>,
        known: &[&str],
    ) -> Result<Vec<T>, ParseError> {
        let pointer = child_pointer(&self.pointer(), key);
        self.array(key, value)?
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let place = Place { parent: Cow::Borrowed(pointer.as_str()), index: Some(index) };
                read(&Object::new(item, place, known)?)
            })
            .collect()
    }

    fn required_list<T: Listed>(
        &self,
        key: &str,
        read: fn(&Object<'_>) -> Result<T, ParseError>,
    ) -> Result<Vec<T>, ParseError> {
        self.list(key, self.required(key)?, read, T::FIELDS)
    }

    fn optional_list<T: Listed>(
        &self,
        key: &str,
        read: fn(&Object<'_>) -> Result<T, ParseError>,
    ) -> Result<Vec<T>, ParseError> {
        match self.optional(key) {
            Some(value) => self.list(key, value, read, T::FIELDS),
            None => Ok(Vec::new()),
        }
    }

    fn strings(&self, key: &str, value: &'a Value) -> Result<Vec<String>, ParseError> {
        self.array(key, value)?
            .iter()
            .enumerate()
            .map(|(index, item)| {
                item.as_str().map(str::to_owned).ok_or_else(|| {
                    let pointer = format!("{}/{index}", child_pointer(&self.pointer(), key));
                    ParseError::at(pointer, expected(A_STRING, item))
                })
            })
            .collect()
    }

    fn required_strings(&self, key: &str) -> Result<Vec<String>, ParseError> {
        self.strings(key, self.required(key)?)
    }

    fn optional_strings(&self, key: &str) -> Result<Vec<String>, ParseError> {
        self.optional(key).map_or(Ok(Vec::new()), |value| self.strings(key, value))
    }

    fn nullable_strings(&self, key: &str) -> Result<Option<Vec<String>>, ParseError> {
        self.nullable(key).map(|value| self.strings(key, value)).transpose()
    }

    fn present(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

/// `"N%"` with N from 1 to 100, digits only and no leading zero.
fn surge_percent(text: &str) -> Option<u8> {
    text.strip_suffix('%')
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .filter(|digits| !digits.starts_with('0'))
        .and_then(|digits| digits.parse::<u8>().ok())
        .filter(|percent| (1..=100).contains(percent))
}

/// The field names an object of a list may hold, so a list reader can check them.
trait Listed {
    const FIELDS: &'static [&'static str];
}

impl Listed for Vnet {
    const FIELDS: &'static [&'static str] = VNET_FIELDS;
}
impl Listed for Subnet {
    const FIELDS: &'static [&'static str] = SUBNET_FIELDS;
}
impl Listed for ExternalRange {
    const FIELDS: &'static [&'static str] = EXTERNAL_FIELDS;
}
impl Listed for AksCluster {
    const FIELDS: &'static [&'static str] = CLUSTER_FIELDS;
}
impl Listed for AciDeployment {
    const FIELDS: &'static [&'static str] = ACI_FIELDS;
}
impl Listed for OutboundRule {
    const FIELDS: &'static [&'static str] = OUTBOUND_RULE_FIELDS;
}
impl Listed for OnlineEndpoint {
    const FIELDS: &'static [&'static str] = ENDPOINT_FIELDS;
}

/// Appends one reference token, escaped as RFC 6901 requires.
pub fn child_pointer(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

const AN_OBJECT: Text = text!("an object", "un objet");
const A_STRING: Text = text!("a string", "une chaîne");

/// "Expected `what`, found" the value.
fn expected(what: Text, found: &Value) -> Message {
    expected_with_hint(what.message(), found, None)
}

/// What was expected and what was found, and a hint of how to write it when there is one.
fn expected_with_hint(what: Message, found: &Value, hint: Option<Message>) -> Message {
    let message = match hint {
        None => {
            msg!(["expected {what}, found {found}", "valeur attendue : {what} ; valeur trouvée : {found}"])
        }
        Some(hint) => msg!([
            "expected {what}, found {found}; {hint}",
            "valeur attendue : {what} ; valeur trouvée : {found} ; {hint}"
        ])
        .with_message("hint", hint),
    };
    message.with_message("what", what).with_message("found", describe(found))
}

/// A value as a message says what was found: its kind, and its words when it has them.
fn describe(value: &Value) -> Message {
    match value {
        Value::Null => Message::verbatim("null"),
        Value::Bool(flag) => Message::verbatim(flag.to_string()),
        Value::Number(number) => msg!(["the number {number}", "le nombre {number}"], number = number),
        Value::String(text) => {
            let shown: String = text.chars().take(40).collect();
            let more = if text.chars().count() > 40 { "…" } else { "" };
            msg!(["the string {text}", "la chaîne {text}"], text = format!("{:?}", format!("{shown}{more}")))
        }
        Value::Array(_) => text!("a list", "une liste").message(),
        Value::Object(_) => AN_OBJECT.message(),
    }
}

fn unknown_field_message(unknown: &str, known: &[&str]) -> Message {
    if let Some(message) = respelling(unknown) {
        return message;
    }
    match nearest_name(unknown, known) {
        Some(near) => msg!(
            [
                "unknown field \"{field}\"; did you mean \"{near}\"?",
                "champ inconnu « {field} » ; vouliez-vous dire « {near} » ?"
            ],
            field = unknown,
            near = near
        ),
        None => msg!(
            [
                "unknown field \"{field}\"; the fields here are {fields}",
                "champ inconnu « {field} » ; les champs possibles ici sont {fields}"
            ],
            field = unknown,
            fields = known.join(", ")
        ),
    }
}

/// The known name closest to a misspelling: same letters in another case first, then the
/// smallest edit distance within a third of the name's length.
fn nearest_name<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    if let Some(same) = known.iter().find(|name| name.eq_ignore_ascii_case(unknown)) {
        return Some(same);
    }
    let lower = unknown.to_lowercase();
    known
        .iter()
        .map(|name| (edit_distance(&lower, &name.to_lowercase()), *name))
        .filter(|(distance, name)| *distance <= (name.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, left) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, right) in b.iter().enumerate() {
            let substitution = previous.get(j).map_or(usize::MAX, |d| d + usize::from(left != *right));
            let deletion = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insertion = current.get(j).map_or(usize::MAX, |d| d + 1);
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = substitution.min(deletion).min(insertion);
            }
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

const AZURE_ML_FIELDS: &[&str] = &[
    "api",
    "inferenceRouterServiceType",
    "internalLoadBalancerProvider",
    "allowInsecureConnections",
    "sslCname",
    "sslCertificate",
    "inferenceRouterHA",
    "namespace",
    "reusesV1Cluster",
];
const MANAGED_NETWORK_FIELDS: &[&str] = &["isolationMode", "outboundRules", "imageBuildCompute"];
const OUTBOUND_RULE_FIELDS: &[&str] = &["name", "type", "destination", "ports"];
const ENDPOINT_FIELDS: &[&str] =
    &["name", "kind", "compute", "publicNetworkAccess", "legacyEgressPublicNetworkAccess"];

/// Names that Azure's own documents use for a field this format spells otherwise, or does not
/// model; a plain nearest-name suggestion would miss most of them.
fn respelling(unknown: &str) -> Option<Message> {
    let renamed = match unknown {
        "authorizedIPRanges" | "apiServerAuthorizedIPRanges" => "apiServerAuthorizedIpRanges",
        "disableLocalAccounts" => "localAccountsDisabled",
        "enablePrivateClusterPublicFQDN" | "privateClusterPublicFQDN" => "privateClusterPublicFqdn",
        "sslSecret" | "sslCertPemFile" | "sslKeyPemFile" => {
            return Some(msg!(
                [
                    "unknown field \"{field}\"; this format says how the certificate is given with \
                     \"sslCertificate\": \"secret\" or \"pemFiles\"",
                    "champ inconnu « {field} » ; ce format indique la source du certificat avec \
                     \"sslCertificate\": \"secret\" ou \"pemFiles\""
                ],
                field = unknown
            ))
        }
        "enableInference" | "nodeSelector" => {
            return Some(msg!(
                [
                    "the extension setting \"{field}\" is not modelled in azureMl: inference is taken as \
                     enabled and every node as schedulable; remove it",
                    "le paramètre d’extension « {field} » n’est pas modélisé dans azureMl : l’inférence est \
                     supposée activée et chaque nœud planifiable ; retirez-le"
                ],
                field = unknown
            ))
        }
        "egressPublicNetworkAccess" => "legacyEgressPublicNetworkAccess",
        "imageBuildCompute" => {
            return Some(msg!(
                [
                    "unknown field \"imageBuildCompute\" here; this format keeps it in the workspace's \
                     managed network: {example}",
                    "champ inconnu ici « imageBuildCompute » ; ce format le range dans le réseau managé \
                     de l’espace de travail : {example}"
                ],
                example = "\"managedNetwork\": { \"imageBuildCompute\": … }"
            ))
        }
        _ => return None,
    };
    Some(msg!(
        [
            "unknown field \"{field}\"; this format calls it \"{name}\"",
            "champ inconnu « {field} » ; ce format l’appelle « {name} »"
        ],
        field = unknown,
        name = renamed
    ))
}

fn azure_ml(object: &Object<'_>) -> Result<AzureMl, ParseError> {
    let api: Option<AzureMlApi> = object.optional_choice("api")?;
    if api != Some(AzureMlApi::V2) {
        // The other members describe the v2 extension; under v1 they would be silently ignored.
        if let Some(member) = AZURE_ML_FIELDS.iter().skip(1).find(|member| object.present(member)) {
            return Err(object.error_at(
                member,
                msg!(
                    [
                        "\"{field}\" describes Kubernetes compute and needs \"api\": \"v2\" in azureMl",
                        "« {field} » décrit un calcul Kubernetes et nécessite \"api\": \"v2\" dans azureMl"
                    ],
                    field = member
                ),
            ));
        }
    } else if !object.present("inferenceRouterServiceType") {
        return Err(object.error_at(
            "inferenceRouterServiceType",
            msg!([
                "a cluster with \"api\": \"v2\" needs \"inferenceRouterServiceType\": \"loadBalancer\", \
                 \"nodePort\" or \"clusterIP\"",
                "un cluster avec \"api\": \"v2\" nécessite \"inferenceRouterServiceType\": \"loadBalancer\", \
                 \"nodePort\" ou \"clusterIP\""
            ]),
        ));
    }
    let namespace = object.optional_string("namespace")?;
    if let Some(name) = namespace.as_deref().filter(|name| !is_namespace_name(name)) {
        let what = text!(
            "a Kubernetes namespace name (lower-case letters, digits and inner dashes, 1 to 63 characters)",
            "un nom d’espace de noms Kubernetes (lettres minuscules, chiffres et tirets, ni au début ni à \
             la fin, de 1 à 63 caractères)"
        );
        return Err(object.error_at("namespace", expected(what, &Value::String(name.to_owned()))));
    }
    Ok(AzureMl {
        api,
        inference_router_service_type: object.optional_choice("inferenceRouterServiceType")?,
        internal_load_balancer_provider: object.nullable_choice("internalLoadBalancerProvider")?,
        allow_insecure_connections: object.optional_bool("allowInsecureConnections")?,
        ssl_cname: object.nullable_string("sslCname")?,
        ssl_certificate: object.nullable_choice("sslCertificate")?,
        inference_router_ha: object.optional_bool("inferenceRouterHA")?,
        namespace,
        reuses_v1_cluster: object.optional_bool("reusesV1Cluster")?,
    })
}

fn managed_network(object: &Object<'_>) -> Result<ManagedNetwork, ParseError> {
    Ok(ManagedNetwork {
        isolation_mode: object.required_choice("isolationMode")?,
        outbound_rules: object.optional_list("outboundRules", outbound_rule)?,
        image_build_compute: object.nullable_string("imageBuildCompute")?,
    })
}

fn outbound_rule(object: &Object<'_>) -> Result<OutboundRule, ParseError> {
    let ports = object.optional("ports").map(|value| object.strings("ports", value)).transpose()?;
    for (index, text) in ports.iter().flatten().enumerate() {
        if PortRange::parse(text).is_none() {
            let what = text!(
                "\"*\", a port such as \"443\" or a range such as \"8000-8080\" (ports 1 to 65535, no \
                 leading zeros, the lower first)",
                "\"*\", un port comme \"443\" ou une plage comme \"8000-8080\" (ports de 1 à 65535, sans zéro \
                 non significatif, le plus petit d’abord)"
            );
            return Err(ParseError::at(
                format!("{}/{index}", child_pointer(&object.pointer(), "ports")),
                expected(what, &Value::String(text.clone())),
            ));
        }
    }
    Ok(OutboundRule {
        name: object.required_string("name")?,
        rule_type: object.required_choice("type")?,
        destination: object.required_string("destination")?,
        ports,
    })
}

fn online_endpoint(object: &Object<'_>) -> Result<OnlineEndpoint, ParseError> {
    let kind: EndpointKind = object.required_choice("kind")?;
    let compute = object.nullable_string("compute")?;
    if kind == EndpointKind::Kubernetes && compute.is_none() {
        return Err(object.error_at(
            "compute",
            msg!([
                "a \"kubernetes\" endpoint needs \"compute\": the name of the v2 cluster it runs on",
                "un point de terminaison \"kubernetes\" nécessite \"compute\" : le nom du cluster v2 qui l’exécute"
            ]),
        ));
    }
    Ok(OnlineEndpoint {
        name: object.required_string("name")?,
        kind,
        compute,
        public_network_access: object.nullable_choice("publicNetworkAccess")?,
        legacy_egress_public_network_access: object.nullable_choice("legacyEgressPublicNetworkAccess")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejection(text: &str) -> String {
        parse_plan(text).expect_err("document is rejected").to_string()
    }

    const MINIMAL: &str =
        r#"{"schemaVersion":1,"region":"eastus2","workspace":{"resourceGroup":"rg"},"vnets":[]}"#;

    #[test]
    fn the_tree_only_path_reads_and_refuses_as_parse_plan_does() {
        let texts = [
            crate::reference::REFERENCE_PLAN.to_owned(),
            format!("\u{feff}{MINIMAL}"),
            MINIMAL.replace(r#""schemaVersion":1"#, r#""schemaVersion":2"#),
            MINIMAL.replace("[]", r#"[{"name":"v","addressPrefixes":["10.0.0.0/33"],"subnets":[]}]"#),
            MINIMAL.replace(r#""vnets":[]"#, r#""vnets":[],"extra":true"#),
            "{ not json".to_owned(),
        ];
        for text in &texts {
            assert_eq!(parse_plan_through_tree(text), parse_plan(text), "{text}");
        }
        assert!(parse_plan_through_tree(&texts[0]).is_ok());
        assert!(parse_plan_through_tree(&texts[2]).is_err());
    }

    #[test]
    fn an_error_in_an_item_of_an_item_names_both_indices() {
        let vnet = |subnets: &str| {
            format!(
                r#"{{"name":"v","resourceGroup":"rg","addressPrefixes":["10.0.0.0/16"],"subnets":[{subnets}]}}"#
            )
        };
        let fine = r#"{"name":"a","addressPrefix":"10.0.0.0/24"}"#;
        let cases = [
            (format!(r#"{fine},{{"name":"b","addressPrefix":7}}"#), "/vnets/1/subnets/1/addressPrefix"),
            (
                format!(r#"{fine},{fine},{{"name":"c","addressPrefix":"10.0.2.0/24","colour":"red"}}"#),
                "/vnets/1/subnets/2/colour",
            ),
            (format!(r#"{fine},"s""#), "/vnets/1/subnets/1"),
            (
                format!(r#"{fine},{{"name":"d","addressPrefix":"10.0.3.0/24","delegations":[true]}}"#),
                "/vnets/1/subnets/1/delegations/0",
            ),
        ];
        for (subnets, pointer) in cases {
            let text = MINIMAL.replace("[]", &format!("[{},{}]", vnet(fine), vnet(&subnets)));
            let error =
                parse_plan_through_tree(&text).expect_err("the second VNet holds a subnet that is not one");
            assert_eq!(error.pointer, pointer, "{text}");
            assert_eq!(Err(error), parse_plan(&text), "{text}");
        }
    }

    #[test]
    fn minimal_plan_gets_documented_defaults() {
        let plan = parse_plan(MINIMAL).expect("minimal plan parses");
        assert_eq!(plan.name, "");
        assert!(plan.permissions.vnet_join() && plan.permissions.subnet_join());
        assert!(!plan.egress.restricted());
        assert!(plan.aks_clusters.is_empty());
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        assert_eq!(
            rejection("{\n  \"schemaVersion\": 1,\n}"),
            "line 3, column 1: this is not valid JSON (trailing comma)"
        );
    }

    #[test]
    fn an_empty_document_is_called_empty_not_cut_short() {
        for text in ["", "\u{feff}", " \n\t\r\n"] {
            let error = parse_plan(text).expect_err("nothing is not a plan");
            assert_eq!((error.line, error.column), (None, None));
            assert_eq!(
                error.render(Lang::En),
                "the document: it is empty; a plan is a JSON object with at least schemaVersion, region, \
                 workspace and vnets"
            );
            assert_eq!(parse_plan_through_tree(text), Err(error));
        }
        assert_eq!(
            parse_plan("").expect_err("nothing is not a plan").render(Lang::Fr),
            "le document : il est vide ; un plan est un objet JSON avec au moins schemaVersion, region, \
             workspace et vnets"
        );
        // JSON's white space is four characters: any other space is a syntax error, said as one.
        assert!(parse_plan("\u{a0}").expect_err("not JSON").line.is_some());
    }

    #[test]
    fn rejections_read_in_french_with_the_same_pointer() {
        let cases = [
            (
                "{\n  \"schemaVersion\": 1,\n}".to_owned(),
                "ligne 3, colonne 1 : ce n’est pas du JSON valide (virgule en trop à la fin)",
            ),
            (
                r#"{"schemaVersion":"1"}"#.to_owned(),
                "/schemaVersion : cet outil lit la version 1 du format des plans, et le document indique \
                 la chaîne \"1\"",
            ),
            (
                r#"{"schemaVersion":1,"region":"x","vnets":[]}"#.to_owned(),
                "/workspace : le champ obligatoire « workspace » manque",
            ),
            (
                with_cluster(r#","dnsServiceIp":"10.0.0.10""#),
                "/aksClusters/0/dnsServiceIp : champ inconnu « dnsServiceIp » ; vouliez-vous dire « dnsServiceIP » ?",
            ),
            (
                with_cluster(r#","nodeCount":4,"maxSurge":"3""#),
                "/aksClusters/0/maxSurge : valeur attendue : un pourcentage de \"1%\" à \"100%\" (des chiffres puis \
                 « % », sans espace) ; valeur trouvée : la chaîne \"3\" ; pour un nombre de nœuds, écrivez 3 sans \
                 guillemets",
            ),
            (
                with_cluster(r#","nodeCount":true"#),
                "/aksClusters/0/nodeCount : valeur attendue : un nombre entier de 1 à 9007199254740991 ; valeur trouvée : \
                 true",
            ),
        ];
        for (text, expected) in &cases {
            let error = parse_plan(text).expect_err("document is rejected");
            assert_eq!(error.render(Lang::Fr), *expected, "{error}");
            if !error.pointer.is_empty() {
                assert!(expected.starts_with(&format!("{} : ", error.pointer)), "{expected}");
                assert!(error.to_string().starts_with(&format!("{}: ", error.pointer)), "{error}");
            }
        }
    }

    #[test]
    fn wrong_version_is_named() {
        assert_eq!(
            rejection(r#"{"schemaVersion":"1"}"#),
            "/schemaVersion: this tool reads plan format version 1, and the document says the string \"1\""
        );
    }

    #[test]
    fn missing_field_is_named_by_pointer() {
        assert_eq!(
            rejection(r#"{"schemaVersion":1,"region":"x","vnets":[]}"#),
            "/workspace: the required field \"workspace\" is missing"
        );
    }

    #[test]
    fn unknown_field_suggests_the_contract_spelling() {
        let text = MINIMAL.replace(
            r#""vnets":[]"#,
            r#""vnets":[],"aksClusters":[{"name":"a","vnet":"v","subnet":"s","serviceCidr":"10.0.0.0/16","dnsServiceIp":"10.0.0.10","nodeCount":3}]"#,
        );
        assert_eq!(
            rejection(&text),
            "/aksClusters/0/dnsServiceIp: unknown field \"dnsServiceIp\"; did you mean \"dnsServiceIP\"?"
        );
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        let text = MINIMAL.replace(
            r#""vnets":[]"#,
            r#""vnets":[{"name":"v","resourceGroup":"rg","addressPrefixes":["10.0.0.0/16", 7],"subnets":[]}]"#,
        );
        assert_eq!(rejection(&text), "/vnets/0/addressPrefixes/1: expected a string, found the number 7");
        let text = MINIMAL.replace(r#""vnets":[]"#, r#""vnets":[],"egress":{"restricted":"yes"}"#);
        assert_eq!(rejection(&text), "/egress/restricted: expected true or false, found the string \"yes\"");
    }

    #[test]
    fn enumerations_list_their_values() {
        let text = MINIMAL.replace(
            r#""vnets":[]"#,
            r#""vnets":[],"externalRanges":[{"name":"x","addressPrefix":"1.0.0.0/8","kind":"vpnGateway"}]"#,
        );
        assert_eq!(
            rejection(&text),
            "/externalRanges/0/kind: expected one of \"peeredVnet\", \"onPremises\", \"vpn\", \"expressRoute\", \"other\", found the string \"vpnGateway\""
        );
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(child_pointer("/a", "b/c~d"), "/a/b~1c~0d");
    }

    fn with_cluster(fields: &str) -> String {
        MINIMAL.replace(
            r#""vnets":[]"#,
            &format!(
                r#""vnets":[],"aksClusters":[{{"name":"a","serviceCidr":"10.0.0.0/16","dnsServiceIP":"10.0.0.10"{fields}}}]"#
            ),
        )
    }

    fn cluster(fields: &str) -> AksCluster {
        let plan = parse_plan(&with_cluster(fields)).expect("cluster parses");
        plan.aks_clusters.into_iter().next().expect("one cluster")
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let plan = parse_plan(&format!("\u{feff}{MINIMAL}")).expect("BOM is skipped");
        assert_eq!(plan.region, "eastus2");
        // Only in front of the document: inside, it is still not JSON.
        assert!(parse_plan(&format!("{MINIMAL}\u{feff}")).is_err());
    }

    #[test]
    fn node_count_takes_every_exact_json_integer() {
        assert_eq!(cluster(r#","vnet":"v","subnet":"s","nodeCount":4294967296"#).node_count, 4_294_967_296);
        assert_eq!(
            cluster(r#","vnet":"v","subnet":"s","nodeCount":9007199254740991"#).node_count,
            MAX_NODE_COUNT
        );
        assert_eq!(
            rejection(&with_cluster(r#","vnet":"v","subnet":"s","nodeCount":9007199254740992"#)),
            "/aksClusters/0/nodeCount: expected a whole number from 1 to 9007199254740991, found the number \
             9007199254740992"
        );
        assert_eq!(
            rejection(&with_cluster(r#","vnet":"v","subnet":"s","nodeCount":0"#)),
            "/aksClusters/0/nodeCount: expected a whole number from 1 to 9007199254740991, found the number 0"
        );
        assert_eq!(
            rejection(&with_cluster(r#","vnet":"v","subnet":"s","nodeCount":3,"maxPods":4294967296"#)),
            "/aksClusters/0/maxPods: expected a whole number from 0 to 4294967295, found the number 4294967296"
        );
    }

    #[test]
    fn max_surge_is_a_count_or_a_percentage() {
        let surge =
            |value: &str| cluster(&format!(r#","vnet":"v","subnet":"s","nodeCount":4,"maxSurge":{value}"#));
        assert_eq!(surge("0").max_surge, Some(MaxSurge::Nodes(0)));
        assert_eq!(surge("3").surge_nodes(), 3);
        assert_eq!(surge(r#""10%""#).max_surge, Some(MaxSurge::Percent(10)));
        assert_eq!(surge(r#""10%""#).surge_nodes(), 1);
        assert_eq!(surge(r#""100%""#).surge_nodes(), 4);
        assert_eq!(surge(r#""33%""#).peak_nodes(), 6);
        let absent = cluster(r#","vnet":"v","subnet":"s","nodeCount":64"#);
        assert_eq!((absent.max_surge, absent.surge_nodes(), absent.peak_nodes()), (None, 7, 71));
        for bad in [r#""0%""#, r#""101%""#, r#""10 %""#, r#""%""#, r#""010%""#, r#""ten%""#, r#""5""#] {
            let text = with_cluster(&format!(r#","vnet":"v","subnet":"s","nodeCount":4,"maxSurge":{bad}"#));
            let message = rejection(&text);
            assert!(
                message.starts_with("/aksClusters/0/maxSurge: expected a percentage from \"1%\" to \"100%\""),
                "{message}"
            );
        }
        assert_eq!(
            rejection(&with_cluster(r#","vnet":"v","subnet":"s","nodeCount":4,"maxSurge":-1"#)),
            "/aksClusters/0/maxSurge: expected a whole number from 0 to 9007199254740991, found the number -1"
        );
        assert!(rejection(&with_cluster(r#","vnet":"v","subnet":"s","nodeCount":4,"maxSurge":true"#))
            .contains("a percentage string (such as \"10%\")"));
    }

    #[test]
    fn vnet_and_subnet_are_omitted_together_or_not_at_all() {
        let managed = cluster(r#","nodeCount":3"#);
        assert!(managed.in_managed_vnet() && managed.vnet.is_none());
        assert_eq!(
            rejection(&with_cluster(r#","vnet":"v","nodeCount":3"#)),
            "/aksClusters/0/subnet: the cluster names a VNet but no subnet; give both, or leave both out \
             for a cluster in the VNet that AKS manages"
        );
        assert!(
            rejection(&with_cluster(r#","subnet":"s","nodeCount":3"#)).starts_with("/aksClusters/0/vnet: ")
        );
    }

    #[test]
    fn vm_size_is_read_and_gives_the_vcpus() {
        let sized = cluster(r#","vnet":"v","subnet":"s","nodeCount":3,"vmSize":"Standard_D4s_v5""#);
        assert_eq!(
            (sized.vm_size.as_deref(), sized.vcpus_per_node, sized.vcpus()),
            (Some("Standard_D4s_v5"), None, Some(4))
        );
        let both =
            cluster(r#","vnet":"v","subnet":"s","nodeCount":3,"vmSize":"Standard_D4s_v5","vcpusPerNode":8"#);
        assert_eq!(both.vcpus(), Some(8));
    }

    #[test]
    fn network_contributor_grant_keeps_not_recorded_apart_from_false() {
        let field = |text: &str| cluster(&format!(r#","vnet":"v","subnet":"s","nodeCount":3{text}"#));
        assert_eq!(field("").network_contributor_granted, None);
        assert!(!field("").network_contributor_missing());
        assert!(field(r#","networkContributorGranted":false"#).network_contributor_missing());
        assert!(!field(r#","networkContributorGranted":true"#).network_contributor_missing());
    }

    #[test]
    fn absent_fields_stay_absent_when_written_back() {
        let text = with_cluster(r#","vnet":"v","subnet":"s","nodeCount":3,"maxSurge":"10%""#);
        let plan = parse_plan(&text).expect("parses");
        let written: Value = serde_json::from_str(&plan.to_json()).expect("JSON");
        let read: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(written, read);
        assert!(!plan.to_json().contains("networkPlugin"));
    }

    #[test]
    fn round_trip_keeps_the_plan() {
        let plan = parse_plan(MINIMAL).expect("minimal plan parses");
        assert_eq!(parse_plan(&plan.to_json()), Ok(plan));
    }

    const V2_EXAMPLE: &str = r#"{
      "schemaVersion": 1,
      "region": "eastus2",
      "workspace": {
        "resourceGroup": "ml-rg",
        "privateEndpoint": { "vnet": "ml-vnet", "subnet": "pe" },
        "acrInVnet": true, "acrSku": "Premium", "v1LegacyMode": false,
        "managedNetwork": {
          "isolationMode": "allowOnlyApprovedOutbound",
          "outboundRules": [
            { "name": "pypi", "type": "fqdn", "destination": "pypi.org" },
            { "name": "monitor", "type": "serviceTag", "destination": "AzureMonitor", "ports": ["443", "8000-8080"] }
          ],
          "imageBuildCompute": "cpu-cluster"
        }
      },
      "vnets": [
        { "name": "aks-vnet", "resourceGroup": "net-rg", "addressPrefixes": ["10.20.0.0/16"],
          "peerings": ["ml-vnet"], "subnets": [{ "name": "aks", "addressPrefix": "10.20.0.0/22" }] }
      ],
      "aksClusters": [{
        "name": "k8s-inf", "provisioning": "attach", "vnet": "aks-vnet", "subnet": "aks",
        "serviceCidr": "10.0.0.0/16", "dnsServiceIP": "10.0.0.10", "nodeCount": 3,
        "apiServerAuthorizedIpRanges": ["203.0.113.0/24"], "trustedAccess": true,
        "localAccountsDisabled": true, "privateCluster": true, "privateClusterPublicFqdn": true,
        "azureMl": { "api": "v2", "inferenceRouterServiceType": "loadBalancer",
                     "internalLoadBalancerProvider": "azure", "allowInsecureConnections": false,
                     "sslCname": "score.contoso.com", "sslCertificate": "secret",
                     "inferenceRouterHA": false, "namespace": "inference", "reusesV1Cluster": true }
      }],
      "egress": { "restricted": true, "allowedFqdns": ["*.azurecr.io"] },
      "onlineEndpoints": [
        { "name": "fraud-moe", "kind": "managed", "publicNetworkAccess": "disabled",
          "legacyEgressPublicNetworkAccess": "enabled" },
        { "name": "fraud-k8s", "kind": "kubernetes", "compute": "k8s-inf" }
      ]
    }"#;

    fn v2_with(from: &str, to: &str) -> String {
        assert!(V2_EXAMPLE.contains(from), "{from}");
        V2_EXAMPLE.replacen(from, to, 1)
    }

    #[test]
    fn every_v2_field_is_read_and_written_back_as_it_was() {
        use crate::plan::{
            AcrSku, EndpointKind, IsolationMode, NetworkAccess, OutboundRuleType, RouterServiceType,
            SslCertificate,
        };
        let plan = parse_plan(V2_EXAMPLE).expect("the v2 example parses");
        let written: Value = serde_json::from_str(&plan.to_json()).expect("JSON");
        let read: Value = serde_json::from_str(V2_EXAMPLE).expect("JSON");
        assert_eq!(written, read);
        let cluster = plan.aks_clusters.first().expect("one cluster");
        let azure_ml = cluster.azure_ml();
        assert!(cluster.is_v2() && cluster.trusted_access() && cluster.local_accounts_disabled());
        assert!(cluster.private_cluster_public_fqdn());
        assert_eq!(azure_ml.router_service_type(), Some(RouterServiceType::LoadBalancer));
        assert!(azure_ml.has_internal_router() && !azure_ml.has_public_router());
        assert_eq!(
            (azure_ml.ssl_cname(), azure_ml.ssl_certificate),
            (Some("score.contoso.com"), Some(SslCertificate::Secret))
        );
        assert!(!azure_ml.inference_router_ha() && azure_ml.reuses_v1_cluster());
        assert_eq!(azure_ml.namespace(), "inference");
        let workspace = &plan.workspace;
        assert_eq!(
            (workspace.acr_sku, workspace.isolation_mode()),
            (Some(AcrSku::Premium), IsolationMode::AllowOnlyApprovedOutbound)
        );
        let network = workspace.managed_network.as_ref().expect("managed network");
        assert_eq!(network.image_build_compute(), Some("cpu-cluster"));
        let rules = &network.outbound_rules;
        assert_eq!(
            rules.first().map(|rule| (rule.rule_type, rule.ports())),
            Some((
                OutboundRuleType::Fqdn,
                vec![PortRange { first: 80, last: 80 }, PortRange { first: 443, last: 443 }]
            ))
        );
        assert_eq!(
            rules.get(1).map(OutboundRule::ports),
            Some(vec![PortRange { first: 443, last: 443 }, PortRange { first: 8000, last: 8080 }])
        );
        assert_eq!(plan.egress.fqdn_allow_list(), Some(&["*.azurecr.io".to_owned()][..]));
        assert_eq!(plan.vnets.first().map(|vnet| vnet.peerings.clone()), Some(vec!["ml-vnet".to_owned()]));
        let kinds: Vec<_> =
            plan.online_endpoints.iter().map(|e| (e.kind, e.public_network_access())).collect();
        assert_eq!(
            kinds,
            [(EndpointKind::Managed, Some(NetworkAccess::Disabled)), (EndpointKind::Kubernetes, None)]
        );
    }

    #[test]
    fn v2_defaults_apply_when_the_fields_are_absent() {
        use crate::plan::{IsolationMode, NetworkAccess, OutboundRuleType};
        let plain = cluster(r#","vnet":"v","subnet":"s","nodeCount":3"#);
        assert!(!plain.is_v2() && plain.azure_ml.is_none() && plain.azure_ml().api() == AzureMlApi::V1);
        assert!(
            plain.azure_ml().inference_router_ha()
                && !plain.trusted_access()
                && !plain.private_cluster_public_fqdn()
        );
        assert_eq!(plain.azure_ml().namespace(), "default");
        let only_fqdn = cluster(r#","vnet":"v","subnet":"s","nodeCount":3,"privateClusterPublicFqdn":true"#);
        assert!(!only_fqdn.private_cluster_public_fqdn(), "read only on a private cluster");
        let plan = parse_plan(MINIMAL).expect("parses");
        assert_eq!(plan.workspace.isolation_mode(), IsolationMode::Disabled);
        assert!(!plan.workspace.v1_legacy_mode() && plan.online_endpoints.is_empty());
        let unrestricted = MINIMAL.replace(r#""vnets":[]"#, r#""vnets":[],"egress":{"allowedFqdns":[]}"#);
        assert_eq!(parse_plan(&unrestricted).expect("parses").egress.fqdn_allow_list(), None);
        let empty_names = v2_with(r#""sslCname": "score.contoso.com""#, r#""sslCname": """#)
            .replace(r#""imageBuildCompute": "cpu-cluster""#, r#""imageBuildCompute": """#)
            .replace(r#""publicNetworkAccess": "disabled","#, "");
        let plan = parse_plan(&empty_names).expect("parses");
        let cluster = plan.aks_clusters.first().expect("cluster");
        assert_eq!(cluster.azure_ml().ssl_cname(), None);
        let blank = v2_with(r#""sslCname": "score.contoso.com""#, r#""sslCname": "  ""#);
        let blank = parse_plan(&blank).expect("parses");
        assert_eq!(blank.aks_clusters.first().expect("cluster").azure_ml().ssl_cname(), None);
        let network = plan.workspace.managed_network.as_ref().expect("network");
        assert_eq!(network.image_build_compute(), None);
        assert_eq!(
            plan.online_endpoints.first().and_then(|e| e.public_network_access()),
            Some(NetworkAccess::Enabled)
        );
        let tag = OutboundRule {
            name: "t".into(),
            rule_type: OutboundRuleType::ServiceTag,
            destination: "Storage".into(),
            ports: None,
        };
        assert_eq!(tag.ports(), vec![PortRange::ANY]);
        let endpoint = OutboundRule {
            rule_type: OutboundRuleType::PrivateEndpoint,
            ports: Some(vec!["443".into()]),
            ..tag
        };
        assert!(endpoint.ports().is_empty());
    }

    #[test]
    fn null_members_read_as_absent_and_are_not_written() {
        let text =
            v2_with(r#""internalLoadBalancerProvider": "azure""#, r#""internalLoadBalancerProvider": null"#)
                .replace(r#""allowedFqdns": ["*.azurecr.io"]"#, r#""allowedFqdns": null"#);
        let plan = parse_plan(&text).expect("parses");
        let cluster = plan.aks_clusters.first().expect("cluster");
        assert!(cluster.azure_ml().has_public_router());
        assert_eq!(plan.egress.allowed_fqdns, None);
        let json = plan.to_json();
        assert!(!json.contains("internalLoadBalancerProvider") && !json.contains("allowedFqdns"));
    }

    #[test]
    fn a_v2_cluster_needs_its_router_service_type() {
        let text = v2_with(r#""inferenceRouterServiceType": "loadBalancer","#, "")
            .replace(r#""internalLoadBalancerProvider": "azure","#, "");
        assert!(
            rejection(&text).starts_with("/aksClusters/0/azureMl/inferenceRouterServiceType: "),
            "{}",
            rejection(&text)
        );
        let null = v2_with(
            r#""inferenceRouterServiceType": "loadBalancer""#,
            r#""inferenceRouterServiceType": null"#,
        );
        assert!(rejection(&null)
            .starts_with("/aksClusters/0/azureMl/inferenceRouterServiceType: expected one of"));
    }

    #[test]
    fn v2_members_need_api_v2() {
        for api in [r#""api": "v1""#, ""] {
            let text = with_cluster(&format!(
                r#","vnet":"v","subnet":"s","nodeCount":3,"azureMl":{{{api}{}"sslCname":"a.contoso.com"}}"#,
                if api.is_empty() { "" } else { "," }
            ));
            let message = rejection(&text);
            assert!(message.starts_with("/aksClusters/0/azureMl/sslCname: "), "{message}");
            assert!(message.contains(r#"needs "api": "v2""#), "{message}");
        }
        let bare = cluster(r#","vnet":"v","subnet":"s","nodeCount":3,"azureMl":{"api":"v1"}"#);
        assert_eq!(bare.azure_ml().api(), AzureMlApi::V1);
        assert!(bare.azure_ml.is_some(), "an explicit v1 stays written");
    }

    #[test]
    fn a_kubernetes_endpoint_needs_its_compute() {
        for replacement in ["", r#", "compute": null"#] {
            let message = rejection(&v2_with(r#", "compute": "k8s-inf""#, replacement));
            assert!(message.starts_with("/onlineEndpoints/1/compute: "), "{message}");
        }
    }

    #[test]
    fn namespaces_follow_the_kubernetes_grammar() {
        for good in ["a", "inference", "ml-2", &"a".repeat(63)] {
            let text = v2_with(r#""namespace": "inference""#, &format!(r#""namespace": "{good}""#));
            assert!(parse_plan(&text).is_ok(), "{good}");
        }
        for bad in ["", "Inference", "-ml", "ml-", "ml_x", "ml.x", &"a".repeat(64)] {
            let text = v2_with(r#""namespace": "inference""#, &format!(r#""namespace": "{bad}""#));
            assert!(
                rejection(&text)
                    .starts_with("/aksClusters/0/azureMl/namespace: expected a Kubernetes namespace"),
                "{bad}"
            );
        }
    }

    #[test]
    fn outbound_ports_follow_their_grammar() {
        for good in ["*", "1", "65535", "80-80", "1-65535"] {
            assert!(PortRange::parse(good).is_some(), "{good}");
        }
        for bad in ["", "0", "65536", "080", "443-80", "80-", "-80", " 80", "1-2-3", "**", "99999999"] {
            assert_eq!(PortRange::parse(bad), None, "{bad}");
            let text = v2_with(r#""8000-8080""#, &format!("{:?}", bad));
            assert!(
                rejection(&text).starts_with("/workspace/managedNetwork/outboundRules/1/ports/1: "),
                "{bad}"
            );
        }
        assert!(PortRange::ANY.contains(8080) && !PortRange { first: 80, last: 80 }.contains(443));
    }

    #[test]
    fn azure_spellings_are_answered_with_this_format_names() {
        let cases = [
            (
                r#""trustedAccess": true"#,
                r#""authorizedIPRanges": []"#,
                "/aksClusters/0/authorizedIPRanges",
                "apiServerAuthorizedIpRanges",
            ),
            (
                r#""trustedAccess": true"#,
                r#""apiServerAuthorizedIPRanges": []"#,
                "/aksClusters/0/apiServerAuthorizedIPRanges",
                "apiServerAuthorizedIpRanges",
            ),
            (
                r#""trustedAccess": true"#,
                r#""disableLocalAccounts": true"#,
                "/aksClusters/0/disableLocalAccounts",
                "localAccountsDisabled",
            ),
            (
                r#""trustedAccess": true"#,
                r#""enablePrivateClusterPublicFQDN": true"#,
                "/aksClusters/0/enablePrivateClusterPublicFQDN",
                "privateClusterPublicFqdn",
            ),
            (
                r#""trustedAccess": true"#,
                r#""privateClusterPublicFQDN": true"#,
                "/aksClusters/0/privateClusterPublicFQDN",
                "privateClusterPublicFqdn",
            ),
            (
                r#""sslCertificate": "secret""#,
                r#""sslSecret": "tls""#,
                "/aksClusters/0/azureMl/sslSecret",
                "sslCertificate",
            ),
            (
                r#""sslCertificate": "secret""#,
                r#""sslCertPemFile": "a.pem""#,
                "/aksClusters/0/azureMl/sslCertPemFile",
                "sslCertificate",
            ),
            (
                r#""sslCertificate": "secret""#,
                r#""sslKeyPemFile": "k.pem""#,
                "/aksClusters/0/azureMl/sslKeyPemFile",
                "sslCertificate",
            ),
            (
                r#""reusesV1Cluster": true"#,
                r#""enableInference": true"#,
                "/aksClusters/0/azureMl/enableInference",
                "not modelled",
            ),
            (
                r#""reusesV1Cluster": true"#,
                r#""nodeSelector": {}"#,
                "/aksClusters/0/azureMl/nodeSelector",
                "not modelled",
            ),
            (
                r#""legacyEgressPublicNetworkAccess": "enabled""#,
                r#""egressPublicNetworkAccess": "enabled""#,
                "/onlineEndpoints/0/egressPublicNetworkAccess",
                "legacyEgressPublicNetworkAccess",
            ),
            (
                r#""acrSku": "Premium""#,
                r#""imageBuildCompute": "cpu""#,
                "/workspace/imageBuildCompute",
                "managedNetwork",
            ),
            (
                r#""allowOnlyApprovedOutbound""#,
                r#""AllowOnlyApprovedOutbound""#,
                "/workspace/managedNetwork/isolationMode",
                r#""allowOnlyApprovedOutbound""#,
            ),
            (
                r#""allowOnlyApprovedOutbound""#,
                r#""AllowInternetOutbound""#,
                "/workspace/managedNetwork/isolationMode",
                r#""allowInternetOutbound""#,
            ),
            (
                r#""allowOnlyApprovedOutbound""#,
                r#""Disabled""#,
                "/workspace/managedNetwork/isolationMode",
                r#""disabled""#,
            ),
            (
                r#""type": "fqdn""#,
                r#""type": "FQDN""#,
                "/workspace/managedNetwork/outboundRules/0/type",
                r#""fqdn""#,
            ),
            (
                r#""type": "serviceTag""#,
                r#""type": "ServiceTag""#,
                "/workspace/managedNetwork/outboundRules/1/type",
                r#""serviceTag""#,
            ),
            (
                r#""type": "fqdn""#,
                r#""type": "PrivateEndpoint""#,
                "/workspace/managedNetwork/outboundRules/0/type",
                r#""privateEndpoint""#,
            ),
            (
                r#""publicNetworkAccess": "disabled""#,
                r#""publicNetworkAccess": "Disabled""#,
                "/onlineEndpoints/0/publicNetworkAccess",
                r#""disabled""#,
            ),
            (
                r#""legacyEgressPublicNetworkAccess": "enabled""#,
                r#""legacyEgressPublicNetworkAccess": "Enabled""#,
                "/onlineEndpoints/0/legacyEgressPublicNetworkAccess",
                r#""enabled""#,
            ),
        ];
        for (from, to, pointer, named) in cases {
            let text = if to.contains("imageBuildCompute")
                || from.contains("trustedAccess")
                || from.contains("sslCertificate")
                || from.contains("reusesV1Cluster")
                || (from.contains("legacyEgress") && !to.contains("Enabled"))
            {
                v2_with(from, &format!("{from}, {to}"))
            } else {
                v2_with(from, to)
            };
            let message = rejection(&text);
            assert!(message.starts_with(&format!("{pointer}: ")), "{message}");
            assert!(message.contains(named), "{message}");
        }
    }

    #[test]
    fn an_arm_node_count_string_is_answered_with_the_number() {
        let message = rejection(&with_cluster(r#","vnet":"v","subnet":"s","nodeCount":4,"maxSurge":"3""#));
        assert!(
            message.starts_with("/aksClusters/0/maxSurge: ") && message.contains("write 3 without quotes"),
            "{message}"
        );
    }

    #[test]
    fn a_v1_plan_reads_as_before() {
        let text = with_cluster(r#","vnet":"v","subnet":"s","nodeCount":3,"clusterPurpose":"DevTest""#);
        let plan = parse_plan(&text).expect("parses");
        let written: Value = serde_json::from_str(&plan.to_json()).expect("JSON");
        let read: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(written, read);
        assert!(!plan.to_json().contains("azureMl") && !plan.to_json().contains("onlineEndpoints"));
    }
}
