// Browser checks of the HTML report (run by tests/browser/report.sh).
// Usage: node report_test.cjs CHROMIUM_PATH WORK_DIR OUT_DIR
// WORK_DIR holds seeds.html, seeds-ar.html, draft.html and xss.html; screenshots go to OUT_DIR.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [chromiumPath, work, out] = process.argv.slice(2);
let passed = 0;
let failed = 0;
function check(ok, what, detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log('FAIL: ' + what + (detail === undefined ? '' : ': ' + JSON.stringify(detail)));
  }
}

// Opens a report and records everything that must not happen: console errors, uncaught
// exceptions, dialogs (alert/confirm/prompt), requests to anything but the file itself.
async function open(browser, file) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const log = { console: [], errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.console.push(m.type() + ': ' + m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', async (d) => {
    log.dialogs.push(d.type() + ': ' + d.message());
    await d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) log.requests.push(r.url());
  });
  const url = 'file://' + path.join(work, file);
  await page.goto(url, { waitUntil: 'load' });
  return { page, log, url };
}

function clean(log, what) {
  check(log.console.length === 0, what + ': no console error or warning', log.console);
  check(log.errors.length === 0, what + ': no uncaught exception', log.errors);
  check(log.dialogs.length === 0, what + ': no dialog opened', log.dialogs);
  check(log.requests.length === 0, what + ': no request leaves the page', log.requests);
}

const visible = (page) => page.locator('.finding:not([hidden])').count();

