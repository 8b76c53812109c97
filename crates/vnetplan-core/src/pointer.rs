//! JSON pointers (RFC 6901) into the plan, one function per kind of place, so every rule, fix
//! and export names a field the same way.

/// The plan's region, which every resource without a region of its own shares.
pub fn region() -> String {
    "/region".to_owned()
}

pub fn workspace(field: &str) -> String {
    format!("/workspace/{field}")
}

pub fn private_endpoint(field: &str) -> String {
    format!("/workspace/privateEndpoint/{field}")
}

pub fn egress(field: &str) -> String {
    format!("/egress/{field}")
}

pub fn permissions(field: &str) -> String {
    format!("/permissions/{field}")
}

pub fn vnet(vnet: usize, field: &str) -> String {
    format!("/vnets/{vnet}/{field}")
}

pub fn vnet_prefix(vnet: usize, prefix: usize) -> String {
    format!("/vnets/{vnet}/addressPrefixes/{prefix}")
}

pub fn subnet(vnet: usize, subnet: usize, field: &str) -> String {
    format!("/vnets/{vnet}/subnets/{subnet}/{field}")
}

pub fn subnet_prefix(vnet: usize, index: usize) -> String {
    subnet(vnet, index, "addressPrefix")
}

pub fn subnet_delegations(vnet: usize, index: usize) -> String {
    subnet(vnet, index, "delegations")
}

/// One delegation of a subnet, by its position in the list.
pub fn subnet_delegation(vnet: usize, index: usize, delegation: usize) -> String {
    subnet(vnet, index, &format!("delegations/{delegation}"))
}

pub fn external(index: usize) -> String {
    format!("/externalRanges/{index}/addressPrefix")
}

pub fn cluster(cluster: usize, field: &str) -> String {
    format!("/aksClusters/{cluster}/{field}")
}

pub fn aci(deployment: usize, field: &str) -> String {
    format!("/aciDeployments/{deployment}/{field}")
}

/// A whole ACI deployment, for findings about the deployment rather than one of its fields.
pub fn aci_deployment(deployment: usize) -> String {
    format!("/aciDeployments/{deployment}")
}
