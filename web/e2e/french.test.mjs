// The French page against the French of the command-line checker: the same plan must read the
// same in both, finding by finding, and a rule's explanation must carry its sources.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, collidingPlan, openPage, planLink, root, servedPage } from './harness.mjs';

const overlapping = collidingPlan('service range over a subnet');
const rule = 'service-cidr-overlaps-subnet';

/** The paragraphs of `vnetplan rules ID`, keyed by their heading, and its source lines. */
function explanation(text) {
  const blocks = text.trim().split(/\n\n/).map((block) => block.split('\n'));
  const sections = Object.fromEntries(blocks.map(([heading, ...lines]) => [heading, lines]));
  return { sections, sources: sections.Sources.map((line) => line.replace(/^- /, '')) };
}

describe('the page in French', () => {
  const suite = servedPage();

  /** The page opened on `link`, then switched to French by its language list. */
  async function inFrench(link) {
    const opened = await openPage(suite.browser, suite.origin + link);
    await opened.page.selectOption('#language', 'fr');
    await opened.page.locator('#findings-title', { hasText: 'Constats' }).waitFor();
    return opened;
  }

  test('a finding, its fix and its explanation read as the French checker prints them', async () => {
    const expected = JSON.parse(cli(['--lang', 'fr', 'check', 'PLAN', '--format', 'json'], overlapping))
      .findings.find((finding) => finding.rule === rule);
    const { page, errors, context } = await inFrench(planLink(overlapping));

    const finding = page.locator(`#findings li.finding[data-rule="${rule}"]`);
    assert.equal(await finding.locator('.message').innerText(), expected.message);
    const fix = await finding.locator('.fix-line span').innerText();
    assert.equal(fix, expected.fix.title);
    assert.match(fix, /ce bloc est libre dans ce plan/);

    const { sections, sources } = explanation(cli(['--lang', 'fr', 'rules', rule]));
    await finding.getByRole('button', { name: 'Pourquoi ?' }).click();
    const doc = finding.locator('.rule-doc');
    await doc.waitFor();
    // The rule's name, hidden from sight, tells one open explanation's headings from another's.
    assert.equal(await doc.locator('h3').first().textContent(), `Ce qui est vérifié (${rule})`);
    assert.equal(await doc.locator('h3 .visually-hidden').first().textContent(), ` (${rule})`);
    assert.equal(await doc.locator('p').first().innerText(), sections['Ce que la règle vérifie'].join('\n'));
    assert.ok(sources.length > 0);
    assert.deepEqual(await doc.locator('ul.sources li').allInnerTexts(), sources);
    // Cited by their English titles: a screen reader reads them as English.
    assert.equal(await doc.locator('ul.sources').getAttribute('lang'), 'en');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the results tab counts no error as French writes it, in the singular', async () => {
    const { page, errors, context } = await inFrench('/');
    await page.selectOption('#preset', 'empty');
    await page.click('#load-preset');
    await page.locator('#findings .count.sev-error', { hasText: /^0 erreur$/ }).waitFor();
    assert.equal(await page.locator('#tab-results .tab-count').innerText(), '0 erreur');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the import says in French why it read nothing', async () => {
    const { page, errors, context } = await inFrench(planLink(overlapping));
    await page.click('#open-import');
    await page.fill('#import-text', '{"a": 1}');
    await page.click('#run-import');
    const refusal = await page.locator('#import-outcome .import-error').innerText();
    // The shape found is named in French too, not only the sentence around it.
    assert.match(refusal, /document 1 : vnetplan n’importe pas un objet aux champs a ;/);
    assert.doesNotMatch(refusal, /is not something vnetplan imports|an object with/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the import dialog picks its files in French, whatever language the browser speaks', async () => {
    const { page, errors, context } = await inFrench(planLink(overlapping));
    await page.click('#open-import');
    const choice = page.locator('#import-dialog .file-choice');
    assert.match(await choice.innerText(), /^Ou ouvrir des fichiers\s+Aucun fichier choisi$/);
    // The browser's own picker, which would say "Choose Files" here, is hidden behind its label.
    const picker = await page.locator('#import-files').boundingBox();
    assert.ok(picker.width <= 1 && picker.height <= 1, JSON.stringify(picker));
    await page.locator('#import-files').setInputFiles(join(root, 'crates', 'vnetplan-core', 'src', 'import', 'fixtures', 'vnet-show.json'));
    await page.locator('#import-files-chosen', { hasText: 'vnet-show.json' }).waitFor();
    await page.click('#run-import');
    await page.locator('#import-outcome .ok').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a file the plan reader refuses says why in the language shown', async () => {
    const { page, errors, context } = await inFrench(planLink(overlapping));
    const misspelt = structuredClone(overlapping);
    misspelt.aksClusters[0].dnsServiceIp = misspelt.aksClusters[0].dnsServiceIP;
    delete misspelt.aksClusters[0].dnsServiceIP;
    await page.setInputFiles('#open-file', {
      name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(misspelt)),
    });
    const detail = page.locator('#notice .notice-detail');
    await detail.waitFor();
    assert.equal(await detail.innerText(),
      '/aksClusters/0/dnsServiceIp : champ inconnu « dnsServiceIp » ; vouliez-vous dire « dnsServiceIP » ?');
    // The reason is kept as a message, not as the words of the moment it was refused.
    await page.selectOption('#language', 'en');
    await page.locator('#notice .notice-detail', { hasText: 'unknown field' }).waitFor();
    assert.equal(await detail.innerText(),
      '/aksClusters/0/dnsServiceIp: unknown field "dnsServiceIp"; did you mean "dnsServiceIP"?');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a broken link says why in French', async () => {
    const { page, errors, context } = await inFrench(planLink(overlapping));
    await page.evaluate(() => { window.location.hash = '#plan=!!!'; });
    await page.locator('#notice.notice-error').waitFor();
    assert.match(await page.locator('#notice').innerText(), /le texte après #plan= n’est pas du base64url ; le lien est peut-être tronqué/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the address map writes its own words in French too', async () => {
    const plan = structuredClone(overlapping);
    plan.externalRanges = [{ name: 'on-prem', addressPrefix: '192.168.0.0/16', kind: 'onPremises' }];
    const { page, errors, context } = await openPage(suite.browser, suite.origin + planLink(plan));
    const titles = page.locator('svg.address-map text.lane-title');
    await titles.filter({ hasText: 'External ranges' }).waitFor();
    await page.selectOption('#language', 'fr');
    await titles.filter({ hasText: 'Plages externes' }).waitFor();
    const map = await page.locator('svg.address-map').innerHTML();
    assert.doesNotMatch(map, /External ranges|Reserved by AKS|docker bridge|reserved by AKS|service range/);
    const service = page.locator('svg.address-map g.range[data-subject="/aksClusters/0/serviceCidr"]');
    assert.match(await service.getAttribute('aria-label'), /^plage de services Kubernetes 10\.0\.0\.0\/16 : Plage des services Kubernetes, Première /);
    // Free space speaks French punctuation too: a space before each colon and semicolon.
    const free = await page.locator('svg.address-map g.free').first().getAttribute('aria-label');
    assert.match(free, /^Espace libre : \S+ – \S+, .+ ; .+ : /);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
