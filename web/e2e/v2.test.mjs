// Azure ML v2 on the page: a cluster's v1/v2 switch, "Migrate to v2" and its one-step undo, the
// two v2 presets, and a share link carrying every v2 field. Run after `trunk build`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { example, openPage, planLink, root, servedPage } from './harness.mjs';

const shots = join(root, 'artifacts', 'screenshots');

const field = (page, pointer) => page.locator(`[data-pointer="${pointer}"]`);
const findings = (page, selector = '') => page.locator(`#findings li.finding${selector}`);

/** The rules of the findings the page shows with `severity`, in order. */
const shown = (page, severity) =>
  findings(page, `[data-severity="${severity}"]`).evaluateAll((items) => items.map((li) => li.dataset.rule));

/** The codes of the migration notes the page shows, in order. */
const noteCodes = (page) =>
  page.locator('#migration li.migration-note').evaluateAll((items) => items.map((li) => li.dataset.code));

/** The notes the page shows, one line each as `vnetplan migrate` prints them on standard error. */
const noteLines = (page) =>
  page.locator('#migration li.migration-note').evaluateAll((items) =>
    items.map((li) => `${li.dataset.code} ${li.dataset.subject}: ${li.querySelector('.message').textContent}`));

/** The notes pinned by the migration's snapshot test for `name` (`tests/tests/snapshots/`). */
function pinnedNotes(name) {
  const text = readFileSync(join(root, 'tests', 'tests', 'snapshots', `migrate__${name}.snap`), 'utf8');
  return text.split('# notes\n')[1].trim().split('\n');
}

