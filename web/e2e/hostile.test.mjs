// Hostile and heavy input on the page: markup in names, huge and random links, a 10,000-subnet
// plan, the Content-Security-Policy, and a reload or a click in the middle of typing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigPlan, example, openPage, planLink, root, servedPage } from './harness.mjs';

const defaultAks = example('default-aks.json');
const field = (page, pointer) => page.locator(`[data-pointer="${pointer}"]`);

describe('hostile and heavy input', () => {
  const suite = servedPage();

  test('names with markup and script render as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const plan = structuredClone(defaultAks);
    plan.vnets[0].name = hostile;
    plan.aksClusters[0].name = hostile;
    const { page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    let dialogs = 0;
    page.on('dialog', (dialog) => { dialogs += 1; return dialog.dismiss(); });
    assert.equal(await field(page, '/vnets/0/name').inputValue(), hostile);
    await page.locator('legend', { hasText: 'VNet <img' }).first().waitFor();
    assert.equal(await page.locator('main img, main script').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(dialogs, 0);
    assert.deepEqual(errors, []);
  });

  test('a 1 MB link, a link of random bytes, a compressed bomb and an empty link are refused with a message, and the plan stays', async () => {
    const { page } = await openPage(suite.browser, suite.origin + '/');
    await field(page, '/name').fill('my plan');
    // 9 MB of spaces, 9 KB once compressed: past the 8 MB that a link may decompress to.
    const bomb = deflateRawSync(Buffer.alloc(9 * 1024 * 1024, 32), { level: 9 }).toString('base64url');
    const links = [
      [randomBytes(768 * 1024).toString('base64url'), /does not decompress/],
      [randomBytes(300).toString('latin1'), /not base64url/],
      [bomb, /larger than 8 MB/],
      // A link cut right after its key says so, rather than that its data does not decompress.
      ['', /nothing follows #plan=; the link was probably cut short/],
    ];
    for (const [junk, why] of links) {
      const started = Date.now();
      await page.evaluate((hash) => { window.location.hash = hash; }, '#plan=' + junk);
      await page.locator('#notice.notice-error').waitFor();
      console.log(`refused a ${junk.length}-character link in ${Date.now() - started} ms`);
      assert.match(await page.locator('#notice').innerText(), /could not be opened/);
      assert.match(await page.locator('#notice .notice-detail').innerText(), why);
      assert.equal(await field(page, '/name').inputValue(), 'my plan');
      await page.click('#notice button');
    }
  });

  test('a plan of 10,000 subnets stays usable', async () => {
    const started = Date.now();
    const { page } = await openPage(suite.browser, suite.origin + planLink(bigPlan(10000)));
    await page.locator('li.finding[data-rule="overlapping-subnets"]').first().waitFor();
    console.log(`10,000-subnet plan shown in ${Date.now() - started} ms`);
    const typed = Date.now();
    await field(page, '/vnets/0/subnets/5/addressPrefix').fill('10.9.0.0/28');
    await page.locator('li.finding[data-rule="subnet-outside-vnet"]').waitFor();
    console.log(`re-checked after an edit in ${Date.now() - typed} ms`);
    // The map draws what is in view and every conflict; the rest comes into view as it scrolls.
    const map = page.locator('svg.address-map');
    assert.equal(await map.locator('g.range[data-subject="/vnets/0/subnets/4000/addressPrefix"][data-flagged="true"]').count(), 1);
    const last = map.locator('g.range[data-subject="/vnets/1/subnets/3999/addressPrefix"]');
    assert.equal(await last.count(), 0, 'a bar far out of view is not drawn');
    await page.locator('.map-scroll').evaluate((scroller) => { scroller.scrollLeft = scroller.scrollWidth; });
    await last.waitFor();
  });

  test('the editor shows long lists a page at a time, and shows what is chosen or added past a page', async () => {
    const plan = bigPlan(150);
    plan.externalRanges = Array.from({ length: 100 }, (_, i) => ({ name: `onprem${i}`, addressPrefix: `172.16.${i}.0/24`, kind: 'onPremises' }));
    // Far past the first page, one on-premises range overlaps the VNet.
    plan.externalRanges[90].addressPrefix = '10.0.200.0/24';
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const editor = page.locator('.editor');
      await field(page, '/externalRanges/39/name').waitFor();
      assert.equal(await field(page, '/externalRanges/40/name').count(), 0);
      assert.match(await editor.innerText(), /60 more external ranges are not shown\./);
      assert.match(await editor.innerText(), /111 more subnets are not shown\./);

      await page.click('#findings button.subject[data-subject="/externalRanges/90/addressPrefix"]');
      await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/externalRanges/90/addressPrefix');
      assert.equal(await field(page, '/externalRanges/60/name').count(), 0, 'only the chosen range is shown past the page');

      await page.getByRole('button', { name: 'Add an external range' }).click();
      await field(page, '/externalRanges/100/name').waitFor();

      const firstVnet = page.locator('fieldset.vnet').first();
      await firstVnet.locator('p.more button.show-more').click();
      await field(page, '/vnets/0/subnets/150/name').waitFor();
      assert.equal(await firstVnet.locator('p.more').count(), 0, 'a page of 200 more shows the last of 151 subnets');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('keys typed faster than a 10,000-subnet plan is checked reach it together, the last one winning', async () => {
    const { page } = await openPage(suite.browser, suite.origin + planLink(bigPlan(10000)));
    const pointer = '/vnets/0/subnets/7/addressPrefix';
    await field(page, pointer).waitFor();
    // Every key's input event in one task, as when the page is busy while keys come in: the
    // first goes through at once, the others wait for the next frame and go through together.
    const seen = await page.evaluate((pointer) => {
      const input = document.querySelector(`[data-pointer="${pointer}"]`);
      const outside = () => document.querySelector('li.finding[data-rule="subnet-outside-vnet"]') !== null;
      const typed = '10.9.0.0/28';
      for (let end = 1; end <= typed.length; end += 1) {
        input.value = typed.slice(0, end);
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: typed[end - 1] }));
      }
      return outside();
    }, pointer);
    assert.equal(seen, false, 'the keys after the first wait for the next frame');
    await page.locator('li.finding[data-rule="subnet-outside-vnet"]').waitFor();
    assert.equal(await field(page, pointer).inputValue(), '10.9.0.0/28');
    await page.click('#undo');
    await page.locator('li.finding[data-rule="subnet-outside-vnet"]').waitFor({ state: 'detached' });
    assert.equal(await field(page, pointer).inputValue(), '10.0.0.112/28', 'the keys were one undo step');
  });

  test('the Content-Security-Policy allows no inline code, and the page breaks none of it', async () => {
    const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
    const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    assert.ok(policy, 'the page has a CSP');
    assert.doesNotMatch(policy, /unsafe-inline/);
    assert.doesNotMatch(policy, /(^|\s)'unsafe-eval'/);
    assert.match(policy, /default-src 'self'/);
    const context = await suite.browser.newContext();
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective));
    });
    const page = await context.newPage();
    await page.goto(suite.origin + planLink(defaultAks));
    await page.locator('#findings').waitFor();
    await page.click('#toggle-steps');
    await page.locator('li.step').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await context.close();
  });

  test('a reload in the middle of typing loses nothing', async () => {
    const { page } = await openPage(suite.browser, suite.origin + '/');
    await page.selectOption('#preset', 'default-aks');
    await page.click('#load-preset');
    await field(page, '/vnets/0/subnets/1/addressPrefix').fill('10.1.');
    await field(page, '/aksClusters/0/nodeCount').fill('12x');
    await page.reload();
    await page.locator('#findings').waitFor();
    assert.equal(await field(page, '/vnets/0/subnets/1/addressPrefix').inputValue(), '10.1.');
    assert.equal(await field(page, '/aksClusters/0/nodeCount').inputValue(), '12x');
  });

  test('keys typed within one frame and a reload in the same task lose nothing', async () => {
    // Typing faster than frames come holds the later keys until the next frame: the page
    // must not leave before they are saved. Both keys and the reload run in one task, so no
    // frame can come between them however fast or slow the machine is.
    const { page } = await openPage(suite.browser, suite.origin + '/');
    await page.selectOption('#preset', 'default-aks');
    await page.click('#load-preset');
    await page.locator('#findings').waitFor();
    const reloaded = page.waitForEvent('load');
    await page.evaluate(() => {
      const type = (pointer, text) => {
        const input = document.querySelector(`[data-pointer="${pointer}"]`);
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      type('/vnets/0/subnets/1/addressPrefix', '10.1.');
      type('/aksClusters/0/nodeCount', '12x');
      type('/vnets/0/name', 'typed-last');
      location.reload();
    }).catch(() => {});
    await reloaded;
    await page.locator('#findings').waitFor();
    assert.equal(await field(page, '/vnets/0/subnets/1/addressPrefix').inputValue(), '10.1.');
    assert.equal(await field(page, '/aksClusters/0/nodeCount').inputValue(), '12x');
    assert.equal(await field(page, '/vnets/0/name').inputValue(), 'typed-last');
  });

  test('keys still waiting for the next frame are in the plan a click downloads, shares or exports', async () => {
    // The test decides when frames come, so that the later keys are still waiting for one when
    // the click arrives, however fast or slow the machine is. Native keys and clicks, each a task
    // of its own, as a user's are.
    const context = await suite.browser.newContext({ acceptDownloads: true });
    await context.addInitScript(() => {
      const ask = window.requestAnimationFrame.bind(window);
      window.holdFrames = false;
      // Held frames never come: the test ends with them held.
      window.requestAnimationFrame = (callback) => (window.holdFrames ? 0 : ask(callback));
    });
    const page = await context.newPage();
    await page.goto(suite.origin + planLink(defaultAks));
    await page.locator('#findings').waitFor();
    await page.evaluate(() => { window.holdFrames = true; });
    const name = field(page, '/name');
    // The first of two edits in a frame goes through at once; the second waits for the next.
    await name.fill('typed first');
    await name.fill('waiting for a frame');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).name, 'waiting for a frame');

    await name.fill('typed before sharing');
    await name.fill('shared');
    await page.click('#share');
    const link = await page.locator('#share-url').inputValue();
    const shared = JSON.parse(inflateRawSync(Buffer.from(link.split('#plan=')[1], 'base64url')).toString());
    assert.equal(shared.name, 'shared');

    // The templates are written by a panel of their own, from the plan it was last shown.
    await page.click('#toggle-steps');
    await page.locator('li.step').first().waitFor();
    const service = field(page, '/aksClusters/0/serviceCidr');
    await service.fill('10.3.0.0/16');
    await service.fill('10.4.0.0/16');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.download[data-format="terraform"]'),
    ]);
    assert.match(readFileSync(await template.path(), 'utf8'), /service_cidr\s*=\s*"10\.4\.0\.0\/16"/);
    await context.close();
  });

  test('a page hidden in another tab does not write its older plan over the one saved from this tab', async () => {
    const { page: idle } = await openPage(suite.browser, suite.origin + '/');
    const saved = (page) => page.evaluate(() => localStorage.getItem('vnetplan.autosave.v1') ?? '');
    await idle.waitForFunction(() => localStorage.getItem('vnetplan.autosave.v1') !== null);
    const active = await idle.context().newPage();
    await active.goto(suite.origin + '/');
    await field(active, '/vnets/0/name').fill('typed-in-the-active-tab');
    await active.waitForFunction(() => (localStorage.getItem('vnetplan.autosave.v1') ?? '').includes('typed-in-the-active-tab'));
    // Switching to the active tab hides the idle one, which saves what it has not saved yet.
    await idle.evaluate(() => {
      Object.defineProperty(document, 'hidden', { get: () => true });
      Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    assert.match(await saved(idle), /typed-in-the-active-tab/);
  });

  /** Waits until the site's autosave holds `text`, or with `anywhere`, the tab's own or the site's. */
  const autosaveHas = (page, text, anywhere = false) => page.waitForFunction(
    ([text, anywhere]) => [localStorage, ...(anywhere ? [sessionStorage] : [])]
      .some((storage) => (storage.getItem('vnetplan.autosave.v1') ?? '').includes(text)),
    [text, anywhere]);

  test('each tab reloads into its own plan, and a new tab opens with the plan saved last', async () => {
    const { page: first, context } = await openPage(suite.browser, suite.origin + '/');
    const region = await field(first, '/region').inputValue();
    await field(first, '/name').fill('typed-in-the-first-tab');
    await autosaveHas(first, 'typed-in-the-first-tab');
    const second = await context.newPage();
    await second.goto(suite.origin + '/');
    await field(second, '/region').fill('westeurope');
    await autosaveHas(second, 'westeurope');
    await first.reload();
    await first.locator('#findings').waitFor();
    assert.equal(await field(first, '/name').inputValue(), 'typed-in-the-first-tab');
    assert.equal(await field(first, '/region').inputValue(), region);
    // Reloaded without a change, the first tab leaves the plan changed last where it was, even
    // once hidden, which saves at once what a tab has not saved yet.
    await first.evaluate(() => {
      Object.defineProperty(document, 'hidden', { get: () => true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    assert.match(await first.evaluate(() => localStorage.getItem('vnetplan.autosave.v1')), /westeurope/);
    const third = await context.newPage();
    await third.goto(suite.origin + '/');
    await third.locator('#findings').waitFor();
    assert.equal(await field(third, '/region').inputValue(), 'westeurope');
  });

  test('work typed just before a share link is opened in the same tab stays the plan new tabs open with', async () => {
    const { page, context } = await openPage(suite.browser, suite.origin + '/');
    await field(page, '/name').fill('my-work-v1');
    await autosaveHas(page, 'my-work-v1');
    const shared = structuredClone(defaultAks);
    shared.name = 'a colleague plan';
    const link = planLink(shared);
    await page.evaluate((hash) => {
      const input = document.querySelector('[data-pointer="/name"]');
      input.value = 'my-work-v2';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      location.hash = hash;
    }, link.slice(link.indexOf('#')));
    await page.waitForFunction(() => document.querySelector('[data-pointer="/name"]').value === 'a colleague plan');
    await autosaveHas(page, 'my-work-v2');
    const next = await context.newPage();
    await next.goto(suite.origin + '/');
    await next.locator('#findings').waitFor();
    assert.equal(await field(next, '/name').inputValue(), 'my-work-v2');
  });

  test("a share link's plan, opened and left unchanged, does not take the place of the work new tabs open with", async () => {
    const { page: own, context } = await openPage(suite.browser, suite.origin + '/');
    await field(own, '/name').fill('my own work');
    await autosaveHas(own, 'my own work');
    await own.close();
    const shared = structuredClone(defaultAks);
    shared.name = 'a colleague plan';
    const linked = await context.newPage();
    await linked.goto(suite.origin + planLink(shared));
    await autosaveHas(linked, 'a colleague plan', true);
    await linked.reload();
    await linked.locator('#findings').waitFor();
    assert.equal(await field(linked, '/name').inputValue(), 'a colleague plan');
    const next = await context.newPage();
    await next.goto(suite.origin + '/');
    await next.locator('#findings').waitFor();
    assert.equal(await field(next, '/name').inputValue(), 'my own work');
    // Changed, the link's plan is work of this tab's own, which new tabs then open with.
    await field(linked, '/region').fill('northeurope');
    await autosaveHas(linked, 'northeurope');
  });
});
