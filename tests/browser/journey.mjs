// Browser journeys in Debian's Chromium (playwright-core) against the real server, plus an
// axe-core accessibility check (WCAG 2.x A and AA rules) of every page on the way.
//   COSELL_BIN=target/debug/cosell node tests/browser/journey.mjs
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import net from 'node:net';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const here = dirname(new URL(import.meta.url).pathname);
// The debug build of the portal: COSELL_BIN, else the one under CARGO_TARGET_DIR or ./target.
const bin = process.env.COSELL_BIN || join(process.env.CARGO_TARGET_DIR || join(here, '../../target'), 'debug/cosell');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

const results = [];
async function test(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`ok - ${name}`);
  } catch (e) {
    results.push([name, false]);
    console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

const work = mkdtempSync(join(tmpdir(), 'cosell-browser-'));
const port = await freePort();
// Mails go to the log here (no SMTP_URL): the mail sender's lines are kept for the journeys.
const env = { ...process.env, DATABASE_URL: `sqlite://${work}/db.sqlite`, STORAGE_URL: `file://${work}/documents`, BIND_ADDR: `127.0.0.1:${port}`, RUST_LOG: 'warn,cosell::mailer=info', SHUTDOWN_DRAIN_SECONDS: '0' };
const base = `http://127.0.0.1:${port}`;
execFileSync(bin, ['user', 'add', '--email', 'admin@program.example', '--role', 'program_admin', '--password-stdin'], { env, input: 'admin-password-1\n' });
const admin = execFileSync(bin, ['token', 'create', '--email', 'admin@program.example'], { env }).toString().trim().split('\n').pop();
const server = spawn(bin, ['serve'], { env, stdio: ['ignore', 'inherit', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d.toString(); process.stderr.write(d); });
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
async function api(method, path, body) {
  const res = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  return res.json();
}
const org = await api('POST', '/organizations', { name: 'Contoso', mpn_id: '123456', marketplace_account_active: true, seller_account_active: true, partner_types: ['isv'] });
await api('POST', `/organizations/${org.id}/users`, { email: 'maker@contoso.example', password: 'maker-password-1', roles: ['account_admin', 'developer', 'manager', 'cosell_admin'] });

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const consoleErrors = [];
// Pages answered with 4xx on purpose (a refused form) log "Failed to load resource"; what
// matters are script errors and anything the CSP refused.
page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));

// A page of its own (a fresh context at this viewport), signed in through the form.
async function signedIn(email, password, viewport = { width: 1280, height: 900 }) {
  const ctx = await browser.newContext({ viewport });
  const pg = await ctx.newPage();
  pg.on('pageerror', (e) => consoleErrors.push(String(e)));
  await pg.goto(`${base}/login`);
  await pg.fill('#email', email);
  await pg.fill('#password', password);
  await Promise.all([pg.waitForNavigation(), pg.click('main button[type=submit]')]);
  return { ctx, pg };
}

// axe on any page; throws with the rules broken.
async function axeClean(pg, label) {
  await pg.evaluate(axeSource);
  const r = await pg.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  assert(r.violations.length === 0, `${label}: ${r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n')}`);
}

// axe runs through the DevTools protocol (page.evaluate), so the portal's CSP stays on.
async function accessible(label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert(problems.length === 0, `${label}: ${problems.join('\n')}`);
}

await test('sign-in page is accessible and signs in', async () => {
  await page.goto(`${base}/login`);
  await accessible('login');
  await page.fill('#email', 'maker@contoso.example');
  await page.fill('#password', 'maker-password-1');
  await page.click('main button[type=submit]');
  await page.waitForURL(`${base}/organizations/${org.id}/dashboard`);
  await accessible('dashboard');
});

await test('business profile, offers: forms are accessible and keep values on errors', async () => {
  await page.goto(`${base}/organizations/${org.id}/profile`);
  await accessible('profile');
  await page.fill('#description', 'too short');
  await page.click('form[action$="/profile"] button.primary');
  assert(await page.locator('#description-error').count() === 1, 'error next to the field');
  assert((await page.inputValue('#description')) === 'too short', 'value kept');
  await accessible('profile with errors');
  await page.goto(`${base}/organizations/${org.id}/offers`);
  await accessible('offers');
  await page.fill('#name', 'Contoso Retail Analytics');
  await page.selectOption('#offer_type', 'saas');
  await page.click('#create ~ form button.primary');
  await page.waitForURL(/\/offers\/\d+$/);
  await accessible('offer');
  await page.click('form[action$="/publish"] button');
  await page.click('form[action$="/solution"] button');
  await page.waitForURL(/\/solutions\/\d+$/);
});

