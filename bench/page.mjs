// What the built page costs a visitor: the bytes of a first visit, compressed as a server would
// send them, and, in headless Chromium, how long a keystroke takes to reach the findings and the
// map, how long the first render takes, and how long a plan of 10,000 subnets takes to open and
// to re-check after an edit: in three long VNets, in 500 short ones, and with 4,000 of them in
// conflict with a cluster's service range. Run after `trunk build --release`.
//
//   node bench/page.mjs                 size and timings (timings are printed, never asserted)
//   node bench/page.mjs --check         size only; exits 1 when it exceeds bench/budget.json
//   node bench/page.mjs --write-budget  size only; stores it plus a 3% margin as the budget
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync, constants } from 'node:zlib';
import { bigPlan, launchBrowser, manyVnetsPlan, planLink, root, serveDist } from '../web/e2e/harness.mjs';

const budgetFile = join(root, 'bench', 'budget.json');
const dist = join(root, 'dist');
const USAGE = 'usage: node bench/page.mjs [--check | --write-budget]';
let flags;
try {
  ({ values: flags } = parseArgs({
    options: { check: { type: 'boolean' }, 'write-budget': { type: 'boolean' } },
    strict: true,
  }));
} catch (error) {
  console.error(`bench: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (flags.check && flags['write-budget']) {
  console.error(`bench: --check and --write-budget exclude each other\n${USAGE}`);
  process.exit(2);
}
const mode = flags.check ? 'check' : flags['write-budget'] ? 'write' : 'report';
const KEYSTROKES = 30;
const LOADS = 10;
const HISTORY = 150;
const BIG = 10000;
const BIG_LOADS = 5;
const BIG_EDITS = 10;
const MANY_VNETS = 500;
const serviceOverVnet1 = {
  name: 'aks', vnet: 'vnet1', subnet: 's0', serviceCidr: '10.1.0.0/16', dnsServiceIP: '10.1.0.10',
  nodeCount: 3, networkContributorGranted: true,
};
const MARGIN = 1.03;

/** One VNet of 200 subnets (a /22 for the nodes, then /28s) and one cluster: no errors or warnings. */
function plan200() {
  const subnets = [{ name: 'aks', addressPrefix: '10.0.0.0/22' }];
  for (let s = 1; s < 200; s++) {
    const offset = 1024 + 16 * (s - 1);
    subnets.push({ name: `s${s}`, addressPrefix: `10.0.${Math.floor(offset / 256)}.${offset % 256}/28` });
  }
  return {
    schemaVersion: 1, name: '200 subnets', region: 'eastus2', workspace: { resourceGroup: 'ml-rg' },
    vnets: [{ name: 'vnet0', resourceGroup: 'ml-rg', addressPrefixes: ['10.0.0.0/16'], subnets }],
    aksClusters: [{
      name: 'aks0', vnet: 'vnet0', subnet: 'aks', serviceCidr: '10.100.0.0/16', dnsServiceIP: '10.100.0.10',
      dockerBridgeCidr: '172.17.0.1/16', nodeCount: 3, networkContributorGranted: true,
    }],
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)}`;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Records, in the page, when `#findings` first appears: the first render. */
function watchFirstRender() {
  new MutationObserver((_, observer) => {
    if (document.getElementById('findings')) {
      window.__findingsAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
}
const firstRenderAt = (page) => page.waitForFunction(() => window.__findingsAt).then((handle) => handle.jsonValue());

/** The file of dist/ that `url` names. */
function distName(url, origin) {
  const { origin: from, pathname } = new URL(url);
  if (from !== origin) throw new Error(`the page requested ${url}, outside its own origin`);
  const name = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  if (!existsSync(join(dist, name))) throw new Error(`the page requested ${name}, which is not in dist/`);
  return name;
}

/** A file of dist/ with its raw and gzip sizes (level 9, as a static server would precompress it). */
function measured(name) {
  const body = readFileSync(join(dist, name));
  return { name, raw: body.length, gzip: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length };
}

/**
 * A first visit, in two parts. `first`: what the page fetched before its first render, by the
 * browser's resource timing. `later`: what was fetched after it, in practice the service
 * worker's precache of the parts loaded on first use. `twice`: files the server sent more than
 * once (the browser's own events also count answers from its cache).
 */
async function firstVisit(browser, server) {
  const { origin, served } = server;
  served.length = 0;
  const context = await browser.newContext();
  await context.addInitScript(watchFirstRender);
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.goto(origin + '/');
  const renderedAt = await firstRenderAt(page);
  const beforeRender = await page.evaluate((at) => [
    location.origin + '/',
    ...performance.getEntriesByType('resource').filter((entry) => entry.startTime <= at).map((entry) => entry.name),
  ], renderedAt);
  // The service worker's install downloads the build once it is registered; it controls the page
  // once that is done. Without it, only the note is lost.
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 15_000 })
    .then(() => true, () => false);
  await context.close();
  if (!controlled) console.log('note: no service worker took control of the page; its downloads are not listed');

  // Each file is named once and measured once, however often it was requested.
  const names = (urls) => new Set(urls.map((url) => distName(url, origin)));
  const firstNames = names(beforeRender);
  const first = [...firstNames].map(measured);
  const later = [...names(requests)].filter((name) => !firstNames.has(name)).map(measured);
  const counts = new Map();
  for (const path of served) counts.set(path, (counts.get(path) ?? 0) + 1);
  const twice = [...counts].filter(([, count]) => count > 1).map(([path]) => distName(origin + path, origin));
  const bySize = (files) => [...files].sort((a, b) => b.gzip - a.gzip);
  return { first: bySize(first), later: bySize(later), twice };
}

/**
 * Milliseconds from an input event on a subnet prefix to the DOM showing its new finding. With
 * `history`, that many other fields are edited first, as after a while of work: each is one
 * undo step that the page keeps.
 */
async function keystrokes(browser, origin, history = 0) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(origin + planLink(plan200()));
  const pointer = '/vnets/0/subnets/5/addressPrefix';
  await page.locator(`[data-pointer="${pointer}"]`).waitFor();
  // Editing another field than the last one starts a new undo step. The fields are those of
  // subnets 10 to 29, which the editor shows without "show more".
  await page.evaluate((history) => new Promise((done, fail) => {
    const next = (i) => {
      if (i >= history) {
        done();
        return;
      }
      const input = document.querySelector(`[data-pointer="/vnets/0/subnets/${10 + (i % 20)}/name"]`);
      if (!input) {
        fail(new Error(`no name field for subnet ${10 + (i % 20)}`));
        return;
      }
      input.value = `renamed${i}`;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      requestAnimationFrame(() => requestAnimationFrame(() => next(i + 1)));
    };
    next(0);
  }), history);
  if (history > 0 && (await page.locator('#undo').isDisabled())) throw new Error('the edits made no undo steps');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

  // Alternates between a prefix that overlaps subnet s1 and the subnet's own free block, so each
  // keystroke adds or removes one finding and one flagged range on the map.
  const once = (value, expectConflict) =>
    timeEdit(page, { pointer, value, rule: 'overlapping-subnets', expectConflict });

  const before = await metrics();
  const shown = [];
  const idle = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const conflict = i % 2 === 0;
    const { shownAt, idleAt } = await once(conflict ? '10.0.4.0/28' : '10.0.4.64/28', conflict);
    shown.push(shownAt);
    idle.push(idleAt);
  }
  const after = await metrics();
  const per = (name) => ((after[name] - before[name]) * 1000) / KEYSTROKES;
  const nodes = after.Nodes;
  await context.close();
  return {
    shown, idle,
    script: per('ScriptDuration'), style: per('RecalcStyleDuration'), layout: per('LayoutDuration'),
    nodes,
  };
}

/**
 * Milliseconds from an input event that sets the field at `pointer` to `value` until the DOM
 * shows the finding of `rule` and the range's flag on the map (`expectConflict`) or shows
 * neither (`shownAt`), and until the main thread is free again (`idleAt`).
 */
function timeEdit(page, { pointer, value, rule, expectConflict }) {
  return page.evaluate(({ pointer, value, rule, expectConflict }) => new Promise((done, fail) => {
    const input = document.querySelector(`[data-pointer="${pointer}"]`);
    const shown = () => {
      const finding = document.querySelector(`#findings li.finding[data-rule="${rule}"]`) !== null;
      const flagged = document.querySelector(`.address-map g[data-subject="${pointer}"]`)?.getAttribute('data-flagged') === 'true';
      return finding === expectConflict && flagged === expectConflict;
    };
    if (shown()) {
      fail(new Error('the page already shows the state the keystroke should bring'));
      return;
    }
    let observer;
    const finish = () => {
      const shownAt = performance.now() - start;
      clearTimeout(limit);
      observer.disconnect();
      // A message posted now is delivered once the task that rendered (and the effects that
      // run with it, such as the autosave) has finished: only then can the frame be painted.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const idleAt = performance.now() - start;
        channel.port1.close();
        // Two frames later the page has painted; the next keystroke starts from rest.
        requestAnimationFrame(() => requestAnimationFrame(() => done({ shownAt, idleAt })));
      };
      channel.port2.postMessage(null);
    };
    observer = new MutationObserver(() => {
      if (shown()) finish();
    });
    // A page that never shows the change must fail the run, not hang it.
    const limit = setTimeout(() => {
      observer.disconnect();
      fail(new Error(`the page did not show the change of ${pointer} to ${value}`));
    }, 10_000);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const start = performance.now();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value.slice(-1) }));
    // A render that finished inside the dispatch has already produced its mutations.
    if (shown()) finish();
  }), { pointer, value, rule, expectConflict });
}

