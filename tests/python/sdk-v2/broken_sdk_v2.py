# A deliberately broken export: "destination" is misspelt, and the real SDK must reject it.
# Azure ML SDK v2 (azure-ai-ml) steps for plan 'Kubernetes compute and a managed online endpoint behind a managed network', written by vnetplan.
# The shell steps are here as comments: run them with the Azure CLI first.
# Values in <angle brackets> are not in the plan: replace them before running.
from azure.ai.ml import MLClient
from azure.identity import DefaultAzureCredential

ml_client = MLClient(
    DefaultAzureCredential(),
    subscription_id="<subscription ID>",
    resource_group_name="ml-rg",
    workspace_name="<workspace name>",
)

# ==== AKS cluster 'k8s-inf' ====

# ---- Create AKS cluster 'k8s-inf' with the Azure CLI ----
# The plan's check finds problems here; resolve them first: k8s-local-accounts-disabled, managed-network-with-kubernetes-compute.
# Azure ML v2 does not create AKS clusters: create this one here, or skip this step if it exists.
# az aks create takes no surge setting: the node pool update after it sets the plan's.
# The plan does not record the cluster's resource group: the workspace's, ml-rg, is assumed.
# $ subnet_id=$(az network vnet subnet show -g net-rg --vnet-name aks-vnet -n aks --query id -o tsv)
# $ node_vm_size='<VM size of the nodes>'
# $ az aks create \
#     -g ml-rg \
#     -n k8s-inf \
#     -l eastus2 \
#     --dns-name-prefix k8s-inf \
#     --nodepool-name nodepool1 \
#     --node-count 3 \
#     --node-vm-size "$node_vm_size" \
#     --max-pods 250 \
#     --network-plugin azure \
#     --network-plugin-mode overlay \
#     --pod-cidr 192.168.0.0/16 \
#     --service-cidr 10.0.0.0/16 \
#     --dns-service-ip 10.0.0.10 \
#     --vnet-subnet-id "$subnet_id" \
#     --load-balancer-sku standard \
#     --enable-private-cluster \
#     --disable-public-fqdn \
#     --disable-local-accounts \
#     --enable-managed-identity
# $ az aks nodepool update -g ml-rg --cluster-name k8s-inf -n nodepool1 --max-surge 33%

# ---- Grant cluster 'k8s-inf' Network Contributor on its VNet's resource group ----
# The cluster's identity manages addresses in VNet aks-vnet, so it needs Network Contributor on the
# resource group holding that VNet, net-rg.
# The plan does not record the cluster's own resource group: the workspace's, ml-rg, is assumed.
# The plan records the role as granted already; running this again only confirms it.
# $ cluster_identity=$(az aks show -g ml-rg -n k8s-inf --query identity.principalId -o tsv)
# $ vnet_group_id=$(az group show -n net-rg --query id -o tsv)
# $ az role assignment create \
#     --assignee "$cluster_identity" \
#     --role 'Network Contributor' \
#     --scope "$vnet_group_id"

# ---- Install the Azure ML extension on cluster 'k8s-inf' ----
# The plan's check finds problems here; resolve them first: k8s-local-accounts-disabled, managed-network-with-kubernetes-compute.
# Online endpoints need the extension with inference enabled; the router settings come from the plan.
# $ az k8s-extension create \
#     --name azureml \
#     --extension-type Microsoft.AzureML.Kubernetes \
#     --cluster-type managedClusters \
#     --cluster-name k8s-inf \
#     -g ml-rg \
#     --scope cluster \
#     --config enableTraining=False enableInference=True inferenceRouterServiceType=LoadBalancer internalLoadBalancerProvider=azure allowInsecureConnections=False sslCname=score.contoso.com 'sslSecret=<secret in namespace azureml holding cert.pem and key.pem>' inferenceRouterHA=True

# ---- Attach cluster 'k8s-inf' as Kubernetes compute with the Python SDK v2 ----
# The plan's check finds problems here; resolve them first: k8s-local-accounts-disabled, managed-network-with-kubernetes-compute.
from azure.ai.ml.entities import IdentityConfiguration, KubernetesCompute

# ml_client is the workspace's MLClient, for instance the one at the top of the sdk-v2 export.
# The plan does not record the cluster's resource group: the workspace's, ml-rg, is assumed.
# The plan records no identity for the compute: a system-assigned one is used.
compute = KubernetesCompute(
    name="k8s-inf",
    resource_id="/subscriptions/" + ml_client.subscription_id + "/resourceGroups/ml-rg/providers/Microsoft.ContainerService/managedClusters/k8s-inf",
    namespace="inference",
    identity=IdentityConfiguration(type="system_assigned"),
)
ml_client.compute.begin_attach(compute).result()

# ==== Workspace managed network ====

# ---- Set the workspace's managed network with the Python SDK v2 ----
from azure.ai.ml.entities import FqdnDestination, ManagedNetwork, PrivateEndpointDestination, ServiceTagDestination, Workspace

# ml_client is the workspace's MLClient, for instance the one at the top of the sdk-v2 export.
workspace = Workspace(
    name=ml_client.workspace_name,
    managed_network=ManagedNetwork(
        isolation_mode="allow_only_approved_outbound",
        outbound_rules=[
            FqdnDestination(name="pypi", destinaton="pypi.org"),
            ServiceTagDestination(name="monitor", service_tag="AzureMonitor", protocol="<TCP, UDP, ICMP or *>", port_ranges="443,8000-8080"),
            PrivateEndpointDestination(name="data", service_resource_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/mldata", subresource_target="<sub-resource of the target, such as blob or vault>"),
        ],
    ),
    image_build_compute="cpu-cluster",
)
ml_client.workspaces.begin_update(workspace).result()

# ---- Provision the managed network with the Python SDK v2 ----
# ml_client is the workspace's MLClient, for instance the one at the top of the sdk-v2 export.
# Online deployments can only be created once the managed network is provisioned.
ml_client.workspaces.begin_provision_network(workspace_name=ml_client.workspace_name).result()

# ==== Online endpoint 'fraud-moe' ====

# ---- Create online endpoint 'fraud-moe' with the Python SDK v2 ----
from azure.ai.ml.entities import ManagedOnlineEndpoint

# ml_client is the workspace's MLClient, for instance the one at the top of the sdk-v2 export.
endpoint = ManagedOnlineEndpoint(
    name="fraud-moe",
    public_network_access="disabled",
)
ml_client.online_endpoints.begin_create_or_update(endpoint).result()

# ==== Online endpoint 'fraud-k8s' ====

# ---- Create online endpoint 'fraud-k8s' with the Python SDK v2 ----
from azure.ai.ml.entities import KubernetesOnlineEndpoint

# ml_client is the workspace's MLClient, for instance the one at the top of the sdk-v2 export.
endpoint = KubernetesOnlineEndpoint(
    name="fraud-k8s",
    compute="k8s-inf",
)
ml_client.online_endpoints.begin_create_or_update(endpoint).result()
