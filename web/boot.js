// Runs before the planner's own code, as a file of its own (the page's Content-Security-Policy
// allows no inline script). It marks the page as running script, so that index.html shows its
// "loading" message and not the one for browsers without JavaScript, and it shows the failure
// message when the planner's code or WebAssembly cannot load or start. The planner removes the
// whole #boot block once it runs. It also defines how the planner loads its on-demand parts.
document.documentElement.classList.add('js');
const failed = () => {
  if (document.getElementById('boot')) document.documentElement.classList.add('boot-failed');
};
// Capturing, because a script that fails to load reports on its own element, not the window.
addEventListener('error', failed, true);
addEventListener('unhandledrejection', failed);

// The on-demand parts load on first use and once; a failed load is forgotten, so the next use
// tries again. A load still unsettled after LOAD_PATIENCE_MS fails as a TimeoutError: a stalled
// connection would otherwise keep the button that asked busy for as long as the browser waits,
// which can be minutes. A minute is generous: the module, the largest of the parts, arrives in
// about five seconds at 400 kbit/s.
const LOAD_PATIENCE_MS = 60_000;

function once(load) {
  let pending;
  return () => {
    pending ??= withPatience(load()).catch((error) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

function withPatience(loading) {
  let timer;
  const givenUp = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new DOMException(`not loaded after ${LOAD_PATIENCE_MS / 1000} s`, 'TimeoutError')),
      LOAD_PATIENCE_MS,
    );
  });
  return Promise.race([loading, givenUp]).finally(() => clearTimeout(timer));
}

// The on-demand module (the Azure steps and exports, the import, the migration to v2, the rule
// explanations). The single offline file carries it inline; a hosted page names its two files
// in a meta element.
window.vnetplanExtras = once(loadExtras);

// Each attempt after the first asks for the glue under an address of its own (the server and
// the worker ignore the query): Chromium joins a script element to a request for the same
// address still in flight, so after a stall a retry under the same address waits on it too.
let extrasAttempts = 0;

async function loadExtras() {
  const inline = document.getElementById('vnetplan-extras-wasm');
  if (inline) {
    const bytes = Uint8Array.from(atob(inline.textContent.trim()), (c) => c.charCodeAt(0));
    return vnetplanExtrasModule({ module_or_path: bytes }).then(() => vnetplanExtrasModule);
  }
  const named = document.querySelector('meta[name="vnetplan-extras"]');
  if (!named) throw new Error('this build of the page names no on-demand module');
  if (typeof vnetplanExtrasModule === 'undefined') {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      // Not part of the release the page was loaded with: see releaseOf.
      script.dataset.onDemand = '';
      extrasAttempts += 1;
      script.src = extrasAttempts === 1 ? named.content : `${named.content}?attempt=${extrasAttempts}`;
      script.onload = resolve;
      script.onerror = () => {
        script.remove();
        reject(new Error(`${named.content} did not load`));
      };
      document.head.append(script);
    });
  }
  // vnetplanExtrasModule is the global that the module's glue defines.
  await vnetplanExtrasModule({ module_or_path: named.dataset.wasm });
  return vnetplanExtrasModule;
}

// The French texts, which the planner's own module leaves out, as [English, French] pairs: the
// single offline file carries them inline; a hosted page names their file in a meta element.
window.vnetplanFrench = once(loadFrench);

async function loadFrench() {
  const inline = document.getElementById('vnetplan-french');
  if (inline) return JSON.parse(inline.textContent);
  const named = document.querySelector('meta[name="vnetplan-french"]');
  if (!named) throw new Error('this build of the page names no French texts');
  const response = await fetch(named.content);
  if (!response.ok) throw new Error(`${named.content} answered ${response.status}`);
  return response.json();
}

// The worker of a newer release takes over open pages as soon as it is installed (sw.js), yet a
// page goes on running the release it loaded, with that release's checks, until it is
// reloaded. The worker also takes over a page on its first visit, and after a forced reload, so
// a change of worker alone says nothing: the page the worker now serves is compared with this
// one by the content-hashed files they name. The planner then offers a reload.
//
// The browser looks for a new worker when a page of the site is opened, not while one stays
// open, and a planner tab may stay open for days. So coming back to the tab looks too, at most
// every ten minutes: each look asks the server for sw.js.
const RELEASE_LOOK_INTERVAL_MS = 10 * 60_000;
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('controllerchange', async () => {
    try {
      const served = await (await fetch('./')).text();
      if (releaseOf(new DOMParser().parseFromString(served, 'text/html')) === releaseOf(document)) {
        // Said, so that a look that found nothing new can be told from no look at all.
        window.vnetplanNewRelease ??= false;
        return;
      }
      window.vnetplanNewRelease = true;
      dispatchEvent(new Event('vnetplan-new-release'));
    } catch {
      // Offline without the page in the cache: nothing can be said about a newer release.
    }
  });

  let lastReleaseLook = 0;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastReleaseLook < RELEASE_LOOK_INTERVAL_MS) return;
    lastReleaseLook = Date.now();
    navigator.serviceWorker.getRegistration().then((registration) => registration?.update()).catch(() => {
      // Offline, or the server is away: the next return to the tab looks again.
      lastReleaseLook = 0;
    });
  });
}

// The files a page names as it was served. A script the page adds for an on-demand part names
// a file the served page lists in a meta element already, so it is left out.
function releaseOf(page) {
  return [...page.querySelectorAll('link[href], script[src]:not([data-on-demand]), meta[content]')]
    .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('content'))
    .filter((name) => /-[0-9a-f]{12,}[._]/.test(name))
    .sort()
    .join(' ');
}

// Share links carry the plan as raw DEFLATE. The browser's own Compression Streams do that
// work, so the planner's module carries no compressor of its own (about 14 KB gzip less on the
// first visit). Both are left undefined in a browser without raw DEFLATE streams, which the
// planner then names; data that is not raw DEFLATE rejects.
if (rawDeflateStreams()) {
  window.vnetplanDeflate = async (text) =>
    streamed(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw')));
  // Resolves to null once the output passes `limit` bytes: a link must not be able to exhaust
  // memory, so reading stops there rather than at the end.
  window.vnetplanInflate = async (bytes, limit) =>
    streamed(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')), limit);
}

function rawDeflateStreams() {
  try {
    return Boolean(new CompressionStream('deflate-raw') && new DecompressionStream('deflate-raw'));
  } catch {
    return false;
  }
}

async function streamed(stream, limit = Infinity) {
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}
