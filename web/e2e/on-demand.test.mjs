// The parts the first visit does not download: the Azure steps and exports, the import, the
// migration to Azure ML v2 and the rule explanations come from a second module, and the French texts from a file, each fetched
// on first use. After one visit they work with the network cut, from the service worker's
// cache; the single offline file carries them inline; and when they cannot be fetched the page
// says so and the plan stays as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, openOfflineFile, openPage, planLink, root, serveFolder, servedPage } from './harness.mjs';

const broken = example('broken/sdk-default-service-cidr.json');
const rule = 'service-cidr-overlaps-subnet';
const vnetShow = readFileSync(join(root, 'crates', 'vnetplan-core', 'src', 'import', 'fixtures', 'vnet-show.json'), 'utf8');
const shots = join(root, 'artifacts', 'screenshots');
mkdirSync(shots, { recursive: true });
const isExtras = (url) => /\/extras-[0-9a-f]+(_bg\.wasm|\.js)(\?attempt=\d+)?$/.test(url);
const isFrench = (url) => /\/french-[0-9a-f]+\.json$/.test(url);

/**
 * Holds every request `matching` back until the function it resolves to is called, as a slow
 * network would; `onRequest` hears of each request when it is held.
 */
async function heldBack(context, matching, onRequest = () => {}) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await context.route(matching, async (route) => {
    onRequest();
    await released;
    await route.continue();
  });
  return release;
}

/**
 * Opens the steps, a download, an explanation, the import and the migration to v2, and checks
 * what each shows.
 */
async function useEveryPart(page, shotName) {
  await page.click('#toggle-steps');
  const flagged = page.locator('li.step[data-flagged="true"]', { hasText: rule });
  await flagged.first().waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download[data-format="terraform"]')]);
  assert.match(readFileSync(await download.path(), 'utf8'), /resource "azurerm_virtual_network"/);

  const finding = page.locator(`#findings li.finding[data-rule="${rule}"]`);
  await finding.getByRole('button', { name: 'Why?' }).click();
  const doc = finding.locator('.rule-doc');
  await doc.locator('h3', { hasText: 'What it checks' }).waitFor();
  assert.match(await doc.locator('pre.example').innerText(), /reference plan/);
  assert.ok((await doc.locator('ul.sources li').count()) > 0);
  await finding.screenshot({ path: join(shots, `${shotName}-explanation.png`) });
  await page.locator('.steps-card').screenshot({ path: join(shots, `${shotName}-steps.png`) });

  await page.click('#open-import');
  await page.fill('#import-text', vnetShow);
  await page.click('#run-import');
  await page.locator('#import-outcome .ok').waitFor();
  assert.match(await page.locator('.import-notes').innerText(), /routeTable/);
  await page.click('#close-import');

  await page.selectOption('#language', 'fr');
  await finding.locator('.rule-doc h3', { hasText: 'Ce qui est vérifié' }).waitFor();
  await page.locator('li.step', { hasText: 'Créer' }).first().waitFor();

  await page.click('#migrate');
  await page.locator('#migration .migration-intro', { hasText: 'Ce que la migration a changé' }).waitFor();
  assert.ok((await page.locator('#migration li.migration-note').count()) > 0);
  assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v2');
  await page.locator('#migration').screenshot({ path: join(shots, `${shotName}-migration.png`) });
}

/**
 * Publishes a new build over the one in `folder`, as a host that replaces the folder does: every
 * content-hashed file gets a new hash, the old names are gone, and the worker names a new cache.
 * Returns each old file name with its new one, and the new worker's cache.
 */
