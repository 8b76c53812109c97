//! What the templates add for Azure ML v2: the `Microsoft.AzureML.Kubernetes` extension on each
//! v2 cluster with the plan's router and TLS settings, the Kubernetes compute that attaches it,
//! and the workspace's managed network with its outbound rules. Values the plan does not hold
//! (the workspace's name and dependencies, a certificate, a secret's name, an outbound rule's
//! protocol or sub-resource) become placeholders: parameters or variables without a default,
//! whose description says what to give.

use super::super::prose::{REUSE_BEFORE_DEPLOY, REUSE_NOTE};
use crate::plan::{
    AksCluster, IsolationMode, ManagedNetwork, OutboundRule, OutboundRuleType, RouterServiceType,
    SslCertificate,
};
use crate::text::{Lang, Text};

pub(in crate::export) const EXTENSION_TYPE: &str = "Microsoft.AzureML.Kubernetes";
/// The extension's name on the cluster, as the Azure ML documentation names it.
pub(in crate::export) const EXTENSION_NAME: &str = "azureml";
/// The namespace the extension installs into.
pub(in crate::export) const RELEASE_NAMESPACE: &str = "azureml";
pub(in crate::export) const RELEASE_TRAIN: &str = "stable";
/// Compute type of an attached Kubernetes cluster in the workspace's compute API.
pub(in crate::export) const COMPUTE_TYPE: &str = "Kubernetes";
/// The Trusted Access binding a workspace needs on a cluster without local accounts, by the
/// name the templates give it (at most 24 letters, digits and dashes).
pub(in crate::export) const TRUSTED_ACCESS_BINDING: &str = "azureml";
/// The role of that binding: Azure ML's workloads on the cluster.
pub(in crate::export) const ML_WORKLOAD_ROLE: &str =
    "Microsoft.MachineLearningServices/workspaces/mlworkload";
/// Lets the extension take over the `azureml-fe` of a cluster that was a v1 AksCompute: without
/// it, installing the extension there conflicts with the one already running.
pub(in crate::export) const ENABLE_UPGRADE: &str =
    "kubectl annotate deployment azureml-fe azureml-fe-enable-upgrade=true";

/// A setting's value: from the plan, or a placeholder the template asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::export) enum Setting {
    Text(String),
    Placeholder(Placeholder),
    /// The placeholder's text in base64, encoded by the template itself: the extension takes the
    /// certificate and key so encoded, and a reader has the PEM text, not its encoding.
    Base64(Placeholder),
    /// The value of the earlier setting with this key: both keys read the one parameter.
    Same(&'static str),
}

/// A value the plan does not hold. `stem` names the parameter or variable once a renderer has
/// made it an identifier of its language; `secret` ones are taken as secure strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::export) struct Placeholder {
    pub(in crate::export) stem: String,
    pub(in crate::export) description: String,
    pub(in crate::export) secret: bool,
}

impl Placeholder {
    fn new(stem: impl Into<String>, description: &Text, lang: Lang, secret: bool) -> Self {
        Self { stem: stem.into(), description: description.get(lang).to_owned(), secret }
    }
}

