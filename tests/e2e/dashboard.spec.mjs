// End to end: a real node serves the dashboard; headless Chromium (Debian's, driven by playwright-core) loads it,
// the test posts a brute force to /api/v1/logs, and the alert must appear on the page without a reload.
// Then: attacker-controlled text is shown as text, the entity page of the attacker renders, and a screenshot is kept.
//
//   SIEM_URL=http://127.0.0.1:5190 node tests/e2e/dashboard.spec.mjs
// Environment: SIEM_URL (required), SIEM_API_KEY (when the node requires one: a key with the ingest and read
// scopes; the page must then ask for it), CHROMIUM (/usr/bin/chromium), SCREENSHOT (docs/dashboard.png),
// ARTIFACTS (a folder for the entity page screenshot; default: beside SCREENSHOT).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bruteForce, moreAttacks, BRUTE_FORCE_IP, MARKUP_USER } from './attacks.mjs';

const base = process.env.SIEM_URL;
if (!base) throw new Error('SIEM_URL is not set');
const apiKey = process.env.SIEM_API_KEY || '';
const screenshot = process.env.SCREENSHOT || 'docs/dashboard.png';
const artifacts = process.env.ARTIFACTS || dirname(screenshot);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

let step = 'start';
const check = (ok, what) => {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`  ok  ${what}`);
};

