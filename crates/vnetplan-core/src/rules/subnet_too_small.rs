use crate::catalog::{Example, RuleDoc};
use crate::context::{pointer, Context};
use crate::finding::RuleFindings;

pub(crate) const DOC: RuleDoc = RuleDoc {
    what: english!("Every subnet must be at least a /29: a prefix length of 30, 31 or 32 is too long."),
    why: english!("Azure keeps five addresses of every subnet for itself (the first four and the last \
          one), and a /29 is the smallest subnet it lets you create. A /30 would leave no \
          address for anything, so Azure refuses it outright."),
    example: Example::Fragment("{ \"name\": \"tiny\", \"addressPrefix\": \"10.1.8.0/30\" }"),
    fix: english!("Give the subnet a prefix length of 29 or less, sized for what it will hold; an AKS \
          node subnet or an ACI subnet needs far more than a /29."),
    sources: &[],
};

pub(crate) fn check(context: &Context<'_>, out: &mut RuleFindings<'_>) {
    for (v, facts) in context.vnets.iter().enumerate() {
        for (s, net) in facts.subnets.iter().enumerate() {
            let Some(net) = net else { continue };
            if net.prefix_len() <= 29 {
                continue;
            }
            out.report(format!(
                    "subnet '{}' ({net}) of VNet '{}' is a /{}, smaller than the /29 Azure requires",
                    context.subnet_name(v, s),
                    context.vnet_name(v),
                    net.prefix_len()
                ),
                vec![pointer::subnet_prefix(v, s)],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::catalog::RuleId::SubnetTooSmall;
    use crate::testing::{assert_fires, assert_quiet};

    #[test]
    fn fires_on_prefixes_longer_than_29() {
        for len in [30, 31, 32] {
            let subnet = json!({"name": "tiny", "addressPrefix": format!("10.1.8.0/{len}")});
            let found = assert_fires(SubnetTooSmall, &[("/vnets/0/subnets/-", subnet)]);
            let subjects: Vec<&[String]> = found.iter().map(|f| f.subjects.as_slice()).collect();
            assert_eq!(subjects, [["/vnets/0/subnets/1/addressPrefix"]]);
        }
        let found = assert_fires(
            SubnetTooSmall,
            &[("/vnets/0/subnets/-", json!({"name": "tiny", "addressPrefix": "10.1.8.0/30"}))],
        );
        assert_eq!(
            found.first().map(|f| f.message.as_str()),
            Some(
                "subnet 'tiny' (10.1.8.0/30) of VNet 'ml-vnet' is a /30, smaller than the /29 Azure requires"
            )
        );
    }

    #[test]
    fn quiet_at_29_and_larger() {
        assert_quiet(SubnetTooSmall, &[]);
        assert_quiet(
            SubnetTooSmall,
            &[("/vnets/0/subnets/-", json!({"name": "small", "addressPrefix": "10.1.8.0/29"}))],
        );
    }
}
