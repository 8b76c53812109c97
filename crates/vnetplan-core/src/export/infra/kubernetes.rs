//! What the templates add for Azure ML v2: the `Microsoft.AzureML.Kubernetes` extension on each
//! v2 cluster with the plan's router and TLS settings, the Kubernetes compute that attaches it,
//! and the workspace's managed network with its outbound rules. Values the plan does not hold
//! (the workspace's name and dependencies, a certificate, a secret's name) become placeholders:
//! parameters or variables without a default, whose description says what to give.

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

/// A setting's value: from the plan, or a placeholder the template asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::export) enum Setting {
    Text(String),
    Placeholder(Placeholder),
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
    pub(in crate::export) protected: Vec<(&'static str, Placeholder)>,
}

/// The extension settings of v2 cluster `cluster`; its name prefixes its placeholders.
pub(in crate::export) fn extension(cluster: &AksCluster, lang: Lang) -> ExtensionSpec {
    let stem = &cluster.name;
    let azure_ml = cluster.azure_ml();
    let text = |value: &str| Setting::Text(value.to_owned());
    let flag = |value: bool| text(if value { "True" } else { "False" });
    let router = match azure_ml.router_service_type() {
        Some(RouterServiceType::NodePort) => "NodePort",
        Some(RouterServiceType::ClusterIp) => "ClusterIP",
        Some(RouterServiceType::LoadBalancer) | None => "LoadBalancer",
    };
    let mut settings = vec![("enableInference", flag(true)), ("inferenceRouterServiceType", text(router))];
    if azure_ml.internal_load_balancer_provider.is_some() {
        settings.push(("internalLoadBalancerProvider", text("azure")));
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
        let secret = |description: &Text| {
            (
                "sslSecret",
                Setting::Placeholder(Placeholder::new(
                    format!("{stem}_ssl_secret"),
                    description,
                    lang,
                    false,
                )),
            )
        };
        match azure_ml.certificate_to_write() {
            Some(SslCertificate::Secret) if azure_ml.ssl_certificate.is_none() => {
                settings.push(secret(&SSL_SECRET_UNSET));
            }
            Some(SslCertificate::Secret) => settings.push(secret(&SSL_SECRET)),
            None => {}
            Some(SslCertificate::PemFiles) => {
                protected.push((
                    "sslCertPemFile",
                    Placeholder::new(format!("{stem}_ssl_cert_pem"), &SSL_CERT, lang, true),
                ));
                protected.push((
                    "sslKeyPemFile",
                    Placeholder::new(format!("{stem}_ssl_key_pem"), &SSL_KEY, lang, true),
                ));
            }
        }
    }
    settings.push(("inferenceRouterHA", flag(azure_ml.inference_router_ha())));
    if azure_ml.reuses_v1_cluster() {
        settings.push(("scoringFe.enableUpgrade", text("true")));
    }
    ExtensionSpec { settings, protected }
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
    let mut placeholder =
        Placeholder::new(format!("outbound_rule_{index}_subresource"), &SUB_RESOURCE, lang, false);
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
    "Content of the PEM certificate the router serves (without a passphrase)",
    "Contenu du certificat PEM que sert le routeur (sans phrase secrète)"
);
const SSL_KEY: Text = text!(
    "Content of the PEM private key of that certificate",
    "Contenu de la clé privée PEM de ce certificat"
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
    fn an_internal_https_router_gets_its_certificate_placeholders() {
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
                "enableInference",
                "inferenceRouterServiceType",
                "internalLoadBalancerProvider",
                "allowInsecureConnections",
                "sslCname",
                "inferenceRouterHA"
            ]
        );
        assert_eq!(spec.settings[4].1, Setting::Text("score.contoso.com".to_owned()));
        let protected: Vec<(&str, &str, bool)> =
            spec.protected.iter().map(|(key, p)| (*key, p.stem.as_str(), p.secret)).collect();
        assert_eq!(
            protected,
            [("sslCertPemFile", "aks_ssl_cert_pem", true), ("sslKeyPemFile", "aks_ssl_key_pem", true)]
        );
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
        assert!(spec.settings.contains(&("inferenceRouterHA", Setting::Text("False".to_owned()))));
    }
}
