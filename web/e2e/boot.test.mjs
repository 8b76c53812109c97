// index.html's own states: "loading" until the planner runs, a message when its WebAssembly
// cannot load, and one when JavaScript is off. All within the page's Content-Security-Policy.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, servedPage } from './harness.mjs';

describe('loading and failure', () => {
  const suite = servedPage();

  test('with the wasm blocked, the loading message gives way to a failure message', async () => {
    const context = await suite.browser.newContext();
    try {
      const page = await context.newPage();
      const violations = [];
      page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
      });
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route('**/*.wasm', async (route) => {
        await held;
        await route.abort();
      });
      await page.goto(suite.origin + '/');
      await page.locator('.boot-loading').waitFor();
      assert.equal(await page.locator('.boot-error').isVisible(), false);
      release();
      await page.locator('.boot-error').waitFor();
      assert.equal(await page.locator('.boot-loading').isVisible(), false);
      assert.match(await page.locator('.boot-error').innerText(), /could not start/);
      assert.equal(await page.locator('#findings').count(), 0);
      assert.deepEqual(violations, []);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript off, the page says that it needs it', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(suite.origin + '/');
      assert.match(await page.locator('.boot-nojs').innerText(), /needs JavaScript/);
      assert.equal(await page.locator('.boot-loading').isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('once the planner runs, the loading block is gone', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + '/');
    try {
      assert.equal(await page.locator('#boot').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
