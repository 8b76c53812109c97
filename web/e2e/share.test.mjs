// Share links: the copy is confirmed in a live region, the link goes as soon as the plan
// changes after it was made, and a link made in the offline file says where it opens.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { collidingPlan, openPage, planLink, root, servedPage } from './harness.mjs';

describe('share links', () => {
  const suite = servedPage();

  test('a copy is confirmed aloud, and the link hides once the plan changes', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('share')));
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.origin });
      const status = page.locator('#share-status');
      assert.equal(await status.getAttribute('aria-live'), 'polite');
      await page.click('#share');
      const url = await page.locator('#share-url').inputValue();
      // The browser's DEFLATE writes the documented format: raw DEFLATE of the plan's JSON.
      const plan = JSON.parse(inflateRawSync(Buffer.from(url.split('#plan=')[1], 'base64url')).toString());
      assert.equal(plan.name, await page.locator('[data-pointer="/name"]').inputValue());
      assert.deepEqual(plan.vnets, collidingPlan('share').vnets);
      await page.waitForFunction(() => document.querySelector('#share-status').textContent === 'Link copied to the clipboard.');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
      await page.locator('[data-pointer="/name"]').fill('changed after sharing');
      await page.locator('#share-url').waitFor({ state: 'detached' });
      assert.equal(await status.innerText(), '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a page without a clipboard, as over plain HTTP, says to copy the link by hand', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1300, height: 900 } });
    await context.addInitScript(() => {
      delete Navigator.prototype.clipboard;
    });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(suite.origin + planLink(collidingPlan('share')));
      await page.locator('#findings').waitFor();
      await page.click('#share');
      await page.locator('#share-status', { hasText: 'select the link below and copy it' }).waitFor();
      assert.match(await page.locator('#share-url').inputValue(), /#plan=/);
      // A step's Copy button says the same, rather than claiming a copy.
      await page.click('#toggle-steps');
      const copy = page.locator('li.step button.copy').first();
      await copy.click();
      await page.locator('li.step button.copy', { hasText: 'Not copied' }).waitFor();
      assert.equal(await page.locator('li.step button.copy', { hasText: /^Copied$/ }).count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a browser without Compression Streams says why it can open and make no link', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1300, height: 900 } });
    await context.addInitScript(() => {
      delete window.CompressionStream;
      delete window.DecompressionStream;
    });
    try {
      const page = await context.newPage();
      await page.goto(suite.origin + planLink(collidingPlan('share')));
      await page.locator('#notice', { hasText: 'could not be opened' }).waitFor();
      assert.match(await page.locator('#notice .notice-detail').innerText(), /lacks Compression Streams/);
      await page.locator('#notice').getByRole('button', { name: 'Dismiss' }).click();
      await page.click('#share');
      await page.locator('#notice', { hasText: 'No link could be made' }).waitFor();
      assert.equal(await page.locator('#share-url').count(), 0);
    } finally {
      await context.close();
    }
  });

  test('in the offline file, the link says it opens only in a copy of that file', async () => {
    const context = await suite.browser.newContext({ offline: true });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(root, 'dist', 'vnetplan-offline.html')).href);
      await page.locator('#findings').waitFor({ state: 'attached' });
      await page.click('#share');
      assert.match(await page.locator('#share-url').inputValue(), /^file:.*#plan=/);
      assert.match(await page.locator('.share-box .hint').innerText(), /opens only where a copy of this same file/);
    } finally {
      await context.close();
    }
  });
});
