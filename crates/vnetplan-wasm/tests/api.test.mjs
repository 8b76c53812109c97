// Pins the JavaScript contract of the `vnetplan` package built into pkg/ by scripts/package:
// field names, nulls, the error on a rejected document, and that every example plan gives
// exactly the report the command line gives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const examples = join(root, 'examples');
const cli = join(root, 'target', 'debug', 'vnetplan');

const plans = [
  ...readdirSync(examples).filter((f) => f.endsWith('.json')).map((f) => join(examples, f)),
  ...readdirSync(join(examples, 'v2')).map((f) => join(examples, 'v2', f)),
  ...readdirSync(join(examples, 'broken')).map((f) => join(examples, 'broken', f)),
];

describe('the vnetplan package', () => {
  let project;
  let api;

  before(async () => {
    // Installed the way a user would, then imported by its package name.
    project = mkdtempSync(join(tmpdir(), 'vnetplan-consumer-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(root, 'pkg')], { cwd: project, stdio: 'pipe' });
    writeFileSync(join(project, 'load.mjs'), "export * from 'vnetplan';\n");
    api = await import(join(project, 'load.mjs'));
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  test('exports the contract functions', () => {
    for (const name of ['check', 'suggest', 'rules', 'explain', 'exportPlan', 'steps', 'importAzure', 'migrate']) {
      assert.equal(typeof api[name], 'function', name);
    }
  });

  test('reports have the contract field names and plain values', () => {
    const plan = JSON.parse(readFileSync(join(examples, 'broken', 'sdk-default-service-cidr.json'), 'utf8'));
    const report = api.check(plan);
    assert.deepEqual(Object.keys(report), ['schemaVersion', 'findings', 'capacity', 'summary']);
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
    const overlap = report.findings.find((f) => f.rule === 'service-cidr-overlaps-subnet');
    assert.deepEqual(Object.keys(overlap), ['rule', 'severity', 'message', 'subjects', 'fix']);
    assert.equal(overlap.severity, 'error');
    assert.deepEqual(overlap.subjects, ['/aksClusters/0/serviceCidr', '/vnets/0/subnets/0/addressPrefix']);
    assert.deepEqual(Object.keys(overlap.fix), ['title', 'kind', 'changes']);
    assert.equal(overlap.fix.kind, 'design');
    assert.deepEqual(Object.keys(overlap.fix.changes[0]), ['path', 'value']);
    const withoutFix = report.findings.find((f) => f.rule === 'docker-bridge-ignored');
    assert.equal(withoutFix.fix, null);
    assert.deepEqual(Object.keys(report.capacity[0]), ['cluster', 'vnet', 'subnet', 'usable', 'needed', 'perNode', 'subnetNeeded', 'sharedWith']);
    assert.deepEqual(Object.keys(report.summary), ['errors', 'warnings', 'infos']);
  });

  test('absent values stay absent, never null or undefined', () => {
    const plan = JSON.parse(readFileSync(join(examples, 'default-aks.json'), 'utf8'));
    const fixed = api.suggest(plan);
    const cluster = fixed.aksClusters[0];
    for (const field of ['podCidr', 'networkPluginMode', 'maxPods', 'loadBalancerSubnet']) {
      assert.ok(!(field in cluster), field);
    }
    assert.ok(!('privateEndpoint' in fixed.workspace));
  });

  test('a rejected document throws an Error naming the field', () => {
    assert.throws(() => api.check({ schemaVersion: 2 }), {
      name: 'Error',
      message: '/schemaVersion: this tool reads plan format version 1, and the document says the number 2',
    });
    const misspelt = JSON.parse(readFileSync(join(examples, 'default-aks.json'), 'utf8'));
    misspelt.aksClusters[0].dnsServiceIp = misspelt.aksClusters[0].dnsServiceIP;
    delete misspelt.aksClusters[0].dnsServiceIP;
    assert.throws(() => api.check(misspelt), {
      message: '/aksClusters/0/dnsServiceIp: unknown field "dnsServiceIp"; did you mean "dnsServiceIP"?',
    });
    assert.throws(() => api.check('{"schemaVersion": 1,'), { message: 'line 1, column 20: this is not valid JSON (EOF while parsing a value)' });
    assert.throws(() => api.check(undefined), { message: /expected a plan object or its JSON text/ });
  });

  test('a rejection is said in options.lang, with the same pointer', () => {
    assert.throws(() => api.check({ schemaVersion: 2 }, { lang: 'fr' }), {
      name: 'Error',
      message: '/schemaVersion : cet outil lit la version 1 du format des plans, et le document indique le nombre 2',
    });
    assert.throws(() => api.exportPlan('{"schemaVersion": 1,', 'arm', { lang: 'fr' }), {
      message: 'ligne 1, colonne 20 : ce n’est pas du JSON valide (fin du texte avant une valeur)',
    });
    assert.throws(() => api.migrate({ schemaVersion: 1 }, { lang: 'fr' }), {
      message: '/region : le champ obligatoire « region » manque',
    });
    assert.throws(() => api.check(undefined, { lang: 'fr' }), {
      message: 'un objet plan ou son texte JSON était attendu, mais rien n’a été fourni',
    });
    assert.throws(() => api.check('', { lang: 'fr' }), {
      message: 'le document : il est vide ; un plan est un objet JSON avec au moins schemaVersion, region, workspace et vnets',
    });
    assert.throws(() => api.exportPlan({}, 'pulumi', { lang: 'fr' }), {
      message: '« pulumi » n’est pas un format d’export ; utilisez l’un de ceux-ci : sdk, az, arm, bicep, terraform, az-script, sdk-v2, yaml',
    });
  });

  test('undefined members read as absent, as in a file', () => {
    const plan = JSON.parse(readFileSync(join(examples, 'aci-vnet.json'), 'utf8'));
    plan.externalRanges = undefined;
    assert.equal(api.check(plan).summary.errors, 0);
  });

  test('names beyond ASCII cross intact, from an object and from text', () => {
    // Two, three and four bytes in UTF-8, the last a surrogate pair in JavaScript: the plan's
    // bytes are written in steps whenever a character needs more than one.
    const plan = JSON.parse(readFileSync(join(examples, 'broken', 'sdk-default-service-cidr.json'), 'utf8'));
    plan.name = 'Réseau 東京 🚀';
    const subnet = 'sous-réseau-東京-🚀';
    plan.vnets[0].subnets[0].name = subnet;
    plan.aksClusters[0].subnet = subnet;
    const fromObject = api.check(plan);
    assert.deepEqual(api.check(JSON.stringify(plan)), fromObject);
    const overlap = fromObject.findings.find((f) => f.rule === 'service-cidr-overlaps-subnet');
    assert.ok(overlap.message.includes(`'${subnet}'`), overlap.message);
  });

  test('every example plan gives the report the command line gives', () => {
    for (const file of plans) {
      let stdout;
      try {
        stdout = execFileSync(cli, ['check', '--format', 'json', file], { encoding: 'utf8' });
      } catch (failed) {
        stdout = failed.stdout; // exit code 1 means the plan has errors, and still prints the report
      }
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(api.check(JSON.parse(text)), JSON.parse(stdout), file);
      assert.deepEqual(api.check(text), JSON.parse(stdout), `${file} as text`);
    }
  });

  test('exports are the command line\'s exports', () => {
    const v2 = readdirSync(join(examples, 'v2')).map((f) => join(examples, 'v2', f));
    for (const file of [...plans.filter((f) => !f.includes('broken')), ...v2]) {
      const plan = JSON.parse(readFileSync(file, 'utf8'));
      for (const format of ['sdk', 'az', 'arm', 'bicep', 'terraform', 'az-script', 'sdk-v2', 'yaml']) {
        const stdout = execFileSync(cli, ['export', '--format', format, file], { encoding: 'utf8' });
        assert.equal(api.exportPlan(plan, format), stdout, `${file} as ${format}`);
      }
    }
    const example = join(examples, 'default-aks.json');
    const french = execFileSync(cli, ['--lang', 'fr', 'export', '--format', 'sdk', example], { encoding: 'utf8' });
    assert.equal(api.exportPlan(JSON.parse(readFileSync(example, 'utf8')), 'sdk', { lang: 'fr' }), french);
    assert.throws(() => api.exportPlan({ schemaVersion: 1 }, 'arm'), { message: /^\/region: / });
    assert.throws(() => api.exportPlan(JSON.parse(readFileSync(plans[0], 'utf8')), 'pulumi'), {
      message: "'pulumi' is not an export format; use one of sdk, az, arm, bicep, terraform, az-script, sdk-v2, yaml",
    });
  });

  test('steps are plain objects flagged by findings', () => {
    const plan = JSON.parse(readFileSync(join(examples, 'broken', 'sdk-default-service-cidr.json'), 'utf8'));
    const steps = api.steps(plan);
    assert.deepEqual(Object.keys(steps[0]), ['section', 'title', 'language', 'code', 'flagged']);
    assert.ok(steps.some((step) => step.flagged.includes('service-cidr-overlaps-subnet')));
    assert.ok(steps.every((step) => step.language === 'python' || step.language === 'shell'));
    const v2 = api.steps(JSON.parse(readFileSync(join(examples, 'v2', 'aci-vnet.json'), 'utf8')));
    assert.deepEqual([...new Set(v2.map((step) => step.language))].sort(), ['python', 'shell', 'yaml']);
    const french = api.steps(plan, { lang: 'fr' });
    assert.deepEqual(french.map((step) => step.flagged), steps.map((step) => step.flagged));
    assert.notEqual(french[0].title, steps[0].title);
  });

  test('az output imports to the plan the command line imports', () => {
    const fixtures = join(root, 'crates', 'vnetplan-core', 'src', 'import', 'fixtures');
    const files = ['vnet-list.json', 'aks-show-cni.json'].map((name) => join(fixtures, name));
    const imported = api.importAzure(files.map((file) => readFileSync(file, 'utf8')));
    const cliPlan = JSON.parse(execFileSync(cli, ['import', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    assert.deepEqual(imported.plan, cliPlan);
    assert.deepEqual(Object.keys(imported.notes[0]), ['document', 'pointer', 'message']);
    assert.ok(imported.notes.some((note) => note.document === null));
    assert.equal(api.check(imported.plan).schemaVersion, 1);
    assert.throws(() => api.importAzure(['{"oops": ']), { message: /^document 1 is not valid JSON/ });
    assert.throws(() => api.importAzure(['{"oops": '], { lang: 'fr' }), {
      message: 'le document 1 n’est pas du JSON valide : ligne 1, colonne 9 : fin du texte avant une valeur',
    });
  });

  test('importAzure merges into a plan given as options.into, and says what changed in it', () => {
    const shown = readFileSync(join(root, 'crates', 'vnetplan-core', 'src', 'import', 'fixtures', 'vnet-show.json'), 'utf8');
    const into = JSON.parse(readFileSync(join(root, 'examples', 'aci-vnet.json'), 'utf8'));
    const merged = api.importAzure([shown], { into });
    const alone = api.importAzure([shown]);
    // The example's VNet has the imported one's name: it is replaced, and its deployment stays.
    assert.deepEqual(merged.plan.vnets, alone.plan.vnets);
    assert.deepEqual(merged.plan.aciDeployments.map((d) => d.name), into.aciDeployments.map((d) => d.name));
    const change = merged.notes.find((note) => note.document === null && note.pointer === '/vnets/0');
    assert.match(change.message, /replaced by the imported/);
    assert.deepEqual(api.importAzure([shown], { into: JSON.stringify(into) }), merged);
    assert.match(api.importAzure([shown], { into, lang: 'fr' }).notes.find((note) => note.pointer === '/vnets/0').message, /remplacé/);
    assert.throws(() => api.importAzure([shown], { into: { ...into, region: 7 } }), { message: /\/region/ });
  });

  test("importAzure gives the CLI's plan and notes for every import fixture, in both languages", () => {
    const fixtures = join(root, 'crates', 'vnetplan-core', 'src', 'import', 'fixtures');
    for (const name of readdirSync(fixtures).filter((file) => file.endsWith('.json')).sort()) {
      const file = join(fixtures, name);
      for (const lang of ['en', 'fr']) {
        const imported = api.importAzure([readFileSync(file, 'utf8')], { lang });
        const run = spawnSync(cli, ['--lang', lang, 'import', file], { encoding: 'utf8' });
        assert.equal(run.status, 0, `${name}: ${run.stderr}`);
        assert.deepEqual(imported.plan, JSON.parse(run.stdout), name);
        const colon = lang === 'fr' ? ' :' : ':';
        const lines = imported.notes.map((note) => {
          const source = note.document === null ? (lang === 'fr' ? 'le plan' : 'the plan') : file;
          return `note: ${source}${note.pointer ? ` ${note.pointer}` : ''}${colon} ${note.message}`;
        });
        assert.deepEqual(lines, run.stderr.split('\n').filter((line) => line !== ''), `${name} (${lang})`);
      }
    }
    assert.throws(() => api.importAzure(['{}'], { lang: 'de' }), { message: /unknown language "de"/ });
  });

  test('the catalog and explanations', () => {
    const rules = api.rules();
    const cliListing = execFileSync(cli, ['rules'], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(rules.map((r) => r.id), cliListing.map((line) => line.split(/\s+/)[0]));
    assert.deepEqual(Object.keys(rules[0]), ['id', 'severity', 'summary']);
    assert.ok(rules.some((r) => r.id === 'dns-ip-outside-service-cidr' && r.severity === 'error'));
    const doc = api.explain('dns-ip-outside-service-cidr');
    assert.deepEqual(Object.keys(doc), ['id', 'severity', 'summary', 'what', 'why', 'example', 'fix', 'sources']);
    const french = api.explain('dns-ip-outside-service-cidr', { lang: 'fr' });
    assert.equal(french.summary, execFileSync(cli, ['--lang', 'fr', 'rules'], { encoding: 'utf8' })
      .split('\n').find((line) => line.startsWith('dns-ip-outside-service-cidr')).replace(/^\S+\s+\S+\s+/, ''));
    assert.throws(() => api.rules({ lang: 'de' }), { message: /unknown language "de"/ });
    assert.equal(api.explain('no-such-rule'), null);
  });

  test('every example migrates to the plan and notes the command line gives', () => {
    for (const file of plans) {
      const run = spawnSync(cli, ['--lang', 'fr', 'migrate', file], { encoding: 'utf8' });
      if (run.status !== 0) {
        assert.throws(() => api.migrate(readFileSync(file, 'utf8')), Error, file);
        continue;
      }
      const cliNotes = run.stderr.split('\n').filter((line) => line !== '');
      const migrated = api.migrate(readFileSync(file, 'utf8'), { lang: 'fr' });
      assert.deepEqual(migrated.plan, JSON.parse(run.stdout), file);
      assert.deepEqual(migrated.notes.map((n) => `${n.code} ${n.subjects[0]}: ${n.message}`), cliNotes, file);
      for (const note of migrated.notes) {
        assert.deepEqual(Object.keys(note), ['code', 'subjects', 'message']);
      }
      assert.deepEqual(api.migrate(migrated.plan), { plan: migrated.plan, notes: [] }, file);
    }
  });
});