await test('the checklist updates as the solution form changes (htmx autosave)', async () => {
  await accessible('solution page');
  assert((await page.getAttribute('#req-sales_contacts', 'class')).includes('unmet'), 'starts unmet');
  await page.fill('#geo-filter', 'nether');
  assert(await page.isHidden('#geo-list label:has(input[value=DE])'), 'the geography filter hides the rest');
  await page.check('#geo-list input[value=NL]');
  await page.fill('#geo-filter', '');
  await page.fill('#cn-0', 'Ann de Vries');
  await page.fill('#ce-0', 'ann@contoso.example');
  await page.fill('#cg-0', 'OOO');
  await page.locator('#cg-0').blur();
  await page.waitForFunction(() => document.querySelector('#req-sales_contacts').className.includes(' met'), null, { timeout: 10000 });
  const version = await page.getAttribute('#version', 'value');
  assert(Number(version) > 1, `the version moved on: ${version}`);
  await page.fill('#pitch', 'x'.repeat(20));
  assert((await page.textContent('#pitch-count')).startsWith('20 / 1000'), 'live character count');
  await Promise.all([page.waitForNavigation(), page.click('.sticky-actions button.primary')]);
  assert((await page.textContent('#flash')).includes('Saved'), 'the save says so');
  assert((await page.getAttribute('#req-sales_contacts', 'class')).includes(' met'), 'saved for real');
  await accessible('solution page after save');
});

await test('documents upload with a progress bar and show in the checklist', async () => {
  const url = page.url().replace(/\?.*$/, '');
  await page.goto(`${url}/documents`);
  await accessible('documents');
  const template = join(work, 'one-pager.pdf');
  const res = await page.request.get(`${base}/templates/one-pager-template.pdf`);
  writeFileSync(template, await res.body());
  await page.setInputFiles('#file-one_pager', template);
  await Promise.all([page.waitForURL(/uploaded=one_pager/), page.click('#one_pager form button.primary')]);
  assert((await page.textContent('#one_pager')).includes('one-pager.pdf'), 'the upload is current');
  await page.goto(url);
  assert((await page.getAttribute('#req-one_pager', 'class')).includes(' met'), 'the checklist counts it');
});

await test('reviewers and sellers: queue, review page and catalog are accessible', async () => {
  const solutionId = Number(page.url().match(/solutions\/(\d+)/)[1]);
  const maker = execFileSync(bin, ['token', 'create', '--email', 'maker@contoso.example'], { env }).toString().trim().split('\n').pop();
  const call = async (method, path, body, type = 'application/json') => fetch(`${base}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${maker}`, 'content-type': type }, body,
  });
  await call('PUT', `/organizations/${org.id}/business-profile`, JSON.stringify({ company_name: 'Contoso Ltd',
    description: 'Contoso builds retail analytics for stores of every size, in the cloud.', website: 'https://contoso.example',
    headquarters_country: 'NL', industries: ['retail'], contact_email: 'partners@contoso.example' }));
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const logo = new FormData(); logo.append('file', new Blob([png]), 'logo.png');
  await fetch(`${base}/api/v1/organizations/${org.id}/business-profile/logo`, { method: 'PUT', headers: { authorization: `Bearer ${maker}` }, body: logo });
  await call('PATCH', `/solutions/${solutionId}`, JSON.stringify({ solution_areas: ['data_ai'], industries: ['retail'], customer_sizes: ['smb'], pitch: 'Retail analytics for every store.' }));
  const deck = new FormData(); deck.append('file', new Blob([readFileSync(join(here, '../../static/templates/pitch-deck-template.pptx'))]), 'deck.pptx');
  await fetch(`${base}/api/v1/solutions/${solutionId}/documents/pitch_deck`, { method: 'PUT', headers: { authorization: `Bearer ${maker}` }, body: deck });
  const submitted = await call('POST', `/solutions/${solutionId}/submit`, '{}');
  assert(submitted.status === 200, `submit: ${submitted.status} ${await submitted.text()}`);
  await api('POST', '/users', { email: 'rev@program.example', password: 'reviewer-password-1', roles: ['reviewer', 'seller'] });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const rev = await ctx.newPage();
  rev.on('pageerror', (e) => consoleErrors.push(String(e)));
  await rev.goto(`${base}/login`);
  await rev.fill('#email', 'rev@program.example');
  await rev.fill('#password', 'reviewer-password-1');
  await rev.click('main button[type=submit]');
  await rev.waitForURL(`${base}/review`);
  const check = async (label) => {
    await rev.evaluate(axeSource);
    const r = await rev.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    assert(r.violations.length === 0, `${label}: ${r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n')}`);
  };
  await check('review queue');
  await rev.click(`form[action="/review/${solutionId}/claim"] button`);
  await rev.waitForURL(`${base}/review/${solutionId}`);
  await check('review page');
  await rev.click('form[action$="/decide"] input[value="approve"] ~ button');
  await rev.waitForURL(`${base}/review`);
  await rev.goto(`${base}/catalog?q=retail`);
  await check('catalog');
  assert((await rev.textContent('main')).includes('Contoso Retail Analytics'), 'the approved solution is in the catalog');
  await rev.goto(`${base}/catalog/${solutionId}`);
  await check('catalog entry');
  await ctx.close();
});

