// The planner page in a real Chromium, asserting on what a user sees. Run after `trunk build`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { collidingPlan, openPage, planLink, retirementNotices, root, servedPage } from './harness.mjs';

const shots = join(root, 'artifacts', 'screenshots');

const sharedPlan = collidingPlan('shared by link', { dockerBridgeCidr: '172.17.0.1/16' });

const field = (page, pointer) => page.locator(`[data-pointer="${pointer}"]`);
const findings = (page, selector) => page.locator(`#findings li.finding${selector}`);

/** Waits until nothing matches: a finding has gone once the page has re-checked. */
async function gone(locator) {
  await locator.first().waitFor({ state: 'detached' });
  assert.equal(await locator.count(), 0);
}

/** Loads a preset and waits until the page shows it. */
async function loadPreset(page, preset) {
  await page.selectOption('#preset', preset);
  await page.click('#load-preset');
  await page.waitForFunction(
    (expected) => document.querySelector('[data-pointer="/name"]')?.value === expected,
    presetNames[preset],
  );
}

const presetNames = {
  'default-aks': 'Default AKS cluster created by Azure ML in an existing VNet',
  'private-aks': 'Private AKS cluster (Private Link) attached to a workspace with a private endpoint',
  'aks-internal-lb': 'AKS behind an internal load balancer in its own subnet',
  'aci-vnet': 'ACI web service in a delegated subnet',
  empty: '',
};

