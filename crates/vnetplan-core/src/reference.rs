//! The reference plan that rule examples change: the guide's default setup, an Azure ML cluster
//! with Azure CNI in a VNet of its own, which checks with no error and no warning.

pub const REFERENCE_PLAN: &str = r#"{
  "schemaVersion": 1,
  "name": "reference",
  "region": "eastus2",
  "workspace": { "resourceGroup": "ml-rg" },
  "vnets": [{
    "name": "ml-vnet",
    "resourceGroup": "ml-rg",
    "addressPrefixes": ["10.1.0.0/16"],
    "subnets": [{ "name": "aks", "addressPrefix": "10.1.0.0/22" }]
  }],
  "aksClusters": [{
    "name": "ml-aks",
    "vnet": "ml-vnet",
    "subnet": "aks",
    "serviceCidr": "10.2.0.0/16",
    "dnsServiceIP": "10.2.0.10",
    "dockerBridgeCidr": "172.17.0.1/16",
    "nodeCount": 3,
    "networkContributorGranted": true
  }]
}"#;