/// The extension's configuration for one v2 cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::export) struct ExtensionSpec {
    pub(in crate::export) settings: Vec<(&'static str, Setting)>,
    /// Settings the extension keeps encrypted: the certificate and key, when given as files.
    pub(in crate::export) protected: Vec<(&'static str, Setting)>,
}

/// The extension settings of v2 cluster `cluster`; its name prefixes its placeholders.
///
/// A template goes to ARM without `az k8s-extension create`, which turns the settings it is
/// given into those the extension reads before it calls ARM. So the settings here are the ones
/// the CLI sends: the keys it keeps, and the `scoringFe.*` keys and AKS defaults it adds.
pub(in crate::export) fn extension(cluster: &AksCluster, lang: Lang) -> ExtensionSpec {
    let stem = &cluster.name;
    let azure_ml = cluster.azure_ml();
    let text = |value: &str| Setting::Text(value.to_owned());
    let flag = |value: bool| text(if value { "True" } else { "False" });
    let service_type = azure_ml.router_service_type();
    let router = match service_type {
        Some(RouterServiceType::NodePort) => "NodePort",
        Some(RouterServiceType::ClusterIp) => "ClusterIP",
        Some(RouterServiceType::LoadBalancer) | None => "LoadBalancer",
    };
    let mut settings = vec![
        ("enableTraining", flag(false)),
        ("enableInference", flag(true)),
        ("inferenceRouterServiceType", text(router)),
    ];
    let internal = azure_ml.internal_load_balancer_provider.is_some();
    if internal {
        settings.push(("internalLoadBalancerProvider", text("azure")));
    }
    // The CLI marks a node port router first, and an internal load balancer only otherwise.
    if service_type == Some(RouterServiceType::NodePort) {
        settings.push(("scoringFe.serviceType.nodePort", flag(true)));
    } else if internal {
        settings.push(("scoringFe.serviceType.internalLoadBalancer", flag(true)));
    }
    settings.push(("allowInsecureConnections", flag(azure_ml.allow_insecure_connections())));
    let mut protected = Vec::new();
    if !azure_ml.allow_insecure_connections() {
        let cname = match azure_ml.ssl_cname() {
            Some(cname) => text(cname),
            None => {
                Setting::Placeholder(Placeholder::new(format!("{stem}_ssl_cname"), &SSL_CNAME, lang, false))
            }
        };
        settings.push(("sslCname", cname));
        let mut secret = |description: &Text| {
            let placeholder = Placeholder::new(format!("{stem}_ssl_secret"), description, lang, false);
            settings.push(("sslSecret", Setting::Placeholder(placeholder)));
            settings.push(("scoringFe.sslSecret", Setting::Same("sslSecret")));
        };
        match azure_ml.certificate_to_write() {
            Some(SslCertificate::Secret) if azure_ml.ssl_certificate.is_none() => secret(&SSL_SECRET_UNSET),
            Some(SslCertificate::Secret) => secret(&SSL_SECRET),
            None => {}
            // The CLI reads sslCertPemFile and sslKeyPemFile as paths of files on the machine
            // that runs it; only the encoded content it puts under these keys reaches Azure.
            Some(SslCertificate::PemFiles) => {
                protected.push((
                    "scoringFe.sslCert",
                    Setting::Base64(Placeholder::new(format!("{stem}_ssl_cert_pem"), &SSL_CERT, lang, true)),
                ));
                protected.push((
                    "scoringFe.sslKey",
                    Setting::Base64(Placeholder::new(format!("{stem}_ssl_key_pem"), &SSL_KEY, lang, true)),
                ));
            }
        }
    }
    settings.push(("inferenceRouterHA", flag(azure_ml.inference_router_ha())));
    if azure_ml.reuses_v1_cluster() {
        settings.push(("scoringFe.enableUpgrade", text("true")));
    }
    // What the CLI sets on an AKS cluster unless told otherwise. It creates a relay or a
    // service bus for the extension when they are enabled; a template creates neither.
    settings.extend([
        ("servicebus.enabled", text("false")),
        ("relayserver.enabled", text("false")),
        ("nginxIngress.enabled", text("true")),
    ]);
    ExtensionSpec { settings, protected }
}

/// What to run on v2 cluster `cluster` before a template installs the extension there, when the
/// cluster was a v1 AksCompute: a deployment cannot reach into the cluster with kubectl, as the
/// `az` steps do.
pub(in crate::export) fn before_deploying(cluster: &AksCluster, lang: Lang) -> Option<String> {
    cluster.azure_ml().reuses_v1_cluster().then(|| {
        msg!(REUSE_BEFORE_DEPLOY, command = ENABLE_UPGRADE)
            .with_message("reason", msg!(REUSE_NOTE, name = &cluster.name))
            .render(lang)
    })
}

/// The workspace, which the plan names by its resource group only.
pub(in crate::export) fn workspace_name(lang: Lang) -> Placeholder {
    Placeholder::new("workspace_name", &WORKSPACE_NAME, lang, false)
}

/// The workspace's resource ID, where the template does not declare the workspace.
pub(in crate::export) fn workspace_id(lang: Lang) -> Placeholder {
    Placeholder::new("workspace_id", &WORKSPACE_ID, lang, false)
}

/// The resources a workspace needs that the plan does not describe, by ARM property name.
pub(in crate::export) fn workspace_dependencies(lang: Lang) -> [(&'static str, Placeholder); 3] {
    [
        ("storageAccount", Placeholder::new("workspace_storage_account_id", &STORAGE_ACCOUNT, lang, false)),
        ("keyVault", Placeholder::new("workspace_key_vault_id", &KEY_VAULT, lang, false)),
        (
            "applicationInsights",
            Placeholder::new("workspace_application_insights_id", &APP_INSIGHTS, lang, false),
        ),
    ]
}

/// ARM's name of an isolation mode.
pub(in crate::export) fn isolation_mode(network: &ManagedNetwork) -> &'static str {
    match network.isolation_mode {
        IsolationMode::Disabled => "Disabled",
        IsolationMode::AllowInternetOutbound => "AllowInternetOutbound",
        IsolationMode::AllowOnlyApprovedOutbound => "AllowOnlyApprovedOutbound",
    }
}

/// ARM's name of an outbound rule type.
pub(in crate::export) fn rule_type(rule: &OutboundRule) -> &'static str {
    match rule.rule_type {
        OutboundRuleType::Fqdn => "FQDN",
        OutboundRuleType::ServiceTag => "ServiceTag",
        OutboundRuleType::PrivateEndpoint => "PrivateEndpoint",
    }
}

