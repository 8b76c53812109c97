//! Whether a firewall's allowed host name covers a host name a service needs (the "Covers"
//! definition of the v2 rule catalog). Rules ask this one function, so that case, trailing dots,
//! wildcards and placeholders are decided in one place.

use crate::plan::region_name;

/// The labels that stand for exactly one label of a name the plan cannot know.
pub const PLACEHOLDERS: &[&str] = &["<acr>", "<storage>", "<workspace-id>"];

/// The placeholder that the plan's region replaces before matching.
pub const REGION_PLACEHOLDER: &str = "<region>";

/// Whether the allow-list entry `entry` covers the needed name `pattern` in `region`.
///
/// Both sides compare without regard to case, each with one trailing dot ignored. The entry `*`
/// covers every name; `*.S` covers names below `S` (one or more labels) and wildcard patterns
/// at or below `S`; any other entry covers the patterns with the same labels, where a
/// placeholder label of the pattern stands for any one label. An entry of another shape (an
/// empty label, a `*` that is not the whole first label, a label with characters no host name
/// has, such as a placeholder's brackets) covers nothing.
///
/// # Examples
///
/// ```
/// use vnetplan_core::fqdn::covers;
///
/// assert!(covers("*.azurecr.io", "<acr>.azurecr.io", "eastus2"));
/// assert!(covers("EASTUS2.data.mcr.microsoft.com.", "<region>.data.mcr.microsoft.com", "eastus2"));
/// assert!(!covers("mcr.microsoft.com", "*.data.mcr.microsoft.com", "eastus2"));
/// ```
pub fn covers(entry: &str, pattern: &str, region: &str) -> bool {
    let entry = normalise(entry);
    if entry == "*" {
        return true;
    }
    let pattern = normalise(pattern).replace(REGION_PLACEHOLDER, &region_name(region));
    let (entry_wild, entry_labels) = split(&entry);
    let (pattern_wild, pattern_labels) = split(&pattern);
    let well_formed = |labels: &[&str]| labels.iter().all(|label| !label.is_empty() && !label.contains('*'));
    // A placeholder copied from a message into the list names no host: it covers nothing.
    let host_labels = entry_labels
        .iter()
        .all(|label| label.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'));
    if entry_labels.is_empty() || !host_labels || !well_formed(&entry_labels) || !well_formed(&pattern_labels)
    {
        return false;
    }
    match (entry_wild, pattern_wild) {
        (false, false) => {
            entry_labels.len() == pattern_labels.len()
                && entry_labels
                    .iter()
                    .zip(&pattern_labels)
                    .all(|(wanted, needed)| wanted == needed || PLACEHOLDERS.contains(needed))
        }
        // Below S means at least one label more; a wildcard pattern may also sit at S itself.
        (true, false) => pattern_labels.len() > entry_labels.len() && pattern_labels.ends_with(&entry_labels),
        (true, true) => pattern_labels.ends_with(&entry_labels),
        (false, true) => false,
    }
}

/// Whether `entry` covers `pattern` when `fixed` lists the names without placeholder or wildcard
/// that the catalog needs: an entry that is one of them stands for that service only, so it
/// covers that name and nothing else. `arcmktplaceprod.azurecr.io`, the extensions' registry, is
/// not the workspace's `<acr>.azurecr.io`.
///
/// ```
/// use vnetplan_core::fqdn::covers_among;
///
/// let fixed = ["arcmktplaceprod.azurecr.io"];
/// assert!(covers_among("myregistry.azurecr.io", "<acr>.azurecr.io", "eastus2", &fixed));
/// assert!(!covers_among("ArcMktPlaceProd.azurecr.io.", "<acr>.azurecr.io", "eastus2", &fixed));
/// assert!(covers_among("arcmktplaceprod.azurecr.io", "arcmktplaceprod.azurecr.io", "eastus2", &fixed));
/// ```
pub fn covers_among(entry: &str, pattern: &str, region: &str, fixed: &[&str]) -> bool {
    let entry_name = normalise(entry);
    let is_fixed = fixed.iter().any(|name| normalise(name) == entry_name);
    covers(entry, pattern, region) && (!is_fixed || entry_name == normalise(pattern))
}

/// Lower case, one trailing dot removed: DNS names do not depend on either.
pub(crate) fn normalise(name: &str) -> String {
    name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase()
}

/// Whether the name starts with the wildcard label, and its other labels.
fn split(name: &str) -> (bool, Vec<&str>) {
    match name.strip_prefix("*.") {
        Some(rest) => (true, rest.split('.').collect()),
        None => (false, name.split('.').collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    const REGION: &str = "eastus2";

    /// Each row: entry, pattern, whether it covers, and the clause it exercises.
    const CASES: &[(&str, &str, bool, &str)] = &[
        // Everything.
        ("*", "<acr>.azurecr.io", true, "star covers a placeholder pattern"),
        ("*", "*.data.mcr.microsoft.com", true, "star covers a wildcard pattern"),
        ("*.", "mcr.microsoft.com", true, "star with a trailing dot"),
        // Same labels, placeholders standing for one label.
        ("mcr.microsoft.com", "mcr.microsoft.com", true, "identical names"),
        ("MCR.Microsoft.COM", "mcr.microsoft.com", true, "case is ignored"),
        ("mcr.microsoft.com.", "mcr.microsoft.com", true, "one trailing dot on the entry"),
        ("mcr.microsoft.com", "mcr.microsoft.com.", true, "one trailing dot on the pattern"),
        ("mcr.microsoft.com..", "mcr.microsoft.com", false, "only one trailing dot is ignored"),
        ("myacr.azurecr.io", "<acr>.azurecr.io", true, "a placeholder takes any one label"),
        ("a.b.azurecr.io", "<acr>.azurecr.io", false, "a placeholder takes exactly one label"),
        ("<acr>.azurecr.io", "<acr>.azurecr.io", false, "a placeholder in the entry names no host"),
        ("<storage>.blob.core.windows.net", "<storage>.blob.core.windows.net", false, "nor does any other"),
        ("*.<region>.data.azurecr.io", "<acr>.eastus2.data.azurecr.io", false, "nor one below a wildcard"),
        ("my_acr.azurecr.io", "<acr>.azurecr.io", true, "an underscore is a host label character"),
        ("azurecr.io", "<acr>.azurecr.io", false, "a placeholder takes at least one label"),
        ("store1.blob.core.windows.net", "<storage>.blob.core.windows.net", true, "storage placeholder"),
        (
            "0f3c.workspace.eastus2.api.azureml.ms",
            "<workspace-id>.workspace.<region>.api.azureml.ms",
            true,
            "workspace placeholder and region",
        ),
        (
            "0f3c.workspace.westus.api.azureml.ms",
            "<workspace-id>.workspace.<region>.api.azureml.ms",
            false,
            "another region",
        ),
        (
            "EastUS2.data.mcr.microsoft.com",
            "<region>.data.mcr.microsoft.com",
            true,
            "region compares without case",
        ),
        ("x.data.mcr.microsoft.com", "<region>.data.mcr.microsoft.com", false, "region is not a placeholder"),
        ("arcmktplaceprod.azurecr.io", "arcmktplaceprod.azurecr.io", true, "a fixed name covers itself"),
        ("arcmktplaceprod.azurecr.io", "<acr>.azurecr.io", true, "a fixed name fills a placeholder"),
        ("arcmktplaceprod.azurecr.io", "other.azurecr.io", false, "a fixed name covers only itself"),
        ("microsoft.com", "mcr.microsoft.com", false, "a parent name is not a wildcard"),
        ("mcr.microsoft.com", "*.data.mcr.microsoft.com", false, "a plain entry never covers a wildcard"),
        // Wildcard entries.
        ("*.azurecr.io", "<acr>.azurecr.io", true, "wildcard over a placeholder"),
        ("*.azurecr.io", "a.b.azurecr.io", true, "wildcard over several labels"),
        ("*.azurecr.io", "azurecr.io", false, "wildcard needs at least one label"),
        ("*.azurecr.io", "evilazurecr.io", false, "wildcard matches whole labels"),
        ("*.AzureCR.io.", "<ACR>.azurecr.io", true, "wildcard with case and trailing dot"),
        ("*.mcr.microsoft.com", "*.data.mcr.microsoft.com", true, "wildcard over a deeper wildcard"),
        ("*.data.mcr.microsoft.com", "*.data.mcr.microsoft.com", true, "wildcard over the same wildcard"),
        ("*.data.mcr.microsoft.com", "*.mcr.microsoft.com", false, "wildcard never covers a wider wildcard"),
        ("*.microsoft.com", "*.data.mcr.microsoft.com", true, "wildcard far above"),
        ("*.blob.core.windows.net", "<storage>.blob.core.windows.net", true, "wildcard over storage"),
        (
            "*.eastus2.data.azurecr.io",
            "<acr>.<region>.data.azurecr.io",
            true,
            "region replaced under a wildcard",
        ),
        (
            "*.myacr.azurecr.io",
            "<acr>.azurecr.io",
            false,
            "a narrower wildcard does not cover the placeholder",
        ),
        // Malformed entries cover nothing.
        ("", "mcr.microsoft.com", false, "empty entry"),
        (".", "mcr.microsoft.com", false, "only a dot"),
        ("mcr..microsoft.com", "mcr..microsoft.com", false, "empty label"),
        ("*mcr.microsoft.com", "xmcr.microsoft.com", false, "star inside a label"),
        ("mcr.*.com", "mcr.microsoft.com", false, "star in the middle"),
        ("*.*.com", "a.b.com", false, "two stars"),
        ("*.", "*", true, "star alone covers even the bare star"),
        ("*.com", "*", false, "a bare star pattern is wider than any suffix"),
    ];

    #[test]
    fn the_region_placeholder_takes_the_name_azure_reads() {
        assert!(covers(
            "eastus2.dp.kubernetesconfiguration.azure.com",
            "<region>.dp.kubernetesconfiguration.azure.com",
            "East US 2"
        ));
        assert!(!covers(
            "eastus.dp.kubernetesconfiguration.azure.com",
            "<region>.dp.kubernetesconfiguration.azure.com",
            "East US 2"
        ));
    }

    #[test]
    fn every_clause_of_covers() {
        for (entry, pattern, expected, clause) in CASES {
            assert_eq!(covers(entry, pattern, REGION), *expected, "{clause}: {entry} / {pattern}");
        }
    }
}