async function postLines(lines) {
  const headers = { 'Content-Type': 'text/plain' };
  if (apiKey) headers['X-Api-Key'] = apiKey;
  const res = await fetch(`${base}/api/v1/logs`, { method: 'POST', headers, body: lines.join('\n') + '\n' });
  const body = await res.json();
  if (!res.ok) throw new Error(`POST /api/v1/logs: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const profileDir = mkdtempSync(join(tmpdir(), 'siem-chromium-'));
const browser = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
  viewport: { width: 1480, height: 940 },
  deviceScaleFactor: 1,
  colorScheme: 'dark',
});
const problems = [];
let dialogs = 0;
let keyGiven = !apiKey; // until the key is typed in, the page's 401s are expected
try {
  const page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (!keyGiven && /status of 401/.test(msg.text())) return;
    problems.push(`console error: ${msg.text()}`);
  });
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('request', (req) => { if (!req.url().startsWith(base)) problems.push(`request off the node: ${req.url()}`); });

  step = 'load the dashboard';
  console.log(`== ${step}: ${base}/`);
  const response = await page.goto(`${base}/`, { waitUntil: 'load' });
  check(response.ok(), `GET / answers ${response.status()}`);
  check(/script-src 'self'/.test(response.headers()['content-security-policy'] || ''), 'the page is served with a Content-Security-Policy');
  if (apiKey) {
    step = 'give the API key';
    await page.waitForSelector('.keybar input[type=password]', { timeout: 15000 });
    check(await page.locator('#feed tr.alert-row').count() === 0, 'without a key the page shows no data and asks for one');
    keyGiven = true;
    await page.fill('.keybar input[type=password]', apiKey);
    await page.click('.keybar button[type=submit]');
    await page.waitForSelector('.keybar', { state: 'hidden', timeout: 5000 });
    check(!page.url().includes(apiKey), 'the key is accepted and kept out of the URL');
  }
  await page.waitForSelector('#feed .empty', { timeout: 15000 });
  check(true, 'the feed shows "no incidents yet" on a fresh node');
  await page.waitForSelector('#cluster .members tbody tr', { timeout: 15000 });
  check(await page.locator('#cluster .st-up').count() >= 1, 'the cluster panel lists this node as up');
  await page.waitForSelector('.dot.live', { timeout: 10000 });
  await page.evaluate(() => { window.__noReload = 'same document'; });

  step = 'replay a brute force';
  console.log(`== ${step}: 20 failed logins from ${BRUTE_FORCE_IP}`);
  const result = await postLines(bruteForce());
  check(result.accepted === 20 && result.rejected.length === 0, `20 lines accepted (${JSON.stringify(result)})`);

  step = 'wait for the alert on the page';
  const started = Date.now();
  const row = page.locator('#feed tr.alert-row', { hasText: BRUTE_FORCE_IP });
  await row.first().waitFor({ timeout: 20000 });
  check(true, `the brute-force incident appeared in the feed ${Date.now() - started} ms after the POST`);
  check(await page.evaluate(() => window.__noReload) === 'same document', 'the page was not reloaded');
  check(/brute_force/.test(await row.first().innerText()), 'its scenario is brute_force');

  step = 'more attackers';
  console.log(`== ${step}`);
  await postLines(moreAttacks());
  await page.waitForFunction(() => document.querySelectorAll('#feed tr.alert-row').length >= 3, null, { timeout: 20000 });
  check(true, `the feed shows ${await page.locator('#feed tr.alert-row').count()} incidents`);
  await page.waitForSelector('#top-ips .bar-row', { timeout: 15000 });
  await page.waitForSelector('#targets .bar-row', { timeout: 15000 });
  await page.waitForFunction(() => document.querySelector('#risk canvas') && document.querySelectorAll('#risk .u-legend .u-series').length >= 3, null, { timeout: 15000 });
  check(true, 'risk chart, top IPs and targeted users are drawn');
  await page.locator('#top-ips').getByText(BRUTE_FORCE_IP).first().waitFor({ timeout: 10000 });
  check(true, `${BRUTE_FORCE_IP} is listed among the top attacking IPs`);

  step = 'attacker-controlled text stays text';
  const markup = page.locator('#targets .bar-label', { hasText: MARKUP_USER });
  await markup.first().waitFor({ timeout: 15000 });
  check(await page.locator('img[src="x"]').count() === 0 && dialogs === 0, `the user name ${MARKUP_USER} is shown as text, not run as markup`);

  step = 'open one alert';
  await row.first().click();
  await page.waitForSelector('#feed tr.details pre.sample', { timeout: 5000 });
  check(/Failed password for root/.test(await page.locator('#feed tr.details pre.sample').first().innerText()), 'its sample log lines are shown');
  await page.waitForTimeout(2600); // let the new-row flash fade before the picture
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log(`== screenshot: ${screenshot}`);

  step = 'entity page of the attacker';
  await page.locator('#top-ips a.entity', { hasText: BRUTE_FORCE_IP }).first().click();
  await page.waitForSelector('.entity-page .entity-grid', { timeout: 10000 });
  const failures = await page.locator('.entity-grid table tr', { hasText: 'failures' }).first().innerText();
  check(/failures\s+20\b/.test(failures), `the windows table counts the 20 failures (${failures.replace(/\s+/g, ' ')})`);
  await page.locator('#entity-alerts tr.alert-row').first().waitFor({ timeout: 10000 });
  check(true, 'the entity page lists its incident');
  await page.locator('.entity-grid a.entity', { hasText: 'root' }).first().click();
  await page.waitForSelector('.entity-page .hours', { timeout: 10000 });
  check(true, 'the user page (root) renders its login hours');
  await page.goBack();
  await page.waitForSelector('.entity-page .entity-grid', { timeout: 10000 });
  await page.screenshot({ path: join(artifacts, 'dashboard-entity.png'), fullPage: true });

  step = 'no errors';
  check(problems.length === 0, `no page errors, console errors, failed or off-node requests${problems.length ? ': ' + problems.join('; ') : ''}`);
  console.log('dashboard e2e: passed');
} catch (err) {
  console.error(`dashboard e2e FAILED at "${step}": ${err.message}`);
  for (const p of problems) console.error(`  ${p}`);
  try {
    await browser.pages()[0]?.screenshot({ path: join(artifacts, 'dashboard-failure.png'), fullPage: true });
    console.error(`  screenshot of the failure: ${join(artifacts, 'dashboard-failure.png')}`);
  } catch {
    // the browser itself is gone
  }
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(profileDir, { recursive: true, force: true });
}