/// A service tag rule's ports, as ARM's comma-separated `portRanges`.
pub(in crate::export) fn port_ranges(rule: &OutboundRule) -> String {
    match &rule.ports {
        Some(ports) => ports.join(","),
        None => "*".to_owned(),
    }
}

/// The sub-resource a private endpoint rule targets, which the plan does not record.
pub(in crate::export) fn sub_resource(index: usize, rule: &OutboundRule, lang: Lang) -> Placeholder {
    rule_placeholder(index, "subresource", rule, &SUB_RESOURCE, lang)
}

/// The protocol a service tag rule opens, which the plan does not record: a template that
/// wrote `*` would open every protocol to the tag where the other formats ask.
pub(in crate::export) fn protocol(index: usize, rule: &OutboundRule, lang: Lang) -> Placeholder {
    rule_placeholder(index, "protocol", rule, &PROTOCOL, lang)
}

fn rule_placeholder(
    index: usize,
    what: &str,
    rule: &OutboundRule,
    description: &Text,
    lang: Lang,
) -> Placeholder {
    let mut placeholder = Placeholder::new(format!("outbound_rule_{index}_{what}"), description, lang, false);
    placeholder.description = placeholder.description.replace("{rule}", &rule.name);
    placeholder
}

pub(super) const V2_CLUSTER_NOTE: Text = text!(
    "Azure ML v2 does not create clusters: this template creates cluster '{name}', installs the Azure ML \
     extension on it and attaches it to the workspace as Kubernetes compute '{name}'",
    "Azure ML v2 ne crée pas de cluster : ce modèle crée le cluster « {name} », y installe l’extension \
     Azure ML et l’attache à l’espace de travail comme calcul Kubernetes « {name} »"
);
/// What a reader should know about the workspace resource before deploying it.
pub(in crate::export) const WORKSPACE_NOTE: Text = text!(
    "The workspace is declared for its managed network, one of its own properties: give the name and \
     resources of the existing workspace, since a deployment sets every property written here",
    "L’espace de travail est déclaré pour son réseau managé, qui est l’une de ses propriétés : donnez le \
     nom et les ressources de l’espace existant, car un déploiement fixe chaque propriété écrite ici"
);
const SSL_CNAME: Text = text!(
    "Host name that clients call for HTTPS scoring, matching the certificate; the plan does not set sslCname",
    "Nom d’hôte qu’appellent les clients pour le scoring HTTPS, conforme au certificat ; le plan ne définit pas sslCname"
);
const SSL_SECRET: Text = text!(
    "Name of the Kubernetes secret in namespace azureml that holds cert.pem and key.pem",
    "Nom du secret Kubernetes de l’espace de noms azureml qui contient cert.pem et key.pem"
);
const SSL_SECRET_UNSET: Text = text!(
    "Name of the Kubernetes secret in namespace azureml that holds cert.pem and key.pem; the plan does \
     not set sslCertificate, and HTTPS needs a certificate",
    "Nom du secret Kubernetes de l’espace de noms azureml qui contient cert.pem et key.pem ; le plan ne \
     définit pas sslCertificate, et HTTPS exige un certificat"
);
const SSL_CERT: Text = text!(
    "Text of the PEM certificate the router serves (without a passphrase), as it is in the file: the \
     template encodes it in base64",
    "Texte du certificat PEM que sert le routeur (sans phrase secrète), tel qu’il est dans le fichier : \
     le modèle l’encode en base64"
);
const SSL_KEY: Text = text!(
    "Text of the PEM private key of that certificate, as it is in the file: the template encodes it \
     in base64",
    "Texte de la clé privée PEM de ce certificat, tel qu’il est dans le fichier : le modèle l’encode \
     en base64"
);
const WORKSPACE_NAME: Text = text!(
    "Name of the Azure ML workspace; the plan names only its resource group",
    "Nom de l’espace de travail Azure ML ; le plan ne nomme que son groupe de ressources"
);
const WORKSPACE_ID: Text = text!(
    "Resource ID of the Azure ML workspace; the plan names only its resource group",
    "ID de ressource de l’espace de travail Azure ML ; le plan ne nomme que son groupe de ressources"
);
const STORAGE_ACCOUNT: Text = text!(
    "Resource ID of the workspace's storage account",
    "ID de ressource du compte de stockage de l’espace de travail"
);
const KEY_VAULT: Text = text!(
    "Resource ID of the workspace's key vault",
    "ID de ressource du coffre de clés de l’espace de travail"
);
const APP_INSIGHTS: Text = text!(
    "Resource ID of the workspace's Application Insights",
    "ID de ressource de l’Application Insights de l’espace de travail"
);
const PROTOCOL: Text = text!(
    "Protocol that service tag rule {rule} opens: TCP, UDP, ICMP or * (all of them); the plan does not record it",
    "Protocole qu’ouvre la règle d’étiquette de service {rule} : TCP, UDP, ICMP ou * (tous) ; le plan ne \
     l’indique pas"
);
const SUB_RESOURCE: Text = text!(
    "Sub-resource that private endpoint rule {rule} targets (blob, vault, registry, …)",
    "Sous-ressource que vise la règle de point de terminaison privé {rule} (blob, vault, registry, …)"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{AzureMl, AzureMlApi, InternalLoadBalancerProvider};

    fn v2(azure_ml: AzureMl) -> AksCluster {
        let mut cluster = AksCluster::new("aks", "vnet", "nodes", "10.2.0.0/16", "10.2.0.10");
        cluster.azure_ml = Some(AzureMl { api: Some(AzureMlApi::V2), ..azure_ml });
        cluster
    }

    fn keys(spec: &ExtensionSpec) -> Vec<&str> {
        spec.settings.iter().map(|(key, _)| *key).collect()
    }

    #[test]
    fn an_internal_https_router_gets_the_settings_the_cli_would_send() {
        let cluster = v2(AzureMl {
            inference_router_service_type: Some(RouterServiceType::LoadBalancer),
            internal_load_balancer_provider: Some(InternalLoadBalancerProvider::Azure),
            ssl_cname: Some("score.contoso.com".to_owned()),
            ssl_certificate: Some(SslCertificate::PemFiles),
            ..AzureMl::V1
        });
        let spec = extension(&cluster, Lang::En);
        assert_eq!(
            keys(&spec),
            [
                "enableTraining",
                "enableInference",
                "inferenceRouterServiceType",
                "internalLoadBalancerProvider",
                "scoringFe.serviceType.internalLoadBalancer",
                "allowInsecureConnections",
                "sslCname",
                "inferenceRouterHA",
                "servicebus.enabled",
                "relayserver.enabled",
                "nginxIngress.enabled",
            ]
        );
        assert!(spec.settings.contains(&("sslCname", Setting::Text("score.contoso.com".to_owned()))));
        assert!(spec
            .settings
            .contains(&("scoringFe.serviceType.internalLoadBalancer", Setting::Text("True".to_owned()))));
        // The CLI reads the PEM files and sends their content in base64 under other keys.
        let protected: Vec<(&str, &str, bool)> = spec
            .protected
            .iter()
            .filter_map(|(key, setting)| match setting {
                Setting::Base64(placeholder) => Some((*key, placeholder.stem.as_str(), placeholder.secret)),
                _ => None,
            })
            .collect();
        assert_eq!(
            protected,
            [("scoringFe.sslCert", "aks_ssl_cert_pem", true), ("scoringFe.sslKey", "aks_ssl_key_pem", true)]
        );
        assert_eq!(spec.protected.len(), 2);
    }

    #[test]
    fn a_secret_is_sent_under_both_keys() {
        let cluster = v2(AzureMl {
            inference_router_service_type: Some(RouterServiceType::ClusterIp),
            ssl_cname: Some("score.contoso.com".to_owned()),
            ssl_certificate: Some(SslCertificate::Secret),
            ..AzureMl::V1
        });
        let spec = extension(&cluster, Lang::En);
        let secret = spec.settings.iter().find(|(key, _)| *key == "sslSecret").map(|(_, setting)| setting);
        assert!(
            matches!(secret, Some(Setting::Placeholder(placeholder)) if placeholder.stem == "aks_ssl_secret")
        );
        assert!(spec.settings.contains(&("scoringFe.sslSecret", Setting::Same("sslSecret"))));
        assert!(!keys(&spec).iter().any(|key| key.starts_with("scoringFe.serviceType")));
        assert!(spec.protected.is_empty());
    }

    #[test]
    fn plain_http_asks_for_no_certificate() {
        let cluster = v2(AzureMl {
            inference_router_service_type: Some(RouterServiceType::NodePort),
            allow_insecure_connections: Some(true),
            inference_router_ha: Some(false),
            ..AzureMl::V1
        });
        let spec = extension(&cluster, Lang::En);
        assert!(!keys(&spec).contains(&"sslCname"));
        assert!(spec.protected.is_empty());
        assert!(spec
            .settings
            .contains(&("inferenceRouterServiceType", Setting::Text("NodePort".to_owned()))));
        assert!(spec
            .settings
            .contains(&("scoringFe.serviceType.nodePort", Setting::Text("True".to_owned()))));
        assert!(spec.settings.contains(&("inferenceRouterHA", Setting::Text("False".to_owned()))));
    }
}
