// What the page's wasm holds, grouped by crate and module: `twiggy top` on the file before
// wasm-bindgen and wasm-opt, whose function names are still whole. Run after
// `trunk build --release`, with twiggy installed (`cargo install twiggy`):
//
//   node bench/wasm-size.mjs [--file PATH] [--rows N]
//
// Sizes are bytes of that file: wasm-opt then shrinks the code by about a fifth. The function
// names, wasm-bindgen's custom section and its `__wbindgen_describe` functions never reach the
// browser and are counted apart.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from '../web/e2e/harness.mjs';

const USAGE = 'usage: node bench/wasm-size.mjs [--file PATH] [--rows N]';
let flags;
try {
  ({ values: flags } = parseArgs({ options: { file: { type: 'string' }, rows: { type: 'string' } }, strict: true }));
} catch (error) {
  console.error(`wasm-size: ${error.message}\n${USAGE}`);
  process.exit(2);
}
const file = flags.file ?? join(root, 'target', 'wasm32-unknown-unknown', 'wasm-release', 'vnetplan-web.wasm');
const rows = Number(flags.rows ?? 30);
if (!existsSync(file) || !Number.isInteger(rows) || rows < 1) {
  console.error(`wasm-size: ${existsSync(file) ? '--rows must be a whole number above 0' : `${file} is missing; run trunk build --release`}\n${USAGE}`);
  process.exit(2);
}

let csv;
try {
  csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
} catch (error) {
  console.error(`wasm-size: twiggy did not run (${error.message}); install it with cargo install twiggy`);
  process.exit(2);
}

/** What never reaches the browser: wasm-bindgen and wasm-opt remove it. */
const removed = /^custom section|subsection$|__wbindgen_describe/;

/** The group an item counts in: the data, or the crate (with the module for this project's crates). */
function group(name) {
  if (name.startsWith('data segment')) return `${name} (strings and tables)`;
  const project = name.match(/vnetplan_core::(\w+)|vnetplan_web::(?:components::)?(\w+)/);
  if (project) return project[1] ? `vnetplan_core::${project[1]}` : `vnetplan_web::${project[2]}`;
  const crate = name.match(/\b(yew|serde_json|serde_core|serde|core|alloc|std|wasm_bindgen\w*|js_sys|web_sys|gloo\w*|ipnet|miniz_oxide|base64|dlmalloc|hashbrown|indexmap)\b/);
  return crate ? crate[1] : 'other';
}

/** The fields of one CSV line, with quoted fields unquoted. */
function fields(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}

const totals = new Map();
let dropped = 0;
for (const line of csv.trim().split('\n').slice(1)) {
  const [name, shallow] = fields(line);
  const size = Number(shallow);
  if (removed.test(name)) dropped += size;
  else totals.set(group(name), (totals.get(group(name)) ?? 0) + size);
}
const sorted = [...totals].sort((a, b) => b[1] - a[1]);
const shipped = sorted.reduce((sum, [, size]) => sum + size, 0);
const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(`${file}: ${kb(shipped)} KB that ships (before wasm-opt), ${kb(dropped)} KB of names and descriptors that do not\n`);
console.log('| part | KB | share |');
console.log('|---|---:|---:|');
for (const [name, size] of sorted.slice(0, rows)) console.log(`| ${name} | ${kb(size)} | ${((100 * size) / shipped).toFixed(1)}% |`);
const rest = sorted.slice(rows).reduce((sum, [, size]) => sum + size, 0);
if (rest > 0) console.log(`| ${sorted.length - rows} other parts | ${kb(rest)} | ${((100 * rest) / shipped).toFixed(1)}% |`);