async function seeds(browser) {
  const { page, log } = await open(browser, 'seeds.html');
  const summary = await page.evaluate(() => JSON.parse(document.getElementById('tadqiq-summary').textContent));
  check(summary.articles === 5, 'seeds: the summary block holds the report summary', summary);
  const total = await page.locator('.finding').count();
  check(total === summary.findings && total > 0, 'seeds: one element per finding', { total, summary });
  check((await visible(page)) === total, 'seeds: every finding is shown at first');
  check((await page.locator('#shown-count').textContent()) === String(total), 'seeds: the counter shows them all');

  // The three discrepancies of the mission, visible on the page: the Gaza toll updated across
  // dates (27,708 in February, more than 33,000 in April), the tour counted fifth then ninth,
  // and the deputy-PM title given to Netanyahu (an error).
  const mission = [
    ['the toll update', '.finding[data-kind=quantity][data-severity=info]', ['27,708', '33,000', 'update']],
    ['the fifth → ninth tour', '.finding[data-kind=ordinal]', ['fifth', 'ninth']],
    ['the deputy-PM title error', '.finding[data-kind=title][data-severity=error]', ['نائب رئيس الوزراء']],
  ];
  for (const [what, selector, words] of mission) {
    let el = page.locator(selector);
    for (const w of words) el = el.filter({ hasText: w });
    const n = await el.count();
    check(n >= 1, 'seeds: ' + what + ' is listed', { selector, words, n });
    if (n >= 1) {
      check(await el.first().isVisible(), 'seeds: ' + what + ' is visible');
      check(await el.first().locator('summary .msg').isVisible(), 'seeds: ' + what + ' shows its message');
      check((await el.first().locator('figure.ev').count()) >= 1 && await el.first().locator('figure.ev').first().isVisible(),
            'seeds: ' + what + ' shows its evidence');
    }
  }

  // Severity filter, without reload.
  const info = summary.by_severity.info;
  await page.locator('input[name=severity][value=info]').uncheck();
  const infos = await page.locator('.finding[data-severity=info]').count();
  check((await visible(page)) === total - infos && infos >= info && info > 0,
        'seeds: unchecking info hides the info findings', { visible: await visible(page), total, infos });
  check((await page.locator('.finding[data-severity=info]:not([hidden])').count()) === 0, 'seeds: no info finding left');
  await page.locator('input[name=severity][value=info]').check();
  check((await visible(page)) === total, 'seeds: checking info again shows them');

  // Kind filter: none, then all.
  await page.locator('button[data-all=kind][data-value="0"]').click();
  check((await visible(page)) === 0, 'seeds: no kind selected, nothing shown');
  check(await page.locator('#no-match').isVisible(), 'seeds: the no-match note shows');
  check((await page.locator('.group:not([hidden])').count()) === 0, 'seeds: empty groups are hidden');
  await page.locator('button[data-all=kind][data-value="1"]').click();
  check((await visible(page)) === total, 'seeds: all kinds again');
  const kinds = await page.locator('input[name=kind]').evaluateAll((els) => els.map((e) => e.value));
  await page.locator('input[name=kind][value=quantity]').uncheck();
  check((await page.locator('.finding[data-kind=quantity]:not([hidden])').count()) === 0 && kinds.length > 1,
        'seeds: one kind unchecked hides that kind only');
  await page.locator('input[name=kind][value=quantity]').check();

  // Text filter: case-insensitive, over the message and evidence.
  await page.locator('#q').fill('HERZOG');
  const shown = await visible(page);
  const herzog = await page.locator('.finding').evaluateAll(
    (els) => els.filter((e) => e.textContent.toLowerCase().includes('herzog')).length);
  check(shown === herzog && shown > 0 && shown < total, 'seeds: the text filter keeps matching findings', { shown, herzog });
  check((await page.locator('#shown-count').textContent()) === String(shown), 'seeds: the counter follows');
  await page.locator('#q').fill('');
  check((await visible(page)) === total, 'seeds: clearing the filter shows all');

  // Evidence: the span is highlighted inside its sentence, which reads right to left.
  const marks = await page.locator('blockquote.sentence[dir=rtl][lang=ar] mark').count();
  check(marks > 0, 'seeds: evidence spans are highlighted in RTL sentences', marks);

  // Timelines: the Gaza toll rises from 27,708 (February) to more than 33,000 (April).
  const gaza = page.locator('figure.series', { has: page.locator('code', { hasText: 'killed/gaza/cumulative' }) });
  check((await gaza.count()) === 1, 'seeds: a timeline for killed/gaza/cumulative');
  if (await gaza.count()) {
    check((await gaza.locator('svg .pt').count()) === 2, 'seeds: two points on it');
    check((await gaza.locator('svg .pt .arrow').count()) === 1, 'seeds: the open bound has an arrow');
    const ys = await gaza.locator('svg .pt circle').evaluateAll((els) => els.map((e) => Number(e.getAttribute('cy'))));
    const labels = await gaza.locator('svg .plabel').allTextContents();
    check(ys.length === 2 && ys[1] < ys[0], 'seeds: the later point is higher (it rises)', { ys, labels });
    check(labels.includes('27,708') && labels.includes('> 33,000'), 'seeds: point labels', labels);
  }
  // The tour timeline: the ordinals of the visit series, fifth (February) to ninth (August).
  const tour = page.locator('figure.series', { has: page.locator('span.tag', { hasText: 'ordinal' }) });
  check((await tour.count()) >= 1, 'seeds: a timeline for the tours');
  if (await tour.count()) {
    const pts = await tour.first().locator('svg .pt circle').evaluateAll(
      (els) => els.map((e) => ({ x: Number(e.getAttribute('cx')), y: Number(e.getAttribute('cy')) })));
    const labels = await tour.first().locator('svg .plabel').allTextContents();
    check(pts.length >= 2, 'seeds: the tour timeline has its points', pts);
    const first = pts.reduce((a, b) => (b.x < a.x ? b : a), pts[0] || {}), last = pts.reduce((a, b) => (b.x > a.x ? b : a), pts[0] || {});
    check(pts.length >= 2 && last.y < first.y, 'seeds: the tours rise over time', { pts, labels });
    check(labels.some((l) => l === '5' || l.startsWith('5 \u00d7')) && labels.includes('9'), 'seeds: the tour points are labelled 5 and 9', labels);
    const box = await tour.first().locator('svg.timeline').boundingBox();
    check(box !== null && box.width > 300 && box.height > 100, 'seeds: the tour timeline is drawn at size', box);
  }
  check((await page.locator('svg.timeline').count()) >= 2, 'seeds: timelines are drawn');
  await page.screenshot({ path: path.join(out, 'report.png'), fullPage: true });
  clean(log, 'seeds');
  await page.close();
}

async function arabic(browser) {
  const { page, log } = await open(browser, 'seeds-ar.html');
  const html = await page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang,
                                             h1: document.querySelector('h1').textContent }));
  check(html.dir === 'rtl' && html.lang === 'ar', 'ar: the page is right to left, in Arabic', html);
  check(/[\u0600-\u06FF]/.test(html.h1), 'ar: the interface strings come from rules/i18n/ar.yaml', html.h1);
  check((await page.locator('.finding').count()) > 0, 'ar: findings are listed');
  const msgDir = await page.locator('.finding .msg').first().getAttribute('lang');
  check(msgDir === 'en', 'ar: finding messages keep their English language tag', msgDir);
  await page.screenshot({ path: path.join(out, 'report-ar.png'), fullPage: true });
  clean(log, 'ar');
  await page.close();
}

