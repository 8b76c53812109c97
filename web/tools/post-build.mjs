// Trunk post-build hook (runs in Trunk's staging folder, before dist/ is replaced). It:
// 1. writes vnetplan-offline.html: the whole page in one file (styles, script and wasm inline)
//    that works when opened from disk, with no network;
// 2. moves the loader script Trunk writes inline into its own file, so the page runs under a
//    Content-Security-Policy without 'unsafe-inline';
// 3. writes sw.js, a service worker that caches every file of this build so the page keeps
//    working offline after one visit;
// 4. adds the on-demand parts that scripts/extras built, the module (the Azure steps and
//    exports, the import, the migration to v2, the rule explanations) and the French texts: as
//    files the page fetches on first use, and inline in the single file.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR;
if (!dir || !source) {
  console.error('post-build: TRUNK_STAGING_DIR or TRUNK_SOURCE_DIR is not set; Trunk runs this script as a hook');
  process.exit(1);
}
const extrasDir = join(source, 'target', 'page-extras');
const frenchFile = join(source, 'target', 'page-french.json');
if (!existsSync(join(extrasDir, 'extras.js')) || !existsSync(frenchFile)) {
  console.error(`post-build: ${extrasDir}/extras.js or ${frenchFile} is missing; Trunk's pre_build hook runs scripts/extras`);
  process.exit(1);
}

const sha = (text, encoding = 'hex') => createHash('sha256').update(text).digest(encoding);
const files = readdirSync(dir);
const named = (pattern) => {
  const found = files.find((name) => pattern.test(name));
  if (!found) {
    console.error(`post-build: no file matching ${pattern} in the build`);
    process.exit(1);
  }
  return found;
};

const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const inlineLoader = /<script type="module">([\s\S]*?)<\/script>/;
const loader = html.match(inlineLoader);
if (!loader) {
  console.error('post-build: Trunk wrote no inline module script into index.html');
  process.exit(1);
}

// 1. The single file.
const glue = readFileSync(join(dir, named(/^vnetplan-web-[0-9a-f]+\.js$/)), 'utf8');
const wasm = readFileSync(join(dir, named(/^vnetplan-web-[0-9a-f]+_bg\.wasm$/))).toString('base64');
const css = readFileSync(join(dir, named(/^style-[0-9a-f]+\.css$/)), 'utf8');
const script = `${glue}
const bytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
`;
const boot = readFileSync(join(dir, 'boot.js'), 'utf8');
const extrasGlue = readFileSync(join(extrasDir, 'extras.js'), 'utf8');
const extrasWasm = readFileSync(join(extrasDir, 'extras_bg.wasm'));
const french = readFileSync(frenchFile, 'utf8').trim();
// Inline in a data block, "<" would be the one character able to end it early.
const frenchInline = french.replaceAll('<', '\\u003c');
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${sha(script, 'base64')}' 'sha256-${sha(boot, 'base64')}' 'sha256-${sha(extrasGlue, 'base64')}' 'wasm-unsafe-eval'`,
  `style-src 'sha256-${sha(css, 'base64')}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const single = html
  .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace(inlineLoader, () => `<script type="module">${script}</script>`)
  // The module's bytes sit in a data block, which no browser runs or parses as script: they are
  // decoded only when the person first opens a part that needs them.
  .replace('<script src="./boot.js" defer></script>', () => `<script>${extrasGlue}</script>
    <script type="application/octet-stream" id="vnetplan-extras-wasm">${extrasWasm.toString('base64')}</script>
    <script type="application/json" id="vnetplan-french">${frenchInline}</script>
    <script>${boot}</script>`)
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`)
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
writeFileSync(join(dir, 'vnetplan-offline.html'), single);

// 2. The loader in a file of its own.
const code = loader[1].trim() + '\n';
const loaderName = `loader-${sha(code).slice(0, 16)}.js`;
writeFileSync(join(dir, loaderName), code);
html = html.replace(inlineLoader, `<script type="module" src="./${loaderName}"></script>`);

// 4. The on-demand module, named by content so that caches never serve an old one.
const extrasName = `extras-${sha(Buffer.concat([Buffer.from(extrasGlue), extrasWasm])).slice(0, 16)}`;
writeFileSync(join(dir, `${extrasName}.js`), extrasGlue);
writeFileSync(join(dir, `${extrasName}_bg.wasm`), extrasWasm);
html = html.replace('</head>', `  <meta name="vnetplan-extras" content="./${extrasName}.js" data-wasm="./${extrasName}_bg.wasm">\n  </head>`);
const frenchName = `french-${sha(french).slice(0, 16)}.json`;
writeFileSync(join(dir, frenchName), french);
html = html.replace('</head>', `  <meta name="vnetplan-french" content="./${frenchName}">\n  </head>`);
writeFileSync(page, html);

// 3. The service worker, with this build's files (the single file is a separate download).
// The version hashes the files' bytes, not their names: index.html has no content hash in its
// name, and a change to it alone must still bring a new worker and a new cache.
const names = readdirSync(dir).filter((name) => name !== 'sw.js' && name !== 'vnetplan-offline.html').sort();
const cached = ['./', ...names.map((name) => `./${name}`)];
const contents = createHash('sha256');
for (const name of names) contents.update(`${name}\0`).update(readFileSync(join(dir, name)));
const version = contents.digest('hex').slice(0, 16);
writeFileSync(join(dir, 'sw.js'), `// Generated by web/tools/post-build.mjs: caches this build so the planner works offline.
const CACHE = 'vnetplan-${version}';
const FILES = ${JSON.stringify(cached, null, 2)};

// The page has just downloaded every hashed file: taking them from the HTTP cache avoids a
// second download. The page itself ('./', index.html) has no hash: the server is asked for it
// even when the HTTP cache holds a copy it may keep for a while (GitHub Pages allows ten
// minutes), which is the previous build's page when this build came out within that time.
const unhashed = new Set(['./', './index.html']);
self.addEventListener('install', (event) => {
  const requests = FILES.map((file) => new Request(file, { cache: unhashed.has(file) ? 'no-cache' : 'force-cache' }));
  // A cache left half filled by a failed install must not pass for an earlier build's below.
  const filled = caches.open(CACHE).then((cache) => cache.addAll(requests)).catch((error) =>
    caches.delete(CACHE).then(() => { throw error; }));
  event.waitUntil(filled.then(() => self.skipWaiting()));
});

// This worker takes over pages that are open at once, and those pages still run the build they
// were loaded with: they fetch that build's on-demand parts (the module, the French texts) on
// first use, under names a new build no longer has. So the build before this one keeps its
// cache, the newest of the others: the keys come in the order the caches were created.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => {
        const earlier = keys.filter((key) => key.startsWith('vnetplan-') && key !== CACHE);
        return Promise.all(earlier.slice(0, -1).map((key) => caches.delete(key)));
      })
      .then(() => self.clients.claim()),
  );
});

// Cache first: every file name but index.html carries its content hash, and a new build brings a
// new worker with a new cache. This build's cache is asked first, since the earlier build's also
// holds './'. The query is ignored so that ?embed finds the cached page.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const options = { ignoreSearch: true };
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(request, options))
      .then((hit) => hit ?? caches.match(request, options))
      .then((hit) => hit ?? fetch(request)),
  );
});
`);
