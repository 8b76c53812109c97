"""The exported `sdk` scripts run against the real azureml-core (Azure ML SDK v1).

The workspace is a real `Workspace` object whose authentication is a stub, and the SDK's calls to
the service are replaced at the operations layer (the private methods that send the PUT or POST
the SDK has built), so everything before them runs as in production: the configuration objects'
own validation, the keyword checks of each function, the payloads the SDK builds. Any request
that reaches the HTTP layer anyway fails the test, so nothing leaves the machine.
"""

import json
import pathlib
import subprocess
import tempfile
import unittest
from unittest import mock

import requests
from azureml.core import Workspace
from azureml.core.authentication import AbstractAuthentication
from azureml.core.compute import ComputeTarget
from azureml.core.model import InferenceConfig
from azureml.core.webservice import Webservice

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI = ROOT / "target" / "debug" / "vnetplan"
EXAMPLES = sorted((ROOT / "examples").glob("*.json")) + sorted((ROOT / "examples" / "v2").glob("*.json"))
BROKEN = pathlib.Path(__file__).with_name("broken_sdk.py")
SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"


def export(plan: pathlib.Path) -> str:
    return subprocess.run(
        [str(CLI), "export", "--format", "sdk", str(plan)], check=True, capture_output=True, text=True
    ).stdout


class StubAuthentication(AbstractAuthentication):
    """Authentication that never asks for a token: every call that would use one is recorded."""

    def __init__(self):
        super().__init__()

    def get_authentication_header(self):
        return {"Authorization": "Bearer recorded"}

    def _get_arm_token(self):
        return "recorded"

    def _get_graph_token(self):
        return "recorded"

    def _get_all_subscription_ids(self):
        return [SUBSCRIPTION], None


class Recorder:
    """What the SDK sent, and the computes it created or attached, to answer its later reads."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.calls = []
        self.computes = {}

    def put_compute(self, kind, name, payload, target_class):
        self.calls.append((kind, name, json.loads(json.dumps(payload))))
        self.computes[name] = payload
        target = target_class(self.workspace, name)
        target._operation_endpoint = "recorded"
        return target

    def create_compute(self, workspace, name, payload, target_class):
        kind = "update" if name in self.computes else "create"
        return self.put_compute(kind, name, payload, target_class)

    def attach_compute(self, workspace, name, payload, target_class):
        payload["location"] = workspace.location
        return self.put_compute("attach", name, payload, target_class)

    def get_compute(self, workspace, name):
        """The service's answer for a compute, in the shape the SDK validates."""
        sent = self.computes.get(name)
        if sent is None:
            return None
        properties = sent["properties"]
        aks = properties.get("properties") or {}
        return {
            "id": f"/subscriptions/{SUBSCRIPTION}/computes/{name}",
            "name": name,
            "location": sent.get("location", workspace.location),
            "tags": {},
            "properties": {
                "computeType": properties["computeType"],
                "description": None,
                "provisioningState": "Succeeded",
                "provisioningErrors": None,
                "resourceId": properties.get("resourceId"),
                "isAttachedCompute": properties.get("resourceId") is not None,
                "properties": {
                    "agentVmSize": aks.get("agentVmSize"),
                    "agentCount": aks.get("agentCount"),
                    "clusterPurpose": aks.get("clusterPurpose"),
                    "clusterFqdn": None,
                    "systemServices": None,
                    "loadBalancerType": aks.get("loadBalancerType"),
                    "loadBalancerSubnet": aks.get("loadBalancerSubnet"),
                },
            },
        }

    def deploy_webservice(self, workspace, name, payload, overwrite, webservice_class, show_output=False):
        self.calls.append(("deploy", name, json.loads(json.dumps(payload))))
        return mock.Mock(name=f"webservice {name}")

    def of(self, kind, name):
        return [payload for recorded, target, payload in self.calls if recorded == kind and target == name]


def no_network(*args, **kwargs):
    raise AssertionError(f"the SDK tried to reach the network: {args[1:2]}")