/**
 * A 10,000-subnet plan opened from a share link: milliseconds from navigation start until its
 * findings are in the document, and until its map is; then, on one page, from an edit that sets
 * the subnet at `pointer` to `outside`, which brings a finding of `rule`, or back to `inside`,
 * until the finding and the map's flag show it or show neither.
 */
async function bigPlanTimes(browser, origin, { plan, pointer, inside, outside, rule = 'subnet-outside-vnet' }) {
  const link = origin + planLink(plan);
  const watch = () => {
    new MutationObserver((_, observer) => {
      window.__findingsAt ??= document.querySelector('#findings li.finding') ? performance.now() : undefined;
      window.__mapAt ??= document.querySelector('svg.address-map g.range') ? performance.now() : undefined;
      if (window.__findingsAt && window.__mapAt) observer.disconnect();
    }).observe(document, { subtree: true, childList: true });
  };
  const findings = [];
  const map = [];
  for (let i = 0; i < BIG_LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(watch);
    const page = await context.newPage();
    await page.goto(link);
    const times = await page.waitForFunction(() => window.__findingsAt && window.__mapAt && [window.__findingsAt, window.__mapAt]);
    const [findingsAt, mapAt] = await times.jsonValue();
    findings.push(findingsAt);
    map.push(mapAt);
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.locator(`[data-pointer="${pointer}"]`).waitFor();
  await page.locator('svg.address-map g.range').first().waitFor();
  const shown = [];
  const idle = [];
  for (let i = 0; i < BIG_EDITS; i++) {
    const out = i % 2 === 0;
    const edit = await timeEdit(page, { pointer, value: out ? outside : inside, rule, expectConflict: out });
    shown.push(edit.shownAt);
    idle.push(edit.idleAt);
  }
  await context.close();
  return { findings, map, shown, idle };
}

/** Milliseconds from navigation start to `#findings` in the document, on fresh and repeat visits. */
async function firstRenders(browser, origin) {
  const watch = watchFirstRender;
  const read = firstRenderAt;

  const cold = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(watch);
    const page = await context.newPage();
    await page.goto(origin + '/');
    cold.push(await read(page));
    await context.close();
  }
  // A returning visitor: the service worker and the compiled wasm are cached.
  const context = await browser.newContext();
  await context.addInitScript(watch);
  const page = await context.newPage();
  await page.goto(origin + '/');
  await read(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller);
  const warm = [];
  for (let i = 0; i < LOADS; i++) {
    await page.reload();
    warm.push(await read(page));
  }
  await context.close();
  return { cold, warm };
}

