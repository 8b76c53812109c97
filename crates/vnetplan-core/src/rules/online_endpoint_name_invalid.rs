use crate::catalog::{Example, RuleDoc, Source};
use crate::context::Context;
use crate::finding::{Draft, Fix, RuleFindings};
use crate::pointer;
use crate::text::Message;

/// The SDK's own check, which refuses the name before any request reaches Azure.
const AZURE_AI_ML_NAME_CHECK: Source = Source {
    title: "azure-ai-ml: validate_endpoint_or_deployment_name, run on every online endpoint the SDK \
            sends (3 to 32 characters matching ^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$)",
    location: "Azure/azure-sdk-for-python:sdk/ml/azure-ai-ml/azure/ai/ml/entities/_endpoint/\
               _endpoint_helpers.py@1d4c37e",
    date: "1d4c37e",
};

/// Where the SDK keeps the limits and the pattern that its check applies.
const AZURE_AI_ML_NAME_LIMITS: Source = Source {
    title: "azure-ai-ml: EndpointConfigurations (MIN_NAME_LENGTH, MAX_NAME_LENGTH, NAME_REGEX_PATTERN)",
    location: "Azure/azure-sdk-for-python:sdk/ml/azure-ai-ml/azure/ai/ml/constants/_endpoint.py@2be1f52",
    date: "2be1f52",
};

const MANAGE_QUOTAS: Source = Source {
    title: "Manage and increase quotas and limits for resources with Azure Machine Learning \
            (online endpoint names)",
    location: "MicrosoftDocs/azure-ai-docs:articles/machine-learning/how-to-manage-quotas.md@8f2b68ee",
    date: "2026-01-27",
};

