use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::OutboundRuleType;
use crate::pointer;
use crate::sources;
use crate::text::Message;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Checks the destination of each fqdn and serviceTag outbound rule of the workspace managed \
         network. An fqdn destination must be a host name, or *. followed by one (a lone * passes too): \
         the rule reports one that is blank, lists several names, holds white space, a scheme (://), a \
         path (/), a colon (a port, or an IPv6 address) or another character no host name has (such as \
         ?, @ or the < of a placeholder), a * anywhere but as the whole first label, or an empty label. \
         A serviceTag destination must be one tag's name: the rule reports one that is blank, lists \
         several, or holds white space, / or :.",
        "Vérifie la destination de chaque règle sortante fqdn et serviceTag du réseau managé de l’espace \
         de travail. Une destination fqdn doit être un nom d’hôte, ou *. suivi d’un nom d’hôte (un * \
         seul passe aussi) : la règle signale celle qui est vide, énumère plusieurs noms, contient des \
         blancs, un schéma (://), un chemin (/), un deux-points (un port, ou une adresse IPv6) ou un \
         autre caractère qu’aucun nom d’hôte n’a (comme ?, @ ou le < d’un paramètre à remplir), un * \
         ailleurs qu’en première étiquette entière, ou une étiquette vide. Une destination serviceTag \
         doit être le nom d’une seule balise : la règle signale celle qui est vide, en énumère \
         plusieurs, ou contient des blancs, / ou :."
    ),
    why: text!(
        "Azure ML enforces the fqdn rules of a managed network with an Azure Firewall that it deploys \
         and runs on its own. The firewall's application rules compare the host name a client connects \
         to with the names of the rule, where a leading *. stands for any name under a domain; they \
         never read a URL. Telling URLs apart by scheme or path takes the URL filtering of Azure \
         Firewall Premium, a tier the managed network does not offer, so a destination with a scheme, \
         a path or a port is refused or never matches, and what it was meant to let out stays blocked. \
         Ports have a field of their own, the rule's ports, and fqdn rules take only 80 and 443 there. \
         A serviceTag rule names one of Azure's service tags: an address prefix or a port written in \
         its place is no tag.",
        "Azure ML applique les règles fqdn d’un réseau managé avec un pare-feu Azure qu’il déploie et \
         gère lui-même. Les règles d’application de ce pare-feu comparent le nom d’hôte que joint un \
         client aux noms de la règle, où un *. en tête vaut pour tout nom sous un domaine ; elles ne \
         lisent jamais d’URL. Distinguer des URL par schéma ou par chemin demande le filtrage d’URL \
         d’Azure Firewall Premium, un niveau que le réseau managé ne propose pas : une destination avec \
         un schéma, un chemin ou un port est refusée ou ne correspond jamais, et ce qu’elle devait \
         laisser sortir reste bloqué. Les ports ont leur propre champ, les ports de la règle, où les \
         règles fqdn n’admettent que 80 et 443. Une règle serviceTag nomme une des balises de service \
         d’Azure : un préfixe d’adresse ou un port écrit à sa place n’est pas une balise."
    ),
    example: Example(&[(
        "/workspace/managedNetwork",
        r#"{"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [{"name": "pypi", "type": "fqdn", "destination": "https://pypi.org/simple"}]}"#,
    )]),
    fix: text!(
        "In an fqdn rule, write the bare host name (pypi.org rather than https://pypi.org/simple), with \
         *. in front to cover every name under a domain, and list ports 80 or 443 in the rule's ports. \
         In a serviceTag rule, write the tag's name, such as AzureMonitor or Storage.westeurope.",
        "Dans une règle fqdn, écrivez le nom d’hôte seul (pypi.org plutôt que https://pypi.org/simple), \
         précédé de *. pour couvrir tous les noms sous un domaine, et indiquez les ports 80 ou 443 dans \
         les ports de la règle. Dans une règle serviceTag, écrivez le nom de la balise, comme \
         AzureMonitor ou Storage.westeurope."
    ),
    sources: &[sources::HOW_TO_MANAGED_NETWORK_2025_05_23],
};

/// Why a destination is not what its rule type needs. Only shapes that can never be a host name
/// (or a tag) are faults, so that no well-formed destination is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// A comma or a semicolon: several names where a rule takes one.
    List,
    WhiteSpace,
    Scheme,
    Path,
    /// A host name followed by `:` and digits.
    Port,
    /// Any other colon: an IPv6 address, or something else that is no name.
    Colon,
    /// An ASCII character that no host name holds, such as `?`, `@` or the `<` of a placeholder.
    Character(char),
    Wildcard,
    EmptyLabel,
}

