"""The exported `sdk-v2` scripts run against the real azure-ai-ml, and the `yaml` files load with it.

The credential is a stub and the HTTP transport is a recorder (`requests.Session.send`, which
azure-core's transport calls), so everything above it runs as in production: the entities'
constructors and validation, their conversion to REST objects, the operations' own requests and
their long-running-operation polling. The recorder answers as Azure Resource Manager would, from
what was sent before; a request it has no answer for fails the test, and nothing leaves the
machine.
"""

import io
import json
import pathlib
import re
import subprocess
import tempfile
import unittest
from unittest import mock

import requests
import urllib3
from azure.ai.ml import load_compute, load_online_endpoint, load_workspace
from azure.core.credentials import AccessToken, AccessTokenInfo

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI = ROOT / "target" / "debug" / "vnetplan"
HERE = pathlib.Path(__file__).parent
PLANS = (
    sorted((ROOT / "examples").glob("*.json"))
    + sorted((ROOT / "examples" / "v2").glob("*.json"))
    + sorted((HERE / "plans").glob("*.json"))
)
SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
WORKSPACE = "recorded-workspace"
ISOLATION = {
    "disabled": "Disabled",
    "allowInternetOutbound": "AllowInternetOutbound",
    "allowOnlyApprovedOutbound": "AllowOnlyApprovedOutbound",
}
RULE_TYPES = {"fqdn": "FQDN", "serviceTag": "ServiceTag", "privateEndpoint": "PrivateEndpoint"}


def spelling(mode: str) -> str:
    """An isolation mode without the differences between the SDK's and ARM's spellings."""
    return mode.replace("_", "").lower()


def export(plan: pathlib.Path, *options: str) -> str:
    return subprocess.run(
        [str(CLI), "export", *options, str(plan)], check=True, capture_output=True, text=True
    ).stdout


class StubCredential:
    """A token credential that hands out a token without asking anyone."""

    def get_token(self, *scopes, **kwargs):
        return AccessToken("recorded", 4102444800)

    def get_token_info(self, *scopes, options=None):
        return AccessTokenInfo("recorded", 4102444800)


class AzureResourceManager:
    """Answers the SDK's requests from what it sent before, and keeps every request."""

    def __init__(self, region: str, resource_group: str):
        self.region = region
        self.requests = []
        self.resources = {}
        workspace_id = (
            f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{resource_group}"
            f"/providers/Microsoft.MachineLearningServices/workspaces/{WORKSPACE}"
        )
        self.resources[workspace_id.lower()] = {
            "id": workspace_id,
            "name": WORKSPACE,
            "type": "Microsoft.MachineLearningServices/workspaces",
            "location": region,
            "identity": {"type": "SystemAssigned"},
            "properties": {"provisioningState": "Succeeded"},
        }

    def send(self, session, prepared, **kwargs):
        path = requests.utils.urlparse(prepared.url).path
        body = prepared.body
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        sent = json.loads(body) if body else None
        self.requests.append((prepared.method, path, sent))
        key = path.lower()
        if prepared.method in ("PUT", "PATCH"):
            stored = dict(self.resources.get(key, {}))
            stored.update(sent or {})
            stored.setdefault("id", path)
            stored.setdefault("name", path.rsplit("/", 1)[-1])
            stored.setdefault("location", self.region)
            properties = dict(stored.get("properties") or {})
            properties["provisioningState"] = "Succeeded"
            stored["properties"] = properties
            self.resources[key] = stored
            return self.answer(prepared, 200, stored)
        if prepared.method == "GET" and key in self.resources:
            return self.answer(prepared, 200, self.resources[key])
        if prepared.method == "POST" and key.endswith("/provisionmanagednetwork"):
            return self.answer(prepared, 200, {"status": "Active", "sparkReady": False})
        if prepared.method == "GET":
            return self.answer(prepared, 404, {"error": {"code": "NotFound", "message": path}})
        raise AssertionError(f"no recorded answer for {prepared.method} {path}")

    @staticmethod
    def answer(prepared, status, payload):
        content = json.dumps(payload).encode("utf-8")
        headers = {"Content-Type": "application/json", "Content-Length": str(len(content))}
        response = requests.Response()
        response.status_code = status
        response.raw = urllib3.HTTPResponse(
            body=io.BytesIO(content), headers=headers, status=status, preload_content=False
        )
        response._content = content
        response.headers.update(headers)
        response.url = prepared.url
        response.request = prepared
        response.encoding = "utf-8"
        return response

    def sent(self, method, pattern):
        """The bodies of the requests of `method` whose path matches `pattern` (a regex)."""
        return [body for verb, path, body in self.requests if verb == method and re.search(pattern, path, re.I)]


