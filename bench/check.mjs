// How fast the npm package's `check` answers compared with what a JavaScript user would write
// instead: the `cidr-tools` package asked about every pair, and a hand-written sort-and-sweep.
// All three run in this one process, interleaved repetition by repetition, so that a slow
// moment of the machine (another build, a GC, frequency scaling) lands on all of them alike.
//
// Run after `bash scripts/package`:  node bench/check.mjs [--quick] [--against OTHER/pkg]
// Timings are printed, never asserted. `--against` also times another build of the package (a
// `pkg` folder built from an earlier commit), interleaved with this one, so that a change is
// measured under the same load as what it replaces; both must give the same reports.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { overlapCidr } from 'cidr-tools';

let flags;
try {
  ({ values: flags } = parseArgs({
    options: { quick: { type: 'boolean' }, against: { type: 'string' } },
    strict: true,
  }));
} catch (error) {
  console.error(`bench: ${error.message}\nusage: node bench/check.mjs [--quick] [--against OTHER/pkg]`);
  process.exit(2);
}
const quick = flags.quick === true;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'pkg', 'node', 'vnetplan.js'))) {
  console.error('bench: pkg/node/vnetplan.js is missing; run `bash scripts/package` first');
  process.exit(2);
}
const { check } = await import('../pkg/node/vnetplan.js');
let other = null;
if (flags.against !== undefined) {
  const path = resolve(flags.against, 'node', 'vnetplan.js');
  if (!existsSync(path)) {
    console.error(`bench: ${path} is missing; --against takes a pkg folder that scripts/package built`);
    process.exit(2);
  }
  other = (await import(pathToFileURL(path).href)).check;
}

const SIZES = [100, 1_000, 2_000, 10_000, 100_000];
// Pairwise comparison is quadratic: two million calls at 2,000 subnets already take seconds.
const PAIRWISE_LIMIT = 2_000;
const REPETITIONS = quick ? 5 : 21;
const PAIRWISE_REPETITIONS = quick ? 2 : 7;
// Small plans finish in microseconds, below the timer's useful resolution: such samples repeat
// the call until they last at least this long and report the time per call.
const MIN_SAMPLE_MS = 5;
const WARM_UP_MS = quick ? 50 : 500;

/**
 * Subnets of /28 per VNet of /16, after the /22 node subnet that opens each VNet. The plan is
 * the one `crates/vnetplan-core/benches/check.rs` generates, so the figures compare.
 */
const SUBNETS_PER_VNET = 4_000;

/** A plan of `subnets` subnets, one AKS cluster per VNet for the first ten, and a few conflicts. */
function generatedPlan(subnets) {
  const vnetCount = Math.ceil(subnets / SUBNETS_PER_VNET);
  let remaining = subnets;
  const vnets = [];
  for (let v = 0; v < vnetCount; v++) {
    const here = Math.min(remaining, SUBNETS_PER_VNET);
    remaining -= here;
    const list = [{ name: 'aks', addressPrefix: `10.${v}.0.0/22` }];
    for (let s = 1; s < here; s++) {
      const offset = 1024 + 16 * (s - 1);
      list.push({ name: `s${s}`, addressPrefix: `10.${v}.${Math.floor(offset / 256)}.${offset % 256}/28` });
    }
    if (v === 0 && here > 2) list.push({ name: 'overlap', addressPrefix: '10.0.4.0/27' });
    vnets.push({ name: `vnet${v}`, resourceGroup: 'ml-rg', addressPrefixes: [`10.${v}.0.0/16`], subnets: list });
  }
  const aksClusters = [];
  for (let v = 0; v < Math.min(vnetCount, 10); v++) {
    const service = v === 0 ? '10.0.0.0/16' : `10.${200 + v}.0.0/16`;
    aksClusters.push({
      name: `aks${v}`, vnet: `vnet${v}`, subnet: 'aks',
      serviceCidr: service, dnsServiceIP: service.replace('.0/16', '.10'),
      dockerBridgeCidr: '172.17.0.1/16', nodeCount: 3, networkContributorGranted: true,
    });
  }
  return {
    schemaVersion: 1, region: 'eastus2', workspace: { resourceGroup: 'ml-rg' },
    vnets,
    externalRanges: [{ name: 'on-prem', addressPrefix: '10.1.0.0/16', kind: 'onPremises' }],
    aksClusters,
  };
}

/** Every range of the plan that the overlap question is about, as the text the user typed. */
function prefixesOf(plan) {
  const out = [];
  for (const vnet of plan.vnets) {
    out.push(...vnet.addressPrefixes);
    for (const subnet of vnet.subnets) out.push(subnet.addressPrefix);
  }
  for (const range of plan.externalRanges) out.push(range.addressPrefix);
  for (const cluster of plan.aksClusters) out.push(cluster.serviceCidr, cluster.dockerBridgeCidr);
  return out;
}