impl Fault {
    fn reason(self) -> Message {
        let text = match self {
            Self::List => text!(
                "it lists more than one name, and each rule allows one",
                "elle énumère plusieurs noms, et chaque règle n’en autorise qu’un"
            ),
            Self::Character(character) => {
                return msg!(
                    [
                        "it contains '{character}', which no host name does",
                        "elle contient « {character} », ce qu’aucun nom d’hôte ne fait"
                    ],
                    character = character,
                );
            }
            Self::WhiteSpace => text!("it contains white space", "elle contient des blancs"),
            Self::Scheme => text!(
                "it is a URL, and the managed network's firewall compares host names, not URLs, so a \
                 scheme or a path never matches",
                "c’est une URL, alors que le pare-feu du réseau managé compare des noms d’hôte et non des \
                 URL, si bien qu’un schéma ou un chemin n’y correspond jamais"
            ),
            Self::Path => text!(
                "it has a path, and the managed network's firewall compares host names only; filtering \
                 by path would take Azure Firewall Premium, which the managed network does not offer",
                "elle comporte un chemin, alors que le pare-feu du réseau managé ne compare que des noms \
                 d’hôte ; filtrer par chemin demanderait Azure Firewall Premium, que le réseau managé ne \
                 propose pas"
            ),
            Self::Port => text!(
                "it ends with a port, which belongs in the rule's ports, where an fqdn rule takes 80 and \
                 443 only",
                "elle finit par un port, qui a sa place dans les ports de la règle, où une règle fqdn \
                 n’admet que 80 et 443"
            ),
            Self::Colon => text!(
                "it contains ':', as a port or an IPv6 address does, and no host name does",
                "elle contient « : », comme un port ou une adresse IPv6, ce qu’aucun nom d’hôte ne fait"
            ),
            Self::Wildcard => text!(
                "'*' may stand alone or as the whole first label, as in *.pypi.org, and nowhere else",
                "« * » n’est admis que seul ou comme première étiquette entière, comme dans *.pypi.org"
            ),
            Self::EmptyLabel => text!(
                "one of its labels, the parts between dots, is empty",
                "une de ses étiquettes, les parties entre les points, est vide"
            ),
        };
        text.message()
    }
}

/// What keeps `destination`, not blank, from being an fqdn rule's host name, or `None` when it can
/// be one. Letters (of any script), digits, hyphens, underscores and dots pass; a single trailing
/// dot passes too, since DNS reads `pypi.org.` as `pypi.org`.
fn host_fault(destination: &str) -> Option<Fault> {
    if destination.contains([',', ';']) {
        return Some(Fault::List);
    }
    if destination.chars().any(char::is_whitespace) {
        return Some(Fault::WhiteSpace);
    }
    if destination.contains("://") {
        return Some(Fault::Scheme);
    }
    if destination.contains('/') {
        return Some(Fault::Path);
    }
    if destination.contains(':') {
        return Some(if port_suffix(destination).is_some() { Fault::Port } else { Fault::Colon });
    }
    if let Some(character) = destination.chars().find(|character| {
        character.is_ascii() && !character.is_ascii_alphanumeric() && !"-_.*".contains(*character)
    }) {
        return Some(Fault::Character(character));
    }
    if destination == "*" {
        return None;
    }
    let name = destination.strip_prefix("*.").unwrap_or(destination);
    if name.contains('*') {
        return Some(Fault::Wildcard);
    }
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.split('.').any(str::is_empty) {
        return Some(Fault::EmptyLabel);
    }
    None
}

/// `text` without its `:port` suffix, when it has exactly one colon and only digits after it.
fn port_suffix(text: &str) -> Option<&str> {
    let (host, port) = text.split_once(':')?;
    let digits = !port.is_empty() && port.bytes().all(|byte| byte.is_ascii_digit());
    (digits && !host.is_empty()).then_some(host)
}

/// The host name inside a destination that is not one, such as `pypi.org` in
/// `https://user@pypi.org:443/simple?x=1`: with the spaces around it, the scheme, the user, the
/// path, query and fragment, and the port taken off. `None` when what is left is not a host name
/// that `host_fault` passes, or holds letters outside ASCII, so the message never proposes a guess.
fn bare_host(destination: &str) -> Option<String> {
    let text = destination.trim();
    let text = text.split_once("://").map_or(text, |(_, rest)| rest);
    let text = text.split(['/', '?', '#']).next().unwrap_or_default();
    let text = text.rsplit_once('@').map_or(text, |(_, host)| host);
    let text = if text.contains(':') { port_suffix(text)? } else { text };
    let proposed = text.is_ascii() && text != "*" && text != destination && host_fault(text).is_none();
    proposed.then(|| text.to_owned())
}