await test('program admin pages are accessible', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pa = await ctx.newPage();
  pa.on('pageerror', (e) => consoleErrors.push(String(e)));
  await pa.goto(`${base}/login`);
  await pa.fill('#email', 'admin@program.example');
  await pa.fill('#password', 'admin-password-1');
  await pa.click('main button[type=submit]');
  await pa.waitForURL(`${base}/organizations`);
  for (const path of ['/organizations', `/organizations/${org.id}`, `/organizations/${org.id}/users`, '/program-users', '/audit', '/revenue/import', `/organizations/${org.id}/revenue`, '/account']) {
    await pa.goto(`${base}${path}`);
    await pa.evaluate(axeSource);
    const r = await pa.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    assert(r.violations.length === 0, `${path}: ${r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n')}`);
  }
  await ctx.close();
});

await test('Dutch from the switch, with the right lang attribute', async () => {
  await page.click('.langs [lang="nl"]');
  assert((await page.getAttribute('html', 'lang')) === 'nl', 'lang=nl');
  assert((await page.textContent('#checklist-h')).includes('Co-sell-checklist'), 'Dutch text');
  await accessible('solution page in Dutch');
  await page.click('.langs [lang="en"]');
});

// WCAG 1.4.10: every page reflows at 320 CSS px with no horizontal scrolling of the page
// (a wide data table scrolls inside its own box, which the criterion allows).
async function reflows(pg, path) {
  await pg.goto(`${base}${path}`);
  const wide = await pg.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= limit + 1) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > limit + 1 && !el.closest('.table-wrap'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return `${document.documentElement.scrollWidth} px wide: ${culprits.join(', ')}`;
  });
  assert(wide === null, `${path} at 320 px: ${wide}`);
}

await test('every page reflows at 320 CSS px, the checklist one tap away', async () => {
  const offerId = (await api('GET', `/offers?organization_id=${org.id}`)).items[0].id;
  const solutionId = (await api('GET', `/solutions?organization_id=${org.id}`)).items[0].id;
  for (const [email, password, paths] of [
    ['maker@contoso.example', 'maker-password-1', [`/organizations/${org.id}/dashboard`, `/organizations/${org.id}/offers`, `/offers/${offerId}`, `/solutions/${solutionId}`, `/solutions/${solutionId}/documents`, `/organizations/${org.id}/profile`, `/organizations/${org.id}/users`, '/account']],
    ['admin@program.example', 'admin-password-1', ['/organizations', `/organizations/${org.id}`, '/program-users', '/audit', '/revenue/import', `/organizations/${org.id}/revenue`, '/review', '/catalog']],
  ]) {
    const { ctx, pg } = await signedIn(email, password, { width: 320, height: 640 });
    for (const path of paths) await reflows(pg, path);
    // Dutch words are longer: the main pages again in Dutch.
    await pg.goto(`${base}/lang/nl?next=/`);
    for (const path of paths.slice(0, 4)) await reflows(pg, path);
    await pg.goto(`${base}/lang/en?next=/`);
    if (email.startsWith('maker')) {
      await pg.goto(`${base}/solutions/${solutionId}`);
      await pg.click('a[href="#checklist"]');
      const top = await pg.evaluate(() => document.querySelector('#checklist').getBoundingClientRect().top);
      assert(top >= -1 && top < 640, `the checklist is in view after one tap: ${top}`);
    }
    await ctx.close();
  }
});

await test('leaving with unkept input asks first, also through the language switch', async () => {
  const solutionId = (await api('GET', `/solutions?organization_id=${org.id}`)).items[0].id;
  const { ctx, pg } = await signedIn('maker@contoso.example', 'maker-password-1');
  await pg.goto(`${base}/organizations/${org.id}/profile`);
  await pg.click('#description');
  await pg.keyboard.type(' Typed and not saved.');
  // The click waits while the browser asks; the question is answered "stay".
  const asked = pg.waitForEvent('dialog');
  const clicked = pg.click('.langs [lang="nl"]', { noWaitAfter: true });
  const dialog = await asked;
  assert(dialog.type() === 'beforeunload', `asked with a ${dialog.type()} dialog`);
  await dialog.dismiss();
  await clicked;
  assert(pg.url().endsWith('/profile'), `stayed on the page: ${pg.url()}`);
  assert((await pg.inputValue('#description')).endsWith('Typed and not saved.'), 'the typing is still there');
  // Saved input does not ask.
  await pg.goto(`${base}/solutions/${solutionId}`);
  await Promise.all([pg.waitForNavigation(), pg.click('.langs [lang="nl"]')]);
  assert((await pg.getAttribute('html', 'lang')) === 'nl', 'left without a question');
  await pg.goto(`${base}/lang/en?next=/`);
  await ctx.close();
});

