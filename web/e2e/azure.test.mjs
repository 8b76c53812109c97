// From plan to Azure and back, on the page: the guide's steps with copy and downloads, steps
// marked by findings, and the "Import from Azure" dialog merging az output with undo.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { example, openPage, planLink, root, servedPage } from './harness.mjs';

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
});
