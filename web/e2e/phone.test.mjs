// The page on a phone (390 × 844): the editor and the results are two tabs, the results tab
// counts the errors as they change, and nothing is wider than the screen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { collidingPlan, example, openPage, planLink, root, servedPage } from './harness.mjs';

const shots = join(root, 'artifacts', 'screenshots');
mkdirSync(shots, { recursive: true });

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe('the page on a phone', () => {
  const suite = servedPage();

  test('editor and results are tabs with a live error count, and the results fit the screen', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('phone')), phone);
    try {
      const count = page.locator('#tab-results .tab-count');
      assert.equal(await count.getAttribute('aria-live'), 'polite');
      assert.match(await count.innerText(), /^[1-9]\d* errors?$/);
      const before = parseInt(await count.innerText(), 10);
      assert.equal(await page.locator('#results-panel').isVisible(), false);
      await page.click('#tab-results');
      assert.equal(await page.locator('#tab-results').getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('#editor-panel').isVisible(), false);
      const finding = page.locator('#findings li.finding[data-rule="service-cidr-overlaps-subnet"]');
      await finding.waitFor();
      const top = await page.locator('#findings').evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
      assert.ok(top < 2000, `the findings start ${top} px down`);
      const widest = await page.evaluate(() => Math.max(
        document.documentElement.scrollWidth,
        ...[...document.querySelectorAll('#findings li.finding, #findings .message')].map((e) => e.getBoundingClientRect().right),
      ));
      assert.ok(widest <= 390, `something is ${widest} px wide`);
      await finding.locator('button.fix').click();
      await page.waitForFunction(
        (n) => parseInt(document.querySelector('#tab-results .tab-count').textContent, 10) < n, before);
      await page.locator('svg.address-map g[data-subject="/aksClusters/0/serviceCidr"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/aksClusters/0/serviceCidr');
      assert.equal(await page.locator('#tab-plan').getAttribute('aria-selected'), 'true', 'picking a range opens the editor');
      // The same range, picked again from the results, opens the editor again.
      await page.click('#tab-results');
      await page.locator('svg.address-map g[data-subject="/aksClusters/0/serviceCidr"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/aksClusters/0/serviceCidr');
      assert.equal(await page.locator('#tab-plan').getAttribute('aria-selected'), 'true', 'picking the same range again opens the editor');
      // The arrow keys move between the tabs, and Tab reaches only the chosen one.
      await page.locator('#tab-plan').focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('#tab-results').getAttribute('aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-results');
      assert.equal(await page.locator('#tab-plan').getAttribute('tabindex'), '-1');
      await page.keyboard.press('Home');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-plan');
      assert.equal(await page.locator('#tab-plan').getAttribute('aria-selected'), 'true');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('"Skip to findings" opens the results tab and lands on the findings', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('phone-skip')), phone);
    try {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'findings');
      assert.equal(await page.locator('#tab-results').getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('#findings').isVisible(), true);
      // The next Tab goes on into the findings, not out of the page.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.getElementById('findings').contains(document.activeElement)), true);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the two columns are tab panels only while the tabs show', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + '/', phone);
    try {
      const roles = () => page.evaluate(() => ['editor-panel', 'results-panel'].map((id) => document.getElementById(id).getAttribute('role')));
      assert.deepEqual(await roles(), ['tabpanel', 'tabpanel']);
      assert.equal(await page.locator('#tab-plan').getAttribute('aria-controls'), 'editor-panel');
      // A wide window shows both columns and no tabs: a panel there would name a tab no one sees.
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.waitForFunction(() => !document.getElementById('editor-panel').hasAttribute('role'));
      assert.deepEqual(await roles(), [null, null]);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(() => document.getElementById('results-panel').getAttribute('role') === 'tabpanel');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('every control a finger can reach is at least 24 px each way', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('targets')), phone);
    try {
      // The map's bars are left out: each one's range is also a field of the editor and a button
      // of its finding, which are the targets a finger gets (WCAG 2.2, 2.5.8, "equivalent").
      const tooSmall = () => page.evaluate(() => [...document.querySelectorAll(
        'button, input:not(.visually-hidden), select, textarea, summary, a[href], [role="tab"]',
      )].flatMap((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || (box.width >= 24 && box.height >= 24)) return [];
        return [`${element.outerHTML.slice(0, 80)}: ${box.width.toFixed(1)} × ${box.height.toFixed(1)}`];
      }));
      assert.ok(await page.locator('.field.check input[type="checkbox"]').count() > 0, 'the plan shows checkboxes');
      assert.deepEqual(await tooSmall(), [], 'on the plan tab');
      await page.click('#tab-results');
      await page.locator('#findings li.finding button.subject').first().waitFor();
      await page.locator('#findings li.finding button.why').first().click();
      assert.deepEqual(await tooSmall(), [], 'on the results tab');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the Azure steps and a long name without spaces stay within the screen', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('phone')), phone);
    try {
      const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
      await page.locator('[data-pointer="/vnets/0/name"]').fill('v'.repeat(300));
      assert.ok((await pageWidth()) <= 390, `the page is ${await pageWidth()} px wide with a long VNet name`);
      await page.click('#tab-results');
      await page.click('#toggle-steps');
      const copies = page.locator('li.step button.copy');
      await copies.first().waitFor();
      assert.ok((await pageWidth()) <= 390, `the page is ${await pageWidth()} px wide with the steps open`);
      const rightmost = await copies.evaluateAll((buttons) => Math.max(...buttons.map((b) => b.getBoundingClientRect().right)));
      assert.ok(rightmost <= 390, `a Copy button ends ${rightmost} px from the left`);
      await page.locator('li.step').first().screenshot({ path: join(shots, 'phone-steps.png') });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('every rule explanation wraps within the results column, its sources included', async () => {
    // Sources name files by repository path and commit, words far wider than a phone.
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(example('broken/address-conflicts.json')), phone);
    try {
      await page.click('#tab-results');
      const findings = page.locator('#findings li.finding');
      await findings.first().waitFor();
      const rules = [...new Set(await findings.evaluateAll((items) => items.map((item) => item.dataset.rule)))];
      assert.ok(rules.includes('dns-ip-is-first-address'), `the example's findings: ${rules}`);
      for (const rule of rules) {
        const finding = page.locator(`#findings li.finding[data-rule="${rule}"]`).first();
        await finding.locator('button.why').click();
        await finding.locator('.rule-doc ul.sources li').first().waitFor();
        const [scroll, client] = await page.locator('.results-column').evaluate((column) => [column.scrollWidth, column.clientWidth]);
        assert.ok(scroll <= client, `with ${rule} explained, the results column holds ${scroll} px in ${client} px`);
        await finding.locator('button.why').click();
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  const longNames = [
    ['a-very-long-virtual-network-name-that-reaches-the-azure-limit-64', /^a-very-long-.*… 10\.0\.0\.0\/16$/, 'latin'],
    // Drawn from a face about twice as wide as the monospace face's letters.
    ['推論用の仮想ネットワーク東日本リージョン本番環境の推論用ネットワーク', /^推論用の.*… 10\.0\.0\.0\/16$/, 'cjk'],
  ];
  for (const [long, shortened, shot] of longNames) test(`the map shortens a name too long for the screen, never the addresses beside it (${shot})`, async () => {
    const plan = collidingPlan('long names');
    plan.vnets[0].name = long;
    plan.aksClusters[0].vnet = long;
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan), phone);
    try {
      await page.click('#tab-results');
      // Drawn in its own lane and in the overview's lane of VNets.
      const vnet = page.locator('svg.address-map g[data-subject="/vnets/0/addressPrefixes/0"]').first();
      const label = vnet.locator('text.bar-label');
      for (const text of await page.locator('svg.address-map g[data-subject="/vnets/0/addressPrefixes/0"] text.bar-label').allTextContents()) {
        assert.match(text, shortened);
      }
      assert.equal(await vnet.getAttribute('aria-label'), `${long} 10.0.0.0/16: VNet, First 10.0.0.0, Last 10.0.255.255, Usable 65,536`);
      const title = page.locator('svg.address-map text.lane-title').first();
      assert.equal(await title.getAttribute('aria-label'), `VNet ${long}`);
      const map = await page.locator('svg.address-map').boundingBox();
      for (const text of [label, title]) {
        const box = await text.boundingBox();
        assert.ok(box.x + box.width <= map.x + map.width, `"${await text.textContent()}" ends past the map`);
      }
      await page.locator('svg.address-map').screenshot({ path: join(shots, `phone-map-long-name-${shot}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
