use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Reports a Kubernetes compute cluster (azureMl.api \"v2\") that refuses plain HTTP \
         (allowInsecureConnections false, the default) but lacks sslCname, sslCertificate or both.",
        "Signale un cluster de calcul Kubernetes (azureMl.api « v2 ») qui refuse le HTTP en clair \
         (allowInsecureConnections à false, la valeur par défaut) mais à qui il manque sslCname, \
         sslCertificate ou les deux."
    ),
    why: text!(
        "When HTTP is not allowed, the extension serves scoring over HTTPS only, and it needs both a \
         certificate (a Kubernetes secret or PEM files) and the host name that certificate is issued \
         for. Without them the extension deployment does not complete, so no endpoint can be created on \
         the cluster.",
        "Quand le HTTP n’est pas autorisé, l’extension ne sert le scoring qu’en HTTPS, et il lui faut à la \
         fois un certificat (un secret Kubernetes ou des fichiers PEM) et le nom d’hôte pour lequel ce \
         certificat est émis. Sans eux, le déploiement de l’extension n’aboutit pas, et aucun point de \
         terminaison ne peut être créé sur le cluster."
    ),
    example: Example(&[
        ("/aksClusters/0/provisioning", r#""attach""#),
        ("/aksClusters/0/azureMl", r#"{"api": "v2", "inferenceRouterServiceType": "loadBalancer"}"#),
    ]),
    fix: text!(
        "Give the cluster a certificate source in sslCertificate and the host name clients call in \
         sslCname. To serve HTTP behind an ingress of your own that terminates TLS, set \
         allowInsecureConnections to true instead.",
        "Donnez au cluster une source de certificat dans sslCertificate et le nom d’hôte appelé par les \
         clients dans sslCname. Pour servir du HTTP derrière votre propre entrée qui termine le TLS, \
         mettez plutôt allowInsecureConnections à true."
    ),
    sources: &[
        sources::HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28,
        Source {
            title: "Configure a secure online endpoint with TLS/SSL (Kubernetes)",
            location:
                "https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-online-endpoint",
            date: "2022-10-10",
        },
    ],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.clusters() {
        let azure_ml = cluster.azure_ml();
        if !cluster.is_v2() || azure_ml.allow_insecure_connections() {
            continue;
        }
        let no_cname = azure_ml.ssl_cname().is_none();
        let no_certificate = azure_ml.ssl_certificate.is_none();
        let missing = match (no_cname, no_certificate) {
            (false, false) => continue,
            (true, true) => msg!(["sslCname and sslCertificate", "sslCname et sslCertificate"]),
            (true, false) => msg!(["sslCname", "sslCname"]),
            (false, true) => msg!(["sslCertificate", "sslCertificate"]),
        };
        let mut subjects = Vec::new();
        if no_cname {
            subjects.push(pointer::cluster(index, "azureMl/sslCname"));
        }
        if no_certificate {
            subjects.push(pointer::cluster(index, "azureMl/sslCertificate"));
        }
        subjects.push(pointer::cluster(index, "azureMl/allowInsecureConnections"));
        let message = msg!(
            [
                "cluster '{cluster}' serves scoring over HTTPS only but lacks {missing}, so the Azure ML \
                 extension cannot set TLS up",
                "le cluster « {cluster} » ne sert le scoring qu’en HTTPS mais n’a pas {missing} : \
                 l’extension Azure ML ne peut pas mettre le TLS en place"
            ],
            cluster = &cluster.name,
        )
        .with_message("missing", missing);
        out.report(message, subjects);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::catalog::RuleId::K8sTlsSettingsIncomplete;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    fn v2(extra: Value) -> Vec<(&'static str, Value)> {
        let mut azure_ml = json!({"api": "v2", "inferenceRouterServiceType": "loadBalancer"});
        if let (Some(target), Some(more)) = (azure_ml.as_object_mut(), extra.as_object()) {
            target.extend(more.clone());
        }
        vec![("/aksClusters/0/provisioning", json!("attach")), ("/aksClusters/0/azureMl", azure_ml)]
    }

    #[test]
    fn fires_without_both_settings_naming_both() {
        let found = assert_fires(K8sTlsSettingsIncomplete, &v2(json!({})));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].subjects,
            [
                "/aksClusters/0/azureMl/sslCname",
                "/aksClusters/0/azureMl/sslCertificate",
                "/aksClusters/0/azureMl/allowInsecureConnections"
            ]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le cluster « ml-aks » ne sert le scoring qu’en HTTPS mais n’a pas sslCname et sslCertificate : \
             l’extension Azure ML ne peut pas mettre le TLS en place"
        );
    }

    #[test]
    fn an_empty_cname_counts_as_missing() {
        let found =
            assert_fires(K8sTlsSettingsIncomplete, &v2(json!({"sslCname": "", "sslCertificate": "secret"})));
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/azureMl/sslCname", "/aksClusters/0/azureMl/allowInsecureConnections"]
        );
        assert!(found[0].message.contains("lacks sslCname, so"), "{}", found[0].message);
    }

    #[test]
    fn quiet_when_complete_or_insecure_or_v1() {
        assert_quiet(
            K8sTlsSettingsIncomplete,
            &v2(json!({"sslCname": "score.contoso.com", "sslCertificate": "pemFiles"})),
        );
        assert_quiet(K8sTlsSettingsIncomplete, &v2(json!({"allowInsecureConnections": true})));
        assert_quiet(K8sTlsSettingsIncomplete, &[]);
    }
}
