// The address map in a real Chromium, at a desktop and a phone width, in both themes: every
// subnet can be seen and hovered, no label is cut, and a free block adds a subnet that brings no
// finding of its own. Saves the map's screenshots in artifacts/screenshots/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bigPlan, example, manyVnetsPlan, openPage, planLink, root, servedPage } from './harness.mjs';

const shots = join(root, 'artifacts', 'screenshots');

/** Eight subnets in two peered VNets, and two clusters. */
function crowdedPlan() {
  const plan = example('default-aks.json');
  plan.name = 'crowded';
  plan.vnets[0].subnets.push(
    { name: 'app-0', addressPrefix: '10.1.5.0/26' },
    { name: 'app-1', addressPrefix: '10.1.5.64/27' },
    { name: 'batch', addressPrefix: '10.1.6.0/24' },
  );
  plan.vnets.push({
    name: 'hub', resourceGroup: 'ml-rg', addressPrefixes: ['10.3.0.0/16'], peerings: ['mynetwork'],
    subnets: [
      { name: 'firewall', addressPrefix: '10.3.0.0/26' },
      { name: 'gateway', addressPrefix: '10.3.1.0/27' },
      { name: 'aks-2', addressPrefix: '10.3.4.0/22' },
    ],
  });
  plan.aksClusters.push({
    ...plan.aksClusters[0], name: 'aks-two', vnet: 'hub', subnet: 'aks-2',
    serviceCidr: '10.4.0.0/16', dnsServiceIP: '10.4.0.10',
  });
  return plan;
}

const plans = { default: example('default-aks.json'), crowded: crowdedPlan() };

/** Whether all of a map element is inside the map's scrolled view, across and down. Runs in the page. */
function inMapView(element) {
  const r = element.getBoundingClientRect();
  const view = element.closest('.map-scroll').getBoundingClientRect();
  return r.left >= view.left && r.right <= view.right && r.top >= view.top && r.bottom <= view.bottom;
}
const widths = { desktop: { width: 1400, height: 1000 }, phone: { width: 390, height: 844 } };

/** Where every map label and bar is on screen, read from the page. */
function measure(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.address-map');
    const box = (element) => {
      const r = element.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
    };
    const labels = [...svg.querySelectorAll('text')].map((text) => ({
      text: text.textContent,
      inside: text.classList.contains('inside'),
      box: box(text),
      bar: text.closest('g.range, g.free')?.querySelector('rect') ? box(text.closest('g.range, g.free').querySelector('rect')) : null,
    }));
    const plates = [...svg.querySelectorAll('g.plates rect.label-plate')].map(box);
    const subnets = [...svg.querySelectorAll('g.range[data-kind="subnet"]')].map((g) => ({
      subject: g.dataset.subject, box: box(g.querySelector('rect.bar')),
    }));
    const scroll = svg.closest('.map-scroll');
    return { svg: box(svg), scroll: box(scroll), labels, subnets, plates };
  });
}

/**
 * Walks the map with Tab from its first tab stop until the focus leaves it, and returns what the
 * keyboard met: each element's name as a screen reader says it (up to its first colon, or to
 * the free space's first address), its subject, and the left edge of its box on screen.
 */
async function tabThroughMap(page) {
  await page.locator('svg.address-map [tabindex="0"]').first().focus();
  const met = [];
  for (;;) {
    const here = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element?.closest('svg.address-map')) return null;
      const label = element.getAttribute('aria-label');
      return {
        name: element.classList.contains('free') ? label.split(' –')[0] : label.split(':')[0],
        subject: element.dataset.subject ?? null,
        left: element.getBoundingClientRect().left,
      };
    });
    if (!here) return met;
    met.push(here);
    assert.ok(met.length < 100, 'Tab leaves the map');
    await page.keyboard.press('Tab');
  }
}

