# A deliberately broken export: "agent_count" is misspelt, and the real SDK must reject it.
# Azure ML SDK v1 steps for plan 'Default AKS cluster created by Azure ML in an existing VNet', written by vnetplan.
# The shell prerequisites are here as comments: run them with the Azure CLI first.
# Values in <angle brackets> are not in the plan: replace them before running.
from azureml.core import Workspace

ws = Workspace.from_config()

# ==== Prerequisites ====

# ---- Admit clients outside the VNet to the scoring endpoint of 'ml-aks' ----
# Clients outside the VNet call this cluster's scoring endpoint, so the NSG on its subnet
# must let them in. The plan names neither that NSG nor the endpoint's address: the scoring
# URI of a deployed service shows the address.
# $ scoring_ip='<address of the scoring endpoint>'
# $ nsg_name='<NSG of subnet aks-subnet>'
# $ az network nsg rule create \
#     -g ml-rg \
#     --nsg-name "$nsg_name" \
#     -n allow-scoring-ml-aks \
#     --priority 100 \
#     --direction Inbound \
#     --access Allow \
#     --protocol Tcp \
#     --source-address-prefixes '*' \
#     --source-port-ranges '*' \
#     --destination-address-prefixes "$scoring_ip" \
#     --destination-port-ranges 80 443

# ==== AKS cluster 'ml-aks' ====

# ---- Create cluster 'ml-aks' with the Python SDK ----
from azureml.core.compute import AksCompute, ComputeTarget

# ws is the workspace, for instance Workspace.from_config().
# Pick a vm_size with 4 vCPUs, as the plan counts; the plan names no size.
config = AksCompute.provisioning_configuration(
    agent_cuont=3,
    cluster_purpose="FastProd",
)
# The v1 SDK takes all six VNet values or none of them.
config.vnet_resourcegroup_name = "ml-rg"
config.vnet_name = "mynetwork"
config.subnet_name = "aks-subnet"
config.service_cidr = "10.2.0.0/16"
config.dns_service_ip = "10.2.0.10"
config.docker_bridge_cidr = "172.17.0.1/16"

aks_target = ComputeTarget.create(workspace=ws, name="ml-aks", provisioning_configuration=config)
aks_target.wait_for_completion(show_output=True)

# ---- Grant cluster 'ml-aks' Network Contributor on its VNet's resource group ----
# The cluster's identity manages addresses in VNet mynetwork, so it needs Network Contributor on the
# resource group holding that VNet, ml-rg.
# The plan does not record the cluster's own resource group: the workspace's, ml-rg, is assumed.
# Azure ML creates this cluster and its identity with it: run this once creation is done.
# The plan records the role as granted already; running this again only confirms it.
# $ cluster_identity=$(az aks show -g ml-rg -n ml-aks --query identity.principalId -o tsv)
# $ vnet_group_id=$(az group show -n ml-rg --query id -o tsv)
# $ az role assignment create \
#     --assignee "$cluster_identity" \
#     --role 'Network Contributor' \
#     --scope "$vnet_group_id"