async function draft(browser) {
  const { page, log } = await open(browser, 'draft.html');
  const order = await page.evaluate(() => Array.from(document.querySelectorAll('main > section')).map((s) => s.id));
  check(order[0] === 'drafts' && order[1] === 'summary', 'draft: the drafts section opens the page', order);
  check(await page.locator('#drafts').isVisible(), 'draft: the drafts section is visible');
  const rows = await page.locator('#drafts tbody tr').allTextContents();
  check(rows.length === 1 && rows[0].includes('tests/fixtures/draft/new-toll.md'), 'draft: it names the draft', rows);
  const findings = await page.locator('.finding').evaluateAll((els) => els.map((e) => ({
    draft: e.dataset.draft,
    first: e.querySelector('figure.ev code.loc').textContent,
    tagged: e.querySelector('figure.ev').classList.contains('draft'),
  })));
  check(findings.length >= 1 && findings.every((f) => f.draft === '1' && f.tagged && f.first.startsWith('tests/fixtures/draft/new-toll.md:')),
        'draft: every finding shows the draft\'s evidence first', findings);
  check(await page.locator('.finding[data-kind=quantity][data-severity=error]').first().isVisible(),
        'draft: the toll regression is shown');
  // The link to the draft's first finding scrolls to it (no reload).
  await page.locator('#drafts a[href^="#f-"]').first().click();
  const target = await page.evaluate(() => window.location.hash);
  check(target.startsWith('#f-') && await page.locator(target).isVisible(), 'draft: the first-finding link leads to it', target);
  check((await page.locator('svg .pt.draft').count()) >= 1, 'draft: the draft\'s point is marked on its timeline');
  const firstArticle = await page.locator('#articles tbody tr').first().textContent();
  check(firstArticle.includes('new-toll.md'), 'draft: the articles table lists the draft first', firstArticle);
  const below = await page.evaluate((t) => {
    const f = document.querySelector(t).getBoundingClientRect(), bar = document.getElementById('filters').getBoundingClientRect();
    return f.top >= bar.bottom - 1;
  }, target);
  check(below, 'draft: the linked finding is not hidden under the sticky filters');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, 'report-draft.png'), fullPage: true });
  clean(log, 'draft');
  await page.close();
}

async function xss(browser) {
  const { page, log } = await open(browser, 'xss.html');
  // Interact too: open everything, search for the payload.
  await page.locator('button[data-open="1"]').click();
  await page.locator('#q').fill('<img');
  check((await visible(page)) === 1, 'xss: the payload text is searchable as text');
  await page.locator('#q').fill('');
  await page.waitForTimeout(200);
  const state = await page.evaluate(() => ({
    flag: typeof window.__xss,
    injected: document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length,
    legendSvgs: document.querySelectorAll('.legend svg').length,
    allSvgs: document.querySelectorAll('svg').length,
    timelines: document.querySelectorAll('svg.timeline').length,
    scripts: Array.from(document.scripts).map((s) => s.type || 'classic'),
    sentences: Array.from(document.querySelectorAll('blockquote.sentence')).map((b) => b.textContent),
    titles: Array.from(document.querySelectorAll('#articles td[dir=auto]')).map((t) => t.textContent),
  }));
  check(state.flag === 'undefined', 'xss: no injected script ran', state.flag);
  check(state.allSvgs === state.legendSvgs + state.timelines, 'xss: no element was injected (svg)', state);
  check(state.injected === 0, 'xss: no element was injected', state.injected);
  check(JSON.stringify(state.scripts) === JSON.stringify(['application/json', 'classic']),
        'xss: only the report\'s own script blocks', state.scripts);
  check(state.sentences.some((s) => s.includes('<script>alert(1)</script>')), 'xss: <script> shows as text', state.sentences);
  check(state.sentences.some((s) => s.includes('"><img src=x onerror=alert(1)>')), 'xss: the attribute breakout shows as text');
  check(state.titles.some((t) => t.includes('</script><script>window.__xss = 1</script>')), 'xss: titles show as text', state.titles);
  check(state.titles.some((t) => t.includes('{{title}} {{{script}}}')), 'xss: mustache tags in input are not expanded', state.titles);
  await page.screenshot({ path: path.join(out, 'report-xss.png'), fullPage: true });
  clean(log, 'xss');
  await page.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    chromiumSandbox: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    await seeds(browser);
    await arabic(browser);
    await draft(browser);
    await xss(browser);
  } finally {
    await browser.close();
  }
  console.log('screenshots: ' + ['report.png', 'report-ar.png', 'report-draft.png', 'report-xss.png'].map((f) => path.join(out, f)).join(' '));
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})().catch((e) => {
  console.log('FAIL: ' + (e && e.stack ? e.stack : e));
  console.log(`browser: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
