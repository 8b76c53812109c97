// From plan to Azure and back, on the page: the guide's steps with copy and downloads, steps
// marked by findings, and the "Import from Azure" dialog merging az output with undo.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { example, openPage, planLink, root, servedPage } from './harness.mjs';

const shots = join(root, 'artifacts', 'screenshots');
const fixture = (name) => readFileSync(join(root, 'crates', 'vnetplan-core', 'src', 'import', 'fixtures', name), 'utf8');

describe('Azure steps and import', () => {
  const suite = servedPage();

  test('the steps use the plan\'s values and download as templates', async () => {
    const { page } = await openPage(suite.browser, suite.origin + planLink(example('default-aks.json')), { acceptDownloads: true });
    await page.click('#toggle-steps');
    const create = page.locator('li.step', { hasText: 'AksCompute.provisioning_configuration' }).first();
    await create.waitFor();
    const code = await create.locator('pre').innerText();
    assert.match(code, /config\.service_cidr = "10\.2\.0\.0\/16"/);
    assert.match(code, /config\.dns_service_ip = "10\.2\.0\.10"/);
    assert.equal(await page.locator('li.step[data-flagged="true"]').count(), 0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.download[data-format="terraform"]'),
    ]);
    assert.equal(download.suggestedFilename(), 'vnetplan-network.tf');
    const terraform = readFileSync(await download.path(), 'utf8');
    assert.match(terraform, /resource "azurerm_virtual_network"/);
    assert.match(terraform, /service_cidr\s*=\s*"10\.2\.0\.0\/16"/);
  });

  test('a step that a finding makes wrong is marked', async () => {
    const { page } = await openPage(suite.browser, suite.origin + planLink(example('broken/sdk-default-service-cidr.json')));
    await page.click('#toggle-steps');
    const flagged = page.locator('li.step[data-flagged="true"]', { hasText: 'service-cidr-overlaps-subnet' });
    await flagged.first().waitFor();
    assert.ok((await flagged.count()) >= 1);
  });

  test('az output merges into the plan, with notes by field, and undo takes it back', async () => {
    const { page } = await openPage(suite.browser, suite.origin + planLink(example('aci-vnet.json')));
    await page.click('#open-import');
    await page.fill('#import-text', fixture('vnet-show.json'));
    await page.click('#run-import');
    await page.locator('#import-outcome .ok').waitFor();
    assert.match(await page.locator('.import-notes').innerText(), /routeTable/);
    await page.click('#close-import');
    const vnetNames = await page.locator('[data-pointer^="/vnets/"]').evaluateAll((inputs) =>
      inputs.filter((i) => /^\/vnets\/\d+\/name$/.test(i.dataset.pointer)).map((i) => i.value));
    // The example's VNet is also called ml-vnet, so the import replaced it rather than adding one.
    assert.deepEqual(vnetNames, ['ml-vnet']);
    assert.equal(await page.locator('[data-pointer="/vnets/0/subnets/0/name"]').inputValue(), 'aks');
    await page.click('#undo');
    await page.waitForFunction(() => document.querySelector('[data-pointer="/vnets/0/subnets/0/name"]')?.value === 'aci-subnet');

    await page.click('#open-import');
    await page.fill('#import-text', '{"this is": "not az output"}');
    await page.click('#run-import');
    await page.locator('#import-outcome .import-error').waitFor();
    await page.click('#close-import');
    assert.equal(await page.locator('[data-pointer="/vnets/0/subnets/0/name"]').inputValue(), 'aci-subnet');
  });

  test('a template opened with its parameter file imports what that deployment makes', async () => {
    // The VNet is deployed only when vnetNewOrExisting is 'new': the template's default says
    // 'existing', the parameter file 'new'.
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        vnetNewOrExisting: { type: 'string', defaultValue: 'existing' },
        subnets: { type: 'array', defaultValue: [{ name: 'aks', prefix: '10.60.0.0/22' }, { name: 'aci', prefix: '10.60.4.0/24' }] },
      },
      resources: [{
        condition: "[equals(parameters('vnetNewOrExisting'), 'new')]",
        type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: 'deployed-vnet', location: 'eastus2',
        properties: {
          addressSpace: { addressPrefixes: ['10.60.0.0/16'] },
          copy: [{ name: 'subnets', count: "[length(parameters('subnets'))]", input: {
            name: "[parameters('subnets')[copyIndex('subnets')].name]",
            properties: { addressPrefix: "[parameters('subnets')[copyIndex('subnets')].prefix]" },
          } }],
        },
      }],
    };
    const parameters = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { vnetNewOrExisting: { value: 'new' } },
    };
    const { page, errors } = await openPage(suite.browser, suite.origin + planLink(example('aci-vnet.json')));
    await page.click('#open-import');
    await page.locator('#import-files').setInputFiles([
      { name: 'main.parameters.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(parameters)) },
      { name: 'main.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(template)) },
    ]);
    await page.locator('#import-files-chosen', { hasText: 'main.json' }).waitFor();
    await page.click('#run-import');
    await page.locator('#import-outcome .ok').waitFor();
    const notes = await page.locator('.import-notes').innerText();
    assert.match(notes, /deployment parameter file/);
    assert.match(notes, /which holds with the values the template states/);
    assert.match(notes, /builds 2 subnets from one input: aks, aci/);
    mkdirSync(shots, { recursive: true });
    await page.locator('#import-dialog').screenshot({ path: join(shots, 'import-template-with-parameters.png') });
    await page.click('#close-import');
    const subnets = await page.locator('[data-pointer]').evaluateAll((inputs) => inputs
      .filter((input) => /^\/vnets\/\d+\/(name|subnets\/\d+\/addressPrefix)$/.test(input.dataset.pointer))
      .map((input) => input.value));
    assert.ok(subnets.includes('deployed-vnet'), JSON.stringify(subnets));
    assert.ok(subnets.includes('10.60.4.0/24'), JSON.stringify(subnets));
    assert.deepEqual(errors, []);
  });
});
