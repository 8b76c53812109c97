use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::RuleFindings;
use crate::pointer;
use crate::sources;
use crate::text::Message;

/// The v1 SDK's own refusal of names it keeps for other compute targets.
const AZUREML_CORE_RESERVED_NAMES: Source = Source {
    title: "azureml-core 1.61.0.post4: ComputeTarget.create and attach refuse reserved target names",
    location: "azureml-core 1.61.0.post4 (PyPI wheel):azureml/core/compute/compute.py",
    date: "1.61.0.post4",
};

/// The names the v1 SDK keeps for its own compute targets, as it compares them.
const RESERVED: [&str; 3] = ["amlcompute", "local", "containerinstance"];

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The name of a v1 compute target (an AKS cluster on the Azure ML v1 flow) must be 3 to 24 \
         characters of letters, digits and hyphens, start with a letter, end with a letter or a digit, and \
         not be one of the names the SDK keeps: amlcompute, local, containerinstance.",
        "Le nom d’une cible de calcul v1 (un cluster AKS du flux Azure ML v1) doit compter 3 à 24 caractères \
         parmi les lettres, les chiffres et les tirets, commencer par une lettre, finir par une lettre ou un \
         chiffre, et ne pas être l’un des noms que le SDK se réserve : amlcompute, local, containerinstance."
    ),
    why: text!(
        "Azure ML refuses to create or attach a compute target under any other name, so the SDK call or \
         the az ml computetarget command stops before any cluster is touched. The cluster's own AKS name is \
         not bound by these limits; the name the workspace knows it by is.",
        "Azure ML refuse de créer ou d’attacher une cible de calcul sous tout autre nom : l’appel au SDK ou \
         la commande az ml computetarget s’arrête avant de toucher au moindre cluster. Le nom AKS du \
         cluster n’est pas tenu par ces limites ; celui sous lequel l’espace de travail le connaît l’est."
    ),
    example: Example(&[("/aksClusters/0/name", r#""ml_aks""#)]),
    fix: text!(
        "Rename the compute target, for example by replacing underscores and dots with hyphens and \
         shortening it to 24 characters.",
        "Renommez la cible de calcul, par exemple en remplaçant les tirets bas et les points par des tirets \
         et en la raccourcissant à 24 caractères."
    ),
    sources: &[sources::HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21, AZUREML_CORE_RESERVED_NAMES],
};

/// What is wrong with `name` as a v1 compute target name, if anything.
fn fault(name: &str) -> Option<Message> {
    let length = name.chars().count();
    if !(3..=24).contains(&length) {
        return Some(msg!(
            [
                "its length, {length}, is outside 3 to 24 characters",
                "sa longueur, {length}, est hors de 3 à 24 caractères"
            ],
            length = length.to_string(),
        ));
    }
    if RESERVED.contains(&name) {
        return Some(text!("the SDK keeps that name", "le SDK se réserve ce nom").message());
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
        return Some(msg!(
            [
                "it holds '{bad}', where only letters, digits and hyphens are allowed",
                "il contient « {bad} », alors que seuls les lettres, les chiffres et les tirets sont admis"
            ],
            bad = bad.to_string(),
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(text!("it does not start with a letter", "il ne commence pas par une lettre").message());
    }
    if name.ends_with('-') {
        return Some(text!("it ends with a hyphen", "il finit par un tiret").message());
    }
    None
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (index, cluster, _) in context.v1_clusters() {
        let Some(reason) = fault(&cluster.name) else { continue };
        let message = msg!(
            [
                "'{name}' cannot name an Azure ML v1 compute target: {reason}",
                "« {name} » ne peut pas nommer une cible de calcul Azure ML v1 : {reason}"
            ],
            name = &cluster.name,
        )
        .with_message("reason", reason);
        out.report(message, vec![pointer::cluster(index, "name")]);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::ComputeNameInvalid;
    use crate::testing::{assert_fires, assert_quiet, v2_cluster};
    use crate::text::Lang;

    fn named(name: &str) -> [(&'static str, serde_json::Value); 1] {
        [("/aksClusters/0/name", json!(name))]
    }

    #[test]
    fn fires_for_each_kind_of_bad_name() {
        let cases = [
            ("c1", "'c1' cannot name an Azure ML v1 compute target: its length, 2, is outside 3 to 24 characters"),
            ("aks-cluster-name-that-is-long", "its length, 29, is outside 3 to 24 characters"),
            ("amlcompute", "the SDK keeps that name"),
            ("my_aks", "it holds '_', where only letters, digits and hyphens are allowed"),
            ("1aks", "it does not start with a letter"),
            ("abc-", "it ends with a hyphen"),
        ];
        for (name, reason) in cases {
            let found = assert_fires(ComputeNameInvalid, &named(name));
            assert!(found[0].message.ends_with(reason), "{name}: {}", found[0].message);
            assert_eq!(found[0].subjects, ["/aksClusters/0/name"]);
        }
        let found = assert_fires(ComputeNameInvalid, &named("ml.aks"));
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "« ml.aks » ne peut pas nommer une cible de calcul Azure ML v1 : il contient « . », alors que seuls \
             les lettres, les chiffres et les tirets sont admis"
        );
    }

    #[test]
    fn quiet_for_good_names_and_for_v2_clusters() {
        for name in ["aks", "ml-aks-01", "A23456789012345678901234", "Local"] {
            assert_quiet(ComputeNameInvalid, &named(name));
        }
        let mut v2 = v2_cluster();
        v2.push(("/aksClusters/0/name", json!("my_aks")));
        assert_quiet(ComputeNameInvalid, &v2);
    }
}
