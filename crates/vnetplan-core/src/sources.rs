//! The dated sources that several rules rest on, written once: a rule names the ones it uses in
//! its `DOC`, and its own sources stay in its file.

use crate::catalog::Source;

pub(crate) const AKS_CHANGELOG: Source = Source {
    title: "AKS release notes (CHANGELOG)",
    location: "Azure/AKS:CHANGELOG.md@8d1c890",
    date: "2026-08-07",
};

/// The settings a v1 creation takes: no API server, surge or pods-per-node setting among them.
pub(crate) const AKS_PROVISIONING_CONFIGURATION: Source = Source {
    title:
        "azureml-core 1.61.0.post4: AksCompute.provisioning_configuration (the settings a v1 creation takes)",
    location: "azureml-core 1.61.0.post4 (PyPI wheel):azureml/core/compute/aks.py",
    date: "1.61.0.post4",
};

pub(crate) const AKS_NETWORKING_CONFIGURATION: Source = Source {
    title: "azureml-core 1.61.0.post4: AksNetworkingConfiguration validation patterns",
    location:
        "azureml-core 1.61.0.post4 (PyPI wheel):azureml/_restclient/models/aks_networking_configuration.py",
    date: "1.61.0.post4",
};

pub(crate) const AZURE_CNI_OVERLAY: Source = Source {
    title: "Configure Azure CNI Overlay networking in Azure Kubernetes Service (AKS)",
    location: "https://learn.microsoft.com/azure/aks/azure-cni-overlay",
    date: "2026-07-31",
};

pub(crate) const CHANGELOG: Source = Source {
    title: "AKS release notes: Release 2023-05-07 (docker bridge CIDR removed from API 2023-04-01)",
    location: "https://github.com/Azure/AKS/blob/master/CHANGELOG.md",
    date: "2023-05-07",
};

pub(crate) const CONCEPTS_NETWORK_AZURE_CNI_OVERLAY: Source = Source { title: "Azure Container Networking Interface (CNI) Overlay networking in Azure Kubernetes Service (AKS) overview", location: "https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay", date: "2026-07-31" };

pub(crate) const CONCEPTS_NETWORK_AZURE_CNI_POD_SUBNET: Source = Source {
    title: "Azure Container Networking Interface (CNI) Pod Subnet",
    location: "https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet",
    date: "2026-09-10",
};

pub(crate) const CONCEPTS_NETWORK_CNI_OVERVIEW: Source = Source {
    title: "Azure Kubernetes Service (AKS) CNI networking overview",
    location: "https://learn.microsoft.com/azure/aks/concepts-network-cni-overview",
    date: "2026-07-10",
};

pub(crate) const CONCEPTS_NETWORK_IP_ADDRESS_PLANNING: Source = Source {
    title: "IP address planning for your Azure Kubernetes Service (AKS) clusters",
    location: "https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning",
    date: "2026-04-16",
};

pub(crate) const CONCEPTS_NETWORK_LEGACY_CNI: Source = Source {
    title: "AKS Legacy Container Networking Interfaces (CNI)",
    location: "https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni",
    date: "2026-08-21",
};

pub(crate) const CONFIGURE_AZURE_CNI: Source = Source { title: "Configure Azure CNI networking in Azure Kubernetes Service (AKS)", location: "MicrosoftDocs/azure-aks-docs:articles/aks/configure-azure-cni.md@2a148ac04afe68d57cce4ae69b20cbce06fb9a08", date: "2019-07-09" };

pub(crate) const CONFIGURE_KUBENET_2023_08_16: Source = Source { title: "Configure kubenet networking in Azure Kubernetes Service (AKS)", location: "MicrosoftDocs/azure-aks-docs:articles/aks/configure-kubenet.md@fed5d7731f185fc3bfd9e2a9206726008143dd85", date: "2023-08-16" };

pub(crate) const CONFIGURE_KUBENET_2026_04_16: Source = Source {
    title: "Configure kubenet networking in Azure Kubernetes Service (AKS)",
    location: "https://learn.microsoft.com/azure/aks/configure-kubenet",
    date: "2026-04-16",
};

