// Fixes as a user applies them: a design fix at once, an attestation only after the person
// confirms it was done in Azure; and after either, focus goes on to the next finding, or to the
// changed field when none follows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collidingPlan, openPage, planLink, servedPage } from './harness.mjs';

// Its findings, in order: the missing Network Contributor grant (an attestation), the missing
// docker bridge and the service range over the subnet (both design fixes).
const plan = collidingPlan('fixes of both kinds', { networkPlugin: 'azure', networkContributorGranted: false });
const grant = 'aks-identity-lacks-network-contributor';
const finding = (page, rule) => page.locator(`#findings li.finding[data-rule="${rule}"]`);
const focused = (page) => page.evaluate(() => {
  const element = document.activeElement;
  return { id: element?.id, rule: element?.dataset.rule, pointer: element?.dataset.pointer };
});

describe('fixes', () => {
  const suite = servedPage();

  test('an attestation says what to run in Azure and applies only once confirmed, by keyboard', async () => {
    const { page, errors, context } = await openPage(suite.browser, suite.origin + planLink(plan));
    const item = finding(page, grant);
    const button = item.locator('.fix-line > button');
    assert.equal(await button.innerText(), 'Record as done…');
    const title = await item.locator('.fix-line > span').innerText();
    assert.match(title, /az role assignment create/);
    const granted = page.locator('[data-pointer="/aksClusters/0/networkContributorGranted"]');

    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Done in Azure?' });
    await dialog.waitFor();
    assert.equal(await dialog.locator('.attest-command').innerText(), title);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await item.count(), 1, 'Escape applied the attestation');
    assert.equal(await granted.isChecked(), false);

    await button.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'It is done: record it');
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'detached' });
    assert.equal(await granted.isChecked(), true);
    assert.deepEqual(await focused(page), { id: 'finding-0', rule: 'docker-bridge-missing', pointer: undefined });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a design fix applies at once; focus goes to the next finding, or to the field after the last', async () => {
    const { page, errors, context } = await openPage(suite.browser, suite.origin + planLink(plan));
    // The v1 support notice, a warning, follows the errors: it takes the fixed finding's place.
    const service = finding(page, 'service-cidr-overlaps-subnet');
    assert.equal(await service.locator('.fix-line > button').innerText(), 'Fix');
    await service.locator('.fix-line > button').click();
    await service.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('dialog').count(), 0);
    assert.deepEqual(await focused(page), { id: 'finding-2', rule: 'sdk-v1-out-of-support', pointer: undefined });
    assert.notEqual(await page.locator('[data-pointer="/aksClusters/0/serviceCidr"]').inputValue(), '10.0.0.0/16');

    // The last error fixed, focus goes on to what now stands in its place: the v1 notice.
    const bridge = finding(page, 'docker-bridge-missing');
    await bridge.locator('.fix-line > button').click();
    await bridge.waitFor({ state: 'detached' });
    assert.deepEqual(await focused(page), { id: 'finding-1', rule: 'sdk-v1-out-of-support', pointer: undefined });
    // AKS's default bridge, which the fix picked, brings its own notice.
    await finding(page, 'docker-bridge-ignored').waitFor();
    assert.deepEqual(errors, []);
    await context.close();

    // A plan with one finding: once it is fixed none follows, so focus goes to the changed field,
    // where the keyboard goes on.
    const single = { ...plan, aksClusters: [], vnets: [{ ...plan.vnets[0], addressPrefixes: ['10.0.0.5/16'] }] };
    const second = await openPage(suite.browser, suite.origin + planLink(single));
    const hostBits = finding(second.page, 'cidr-has-host-bits');
    await hostBits.locator('.fix-line > button').click();
    await hostBits.waitFor({ state: 'detached' });
    assert.deepEqual(await focused(second.page), {
      id: 'field:/vnets/0/addressPrefixes/0', rule: undefined, pointer: '/vnets/0/addressPrefixes/0',
    });
    assert.equal(await second.page.locator('[data-pointer="/vnets/0/addressPrefixes/0"]').inputValue(), '10.0.0.0/16');
    assert.deepEqual(second.errors, []);
    await second.context.close();
  });
});