describe('the planner page', () => {
  const suite = servedPage();
  const seen = [];

  async function open(path = '/', options = {}) {
    const opened = await openPage(suite.browser, suite.origin + path, options);
    seen.push(opened);
    return opened;
  }

  test('each preset loads with no errors, and no warnings but retirement notices', async () => {
    const { page, errors } = await open();
    const presets = await page.locator('#preset option').evaluateAll((options) => options.map((o) => o.value));
    assert.deepEqual(presets, [
      'default-aks', 'private-aks', 'aks-internal-lb', 'aci-vnet', 'v2-k8s-internal-router', 'v2-managed-endpoint',
      'empty',
    ]);
    // The v2 presets keep the decisions the README leaves to a person: v2.test.mjs checks them.
    for (const preset of presets.filter((name) => !name.startsWith('v2-'))) {
      await loadPreset(page, preset);
      assert.equal(await findings(page, '[data-severity="error"]').count(), 0, `${preset} shows errors`);
      const warned = await findings(page, '[data-severity="warning"]').evaluateAll((items) => items.map((li) => li.dataset.rule));
      assert.deepEqual(warned.filter((rule) => !retirementNotices.includes(rule)), [], `${preset} shows warnings`);
      const invalid = await page.locator('input[aria-invalid="true"]').evaluateAll((inputs) => inputs.map((i) => i.id));
      assert.deepEqual(invalid, [], `${preset} shows fields in error`);
    }
    assert.deepEqual(errors, []);
  });

  test('a shared link shows the service range collision on the map, and Fix removes it', async () => {
    const { page, errors } = await open(planLink(sharedPlan));
    const finding = findings(page, '[data-rule="service-cidr-overlaps-subnet"]');
    await finding.waitFor();
    assert.equal(await finding.getAttribute('data-severity'), 'error');
    for (const subject of ['/aksClusters/0/serviceCidr', '/vnets/0/subnets/0/addressPrefix']) {
      const range = page.locator(`svg.address-map [data-subject="${subject}"]`);
      assert.equal(await range.getAttribute('data-flagged'), 'true', `${subject} is not marked`);
      assert.equal(await range.locator('rect.hatch').count(), 1, `${subject} is not hatched`);
    }
    await finding.locator('button.fix').click();
    await gone(findings(page, '[data-rule="service-cidr-overlaps-subnet"]'));
    const service = await field(page, '/aksClusters/0/serviceCidr').inputValue();
    assert.notEqual(service, '10.0.0.0/16');
    assert.equal(
      await page.locator('svg.address-map [data-subject="/aksClusters/0/serviceCidr"]').getAttribute('data-flagged'),
      'false',
    );
    assert.deepEqual(errors, []);
  });

  test('typing an overlapping subnet shows the finding without a reload', async () => {
    const { page } = await open();
    await loadPreset(page, 'default-aks');
    await page.evaluate(() => { window.stillTheSamePage = true; });
    const prefix = field(page, '/vnets/0/subnets/1/addressPrefix');
    await prefix.fill('10.1.2.0/24');
    await findings(page, '[data-rule="overlapping-subnets"]').waitFor();
    assert.equal(await page.evaluate(() => window.stillTheSamePage), true);
    assert.equal(await prefix.inputValue(), '10.1.2.0/24');
  });

  test('invalid text stays in its field with the problem beside it', async () => {
    const { page } = await open();
    await loadPreset(page, 'default-aks');
    const nodes = field(page, '/aksClusters/0/nodeCount');
    await nodes.fill('3 nodes');
    const note = page.locator(`[id="note:/aksClusters/0/nodeCount"]`);
    await note.waitFor();
    assert.equal(await nodes.inputValue(), '3 nodes');
    assert.equal(await nodes.getAttribute('aria-invalid'), 'true');
    assert.match(await note.innerText(), /whole number of at least 1/);
    // The note says which value the plan, and so its findings, still hold: here the last one
    // that parsed while typing, which the field no longer shows.
    const pods = field(page, '/aksClusters/0/maxPods');
    await pods.fill('');
    // Keys that land in one frame reach the plan together, so the plan is seen to hold the last
    // value that parses before the key that makes it too large.
    await pods.pressSequentially('429496729');
    await findings(page, '[data-rule="max-pods-out-of-range"]').filter({ hasText: 'maxPods 429496729,' }).waitFor();
    await pods.press('6');
    assert.equal(await pods.inputValue(), '4294967296');
    const podsNote = page.locator(`[id="note:/aksClusters/0/maxPods"]`);
    await podsNote.waitFor();
    assert.match(await podsNote.innerText(), /Until then the plan, its findings and its links keep 429496729\./);
    const prefix = field(page, '/vnets/0/subnets/0/addressPrefix');
    await prefix.fill('010.1.0.0/22');
    await findings(page, '[data-rule="invalid-cidr"]').waitFor();
    assert.match(await page.locator(`[id="note:/vnets/0/subnets/0/addressPrefix"]`).innerText(), /leading zero/);
    assert.equal(await prefix.inputValue(), '010.1.0.0/22');
  });

  test('a reload keeps the plan, and a broken link keeps it too', async () => {
    const { page } = await open();
    await field(page, '/name').fill('kept across reloads');
    // The reload must come after the edit reached the plan, which may wait for the next frame
    // when the page is busy (the editor sends typing on at most once per frame); what is then
    // waiting to be saved is saved as the page goes.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    await page.reload();
    await page.locator('#findings').waitFor();
    assert.equal(await field(page, '/name').inputValue(), 'kept across reloads');

    await page.evaluate(() => { window.location.hash = '#plan=this-is-not-a-plan'; });
    await page.locator('#notice.notice-error').waitFor();
    assert.match(await page.locator('#notice').innerText(), /could not be opened/);
    assert.equal(await field(page, '/name').inputValue(), 'kept across reloads');

    await page.goto(suite.origin + '/#plan=AAAA');
    await page.locator('#notice.notice-error').waitFor();
    assert.equal(await field(page, '/name').inputValue(), 'kept across reloads');

    // A link opened in a new visit replaces the saved plan as one step that Undo takes back.
    await page.goto('about:blank');
    await page.goto(suite.origin + planLink(sharedPlan));
    await page.locator('#notice', { hasText: 'Plan loaded from the link' }).waitFor();
    assert.equal(await field(page, '/name').inputValue(), 'shared by link');
    await page.click('#undo');
    await page.waitForFunction(() => document.querySelector('[data-pointer="/name"]')?.value === 'kept across reloads');
  });

  test('a reload keeps the migration notes with the migrated plan, until they are put away', async () => {
    const { page, errors } = await open();
    await page.click('#migrate');
    const notes = page.locator('#migration li.migration-note');
    await notes.first().waitFor();
    const before = await notes.allInnerTexts();
    assert.ok(before.length > 0);
    // New notes take the focus and scroll to it; a reload then may restore that scroll, as
    // Chromium does when the page is tall enough in time. Starting from the top leaves only the
    // page's own scrolling to see.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    await page.reload();
    await notes.first().waitFor();
    assert.deepEqual(await notes.allInnerTexts(), before);
    // No step of this visit made them, so their introduction no longer offers Undo.
    assert.equal(await page.locator('#migration .migration-intro').innerText(),
      'What the last migration changed, and what is left for you to do:');
    assert.equal(await page.locator('#undo').isDisabled(), true);
    // Notes the page opens with were not just made: they do not take the focus, nor scroll to it.
    assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'migration');
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    assert.equal(await field(page, '/aksClusters/0/azureMl/api').inputValue(), 'v2');
    // With no Undo left to take them back, they can still be put away, and stay away.
    await page.locator('#dismiss-migration-notes').focus();
    await page.keyboard.press('Enter');
    await notes.first().waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'migration');
    assert.equal(await field(page, '/aksClusters/0/azureMl/api').inputValue(), 'v2', 'the plan stays migrated');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    await page.reload();
    await field(page, '/aksClusters/0/azureMl/api').waitFor();
    assert.equal(await notes.count(), 0);
    assert.deepEqual(errors, []);
  });

  test('undo and redo cover edits and fixes', async () => {
    const { page } = await open(planLink(sharedPlan));
    await findings(page, '[data-rule="service-cidr-overlaps-subnet"] button.fix').first().click();
    await gone(findings(page, '[data-rule="service-cidr-overlaps-subnet"]'));
    await page.click('#undo');
    await findings(page, '[data-rule="service-cidr-overlaps-subnet"]').waitFor();
    assert.equal(await field(page, '/aksClusters/0/serviceCidr').inputValue(), '10.0.0.0/16');
    await page.click('#redo');
    await gone(findings(page, '[data-rule="service-cidr-overlaps-subnet"]'));
  });

  test('the keyboard alone reaches and applies a fix', async () => {
    const { page } = await open(planLink(sharedPlan));
    const fix = findings(page, '[data-rule="service-cidr-overlaps-subnet"] button.fix').first();
    await fix.focus();
    await page.keyboard.press('Enter');
    await gone(findings(page, '[data-rule="service-cidr-overlaps-subnet"]'));
    const range = page.locator('svg.address-map g[data-subject="/vnets/0/subnets/0/addressPrefix"]');
    await range.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/vnets/0/subnets/0/addressPrefix');
  });

  test('the page speaks French', async () => {
    const { page } = await open(planLink(sharedPlan));
    await page.selectOption('#language', 'fr');
    await page.locator('#findings-title', { hasText: 'Constats' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.match(
      await findings(page, '[data-rule="service-cidr-overlaps-subnet"] .finding-head strong').innerText(),
      /^La plage des services Kubernetes chevauche/,
    );
    const french = await open('/', { locale: 'fr-FR' });
    assert.equal(await french.page.locator('#findings-title').innerText(), 'Constats');
  });

  test('light and dark screenshots', async () => {
    mkdirSync(shots, { recursive: true });
    for (const colorScheme of ['light', 'dark']) {
      const { page } = await open(planLink(sharedPlan), { colorScheme });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, colorScheme === 'dark' ? 'rgb(20, 23, 27)' : 'rgb(246, 247, 249)');
      await page.screenshot({ path: join(shots, `${colorScheme}.png`), fullPage: true });
    }
  });

  test('no request leaves for anything but the page’s own files', () => {
    assert.ok(seen.length > 0);
    for (const { requests } of seen) {
      for (const url of requests) {
        assert.ok(url.startsWith(suite.origin + '/') || url.startsWith('data:') || url.startsWith('blob:'), url);
      }
    }
  });
});
