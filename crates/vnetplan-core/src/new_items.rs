//! New items for an editor's "add" buttons. Each starts with a unique name and, where it holds
//! a range, a block that nothing else in the plan uses, so adding an item never adds a conflict.

use serde_json::{json, Value};

use crate::context::Context;
use crate::net::{Range, AKS_RESERVED, PRIVATE_SPACE, VNET_FORBIDDEN};
use crate::plan::ACI_DELEGATION;
use crate::range_fixes::{dns_ip_for, free_block};
use crate::Plan;

/// `stem-1`, `stem-2`, … : the first that no name in `taken` already is.
pub fn unique_name<'a>(stem: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|candidate| !taken.clone().any(|name| name == candidate))
        .unwrap_or_else(|| stem.to_owned())
}

fn free_private_block(context: &Context<'_>, len: u8, near: Range) -> Option<String> {
    let mut taken = context.occupied_ranges(None);
    taken.extend(AKS_RESERVED);
    taken.extend(VNET_FORBIDDEN);
    free_block(len, near.first, &PRIVATE_SPACE, &taken).map(|net| net.to_string())
}

pub fn new_vnet(plan: &Plan) -> Value {
    let context = Context::new(plan);
    json!({
        "name": unique_name("vnet", plan.vnets.iter().map(|v| v.name.as_str())),
        "resourceGroup": plan.workspace.resource_group,
        "addressPrefixes": [free_private_block(&context, 16, PRIVATE_SPACE[0]).unwrap_or_default()],
        "subnets": [],
    })
}

/// A /24 inside VNet `vnet` that none of its subnets uses; an empty prefix when the VNet is full
/// or its prefixes do not parse, which the checks then point at.
pub fn new_subnet(plan: &Plan, vnet: usize) -> Value {
    let context = Context::new(plan);
    let prefix = context
        .vnets
        .get(vnet)
        .and_then(|facts| {
            let pools: Vec<Range> = facts.prefixes.iter().flatten().map(|net| Range::of(*net)).collect();
            let taken: Vec<Range> = facts.subnet_index.entries().iter().map(|(range, _)| *range).collect();
            let near = pools.first().map_or(0, |pool| pool.first);
            free_block(24, near, &pools, &taken)
        })
        .map(|net| net.to_string())
        .unwrap_or_default();
    new_subnet_at(plan, vnet, &prefix)
}

/// A subnet of VNet `vnet` at `prefix`, e.g. the block picked in a free block of the map.
pub fn new_subnet_at(plan: &Plan, vnet: usize, prefix: &str) -> Value {
    let names =
        plan.vnets.get(vnet).into_iter().flat_map(|spec| spec.subnets.iter().map(|s| s.name.as_str()));
    json!({ "name": unique_name("subnet", names), "addressPrefix": prefix, "delegations": [] })
}

pub fn new_external_range(plan: &Plan) -> Value {
    let context = Context::new(plan);
    json!({
        "name": unique_name("range", plan.external_ranges.iter().map(|r| r.name.as_str())),
        "addressPrefix": free_private_block(&context, 24, PRIVATE_SPACE[2]).unwrap_or_default(),
        "kind": "onPremises",
    })
}

/// An Azure CNI cluster in the first VNet's first subnet that no service delegates, with a
/// free /16 service range and its `.10` DNS IP.
pub fn new_cluster(plan: &Plan) -> Value {
    let context = Context::new(plan);
    let vnet = plan.vnets.first();
    let subnet = vnet
        .and_then(|v| v.subnets.iter().find(|s| s.delegations.is_empty()))
        .map_or("", |s| s.name.as_str());
    let service = free_private_block(&context, 16, PRIVATE_SPACE[0]);
    let dns = service
        .as_deref()
        .and_then(|text| crate::net::parse_cidr(text).ok())
        .and_then(dns_ip_for)
        .map(|ip| ip.to_string());
    json!({
        "name": unique_name("aks", plan.aks_clusters.iter().map(|c| c.name.as_str())),
        "provisioning": "create",
        "vnet": vnet.map_or("", |v| v.name.as_str()),
        "subnet": subnet,
        "serviceCidr": service.unwrap_or_default(),
        "dnsServiceIP": dns.unwrap_or_default(),
        "dockerBridgeCidr": "172.17.0.1/16",
        "nodeCount": 3,
    })
}