/** Overlapping pairs by asking cidr-tools about each pair, as its README suggests. */
function pairwise(prefixes) {
  let pairs = 0;
  for (let i = 0; i < prefixes.length; i++) {
    for (let j = i + 1; j < prefixes.length; j++) {
      if (overlapCidr(prefixes[i], prefixes[j])) pairs++;
    }
  }
  return pairs;
}

/** Address range of a prefix written as `a.b.c.d/n`, with String.split as most code would. */
function rangeBySplit(text) {
  const [address, length] = text.split('/');
  const [a, b, c, d] = address.split('.').map(Number);
  const size = 2 ** (32 - Number(length));
  const start = ((a * 256 + b) * 256 + c) * 256 + d;
  const first = start - (start % size);
  return { first, last: first + size - 1 };
}

/** The same range read character by character: no intermediate strings or arrays. */
function rangeByCodes(text) {
  let address = 0;
  let octet = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 47) break;
    if (code === 46) {
      address = address * 256 + octet;
      octet = 0;
    } else {
      octet = octet * 10 + (code - 48);
    }
  }
  address = address * 256 + octet;
  let length = 0;
  for (i++; i < text.length; i++) length = length * 10 + (text.charCodeAt(i) - 48);
  const size = 2 ** (32 - length);
  const first = address - (address % size);
  return { first, last: first + size - 1 };
}

/** Overlapping pairs by parsing each prefix to integers, sorting by start and sweeping. */
function sweep(prefixes, toRange) {
  const ranges = prefixes.map(toRange);
  ranges.sort((x, y) => x.first - y.first || y.last - x.last);
  let pairs = 0;
  let open = [];
  for (const range of ranges) {
    open = open.filter((o) => o.last >= range.first);
    pairs += open.length;
    open.push(range);
  }
  return pairs;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The JavaScript half of `check(plan)`: the plan out as UTF-8 text, the report back as objects. */
function boundary(plan, reportBytes) {
  encoder.encode(JSON.stringify(plan));
  return JSON.parse(decoder.decode(reportBytes));
}

/** Milliseconds per call of `run`, repeating it within the sample when one call is too short. */
function sample(run, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) run();
  return (performance.now() - start) / calls;
}

/**
 * Runs `run` for WARM_UP_MS (at least twice) so that V8 has tiered up both the JavaScript and
 * the wasm before anything is timed, then says how many calls make one sample last MIN_SAMPLE_MS.
 */
function warmUp(run) {
  const start = performance.now();
  let calls = 0;
  while (calls < 2 || performance.now() - start < WARM_UP_MS) {
    run();
    calls++;
  }
  const once = (performance.now() - start) / calls;
  return Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(once, 1e-3)));
}

function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75),
    min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length,
  };
}

function ms(value) {
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  return `${(value * 1000).toFixed(1)} µs`;
}

const describe = (s) => `${ms(s.median)} (IQR ${ms(s.q1)}–${ms(s.q3)}, min ${ms(s.min)}, n=${s.n})`;

const results = new Map();
// Other work on the machine shows in the spread; the load says how much there was.
console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}; ` +
  `${REPETITIONS} interleaved repetitions per size (${PAIRWISE_REPETITIONS} for pairwise cidr-tools)\n`);

for (const subnets of SIZES) {
  const plan = generatedPlan(subnets);
  const prefixes = prefixesOf(plan);
  const report = check(plan);
  const found = sweep(prefixes, rangeByCodes);
  if (sweep(prefixes, rangeBySplit) !== found) throw new Error(`the two sweeps disagree at ${subnets}`);
  if (report.summary.errors === 0) throw new Error(`check found none of the generated conflicts at ${subnets}`);
  const withPairwise = subnets <= PAIRWISE_LIMIT;
  if (withPairwise && pairwise(prefixes) !== found) throw new Error(`cidr-tools and the sweep disagree at ${subnets}`);
  if (other && JSON.stringify(other(plan)) !== JSON.stringify(report)) {
    throw new Error(`the other build's report differs at ${subnets}`);
  }

  const text = JSON.stringify(plan);
  const reportBytes = encoder.encode(JSON.stringify(report));
  const runs = [
    { name: 'wasm check', run: () => check(plan) },
    { name: 'wasm check (text)', run: () => check(text) },
    // The first step of `check(plan)` on its own: the floor of the object column.
    { name: 'JSON.stringify', run: () => JSON.stringify(plan) },
    // All that `check(plan)` does outside its wasm: write the plan's text, copy it in as UTF-8,
    // and read the report's text back into objects. No wasm work goes below this.
    { name: 'JS boundary', run: () => boundary(plan, reportBytes) },
    { name: 'JS sweep', run: () => sweep(prefixes, rangeByCodes) },
    { name: 'JS sweep (split)', run: () => sweep(prefixes, rangeBySplit) },
  ];
  if (other) {
    runs.push({ name: 'other build', run: () => other(plan) }, { name: 'other build (text)', run: () => other(text) });
  }
  if (withPairwise) runs.push({ name: 'cidr-tools pairwise', run: () => pairwise(prefixes), reps: PAIRWISE_REPETITIONS });
  for (const r of runs) {
    r.calls = warmUp(r.run);
    r.samples = [];
  }
  for (let rep = 0; rep < REPETITIONS; rep++) {
    for (const r of runs) {
      if (rep < (r.reps ?? REPETITIONS)) r.samples.push(sample(r.run, r.calls));
    }
  }
  const row = { subnets, prefixes: prefixes.length, pairs: found, findings: report.findings.length };
  for (const r of runs) row[r.name] = stats(r.samples);
  results.set(subnets, row);
  console.log(`${subnets.toLocaleString('en')} subnets (${prefixes.length.toLocaleString('en')} prefixes, ` +
    `${found.toLocaleString('en')} overlapping pairs, ${report.findings.length} findings)`);
  for (const r of runs) console.log(`  ${r.name.padEnd(20)} ${describe(row[r.name])}`);
}