/** The plan the page holds, as its "Download plan" button writes it. */
async function downloadedPlan(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

/** The example of `docs/spec/plan-format-v2-additions.md`, which sets a field of each v2 kind. */
const v2Plan = {
  schemaVersion: 1,
  name: 'v2 by link',
  region: 'eastus2',
  workspace: {
    resourceGroup: 'ml-rg',
    privateEndpoint: { vnet: 'ml-vnet', subnet: 'pe' },
    acrInVnet: true,
    acrSku: 'Premium',
    managedNetwork: {
      isolationMode: 'allowOnlyApprovedOutbound',
      outboundRules: [{ name: 'pypi', type: 'fqdn', destination: 'pypi.org', ports: ['443'] }],
      imageBuildCompute: 'cpu-cluster',
    },
  },
  vnets: [
    { name: 'ml-vnet', resourceGroup: 'net-rg', addressPrefixes: ['10.10.0.0/16'],
      subnets: [{ name: 'pe', addressPrefix: '10.10.0.0/27' }] },
    { name: 'aks-vnet', resourceGroup: 'net-rg', addressPrefixes: ['10.20.0.0/16'], peerings: ['ml-vnet'],
      subnets: [{ name: 'aks', addressPrefix: '10.20.0.0/22' }] },
  ],
  aksClusters: [{
    name: 'k8s-inf', provisioning: 'attach', vnet: 'aks-vnet', subnet: 'aks',
    networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '192.168.0.0/16',
    serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10', nodeCount: 3, maxSurge: '33%',
    networkContributorGranted: true, apiServerAuthorizedIpRanges: ['203.0.113.0/24'], trustedAccess: true,
    azureMl: { api: 'v2', inferenceRouterServiceType: 'loadBalancer', internalLoadBalancerProvider: 'azure',
      sslCname: 'score.contoso.com', sslCertificate: 'secret', namespace: 'inference' },
  }],
  onlineEndpoints: [
    { name: 'fraud-moe', kind: 'managed', publicNetworkAccess: 'disabled' },
    { name: 'fraud-k8s', kind: 'kubernetes', compute: 'k8s-inf' },
  ],
};

describe('Azure ML v2 on the page', () => {
  const suite = servedPage();
  const open = (path = '/', options = {}) => openPage(suite.browser, suite.origin + path, options);

  test('the cluster switch shows the extension and hides the v1-only fields, and switches back', async () => {
    const { page, errors } = await open(planLink(example('default-aks.json')));
    const api = field(page, '/aksClusters/0/azureMl/api');
    assert.equal(await api.inputValue(), 'v1');
    assert.equal(await field(page, '/aksClusters/0/clusterPurpose').inputValue(), 'FastProd');
    assert.equal(await field(page, '/aksClusters/0/azureMl/inferenceRouterServiceType').count(), 0);
    assert.equal(await field(page, '/aksClusters/0/trustedAccess').count(), 0);

    await api.selectOption('v2');
    await field(page, '/aksClusters/0/azureMl/inferenceRouterServiceType').waitFor();
    assert.equal(await field(page, '/aksClusters/0/azureMl/inferenceRouterServiceType').inputValue(), 'loadBalancer');
    // FastProd carried over as the router's three replicas; the v1 fields are gone with their values.
    assert.equal(await field(page, '/aksClusters/0/azureMl/inferenceRouterHA').isChecked(), true);
    for (const v1Only of ['clusterPurpose', 'loadBalancerType', 'loadBalancerSubnet']) {
      assert.equal(await field(page, `/aksClusters/0/${v1Only}`).count(), 0, `${v1Only} still shows`);
    }
    for (const fact of ['apiServerAuthorizedIpRanges', 'trustedAccess', 'localAccountsDisabled']) {
      await field(page, `/aksClusters/0/${fact}`).waitFor();
    }
    assert.equal(await field(page, '/aksClusters/0/provisioning').inputValue(), 'attach');
    assert.deepEqual(await shown(page, 'error'), ['k8s-tls-settings-incomplete']);
    const codes = await noteCodes(page);
    assert.ok(codes.includes('tls-certificate-needed') && codes.includes('cluster-created-outside-azure-ml'), codes.join());
    await page.click('#migration button.subject[data-subject="/aksClusters/0/provisioning"]');
    await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/aksClusters/0/provisioning');

    // Choosing the router's certificate and host name leaves no error.
    await field(page, '/aksClusters/0/azureMl/sslCertificate').selectOption('secret');
    await field(page, '/aksClusters/0/azureMl/sslCname').fill('score.contoso.com');
    await findings(page, '[data-rule="k8s-tls-settings-incomplete"]').waitFor({ state: 'detached' });
    assert.deepEqual(await shown(page, 'error'), []);

    // A namespace that Kubernetes would refuse stays typed, with the reason beside it.
    const namespace = field(page, '/aksClusters/0/azureMl/namespace');
    await namespace.fill('Inference');
    await page.locator('[id="note:/aksClusters/0/azureMl/namespace"]').waitFor();
    assert.equal(await namespace.inputValue(), 'Inference');
    assert.equal(await namespace.getAttribute('aria-invalid'), 'true');
    await namespace.fill('inference');
    await page.locator('[id="note:/aksClusters/0/azureMl/namespace"]').waitFor({ state: 'detached' });

    mkdirSync(shots, { recursive: true });
    await page.locator('fieldset.cluster').screenshot({ path: join(shots, 'v2-cluster.png') });

    await field(page, '/aksClusters/0/azureMl/api').selectOption('v1');
    await field(page, '/aksClusters/0/clusterPurpose').waitFor();
    assert.equal(await field(page, '/aksClusters/0/azureMl/inferenceRouterServiceType').count(), 0);
    assert.equal(await field(page, '/aksClusters/0/azureMl/api').inputValue(), 'v1');
    assert.equal((await downloadedPlan(page)).aksClusters[0].azureMl, undefined);
    assert.deepEqual(errors, []);
  });

  test('Migrate to v2 rewrites the plan with its notes beside the findings, and one Undo takes it back', async () => {
    const { page, errors } = await open(planLink(example('aci-vnet.json')));
    assert.deepEqual(await shown(page, 'warning'), ['aci-vnet-retired', 'sdk-v1-out-of-support']);
    const original = await downloadedPlan(page);
    await page.click('#migrate');
    await field(page, '/onlineEndpoints/0/name').waitFor();
    assert.equal(await field(page, '/onlineEndpoints/0/name').inputValue(), 'scoring-aci');
    assert.equal(await field(page, '/aciDeployments/0/name').count(), 0);
    assert.equal(await field(page, '/workspace/managedNetwork/isolationMode').inputValue(), 'allowInternetOutbound');
    assert.deepEqual(await shown(page, 'warning'), []);
    assert.deepEqual(await shown(page, 'error'), []);
    assert.deepEqual(await noteLines(page), pinnedNotes('aci-vnet'));
    // The deployment's fields are gone with it: only the managed network is still there to visit.
    const links = await page.locator('#migration button.subject').evaluateAll((buttons) => buttons.map((b) => b.dataset.subject));
    assert.deepEqual(links, ['/workspace/managedNetwork']);
    assert.deepEqual(await downloadedPlan(page), example('v2/aci-vnet.json'));
    assert.match(await page.locator('#migration').innerText(), /already uses Azure ML v2/);
    await page.locator('section.results-column').screenshot({ path: join(shots, 'v2-migrated.png') });

    await page.selectOption('#language', 'fr');
    await page.locator('#migration .migration-intro', { hasText: 'Ce que la migration a changé' }).waitFor();
    assert.deepEqual(await noteLines(page), pinnedNotes('aci-vnet.fr'));
    assert.equal(await page.locator('#preset option[value="v2-managed-endpoint"]').innerText(),
      'Point de terminaison en ligne managé avec un réseau managé (v2)');
    assert.equal(await page.locator('#endpoints-title').innerText(), 'Points de terminaison en ligne');
    await page.selectOption('#language', 'en');

    await page.click('#undo');
    await field(page, '/aciDeployments/0/name').waitFor();
    assert.equal(await field(page, '/onlineEndpoints/0/name').count(), 0);
    assert.equal(await page.locator('#migration li.migration-note').count(), 0);
    assert.deepEqual(await shown(page, 'warning'), ['aci-vnet-retired', 'sdk-v1-out-of-support']);
    assert.deepEqual(await downloadedPlan(page), original);
    await page.click('#redo');
    await field(page, '/onlineEndpoints/0/name').waitFor();
    assert.equal(await page.locator('#migration li.migration-note').count(), 5);
    assert.deepEqual(errors, []);
  });

  test('the two v2 presets load with only the findings the README leaves to a person', async () => {
    const { page, errors } = await open();
    const presets = {
      'v2-k8s-internal-router': {
        file: 'v2/aks-internal-lb.json',
        label: 'Kubernetes compute with an internal router (v2)',
        errors: ['k8s-service-principal-identity', 'k8s-tls-settings-incomplete'],
      },
      'v2-managed-endpoint': {
        file: 'v2/aci-vnet.json',
        label: 'Managed online endpoint with a managed network (v2)',
        errors: [],
      },
    };
    for (const [preset, expected] of Object.entries(presets)) {
      assert.equal(await page.locator(`#preset option[value="${preset}"]`).innerText(), expected.label);
      await page.selectOption('#preset', preset);
      await page.click('#load-preset');
      const name = example(expected.file).name;
      await page.waitForFunction((wanted) => document.querySelector('[data-pointer="/name"]')?.value === wanted, name);
      assert.deepEqual((await shown(page, 'error')).sort(), expected.errors, `${preset} errors`);
      assert.deepEqual(await shown(page, 'warning'), [], `${preset} warnings`);
      // A field may show an error only where one of those findings points.
      const named = await findings(page, '[data-severity="error"] button.subject')
        .evaluateAll((buttons) => buttons.map((b) => b.dataset.subject));
      const invalid = await page.locator('input[aria-invalid="true"]').evaluateAll((inputs) => inputs.map((i) => i.dataset.pointer));
      assert.ok(invalid.every((pointer) => named.includes(pointer)), `${preset}: ${invalid} in error`);
      assert.deepEqual(await downloadedPlan(page), example(expected.file));
      assert.match(await page.locator('#migration').innerText(), /already uses Azure ML v2/);
      assert.equal(await page.locator('#migrate').count(), 0);
    }
    const router = field(page, '/aksClusters/0/azureMl/internalLoadBalancerProvider');
    await page.selectOption('#preset', 'v2-k8s-internal-router');
    await page.click('#load-preset');
    await router.waitFor();
    assert.equal(await router.isChecked(), true);
    await page.locator('form.editor').screenshot({ path: join(shots, 'v2-preset-router.png') });
    assert.deepEqual(errors, []);
  });

  test('the new sections edit peerings, endpoints, outbound rules and the firewall\'s host names', async () => {
    const { page, errors } = await open(planLink(example('v2/aci-vnet.json')));
    await field(page, '/vnets/0/peerings').fill('hub-vnet, spoke-vnet');
    assert.deepEqual((await downloadedPlan(page)).vnets[0].peerings, ['hub-vnet', 'spoke-vnet']);
    await field(page, '/vnets/0/peerings').fill('');
    assert.equal((await downloadedPlan(page)).vnets[0].peerings, undefined);

    // A Kubernetes endpoint names its compute; the managed-only fields leave with the kind.
    await page.click('button:has-text("Add an online endpoint")');
    await field(page, '/onlineEndpoints/1/kind').selectOption('kubernetes');
    await field(page, '/onlineEndpoints/1/compute').fill('k8s');
    await findings(page, '[data-rule="unknown-compute"]').waitFor();
    assert.equal(await field(page, '/onlineEndpoints/1/publicNetworkAccess').count(), 0);

    // A new outbound rule is of a type the isolation mode accepts; it asks only for its destination.
    await page.click('button:has-text("Add an outbound rule")');
    await findings(page, '[data-rule="managed-network-pe-target-unsupported"]').filter({ hasText: 'has no destination' }).waitFor();
    assert.equal(await field(page, '/workspace/managedNetwork/outboundRules/0/type').inputValue(), 'privateEndpoint');
    await field(page, '/workspace/managedNetwork/outboundRules/0/type').selectOption('fqdn');
    await findings(page, '[data-rule="managed-network-rule-needs-approved-outbound"]').waitFor();
    await field(page, '/workspace/managedNetwork/isolationMode').selectOption('allowOnlyApprovedOutbound');
    await findings(page, '[data-rule="managed-network-rule-needs-approved-outbound"]').waitFor({ state: 'detached' });
    // A URL is no host name for the firewall; the bare host is what it matches.
    const badDestination = findings(page, '[data-rule="managed-network-fqdn-destination-invalid"]');
    await badDestination.waitFor();
    await field(page, '/workspace/managedNetwork/outboundRules/0/destination').fill('https://pypi.org/simple');
    await badDestination.filter({ hasText: "Write the host name alone: 'pypi.org'" }).waitFor();
    await field(page, '/workspace/managedNetwork/outboundRules/0/destination').fill('pypi.org');
    await badDestination.waitFor({ state: 'detached' });
    await field(page, '/workspace/managedNetwork/outboundRules/0/ports').fill('443, 8000-8080');
    let plan = await downloadedPlan(page);
    assert.deepEqual(plan.workspace.managedNetwork.outboundRules,
      [{ name: 'rule-1', type: 'fqdn', destination: 'pypi.org', ports: ['443', '8000-8080'] }]);
    assert.deepEqual(plan.onlineEndpoints[1], { name: 'endpoint-1', kind: 'kubernetes', compute: 'k8s' });

    // Ports the plan cannot take are said beside their field, which the plan keeps as it was.
    const ports = field(page, '/workspace/managedNetwork/outboundRules/0/ports');
    await ports.fill('443, 99999');
    await page.waitForFunction(() => document.querySelector('[data-pointer="/workspace/managedNetwork/outboundRules/0/ports"]')?.getAttribute('aria-invalid') === 'true');
    const portsNote = page.locator('[id="note:/workspace/managedNetwork/outboundRules/0/ports"]');
    assert.match(await portsNote.innerText(), /The plan does not take this text: \/workspace\/managedNetwork\/outboundRules\/0\/ports\/1: .*"99999"/);
    assert.match(await portsNote.innerText(), /"99999"\. Until then the plan, its findings and its links keep 443, 8000-8080\./);
    assert.deepEqual((await downloadedPlan(page)).workspace.managedNetwork.outboundRules[0].ports, ['443', '8000-8080']);
    await ports.fill('443, 8000-8080');
    await portsNote.waitFor({ state: 'detached' });
    assert.equal(await ports.getAttribute('aria-invalid'), 'false');

    // No filtering by name, a firewall that allows no name, and a list are three different plans.
    await field(page, '/egress/restricted').check();
    // The box and the list are one value, so the box gives way to the list once checked.
    await page.locator('input[type="checkbox"][data-pointer="/egress/allowedFqdns"]').click();
    const byName = page.locator('input[type="text"][data-pointer="/egress/allowedFqdns"]');
    await byName.waitFor();
    assert.deepEqual((await downloadedPlan(page)).egress.allowedFqdns, []);
    await byName.fill('pypi.org, *.blob.core.windows.net');
    assert.deepEqual((await downloadedPlan(page)).egress.allowedFqdns, ['pypi.org', '*.blob.core.windows.net']);
    await page.click('button:has-text("No filtering by host name")');
    await page.locator('input[type="checkbox"][data-pointer="/egress/allowedFqdns"]').waitFor();
    plan = await downloadedPlan(page);
    assert.equal(plan.egress.allowedFqdns, undefined);
    assert.equal(plan.egress.restricted, true);
    assert.deepEqual(errors, []);
  });

  test('a share link carries every v2 field there and back', async () => {
    const first = await open(planLink(v2Plan));
    const { page } = first;
    const values = {
      '/aksClusters/0/azureMl/api': 'v2',
      '/aksClusters/0/azureMl/inferenceRouterServiceType': 'loadBalancer',
      '/aksClusters/0/azureMl/sslCname': 'score.contoso.com',
      '/aksClusters/0/azureMl/sslCertificate': 'secret',
      '/aksClusters/0/azureMl/namespace': 'inference',
      '/aksClusters/0/apiServerAuthorizedIpRanges': '203.0.113.0/24',
      '/vnets/1/peerings': 'ml-vnet',
      '/workspace/managedNetwork/isolationMode': 'allowOnlyApprovedOutbound',
      '/workspace/managedNetwork/outboundRules/0/destination': 'pypi.org',
      '/workspace/managedNetwork/outboundRules/0/ports': '443',
      '/workspace/managedNetwork/imageBuildCompute': 'cpu-cluster',
      '/workspace/acrSku': 'Premium',
      '/onlineEndpoints/0/publicNetworkAccess': 'disabled',
      '/onlineEndpoints/1/kind': 'kubernetes',
      '/onlineEndpoints/1/compute': 'k8s-inf',
    };
    for (const [pointer, value] of Object.entries(values)) {
      assert.equal(await field(page, pointer).inputValue(), value, pointer);
    }
    assert.equal(await field(page, '/aksClusters/0/trustedAccess').isChecked(), true);
    const warnings = await shown(page, 'warning');
    assert.deepEqual(warnings, ['managed-network-with-kubernetes-compute', 'workspace-pe-not-in-aks-vnet']);
    await page.screenshot({ path: join(shots, 'v2-link.png'), fullPage: true });

    await page.click('#share');
    const url = await page.locator('#share-url').inputValue();
    const second = await openPage(suite.browser, url);
    assert.deepEqual(await shown(second.page, 'warning'), warnings);
    assert.deepEqual(await downloadedPlan(second.page), v2Plan);
    for (const opened of [first, second]) assert.deepEqual(opened.errors, []);
  });
});