/// The longest name Azure ML takes for an online endpoint.
pub(crate) const MAX_LENGTH: usize = 32;
const MIN_LENGTH: usize = 3;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: text!(
        "The name of an online endpoint, managed or Kubernetes, must have 3 to 32 characters, all ASCII \
         letters, digits or hyphens, the first a letter and the last a letter or a digit.",
        "Le nom d’un point de terminaison en ligne, managé ou Kubernetes, doit compter de 3 à 32 \
         caractères, tous lettres ASCII, chiffres ou tirets, le premier étant une lettre et le dernier \
         une lettre ou un chiffre."
    ),
    why: text!(
        "The name becomes part of the scoring address (<name>.<region>.inference.ml.azure.com for a \
         managed endpoint), so Azure ML holds it to a host-name-like grammar. The v2 SDK (azure-ai-ml, \
         on which the az ml CLI runs) checks it while it builds the request and stops with a validation \
         error, so an endpoint planned under such a name is never created.",
        "Le nom entre dans l’adresse de scoring (<name>.<region>.inference.ml.azure.com pour un point de \
         terminaison managé) ; Azure ML lui impose donc une grammaire proche de celle des noms d’hôte. \
         Le SDK v2 (azure-ai-ml, sur lequel repose la CLI az ml) le vérifie en construisant la requête \
         et s’arrête sur une erreur de validation : un point de terminaison prévu sous un tel nom n’est \
         jamais créé."
    ),
    example: Example(&[("/onlineEndpoints", r#"[{"name": "fraud_scoring", "kind": "managed"}]"#)]),
    fix: text!(
        "Rename the endpoint: turn underscores, dots and spaces into hyphens, start it with a letter, and \
         keep it to 32 characters. Clients call the endpoint by a URL built from its name, so choose the \
         name before they are written.",
        "Renommez le point de terminaison : changez les tirets bas, les points et les espaces en tirets, \
         faites-le commencer par une lettre et limitez-le à 32 caractères. Les clients appellent le \
         point de terminaison par une URL construite sur son nom : choisissez-le avant de les écrire."
    ),
    sources: &[AZURE_AI_ML_NAME_CHECK, AZURE_AI_ML_NAME_LIMITS, MANAGE_QUOTAS],
};

/// Why Azure ML refuses `name` for an online endpoint, or `None` when it accepts it.
pub(crate) fn name_fault(name: &str) -> Option<Message> {
    let length = name.chars().count();
    if !(MIN_LENGTH..=MAX_LENGTH).contains(&length) {
        return Some(msg!(
            [
                "its length is {length}, where 3 to 32 characters are allowed",
                "sa longueur est de {length}, alors que 3 à 32 caractères sont admis"
            ],
            length = length,
        ));
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
        return Some(msg!(
            [
                "it contains '{bad}', which is neither an ASCII letter, a digit nor a hyphen",
                "il contient « {bad} », qui n’est ni une lettre ASCII, ni un chiffre, ni un tiret"
            ],
            bad = bad,
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(
            text!("its first character is not a letter", "son premier caractère n’est pas une lettre")
                .message(),
        );
    }
    if name.ends_with('-') {
        return Some(text!("its last character is a hyphen", "son dernier caractère est un tiret").message());
    }
    None
}

/// `name` with each run of characters other than ASCII letters and digits made one hyphen, and
/// no hyphen left at either end.
pub(crate) fn hyphenate(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The first `limit` characters of `name`, without the hyphens that cutting left at its end.
pub(crate) fn shorten(name: &str, limit: usize) -> String {
    let mut out: String = name.chars().take(limit).collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A valid name that only changes separators and length: the letters and digits of `name`, in
/// order and in their case, with hyphens between them and cut to 32 characters. `None` when that
/// would lose more, which a person should decide: characters outside ASCII, a first letter to
/// invent, or too few characters left.
fn proposal(name: &str) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    let renamed = shorten(&hyphenate(name), MAX_LENGTH);
    name_fault(&renamed).is_none().then_some(renamed)
}

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    let endpoints = &context.plan.online_endpoints;
    for (index, endpoint) in endpoints.iter().enumerate() {
        let Some(reason) = name_fault(&endpoint.name) else { continue };
        let message = msg!(
            [
                "online endpoint name '{name}' is refused by Azure ML: {reason}. A name has 3 to 32 ASCII \
                 letters, digits and hyphens, starts with a letter and ends with a letter or a digit",
                "le nom de point de terminaison en ligne « {name} » est refusé par Azure ML : {reason}. Un \
                 nom compte de 3 à 32 lettres ASCII, chiffres et tirets, commence par une lettre et finit \
                 par une lettre ou un chiffre"
            ],
            name = &endpoint.name,
        )
        .with_message("reason", reason);
        let subject = pointer::online_endpoint(index, "name");
        // A name another endpoint holds would trade this finding for duplicate-name.
        let fix = proposal(&endpoint.name)
            .filter(|renamed| !endpoints.iter().any(|other| other.name.eq_ignore_ascii_case(renamed)))
            .map(|renamed| {
                let title = msg!(
                    [
                        "rename online endpoint '{name}' to '{renamed}'",
                        "renommer le point de terminaison en ligne « {name} » en « {renamed} »"
                    ],
                    name = &endpoint.name,
                    renamed = &renamed,
                );
                Fix::set(title, subject.clone(), renamed)
            });
        out.push(Draft::new(message, vec![subject]).with_fix(fix));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{hyphenate, name_fault, proposal, shorten};
    use crate::catalog::RuleId::OnlineEndpointNameInvalid;
    use crate::testing::{assert_fires, assert_fix_resolves, assert_quiet};
    use crate::text::Lang;

    fn endpoints(names: &[&str]) -> [(&'static str, serde_json::Value); 1] {
        let list: Vec<_> = names.iter().map(|name| json!({"name": name, "kind": "managed"})).collect();
        [("/onlineEndpoints", json!(list))]
    }

    #[test]
    fn fires_for_each_way_a_name_breaks_the_grammar() {
        let cases = [
            ("ab", "its length is 2, where 3 to 32 characters are allowed"),
            ("fraud-scoring-endpoint-for-retail", "its length is 33, where 3 to 32 characters are allowed"),
            ("fraud_k8s", "it contains '_', which is neither an ASCII letter, a digit nor a hyphen"),
            ("scoré", "it contains 'é', which is neither an ASCII letter, a digit nor a hyphen"),
            ("2fraud", "its first character is not a letter"),
            ("fraud-", "its last character is a hyphen"),
        ];
        for (name, reason) in cases {
            let found = assert_fires(OnlineEndpointNameInvalid, &endpoints(&[name]));
            assert_eq!(found.len(), 1, "{name}");
            assert_eq!(found[0].subjects, ["/onlineEndpoints/0/name"]);
            assert!(
                found[0].message.contains(&format!(": {reason}. A name has 3 to 32")),
                "{}",
                found[0].message
            );
        }
    }

    #[test]
    fn the_message_names_the_field_the_fault_and_the_grammar_in_both_languages() {
        let found = assert_fires(OnlineEndpointNameInvalid, &endpoints(&["fraud_k8s"]));
        assert_eq!(
            found[0].message,
            "online endpoint name 'fraud_k8s' is refused by Azure ML: it contains '_', which is neither an \
             ASCII letter, a digit nor a hyphen. A name has 3 to 32 ASCII letters, digits and hyphens, \
             starts with a letter and ends with a letter or a digit"
        );
        assert_eq!(
            found[0].text.render(Lang::Fr),
            "le nom de point de terminaison en ligne « fraud_k8s » est refusé par Azure ML : il contient \
             « _ », qui n’est ni une lettre ASCII, ni un chiffre, ni un tiret. Un nom compte de 3 à 32 \
             lettres ASCII, chiffres et tirets, commence par une lettre et finit par une lettre ou un \
             chiffre"
        );
    }

    #[test]
    fn a_kubernetes_endpoint_is_held_to_the_same_grammar() {
        let found = assert_fires(
            OnlineEndpointNameInvalid,
            &[(
                "/onlineEndpoints",
                json!([{"name": "fraud_k8s", "kind": "kubernetes", "compute": "ml-aks"}]),
            )],
        );
        assert_eq!(found[0].subjects, ["/onlineEndpoints/0/name"]);
    }

    #[test]
    fn the_fix_changes_only_separators_and_length() {
        let found = assert_fires(OnlineEndpointNameInvalid, &endpoints(&["Fraud_K8s.v2"]));
        let fix = found[0].fix.as_ref().expect("the name has a hyphenated form");
        assert_eq!(fix.title, "rename online endpoint 'Fraud_K8s.v2' to 'Fraud-K8s-v2'");
        assert_eq!(
            (fix.changes[0].path.as_str(), &fix.changes[0].value),
            ("/onlineEndpoints/0/name", &json!("Fraud-K8s-v2"))
        );
        assert_fix_resolves(OnlineEndpointNameInvalid, &endpoints(&["Fraud_K8s.v2"]));
        let long = "fraud_scoring_endpoint_for_retail_stores";
        assert_eq!(proposal(long).as_deref(), Some("fraud-scoring-endpoint-for-retai"));
        assert_eq!(
            proposal("fraud_scoring_endpoint_for_reta_x").as_deref(),
            Some("fraud-scoring-endpoint-for-reta")
        );
        assert_fix_resolves(OnlineEndpointNameInvalid, &endpoints(&[long]));
    }

    #[test]
    fn no_fix_when_the_name_would_need_more_than_new_separators_or_is_taken() {
        for name in ["2fraud", "scoré", "a__", "__"] {
            let found = assert_fires(OnlineEndpointNameInvalid, &endpoints(&[name]));
            assert_eq!(found[0].fix, None, "{name}");
        }
        let found = assert_fires(OnlineEndpointNameInvalid, &endpoints(&["fraud_k8s", "Fraud-K8s"]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fix, None, "the hyphenated name is another endpoint's");
    }

    #[test]
    fn quiet_for_names_the_sdk_accepts() {
        assert_quiet(OnlineEndpointNameInvalid, &[]);
        assert_quiet(
            OnlineEndpointNameInvalid,
            &endpoints(&["abc", "Fraud-K8s", "a1234567890123456789012345678901", "score--2"]),
        );
    }

    #[test]
    fn the_helpers_keep_letters_and_digits_in_order() {
        assert_eq!(hyphenate("__scoring__aci 2021_"), "scoring-aci-2021");
        assert_eq!(hyphenate("模型"), "");
        assert_eq!(shorten("abc-def", 4), "abc");
        assert_eq!(name_fault("a-b"), None);
    }
}