/// An ACI deployment in the first subnet delegated to container groups, if there is one.
pub fn new_aci_deployment(plan: &Plan) -> Value {
    let placement = plan.vnets.iter().find_map(|vnet| {
        vnet.subnets
            .iter()
            .find(|s| s.delegations.iter().any(|d| d == ACI_DELEGATION))
            .map(|s| (vnet.name.as_str(), s.name.as_str()))
    });
    let (vnet, subnet) =
        placement.unwrap_or_else(|| (plan.vnets.first().map_or("", |v| v.name.as_str()), ""));
    json!({
        "name": unique_name("aci", plan.aci_deployments.iter().map(|d| d.name.as_str())),
        "vnet": vnet,
        "subnet": subnet,
        "dnsNameLabel": null,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::RuleId;
    use crate::fix::set_pointer;
    use crate::testing::plan_with;
    use crate::{check, plan_from_value, Severity};

    fn with_added(list: &str, item: Value) -> Plan {
        // Serialised plans hold every list, as the page's documents do.
        let mut value = serde_json::to_value(plan_with(&[])).expect("plans serialise");
        set_pointer(&mut value, &format!("{list}/-"), item).expect("the list exists or is created");
        plan_from_value(&value).expect("added items are valid documents")
    }

    fn serious(plan: &Plan) -> Vec<String> {
        check(plan)
            .findings
            .into_iter()
            .filter(|f| f.severity != Severity::Info && !RuleId::RETIREMENT_NOTICES.contains(&f.rule))
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn names_are_unique() {
        assert_eq!(unique_name("aks", ["aks-1", "aks-3"].into_iter()), "aks-2");
        assert_eq!(unique_name("vnet", std::iter::empty()), "vnet-1");
    }

    #[test]
    fn added_ranges_collide_with_nothing() {
        let plan = plan_with(&[]);
        assert!(serious(&with_added("/vnets", new_vnet(&plan))).is_empty());
        assert!(serious(&with_added("/vnets/0/subnets", new_subnet(&plan, 0))).is_empty());
        assert!(serious(&with_added("/externalRanges", new_external_range(&plan))).is_empty());
        let subnet = new_subnet(&plan, 0);
        assert_eq!(subnet["addressPrefix"], "10.1.4.0/24");
    }

    #[test]
    fn a_new_cluster_gets_a_free_service_range_and_its_dns_ip() {
        let plan = plan_with(&[]);
        let cluster = new_cluster(&plan);
        assert_eq!(cluster["serviceCidr"], "10.0.0.0/16");
        assert_eq!(cluster["dnsServiceIP"], "10.0.0.10");
        assert_eq!((cluster["vnet"].as_str(), cluster["subnet"].as_str()), (Some("ml-vnet"), Some("aks")));
        let added = with_added("/aksClusters", cluster);
        assert!(
            check(&added).findings.iter().all(|f| f.severity != Severity::Error),
            "no error comes with it"
        );
    }

    #[test]
    fn a_subnet_added_in_a_free_block_of_the_map_brings_no_finding() {
        let plan = plan_with(&[]);
        let map = crate::layout::layout(&plan, &check(&plan), crate::layout::DEFAULT_WIDTH, crate::Lang::En);
        let free = map.free.first().expect("the VNet has free space");
        for len in [free.sizes().start().to_owned(), 24, crate::layout::SMALLEST_SUBNET] {
            let block = free.block_of(len).expect("a block of each offered size").to_string();
            let added = with_added("/vnets/0/subnets", new_subnet_at(&plan, 0, &block));
            assert_eq!(serious(&added), Vec::<String>::new(), "{block}");
            assert_eq!(added.vnets[0].subnets[1].name, "subnet-1");
        }
    }

    #[test]
    fn a_new_aci_deployment_finds_the_delegated_subnet() {
        let plan = plan_with(&crate::testing::aci());
        let deployment = new_aci_deployment(&plan);
        assert_eq!(deployment["subnet"], "aci");
    }
}
