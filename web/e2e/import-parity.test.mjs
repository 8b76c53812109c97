// The page's import dialog against the command-line importer: for every import fixture, the
// notes the dialog shows are the notes the CLI prints, field by field and in the page's language,
// and the VNets and clusters merged into an empty plan are the ones the CLI writes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, planLink, root, servedPage } from './harness.mjs';

const fixtures = join(root, 'crates', 'vnetplan-core', 'src', 'import', 'fixtures');
const empty = { schemaVersion: 1, region: 'eastus2', workspace: { resourceGroup: 'ml-rg' }, vnets: [] };

/** What `vnetplan --lang LANG import FILE` prints: the plan, and each note's pointer and text. */
function cliImport(file, lang) {
  const binary = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', 'vnetplan');
  const run = spawnSync(binary, ['--lang', lang, 'import', file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, run.stderr);
  const colon = lang === 'fr' ? ' : ' : ': ';
  const notes = run.stderr.trim().split('\n').filter(Boolean).map((line) => {
    const body = line.replace(/^note: /, '');
    const at = body.indexOf(colon);
    const [, pointer = ''] = body.slice(0, at).match(/^\S+(?: (\/.*))?$/) ?? [];
    return { pointer, text: body.slice(at + colon.length), plan: /^(the|le) plan/.test(body) };
  });
  return { plan: JSON.parse(run.stdout), notes };
}

describe('import parity with the CLI', () => {
  const suite = servedPage();

  test('every fixture gives the CLI\'s notes and resources, in English and in French', async () => {
    const files = readdirSync(fixtures).filter((name) => name.endsWith('.json')).sort();
    assert.ok(files.length >= 10, 'the import fixtures are there');
    for (const lang of ['en', 'fr']) {
      for (const name of files) {
        const file = join(fixtures, name);
        const expected = cliImport(file, lang);
        // A fresh page on the empty plan, so each import merges into nothing.
        const { page, errors, context } = await openPage(suite.browser, suite.origin + planLink(empty));
        await page.selectOption('#language', lang);
        await page.click('#open-import');
        await page.fill('#import-text', readFileSync(file, 'utf8'));
        await page.click('#run-import');
        await page.locator('#import-outcome .ok').waitFor();
        const shown = await page.locator('.import-notes li').evaluateAll((items) => items.map((item) => ({
          pointer: item.dataset.pointer,
          text: item.innerText.replace(/^[^:]*: /, '').replace(/^\s+/, ''),
          document: item.dataset.document,
        })));
        // Notes on the documents' fields are the CLI's; notes on the plan say what the merge
        // changed in it, here each VNet and cluster added to the empty plan (the core's tests
        // compare them with the plan's diff).
        const onFields = shown.filter((note) => note.document).map(({ pointer, text }) => ({ pointer, text }));
        const cliOnFields = expected.notes.filter((note) => !note.plan).map(({ pointer, text }) => ({ pointer, text }));
        assert.deepEqual(onFields, cliOnFields, `${name} (${lang}): notes`);
        const changed = shown.filter((note) => !note.document).map((note) => note.pointer);
        const added = [
          ...expected.plan.vnets.map((_, i) => `/vnets/${i}`),
          ...(expected.plan.aksClusters ?? []).map((_, i) => `/aksClusters/${i}`),
        ];
        for (const pointer of added) assert.ok(changed.includes(pointer), `${name} (${lang}): no note on ${pointer}`);
        await page.click('#close-import');
        const names = await page.locator('[data-pointer]').evaluateAll((inputs) => inputs
          .filter((input) => /^\/(vnets|aksClusters)\/\d+\/name$/.test(input.dataset.pointer))
          .map((input) => [input.dataset.pointer, input.value]));
        const cliNames = [
          ...expected.plan.vnets.map((vnet, i) => [`/vnets/${i}/name`, vnet.name]),
          ...(expected.plan.aksClusters ?? []).map((cluster, i) => [`/aksClusters/${i}/name`, cluster.name]),
        ];
        assert.deepEqual(names.sort(), cliNames.sort(), `${name} (${lang}): resources`);
        assert.deepEqual(errors, []);
        await context.close();
      }
    }
  });
});
