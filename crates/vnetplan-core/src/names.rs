//! The tags the plan adds to names, and the names Azure knows the tagged items by.
//!
//! The plan refers to VNets and subnets by name alone, so the import tells apart two VNets of one
//! name with a trailing ` (…)`, and makes each further prefix of a subnet a plan subnet of its own,
//! `<subnet> [prefix N]`. Neither tag is part of a name Azure holds, and a name that carries one
//! cannot be created. The writers and the readers of both tags live here, so that the checks and
//! every template and script agree on the name Azure sees.

/// An Azure Resource Manager template expression, such as `[parameters('vnetName')]`, whose value
/// is only known when the template is deployed. `[[` is how a template escapes a literal bracket.
pub(crate) fn is_expression(text: &str) -> bool {
    text.starts_with('[') && !text.starts_with("[[") && text.ends_with(']')
}

/// The plan name of an item that shares Azure's `name` with another one, told apart by `place`:
/// its resource group, subscription, template or document.
pub(crate) fn told_apart(name: &str, place: &str) -> String {
    format!("{name} ({place})")
}

/// The place that tells apart namesakes of one resource group in two subscriptions, for
/// [`told_apart`]: `ml-rg, 0000…`.
pub(crate) fn group_in_subscription(group: &str, subscription: &str) -> String {
    format!("{group}, {subscription}")
}

/// Whether a plan VNet's tag names a subscription as [`group_in_subscription`] writes it: the
/// import read namesakes that Azure holds apart in two subscriptions, which the plan cannot.
pub(crate) fn tag_names_subscription(name: &str) -> bool {
    name.get(vnet_azure_name(name).len()..).is_some_and(|tag| tag.contains(','))
}

/// The plan name of the subnet that holds prefix number `position` (counted from 1) of the
/// Azure subnet `name`, when that subnet has more than one.
pub(crate) fn further_prefix_subnet(name: &str, position: usize) -> String {
    format!("{name} [prefix {position}]")
}

/// The name Azure knows a plan VNet by: its plan name up to the first tag. The tag is the rest
/// from the first ` (` on, since an Azure name holds neither spaces nor parentheses while a tag,
/// a resource group's name for one, may hold parentheses. An unresolved expression keeps its
/// brackets whole, and its tags start after them.
pub(crate) fn vnet_azure_name(name: &str) -> &str {
    if !name.ends_with(')') {
        return name;
    }
    let tags_from = if name.starts_with('[') {
        match name.find("] (") {
            Some(end) => end + 1,
            None => return name,
        }
    } else {
        0
    };
    let base = name.get(tags_from..).and_then(|rest| rest.find(" (")).map(|start| tags_from + start);
    base.and_then(|end| name.get(..end)).unwrap_or(name)
}

/// The name Azure knows a plan subnet by: without the ` [prefix N]` of a further prefix.
pub(crate) fn subnet_azure_name(name: &str) -> &str {
    name.strip_suffix(']')
        .and_then(|rest| rest.rsplit_once(" [prefix "))
        .filter(|(_, number)| !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
        .map_or(name, |(base, _)| base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vnet_tag_is_cut_at_its_first_opening() {
        assert_eq!(vnet_azure_name("ml-vnet"), "ml-vnet");
        assert_eq!(vnet_azure_name("ml-vnet (rg-b)"), "ml-vnet");
        assert_eq!(vnet_azure_name("ml-vnet (rg(prod))"), "ml-vnet");
        assert_eq!(vnet_azure_name("ml-vnet (rg-b, 0000-sub)"), "ml-vnet");
        assert_eq!(vnet_azure_name("ml-vnet (document 2) (template)"), "ml-vnet");
        assert_eq!(vnet_azure_name("my vnet (x)"), "my vnet");
        assert_eq!(vnet_azure_name("ml-vnet (open"), "ml-vnet (open");
    }

    #[test]
    fn a_subscription_tag_is_told_from_a_group_tag() {
        let tagged = told_apart("ml-vnet", &group_in_subscription("rg(a)", "0000-sub"));
        assert!(tag_names_subscription(&tagged));
        assert!(!tag_names_subscription("ml-vnet (rg-b)"));
        assert!(!tag_names_subscription("ml-vnet"));
    }

    #[test]
    fn an_expression_keeps_its_brackets_whole() {
        assert_eq!(vnet_azure_name("[parameters('vnetName')]"), "[parameters('vnetName')]");
        assert_eq!(vnet_azure_name("[parameters('vnetName')] (document 2)"), "[parameters('vnetName')]");
        assert_eq!(
            vnet_azure_name("[concat('a (b)', 'c')] (document 2) (template)"),
            "[concat('a (b)', 'c')]"
        );
        assert!(is_expression(vnet_azure_name("[variables('v')] (template)")));
        assert!(!is_expression("[[literal]"));
    }

    #[test]
    fn each_tag_reads_back_to_the_name_it_was_written_for() {
        for (name, place) in [("ml-vnet", "rg(prod)"), ("[parameters('n')]", "document 3"), ("v", "template")]
        {
            assert_eq!(vnet_azure_name(&told_apart(name, place)), name);
        }
        assert_eq!(subnet_azure_name(&further_prefix_subnet("pe", 12)), "pe");
        assert_eq!(subnet_azure_name("pe [prefix ]"), "pe [prefix ]");
        assert_eq!(subnet_azure_name("pe [2]"), "pe [2]");
    }
}
