"""checkov, the IaC scanner, judges the Terraform, ARM and Bicep exports of every example plan.

Every check must pass, or be skipped by checkov's own inline skip on the resource, with a
reason. The scan is offline: no API key, and `--skip-download` keeps checkov from fetching
anything. A committed template with a subnet left without a security group proves that the
scan would catch the gap the exports close.
"""

import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI = ROOT / "target" / "debug" / "vnetplan"
CHECKOV = pathlib.Path(sys.executable).parent / "checkov"
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
# Plan folders, and the prefix that keeps their file names apart in one scan: the examples, and
# plans that reach what the examples leave out: the v2 resources (a managed network with every
# rule type, certificates given as files, a plain HTTP router), and the names an import gives a
# VNet told apart from a namesake and a dual-stack subnet, which the templates write as Azure's.
EXAMPLE_SETS = {
    "v1": ROOT / "examples",
    "v2": ROOT / "examples" / "v2",
    "broken": ROOT / "examples" / "broken",
    "fixture": FIXTURES / "plans",
}
# How each export format is laid out: Terraform reads a folder, the others one file each.
LAYOUT = {
    "terraform": lambda stem: f"terraform/{stem}/main.tf",
    "arm": lambda stem: f"arm/{stem}.json",
    "bicep": lambda stem: f"bicep/{stem}.bicep",
}


def checkov(folder, *options):
    """Runs checkov over `folder` and returns its results by framework."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("BC_")}
    environment["BC_SKIP_MAPPING"] = "TRUE"
    command = [str(CHECKOV), "-d", str(folder), "--skip-download", "--compact", "-o", "json", *options]
    run = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    try:
        reports = json.loads(run.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"checkov printed no JSON report ({error}):\n{run.stderr[-4000:]}") from error
    if isinstance(reports, dict):
        reports = [reports]
    return {report["check_type"]: report["results"] for report in reports if "results" in report}


def checks_of(results, outcome, path):
    return [check for check in results.get(outcome, []) if check["file_path"] == "/" + path]


class ExportsUnderCheckov(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CLI.exists():
            raise AssertionError(f"{CLI} is missing: build it first with `cargo build -p vnetplan-cli`")
        cls.folder = tempfile.TemporaryDirectory()
        cls.files = {}
        root = pathlib.Path(cls.folder.name)
        for prefix, folder in EXAMPLE_SETS.items():
            for plan in sorted(folder.glob("*.json")):
                stem = f"{prefix}-{plan.stem}"
                for export_format, layout in LAYOUT.items():
                    path = layout(stem)
                    target = root / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    exported = subprocess.run(
                        [str(CLI), "export", "--format", export_format, str(plan)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    target.write_text(exported.stdout, encoding="utf-8")
                    cls.files[path] = export_format
        cls.results = checkov(root, "--framework", *LAYOUT)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_both_example_sets_are_scanned(self):
        for prefix, folder in EXAMPLE_SETS.items():
            plans = len(list(folder.glob("*.json")))
            exported = [path for path in self.files if f"/{prefix}-" in path]
            self.assertEqual(plans * len(LAYOUT), len(exported), prefix)
            self.assertGreater(plans, 0, prefix)
        self.assertEqual(set(LAYOUT), set(self.results), "checkov reported on every framework")

    def test_every_export_passes_or_annotates_each_check(self):
        for path, framework in sorted(self.files.items()):
            with self.subTest(path=path):
                results = self.results.get(framework, {})
                failed = [
                    f"{check['check_id']} on {check['resource']}: {check['check_name']}"
                    for check in checks_of(results, "failed_checks", path)
                ]
                self.assertEqual([], failed)
                judged = checks_of(results, "passed_checks", path) + checks_of(results, "skipped_checks", path)
                if self.scannable(path):
                    self.assertTrue(judged, "checkov judged no resource of the file")

    def scannable(self, path):
        """Whether checkov sees a resource of the file: in Bicep it does not look inside nested
        deployments, which hold the networks of other resource groups."""
        if not path.endswith(".bicep"):
            return True
        text = (pathlib.Path(self.folder.name) / path).read_text(encoding="utf-8")
        return any(
            line.startswith("resource ") and "'Microsoft.Resources/deployments@" not in line
            for line in text.splitlines()
        )

    def test_every_skip_gives_its_reason(self):
        for framework, results in sorted(self.results.items()):
            for check in results.get("skipped_checks", []):
                with self.subTest(framework=framework, check=check["check_id"], resource=check["resource"]):
                    reason = (check["check_result"].get("suppress_comment") or "").strip()
                    self.assertNotIn(reason, ("", "No comment provided"))
                    self.assertGreater(len(reason.split()), 4, reason)

    def test_checkov_reads_the_inline_skip_of_each_format(self):
        # A skip form that checkov ignored would show as a failed check above; this proves the
        # other half: each format's skips land among the skipped checks, on their resource.
        for framework in LAYOUT:
            with self.subTest(framework=framework):
                skipped = self.results.get(framework, {}).get("skipped_checks", [])
                self.assertIn("CKV_AZURE_4", {check["check_id"] for check in skipped})

    def test_the_readme_lists_every_annotated_check(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        section = readme.split("### Security scanners", 1)[-1].split("\n## ", 1)[0]
        annotated = {
            check["check_id"] for results in self.results.values() for check in results.get("skipped_checks", [])
        }
        for check_id in sorted(annotated):
            with self.subTest(check=check_id):
                self.assertTrue(f"`{check_id}`" in section, f"the README's table lacks {check_id}")


class CheckovCatchesAMissingNsg(unittest.TestCase):
    def test_a_subnet_without_a_security_group_fails(self):
        results = checkov(FIXTURES / "subnet-without-nsg", "--framework", "terraform", "--check", "CKV2_AZURE_31")
        terraform = results.get("terraform", {})
        outcome = {
            check["resource"]: check["check_result"]["result"]
            for kind in ("failed_checks", "passed_checks")
            for check in terraform.get(kind, [])
            if check["check_id"] == "CKV2_AZURE_31"
        }
        self.assertEqual({"azurerm_subnet.unguarded": "FAILED", "azurerm_subnet.guarded": "PASSED"}, outcome)


if __name__ == "__main__":
    unittest.main()
