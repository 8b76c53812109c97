// Shared pieces of the browser tests: a static server for dist/ on loopback, and Debian's
// Chromium driven by playwright-core with every background connection switched off.
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const root = resolve(import.meta.dirname, '..', '..');

/**
 * The warnings a plan that is otherwise clean may carry: notices that Azure retired what the plan
 * uses (the core's `RuleId::RETIREMENT_NOTICES`), which no change to the plan's design removes.
 */
/**
 * The guide's first failure: the SDK's default service range over the node subnet of a
 * 10.0.0.0/16 VNet. `cluster` overrides fields of its one cluster.
 */
export function collidingPlan(name, cluster = {}) {
  return {
    schemaVersion: 1,
    name,
    region: 'eastus2',
    workspace: { resourceGroup: 'ml-rg' },
    vnets: [{
      name: 'mynetwork', resourceGroup: 'ml-rg', addressPrefixes: ['10.0.0.0/16'],
      subnets: [{ name: 'default', addressPrefix: '10.0.0.0/24' }],
    }],
    aksClusters: [{
      name: 'myaks', vnet: 'mynetwork', subnet: 'default', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10',
      nodeCount: 3, networkContributorGranted: true, ...cluster,
    }],
  };
}

export const retirementNotices = ['aci-vnet-retired', 'sdk-v1-out-of-support'];

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves dist/ on 127.0.0.1 at a free port; resolves to { origin, close }. */
export function serveDist() {
  return serveFolder(join(root, 'dist'));
}

/**
 * Serves a folder on 127.0.0.1 at a free port; resolves to { origin, close, served }, where
 * `served` lists the path of every request that reached the server, in order. `headers` go
 * with every file, such as the caching a host adds.
 */
export function serveFolder(folder, headers = {}) {
  const served = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    served.push(path);
    let file = normalize(join(folder, path));
    if (!file.startsWith(folder)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((ready) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ready({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)), served });
    });
  });
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    // Playwright starts every launch with a fresh, empty profile directory of its own.
  });
}

/** Opens the page, recording every request it makes and every error it logs. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  // Attached, not visible: on a phone the findings sit on a tab of their own.
  await page.locator('#findings').waitFor({ state: 'attached' });
  return { context, page, requests, errors };
}

/**
 * Opens the single offline file from disk (`dist/vnetplan-offline.html`, then `fragment`) in a
 * context with the network cut, where any request for something other than a file or inline
 * data is refused and listed in `outside`.
 */
export async function openOfflineFile(browser, fragment = '', options = {}) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 }, ...options });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(pathToFileURL(join(root, 'dist', 'vnetplan-offline.html')).href + fragment);
  await page.locator('#findings').waitFor({ state: 'attached' });
  return { context, page, outside, errors };
}

/** The page's address for a share link holding `plan`: `#plan=` + base64url of raw DEFLATE. */
export function planLink(plan) {
  return '/#plan=' + deflateRawSync(Buffer.from(JSON.stringify(plan))).toString('base64url');
}

/** A plan of `count` /28 subnets spread over /16 VNets, with one real conflict. */
export function bigPlan(count) {
  const vnets = [];
  for (let v = 0; v * 4000 < count; v += 1) {
    const here = Math.min(4000, count - v * 4000);
    const subnets = [];
    for (let s = 0; s < here; s += 1) {
      const offset = 16 * s;
      subnets.push({ name: `s${s}`, addressPrefix: `10.${v}.${offset >> 8}.${offset & 255}/28` });
    }
    vnets.push({ name: `vnet${v}`, resourceGroup: 'ml-rg', addressPrefixes: [`10.${v}.0.0/16`], subnets });
  }
  vnets[0].subnets.push({ name: 'overlap', addressPrefix: '10.0.0.0/27' });
  return { schemaVersion: 1, name: `${count} subnets`, region: 'eastus2', workspace: { resourceGroup: 'ml-rg' }, vnets };
}

/**
 * A hub-and-spokes shape of a big plan: `vnets` VNets of a /23 each, one under the other on the
 * map, each with `subnets` /28 subnets, and one real conflict in the first VNet.
 */
export function manyVnetsPlan(vnets, subnets) {
  const list = [];
  for (let v = 0; v < vnets; v += 1) {
    const [second, third] = [v >> 7, (v & 127) * 2];
    const subnetList = [];
    for (let s = 0; s < subnets; s += 1) {
      const offset = 16 * s;
      subnetList.push({ name: `s${s}`, addressPrefix: `10.${second}.${third + (offset >> 8)}.${offset & 255}/28` });
    }
    list.push({ name: `vnet${v}`, resourceGroup: 'ml-rg', addressPrefixes: [`10.${second}.${third}.0/23`], subnets: subnetList });
  }
  list[0].subnets.push({ name: 'overlap', addressPrefix: '10.0.0.0/27' });
  return { schemaVersion: 1, name: `${vnets} VNets`, region: 'eastus2', workspace: { resourceGroup: 'ml-rg' }, vnets: list };
}

/** One of the plans in examples/, e.g. `example('broken/sdk-default-service-cidr.json')`. */
export function example(name) {
  return JSON.parse(readFileSync(join(root, 'examples', name), 'utf8'));
}

/**
 * Runs the command-line checker (`cargo build -p vnetplan-cli`) with `args`; `PLAN` among them
 * stands for a file holding `plan`. Returns what it printed: its exit status says whether the
 * plan has errors, which these tests read from the output instead.
 */
export function cli(args, plan) {
  const binary = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', 'vnetplan');
  const folder = mkdtempSync(join(tmpdir(), 'vnetplan-e2e-'));
  try {
    const file = join(folder, 'plan.json');
    if (plan) writeFileSync(file, JSON.stringify(plan));
    const run = spawnSync(binary, args.map((arg) => (arg === 'PLAN' ? file : arg)), { encoding: 'utf8' });
    if (run.error) throw run.error;
    return run.stdout;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Serves dist/ and starts the browser before a suite's tests, and stops both after them.
 * Returns a handle whose `origin` and `browser` are set once the suite runs.
 */
export function servedPage() {
  const suite = { origin: '', browser: null };
  let server;
  before(async () => {
    server = await serveDist();
    suite.origin = server.origin;
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await server?.close();
  });
  return suite;
}
