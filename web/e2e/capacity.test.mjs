// The capacity gauges: one per node subnet, showing what every cluster in it needs together
// against what it has, with each cluster's share, in the numbers the CLI computes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, openPage, planLink, servedPage } from './harness.mjs';

const cluster = (name, subnet, service, nodeCount) => ({
  name, vnet: 'ml-vnet', subnet, networkPlugin: 'azure', serviceCidr: service,
  dnsServiceIP: service.replace('0/16', '10'), nodeCount, networkContributorGranted: true,
});

// 4 nodes and the default 10% surge: 5 x 31 = 155 addresses each, 310 in a /24 of 251.
// 46 nodes: 51 x 31 = 1581 in a /22 of 1019.
const plan = {
  schemaVersion: 1,
  name: 'two clusters in one subnet',
  region: 'eastus2',
  workspace: { resourceGroup: 'ml-rg' },
  vnets: [{
    name: 'ml-vnet', resourceGroup: 'ml-rg', addressPrefixes: ['10.1.0.0/16'],
    subnets: [{ name: 'shared', addressPrefix: '10.1.0.0/24' }, { name: 'big', addressPrefix: '10.1.4.0/22' }],
  }],
  aksClusters: [
    cluster('first', 'shared', '10.2.0.0/16', 4),
    cluster('large', 'big', '10.3.0.0/16', 46),
    cluster('second', 'shared', '10.4.0.0/16', 4),
  ],
};

const english = new Intl.NumberFormat('en-US');

describe('capacity gauges', () => {
  const suite = servedPage();

  test('one gauge per node subnet, every cluster’s share marked, numbers grouped per language', async () => {
    const rows = JSON.parse(cli(['check', 'PLAN', '--format', 'json'], plan)).capacity;
    const { page, errors, context } = await openPage(suite.browser, suite.origin + planLink(plan));
    const gauges = page.locator('.capacity-card li.gauge');
    await gauges.first().waitFor();
    assert.deepEqual(await gauges.evaluateAll((items) => items.map((li) => li.dataset.subnet)), ['shared', 'big']);

    for (const subnet of ['shared', 'big']) {
      const inSubnet = rows.filter((row) => row.subnet === subnet);
      const gauge = page.locator(`.capacity-card li.gauge[data-subnet="${subnet}"]`);
      const meter = gauge.locator('meter');
      assert.equal(Number(await meter.getAttribute('value')), inSubnet[0].subnetNeeded);
      assert.equal(Number(await meter.getAttribute('max')), inSubnet[0].usable);
      const shares = await gauge.locator('li.share-item').evaluateAll((items) => items.map((li) => li.dataset.cluster));
      assert.deepEqual(shares, inSubnet.map((row) => row.cluster));
      for (const row of inSubnet) {
        assert.equal(
          await gauge.locator(`li.share-item[data-cluster="${row.cluster}"]`).innerText(),
          `AKS ${row.cluster}: ${english.format(row.needed)}`,
        );
      }
      assert.equal(await gauge.locator('.shares-bar .share').count(), inSubnet.length);
    }
    assert.equal(
      await page.locator('li.gauge[data-subnet="shared"] .gauge-text').innerText(),
      '310 of 251 usable addresses needed',
    );
    const big = page.locator('li.gauge[data-subnet="big"]');
    assert.equal(await big.locator('.gauge-text').innerText(), '1,581 of 1,019 usable addresses needed');
    assert.match(await big.getAttribute('class'), /\bover\b/);

    await page.selectOption('#language', 'fr');
    await page.locator('#findings-title', { hasText: 'Constats' }).waitFor();
    const french = new Intl.NumberFormat('fr-FR');
    assert.equal(
      await big.locator('.gauge-text').innerText(),
      `${french.format(1581)} adresses nécessaires sur ${french.format(1019)} utilisables`,
    );
    assert.equal(await big.locator('li.share-item').innerText(), `AKS large : ${french.format(1581)}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a pod subnet typed for a cluster takes its pods out of the node subnet’s gauge and into the pod subnet’s', async () => {
    const { page, errors, context } = await openPage(suite.browser, suite.origin + planLink(plan));
    const big = page.locator('li.gauge[data-subnet="big"]');
    await big.locator('.gauge-text', { hasText: '1,581 of 1,019' }).waitFor();
    await page.locator('[data-pointer="/aksClusters/1/podSubnet"]').fill('shared');
    // 51 nodes of one address each stay in 'big'; their pods go to 'shared': 110 each, which
    // Azure hands out in batches of 16, so 51 x 112 addresses.
    await big.locator('.gauge-text', { hasText: '51 of 1,019 usable addresses needed' }).waitFor();
    assert.doesNotMatch(await big.getAttribute('class'), /\bover\b/);
    const shared = page.locator('li.gauge[data-subnet="shared"]');
    await shared.locator('.gauge-text', { hasText: '6,022 of 251 usable addresses needed' }).waitFor();
    assert.equal(await shared.locator('li.share-item[data-pods="true"]').innerText(), 'pods of AKS large: 5,712');
    const finding = page.locator('li.finding[data-rule="aks-subnet-too-small"]', { hasText: "'shared'" });
    await finding.waitFor();
    assert.match(await finding.innerText(), /large/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