/// What keeps `destination`, not blank, from being a service tag's name, or `None`.
fn tag_fault(destination: &str) -> Option<Fault> {
    if destination.contains([',', ';']) {
        Some(Fault::List)
    } else if destination.chars().any(char::is_whitespace) {
        Some(Fault::WhiteSpace)
    } else if destination.contains('/') {
        Some(Fault::Path)
    } else if destination.contains(':') {
        Some(Fault::Colon)
    } else {
        None
    }
}

fn fqdn_message(rule: &str, destination: &str) -> Option<Message> {
    if destination.trim().is_empty() {
        return Some(msg!(
            [
                "fqdn outbound rule '{rule}' has no destination: it needs the host name to allow, such as \
                 pypi.org, or *. and a domain, such as *.pypi.org",
                "la règle sortante fqdn « {rule} » n’a pas de destination : il lui faut le nom d’hôte à \
                 autoriser, comme pypi.org, ou *. suivi d’un domaine, comme *.pypi.org"
            ],
            rule = rule,
        ));
    }
    let fault = host_fault(destination)?;
    let advice = match (fault, bare_host(destination)) {
        (Fault::List, _) => text!(
            "Give each host name an outbound rule of its own",
            "Donnez à chaque nom d’hôte sa propre règle sortante"
        )
        .message(),
        (_, Some(host)) => msg!(
            ["Write the host name alone: '{host}'", "Écrivez le nom d’hôte seul : « {host} »"],
            host = host,
        ),
        (_, None) => text!(
            "Write a host name, such as pypi.org, or *. and a domain, such as *.pypi.org",
            "Écrivez un nom d’hôte, comme pypi.org, ou *. suivi d’un domaine, comme *.pypi.org"
        )
        .message(),
    };
    Some(
        msg!(
            [
                "fqdn outbound rule '{rule}' has the destination '{destination}', which is not a host \
                 name: {reason}. {advice}",
                "la règle sortante fqdn « {rule} » a pour destination « {destination} », qui n’est pas un \
                 nom d’hôte : {reason}. {advice}"
            ],
            rule = rule,
            destination = destination,
        )
        .with_message("reason", fault.reason())
        .with_message("advice", advice),
    )
}