await test('nothing typed is lost: half a contact row, another edit, the language switch, back again', async () => {
  const maker = execFileSync(bin, ['token', 'create', '--email', 'maker@contoso.example'], { env }).toString().trim().split('\n').pop();
  const call = async (method, path, body) => (await fetch(`${base}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${maker}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  })).json();
  const offer = await call('POST', '/offers', { organization_id: org.id, name: 'Contoso Drafts', offer_type: 'saas', stores: ['appsource'] });
  await call('POST', `/offers/${offer.id}/publish`, {});
  const solution = await call('POST', '/solutions', { offer_id: offer.id });
  const { ctx, pg } = await signedIn('maker@contoso.example', 'maker-password-1');
  await pg.goto(`${base}/solutions/${solution.id}`);
  // Half a contact row: a name, no email yet. Autosave answers, keeping it as a draft.
  await pg.fill('#cn-0', 'Half Row');
  await Promise.all([pg.waitForResponse((r) => r.url().endsWith('/autosave')), pg.locator('#cn-0').blur()]);
  // Another edit, saved although the row is not complete.
  await pg.fill('#pitch', 'Typed after the half row.');
  await Promise.all([pg.waitForResponse((r) => r.url().endsWith('/autosave')), pg.locator('#pitch').blur()]);
  assert((await pg.textContent('#autosave-status')).includes('draft'), 'the status line says the rest is kept');
  // The language switch, then back: everything typed is there.
  await Promise.all([pg.waitForNavigation(), pg.click('.langs [lang="nl"]')]);
  assert((await pg.inputValue('#cn-0')) === 'Half Row', 'the half row is back (Dutch)');
  assert((await pg.inputValue('#pitch')) === 'Typed after the half row.', 'the other edit is back');
  assert(await pg.locator('#draft').count() === 1, 'the draft is announced');
  await pg.goto(`${base}/lang/en?next=/solutions/${solution.id}`);
  assert((await pg.inputValue('#cn-0')) === 'Half Row', 'and again in English');
  await axeClean(pg, 'a draft on the page');
  await ctx.close();
});

await test('hard actions ask first and every action says what it did (Dutch)', async () => {
  const { ctx, pg } = await signedIn('maker@contoso.example', 'maker-password-1', { width: 390, height: 844 });
  const offers = await api('GET', `/offers?organization_id=${org.id}`);
  const live = offers.items.find((o) => o.state === 'live');
  await pg.goto(`${base}/lang/nl?next=/offers/${live.id}`);
  await Promise.all([pg.waitForNavigation(), pg.click(`form[action="/offers/${live.id}/stop"] button`)]);
  assert((await pg.textContent('main')).includes('Stoppen met de verkoop van'), 'asked in Dutch');
  await axeClean(pg, 'confirmation page');
  assert((await api('GET', `/offers/${live.id}`)).state === 'live', 'nothing happened before the answer');
  await Promise.all([pg.waitForNavigation(), pg.click('form[action$="/stop"] button.danger')]);
  assert((await pg.textContent('#flash')).includes('Gestopt'), 'told in Dutch what happened');
  assert((await api('GET', `/offers/${live.id}`)).state !== 'live', 'stopped');
  await pg.click(`form[action="/offers/${live.id}/publish"] button`);
  await pg.waitForSelector('#flash');
  assert((await pg.textContent('#flash')).includes('Gepubliceerd'), 'published, in Dutch');
  await pg.goto(`${base}/lang/en?next=/`);
  await ctx.close();
});

await test('a solution waiting for review is withdrawn only when the partner confirms (Dutch)', async () => {
  const maker = execFileSync(bin, ['token', 'create', '--email', 'maker@contoso.example'], { env }).toString().trim().split('\n').pop();
  const call = async (method, path, body) => fetch(`${base}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${maker}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const solution = (await api('GET', `/solutions?organization_id=${org.id}`)).items.find((x) => x.offer_name === 'Contoso Retail Analytics');
  await call('PATCH', `/solutions/${solution.id}`, { pitch: 'Retail analytics for every store, once more.' });
  const submitted = await call('POST', `/solutions/${solution.id}/submit`, {});
  assert(submitted.status === 200, `submitted: ${submitted.status}`);
  const { ctx, pg } = await signedIn('maker@contoso.example', 'maker-password-1');
  await pg.goto(`${base}/lang/nl?next=/solutions/${solution.id}`);
  assert(!(await pg.getAttribute('#solution-form', 'hx-post')), 'autosave is off');
  assert((await pg.textContent('#autosave-status')).includes('staat uit'), 'and says so');
  await pg.fill('#pitch', 'Changed while waiting.');
  await Promise.all([pg.waitForNavigation(), pg.click('.sticky-actions button.primary')]);
  assert((await pg.inputValue('#pitch')) === 'Changed while waiting.', 'the typing is kept while asking');
  assert((await (await call('GET', `/solutions/${solution.id}`)).json()).review_state === 'submitted', 'still in the queue');
  await axeClean(pg, 'asking to withdraw');
  await Promise.all([pg.waitForNavigation(), pg.click('button[name="leave_review"]')]);
  assert((await pg.textContent('#flash')).includes('uit de beoordelingswachtrij'), 'told in Dutch');
  assert((await (await call('GET', `/solutions/${solution.id}`)).json()).review_state === 'draft', 'withdrawn by the confirmed save');
  await pg.goto(`${base}/lang/en?next=/`);
  await ctx.close();
});

await test('a reviewer\'s unsent reason survives the language switch; the decision is told (Dutch, 320 px)', async () => {
  const tokenOf = (email) => execFileSync(bin, ['token', 'create', '--email', email], { env }).toString().trim().split('\n').pop();
  const as = (token) => async (method, path, body) => fetch(`${base}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const maker = as(tokenOf('maker@contoso.example'));
  const reviewer = as(tokenOf('rev@program.example'));
  const solution = (await api('GET', `/solutions?organization_id=${org.id}`)).items.find((x) => x.offer_name === 'Contoso Retail Analytics');
  const submitted = await maker('POST', `/solutions/${solution.id}/submit`, {});
  assert(submitted.status === 200, `submitted: ${submitted.status} ${await submitted.text()}`);
  assert((await reviewer('POST', `/solutions/${solution.id}/claim`, {})).status === 200, 'claimed');
  const { ctx, pg } = await signedIn('rev@program.example', 'reviewer-password-1', { width: 320, height: 640 });
  await reflows(pg, `/review/${solution.id}`);
  const reason = 'Please add a contact for Germany, and a deck in Dutch.';
  await pg.fill('#reason', reason);
  await pg.waitForResponse((r) => r.url().endsWith(`/review/${solution.id}/draft`) && r.status() === 204);
  await pg.waitForFunction(() => document.querySelector('#reason ~ [data-keep-status]').textContent.length > 0);
  // Kept on the server: the language switch leaves without asking, and the words are back.
  // On a phone it is in the header's menu.
  await pg.click('.site-menu > summary');
  await Promise.all([pg.waitForNavigation(), pg.click('.langs [lang="nl"]')]);
  assert((await pg.getAttribute('html', 'lang')) === 'nl', 'Dutch');
  assert((await pg.inputValue('#reason')) === reason, 'the unsent reason is back');
  await axeClean(pg, 'review page with a kept reason (Dutch)');
  await Promise.all([pg.waitForNavigation(), pg.click('form[action$="/decide"] input[value="request_changes"] ~ button')]);
  assert(pg.url().endsWith('/review'), `back on the queue: ${pg.url()}`);
  assert((await pg.textContent('#flash')).includes('Wijzigingen gevraagd'), 'told in Dutch');
  const after = await (await maker('GET', `/solutions/${solution.id}`)).json();
  assert(after.review_state === 'changes_requested' && after.review_reason === reason, 'the partner has the reason');
  await pg.goto(`${base}/lang/en?next=/`);
  await ctx.close();
});

await test('documents on a phone: the browser refuses what the server would, and a drop uploads at once', async () => {
  const solutionId = (await api('GET', `/solutions?organization_id=${org.id}`)).items[0].id;
  const { ctx, pg } = await signedIn('maker@contoso.example', 'maker-password-1', { width: 320, height: 640 });
  await reflows(pg, `/solutions/${solutionId}/documents`);
  await axeClean(pg, 'documents page at 320 px');
  const uploads = [];
  pg.on('request', (r) => { if (r.method() === 'POST') uploads.push(r.url()); });
  // Too large for a one-pager (10 MiB), and not a format it takes: refused before sending.
  await pg.setInputFiles('#file-one_pager', { name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 32) });
  await pg.click('#one_pager form button.primary');
  await pg.waitForFunction(() => document.querySelector('#one_pager [data-upload-status]').textContent.includes('larger'));
  await pg.setInputFiles('#file-one_pager', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await pg.click('#one_pager form button.primary');
  await pg.waitForFunction(() => document.querySelector('#one_pager [data-upload-status]').textContent.includes('formats'));
  assert(uploads.length === 0, `nothing was sent: ${uploads.join(', ')}`);
  assert((await pg.getAttribute('#file-one_pager', 'aria-invalid')) === 'true', 'the field says it is invalid');
  // A dropped file starts its upload without a click.
  const pdf = readFileSync(join(here, '../../static/templates/one-pager-template.pdf'));
  const dropped = await pg.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'dropped.pdf', { type: 'application/pdf' }));
    return dt;
  }, [...pdf]);
  await Promise.all([
    pg.waitForURL(/uploaded=one_pager/),
    pg.dispatchEvent('#one_pager [data-drop]', 'drop', { dataTransfer: dropped }),
  ]);
  assert((await pg.textContent('#one_pager')).includes('dropped.pdf'), 'the dropped file is current');
  await ctx.close();
});

await test('a partner previews the entry sellers will see, on a phone and in Dutch', async () => {
  const solution = (await api('GET', `/solutions?organization_id=${org.id}`)).items.find((x) => x.offer_name === 'Contoso Retail Analytics');
  const { ctx, pg } = await signedIn('maker@contoso.example', 'maker-password-1', { width: 320, height: 640 });
  await pg.goto(`${base}/solutions/${solution.id}`);
  await Promise.all([pg.waitForNavigation(), pg.click(`a[href="/solutions/${solution.id}/preview"]`)]);
  await reflows(pg, `/solutions/${solution.id}/preview`);
  const text = await pg.textContent('main');
  assert(text.includes('not yet approved') && text.includes('What sellers see now'), 'both sides are there');
  await axeClean(pg, 'preview as seller');
  await pg.goto(`${base}/lang/nl?next=/solutions/${solution.id}/preview`);
  assert((await pg.textContent('main')).includes('Wat verkopers nu zien'), 'in Dutch');
  await axeClean(pg, 'preview as seller (Dutch)');
  await pg.goto(`${base}/lang/en?next=/`);
  await ctx.close();
});

// The newest link to `path` in the server's log: without SMTP_URL the sender writes each
// mail there once, link and all, within seconds (the outbox keeps no link's token).
async function linkFromLog(path) {
  for (let i = 0; i < 100; i++) {
    const found = [...serverLog.matchAll(new RegExp(`${base}(${path}[A-Za-z0-9_-]+)`, 'g'))].pop();
    if (found) return found[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail with ${path} in the server log`);
}

await test('invite, accept, sign in, forget the password, reset it; the pages on the way are accessible', async () => {
  const { ctx: makerCtx, pg: maker } = await signedIn('maker@contoso.example', 'maker-password-1');
  await maker.goto(`${base}/organizations/${org.id}/users`);
  await maker.fill('#email', 'newbie@contoso.example');
  await maker.check('#role-developer');
  await Promise.all([maker.waitForNavigation(), maker.click('#invite button.primary')]);
  assert(await maker.getByText('Invitation sent').count() === 1, 'told the invitation went out');
  assert(await maker.locator('#invitations').getByRole('cell', { name: 'newbie@contoso.example', exact: true }).count() === 1, 'listed as pending');
  await axeClean(maker, 'users page with a pending invitation');
  await makerCtx.close();

  const invitation = await linkFromLog('/invitations/');
  // The outbox page lists the mail but never its link (the database keeps no link's token).
  const { ctx: adminCtx, pg: adminPg } = await signedIn('admin@program.example', 'admin-password-1');
  await adminPg.goto(`${base}/outbox`);
  assert(await adminPg.locator('tr', { hasText: 'newbie@contoso.example' }).count() > 0, 'the invitation is on the outbox page');
  assert(await adminPg.locator('pre.mail-text', { hasText: '/invitations/' }).count() === 0, 'no invitation link on the outbox page');
  await axeClean(adminPg, 'outbox');

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pg = await ctx.newPage();
  pg.on('pageerror', (e) => consoleErrors.push(String(e)));
  await pg.goto(`${base}${invitation}`);
  assert(await pg.getByText('maker@contoso.example invited newbie@contoso.example').count() === 1, 'says who invited whom');
  await axeClean(pg, 'accepting an invitation');
  await pg.fill('#password', 'short');
  await pg.click('main button.primary');
  assert(await pg.locator('#password-error').count() === 1, 'a weak password is refused next to the field');
  await axeClean(pg, 'accepting an invitation, refused');
  await pg.fill('#password', 'newbie-password-1');
  await Promise.all([pg.waitForNavigation(), pg.click('main button.primary')]);
  assert(await pg.getByText('Welcome to cosell').count() === 1, 'signed in and welcomed');
  await Promise.all([pg.waitForNavigation(), pg.click('form[action="/logout"] button')]);

  await pg.goto(`${base}/login`);
  await Promise.all([pg.waitForNavigation(), pg.click('a[href="/password/forgot"]')]);
  await axeClean(pg, 'forgot password');
  await pg.fill('#email', 'newbie@contoso.example');
  await Promise.all([pg.waitForNavigation(), pg.click('main button.primary')]);
  assert(await pg.getByText('If newbie@contoso.example has an account').count() === 1, 'the same answer for every address');
  await axeClean(pg, 'check your mail');

  // A reset's link is never on the outbox page (it would hand the account to its reader); without
  // SMTP_URL it is in the server's log, where the sender writes the mail within seconds.
  await adminPg.goto(`${base}/outbox`);
  assert(await adminPg.locator('pre.mail-text', { hasText: '/password/reset/' }).count() === 0, 'no reset link on the outbox page');
  await adminCtx.close();
  const reset = await linkFromLog('/password/reset/');
  await pg.goto(`${base}${reset}`);
  await axeClean(pg, 'choosing a new password');
  await pg.fill('#password', 'newbie-password-2');
  await Promise.all([pg.waitForNavigation(), pg.click('main button.primary')]);
  assert(pg.url().endsWith('/login'), `back to the sign-in page: ${pg.url()}`);
  await pg.fill('#email', 'newbie@contoso.example');
  await pg.fill('#password', 'newbie-password-2');
  await Promise.all([pg.waitForNavigation(), pg.click('main button[type=submit]')]);
  assert(!pg.url().endsWith('/login'), 'signed in with the new password');
  await pg.goto(`${base}/notifications`);
  await axeClean(pg, 'notifications');
  await pg.goto(`${base}${reset}`);
  assert(await pg.getByText('This link no longer works').count() === 1, 'the link worked once');
  await ctx.close();
});

await test('the day round 2 on a phone in Dutch: an upload asks first, validation stays in the review, tables are cards, a replaced document is compared', async () => {
  const fab = await api('POST', '/organizations', { name: 'Fabrikam', mpn_id: '765432', marketplace_account_active: true, seller_account_active: true, partner_types: ['isv'] });
  await api('POST', `/organizations/${fab.id}/users`, { email: 'fab@fabrikam.example', password: 'fabrikam-password-1', roles: ['account_admin', 'developer', 'cosell_admin'] });
  const tokenOf = (email) => execFileSync(bin, ['token', 'create', '--email', email], { env }).toString().trim().split('\n').pop();
  const as = (token) => async (method, path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    assert(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
    return res;
  };
  const fabToken = tokenOf('fab@fabrikam.example');
  const partner = as(fabToken);
  const reviewer = as(tokenOf('rev@program.example'));
  const put = async (path, name, bytes) => {
    const form = new FormData(); form.append('file', new Blob([bytes]), name);
    const res = await fetch(`${base}/api/v1${path}`, { method: 'PUT', headers: { authorization: `Bearer ${fabToken}` }, body: form });
    assert(res.ok, `${path}: ${res.status} ${await res.text()}`);
  };
  await partner('PUT', `/organizations/${fab.id}/business-profile`, { company_name: 'Fabrikam Ltd',
    description: 'Fabrikam builds stock insights for stores of every size, in the cloud.', website: 'https://fabrikam.example',
    headquarters_country: 'NL', industries: ['retail'], contact_email: 'partners@fabrikam.example' });
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await put(`/organizations/${fab.id}/business-profile/logo`, 'logo.png', png);
  const offer = await (await partner('POST', '/offers', { organization_id: fab.id, name: 'Fabrikam Stock Insights', offer_type: 'saas', stores: ['azure_marketplace'], transactable: true })).json();
  await partner('POST', `/offers/${offer.id}/publish`, {});
  const sol = await (await partner('POST', '/solutions', { offer_id: offer.id })).json();
  await partner('PATCH', `/solutions/${sol.id}`, { geographies: ['NL'], solution_areas: ['data_ai'], industries: ['retail'], customer_sizes: ['smb'],
    pitch: 'Stock insights for every store.', contacts: [{ name: 'Femke de Wit', email: 'femke@fabrikam.example', role: 'partner_sales', geographies: ['OOO'] }] });
  const onePager = readFileSync(join(here, '../../static/templates/one-pager-template.pdf'));
  await put(`/solutions/${sol.id}/documents/one_pager`, 'fabrikam-2026.pdf', onePager);
  await put(`/solutions/${sol.id}/documents/pitch_deck`, 'deck.pptx', readFileSync(join(here, '../../static/templates/pitch-deck-template.pptx')));
  // Approved once, then changed and waiting for review again.
  await partner('POST', `/solutions/${sol.id}/submit`, {});
  await reviewer('POST', `/solutions/${sol.id}/claim`, {});
  await reviewer('POST', `/solutions/${sol.id}/review`, { decision: 'approve' });
  await partner('PATCH', `/solutions/${sol.id}`, { pitch: 'Stock insights for every store, every week.' });
  await partner('POST', `/solutions/${sol.id}/submit`, {});
  const stateOf = async () => (await (await partner('GET', `/solutions/${sol.id}`)).json()).review_state;

  const { ctx, pg } = await signedIn('fab@fabrikam.example', 'fabrikam-password-1', { width: 320, height: 640 });
  await pg.goto(`${base}/lang/nl?next=/organizations/${fab.id}/dashboard`);
  // Point 4: the header takes at most a fifth of the screen; its menu opens on demand.
  const header = await pg.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);
  assert(header <= 640 / 5, `the header is ${header} px of 640`);
  assert(!(await pg.isVisible('.site-menu nav')), 'the menu starts closed on a phone');
  await pg.click('.site-menu > summary');
  assert(await pg.isVisible('.site-menu nav'), 'and opens');
  const cards = async (label) => {
    const display = await pg.evaluate(() => [...document.querySelectorAll('table.cards tbody tr')].map((tr) => getComputedStyle(tr).display));
    assert(display.length > 0 && display.every((d) => d === 'block'), `${label}: rows as cards (${display.join(', ')})`);
    // A badge or a tab never breaks inside a word: each word stays on one line.
    const broken = await pg.evaluate(() => [...document.querySelectorAll('.badge, .page-tabs a')].filter((el) => {
      const words = el.textContent.trim().split(/\s+/);
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
      el.appendChild(probe);
      const tooNarrow = words.some((w) => { probe.textContent = w; return probe.getBoundingClientRect().width > el.getBoundingClientRect().width + 1; });
      probe.remove();
      return tooNarrow || getComputedStyle(el).overflowWrap === 'anywhere';
    }).map((el) => el.textContent.trim()));
    assert(broken.length === 0, `${label}: broken inside a word: ${broken.join(' | ')}`);
    await axeClean(pg, `${label} (Dutch, 320 px)`);
  };
  await reflows(pg, `/organizations/${fab.id}/dashboard`);
  await cards('dashboard');
  await reflows(pg, `/organizations/${fab.id}/users`);
  await cards('users');
  // The checklist in reach: its summary and a jump on the first screen.
  await reflows(pg, `/solutions/${sol.id}`);
  const summary = await pg.evaluate(() => document.querySelector('#checklist-summary').getBoundingClientRect().bottom);
  assert(summary <= 640, `the checklist's summary is on the first screen: ${summary}`);
  // Point 1: an upload to a solution waiting for review asks first.
  await reflows(pg, `/solutions/${sol.id}/documents`);
  assert((await pg.textContent('#review-state')).includes('Ingediend'), 'the documents page shows the review state');
  await axeClean(pg, 'documents waiting for review (Dutch, 320 px)');
  const posts = [];
  pg.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  await pg.setInputFiles('#file-one_pager', { name: 'fabrikam-2027.pdf', mimeType: 'application/pdf', buffer: onePager });
  await pg.click('#one_pager form button[type=submit]');
  assert(posts.length === 0, 'nothing is sent before the question is answered');
  assert(await stateOf() === 'submitted', 'still in the queue');
  await pg.check('#leave-review-one_pager');
  await Promise.all([pg.waitForURL(/uploaded=one_pager/), pg.click('#one_pager form button[type=submit]')]);
  assert(await stateOf() === 'draft', 'withdrawn once confirmed');
  assert((await pg.textContent('#review-state')).includes('Concept'), 'and the page says so');
  // Point 4: at 1366 px every contact field and its Remove box are in sight.
  await pg.setViewportSize({ width: 1366, height: 900 });
  await pg.goto(`${base}/solutions/${sol.id}`);
  const clipped = await pg.evaluate(() => ['#cn-0', '#ce-0', '#cj-0', '#cr-0', '#cg-0', '#cx-0'].filter((id) => {
    const el = document.querySelector(id).getBoundingClientRect();
    const box = document.querySelector('table.contacts').closest('.table-wrap').getBoundingClientRect();
    return el.width === 0 || el.right > box.right + 1 || el.left < box.left - 1;
  }));
  assert(clipped.length === 0, `contact fields cut off at 1366 px: ${clipped.join(', ')}`);
  await ctx.close();

  await partner('POST', `/solutions/${sol.id}/submit`, {});
  const { ctx: rctx, pg: rp } = await signedIn('rev@program.example', 'reviewer-password-1', { width: 320, height: 640 });
  await rp.goto(`${base}/lang/nl?next=/review`);
  const queueRows = await rp.evaluate(() => [...document.querySelectorAll('table.cards tbody tr')].map((tr) => getComputedStyle(tr).display));
  assert(queueRows.length > 0 && queueRows.every((d) => d === 'block'), 'the queue as cards');
  await axeClean(rp, 'review queue as cards (Dutch, 320 px)');
  await Promise.all([rp.waitForURL(`${base}/review/${sol.id}`), rp.click('form[action="/review/next"] button')]);
  // Point 7: the replaced one-pager, the approved version beside the new one.
  const change = await rp.textContent('#change-one_pager-h');
  assert(change.includes('vervangen'), `a replaced document is named: ${change}`);
  const compared = await rp.locator('.doc-change figure').allTextContents();
  assert(compared.length === 2 && compared[0].includes('fabrikam-2026.pdf') && compared[1].includes('fabrikam-2027.pdf'), `old beside new: ${compared.join(' | ')}`);
  assert(await rp.locator('.doc-change img.doc-thumb').count() === 2, 'both thumbnails');
  assert((await rp.textContent('#approve-awards')).startsWith('Goedkeuren kent nu de status'), 'the award is named');
  await axeClean(rp, 'review page with a replaced document (Dutch, 320 px)');
  // Point 2: technical validation in the review; a bad value stays, its message beside it.
  await rp.fill('#percent_on_azure', 'ongeveer 60');
  await rp.fill('#note', 'Sjablonen bekeken');
  await Promise.all([rp.waitForNavigation(), rp.click('#validation button[type=submit]')]);
  assert(rp.url().includes(`/review/${sol.id}/technical-validation`), `still the review: ${rp.url()}`);
  assert((await rp.inputValue('#percent_on_azure')) === 'ongeveer 60' && (await rp.inputValue('#note')) === 'Sjablonen bekeken', 'what was typed is kept');
  const error = await rp.evaluate(() => document.querySelector('#percent_on_azure-error').getBoundingClientRect());
  assert(error.top >= 0 && error.bottom <= 640, `the message is in view: ${error.top}`);
  await axeClean(rp, 'review page, refused validation (Dutch, 320 px)');
  await rp.fill('#percent_on_azure', '72,5');
  await Promise.all([rp.waitForURL(`${base}/review/${sol.id}#validation`), rp.click('#validation button[type=submit]')]);
  assert((await rp.textContent('#validation')).includes('72,5%'), 'recorded, written the Dutch way');
  await rp.goto(`${base}/lang/en?next=/`);
  await rctx.close();
});

await test('the API reference renders every operation from the generated document, without CSP errors', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pg = await ctx.newPage();
  const errors = [];
  pg.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  pg.on('pageerror', (e) => errors.push(String(e)));
  await pg.goto(`${base}/api/docs`);
  await pg.waitForSelector('.opblock', { timeout: 15000 });
  const operations = await pg.locator('.opblock').count();
  const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
  const expected = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  assert(operations === expected, `${operations} operations shown, ${expected} documented`);
  assert(await pg.getByText('/solutions/{id}/submit').count() > 0, 'the submit operation is listed');
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('no script errors under the content security policy', async () => {
  assert(consoleErrors.length === 0, consoleErrors.join('\n'));
});

await browser.close();
server.kill();
const passed = results.filter((r) => r[1]).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
