import * as fs from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { OWNED_HEADERS, STATE_SHEET } from '../../src/core/patch';
import { check, refresh, summaryLine, type RefreshResult } from '../../src/core/refresh';
import { readState } from '../../src/core/state';
import { SettingsSchema } from '../../src/core/settings';
import { loadingSteps } from '../../src/taskpane/loading';
import { snapshotFromWorkbook } from '../fixtures/exceljs/snapshot';
import { fixtureSnapshot, writeFixture } from '../fixtures/workbook';
import { needs } from '../helpers/programs';
import { axeViolations, buildPane, edgeColours, eventually, isLocal, isSerious, openView, OUTPUT, ROOT, serve, settled, sideways, writeAxeRecord, type AxeRun } from './harness';
import { riverside } from './riverside';

/**
 * The task pane as an officer uses it: built in test mode, served from 127.0.0.1, opened in
 * Chromium at a real task pane's width (320 px) on an in-memory Excel made from a real .xlsx. The
 * officer maps a column, refreshes, reads the counts and findings and follows a finding to its
 * cell, then records the quarter, updates the plan, records the next quarter and reads the
 * direction of travel and each lead's actions; the test looks inside the workbook the pane wrote
 * after each step. Then every view is checked at 320 and 400 px, light and dark, before and after
 * a refresh: nothing scrolls sideways, the theme reaches every edge, and axe-core finds no serious
 * or critical fault. The screenshots stay in test-output/e2e for a person to look at.
 */

const { describe: suite, paths } = needs('the end-to-end test of the task pane', 'chromium');
const TODAY = '2016-04-12';
const AS_OF = '2016-03-31';
/** A real task pane's width: Excel opens add-ins at about 320 to 350 px. */
const PANE_WIDTH = 320;
const VIEWS = ['Overview', 'Leads', 'Columns', 'Findings', 'Settings'];
/** The page's background in each theme (Fluent's colorNeutralBackground2). */
const BACKGROUND = { light: '#fafafa', dark: '#1f1f1f' } as const;

