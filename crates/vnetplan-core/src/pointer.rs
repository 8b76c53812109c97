//! JSON pointers (RFC 6901) into the plan, one function per kind of place, so every rule, fix
//! and export names a field the same way.

use std::cmp::Ordering;

use crate::net::push_decimal;

/// Pointer order with array indices compared as numbers, so `/vnets/10` follows `/vnets/2`.
pub(crate) fn compare(left: &str, right: &str) -> Ordering {
    let mut a = left.split('/');
    let mut b = right.split('/');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// The plan's region, which every resource without a region of its own shares.
pub(crate) fn region() -> String {
    "/region".to_owned()
}

pub(crate) fn workspace(field: &str) -> String {
    format!("/workspace/{field}")
}

pub(crate) fn private_endpoint(field: &str) -> String {
    format!("/workspace/privateEndpoint/{field}")
}

pub(crate) fn egress(field: &str) -> String {
    format!("/egress/{field}")
}

pub(crate) fn permissions(field: &str) -> String {
    format!("/permissions/{field}")
}

pub(crate) fn vnet(vnet: usize, field: &str) -> String {
    format!("/vnets/{vnet}/{field}")
}

pub(crate) fn vnet_prefix(vnet: usize, prefix: usize) -> String {
    format!("/vnets/{vnet}/addressPrefixes/{prefix}")
}

pub(crate) fn peering(vnet: usize, peering: usize) -> String {
    format!("/vnets/{vnet}/peerings/{peering}")
}

pub(crate) fn subnet(vnet: usize, subnet: usize, field: &str) -> String {
    // One finding can name thousands of subnets: pieced together, a pointer costs a fraction of
    // what the formatting machinery takes.
    let mut pointer = String::with_capacity(24 + field.len());
    pointer.push_str("/vnets/");
    push_decimal(&mut pointer, vnet);
    pointer.push_str("/subnets/");
    push_decimal(&mut pointer, subnet);
    pointer.push('/');
    pointer.push_str(field);
    pointer
}

pub(crate) fn subnet_prefix(vnet: usize, index: usize) -> String {
    subnet(vnet, index, "addressPrefix")
}

pub(crate) fn subnet_delegations(vnet: usize, index: usize) -> String {
    subnet(vnet, index, "delegations")
}

/// One delegation of a subnet, by its position in the list.
pub(crate) fn subnet_delegation(vnet: usize, index: usize, delegation: usize) -> String {
    subnet(vnet, index, &format!("delegations/{delegation}"))
}

pub(crate) fn external(index: usize) -> String {
    format!("/externalRanges/{index}/addressPrefix")
}

pub(crate) fn cluster(cluster: usize, field: &str) -> String {
    format!("/aksClusters/{cluster}/{field}")
}

pub(crate) fn cluster_authorized_range(cluster: usize, index: usize) -> String {
    format!("/aksClusters/{cluster}/apiServerAuthorizedIpRanges/{index}")
}

pub(crate) fn aci(deployment: usize, field: &str) -> String {
    format!("/aciDeployments/{deployment}/{field}")
}

/// A whole ACI deployment, for findings about the deployment rather than one of its fields.
pub(crate) fn aci_deployment(deployment: usize) -> String {
    format!("/aciDeployments/{deployment}")
}

/// A field of an online endpoint.
pub(crate) fn online_endpoint(endpoint: usize, field: &str) -> String {
    format!("/onlineEndpoints/{endpoint}/{field}")
}

/// A field of the workspace's managed network.
pub(crate) fn managed_network(field: &str) -> String {
    format!("/workspace/managedNetwork/{field}")
}

/// A field of a user-defined outbound rule of the managed network.
pub(crate) fn outbound_rule(rule: usize, field: &str) -> String {
    format!("/workspace/managedNetwork/outboundRules/{rule}/{field}")
}

/// A whole AKS cluster, for findings about the cluster rather than one of its fields.
pub(crate) fn cluster_whole(cluster: usize) -> String {
    format!("/aksClusters/{cluster}")
}

/// A whole online endpoint, for findings about the endpoint rather than one of its fields.
pub(crate) fn online_endpoint_whole(endpoint: usize) -> String {
    format!("/onlineEndpoints/{endpoint}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn subnet_pointers_write_every_digit_of_their_indices() {
        assert_eq!(super::subnet(0, 0, "name"), "/vnets/0/subnets/0/name");
        assert_eq!(super::subnet(10, 4_009, "addressPrefix"), "/vnets/10/subnets/4009/addressPrefix");
        assert_eq!(super::subnet_prefix(7, 100), "/vnets/7/subnets/100/addressPrefix");
    }
}