def run_script(code: str, plan: dict) -> Recorder:
    """Runs `code` as the user would, with the recorders in place; returns what was recorded."""
    workspace = Workspace(
        SUBSCRIPTION,
        plan["workspace"]["resourceGroup"],
        "recorded-workspace",
        auth=StubAuthentication(),
        _location=plan["region"],
        _disable_service_check=True,
    )
    recorder = Recorder(workspace)
    # Any existing file does as the entry script: nothing is uploaded.
    here = pathlib.Path(__file__)
    inference_config = InferenceConfig(entry_script=here.name, source_directory=str(here.parent))
    model = mock.Mock(id="model:1")
    model.name = "model"
    patches = [
        mock.patch.object(Workspace, "from_config", lambda *a, **k: workspace),
        mock.patch.object(ComputeTarget, "_create_compute_target", recorder.create_compute),
        mock.patch.object(ComputeTarget, "_attach", recorder.attach_compute),
        mock.patch.object(ComputeTarget, "_get", recorder.get_compute),
        mock.patch.object(ComputeTarget, "_wait_for_completion", lambda self, show: ("Succeeded", None)),
        mock.patch.object(
            InferenceConfig,
            "_build_environment_image_request",
            lambda self, ws, model_ids, *rest: {"modelIds": model_ids},
        ),
        mock.patch.object(Webservice, "_deploy_webservice", recorder.deploy_webservice),
        mock.patch.object(requests.Session, "send", no_network),
    ]
    for patch in patches:
        patch.start()
    try:
        exec(compile(code, "<exported sdk script>", "exec"), {"model": model, "inference_config": inference_config})
    finally:
        for patch in reversed(patches):
            patch.stop()
    return recorder


