// Small things of the page that each had a way to go wrong.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collidingPlan, openPage, planLink, servedPage } from './harness.mjs';

describe('small things', () => {
  const suite = servedPage();

  test('a field\'s hint is part of what a screen reader says about it', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + '/');
    try {
      const description = await page.locator('[data-pointer="/region"]').evaluate((input) => (input.getAttribute('aria-describedby') ?? '')
        .split(' ').map((id) => document.getElementById(id)?.textContent.trim()));
      assert.deepEqual(description, ['lower-case Azure name, e.g. eastus2']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('every part of the editor is a heading in the page\'s outline, one level under its section, in both languages, and the page\'s description follows the language', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + '/');
    try {
      const outline = () => page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter((heading) => heading.checkVisibility())
        .map((heading) => `${heading.tagName.slice(1)} ${heading.textContent.trim()}`));
      const english = await outline();
      const editor = await page.locator('form.editor').evaluate((form) => [...form.querySelectorAll('h2, h3, h4')]
        .map((heading) => `${heading.tagName.slice(1)} ${heading.textContent.trim()}`));
      assert.deepEqual(editor.slice(0, 2), ['2 Plan', '2 Workspace']);
      for (const parts of [['2 Virtual networks', '3 VNet mynetwork', '4 Address prefixes', '4 Subnets'], ['2 AKS clusters', '3 AKS ml-aks']]) {
        const at = editor.indexOf(parts[0]);
        assert.ok(at >= 0, `${parts[0]} in ${editor}`);
        assert.deepEqual(editor.slice(at, at + parts.length), parts);
      }
      assert.deepEqual(editor.slice(-2), ['2 Outbound traffic', '2 Your permissions']);
      // A heading never opens two levels below the one before it.
      const levels = english.map((line) => Number(line[0]));
      levels.forEach((level, index) => assert.ok(index === 0 || level <= levels[index - 1] + 1, `${english[index - 1]} then ${english[index]}`));
      // The legend still names its group, as it did before it held a heading.
      assert.equal(await page.getByRole('group', { name: 'Workspace', exact: true }).count(), 1);

      await page.selectOption('#language', 'fr');
      await page.locator('html[lang="fr"]').waitFor();
      const french = await page.locator('form.editor').evaluate((form) => [...form.querySelectorAll('h2')].map((heading) => heading.textContent.trim()));
      assert.deepEqual(french.slice(0, 2), ['Plan', 'Espace de travail']);
      // What describes the page to a bookmark or a link preview speaks the page's language too.
      assert.equal(await page.locator('meta[name="description"]').getAttribute('content'),
        'Planifiez le réseau d’un environnement d’inférence Azure ML et voyez ce qu’Azure refuserait avant de déployer.');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a card whose item has no name is headed "(unnamed)", never by an empty heading', async () => {
    const plan = collidingPlan('nameless');
    plan.externalRanges = [{ name: '', addressPrefix: '192.168.0.0/16', kind: 'onPremises' }];
    plan.aciDeployments = [{ name: ' ', vnet: 'mynetwork', subnet: 'default' }];
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const titles = () => page.locator('form.editor').evaluate((form) => [...form.querySelectorAll('legend > h3')]
        .map((heading) => heading.textContent));
      await page.locator('[data-pointer="/externalRanges/0/name"]').waitFor();
      assert.deepEqual(await titles(), ['VNet mynetwork', '(unnamed)', 'AKS myaks', '(unnamed)']);
      await page.selectOption('#language', 'fr');
      await page.locator('html[lang="fr"]').waitFor();
      assert.deepEqual(await titles(), ['VNet mynetwork', '(sans nom)', 'AKS myaks', '(sans nom)']);
      // Typing a name puts it in the heading.
      await page.fill('[data-pointer="/externalRanges/0/name"]', 'on-prem');
      await page.locator('legend > h3', { hasText: 'on-prem' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the focus stays near when a keyboard removes an item, dismisses a notice or migrates', async () => {
    // The guide's default setup, whose VNet holds two subnets.
    const { context, page, errors } = await openPage(suite.browser, suite.origin + '/');
    try {
      const focused = () => page.evaluate(() => document.activeElement?.dataset.pointer ?? document.activeElement?.id ?? document.activeElement?.tagName);
      const subnets = await page.locator('[data-pointer^="/vnets/0/subnets/"][data-pointer$="/name"]').count();
      assert.ok(subnets >= 2);
      const last = page.locator(`button.remove[aria-label="Remove ${await page.locator(`[data-pointer="/vnets/0/subnets/${subnets - 1}/name"]`).inputValue()}"]`);
      await last.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((pointer) => document.activeElement?.dataset.pointer === pointer, `/vnets/0/subnets/${subnets - 2}/name`);

      // A notice's Dismiss hands the focus to the page's main part.
      await page.selectOption('#preset', 'private-aks');
      await page.click('#load-preset');
      const dismiss = page.locator('#notice').getByRole('button', { name: 'Dismiss' });
      await dismiss.focus();
      await page.keyboard.press('Enter');
      await page.locator('#notice').waitFor({ state: 'detached' });
      assert.equal(await focused(), 'main');

      // Migrating the whole plan removes its button: the focus goes to what the migration did.
      await page.locator('#migrate').focus();
      await page.keyboard.press('Enter');
      await page.locator('#migration li.migration-note').first().waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'migration');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a notice arrives in a live region that was there before it: an alert for a failure, a status for news', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + '/');
    try {
      const alert = page.locator('.notice-slot[role="alert"]');
      const status = page.locator('.notice-slot[role="status"]');
      // Both wait, empty, from the first render on: a region added with its message is not read.
      assert.equal(await alert.count(), 1);
      assert.equal(await status.count(), 1);
      assert.equal(await alert.innerText(), '');
      assert.equal(await status.innerText(), '');
      await page.selectOption('#preset', 'private-aks');
      await page.click('#load-preset');
      await status.locator('#notice.notice-done').waitFor();
      assert.equal(await alert.innerText(), '');
      await page.evaluate(() => { window.location.hash = '#plan=@@@'; });
      await alert.locator('#notice.notice-error').waitFor();
      assert.match(await alert.innerText(), /could not be opened/);
      assert.equal(await status.innerText(), '', 'the news it replaced is gone');
      // No slot overrides its role's own politeness.
      assert.equal(await page.locator('.notice-slot[aria-live]').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a broken link opened directly, in the planner or embedded, is told after the first render, in the alert region drawn empty before it; a later one leaves the embedded view as it was', async () => {
    const context = await suite.browser.newContext();
    try {
      // Records what each region held when it first appeared, and whether it later changed.
      await context.addInitScript(() => {
        window.__slots = [];
        new MutationObserver(() => {
          for (const slot of document.querySelectorAll('.notice-slot')) {
            if (!window.__slots.some((seen) => seen.slot === slot)) window.__slots.push({ slot, born: slot.textContent });
          }
        }).observe(document, { subtree: true, childList: true });
      });
      const page = await context.newPage();
      await page.goto(suite.origin + '/#plan=');
      await page.locator('.notice-slot[role="alert"] #notice.notice-error').waitFor();
      assert.match(await page.locator('#notice').innerText(), /nothing follows #plan=/);
      const born = () => page.evaluate(() => window.__slots.map(({ slot, born }) => [slot.getAttribute('role'), born]));
      assert.deepEqual(await born(), [['alert', ''], ['status', '']]);
      // An embedded view has no plan of its own to keep: it says what it shows instead.
      await page.goto(suite.origin + '/?embed#plan=');
      await page.locator('.notice-slot[role="alert"] #notice.notice-error').waitFor();
      assert.match(await page.locator('#notice').innerText(), /could not be opened; the view shows the default example instead/);
      assert.deepEqual(await born(), [['alert', ''], ['status', '']]);
      // A broken link given later leaves the view as it was, which is still no plan of the reader's.
      const shown = await page.locator('#findings').innerText();
      await page.evaluate(() => { location.hash = '#plan=%%%'; });
      await page.locator('#notice', { hasText: 'still shows the plan it showed before' }).waitFor();
      assert.doesNotMatch(await page.locator('#notice').innerText(), /your plan/);
      assert.equal(await page.locator('#findings').innerText(), shown);
    } finally {
      await context.close();
    }
  });

  test('"Show all" findings hands the focus to the first finding it shows', async () => {
    const plan = collidingPlan('many findings');
    plan.vnets[0].subnets = Array.from({ length: 120 }, (_, i) => ({ name: `s${i}`, addressPrefix: `not-a-range-${i}` }));
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const showAll = page.locator('#findings button.show-all');
      await showAll.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'finding-100');
      assert.ok((await page.locator('#findings li.finding').count()) > 100);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the editor\'s "Show more" and "Show all" hand the focus to the first item they show', async () => {
    const plan = collidingPlan('long list');
    plan.vnets[0].subnets = Array.from({ length: 300 }, (_, i) => ({ name: `s${i}`, addressPrefix: `10.0.${Math.floor(i / 16)}.${(i % 16) * 16}/28` }));
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const more = page.locator('fieldset.vnet').first().locator('p.more');
      await more.locator('button.show-more').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/vnets/0/subnets/40/name');
      assert.match(await more.innerText(), /60 more subnets are not shown\./);
      // "Show all" goes with the last hidden item shown.
      await more.locator('button.show-all').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/vnets/0/subnets/240/name');
      assert.equal(await more.count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the map says how many IPv6 prefixes it leaves out, which the findings still check', async () => {
    const plan = collidingPlan('dual stack');
    plan.vnets[0].addressPrefixes.push('fd00:db8:deca::/48');
    plan.vnets[0].subnets.push({ name: 'b6', addressPrefix: 'fd00:db8:deca:1::/64' }, { name: 'x6', addressPrefix: 'fd00:db8:deca:1::/64' });
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      await page.locator('#findings li.finding[data-rule="overlapping-subnets"]').waitFor();
      // The map is laid out after the findings are painted.
      await page.locator('svg.address-map g.range').first().waitFor();
      assert.match(await page.locator('#map-hint').innerText(), /IPv6 prefixes not drawn: 3\. The map draws IPv4 only; the findings check both\./);
      assert.equal(await page.locator('svg.address-map g.range[data-subject="/vnets/0/subnets/1/addressPrefix"]').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a capacity gauge reads its numbers as the text beside it writes them', async () => {
    const plan = collidingPlan('gauge', { serviceCidr: '10.2.0.0/16', dnsServiceIP: '10.2.0.10', nodeCount: 50 });
    plan.vnets[0].subnets[0].addressPrefix = '10.0.0.0/22';
    const { context, page } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const meter = page.locator('li.gauge meter').first();
      const text = await meter.getAttribute('aria-valuetext');
      assert.match(text, /^\d{1,3}(,\d{3})* of \d{1,3}(,\d{3})* usable addresses needed$/);
      assert.equal(text, (await page.locator('li.gauge .gauge-text').first().innerText()).trim());
    } finally {
      await context.close();
    }
  });

  test('the embedded view speaks of no fields and offers no free block', async () => {
    const { context, page } = await openPage(suite.browser, `${suite.origin}/?embed${planLink(collidingPlan('embed')).slice(1)}`);
    try {
      await page.locator('svg.address-map g.range').first().waitFor();
      assert.doesNotMatch(await page.locator('#map-hint').innerText(), /field/);
      assert.equal(await page.locator('svg.address-map g.free').count(), 0);
      // A fix applied here can be taken back here: the notice says Undo, and the button is there.
      const overlap = page.locator('#findings li.finding[data-rule="service-cidr-overlaps-subnet"]');
      await overlap.locator('button.fix').first().click();
      await overlap.waitFor({ state: 'detached' });
      assert.match(await page.locator('#notice').innerText(), /Undo/);
      await page.click('#undo');
      await overlap.waitFor();
      assert.equal(await page.locator('#undo').isDisabled(), true);
    } finally {
      await context.close();
    }
  });

  test('the file-open control shows a focus ring when reached by keyboard', async () => {
    const { context, page } = await openPage(suite.browser, suite.origin + '/');
    try {
      await page.locator('#download').focus();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'open-file');
      const outline = await page.locator('label.file-button[for="open-file"]').evaluate((label) => getComputedStyle(label).outlineStyle);
      assert.equal(outline, 'solid');
    } finally {
      await context.close();
    }
  });

  test('no choice in the editor is cut, on a desktop or a phone', async () => {
    for (const width of [1400, 390]) {
      const { context, page } = await openPage(suite.browser, suite.origin + '/', { viewport: { width, height: 900 } });
      try {
        const cut = await page.evaluate(() => [...document.querySelectorAll('.editor-column select')].map((select) => {
          const shown = select.offsetWidth;
          const previous = select.style.width;
          select.style.width = 'max-content';
          const needed = select.offsetWidth;
          select.style.width = previous;
          return { id: select.id, shown, needed };
        }).filter(({ shown, needed }) => shown < needed - 1));
        assert.deepEqual(cut, [], `at ${width} px`);
      } finally {
        await context.close();
      }
    }
  });

  test('"Add an AKS cluster" adds a cluster that brings no error', async () => {
    const { context, page } = await openPage(suite.browser, suite.origin + '/');
    try {
      const errors = page.locator('#findings li.finding[data-severity="error"]');
      assert.equal(await errors.count(), 0);
      const clusters = page.locator('[data-pointer$="/name"][data-pointer^="/aksClusters/"]');
      const before = await clusters.count();
      await page.locator('button.add', { hasText: /AKS/ }).first().click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-pointer^="/aksClusters/"][data-pointer$="/name"]').length > n, before);
      assert.equal(await errors.count(), 0);
    } finally {
      await context.close();
    }
  });
});
