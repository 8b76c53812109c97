// Validates the plan in the textarea with the vnetplan package's browser build.
import init, { check } from './vnetplan/web/vnetplan.js';

const text = document.getElementById('plan-text');
const result = document.getElementById('result');

text.value = JSON.stringify({
  schemaVersion: 1,
  region: 'eastus2',
  workspace: { resourceGroup: 'ml-rg' },
  vnets: [{
    name: 'mynetwork', resourceGroup: 'ml-rg', addressPrefixes: ['10.0.0.0/16'],
    subnets: [{ name: 'default', addressPrefix: '10.0.0.0/24' }],
  }],
  aksClusters: [{
    name: 'myaks', vnet: 'mynetwork', subnet: 'default', serviceCidr: '10.0.0.0/16',
    dnsServiceIP: '10.0.0.10', dockerBridgeCidr: '172.17.0.1/16', nodeCount: 3, networkContributorGranted: true,
  }],
}, null, 2);

function show(report) {
  result.replaceChildren();
  const summary = document.createElement('p');
  const { errors, warnings, infos } = report.summary;
  summary.textContent = `${errors} error(s), ${warnings} warning(s), ${infos} info(s)`;
  const list = document.createElement('ul');
  for (const finding of report.findings) {
    const item = document.createElement('li');
    item.dataset.rule = finding.rule;
    item.dataset.severity = finding.severity;
    item.textContent = `${finding.severity} ${finding.rule}: ${finding.message}`;
    if (finding.fix) item.append(document.createElement('br'), `fix: ${finding.fix.title}`);
    list.append(item);
  }
  result.append(summary, list);
}

function run() {
  try {
    show(check(text.value));
  } catch (error) {
    const message = document.createElement('p');
    message.className = 'error';
    message.textContent = error.message;
    result.replaceChildren(message);
  }
}

await init();
document.getElementById('check-plan').addEventListener('click', run);
run();
