// Embedding and offline use, in a real Chromium: the example portal (iframes and the package),
// the single-file build opened from disk with the network blocked, and a second visit served
// by the service worker. Needs dist/ (trunk build) and dist-portal/ (scripts/portal).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, openOfflineFile, openPage, root, serveDist, serveFolder } from './harness.mjs';

describe('embedding and offline use', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the example portal shows findings through the iframes and through the package', async () => {
    const portal = await serveFolder(join(root, 'dist-portal'));
    try {
      const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
      const page = await context.newPage();
      const requests = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(portal.origin + '/');

      const broken = page.frameLocator('#plan-b');
      await broken.locator('li.finding[data-rule="service-cidr-overlaps-subnet"]').waitFor();
      assert.equal(
        await broken.locator('svg.address-map [data-subject="/aksClusters/0/serviceCidr"]').getAttribute('data-flagged'),
        'true',
      );
      // The link gets its address once the browser has compressed the plan into it.
      const full = await broken.locator('#open-full[href]').getAttribute('href');
      assert.match(full, /#plan=/);
      assert.doesNotMatch(full, /embed/);

      const clean = page.frameLocator('#plan-a');
      await clean.locator('li.finding[data-rule="ilb-not-in-studio"]').waitFor();
      assert.equal(await clean.locator('li.finding[data-severity="error"]').count(), 0);

      const typed = page.locator('#result li[data-rule="service-cidr-overlaps-subnet"]');
      await typed.waitFor();
      assert.equal(await typed.getAttribute('data-severity'), 'error');
      const text = page.locator('#plan-text');
      await text.fill((await text.inputValue()).replace('"serviceCidr": "10.0.0.0/16"', '"serviceCidr": "10.2.0.0/16"')
        .replace('"dnsServiceIP": "10.0.0.10"', '"dnsServiceIP": "10.2.0.10"'));
      await page.click('#check-plan');
      await typed.waitFor({ state: 'detached' });
      await text.fill('{"schemaVersion": 2}');
      await page.click('#check-plan');
      assert.match(await page.locator('#result .error').innerText(), /^\/schemaVersion: /);

      // An embedded view must leave the visitor's own autosaved planner alone.
      assert.equal(await page.evaluate(() => localStorage.getItem('vnetplan.autosave.v1')), null);
      for (const url of requests) assert.ok(url.startsWith(portal.origin + '/') || url.startsWith('data:'), url);
      await context.close();
    } finally {
      await portal.close();
    }
  });

  test('the single-file build works from disk with the network blocked', async () => {
    const { context, page, outside, errors } = await openOfflineFile(browser);
    await page.selectOption('#preset', 'private-aks');
    await page.click('#load-preset');
    await page.locator('li.finding[data-rule="docker-bridge-ignored"]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('li.finding[data-severity="error"]').count(), 0);
    await page.locator('[data-pointer="/aksClusters/0/serviceCidr"]').fill('10.10.0.0/16');
    await page.locator('li.finding[data-rule="service-cidr-overlaps-subnet"]').waitFor();
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a second visit works offline through the service worker', async () => {
    const server = await serveDist();
    try {
      const { context, page } = await openPage(browser, server.origin + '/');
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await context.setOffline(true);
      await page.reload();
      await page.locator('#findings').waitFor();
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      await page.selectOption('#preset', 'aci-vnet');
      await page.click('#load-preset');
      await page.locator('li.finding[data-rule="aci-vnet-retired"]').waitFor();
      await context.close();
    } finally {
      await server.close();
    }
  });
});