pub(crate) const CONFIGURE_KUBENET_2026_08_21: Source = Source {
    title: "Use kubenet networking with your own IP address ranges in Azure Kubernetes Service (AKS)",
    location: "https://learn.microsoft.com/azure/aks/configure-kubenet",
    date: "2026-08-21",
};

pub(crate) const CONTAINER_INSTANCES_VIRTUAL_NETWORK_CONCEPTS: Source = Source { title: "Virtual network scenarios and resources (Azure Container Instances)", location: "MicrosoftDocs/azure-compute-docs:articles/container-instances/container-instances-virtual-network-concepts.md@0068a3aa", date: "2026-07-25" };

pub(crate) const CONTAINER_INSTANCES_VNET: Source = Source {
    title: "Deploy container instances into an Azure virtual network",
    location:
        "MicrosoftDocs/azure-compute-docs:articles/container-instances/container-instances-vnet.md@883ff7bb",
    date: "883ff7bb",
};

pub(crate) const ERRORS: Source = Source { title: "acs-engine agentPoolOnly API validation errors (v20180331)", location: "Azure/acs-engine:pkg/api/agentPoolOnlyApi/v20180331/errors.go@36d434b2a7102ab8f4219f095787c7ab31b5ddd6", date: "2019-03-08" };

pub(crate) const ERROR_CODE_SERVICECIDROVERLAPEXISTINGSUBNETSCIDR: Source = Source { title: "Troubleshoot the ServiceCidrOverlapExistingSubnetsCidr error code", location: "MicrosoftDocs/SupportArticles-docs:support/azure/azure-kubernetes/create-upgrade-delete/error-code-servicecidroverlapexistingsubnetscidr.md@666275301e4c72f163833c01e06ea549b2d24367", date: "2023-11-15" };

pub(crate) const HOW_TO_ACCESS_AZUREML_BEHIND_FIREWALL: Source = Source {
    title: "Configure inbound and outbound network traffic (Azure Machine Learning)",
    location: "https://learn.microsoft.com/azure/machine-learning/how-to-access-azureml-behind-firewall",
    date: "2026-03-19",
};

pub(crate) const HOW_TO_CUSTOM_DNS_2026_03_26: Source = Source {
    title: "Use your workspace with a custom DNS server (Azure Machine Learning)",
    location: "MicrosoftDocs/azure-ai-docs:articles/machine-learning/how-to-custom-dns.md@10fd319",
    date: "2026-03-26",
};

pub(crate) const HOW_TO_CONFIGURE_PRIVATE_LINK: Source = Source {
    title: "Configure a private endpoint for an Azure Machine Learning workspace",
    location: "https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link",
    date: "2024-09-05",
};

pub(crate) const HOW_TO_CREATE_ATTACH_KUBERNETES_2022_04_21: Source = Source {
    title: "Create and attach an Azure Kubernetes Service cluster (v1)",
    location: "https://learn.microsoft.com/azure/machine-learning/v1/how-to-create-attach-kubernetes",
    date: "2022-04-21",
};

pub(crate) const HOW_TO_SECURE_INFERENCING_VNET_2024_01_31: Source = Source {
    title: "Secure an Azure Machine Learning inferencing environment with virtual networks (v1)",
    location:
        "MicrosoftDocs/azure-ai-docs:articles/machine-learning/v1/how-to-secure-inferencing-vnet.md@0eea71ca",
    date: "2024-01-31",
};

pub(crate) const HOW_TO_SECURE_INFERENCING_VNET_2020_10_23: Source = Source {
    title: "Secure an Azure Machine Learning inferencing environment with virtual networks",
    location: "MicrosoftDocs/azure-docs:articles/machine-learning/how-to-secure-inferencing-vnet.md",
    date: "2020-10-23",
};

pub(crate) const HOW_TO_SECURE_KUBERNETES_INFERENCING_ENVIRONMENT: Source = Source {
    title: "Secure Azure Kubernetes Service inferencing environment",
    location:
        "https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-inferencing-environment",
    date: "2026-03-30",
};

