use crate::catalog::{Example, RuleDoc};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::plan::{MaxSurge, Provisioning};
use crate::pointer;
use crate::sources;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "Warns when a cluster that Azure ML v1 creates (provisioning \"create\") states API server \
         authorized IP ranges, or a surge of fewer nodes than AKS's default of 10% gives. Disabled local \
         accounts belong to local-accounts-disabled: Azure ML v1 cannot use such a cluster at all.",
        "Avertit quand un cluster qu’Azure ML v1 crée (provisioning « create ») indique des plages d’IP \
         autorisées pour le serveur d’API, ou une montée en charge de moins de nœuds que les 10 % par \
         défaut d’AKS. Les comptes locaux désactivés relèvent de local-accounts-disabled : Azure ML v1 ne \
         peut pas du tout utiliser un tel cluster."
    ),
    why: text!(
        "Azure ML v1 creates the cluster from its own provisioning settings, which have neither: the \
         cluster comes up with an API server open to any address and the default surge. The plan is \
         checked as it states, so its address count and its locked-down API server hold only once someone \
         applies those settings to the cluster Azure ML made. Attaching a cluster built with them avoids \
         the gap.",
        "Azure ML v1 crée le cluster à partir de ses propres réglages d’approvisionnement, qui n’ont ni \
         l’un ni l’autre : le cluster démarre avec un serveur d’API ouvert à toute adresse et la montée en \
         charge par défaut. Le plan est vérifié tel qu’il est écrit : son décompte d’adresses et son \
         serveur d’API verrouillé ne valent qu’une fois ces réglages appliqués au cluster créé par Azure \
         ML. Attacher un cluster construit avec eux évite cet écart."
    ),
    example: Example(&[("/aksClusters/0/apiServerAuthorizedIpRanges", r#"["203.0.113.0/24"]"#)]),
    fix: text!(
        "Right after Azure ML has created the cluster, apply the settings with az aks update \
         --api-server-authorized-ip-ranges and az aks nodepool update --max-surge; or create the cluster \
         with them yourself and set provisioning to attach.",
        "Dès qu’Azure ML a créé le cluster, appliquez les réglages avec az aks update \
         --api-server-authorized-ip-ranges et az aks nodepool update --max-surge ; ou créez vous-même le \
         cluster avec eux et mettez provisioning à attach."
    ),
    sources: &[sources::AKS_PROVISIONING_CONFIGURATION, sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        if cluster.provisioning() != Provisioning::Create {
            continue;
        }
        let mut settings = Vec::new();
        if !cluster.api_server_authorized_ip_ranges.is_empty() {
            settings.push("apiServerAuthorizedIpRanges");
        }
        // A stated surge only matters when AKS's default would add more nodes than the plan counts.
        let nodes = cluster.node_count;
        if cluster.max_surge.is_some_and(|surge| MaxSurge::DEFAULT.nodes(nodes) > surge.nodes(nodes)) {
            settings.push("maxSurge");
        }
        if settings.is_empty() {
            continue;
        }
        let subjects = settings.iter().map(|field| pointer::cluster(index, field)).collect();
        out.report(
            msg!(
                [
                    "Azure ML v1 creates cluster '{cluster}' without {settings}, to be applied to the \
                     cluster once it exists",
                    "Azure ML v1 crée le cluster « {cluster} » sans {settings}, à appliquer au cluster une \
                     fois créé"
                ],
                cluster = &cluster.name,
                settings = settings.join(", "),
            ),
            subjects,
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::CreateSettingAppliedLater;
    use crate::finding::Severity;
    use crate::testing::{assert_fires, assert_quiet};
    use crate::text::Lang;

    #[test]
    fn fires_for_settings_the_v1_creation_cannot_make() {
        let changes = [
            ("/aksClusters/0/apiServerAuthorizedIpRanges", json!(["203.0.113.0/24"])),
            ("/aksClusters/0/maxSurge", json!(0)),
        ];
        let found = assert_fires(CreateSettingAppliedLater, &changes);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].subjects,
            ["/aksClusters/0/apiServerAuthorizedIpRanges", "/aksClusters/0/maxSurge"]
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "Azure ML v1 crée le cluster « ml-aks » sans apiServerAuthorizedIpRanges, \
             maxSurge, à appliquer au cluster une fois créé"
        );
    }

    #[test]
    fn quiet_for_the_default_surge_an_attached_cluster_or_v2() {
        assert_quiet(CreateSettingAppliedLater, &[("/aksClusters/0/maxSurge", json!("10%"))]);
        // Applying it later would not help: local-accounts-disabled reports it as an error.
        assert_quiet(CreateSettingAppliedLater, &[("/aksClusters/0/localAccountsDisabled", json!(true))]);
        // Three nodes surge by one node under the default too, so the plan's count holds.
        assert_quiet(CreateSettingAppliedLater, &[("/aksClusters/0/maxSurge", json!(1))]);
        let attached =
            [("/aksClusters/0/provisioning", json!("attach")), ("/aksClusters/0/maxSurge", json!(0))];
        assert_quiet(CreateSettingAppliedLater, &attached);
        let mut v2 = crate::testing::v2_cluster();
        v2.push(("/aksClusters/0/apiServerAuthorizedIpRanges", json!(["203.0.113.0/24"])));
        assert_quiet(CreateSettingAppliedLater, &v2);
    }
}
