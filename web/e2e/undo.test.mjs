// Undo by keyboard after a Fix: the plan comes back exactly, whatever had focus, and the
// browser's own undo never rewrites a field behind the plan's back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collidingPlan, openPage, planLink, servedPage } from './harness.mjs';

const finding = '#findings li.finding[data-rule="service-cidr-overlaps-subnet"]';

/** Every field of the editor, by JSON pointer. */
const fields = (page) => page.locator('[data-pointer]').evaluateAll(
  (inputs) => Object.fromEntries(inputs.map((input) => [input.dataset.pointer, input.type === 'checkbox' ? input.checked : input.value])),
);

describe('undo after a fix', () => {
  const suite = servedPage();

  test('Ctrl+Z right after a Fix restores the plan exactly, then Ctrl+Y applies it again', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('undo')));
    try {
      const name = page.locator('[data-pointer="/name"]');
      await name.click();
      await name.press('End');
      await page.keyboard.type(' typed');
      await page.waitForFunction(() => document.querySelector('[data-pointer="/name"]').value === 'undo typed');
      const before = await fields(page);
      await page.locator(`${finding} button.fix`).click();
      await page.locator(finding).waitFor({ state: 'detached' });
      const focused = await page.evaluate(() => document.activeElement?.tagName);
      assert.notEqual(focused, 'BODY', 'focus went somewhere after the Fix');
      const fixed = await fields(page);
      assert.notDeepEqual(fixed, before);

      await page.keyboard.press('Control+z');
      await page.locator(finding).waitFor();
      assert.deepEqual(await fields(page), before);

      await page.keyboard.press('Control+y');
      await page.locator(finding).waitFor({ state: 'detached' });
      assert.deepEqual(await fields(page), fixed);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the Undo button that reaches the end of the history hands the focus to Redo, and back', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('buttons')));
    try {
      await page.locator(`${finding} button.fix`).click();
      await page.locator(finding).waitFor({ state: 'detached' });
      await page.locator('#undo').focus();
      await page.keyboard.press('Enter');
      await page.locator(finding).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'redo');
      await page.keyboard.press('Enter');
      await page.locator(finding).waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.activeElement?.id === 'undo');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('with focus on the page body, Ctrl+Z undoes the plan, not the last typed field', async () => {
    const { context, page } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('body')));
    try {
      const prefix = page.locator('[data-pointer="/vnets/0/subnets/0/addressPrefix"]');
      await prefix.fill('');
      await prefix.type('10.0.0.0/24');
      const before = await fields(page);
      await page.locator(`${finding} button.fix`).click();
      await page.locator(finding).waitFor({ state: 'detached' });
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('Control+z');
      await page.locator(finding).waitFor();
      assert.deepEqual(await fields(page), before);
    } finally {
      await context.close();
    }
  });

  test('while typing in a field, Ctrl+Z is that field’s own undo', async () => {
    const { context, page } = await openPage(suite.browser, suite.origin + planLink(collidingPlan('typing')));
    try {
      const name = page.locator('[data-pointer="/name"]');
      await name.click();
      await name.press('End');
      await page.keyboard.type('xyz');
      await page.keyboard.press('Control+z');
      await page.waitForFunction(() => document.querySelector('[data-pointer="/name"]').value === 'typing');
      assert.equal(await page.locator(finding).count(), 1, 'the plan kept its other fields');
    } finally {
      await context.close();
    }
  });
});