def run_script(code: str, plan: dict) -> AzureResourceManager:
    """Runs `code` as a user would, its placeholders filled in, with the stub credential and the
    recording transport."""
    arm = AzureResourceManager(plan["region"], plan["workspace"]["resourceGroup"])
    code = code.replace('"<subscription ID>"', repr(SUBSCRIPTION)).replace('"<workspace name>"', repr(WORKSPACE))
    with mock.patch("azure.identity.DefaultAzureCredential", StubCredential), mock.patch.object(
        requests.Session, "send", lambda session, prepared, **kwargs: arm.send(session, prepared, **kwargs)
    ):
        exec(compile(code, "<exported sdk-v2 script>", "exec"), {})
    return arm


class ExportedSdkV2Scripts(unittest.TestCase):
    def test_every_plan_runs_and_sends_the_plans_values(self):
        self.assertTrue(PLANS, "no plans found")
        for path in PLANS:
            with self.subTest(plan=str(path.relative_to(ROOT))):
                plan = json.loads(path.read_text())
                arm = run_script(export(path, "--format", "sdk-v2"), plan)
                self.check_computes(plan, arm)
                self.check_network(plan, arm)
                self.check_endpoints(plan, arm)

    def check_computes(self, plan, arm):
        for cluster in plan.get("aksClusters", []):
            sent = arm.sent("PUT", f"/computes/{re.escape(cluster['name'])}$")
            if cluster.get("azureMl", {}).get("api") != "v2":
                self.assertEqual(sent, [], "a v1 cluster is not attached as Kubernetes compute")
                continue
            [body] = sent
            properties = body["properties"]
            self.assertEqual(properties["computeType"], "Kubernetes")
            self.assertEqual(
                properties["resourceId"],
                f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{plan['workspace']['resourceGroup']}"
                f"/providers/Microsoft.ContainerService/managedClusters/{cluster['name']}",
            )
            self.assertEqual(properties["properties"]["namespace"], cluster["azureMl"].get("namespace", "default"))
            self.assertEqual(body["identity"]["type"], "SystemAssigned")

    def check_network(self, plan, arm):
        network = plan["workspace"].get("managedNetwork")
        updates = [body for body in arm.sent("PUT", "/workspaces/[^/]+$") + arm.sent("PATCH", "/workspaces/[^/]+$")]
        provisions = arm.sent("POST", "/provisionManagedNetwork$")
        if network is None:
            self.assertEqual((updates, provisions), ([], []))
            return
        [update] = updates
        sent = update["properties"]["managedNetwork"]
        # The SDK's update sends the mode as it spells it (allow_only_approved_outbound); ARM
        # reads either spelling.
        self.assertEqual(spelling(sent["isolationMode"]), spelling(ISOLATION[network["isolationMode"]]))
        rules = sent.get("outboundRules") or {}
        self.assertEqual(sorted(rules), sorted(rule["name"] for rule in network.get("outboundRules", [])))
        for rule in network.get("outboundRules", []):
            sent_rule = rules[rule["name"]]
            self.assertEqual(sent_rule["type"], RULE_TYPES[rule["type"]])
            destination = sent_rule["destination"]
            if rule["type"] == "fqdn":
                self.assertEqual(destination, rule["destination"])
            elif rule["type"] == "serviceTag":
                self.assertEqual(destination["serviceTag"], rule["destination"])
                self.assertEqual(destination["portRanges"], ",".join(rule.get("ports", ["*"])))
            else:
                self.assertEqual(destination["serviceResourceId"], rule["destination"])
        if "imageBuildCompute" in network:
            self.assertEqual(update["properties"]["imageBuildCompute"], network["imageBuildCompute"])
        self.assertEqual(len(provisions), 0 if network["isolationMode"] == "disabled" else 1)

    def check_endpoints(self, plan, arm):
        for endpoint in plan.get("onlineEndpoints", []):
            [body] = arm.sent("PUT", f"/onlineEndpoints/{re.escape(endpoint['name'])}$")
            properties = body["properties"]
            if endpoint["kind"] == "managed":
                access = endpoint.get("publicNetworkAccess", "enabled")
                self.assertEqual(properties["publicNetworkAccess"].lower(), access)
                self.assertNotIn("compute", properties)
            else:
                self.assertTrue(properties["compute"].endswith(f"/computes/{endpoint['compute']}"), properties)

    def test_a_misspelt_keyword_is_rejected_by_the_sdk(self):
        plan = json.loads((HERE / "plans" / "managed-network.json").read_text())
        with self.assertRaisesRegex(TypeError, "destination"):
            run_script((HERE / "broken_sdk_v2.py").read_text(), plan)


