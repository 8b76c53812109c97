// Share links: the copy is confirmed in a live region, the link goes as soon as the plan
// changes after it was made, and a link made in the offline file says where it opens.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
      assert.match(url, /#plan=/);
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