const server = await serveDist();
const browser = await launchBrowser();
try {
  const { first, later, twice } = await firstVisit(browser, server);
  const sum = (files, size) => files.reduce((total, file) => total + file[size], 0);
  const table = (title, files) => {
    console.log(`${title}\n`);
    console.log('| file | raw | gzip |');
    console.log('|---|---:|---:|');
    for (const f of files) console.log(`| ${f.name} | ${kb(f.raw)} | ${kb(f.gzip)} |`);
    console.log(`| **total** | ${kb(sum(files, 'raw'))} | **${kb(sum(files, 'gzip'))}** |\n`);
  };
  const total = sum(first, 'gzip');
  table('first visit: what the page fetches before its first render (gzip -9 per file):', first);
  table('after the first render: fetched by the service worker to cache the parts loaded on first use:', later);
  console.log(`first visit ${total} bytes gzip (issue 14's target ≤ 160 KB = 163840 bytes: ${total <= 160 * 1024 ? 'met' : 'MISSED'})`);
  if (twice.length > 0) console.log(`sent more than once by the server: ${twice.join(', ')} (the page itself, which has no content hash, is fetched fresh)`);

  if (mode === 'write') {
    const budget = Math.ceil(total * MARGIN);
    writeFileSync(budgetFile, JSON.stringify({ firstVisitGzipBytes: budget, measured: total }, null, 2) + '\n');
    console.log(`budget written to bench/budget.json: ${budget} bytes (${kb(budget)})`);
  } else {
    // A missing or unreadable budget fails the check: CI must never pass for want of a number.
    const { firstVisitGzipBytes: budget } = JSON.parse(readFileSync(budgetFile, 'utf8'));
    const within = total <= budget;
    console.log(`budget (bench/budget.json): ${budget} bytes; ${within ? 'within' : 'EXCEEDED by ' + (total - budget) + ' bytes'}`);
    if (!within) {
      console.log('the first visit grew past its budget: shrink it, or if the growth is worth it, ' +
        'run `node bench/page.mjs --write-budget` and commit bench/budget.json');
      process.exitCode = 1;
    }
  }

  if (mode === 'report') {
    const browserVersion = browser.version();
    console.log(`\nChromium ${browserVersion}, headless; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}`);
    for (const history of [0, HISTORY]) {
      const typed = await keystrokes(browser, server.origin, history);
      const after = history ? `, after ${history} edits of other fields (undo steps)` : ', fresh page';
      console.log(`\nkeystroke in a 200-subnet plan → finding and map updated (${KEYSTROKES} keystrokes${after}):`);
      console.log(`  DOM shows the finding: median ${median(typed.shown).toFixed(1)} ms (${spread(typed.shown)}); target ≤ 16 ms: ${median(typed.shown) <= 16 ? 'met' : 'MISSED'}`);
      console.log(`  main thread free again: median ${median(typed.idle).toFixed(1)} ms (${spread(typed.idle)}); target ≤ 16 ms: ${median(typed.idle) <= 16 ? 'met' : 'MISSED'}`);
      console.log(`  per keystroke, from Chromium's counters: script ${typed.script.toFixed(1)} ms, ` +
        `style ${typed.style.toFixed(1)} ms, layout ${typed.layout.toFixed(1)} ms; ${typed.nodes} DOM nodes`);
    }

    const { cold, warm } = await firstRenders(browser, server.origin);
    console.log(`\nnavigation start → #findings (${LOADS} loads each):`);
    console.log(`  first visit (empty cache) median ${median(cold).toFixed(0)} ms (${spread(cold)}); target ≤ 250 ms: ${median(cold) <= 250 ? 'met' : 'MISSED'}`);
    console.log(`  repeat visit (service worker) median ${median(warm).toFixed(0)} ms (${spread(warm)})`);

    const shapes = [
      {
        title: `${BIG.toLocaleString('en')}-subnet plan in ${Math.ceil(BIG / 4000)} VNets`,
        plan: bigPlan(BIG), pointer: '/vnets/0/subnets/5/addressPrefix', inside: '10.0.0.80/28', outside: '10.9.0.0/28',
      },
      {
        // Hundreds of spokes one under the other: the map windows down as well as across.
        title: `${BIG.toLocaleString('en')}-subnet plan in ${MANY_VNETS} VNets of ${BIG / MANY_VNETS} subnets`,
        plan: manyVnetsPlan(MANY_VNETS, BIG / MANY_VNETS), pointer: '/vnets/3/subnets/5/addressPrefix',
        inside: '10.0.6.80/28', outside: '10.99.0.0/28',
      },
      {
        // The SDK's default service range over a VNet puts all its 4,000 subnets in conflict. The
        // edit is in the VNet above, and stays in view: past 100 conflicts, one out of view is
        // not drawn, as a subnet moved out of its VNet would be.
        title: `${BIG.toLocaleString('en')}-subnet plan in ${Math.ceil(BIG / 4000)} VNets, the second under a cluster's service range`,
        plan: { ...bigPlan(BIG), aksClusters: [serviceOverVnet1] },
        pointer: '/vnets/0/subnets/5/addressPrefix', inside: '10.0.0.80/28', outside: '10.0.0.81/28', rule: 'cidr-has-host-bits',
      },
    ];
    for (const shape of shapes) {
      const big = await bigPlanTimes(browser, server.origin, shape);
      console.log(`\n${shape.title}, from a share link (${BIG_LOADS} loads, then ${BIG_EDITS} edits on one page):`);
      console.log(`  navigation start → findings: median ${median(big.findings).toFixed(0)} ms (${spread(big.findings)}); target ≤ 1000 ms: ${median(big.findings) <= 1000 ? 'met' : 'MISSED'}`);
      console.log(`  navigation start → map drawn: median ${median(big.map).toFixed(0)} ms (${spread(big.map)})`);
      console.log(`  edit → finding and map updated: median ${median(big.shown).toFixed(1)} ms (${spread(big.shown)}); target ≤ 100 ms: ${median(big.shown) <= 100 ? 'met' : 'MISSED'}`);
      console.log(`  edit → main thread free again: median ${median(big.idle).toFixed(1)} ms (${spread(big.idle)})`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