class ExportedYamlFiles(unittest.TestCase):
    def test_every_file_loads_with_the_plans_values(self):
        for path in PLANS:
            with self.subTest(plan=str(path.relative_to(ROOT))), tempfile.TemporaryDirectory() as folder:
                plan = json.loads(path.read_text())
                written = export(path, "--format", "yaml", "--out-dir", folder).split()
                names = sorted(pathlib.Path(file).name for file in written)
                expected = sorted(
                    [f"compute-{c['name']}.yml" for c in plan.get("aksClusters", []) if c.get("azureMl", {}).get("api") == "v2"]
                    + (["workspace-network.yml"] if plan["workspace"].get("managedNetwork") else [])
                    + [f"endpoint-{e['name']}.yml" for e in plan.get("onlineEndpoints", [])]
                )
                self.assertEqual(names, expected)
                for file in map(pathlib.Path, written):
                    if file.name.startswith("compute-"):
                        self.check_compute(plan, file)
                    elif file.name.startswith("endpoint-"):
                        self.check_endpoint(plan, file)
                    else:
                        self.check_workspace(plan, file)

    def check_compute(self, plan, file):
        compute = load_compute(file)
        [cluster] = [c for c in plan["aksClusters"] if compute.name == c["name"]]
        self.assertEqual(compute.type, "kubernetes")
        self.assertEqual(compute.namespace, cluster["azureMl"].get("namespace", "default"))
        self.assertTrue(
            compute.resource_id.endswith(
                f"/resourceGroups/{plan['workspace']['resourceGroup']}"
                f"/providers/Microsoft.ContainerService/managedClusters/{cluster['name']}"
            )
        )
        self.assertEqual(compute.identity.type, "system_assigned")

    def check_workspace(self, plan, file):
        workspace = load_workspace(file)
        network = plan["workspace"]["managedNetwork"]
        isolation = ISOLATION[network["isolationMode"]]
        self.assertEqual(spelling(workspace.managed_network.isolation_mode), spelling(isolation))
        rules = {rule.name: rule for rule in workspace.managed_network.outbound_rules or []}
        self.assertEqual(sorted(rules), sorted(rule["name"] for rule in network.get("outboundRules", [])))
        for rule in network.get("outboundRules", []):
            loaded = rules[rule["name"]]
            if rule["type"] == "fqdn":
                self.assertEqual(loaded.destination, rule["destination"])
            elif rule["type"] == "serviceTag":
                self.assertEqual(loaded.service_tag, rule["destination"])
            else:
                self.assertEqual(loaded.service_resource_id, rule["destination"])
        self.assertEqual(workspace.image_build_compute, network.get("imageBuildCompute"))

    def check_endpoint(self, plan, file):
        endpoint = load_online_endpoint(file)
        [planned] = [e for e in plan["onlineEndpoints"] if e["name"] == endpoint.name]
        if planned["kind"] == "managed":
            self.assertEqual(type(endpoint).__name__, "ManagedOnlineEndpoint")
            self.assertEqual(endpoint.public_network_access, planned.get("publicNetworkAccess"))
        else:
            self.assertEqual(type(endpoint).__name__, "KubernetesOnlineEndpoint")
            # The loader reads "azureml:<name>" as the compute's name.
            self.assertEqual(endpoint.compute, planned["compute"])

    def test_a_misspelt_key_is_rejected_by_the_loader(self):
        from marshmallow.exceptions import ValidationError as SchemaError
        from azure.ai.ml.exceptions import ValidationException

        with self.assertRaises((SchemaError, ValidationException)) as caught:
            load_compute(HERE / "broken_compute.yml")
        self.assertIn("namespce", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