const median = (subnets, name) => results.get(subnets)[name].median;
const ratio = (x) => (x >= 10 ? x.toFixed(0) : x.toFixed(2));

console.log('\n| subnets | prefixes | wasm `check` | wasm `check` (text) | `JSON.stringify` | JS boundary | JS sweep | JS sweep (split) | wasm / sweep | cidr-tools pairwise |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of results.values()) {
  const pair = row['cidr-tools pairwise'];
  console.log(`| ${row.subnets.toLocaleString('en')} | ${row.prefixes.toLocaleString('en')} | ` +
    `${ms(row['wasm check'].median)} | ${ms(row['wasm check (text)'].median)} | ${ms(row['JSON.stringify'].median)} | ${ms(row['JS boundary'].median)} | ` +
    `${ms(row['JS sweep'].median)} | ${ms(row['JS sweep (split)'].median)} | ` +
    `${ratio(row['wasm check'].median / row['JS sweep'].median)}× | ${pair ? ms(pair.median) : '–'} |`);
}

const tenK = median(10_000, 'wasm check');
const vsSweep = tenK / median(10_000, 'JS sweep');
const vsPairwise = median(2_000, 'cidr-tools pairwise') / median(2_000, 'wasm check');
const scaling = median(100_000, 'wasm check') / tenK;
const verdict = (ok) => (ok ? 'met' : 'MISSED');
if (other) {
  console.log('\nthe other build, at each size: object, text, and this build\'s time as a share of its own');
  for (const row of results.values()) {
    const share = (mine, theirs) => `${((100 * row[mine].median) / row[theirs].median).toFixed(0)}%`;
    console.log(`  ${row.subnets.toLocaleString('en').padStart(7)}: ${ms(row['other build'].median)}, ` +
      `${ms(row['other build (text)'].median)}; this build ${share('wasm check', 'other build')}, ` +
      `${share('wasm check (text)', 'other build (text)')} (other ${ratio(row['other build'].median / row['JS sweep'].median)}× the sweep)`);
  }
}
console.log('\ntargets:');
console.log(`  10,000 subnets checked in wasm, the plan passed as an object: ${ms(tenK)}; ` +
  `as JSON text: ${ms(median(10_000, 'wasm check (text)'))}`);
console.log(`  JSON.stringify of that plan alone: ${ms(median(10_000, 'JSON.stringify'))}, ` +
  `${ratio(median(10_000, 'JSON.stringify') / median(10_000, 'JS sweep'))}× the sweep's time`);
const boundaryShare = median(10_000, 'JS boundary') / median(10_000, 'JS sweep');
console.log(`  the JS boundary alone at 10,000 (stringify, UTF-8 in, report parsed back): ` +
  `${ms(median(10_000, 'JS boundary'))}, ${ratio(boundaryShare)}× the sweep's time; 2× leaves ` +
  `${ms(Math.max(0, 2 * median(10_000, 'JS sweep') - median(10_000, 'JS boundary')))} for the wasm's own work, ` +
  `which takes ${ms(tenK - median(10_000, 'JS boundary'))} here ` +
  '(natively: `cargo bench -p vnetplan-core --bench check -- text_to_report`)');
console.log(`  wasm check / JS sweep at 10,000: ${ratio(vsSweep)}× the sweep's time ` +
  `(target ≤ 2×: ${verdict(vsSweep <= 2)}); ${ratio(tenK / median(10_000, 'JS sweep (split)'))}× the split-based sweep's`);
console.log(`  cidr-tools pairwise / wasm check at 2,000: ${ratio(vsPairwise)}× (target ≥ 100×: ${verdict(vsPairwise >= 100)})`);
console.log(`  wasm check 100,000 / 10,000: ${ratio(scaling)}× (target ≤ 12×: ${verdict(scaling <= 12)})`);