describe('the address map', () => {
  const suite = servedPage();

  for (const [planName, plan] of Object.entries(plans)) {
    for (const [widthName, viewport] of Object.entries(widths)) {
      test(`${planName} plan at ${viewport.width} px: subnets are wide and hoverable, labels whole`, async () => {
        const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan), { viewport });
        try {
          if (viewport.width < 900) await page.click('#tab-results');
          await page.locator('svg.address-map g.range[data-kind="subnet"]').first().waitFor();
          const seen = await measure(page);
          const expected = plan.vnets.reduce((sum, vnet) => sum + vnet.subnets.length, 0);
          assert.equal(seen.subnets.length, expected);
          for (const subnet of seen.subnets) {
            assert.ok(subnet.box.width >= 24, `${subnet.subject} is ${subnet.box.width} px wide`);
            const bar = page.locator(`svg.address-map g.range[data-subject="${subnet.subject}"] rect.bar`);
            await bar.scrollIntoViewIfNeeded();
            const hit = await bar.evaluate((rect) => {
              const r = rect.getBoundingClientRect();
              return document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2)?.closest('g.range')?.dataset.subject;
            });
            assert.equal(hit, subnet.subject, `the pointer over ${subnet.subject} reaches ${hit}`);
          }
          for (const label of seen.labels) {
            assert.doesNotMatch(label.text, /…/);
            assert.ok(label.box.left >= seen.svg.left - 0.5 && label.box.right <= seen.svg.right + 0.5, `${label.text} leaves the map`);
            if (label.inside) {
              assert.ok(label.box.left >= label.bar.left - 0.5 && label.box.right <= label.bar.right + 0.5, `${label.text} overflows its bar`);
            }
          }
          const outside = seen.labels.filter((label) => !label.inside);
          // Each label under the bars stands on a plate that hides the cuts and leaders behind it.
          for (const label of outside.filter((l) => l.bar)) {
            const plated = seen.plates.some((p) => p.left <= label.box.left + 0.5 && p.right >= label.box.right - 0.5
              && p.top <= label.box.top + 1 && p.bottom >= label.box.bottom - 1);
            assert.ok(plated, `${label.text} has no plate under it`);
          }
          for (const [i, a] of outside.entries()) {
            for (const b of outside.slice(i + 1)) {
              const apart = a.box.right <= b.box.left || b.box.right <= a.box.left || a.box.bottom <= b.box.top || b.box.bottom <= a.box.top;
              assert.ok(apart, `${a.text} and ${b.text} overlap`);
            }
          }
          assert.ok(seen.scroll.right <= viewport.width + 0.5, 'the map stays inside the page');
          mkdirSync(shots, { recursive: true });
          for (const theme of ['light', 'dark']) {
            await page.selectOption('#theme', theme);
            await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
            await page.locator('.map-card').screenshot({ path: join(shots, `map-${planName}-${viewport.width}-${theme}.png`) });
            // Small text inside a bar must reach WCAG AA's 4.5:1 against the bar in both themes.
            const weakest = await page.locator('svg.address-map').evaluate((svg) => {
              const luminance = (color) => {
                const [r, g, b] = color.match(/\d+(\.\d+)?/g).slice(0, 3).map((c) => {
                  const v = Number(c) / 255;
                  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
              };
              const ratios = [...svg.querySelectorAll('g.range')].flatMap((g) => {
                const label = g.querySelector('text.bar-label.inside');
                const bar = g.querySelector('rect.bar');
                if (!label || !bar) return [];
                const [a, b] = [luminance(getComputedStyle(label).fill), luminance(getComputedStyle(bar).fill)];
                return [{ kind: g.dataset.kind, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) }];
              });
              return ratios.sort((x, y) => x.ratio - y.ratio)[0];
            });
            assert.ok(weakest, 'some label sits inside its bar');
            assert.ok(weakest.ratio >= 4.5, `${theme}: a ${weakest.kind} label reads at ${weakest.ratio.toFixed(2)}:1`);
          }
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('a free block adds a subnet of the chosen size that brings no finding of its own', async () => {
    for (const viewport of Object.values(widths)) {
      const { context, page } = await openPage(suite.browser, suite.origin + planLink(plans.crowded), { viewport });
      try {
        const subjects = () => page.locator('#findings li.finding button.subject').evaluateAll(
          (buttons) => buttons.map((b) => b.dataset.subject));
        if (viewport.width < 900) await page.click('#tab-results');
        const before = await subjects();
        // A range selected first (its field chosen) stops looking active once a free block is
        // chosen. On a phone, selecting a range opens the editor's tab, so only the desktop does.
        if (viewport.width >= 900) {
          await page.locator('svg.address-map g.range[data-subject="/vnets/0/subnets/0/addressPrefix"] rect.bar').first().click();
          await page.locator('svg.address-map g.range.selected.active').first().waitFor();
        }
        // Reached by the keyboard, as Tab does: the bar stops looking active, and the block waits
        // to be opened, since Tab only passes over it.
        const block = page.locator('svg.address-map g.free').first();
        await block.focus();
        await page.waitForFunction(() => document.querySelectorAll('svg.address-map g.range.active').length === 0);
        assert.equal(await block.getAttribute('aria-expanded'), 'false');
        assert.equal(await page.locator('#free-size').count(), 0);
        const free = page.locator('svg.address-map g.free rect.free-bar').first();
        await free.click();
        await page.selectOption('#free-size', '27');
        await page.click('#add-subnet-here');
        // The new subnet's field takes the focus, on a phone in the editor's tab.
        await page.waitForFunction(() => document.activeElement?.dataset.pointer === '/vnets/0/subnets/5/addressPrefix');
        assert.match(await page.locator('[data-pointer="/vnets/0/subnets/5/addressPrefix"]').inputValue(), /\/27$/);
        if (viewport.width < 900) await page.click('#tab-results');
        const added = page.locator('svg.address-map g.range[data-subject="/vnets/0/subnets/5/addressPrefix"]');
        await added.waitFor();
        assert.equal(await added.getAttribute('data-flagged'), 'false');
        const after = await subjects();
        assert.deepEqual(after.filter((s) => s.startsWith('/vnets/0/subnets/5')), []);
        assert.deepEqual(after, before);
      } finally {
        await context.close();
      }
    }
  });

  test('a subnet added from the map past its VNet\'s page is shown in the editor and takes the focus', async () => {
    // 51 subnets: the editor shows the first 40, and the map (under 100 ranges) draws them all.
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(bigPlan(50)));
    try {
      const pointer = '/vnets/0/subnets/51/addressPrefix';
      await page.locator('[data-pointer="/vnets/0/subnets/39/name"]').waitFor();
      assert.match(await page.locator('.editor').innerText(), /11 more subnets are not shown\./);
      await page.locator('svg.address-map g.free rect.free-bar').first().click();
      await page.selectOption('#free-size', '24');
      await page.click('#add-subnet-here');
      await page.waitForFunction((p) => document.activeElement?.dataset.pointer === p, pointer);
      assert.match(await page.locator(`[data-pointer="${pointer}"]`).inputValue(), /^10\.0\.\d+\.0\/24$/);
      assert.equal(await page.locator('[data-pointer="/vnets/0/subnets/45/name"]').count(), 0, 'only the new subnet is shown past the page');
      assert.equal(await page.locator(`svg.address-map g.range[data-subject="${pointer}"]`).getAttribute('data-flagged'), 'false');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a map of hundreds of ranges draws those in view and every conflict, and Tab reaches every range', async () => {
    const plan = bigPlan(600);
    // A conflict at the far end of the lane, out of view when the page opens.
    plan.vnets[0].subnets.push({ name: 'late', addressPrefix: '10.0.37.112/29' });
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const map = page.locator('svg.address-map');
      const bar = (s) => map.locator(`g.range[data-subject="/vnets/0/subnets/${s}/addressPrefix"]`);
      await bar(0).waitFor();
      const drawn = await map.locator('g.range[data-kind="subnet"]').count();
      assert.ok(drawn < 300, `${drawn} of 602 subnets drawn`);
      assert.match(await page.locator('#map-hint').innerText(), /This map holds 60\d ranges/);
      for (const s of [599, 601]) assert.equal(await bar(s).getAttribute('data-flagged'), 'true', `subnet ${s} is in conflict`);
      assert.equal(await bar(400).count(), 0);

      await bar(0).focus();
      for (let i = 0; i < 400; i += 1) await page.keyboard.press('Tab');
      const focused = () => page.evaluate(() => document.activeElement?.dataset.subject);
      assert.equal(await focused(), '/vnets/0/subnets/400/addressPrefix');
      assert.ok(await bar(400).evaluate(inMapView), 'the focused range is scrolled into view');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(), '/vnets/0/subnets/399/addressPrefix');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the keyboard passes a big map in one step either way, past the skip buttons that show only while focused', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(bigPlan(600)));
    try {
      await page.locator('svg.address-map g.range').first().waitFor();
      const active = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || null);
      const skip = page.locator('#map-skip');
      const back = page.locator('.map-skip-back');
      // Out of sight until the keyboard reaches them.
      for (const button of [skip, back]) assert.ok((await button.boundingBox()).width <= 1);
      // Reached by Tab from the last field of the editor, as a keyboard user reaches it.
      await page.evaluate(() => {
        const fields = [...document.querySelectorAll('#editor-panel :is(input, select, button, summary, [tabindex="0"])')];
        fields.at(-1).focus();
      });
      await page.keyboard.press('Tab');
      assert.equal(await active(), 'map-skip');
      const label = await skip.innerText();
      const count = Number(label.match(/Skip the map \(([\d,]+) Tab stops\) and go to the findings/)?.[1].replaceAll(',', ''));
      assert.ok(count > 600, `${label}: more stops than the plan's 601 subnets`);
      const shown = await skip.boundingBox();
      const card = await page.locator('.map-card').boundingBox();
      assert.ok(shown.width > 100 && shown.y >= card.y && shown.y + shown.height <= card.y + card.height, 'the focused button shows inside the card');
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'map-skip.png'), clip: card });
      await page.keyboard.press('Enter');
      assert.equal(await active(), 'findings');
      assert.equal(await skip.evaluate((button) => button.getBoundingClientRect().width <= 1), true, 'it hides again');
      // Shift+Tab from the findings meets the way back before any of the map's ranges.
      await page.keyboard.press('Shift+Tab');
      assert.equal(await active(), 'map-skip map-skip-back');
      assert.ok((await back.boundingBox()).width > 100);
      await page.keyboard.press('Enter');
      assert.equal(await active(), 'map-skip');
      // And from the start, Tab goes into the map itself.
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.activeElement?.closest('svg.address-map') !== null));
      // A map of a few stops is passed about as soon without them.
      await page.goto(suite.origin + planLink(example('default-aks.json')));
      await page.locator('svg.address-map g.range').first().waitFor();
      const few = await page.locator('svg.address-map [tabindex="0"]').count();
      assert.ok(few < 10, `${few} stops`);
      assert.equal(await page.locator('.map-skip').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Tab keeps each range it reaches in the map\'s view, and a range chosen from a finding takes over from the keyboard\'s', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(bigPlan(600)));
    try {
      const bar = (s) => page.locator(`svg.address-map g.range[data-subject="/vnets/0/subnets/${s}/addressPrefix"]`);
      await bar(0).waitFor();
      await bar(0).focus();
      const outOfView = [];
      for (let i = 1; i <= 250; i += 1) {
        await page.keyboard.press('Tab');
        const seen = await page.evaluate(() => {
          const focused = document.activeElement;
          const shape = focused?.querySelector('rect.bar, rect.hit, rect.free-bar');
          if (!shape) return null;
          const r = shape.getBoundingClientRect();
          const view = focused.closest('.map-scroll').getBoundingClientRect();
          return { subject: focused.dataset.subject, within: r.left >= view.left && r.right <= view.right };
        });
        if (!seen?.within) outOfView.push(seen?.subject ?? 'nothing in the map');
      }
      assert.deepEqual(outOfView, [], 'every range Tab reached was in view');
      // A finding's field chosen while the keyboard was on a range: the map shows the finding's.
      await page.click('#findings li.finding[data-rule="overlapping-subnets"] button.subject[data-subject="/vnets/0/subnets/0/addressPrefix"]');
      await page.waitForFunction(() => [...document.querySelectorAll('svg.address-map g.range.active')]
        .map((range) => range.dataset.subject).join() === '/vnets/0/subnets/0/addressPrefix');
      assert.match(await page.locator('.map-detail').innerText(), /s0 10\.0\.0\.0\/28/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an open free block\'s form stays with its block when an undo moves the blocks, and the pointer passing over bars leaves it open', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(manyVnetsPlan(3, 10)));
    try {
      const blocks = page.locator('svg.address-map g.free');
      await blocks.first().waitFor();
      // A /26 at the start of the first VNet's free space splits it in two: every later block moves up one place.
      await blocks.first().focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'free-size');
      await page.selectOption('#free-size', '26');
      await page.click('#add-subnet-here');
      await page.locator('#free-size').waitFor({ state: 'detached' });
      const count = await blocks.count();
      const later = blocks.nth(count - 2);
      const label = await later.getAttribute('aria-label');
      await later.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'free-size');
      const space = await page.locator('#free-detail dd').first().innerText();
      // Shift+Tab from the form goes back to its block, not to the last range drawn.
      await page.keyboard.press('Shift+Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), label);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'free-size');
      await page.click('#undo');
      await page.waitForFunction((n) => document.querySelectorAll('svg.address-map g.free').length === n - 1, count);
      assert.equal(await page.locator('#free-detail dd').first().innerText(), space, 'the form still names its own free space');
      assert.equal(await page.locator('svg.address-map g.free[aria-expanded="true"]').getAttribute('aria-label'), label);
      // The pointer crossing bars on its way to the form previews them but leaves the form open.
      const bars = page.locator('svg.address-map g.range rect.bar');
      for (const n of [0, 3, 6]) await bars.nth(n).hover();
      assert.equal(await page.locator('#free-size').count(), 1);
      // A finding's field picked again after the keyboard went to a free block is shown again.
      const pick = page.locator('#findings li.finding button.subject').first();
      const subject = await pick.getAttribute('data-subject');
      const shown = () => page.waitForFunction((wanted) => [...document.querySelectorAll('svg.address-map g.range.active')]
        .some((range) => range.dataset.subject === wanted), subject);
      await pick.click();
      await shown();
      await blocks.first().focus();
      await page.waitForFunction(() => document.querySelectorAll('svg.address-map g.range.active').length === 0);
      await pick.click();
      await shown();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an embedded big map keeps to the page\'s width, so its skip button shows without scrolling', async () => {
    const viewport = { width: 800, height: 600 };
    const { context, page, errors } = await openPage(suite.browser, `${suite.origin}/?embed${planLink(bigPlan(600)).slice(1)}`, { viewport });
    try {
      await page.locator('svg.address-map g.range').first().waitFor();
      for (const card of ['.map-card', '#findings']) {
        assert.ok((await page.locator(card).boundingBox()).width <= viewport.width, `${card} fits the page`);
      }
      await page.locator('#open-full').focus();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'map-skip');
      assert.equal(await page.evaluate(() => window.scrollX), 0);
      const shown = await page.locator('#map-skip').boundingBox();
      assert.ok(shown.x >= 0 && shown.x + shown.width <= viewport.width, 'the button is in view');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'findings');
      assert.equal(await page.evaluate(() => window.scrollX), 0);
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'embed-big-map.png') });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('choosing a finding brings its range into the map\'s view, however far along the lane', async () => {
    const plan = bigPlan(150);
    // A conflict at the far end of the lane, out of view when the page opens.
    plan.vnets[0].subnets.push({ name: 'late', addressPrefix: '10.0.9.80/29' });
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const late = '/vnets/0/subnets/151/addressPrefix';
      const range = page.locator(`svg.address-map g.range[data-subject="${late}"]`);
      await page.locator(`svg.address-map g.range[data-subject="${late}"][data-flagged="true"]`).waitFor();
      assert.equal(await range.evaluate(inMapView), false, 'the conflict starts out of view');
      await page.click(`#findings li.finding[data-rule="overlapping-subnets"] button.subject[data-subject="${late}"]`);
      await page.locator(`svg.address-map g.range.selected[data-subject="${late}"]`).waitFor();
      await page.waitForFunction(inMapView, await range.elementHandle());
      // The window follows the view: the range's neighbours are drawn beside it.
      const neighbour = page.locator('svg.address-map g.range[data-subject="/vnets/0/subnets/140/addressPrefix"]');
      await neighbour.waitFor();
      assert.equal(await page.locator('svg.address-map g.range[data-subject="/vnets/0/subnets/5/addressPrefix"]').count(), 0,
        'the start of the lane is no longer drawn');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a plan of 500 VNets draws the lanes in view and every conflict, and the editor shows ten VNets at first', async () => {
    const plan = manyVnetsPlan(500, 20);
    // A conflict far down the map, in a VNet past the editor's first page.
    plan.vnets[450].subnets.push({ name: 'late', addressPrefix: '10.3.132.16/29' });
    const late = '/vnets/450/subnets/20/addressPrefix';
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const map = page.locator('svg.address-map');
      const bar = (pointer) => map.locator(`g.range[data-subject="${pointer}"]`);
      await bar('/vnets/0/subnets/0/addressPrefix').waitFor();
      const drawn = await map.locator('g.range[data-kind="subnet"]').count();
      assert.ok(drawn < 1000, `${drawn} of 10,002 subnets drawn`);
      assert.equal(await bar(late).getAttribute('data-flagged'), 'true', 'a conflict far down is drawn');
      assert.equal(await bar('/vnets/1/subnets/0/addressPrefix').count(), 1, 'the second lane is in view');
      assert.equal(await bar('/vnets/499/subnets/0/addressPrefix').count(), 0, 'the last lane is not drawn yet');

      await page.locator('.map-scroll').evaluate((scroller) => { scroller.scrollTop = scroller.scrollHeight; });
      await bar('/vnets/499/subnets/0/addressPrefix').waitFor();
      assert.equal(await bar('/vnets/1/subnets/0/addressPrefix').count(), 0, 'the second lane, now far above, is not drawn');
      assert.ok(await page.locator('#findings').evaluate((findings) => findings.getBoundingClientRect().top < 1.5 * innerHeight),
        'the findings stay close under the map, which scrolls in its own box');

      assert.match(await page.locator('.editor').innerText(), /490 more VNets are not shown\./);
      assert.equal(await page.locator(`.editor [data-pointer="${late}"]`).count(), 0);
      await page.locator('.map-scroll').evaluate((scroller) => { scroller.scrollTop = 0; });
      await page.click(`#findings li.finding[data-rule="overlapping-subnets"] button.subject[data-subject="${late}"]`);
      await page.waitForFunction((pointer) => document.activeElement?.dataset.pointer === pointer, late);
      await page.waitForFunction(inMapView, await bar(late).elementHandle());
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a map with hundreds of ranges in conflict draws those in view, and says so', async () => {
    const plan = bigPlan(600);
    // The SDK's default service range over the whole VNet: every subnet is in conflict.
    plan.aksClusters = [{
      name: 'aks', vnet: 'vnet0', subnet: 's0', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10',
      nodeCount: 3, networkContributorGranted: true,
    }];
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const map = page.locator('svg.address-map');
      await map.locator('g.range').first().waitFor();
      assert.match(await page.locator('#map-hint').innerText(), /ranges, 6\d\d of them in conflict\. It draws those in view/);
      const drawn = await map.locator('g.range[data-flagged="true"]').count();
      assert.ok(drawn < 300, `${drawn} ranges in conflict drawn`);
      const last = map.locator('g.range[data-subject="/vnets/0/subnets/599/addressPrefix"]');
      assert.equal(await last.count(), 0, 'a range in conflict far out of view is not drawn');
      await page.locator('.map-scroll').evaluate((scroller) => { scroller.scrollLeft = scroller.scrollWidth; });
      await map.locator('g.range[data-subject="/vnets/0/subnets/599/addressPrefix"][data-flagged="true"]').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a label on a flagged bar has a halo in the bar\'s colour, so the hatch never runs through its text', async () => {
    const plan = example('default-aks.json');
    plan.aksClusters[0].serviceCidr = '10.1.0.0/16';
    plan.aksClusters[0].dnsServiceIP = '10.1.0.10';
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openPage(suite.browser, suite.origin + planLink(plan), { colorScheme });
      try {
        const labels = page.locator('svg.address-map g.range[data-flagged="true"] text.inside');
        // The map is drawn after the findings; a flagged bar with its label inside must come.
        await labels.first().waitFor({ state: 'attached' });
        assert.ok(await labels.count() >= 1, `${colorScheme}: a flagged bar carries its label`);
        for (const label of await labels.all()) {
          const { halo, bar, order } = await label.evaluate((text) => ({
            halo: getComputedStyle(text).stroke,
            bar: getComputedStyle(text.parentElement.querySelector('.bar')).fill,
            order: getComputedStyle(text).paintOrder,
          }));
          assert.equal(halo, bar, colorScheme);
          assert.match(order, /^stroke/, colorScheme);
        }
        await page.locator('.map-card').screenshot({ path: join(shots, `map-flagged-labels-${colorScheme}.png`) });
      } finally {
        await context.close();
      }
    }
  });

  test('focusing a range in a conflict lights up the range it conflicts with', async () => {
    const plan = example('default-aks.json');
    plan.aksClusters[0].serviceCidr = '10.1.0.0/16';
    plan.aksClusters[0].dnsServiceIP = '10.1.0.10';
    const { context, page } = await openPage(suite.browser, suite.origin + planLink(plan));
    try {
      const service = page.locator('svg.address-map g[data-subject="/aksClusters/0/serviceCidr"]');
      await service.focus();
      const subnet = page.locator('svg.address-map g[data-subject="/vnets/0/subnets/0/addressPrefix"]');
      assert.match(await subnet.getAttribute('class'), /\bpartner\b/);
      assert.ok(await page.locator('svg.address-map line.connector').count() >= 1);
      await page.locator('.map-card').screenshot({ path: join(shots, 'map-conflict-focused.png') });
    } finally {
      await context.close();
    }
  });
  test('Tab meets each lane\'s ranges and free blocks from left to right', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plans.crowded));
    try {
      await page.locator('svg.address-map g.free').first().waitFor();
      const met = await tabThroughMap(page);
      const lanes = [
        ['mynetwork 10.1.0.0/16', 'aks-subnet 10.1.0.0/22', 'default 10.1.4.0/24', 'app-0 10.1.5.0/26',
          'app-1 10.1.5.64/27', 'Free space: 10.1.5.96', 'batch 10.1.6.0/24', 'Free space: 10.1.7.0'],
        ['hub 10.3.0.0/16', 'firewall 10.3.0.0/26', 'Free space: 10.3.0.64', 'gateway 10.3.1.0/27',
          'Free space: 10.3.1.32', 'aks-2 10.3.4.0/22', 'Free space: 10.3.8.0'],
        // The overview's lane of each cluster, after the VNets' lane that Tab passes (see below).
        ['Kubernetes service range 10.2.0.0/16', 'DNS service IP 10.2.0.10', 'docker bridge range 172.17.0.0/16'],
        ['Kubernetes service range 10.4.0.0/16', 'DNS service IP 10.4.0.10', 'docker bridge range 172.17.0.0/16'],
      ];
      assert.deepEqual(met.map((stop) => stop.name), lanes.flat());
      let start = 0;
      for (const lane of lanes) {
        const seen = met.slice(start, start + lane.length);
        start += lane.length;
        for (const [i, stop] of seen.slice(1).entries()) {
          assert.ok(stop.left >= seen[i].left, `${stop.name} is met after ${seen[i].name}, which is right of it`);
        }
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Tab stops once at a VNet drawn in its lane and again in the overview, which still answers the pointer', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plans.crowded));
    try {
      const prefix = '/vnets/0/addressPrefixes/0';
      const copies = page.locator(`svg.address-map g.range[data-subject="${prefix}"]`);
      await copies.first().waitFor();
      assert.equal(await copies.count(), 2, 'the VNet is drawn in its lane and in the overview');
      const subjects = (await tabThroughMap(page)).map((stop) => stop.subject).filter(Boolean);
      assert.deepEqual(subjects.filter((subject) => subject === prefix), [prefix]);
      assert.deepEqual(subjects.filter((subject, i) => subjects.indexOf(subject) !== i), [], 'no range is met twice');
      // Both copies stay buttons for a screen reader, and a click on the overview's copy jumps to the field.
      assert.equal(await page.getByRole('button', { name: /^mynetwork 10\.1\.0\.0\/16:/ }).count(), 2);
      await copies.nth(1).click();
      await page.waitForFunction((p) => document.activeElement?.dataset.pointer === p, prefix);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a free block opens by Enter or Space, not by Tab, and Escape closes it and gives the focus back to it', async () => {
    const { context, page, errors } = await openPage(suite.browser, suite.origin + planLink(plans.crowded));
    try {
      const focusedBlock = () => page.evaluate(() => document.activeElement?.dataset.free ?? null);
      const block = page.locator('svg.address-map g.free').first();
      const index = await block.getAttribute('data-free');
      // Tab passes over a block without opening it: a screen reader is not read a form per block.
      await block.focus();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
      assert.equal(await block.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('#free-size').count(), 0);
      // Enter opens it and goes into its form.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'free-size');
      assert.equal(await block.getAttribute('aria-expanded'), 'true');
      assert.equal(await block.getAttribute('aria-controls'), 'free-detail');
      assert.equal(await page.locator('#free-detail #free-size').count(), 1);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'add-subnet-here');
      // Tab from the form's end goes on to the block's next stop, as if the form sat beside it,
      // and Shift+Tab from there comes back to the block.
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.activeElement?.closest('svg.address-map') !== null), 'still in the map');
      assert.notEqual(await focusedBlock(), index);
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focusedBlock(), index);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'free-size');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await page.locator('#free-size').waitFor({ state: 'detached' });
      assert.equal(await focusedBlock(), index, 'the focus is back on the block');
      assert.doesNotMatch(await block.getAttribute('class'), /\bchosen\b/);
      assert.equal(await block.getAttribute('aria-expanded'), 'false');
      assert.equal(await block.getAttribute('aria-controls'), null);
      assert.equal(await page.locator('.map-detail').innerText(), '');
      // Enter on the block it came back to opens the form and goes into it again.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'free-size');
      // From the block itself, opened by Space.
      const other = page.locator('svg.address-map g.free').nth(1);
      await other.focus();
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.activeElement?.id === 'free-size');
      await other.focus();
      await page.keyboard.press('Escape');
      await page.locator('#free-size').waitFor({ state: 'detached' });
      assert.equal(await focusedBlock(), await other.getAttribute('data-free'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