pub(crate) const NETWORK_RBAC: Source = Source { title: "Azure Machine Learning include network-rbac.md: permissions to deploy into a virtual network or subnet", location: "MicrosoftDocs/azure-ai-docs:articles/machine-learning/includes/network-rbac.md@b5ff1690", date: "b5ff1690" };

pub(crate) const VIRTUAL_NETWORKS_FAQ_2019_02_12: Source = Source {
    title: "Azure Virtual Network FAQ",
    location: "MicrosoftDocs/azure-docs:articles/virtual-network/virtual-networks-faq.md@004ec532",
    date: "2019-02-12",
};

pub(crate) const ATTACH_COMPUTE_ON_AKS_V1_CLUSTER_2024_04_30: Source = Source {
    title: "AML-Kubernetes: attach compute on an AKS cluster used by Azure ML v1",
    location: "Azure/AML-Kubernetes:docs/attach-compute-on-aks-v1-cluster.md",
    date: "2024-04-30",
};

pub(crate) const AZUREML_AKS_TA_SUPPORT_2024_07_05: Source = Source {
    title: "Azure ML extension on AKS with Trusted Access",
    location: "Azure/AML-Kubernetes:docs/azureml-aks-ta-support.md",
    date: "2024-07-05",
};

pub(crate) const HOW_TO_DEPLOY_KUBERNETES_EXTENSION_2026_01_28: Source = Source {
    title: "Deploy Azure Machine Learning extension on AKS or Arc Kubernetes cluster",
    location: "https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension",
    date: "2026-01-28",
};

pub(crate) const HOW_TO_ATTACH_KUBERNETES_ANYWHERE_2026_01_27: Source = Source {
    title: "Introduction to Kubernetes compute target in Azure Machine Learning",
    location: "https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-anywhere",
    date: "2026-01-27",
};

pub(crate) const CONCEPT_SECURE_ONLINE_ENDPOINT_2024_02_29: Source = Source {
    title: "Network isolation with managed online endpoints",
    location: "https://learn.microsoft.com/azure/machine-learning/concept-secure-online-endpoint",
    date: "2024-02-29",
};

pub(crate) const REFERENCE_KUBERNETES_2022_06_06: Source = Source {
    title: "Reference for configuring Kubernetes cluster for Azure Machine Learning",
    location: "https://learn.microsoft.com/azure/machine-learning/reference-kubernetes",
    date: "2022-06-06",
};

pub(crate) const HOW_TO_TROUBLESHOOT_KUBERNETES_EXTENSION_2025_03_05: Source = Source {
    title: "Troubleshoot Azure Machine Learning extension",
    location: "https://learn.microsoft.com/azure/machine-learning/how-to-troubleshoot-kubernetes-extension",
    date: "2025-03-05",
};

pub(crate) const INTERNAL_LB_2026_07_31: Source = Source {
    title: "Use an internal load balancer with Azure Kubernetes Service (AKS)",
    location: "https://learn.microsoft.com/azure/aks/internal-lb",
    date: "2026-07-31",
};

pub(crate) const HOW_TO_MANAGED_NETWORK_2025_05_23: Source = Source {
    title: "Workspace managed virtual network isolation",
    location: "https://learn.microsoft.com/azure/machine-learning/how-to-managed-network",
    date: "2025-05-23",
};

pub(crate) const HOW_TO_TROUBLESHOOT_KUBERNETES_COMPUTE_2025_03_11: Source = Source {
    title: "Troubleshoot Kubernetes compute",
    location: "https://learn.microsoft.com/azure/machine-learning/how-to-troubleshoot-kubernetes-compute",
    date: "2025-03-11",
};

pub(crate) const SUBNET_DELEGATION_OVERVIEW: Source = Source {
    title: "What is subnet delegation in Azure virtual network?",
    location: "MicrosoftDocs/azure-docs:articles/virtual-network/subnet-delegation-overview.md@223ece96",
    date: "223ece96",
};
