// How light the page could be at best while it still checks plans on its first screen: builds
// bench/checker-floor, a wasm with nothing but reading a plan, the rules and the report (in
// English, as the first visit has them), the way the page's wasm is built, and prints its weight
// beside the page's.
//
//   node bench/checker-floor.mjs
//
// Needs the wasm32 target and `wasm-opt` from node_modules (as `trunk build` does); run
// `trunk build --release` first to see the page's own wasm beside it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { root } from '../web/e2e/harness.mjs';

const crate = join(root, 'bench', 'checker-floor');
const targetDir = join(root, 'target', 'checker-floor');
const built = join(targetDir, 'wasm32-unknown-unknown', 'release', 'vnetplan_checker_floor.wasm');
const optimized = join(targetDir, 'vnetplan_checker_floor.opt.wasm');
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');

const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
try {
  run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown',
    '--manifest-path', join(crate, 'Cargo.toml'), '--target-dir', targetDir]);
  run(wasmOpt, ['-Oz', '--strip-debug', '--strip-producers', built, '-o', optimized]);
} catch (error) {
  console.error(`checker-floor: the build failed (${error.message})`);
  process.exit(1);
}

const gzip = (bytes) => gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const floor = readFileSync(optimized);
console.log(`the checker alone (read, every rule, the report; English, as the first visit has it), after wasm-opt -Oz: ${kb(floor.length)}, gzip -9 ${kb(gzip(floor))}`);
const dist = join(root, 'dist');
const page = existsSync(dist) ? readdirSync(dist).find((name) => /^vnetplan-web-.*_bg\.wasm$/.test(name)) : undefined;
if (page) {
  const bytes = readFileSync(join(dist, page));
  console.log(`the page's wasm (dist/${page}): ${kb(bytes.length)}, gzip -9 ${kb(gzip(bytes))}`);
}
console.log(`issue 14's target for the whole first visit (html, js, wasm, css): 160 KB gzip`);
