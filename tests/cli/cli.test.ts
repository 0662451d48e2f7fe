import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { check } from '../../src/core/refresh';
import { CheckReportSchema } from '../../src/core/report';
import { allShapes, legacyShape, tableShape } from '../fixtures/plans';
import { writeFixture, type FixtureWorkbook } from '../fixtures/workbook';
import { XlsxHost } from '../../src/xlsx/host';
import { injectCharts, readCharts } from '../../src/xlsx/chart';
import { ZipPackage } from '../../src/xlsx/zip';

/** The CLI run in-process, as a user would run it, with its output captured. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), today: '2016-03-31' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
const files = new Map<string, string>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-cli-'));
  for (const fx of allShapes) {
    const file = path.join(dir, fx.name.endsWith('.xlsx') ? fx.name : `${fx.name}.xlsx`);
    await writeFixture(fx, file);
    files.set(fx.name, file);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fileOf = (fx: FixtureWorkbook) => files.get(fx.name)!;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('boardplan check', () => {
  test.each(allShapes.map((fx) => [fx.name, fx] as const))('reads %s: plans, column mapping, counts and findings', async (_name, fx) => {
    const r = await run('check', fileOf(fx), '--as-of', '2016-03-31');
    expect(r.out).toMatch(/Plans found: [1-9]/);
    expect(r.out).toMatch(/timescale\s+[A-Z]+\s+"/);
    expect(r.out).toMatch(/Ratings by priority:/);
    expect(r.out).toMatch(/\d+ actions?: /);
    expect([0, 1]).toContain(r.code);
    expect(r.err).not.toMatch(/\n\s+at /); // never a stack trace
  });

  test('--json prints exactly the documented shape, one entry per action', async () => {
    const r = await run('check', fileOf(tableShape), '--json', '--as-of', '2016-03-31');
    const report = CheckReportSchema.strict().parse(JSON.parse(r.out));
    expect(report.asOf).toBe('2016-03-31');
    expect(report.scheme).toBe('brag');
    expect(report.plans.length).toBeGreaterThan(0);
    const plan = report.plans[0];
    expect(plan.table).not.toBeNull();
    expect(Object.keys(plan.columns).sort()).toEqual(['action', 'lead', 'outcome', 'priority', 'progress', 'rag', 'ref', 'timescale']);
    for (const a of plan.actions) {
      expect(Object.keys(a).sort()).toEqual(['action', 'lead', 'priority', 'progress', 'rag', 'reason', 'ref', 'row', 'status', 'timescale']);
      expect(a.reason.length).toBeGreaterThan(10);
    }
    // The hand-kept RAG column decides the effective rating.
    const agreed = report.plans.flatMap((p) => p.actions).filter((a) => a.rag.agreed);
    expect(agreed.length).toBeGreaterThan(0);
    for (const a of agreed) expect(a.rag.effective).toBe(a.rag.agreed);
  });

  test('--json is one line for scripts, and indented at a terminal, with the same content', async () => {
    const piped = await run('check', fileOf(tableShape), '--json', '--as-of', '2016-03-31');
    const lines: string[] = [];
    await main(['check', fileOf(tableShape), '--json', '--as-of', '2016-03-31'], { out: (t) => lines.push(t), err: () => undefined, today: '2016-03-31', pretty: true });
    const atTerminal = lines.join('\n');
    expect(piped.out.split('\n')).toHaveLength(1);
    expect(atTerminal).toMatch(/^\{\n {2}"file": /);
    expect(JSON.parse(atTerminal)).toEqual(JSON.parse(piped.out));
  });

  test('options change the result: the scheme, the as-of date and the due-soon window', async () => {
    const base = JSON.parse((await run('check', fileOf(tableShape), '--json', '--as-of', '2016-03-31')).out);
    const other = JSON.parse((await run('check', fileOf(tableShape), '--json', '--as-of', '2016-03-31', '--scheme', 'off-target')).out);
    expect(other.scheme).toBe('off-target');
    const labels = (rep: { plans: { actions: { rag: { proposed: string } }[] }[] }) => new Set(rep.plans.flatMap((p) => p.actions.map((a) => a.rag.proposed)));
    expect(labels(other).has('Blue')).toBe(false);
    expect(labels(base)).not.toEqual(labels(other));
    const later = JSON.parse((await run('check', fileOf(tableShape), '--json', '--as-of', '2030-01-01')).out);
    const count = (rep: { plans: { actions: { status: string }[] }[] }, s: string) => rep.plans.flatMap((p) => p.actions).filter((a) => a.status === s).length;
    expect(count(later, 'overdue')).toBeGreaterThan(count(base, 'overdue'));
  });

  test('the plan period comes from the workbook title unless given', async () => {
    const fromTitle = JSON.parse((await run('check', fileOf(legacyShape), '--json', '--as-of', '2011-01-31')).out);
    expect(fromTitle.planPeriod).toEqual({ start: '2010-10-01', end: '2011-03-31' });
    const given = JSON.parse((await run('check', fileOf(legacyShape), '--json', '--plan-period', '2010-04-01..2011-03-31')).out);
    expect(given.planPeriod).toEqual({ start: '2010-04-01', end: '2011-03-31' });
  });

  test('a priority title too long for the table is cut between words and ends with an ellipsis', async () => {
    const sample = path.join(__dirname, '../../samples/sample-plan.xlsx');
    const r = await run('check', sample, '--as-of', '2016-03-31');
    const titles = check(await (await XlsxHost.open(sample)).snapshot(), { today: '2016-03-31' }).byPriority.map((p) => p.title);
    const shown = r.out.split('Ratings by priority:\n')[1].split('\n').slice(1, titles.length + 1).map((line) => line.slice(2).split(/\s{2,}/)[0]);
    const clipped = shown.filter((s) => s.endsWith('…'));
    expect(clipped.length).toBeGreaterThan(0);
    for (const s of clipped) {
      const title = titles.find((t) => t.startsWith(s.slice(0, -1)))!;
      expect(s.length).toBeLessThanOrEqual(48);
      expect(title[s.length - 1]).toBe(' ');
    }
    // The rest are shown whole.
    for (const s of shown.filter((x) => !x.endsWith('…'))) expect(titles.some((t) => s === t || s.endsWith(` ${t}`))).toBe(true);
  });

  test('a plan with errors exits 1 and says how many; #REF! is one of them', async () => {
    const r = await run('check', fileOf(legacyShape), '--as-of', '2011-01-31');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/excel-error/);
    expect(r.err).toMatch(/^boardplan: \d+ errors? in /);
  });
});

describe('boardplan: files and commands it cannot use exit 2 with one clear line', () => {
  const oneLine = (r: { err: string }) => {
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^boardplan: /);
  };

  test('missing file', async () => {
    const r = await run('check', path.join(dir, 'nope.xlsx'));
    expect(r.code).toBe(2);
    oneLine(r);
    expect(r.err).toMatch(/not found/i);
  });

  test('a CSV saved with an .xlsx name', async () => {
    const f = path.join(dir, 'csv.xlsx');
    fs.writeFileSync(f, 'Ref,Action\n1,Do it\n');
    const r = await run('check', f);
    expect(r.code).toBe(2);
    oneLine(r);
    expect(r.err).toMatch(/not an \.xlsx/i);
  });

  test('a password-protected workbook', async () => {
    const f = path.join(dir, 'locked.xlsx');
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    const r = await run('check', f);
    expect(r.code).toBe(2);
    oneLine(r);
    expect(r.err).toMatch(/password/i);
  });

  test('a workbook with no plan in it', async () => {
    const f = path.join(dir, 'empty.xlsx');
    await writeFixture({ name: 'empty.xlsx', sheets: [{ name: 'Notes', rows: [['Minutes of the meeting'], ['Nothing here']] }] }, f);
    const r = await run('check', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No plan table found/);
  });

  test.each([
    [['check'], /needs a workbook/],
    [['frobnicate', 'x.xlsx'], /unknown command/],
    [['check', 'x.xlsx', '--colour'], /Unknown option --colour/],
    [['check', 'PLAN', '--as-of', '31/03/2016'], /as-of date as YYYY-MM-DD/],
    [['check', 'PLAN', '--scheme', 'traffic'], /Unknown scheme "traffic"/],
    [['check', 'PLAN', '--due-soon-days', 'soon'], /--due-soon-days must be a whole number/],
    [['check', 'PLAN', '--as-of', '2016-02-30'], /"2016-02-30" is not a date/],
    [['check', 'PLAN', '--plan-period', '2016'], /--plan-period must be two dates/],
    [['check', 'PLAN', '--plan-period', '2015-04-01..2016-02-30'], /--plan-period must be two dates/],
    [['check', 'PLAN', '--plan-period', '2016-04-01..2015-03-31'], /start before end/],
  ])('%j', async (argv, message) => {
    const args = (argv as string[]).map((a) => (a === 'PLAN' ? fileOf(tableShape) : a));
    const r = await run(...args);
    expect(r.code).toBe(2);
    oneLine(r);
    expect(r.err).toMatch(message as RegExp);
  });
});

describe('boardplan refresh', () => {
  test('writes a new workbook beside the input and leaves the input untouched', async () => {
    const input = fileOf(tableShape);
    const before = sha(input);
    const r = await run('refresh', input, '--as-of', '2016-03-31');
    const out = input.replace(/\.xlsx$/, '-refreshed.xlsx');
    expect(r.out).toContain(`Wrote ${out}`);
    expect(fs.existsSync(out)).toBe(true);
    expect(sha(input)).toBe(before);
    const snap = await (await XlsxHost.open(out)).snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Board Overview']));
    const plan = snap.sheets.find((s) => s.name === tableShape.sheets[0].name)!;
    expect(plan.values.some((row) => row.includes('RAG (proposed)'))).toBe(true);
  });

  test('refuses to write over the input unless --in-place, and --in-place rewrites it', async () => {
    const input = path.join(dir, 'inplace.xlsx');
    fs.copyFileSync(fileOf(tableShape), input);
    const refused = await run('refresh', input, '--out', input);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/never overwrites/);
    const before = sha(input);
    const r = await run('refresh', input, '--in-place', '--as-of', '2016-03-31');
    expect(r.code).toBeLessThan(2);
    expect(sha(input)).not.toBe(before);
  });

  test('refreshing the refreshed workbook again changes nothing that a user would see', async () => {
    const once = path.join(dir, 'once.xlsx');
    const twice = path.join(dir, 'twice.xlsx');
    await run('refresh', fileOf(tableShape), '--out', once, '--as-of', '2016-03-31');
    await run('refresh', once, '--out', twice, '--as-of', '2016-03-31');
    const a = await (await XlsxHost.open(once)).snapshot();
    const b = await (await XlsxHost.open(twice)).snapshot();
    expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
    expect(b.sheets).toEqual(a.sheets);
  });

  test("a user's chart is kept, in a copy and in place, and --in-place keeps the original beside it as .bak", async () => {
    const input = path.join(dir, 'with-chart.xlsx');
    const sheet = tableShape.sheets[0].name;
    const chart = { type: 'barStacked' as const, title: 'Our own chart', categories: 'A2:A3', series: [{ name: 'n', values: 'B2:B3', colour: '#123456' }], from: 'K2', to: 'P12' };
    fs.writeFileSync(input, await injectCharts(fs.readFileSync(fileOf(tableShape)), [{ sheet, chart }]));
    const original = fs.readFileSync(input);
    const copy = await run('refresh', input, '--as-of', '2016-03-31');
    expect(copy.code).toBeLessThan(2);
    expect(copy.err).toBe('');
    const charts = async (file: string) => (await readCharts(fs.readFileSync(file))).map((c) => `${c.sheet}: ${c.title}`);
    expect(await charts(input.replace(/\.xlsx$/, '-refreshed.xlsx'))).toEqual([`${sheet}: Our own chart`, expect.stringMatching(/^Board Overview: /)]);

    const inPlace = await run('refresh', input, '--in-place', '--as-of', '2016-03-31');
    expect(inPlace.code).toBeLessThan(2);
    expect(await charts(input)).toContain(`${sheet}: Our own chart`);
    expect(fs.readFileSync(`${input}.bak`).equals(original)).toBe(true);

    fs.rmSync(`${input}.bak`);
    await run('refresh', input, '--in-place', '--no-backup', '--as-of', '2016-03-31');
    expect(fs.existsSync(`${input}.bak`)).toBe(false);
  });

  test('a workbook with macros is refreshed into an .xlsm beside it, its macros as they were', async () => {
    const input = path.join(dir, 'with-macros.xlsm');
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'files', 'corpus', 'macros.xlsm'), input);
    const r = await run('refresh', input, '--as-of', '2016-03-31');
    const out = path.join(dir, 'with-macros-refreshed.xlsm');
    expect(r.out).toContain(`Wrote ${out}`);
    const vba = async (file: string) => ZipPackage.read(fs.readFileSync(file)).readBytes('xl/vbaProject.bin');
    expect((await vba(out))!.equals((await vba(input))!)).toBe(true);
    const xlsx = await run('refresh', input, '--out', path.join(dir, 'no-macros.xlsx'));
    expect(xlsx.code).toBe(2);
    expect(xlsx.err).toBe('boardplan: --out must name an .xlsm file, not "' + path.join(dir, 'no-macros.xlsx') + '".');
  });

  test('--record keeps each quarter once in the RAG History sheet; recording a quarter again replaces it', async () => {
    const q3 = path.join(dir, 'q3.xlsx');
    const q4 = path.join(dir, 'q4.xlsx');
    const again = path.join(dir, 'q4-again.xlsx');
    const r3 = await run('refresh', fileOf(tableShape), '--out', q3, '--as-of', '2015-12-31', '--record');
    expect(r3.out).toContain("Recorded the ratings as Q3 2015/16 in 'RAG History'.");
    await run('refresh', q3, '--out', q4, '--as-of', 'quarter-end', '--record');
    await run('refresh', q4, '--out', again, '--as-of', '2016-03-31', '--record');
    const headerOf = async (file: string) => {
      const snap = await (await XlsxHost.open(file)).snapshot();
      const history = snap.sheets.find((s) => s.name === 'RAG History')!;
      return history.values.flat().filter((v) => typeof v === 'string' && /^Q\d \d{4}\/\d{2}$/.test(v));
    };
    expect(await headerOf(q4)).toEqual(['Q3 2015/16', 'Q4 2015/16']);
    expect(await headerOf(again)).toEqual(['Q3 2015/16', 'Q4 2015/16']);
    const checkRecord = await run('check', q4, '--record');
    expect(checkRecord.code).toBe(2);
  });

  test("the user's own sheet named like a summary, their fills and their conditional formats survive a refresh", async () => {
    const input = path.join(dir, 'users-own.xlsx');
    const out = path.join(dir, 'users-own-refreshed.xlsx');
    const fx: FixtureWorkbook = { ...tableShape, sheets: [...tableShape.sheets, { name: 'P1 Summary', rows: [['Our own notes for the chair'], ['Keep this']] }] };
    await writeFixture(fx, input);
    // The officer's own formatting: a yellow fill on a cell of the plan and a rule of their own.
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    const plan = wb.getWorksheet('Children')!;
    plan.getCell('C4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    plan.addConditionalFormatting({ ref: 'F4:F15', rules: [{ type: 'expression', priority: 1, formulae: ['$F4<TODAY()'], style: { font: { italic: true } } }] });
    await wb.xlsx.writeFile(input);

    const r = await run('refresh', input, '--out', out, '--as-of', '2016-03-31');
    expect(r.out).toMatch(/'P1 Summary' already exists and is not BoardPlan's/);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(out);
    const own = after.getWorksheet('P1 Summary')!;
    expect([own.getCell('A1').value, own.getCell('A2').value]).toEqual(['Our own notes for the chair', 'Keep this']);
    expect(after.worksheets.map((w) => w.name)).toContain('P1 Summary (2)');
    const cell = after.getWorksheet('Children')!.getCell('C4');
    expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFFF00');
    const rules = ((after.getWorksheet('Children') as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings ?? []).flatMap((c) => c.rules.map((x) => (x.formulae ?? []).join()));
    expect(rules).toContain('$F4<TODAY()');
    expect(rules.some((f) => f.includes('BoardPlan'))).toBe(true);
  });
});