function publishNewBuild(folder) {
  const newer = (hash) => [...hash].map((digit) => ((parseInt(digit, 16) + 1) % 16).toString(16)).join('');
  const renamed = new Map();
  for (const name of readdirSync(folder)) {
    const hashed = name.match(/^(.+-)([0-9a-f]{12,})((?:_bg)?\.\w+)$/);
    if (!hashed) continue;
    renamed.set(name, `${hashed[1]}${newer(hashed[2])}${hashed[3]}`);
  }
  for (const [from, to] of renamed) renameSync(join(folder, from), join(folder, to));
  for (const text of readdirSync(folder).filter((name) => /\.(html|js)$/.test(name) && !name.endsWith('offline.html'))) {
    let body = readFileSync(join(folder, text), 'utf8');
    for (const [from, to] of renamed) body = body.replaceAll(from, to);
    body = body.replace(/'vnetplan-([0-9a-f]{16})'/, (_, version) => `'vnetplan-${newer(version)}'`);
    writeFileSync(join(folder, text), body);
  }
  const cache = readFileSync(join(folder, 'sw.js'), 'utf8').match(/'(vnetplan-[0-9a-f]{16})'/)[1];
  return { renamed, cache };
}

/**
 * Has the worker of a newly published build take over the page, as it does when it finds it
 * (when the reader comes back to the tab, with `onReturn`), and waits until it has activated:
 * the page changes hands as activation starts, before the worker has put the earlier caches
 * away.
 */