class ExportedSdkScripts(unittest.TestCase):
    def test_every_example_runs_and_sends_the_plans_values(self):
        self.assertTrue(EXAMPLES, "no example plans found")
        for path in EXAMPLES:
            with self.subTest(plan=str(path.relative_to(ROOT))):
                plan = json.loads(path.read_text())
                recorder = run_script(export(path), plan)
                self.check_clusters(plan, recorder)
                self.check_deployments(plan, recorder)

    def check_clusters(self, plan, recorder):
        vnet_groups = {vnet["name"]: vnet["resourceGroup"] for vnet in plan["vnets"]}
        for cluster in plan.get("aksClusters", []):
            name = cluster["name"]
            if cluster.get("azureMl", {}).get("api") == "v2":
                # The v1 SDK cannot attach Kubernetes compute: the sdk-v2 export does it.
                self.assertEqual(recorder.of("create", name) + recorder.of("attach", name), [])
                continue
            purpose = cluster.get("clusterPurpose", "FastProd")
            if cluster.get("provisioning", "create") == "create":
                [sent] = recorder.of("create", name)
                aks = sent["properties"]["properties"]
                self.assertEqual(sent["properties"]["computeType"], "AKS")
                self.assertEqual(aks["agentCount"], cluster["nodeCount"])
                self.assertEqual(aks["clusterPurpose"], purpose)
                network = aks["aksNetworkingConfiguration"]
                subnet_id = network["subnetId"]
                expected = (
                    f"/resourceGroups/{vnet_groups[cluster['vnet']]}/providers/Microsoft.Network"
                    f"/virtualNetworks/{cluster['vnet']}/subnets/{cluster['subnet']}"
                )
                self.assertTrue(subnet_id.endswith(expected), subnet_id)
                self.assertEqual(network["serviceCidr"], cluster["serviceCidr"])
                self.assertEqual(network["dnsServiceIP"], cluster["dnsServiceIP"])
                if "vmSize" in cluster:
                    self.assertEqual(aks["agentVmSize"], cluster["vmSize"])
                else:
                    self.assertNotIn("agentVmSize", aks)
                if "dockerBridgeCidr" in cluster:
                    self.assertEqual(network["dockerBridgeCidr"], cluster["dockerBridgeCidr"])
                if cluster.get("loadBalancerType") == "InternalLoadBalancer":
                    self.assertEqual(aks["loadBalancerType"], "InternalLoadBalancer")
                    self.assertEqual(aks["loadBalancerSubnet"], cluster.get("loadBalancerSubnet", cluster["subnet"]))
            else:
                [sent] = recorder.of("attach", name)
                # ARM IDs compare without regard to case; the SDK writes "resourcegroups".
                self.assertTrue(
                    sent["properties"]["resourceId"].lower().endswith(
                        f"/resourcegroups/{plan['workspace']['resourceGroup']}"
                        f"/providers/Microsoft.ContainerService/managedClusters/{name}".lower()
                    ),
                    sent["properties"]["resourceId"],
                )
                self.assertEqual(sent["properties"]["properties"]["clusterPurpose"], purpose)
                self.assertEqual(sent["location"], plan["region"])
                updates = recorder.of("update", name)
                if cluster.get("loadBalancerType") == "InternalLoadBalancer":
                    [update] = updates
                    aks = update["properties"]["properties"]
                    self.assertEqual(aks["loadBalancerType"], "InternalLoadBalancer")
                    self.assertEqual(aks["loadBalancerSubnet"], cluster.get("loadBalancerSubnet", cluster["subnet"]))
                else:
                    self.assertEqual(updates, [])

    def check_deployments(self, plan, recorder):
        for deployment in plan.get("aciDeployments", []):
            [sent] = recorder.of("deploy", deployment["name"])
            self.assertEqual(sent["computeType"], "ACI")
            self.assertEqual(sent["vnetConfiguration"]["vnetName"], deployment["vnet"])
            self.assertEqual(sent["vnetConfiguration"]["subnetName"], deployment["subnet"])
            if "dnsNameLabel" in deployment:
                self.assertEqual(sent["dnsNameLabel"], deployment["dnsNameLabel"])

    def test_a_planned_vm_size_reaches_the_sdk(self):
        # No example names a VM size, so one is given one here.
        plan = json.loads((ROOT / "examples" / "default-aks.json").read_text())
        plan["aksClusters"][0]["vmSize"] = "Standard_D4s_v5"
        with tempfile.TemporaryDirectory() as directory:
            path = pathlib.Path(directory) / "sized.json"
            path.write_text(json.dumps(plan))
            recorder = run_script(export(path), plan)
        self.check_clusters(plan, recorder)
        [sent] = recorder.of("create", "ml-aks")
        self.assertEqual(sent["properties"]["properties"]["agentVmSize"], "Standard_D4s_v5")

    def test_a_cluster_created_in_the_aks_managed_vnet_sends_no_vnet_settings(self):
        # Without a VNet name the SDK drops every VNet value, so the script writes none of them.
        plan = json.loads((ROOT / "examples" / "default-aks.json").read_text())
        for field in ("vnet", "subnet", "dockerBridgeCidr"):
            plan["aksClusters"][0].pop(field, None)
        with tempfile.TemporaryDirectory() as directory:
            path = pathlib.Path(directory) / "managed.json"
            path.write_text(json.dumps(plan))
            code = export(path)
            recorder = run_script(code, plan)
        self.assertNotIn("config.service_cidr", code)
        self.assertNotIn("config.vnet_name", code)
        [sent] = recorder.of("create", "ml-aks")
        aks = sent["properties"]["properties"]
        self.assertEqual(aks["agentCount"], plan["aksClusters"][0]["nodeCount"])
        self.assertNotIn("aksNetworkingConfiguration", aks)

    def test_a_misspelt_keyword_is_rejected_by_the_sdk(self):
        plan = json.loads((ROOT / "examples" / "default-aks.json").read_text())
        with self.assertRaisesRegex(TypeError, "agent_cuont"):
            run_script(BROKEN.read_text(), plan)


if __name__ == "__main__":
    unittest.main()