fn tag_message(rule: &str, destination: &str) -> Option<Message> {
    if destination.trim().is_empty() {
        return Some(msg!(
            [
                "serviceTag outbound rule '{rule}' has no destination: it needs the name of a service tag, \
                 such as AzureMonitor or Storage.westeurope",
                "la règle sortante serviceTag « {rule} » n’a pas de destination : il lui faut le nom d’une \
                 balise de service, comme AzureMonitor ou Storage.westeurope"
            ],
            rule = rule,
        ));
    }
    let reason = match tag_fault(destination)? {
        Fault::Path => text!(
            "it contains '/', as an address prefix does, and an address prefix is no tag",
            "elle contient « / », comme un préfixe d’adresse, et un préfixe d’adresse n’est pas une balise"
        )
        .message(),
        Fault::Colon => text!(
            "it contains ':', as a port or an IPv6 address does, and ports belong in the rule's ports",
            "elle contient « : », comme un port ou une adresse IPv6, et les ports ont leur place dans \
             les ports de la règle"
        )
        .message(),
        other => other.reason(),
    };
    Some(
        msg!(
            [
                "serviceTag outbound rule '{rule}' has the destination '{destination}', which is not the \
                 name of a service tag: {reason}. Name a tag, such as AzureMonitor or Storage.westeurope",
                "la règle sortante serviceTag « {rule} » a pour destination « {destination} », qui n’est \
                 pas le nom d’une balise de service : {reason}. Nommez une balise, comme AzureMonitor ou \
                 Storage.westeurope"
            ],
            rule = rule,
            destination = destination,
        )
        .with_message("reason", reason),
    )
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let Some(network) = context.plan.workspace.managed_network.as_ref() else {
        return;
    };
    for (index, rule) in network.outbound_rules.iter().enumerate() {
        let message = match rule.rule_type {
            OutboundRuleType::Fqdn => fqdn_message(&rule.name, &rule.destination),
            OutboundRuleType::ServiceTag => tag_message(&rule.name, &rule.destination),
            // managed-network-pe-target-unsupported reads these.
            OutboundRuleType::PrivateEndpoint => None,
        };
        if let Some(message) = message {
            out.report(message, vec![pointer::outbound_rule(index, "destination")]);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::{bare_host, host_fault, Fault};
    use crate::catalog::RuleId::ManagedNetworkFqdnDestinationInvalid;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    /// A managed network whose second rule is of `kind` and goes to `destination`.
    fn network(kind: &str, destination: &str) -> [(&'static str, Value); 1] {
        [(
            "/workspace/managedNetwork",
            json!({"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [
                {"name": "monitor", "type": "serviceTag", "destination": "AzureMonitor"},
                {"name": "pypi", "type": kind, "destination": destination}
            ]}),
        )]
    }

    /// The one finding for the second rule, asserted to be an error about its destination.
    fn only_finding(kind: &str, destination: &str) -> crate::finding::Finding {
        let mut found = assert_fires(ManagedNetworkFqdnDestinationInvalid, &network(kind, destination));
        assert_eq!(found.len(), 1, "{destination}");
        let finding = found.remove(0);
        assert_eq!(finding.severity, Severity::Error, "{destination}");
        assert_eq!(finding.subjects, ["/workspace/managedNetwork/outboundRules/1/destination"]);
        finding
    }

    #[test]
    fn a_blank_fqdn_destination_is_an_error() {
        for blank in ["", "  "] {
            let finding = only_finding("fqdn", blank);
            assert_eq!(
                finding.message,
                "fqdn outbound rule 'pypi' has no destination: it needs the host name to allow, such as \
                 pypi.org, or *. and a domain, such as *.pypi.org"
            );
        }
    }

    #[test]
    fn a_url_gets_its_host_name_proposed_in_both_languages() {
        let finding = only_finding("fqdn", "https://pypi.org/simple");
        assert_eq!(
            finding.message,
            "fqdn outbound rule 'pypi' has the destination 'https://pypi.org/simple', which is not a host \
             name: it is a URL, and the managed network's firewall compares host names, not URLs, so a \
             scheme or a path never matches. Write the host name alone: 'pypi.org'"
        );
        assert_eq!(
            finding.text.render(Lang::Fr),
            "la règle sortante fqdn « pypi » a pour destination « https://pypi.org/simple », qui n’est pas \
             un nom d’hôte : c’est une URL, alors que le pare-feu du réseau managé compare des noms \
             d’hôte et non des URL, si bien qu’un schéma ou un chemin n’y correspond jamais. Écrivez le nom \
             d’hôte seul : « pypi.org »"
        );
    }

    #[test]
    fn a_path_or_a_port_is_an_error_with_the_host_name_proposed() {
        let path = only_finding("fqdn", "pypi.org/simple");
        assert!(path.message.contains(": it has a path, and"), "{}", path.message);
        assert!(path.message.ends_with("Write the host name alone: 'pypi.org'"), "{}", path.message);
        let port = only_finding("fqdn", "pypi.org:443");
        assert!(
            port.message.contains(
                ": it ends with a port, which belongs in the rule's ports, where an fqdn rule takes 80 and \
                 443 only. Write the host name alone: 'pypi.org'"
            ),
            "{}",
            port.message
        );
        let ipv6 = only_finding("fqdn", "2001:db8::1");
        assert!(
            ipv6.message.contains(
                ": it contains ':', as a port or an IPv6 address does, and no host name does. Write a \
                 host name, such as pypi.org"
            ),
            "{}",
            ipv6.message
        );
    }

    #[test]
    fn a_misplaced_wildcard_is_an_error() {
        for destination in ["pypi.*", "*pypi.org", "files.*.pythonhosted.org", "*.*.org", "**"] {
            let finding = only_finding("fqdn", destination);
            assert!(
                finding.message.contains(": '*' may stand alone or as the whole first label"),
                "{destination}: {}",
                finding.message
            );
        }
    }

    #[test]
    fn white_space_and_empty_labels_are_errors() {
        let padded = only_finding("fqdn", " pypi.org");
        assert!(padded.message.contains(": it contains white space. Write the host name alone: 'pypi.org'"));
        assert!(only_finding("fqdn", "pypi .org").message.contains("Write a host name, such as pypi.org"));
        for destination in [".pypi.org", "pypi..org", "pypi.org..", ".", "*."] {
            let finding = only_finding("fqdn", destination);
            assert!(finding.message.contains(": one of its labels"), "{destination}: {}", finding.message);
        }
    }

    #[test]
    fn a_list_of_names_or_a_character_no_host_name_holds_is_an_error() {
        for list in ["pypi.org, files.pythonhosted.org", "pypi.org;files.pythonhosted.org"] {
            let finding = only_finding("fqdn", list);
            assert!(
                finding.message.ends_with(
                    ": it lists more than one name, and each rule allows one. Give each host name an \
                     outbound rule of its own"
                ),
                "{list}: {}",
                finding.message
            );
        }
        let placeholder = only_finding("fqdn", "<your-registry>.azurecr.io");
        assert!(
            placeholder.message.contains(": it contains '<', which no host name does. Write a host name"),
            "{}",
            placeholder.message
        );
        let query = only_finding("fqdn", "pypi.org?simple");
        assert!(
            query.message.contains(
                ": it contains '?', which no host name does. Write the host name alone: 'pypi.org'"
            ),
            "{}",
            query.message
        );
        assert!(only_finding("fqdn", "user@pypi.org").message.contains("'@'"));
        assert!(only_finding("serviceTag", "AzureMonitor, Storage")
            .message
            .contains("it lists more than one name"));
    }

    #[test]
    fn a_blank_or_malformed_service_tag_is_an_error() {
        let blank = only_finding("serviceTag", " ");
        assert_eq!(
            blank.text.render(Lang::Fr),
            "la règle sortante serviceTag « pypi » n’a pas de destination : il lui faut le nom d’une balise \
             de service, comme AzureMonitor ou Storage.westeurope"
        );
        let prefix = only_finding("serviceTag", "10.20.0.0/16");
        assert_eq!(
            prefix.message,
            "serviceTag outbound rule 'pypi' has the destination '10.20.0.0/16', which is not the name of a \
             service tag: it contains '/', as an address prefix does, and an address prefix is no tag. \
             Name a tag, such as AzureMonitor or Storage.westeurope"
        );
        assert!(only_finding("serviceTag", "AzureMonitor:443").message.contains("it contains ':'"));
        assert!(only_finding("serviceTag", "Azure Monitor").message.contains("it contains white space"));
    }

    #[test]
    fn one_finding_per_offending_rule() {
        let found = assert_fires(
            ManagedNetworkFqdnDestinationInvalid,
            &[(
                "/workspace/managedNetwork",
                json!({"isolationMode": "allowOnlyApprovedOutbound", "outboundRules": [
                    {"name": "a", "type": "fqdn", "destination": "http://a.example.com"},
                    {"name": "b", "type": "fqdn", "destination": "b.example.com"},
                    {"name": "c", "type": "serviceTag", "destination": ""}
                ]}),
            )],
        );
        let subjects: Vec<&str> = found.iter().map(|finding| finding.subjects[0].as_str()).collect();
        assert_eq!(
            subjects,
            [
                "/workspace/managedNetwork/outboundRules/0/destination",
                "/workspace/managedNetwork/outboundRules/2/destination"
            ]
        );
    }

    #[test]
    fn quiet_for_host_names_wildcards_tags_and_private_endpoints() {
        for destination in [
            "pypi.org",
            "*.pypi.org",
            "*",
            "PyPI.org.",
            "files_1.python-hosted.org",
            "localhost",
            "bücher.de",
        ] {
            assert_quiet(ManagedNetworkFqdnDestinationInvalid, &network("fqdn", destination));
        }
        for tag in ["AzureMonitor", "Storage.WestEurope", "AzureContainerRegistry.eastus2"] {
            assert_quiet(ManagedNetworkFqdnDestinationInvalid, &network("serviceTag", tag));
        }
        // A private endpoint rule's destination, well formed or not, is another rule's business.
        for resource in [
            "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/mlstore",
            "https://mlstore.blob.core.windows.net/",
            "",
        ] {
            assert_quiet(ManagedNetworkFqdnDestinationInvalid, &network("privateEndpoint", resource));
        }
        assert_quiet(ManagedNetworkFqdnDestinationInvalid, &[]);
    }

    #[test]
    fn the_host_name_is_taken_out_only_when_it_is_plain() {
        assert_eq!(bare_host("https://user@PyPI.org:443/simple?x=1#top").as_deref(), Some("PyPI.org"));
        assert_eq!(bare_host("http://*.pythonhosted.org/").as_deref(), Some("*.pythonhosted.org"));
        assert_eq!(bare_host(" pypi.org ").as_deref(), Some("pypi.org"));
        assert_eq!(bare_host("pypi.org:https"), None);
        assert_eq!(bare_host("https://[2001:db8::1]/"), None);
        assert_eq!(bare_host("https:///simple"), None);
        assert_eq!(bare_host("https://*/"), None);
        assert_eq!(bare_host("pypi.org"), None, "nothing to take off");
        assert_eq!(host_fault("pypi.org:https"), Some(Fault::Colon));
        assert_eq!(host_fault("pypi.org:443"), Some(Fault::Port));
    }
}