suite('task pane in Chromium', () => {
  let dir = '';
  let server: http.Server | undefined;
  let origin = '';
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];
  let expected: RefreshResult;
  let context: BrowserContext;
  let opened = 0;
  let planId = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-e2e-'));
    const dist = path.join(dir, 'dist');
    const fixtures = path.join(dir, 'fixtures');
    fs.mkdirSync(fixtures);
    fs.rmSync(OUTPUT, { recursive: true, force: true });
    fs.mkdirSync(OUTPUT, { recursive: true });
    await writeFixture(riverside, path.join(fixtures, 'riverside.xlsx'));
    await buildPane(dist);
    ({ server, origin } = await serve(dist, fixtures));

    // What the engine says for the same plan once the outcome column is mapped: the pane must show it.
    const snapshot = fixtureSnapshot(riverside);
    planId = check(snapshot, { today: TODAY }).plans[0].plan.id;
    expected = refresh(snapshot, { asOf: AS_OF, today: TODAY, settings: SettingsSchema.parse({ columns: { [planId]: { outcome: 'C' } } }) });

    browser = await chromium.launch({
      executablePath: paths.chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
    // An American browser: the pane must still read and show dates day first.
    context = await browser.newContext({ viewport: { width: PANE_WIDTH, height: 900 }, locale: 'en-US' });
    context.on('request', (r) => requests.push(r.url()));
    // Nothing may leave this machine: anything not local is refused as well as recorded.
    await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${origin}/taskpane.html?fixture=/fixtures/riverside.xlsx&today=${TODAY}`);
    opened = Date.now();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const view = (name: string) => openView(page, name);
  const selection = () => page.evaluate(() => (window as unknown as { __boardplan: { fake: { selection: unknown } } }).__boardplan.fake.selection);

  it('opens on the plans it found, with the outcome column missing', async () => {
    const plans = page.getByRole('list', { name: 'Plans found' });
    await plans.waitFor();
    await expect(plans.textContent()).resolves.toContain('Business Plan');
    await expect(plans.textContent()).resolves.toContain('8 actions · 2 priorities');
    await view('Findings');
    await expect(page.getByRole('region', { name: 'Missing columns' }).textContent()).resolves.toMatch(/outcome/i);
  });

  it('maps the outcome column by hand and saves the choice in the workbook', async () => {
    await view('Columns');
    const outcome = page.getByRole('combobox', { name: 'Outcome column' });
    await expect(outcome.textContent()).resolves.toBe('None');
    await outcome.click();
    await page.getByRole('option', { name: 'C — What will change' }).click();
    await page.getByRole('button', { name: 'Save columns' }).click();
    await page.getByText('Column choices saved to the workbook.', { exact: false }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Outcome column' }).textContent()).resolves.toBe('C — What will change');
    await view('Findings');
    await expect(page.getByRole('region', { name: 'Missing columns' }).count()).resolves.toBe(0);
  });

  it('refreshes as of the end of the last quarter and shows the counts by rating per priority', async () => {
    await view('Overview');
    // Today, 12 Apr 2016, is after the plan period: the pane says so before anything is rated.
    await expect(page.getByRole('textbox', { name: 'As-of date' }).inputValue()).resolves.toBe('12/04/2016');
    await page.getByText('Rated as of 12 Apr 2016, after the plan period ended on 31 Mar 2016', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'End of last quarter (31 Mar 2016)' }).click();
    await expect(page.getByRole('textbox', { name: 'As-of date' }).inputValue()).resolves.toBe('31/03/2016');
    await expect(page.getByText('after the plan period ended', { exact: false }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.getByRole('heading', { name: 'Refreshed as of 31 Mar 2016' }).waitFor();

    await expect(page.getByTestId('summary-line').textContent()).resolves.toBe(summaryLine(expected));
    expect(expected.byPriority.map((p) => p.priority)).toEqual(['1', '2']);
    for (const p of expected.byPriority) {
      const row = page.locator(`li[data-priority="${p.priority}"]`);
      await expect(row.textContent()).resolves.toContain(p.title);
      for (const r of p.ratings) await expect(row.locator(`li[data-rating="${r.label}"]`).textContent()).resolves.toBe(`${r.label} ${r.count}`);
    }
    // Facts that do not depend on reading the engine: a finished action, an overdue one.
    const legend1 = await page.locator('li[data-priority="1"]').textContent();
    expect(legend1).toContain('Blue 1');
    expect(legend1).toContain('Red 1');

    const sheets = expected.patch.sheets.map((s) => s.name).filter((n) => n !== STATE_SHEET);
    expect(sheets.length).toBeGreaterThan(1);
    const links = page.getByRole('group', { name: 'Summary sheets' }).getByRole('button');
    await expect(links.allTextContents()).resolves.toEqual(sheets);

    // Two actions are Red and one Amber: the pane lists them to chase, and never says all is clear.
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await expect(attention.getByRole('region', { name: 'Overdue' }).getByRole('button').count()).resolves.toBe(2);
    await expect(attention.getByRole('region', { name: 'At risk' }).getByRole('button').count()).resolves.toBe(1);
    await expect(attention.textContent()).resolves.not.toMatch(/Nothing to chase/);

    await page.screenshot({ path: path.join(OUTPUT, 'pane-after-refresh.png') });
    await page.screenshot({ path: path.join(OUTPUT, 'pane-after-refresh-full.png'), fullPage: true });
  });

  it('wrote the proposed ratings, the summary sheets and the column choice into the workbook', async () => {
    const base64 = await page.evaluate(() => (window as unknown as { __boardplan: { saveXlsx(): Promise<string> } }).__boardplan.saveXlsx());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Business Plan')!;
    const headers = (ws.getRow(4).values as ExcelJS.CellValue[]).map((v) => (v == null ? '' : String(v)));
    const col = headers.indexOf(OWNED_HEADERS.proposed);
    expect(col).toBeGreaterThan(6);
    const owned = expected.patch.columns.find((c) => c.header === OWNED_HEADERS.proposed)!;
    const written = owned.values.map((_, i) => {
      const v = ws.getCell(owned.firstRow + i, col).value;
      return v == null ? null : String(v);
    });
    expect(written).toEqual(owned.values);
    expect(ws.getCell(7, col).value).toBe('Red'); // 1.2, due 31 Jan 2016 and not done
    expect(ws.getCell(6, col).value).toBe('Blue'); // 1.1, complete

    for (const s of expected.patch.sheets) expect(wb.getWorksheet(s.name)).toBeDefined();
    const state = readState(snapshotFromWorkbook(wb, 'saved.xlsx'));
    expect(state.settings.columns[planId]).toEqual({ outcome: 'C' });
  });

  it('takes Excel to the cell of a finding and to a summary sheet', async () => {
    await view('Findings');
    const finding = expected.findings.find((f) => f.rule === 'timescale-unknown')!;
    expect(finding.cell).toBe('E11');
    await page.getByRole('button', { name: new RegExp(`Go to 'Business Plan'!E11`) }).click();
    const atFinding = await eventually(selection, (s) => /E11/.test(JSON.stringify(s)));
    expect(atFinding).toMatchObject({ sheet: 'Business Plan' });
    expect(JSON.stringify(atFinding)).toMatch(/E11/);

    await view('Overview');
    const summary = expected.patch.sheets.find((s) => s.name !== STATE_SHEET)!.name;
    await page.getByRole('group', { name: 'Summary sheets' }).getByRole('button', { name: summary }).click();
    const atSummary = await eventually(selection, (s) => JSON.stringify(s).includes(summary));
    expect(atSummary).toMatchObject({ sheet: summary });
    expect(JSON.stringify(atSummary)).toMatch(/A1/);
  });

  /** Types into the in-memory Excel, as the officer updates the plan between two reviews. */
  const typeInExcel = (sheet: string, cells: Record<string, string>) =>
    page.evaluate(
      ([name, values]) =>
        (window as unknown as { __boardplan: { fake: { run(batch: (context: Excel.RequestContext) => Promise<void>): Promise<void> } } }).__boardplan.fake.run(async (context) => {
          const ws = context.workbook.worksheets.getItem(name);
          for (const [cell, value] of Object.entries(values)) ws.getRange(cell).values = [[value]];
          await context.sync();
        }),
      [sheet, cells] as const,
    );

  const savedWorkbook = async () => {
    const base64 = await page.evaluate(() => (window as unknown as { __boardplan: { saveXlsx(): Promise<string> } }).__boardplan.saveXlsx());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
    return wb;
  };

  it('records the quarter just ended in the RAG History, and asks before recording it again', async () => {
    await view('Overview');
    await page.getByRole('button', { name: 'Record Q4 2015/16' }).click();
    await page.getByText("Recorded Q4 2015/16 in 'RAG History'.").waitFor();
    await expect(page.getByRole('group', { name: 'Summary sheets' }).getByRole('button').allTextContents()).resolves.toContain('RAG History');
    await expect(page.getByRole('region', { name: 'Quarterly review' }).textContent()).resolves.toContain('No quarter before Q4 2015/16 is recorded');

    await page.getByRole('button', { name: 'Record Q4 2015/16' }).click();
    const question = page.getByRole('alertdialog', { name: 'Q4 2015/16 is already recorded: replace it?' });
    await expect(question.textContent()).resolves.toContain('Recording again replaces them with the ratings as at 31 Mar 2016');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
  });

  it('a quarter later, records the next quarter and shows the direction of travel and what to chase', async () => {
    // The officer updates the plan in Excel: 1.2 is done, and 1.4's date has moved to December.
    await typeInExcel('Business Plan', {
      F7: 'Update Jan 16: half of the staff trained. Update June 16: complete; all frontline staff trained.',
      F9: 'Update March 16: audit tool agreed. Update June 16: date revised to Dec 16 as the sub-group chair changed.',
    });
    await page.getByRole('textbox', { name: 'As-of date' }).fill('30/06/2016');
    await page.getByRole('button', { name: 'Record Q1 2016/17' }).click();
    await page.getByText("Recorded Q1 2016/17 in 'RAG History'.").waitFor();

    // Priority 1: 1.2 went from Red to Blue; 1.3 (due end of April) and 1.4 (date moved) worsened; 1.1 stayed Blue.
    await expect(page.locator('li[data-priority="1"]').getByTestId('travel').textContent()).resolves.toBe('↓ worsening↑ 1 improved · ↓ 2 worsened · → 1 held since Q4 2015/16');
    await expect(page.locator('li[data-priority="2"]').getByTestId('travel').textContent()).resolves.toBe('→ steady→ 4 held since Q4 2015/16');
    // 2.4 was Red at Q4 and is Red still.
    await expect(page.getByTestId('red-quarters').textContent()).resolves.toBe('Red for two or more quarters: 1');

    const attention = page.getByRole('region', { name: 'Needs attention' });
    const slipped = attention.getByRole('region', { name: 'Date revised' }).getByRole('button');
    await expect(slipped.allTextContents()).resolves.toEqual([expect.stringContaining('30 Sep 2016 → 31 Dec 2016, revised in the progress notes.')]);
    const stale = attention.getByRole('region', { name: 'No recent update' }).getByRole('button');
    await expect(stale.allTextContents()).resolves.toEqual([expect.stringMatching(/^2\.4 .*Housing lead · No progress update since 1 Jan 2016/)]);
    await stale.click();
    const atStale = await eventually(selection, (s) => /F14/.test(JSON.stringify(s)));
    expect(atStale).toMatchObject({ sheet: 'Business Plan' });

    // In the workbook: one column of ratings and one of due dates per recorded quarter.
    const history = (await savedWorkbook()).getWorksheet('RAG History')!;
    expect(history).toBeDefined();
    const header = (history.getRow(4).values as ExcelJS.CellValue[]).slice(1).map(String);
    expect(header).toEqual(['Sheet', 'Ref', 'Action', 'Status', 'Q4 2015/16', 'Q1 2016/17', 'Due Q4 2015/16', 'Due Q1 2016/17']);
    const rowOf = (ref: string) => {
      for (let r = 5; r <= history.rowCount; r++) if (history.getCell(r, 2).value === ref) return history.getRow(r);
      throw new Error(`No row for ${ref} in the RAG History`);
    };
    expect([rowOf('1.2').getCell(5).value, rowOf('1.2').getCell(6).value]).toEqual(['Red', 'Blue']);
    expect([rowOf('2.4').getCell(5).value, rowOf('2.4').getCell(6).value]).toEqual(['Red', 'Red']);
    const due = (ref: string, col: number) => (rowOf(ref).getCell(col).value as Date).toISOString().slice(0, 10);
    expect([due('1.4', 7), due('1.4', 8)]).toEqual(['2016-09-30', '2016-12-31']);

    // The Result as the officer sees it: its card, with the pointer out of the way.
    await page.mouse.move(0, 0);
    await page.getByRole('region', { name: 'Result' }).locator('..').screenshot({ path: path.join(OUTPUT, 'pane-quarterly.png'), animations: 'disabled' });
  });

  it('lists each lead with their actions, the ones owing an update first open, each taking Excel to its row', async () => {
    await view('Leads');
    const panel = page.getByRole('tabpanel', { name: 'Leads' });
    await expect(panel.getByText(/^8 leads · 1 lead needs to update$/).count()).resolves.toBe(1);
    const housing = panel.getByRole('list', { name: 'Actions led by Housing lead' });
    const action = housing.getByRole('button');
    await expect(action.textContent()).resolves.toMatch(/^2\.4 Agree an information-sharing protocol.*Red.*Due 30 Nov 2015.*Last update 31 Dec 2015.*Update needed/);
    await expect(panel.getByRole('list', { name: 'Actions led by Board Chair' }).count()).resolves.toBe(0);
    await panel.getByRole('button', { name: /^Training sub-group/ }).click();
    await expect(panel.getByRole('list', { name: 'Actions led by Training sub-group' }).textContent()).resolves.toMatch(/^1\.2 .*Blue.*↑ improved/);

    await action.click();
    const atAction = await eventually(selection, (s) => /A14/.test(JSON.stringify(s)));
    expect(atAction).toMatchObject({ sheet: 'Business Plan' });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(OUTPUT, 'pane-leads.png'), animations: 'disabled' });
  });

  it.each(['light', 'dark'] as const)("opened outside Excel, gives the README's loading steps in the pane's look (%s)", async (theme) => {
    const outside = await context.newPage();
    await outside.goto(`${origin}/taskpane.html?theme=${theme}`);
    await outside.getByRole('heading', { name: 'BoardPlan runs inside Excel.' }).waitFor({ timeout: 10_000 });
    const written = loadingSteps(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))
      .filter((b) => b.kind === 'item')
      .map((b) => b.parts.map((p) => p.text).join(''));
    const shown = await outside.getByRole('list', { name: 'Loading the add-in' }).getByRole('listitem').allTextContents();
    expect(shown).toEqual(written);
    expect(shown.join(' ')).toContain('Home › Add-ins › More add-ins › My add-ins › Upload My Add-in');
    // Fluent's fonts and the theme's background, not the browser's Times on white.
    const look = await outside.evaluate(() => ({
      font: getComputedStyle(document.querySelector('main')!).fontFamily,
      background: getComputedStyle(document.documentElement).backgroundColor,
    }));
    expect(look.font).toMatch(/^["']?Segoe UI/);
    expect(look.background).toBe(theme === 'light' ? 'rgb(250, 250, 250)' : 'rgb(31, 31, 31)');
    await expect(sideways(outside)).resolves.toEqual({ overflow: 0, scrolledBy: 0 });
    expect((await axeViolations(outside)).filter(isSerious)).toEqual([]);
    const png = await outside.screenshot({ path: path.join(OUTPUT, `outside-excel-${theme}.png`), fullPage: true });
    expect([...edgeColours(png)]).toEqual([BACKGROUND[theme]]);
    await outside.close();
  });

  describe('every view, light and dark, at 320 and 400 px, before and after a refresh', () => {
    const runs: AxeRun[] = [];
    afterAll(() => writeAxeRecord(runs));

    for (const theme of ['light', 'dark'] as const) {
      for (const width of [PANE_WIDTH, 400]) {
        it(`${theme}, ${width} px: no sideways scroll, the theme to the edges, no serious accessibility fault`, async () => {
          const ctx = await browser!.newContext({ viewport: { width, height: 800 }, locale: 'en-US', colorScheme: theme });
          ctx.on('request', (r) => requests.push(r.url()));
          await ctx.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
          const p = await ctx.newPage();
          p.on('pageerror', (e) => pageErrors.push(e.message));
          await p.goto(`${origin}/taskpane.html?fixture=/fixtures/riverside.xlsx&today=${TODAY}&theme=${theme}`);
          await p.getByRole('list', { name: 'Plans found' }).waitFor();

          const look = async (stage: AxeRun['stage']) => {
            for (const name of VIEWS) {
              const reached = await openView(p, name);
              await p.getByRole('tabpanel', { name }).waitFor();
              await p.mouse.move(0, 0);
              // axe measures colours as they are now: a fade still running would read as low contrast.
              await settled(p);
              expect({ name, ...(await sideways(p)) }).toEqual({ name, overflow: 0, scrolledBy: 0 });
              runs.push({ theme, width, stage, view: name, reached, violations: await axeViolations(p) });
              const file = `${theme}-${width}-${stage.split(' ')[0]}-${name.toLowerCase()}.png`;
              const png = await p.screenshot({ path: path.join(OUTPUT, file), fullPage: true, animations: 'disabled' });
              expect({ name, edges: [...edgeColours(png)] }).toEqual({ name, edges: [BACKGROUND[theme]] });
            }
            // The widest form: the settings with a custom scheme's ratings and a plan period of the officer's own.
            if (stage === 'after refresh') {
              await openView(p, 'Settings');
              await p.getByRole('combobox', { name: 'Scheme' }).click();
              await p.getByRole('option', { name: /^Custom/ }).click();
              await p.getByRole('radio', { name: 'These dates' }).click();
              await p.getByRole('textbox', { name: 'Starts' }).fill('01/04/2015');
              await settled(p);
              expect({ name: 'custom settings', ...(await sideways(p)) }).toEqual({ name: 'custom settings', overflow: 0, scrolledBy: 0 });
              runs.push({ theme, width, stage, view: 'Settings, custom scheme', reached: 'tab', violations: await axeViolations(p) });
              await p.screenshot({ path: path.join(OUTPUT, `${theme}-${width}-after-settings-custom.png`), fullPage: true, animations: 'disabled' });
              await p.getByRole('button', { name: 'Undo changes' }).click();
            }
            // The views that do not fit, in their menu.
            const more = p.getByRole('button', { name: 'More views' });
            if (await more.isVisible()) {
              await more.click();
              await p.getByRole('menu').waitFor();
              await settled(p);
              runs.push({ theme, width, stage, view: 'More', reached: 'open menu', violations: await axeViolations(p) });
              await p.screenshot({ path: path.join(OUTPUT, `${theme}-${width}-${stage.split(' ')[0]}-more-menu.png`), animations: 'disabled' });
              await p.keyboard.press('Escape');
              await p.getByRole('menu').waitFor({ state: 'detached' });
            }
          };

          await look('before refresh');
          await openView(p, 'Overview');
          await p.getByRole('button', { name: 'End of last quarter (31 Mar 2016)' }).click();
          await p.getByRole('button', { name: 'Refresh', exact: true }).click();
          await p.getByRole('heading', { name: 'Refreshed as of 31 Mar 2016' }).waitFor();
          await look('after refresh');
          await ctx.close();

          const faults = runs
            .filter((r) => r.theme === theme && r.width === width)
            .flatMap((r) => r.violations.filter(isSerious).map((v) => `${r.stage}, ${r.view}: ${v.id} (${v.impact}) at ${v.targets.slice(0, 3).join('; ')}`));
          expect(faults).toEqual([]);
          expect(pageErrors).toEqual([]);
        }, 300_000);
      }
    }
  });

  it('ran without page errors and made no request beyond this machine', async () => {
    // Office.js outside Office reaches for its logging service after a few seconds: give it the chance.
    await page.waitForTimeout(Math.max(0, opened + 6000 - Date.now()));
    expect(pageErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !isLocal(u))).toEqual([]);
  });
});