async function takeOver(page, { onReturn = false } = {}) {
  await page.evaluate(async (onReturn) => {
    // Bounded as Playwright's own waits are, so that a page that never finds the worker fails.
    const tookOver = Promise.race([
      new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no new worker took the page over in 30 s')), 30_000)),
    ]);
    // The tab looks for a new worker when the reader comes back to it; the test can also ask.
    if (onReturn) document.dispatchEvent(new Event('visibilitychange'));
    else await (await navigator.serviceWorker.getRegistration()).update();
    await tookOver;
    const worker = navigator.serviceWorker.controller;
    if (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
  }, onReturn);
}

describe('parts fetched on first use', () => {
  const suite = servedPage();

  test('the first visit leaves them out, and after it they work offline from the cache', async () => {
    const { context, page, requests, errors } = await openPage(suite.browser, suite.origin + planLink(broken), { acceptDownloads: true });
    await page.locator(`li.finding[data-rule="${rule}"]`).waitFor();
    assert.deepEqual(requests.filter(isExtras), [], 'the first screen fetched the on-demand module');
    assert.deepEqual(requests.filter(isFrench), [], 'the English first screen fetched the French texts');
    // The worker precaches every file of the build, the on-demand module included, once active.
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const cache = await caches.open((await caches.keys()).find((key) => key.startsWith('vnetplan-')));
      return (await cache.keys()).map((request) => request.url);
    });
    assert.equal(cached.filter(isExtras).length, 2);
    assert.equal(cached.filter(isFrench).length, 1);

    await context.setOffline(true);
    await page.reload();
    await page.locator(`li.finding[data-rule="${rule}"]`).waitFor();
    await useEveryPart(page, 'on-demand-cached');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a part loaded while the worker installs is no newer release', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(broken));
    // A "Why?" clicked during the first visit adds the part's script to the page before the
    // worker takes over; the page is compared once it holds one.
    await page.evaluate(async () => {
      await window.vnetplanExtras();
      const container = navigator.serviceWorker;
      if (!container.controller) await new Promise((resolve) => container.addEventListener('controllerchange', resolve, { once: true }));
    });
    await page.evaluate(() => {
      delete window.vnetplanNewRelease;
      navigator.serviceWorker.dispatchEvent(new Event('controllerchange'));
    });
    await page.waitForFunction(() => window.vnetplanNewRelease !== undefined);
    assert.equal(await page.evaluate(() => window.vnetplanNewRelease), false);
    assert.equal(await page.locator('.release-slot').innerText(), '');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a page opened before a new build was published still loads them, offline too, and a reload brings the new build', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vnetplan-published-'));
    cpSync(join(root, 'dist'), folder, { recursive: true });
    // GitHub Pages lets browsers keep every file for ten minutes, index.html included.
    const server = await serveFolder(folder, { 'cache-control': 'max-age=600' });
    try {
      const { context, page, requests, errors } = await openPage(suite.browser, server.origin + planLink(broken), { acceptDownloads: true });
      // The worker takes over the page of its own first visit too: that is no newer release.
      await page.evaluate(async () => {
        const container = navigator.serviceWorker;
        if (!container.controller) await new Promise((resolve) => container.addEventListener('controllerchange', resolve, { once: true }));
      });
      await page.waitForFunction(() => window.vnetplanNewRelease !== undefined);
      assert.equal(await page.evaluate(() => window.vnetplanNewRelease), false);
      // A returning visitor: the page comes from the worker's cache, and uses no part yet.
      await page.reload();
      await page.locator(`li.finding[data-rule="${rule}"]`).waitFor();
      assert.deepEqual(requests.filter(isExtras), []);
      // The release has a live region of its own, which waits empty from the first render on.
      assert.equal(await page.locator('.release-slot[role="status"]').count(), 1);
      assert.equal(await page.locator('.release-slot').innerText(), '');

      // Coming back to the tab is enough for it to find the new release. The look that the
      // browser makes after loading a page has come and gone by then.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const { renamed, cache: second } = publishNewBuild(folder);
      await takeOver(page, { onReturn: true });
      const newRelease = page.locator('.release-slot #release', { hasText: 'A newer release of the planner has been installed' });
      await newRelease.getByRole('button', { name: 'Reload' }).waitFor();
      await context.setOffline(true);
      await useEveryPart(page, 'on-demand-after-publish');
      // The import's own notice took the notice's place: the release is still said, in French now.
      await page.locator('#notice', { hasText: 'Plan fusionné avec la sortie d’Azure' }).waitFor();
      await page.locator('#release', { hasText: 'Une version plus récente du planificateur a été installée' }).waitFor();
      const fetched = requests.filter(isExtras).map((url) => new URL(url).pathname.slice(1));
      assert.ok(fetched.length > 0 && fetched.every((name) => renamed.has(name)), `the page asked for ${fetched}, not its own build's module`);

      await page.reload();
      await page.locator(`li.finding[data-rule="${rule}"]`).waitFor();
      const published = await page.locator('meta[name="vnetplan-extras"]').getAttribute('content');
      assert.equal(published, `./${renamed.get(fetched.find((name) => name.endsWith('.js')))}`);
      await page.click('#toggle-steps');
      await page.locator('li.step[data-flagged="true"]', { hasText: rule }).first().waitFor();

      // A build published with a file missing never installs, and leaves no cache behind that
      // the next worker could take for the build before it.
      await context.setOffline(false);
      const { renamed: incomplete } = publishNewBuild(folder);
      const french = [...incomplete.values()].find((name) => name.startsWith('french-'));
      renameSync(join(folder, french), join(folder, `${french}.away`));
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration.update();
        const worker = registration.installing;
        if (worker && worker.state !== 'redundant') {
          await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'redundant' && resolve()));
        }
      });
      renameSync(join(folder, `${french}.away`), join(folder, french));
      const first = await page.evaluate(() => caches.keys());
      assert.equal(first.length, 2);
      assert.equal(first[1], second);

      // The next build keeps the cache of the one the page runs, and drops the older one. The
      // page, in French since the parts were used, offers to reload into it, and keeps the plan:
      // the migration above made it v2.
      const { cache: third } = publishNewBuild(folder);
      const latest = readFileSync(join(folder, 'index.html'), 'utf8').match(/name="vnetplan-extras" content="([^"]+)"/)[1];
      await takeOver(page);
      assert.deepEqual(await page.evaluate(() => caches.keys()), [second, third]);
      const nouvelleVersion = page.locator('#release', { hasText: 'Une version plus récente du planificateur a été installée' });
      await nouvelleVersion.screenshot({ path: join(shots, 'new-release.png') });
      await nouvelleVersion.getByRole('button', { name: 'Recharger' }).click();
      await page.locator(`meta[name="vnetplan-extras"][content="${latest}"]`).waitFor({ state: 'attached' });
      await page.locator(`li.finding[data-rule="${rule}"]`).waitFor();
      assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v2');
      assert.equal(await page.evaluate(() => window.vnetplanNewRelease), undefined);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a page that opens in French fetches the French texts before it shows, and not the module', async () => {
    const { context, page, requests, errors } = await openPage(suite.browser, suite.origin + planLink(broken), { locale: 'fr-FR' });
    await page.locator('#findings-title', { hasText: 'Constats' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.inputValue('#language'), 'fr');
    assert.match(await page.locator(`li.finding[data-rule="${rule}"] .message`).innerText(), /la plage de services .* chevauche le sous-réseau/);
    assert.equal(requests.filter(isFrench).length, 1);
    assert.deepEqual(requests.filter(isExtras), [], 'French needs no on-demand module');
    await page.screenshot({ path: join(shots, 'on-demand-french-first.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('when the French texts cannot be fetched the page stays in English, says so, and tries again later', async () => {
    const { context, page } = await openPage(suite.browser, suite.origin + planLink(broken), { serviceWorkers: 'block' });
    const frenchAsked = [];
    await context.route(isFrench, (route) => {
      frenchAsked.push(route.request().url());
      return route.abort();
    });
    await page.selectOption('#language', 'fr');
    await page.locator('#notice', { hasText: 'The French texts could not be loaded' }).waitFor();
    assert.equal(await page.inputValue('#language'), 'en');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await page.locator('#findings-title').innerText(), /Findings/);
    await page.locator('#notice').screenshot({ path: join(shots, 'on-demand-french-unavailable.png') });

    // The choice is kept: the next visit asks for French again, and opens in English without it.
    // It asks once: a fetch that has just failed is not repeated straight away. The page's own
    // request for `/barrier`, made after the notice shows, is intercepted after every request
    // the page made before it.
    frenchAsked.length = 0;
    await page.reload();
    await page.locator('#notice', { hasText: 'The French texts could not be loaded' }).waitFor();
    assert.match(await page.locator('#findings-title').innerText(), /Findings/);
    const askedBeforeBarrier = new Promise((resolve) => {
      context.route('**/barrier', (route) => {
        resolve(frenchAsked.length);
        return route.abort();
      });
    });
    await page.evaluate(() => fetch('/barrier').catch(() => {}));
    assert.equal(await askedBeforeBarrier, 1, 'French was asked for again straight after it failed');

    await context.unroute(isFrench);
    await page.selectOption('#language', 'fr');
    await page.locator('#findings-title', { hasText: 'Constats' }).waitFor();
    await context.close();
  });

  test('French texts that come after the page gave up waiting replace its notice, and one click shows French', async () => {
    // The page waits for French for a while, then opens in English so that a silent network
    // cannot keep it shut. The texts are held back until it has done so, then let through.
    const context = await suite.browser.newContext({ locale: 'fr-FR', serviceWorkers: 'block', viewport: { width: 1400, height: 1000 } });
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    await context.route(isFrench, async (route) => {
      await released;
      await route.continue();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(suite.origin + planLink(broken));
    await page.locator('#notice', { hasText: 'The French texts could not be loaded' }).waitFor();
    assert.match(await page.locator('#findings-title').innerText(), /Findings/);

    release();
    const arrived = page.locator('#notice', { hasText: 'Les textes français sont maintenant chargés' });
    await arrived.waitFor();
    assert.equal(await page.locator('#notice', { hasText: 'could not be loaded' }).count(), 0, 'the old notice is gone');
    await arrived.screenshot({ path: join(shots, 'on-demand-french-arrived.png') });
    const offer = arrived.getByRole('button', { name: 'Passer en français' });
    assert.equal(await offer.getAttribute('lang'), 'fr');
    await offer.click();
    await page.locator('#findings-title', { hasText: 'Constats' }).waitFor();
    assert.equal(await page.locator('#notice').count(), 0);
    assert.equal(await page.inputValue('#language'), 'fr');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'language');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('when the module cannot be fetched the page says so, keeps the plan, and tries again later', async () => {
    // Without a worker: it would serve the module from the cache it fills after the first visit.
    const { context, page } = await openPage(suite.browser, suite.origin + planLink(broken), { serviceWorkers: 'block' });
    await context.route(isExtras, (route) => route.abort());
    const before = await page.locator('[data-pointer="/vnets/0/name"]').inputValue();

    await page.click('#toggle-steps');
    assert.match(await page.locator('#azure-steps-body .extras-error').innerText(), /could not be loaded/);
    const finding = page.locator(`#findings li.finding[data-rule="${rule}"]`);
    await finding.getByRole('button', { name: 'Why?' }).click();
    assert.match(await finding.locator('.rule-doc .extras-error').innerText(), /could not be loaded/);
    await finding.screenshot({ path: join(shots, 'on-demand-unavailable.png') });
    await page.click('#open-import');
    await page.fill('#import-text', vnetShow);
    await page.click('#run-import');
    assert.match(await page.locator('#import-outcome .import-error').innerText(), /could not be loaded/);
    await page.click('#close-import');
    await page.click('#migrate');
    await page.locator('#notice', { hasText: 'The plan could not be migrated to v2; it is unchanged.' }).waitFor();
    assert.match(await page.locator('#notice .notice-detail').innerText(), /could not be loaded/);
    assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v1');
    assert.equal(await page.locator('#migrate').getAttribute('aria-busy'), 'false');
    // The cluster's switch asks for the same migration, and shows the plan's v1 again.
    await page.locator('#notice').getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').selectOption('v2');
    await page.locator('#notice', { hasText: 'The plan could not be migrated to v2' }).waitFor();
    assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v1');
    assert.equal(await page.locator('[data-pointer="/vnets/0/name"]').inputValue(), before);
    assert.equal(await page.locator('#undo').isDisabled(), true);

    await context.unroute(isExtras);
    await page.click('#toggle-steps');
    await page.click('#toggle-steps');
    await page.locator('li.step[data-flagged="true"]', { hasText: rule }).first().waitFor();
    await context.close();
  });

  test('a part that stalls frees its button after a minute, says why, and loads when asked again', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(broken), { serviceWorkers: 'block' });
    // Requests that are never answered, as on a connection that stalled.
    const stalled = [];
    await context.route(isExtras, (route) => { stalled.push(route.request().url()); });
    await page.clock.install();
    await page.click('#migrate');
    await page.locator('#migration-loading').waitFor();
    assert.equal(await page.locator('#migrate').getAttribute('aria-busy'), 'true');
    assert.equal(stalled.length, 1);

    await page.clock.fastForward('01:01');
    await page.clock.resume();
    await page.locator('#notice', { hasText: 'The plan could not be migrated to v2; it is unchanged.' }).waitFor();
    assert.match(await page.locator('#notice .notice-detail').innerText(), /still not arrived after a minute/);
    await page.locator('#notice').screenshot({ path: join(shots, 'on-demand-stalled.png') });
    assert.equal(await page.locator('#migrate').getAttribute('aria-busy'), 'false');
    assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v1');

    // French that stalls frees the language list the same way, and the page stays in English.
    await context.route(isFrench, () => {});
    await page.selectOption('#language', 'fr');
    assert.equal(await page.locator('#language').getAttribute('aria-busy'), 'true');
    await page.clock.fastForward('01:01');
    await page.clock.resume();
    await page.locator('#notice', { hasText: 'The French texts could not be loaded' }).waitFor();
    assert.match(await page.locator('#notice .notice-detail').innerText(), /still not arrived after a minute/);
    assert.equal(await page.locator('#language').getAttribute('aria-busy'), 'false');
    assert.equal(await page.inputValue('#language'), 'en');

    // The network is back: asked again, the page fetches the module anew rather than waiting
    // on the request that stalled.
    await context.unroute(isExtras);
    await page.click('#migrate');
    await page.locator('#migration li.migration-note').first().waitFor();
    assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v2');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an import answered after the plan changed leaves the plan as it is, and says so', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(broken), { serviceWorkers: 'block' });
    const release = await heldBack(context, isExtras);
    const name = page.locator('[data-pointer="/name"]');
    await name.fill('edited before importing');
    await page.click('#open-import');
    await page.fill('#import-text', vnetShow);
    await page.click('#run-import');
    await page.locator('#import-outcome', { hasText: 'Loading' }).waitFor();
    // Undo does not reach the plan behind the open dialog.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Escape');
    assert.equal(await name.inputValue(), 'edited before importing');
    await name.fill('renamed while importing');
    release();
    await page.locator('#notice', { hasText: 'The plan changed while the import was running' }).waitFor();
    assert.equal(await name.inputValue(), 'renamed while importing');

    // Run again on the plan as it now is, the import merges.
    await page.click('#open-import');
    await page.fill('#import-text', vnetShow);
    await page.click('#run-import');
    await page.locator('#import-outcome .ok').waitFor();
    await page.locator('#notice', { hasText: 'Plan merged' }).waitFor();
    assert.equal(await name.inputValue(), 'renamed while importing');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('English chosen while French loads stays chosen when the French texts come', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(broken), { serviceWorkers: 'block' });
    let asked;
    const frenchAsked = new Promise((resolve) => { asked = resolve; });
    const release = await heldBack(context, isFrench, asked);
    await page.selectOption('#language', 'fr');
    await frenchAsked;
    await page.selectOption('#language', 'en');
    assert.equal(await page.locator('#language').getAttribute('aria-busy'), 'false');
    release();
    // Once the page's own wait for the texts has ended, and two frames have rendered since, the
    // page is still English.
    await page.evaluate(() => window.vnetplanFrench());
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.inputValue('#language'), 'en');
    assert.match(await page.locator('#findings-title').innerText(), /Findings/);
    // The texts are installed all the same, so French is then one choice away, at once.
    await page.selectOption('#language', 'fr');
    await page.locator('#findings-title', { hasText: 'Constats' }).waitFor();
    await page.selectOption('#language', 'en');
    await page.locator('#findings-title', { hasText: 'Findings' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('vnetplan.lang')), 'en');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an edit made while the migration loads is kept, and the migration is then not applied', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(broken), { serviceWorkers: 'block' });
    const release = await heldBack(context, isExtras);
    const name = page.locator('[data-pointer="/vnets/0/name"]');
    await page.click('#migrate');
    await page.locator('#migration-loading').waitFor();
    assert.equal(await page.locator('#migrate').getAttribute('aria-busy'), 'true');
    await name.fill('renamed-while-loading');
    release();
    await page.locator('#notice', { hasText: 'The plan changed while the migration was loading' }).waitFor();
    assert.equal(await name.inputValue(), 'renamed-while-loading');
    assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v1');
    assert.equal(await page.locator('#migration li.migration-note').count(), 0);
    assert.equal(await page.locator('#migration-loading').count(), 0);

    // Asked again, on the plan as it now is, the module (loaded by then) migrates it.
    await page.click('#migrate');
    await page.locator('#migration li.migration-note').first().waitFor();
    assert.equal(await page.locator('[data-pointer="/aksClusters/0/azureMl/api"]').inputValue(), 'v2');
    assert.equal(await name.inputValue(), 'renamed-while-loading');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the single offline file carries them, with the network blocked', async () => {
    const { context, page, outside, errors } = await openOfflineFile(suite.browser, planLink(broken).slice(1), { acceptDownloads: true });
    await page.locator(`li.finding[data-rule="${rule}"]`).waitFor();
    await useEveryPart(page, 'on-demand-offline-file');
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
