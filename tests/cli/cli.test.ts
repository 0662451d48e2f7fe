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
    expect(Object.keys(plan.columns).sort()).toEqual(['action', 'lead', 'outcome', 'priority', 'progress', 'progressHistory', 'rag', 'ref', 'status', 'timescale']);
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

describe('boardplan: words for board officers', () => {
  /** A plan whose one error is a #REF! where the lead should be, and whose title says 2015-16. */
  const oneError: FixtureWorkbook = {
    name: 'one-error.xlsx',
    sheets: [
      {
        name: 'Plan',
        rows: [
          ['Safeguarding Board Business Plan 2015-16'],
          [],
          ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'],
          ['Priority 1: Early help'],
          ['1.1', 'Publish the early help offer', '#REF!', 'Sep-15', 'Update Sep 15: published. Complete'],
          ['1.2', 'Train staff on the early help assessment', 'Training sub-group', 'Mar-16', 'Update Mar 16: complete'],
        ],
      },
    ],
  };
  let file = '';
  beforeAll(async () => {
    file = path.join(dir, oneError.name);
    await writeFixture(oneError, file);
  });

  test('one error is "1 error", in the counts and in the closing line', async () => {
    const r = await run('check', file, '--as-of', '2016-03-31');
    expect(r.out).toContain('Findings (2): 1 error, 1 warning, 0 notes');
    expect(r.err).toBe(`boardplan: 1 error in ${file}; see the findings above.`);
  });

  test('a finding for information is listed as a note, as the counts call it; the JSON keeps "info"', async () => {
    const r = await run('check', fileOf(tableShape), '--as-of', '2016-03-31');
    const notes = r.out.split('\n').filter((l) => /^ {2}note {4}/.test(l));
    expect(notes.length).toBeGreaterThan(0);
    expect(r.out).toMatch(new RegExp(`, ${notes.length} notes?\\n`));
    expect(r.out).not.toMatch(/^ {2}info /m);
    const json = JSON.parse((await run('check', fileOf(tableShape), '--json', '--as-of', '2016-03-31')).out);
    expect(json.issues.filter((i: { severity: string }) => i.severity === 'info')).toHaveLength(notes.length);
  });

  test('rating after the plan period ended gets a warning that says what to do', async () => {
    // No --as-of: today, 31 Mar 2016, is after the legacy plan's period (October 2010 to March 2011).
    const r = await run('check', fileOf(legacyShape));
    expect(r.out.split('\n')[2]).toBe('Warning: Rated as of 31 Mar 2016, after the plan period ended on 31 Mar 2011: use --as-of to rate the plan within its period (e.g. --as-of 2011-03-31).');
    const before = await run('check', fileOf(legacyShape), '--as-of', '2010-06-30');
    expect(before.out).toContain('Warning: Rated as of 30 Jun 2010, before the plan period started on 1 Oct 2010: use --as-of');
    const within = await run('check', fileOf(legacyShape), '--as-of', '2011-01-31');
    expect(within.out).not.toContain('Warning:');
  });

  test('with --json the warning goes to stderr, leaving the JSON as documented', async () => {
    const r = await run('check', fileOf(legacyShape), '--json');
    expect(CheckReportSchema.strict().safeParse(JSON.parse(r.out)).success).toBe(true);
    expect(r.err.split('\n')[0]).toBe('boardplan: warning: Rated as of 31 Mar 2016, after the plan period ended on 31 Mar 2011: use --as-of to rate the plan within its period (e.g. --as-of 2011-03-31).');
  });

  test('a plan period worked out from the as-of date draws no warning', async () => {
    const r = await run('check', fileOf(tableShape), '--as-of', '2030-06-30', '--plan-period', '2030-04-01..2031-03-31');
    expect(r.out).not.toContain('Warning:');
  });

  test('refresh output is headed "BoardPlan refresh", check output "BoardPlan check"', async () => {
    const r = await run('refresh', file, '--out', path.join(dir, 'headed.xlsx'), '--as-of', '2016-03-31');
    expect(r.out.split('\n')[0]).toBe(`BoardPlan refresh: ${file}`);
    expect((await run('check', file, '--as-of', '2016-03-31')).out.split('\n')[0]).toBe(`BoardPlan check: ${file}`);
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
    [['check', 'PLAN', '--out', 'copy.xlsx'], /^boardplan: --out is for refresh: check writes nothing\. To write a refreshed copy, run boardplan refresh/],
    [['check', 'PLAN', '--in-place'], /--in-place is for refresh: check writes nothing/],
    [['check', 'PLAN', '--force'], /--force is for refresh/],
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

  test('refuses to write over an existing --out file unless --force, and writes nothing meanwhile', async () => {
    const out = path.join(dir, 'existing.xlsx');
    fs.writeFileSync(out, 'the officer\'s own file');
    const refused = await run('refresh', fileOf(tableShape), '--out', out, '--as-of', '2016-03-31');
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(`boardplan: ${out} already exists: choose another name with --out, or add --force to replace it.`);
    expect(fs.readFileSync(out, 'utf8')).toBe("the officer's own file");
    const forced = await run('refresh', fileOf(tableShape), '--out', out, '--as-of', '2016-03-31', '--force');
    expect(forced.code).toBeLessThan(2);
    expect(forced.out).toContain(`Wrote ${out}`);
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
    // The plan is for 2016-17: its second and third quarters.
    const q2 = path.join(dir, 'q2.xlsx');
    const q3 = path.join(dir, 'q3.xlsx');
    const again = path.join(dir, 'q3-again.xlsx');
    const r2 = await run('refresh', fileOf(tableShape), '--out', q2, '--as-of', '2016-09-30', '--record');
    expect(r2.out).toContain("Recorded the ratings as Q2 2016/17 in 'RAG History'.");
    await run('refresh', q2, '--out', q3, '--as-of', '2016-12-31', '--record');
    const r3again = await run('refresh', q3, '--out', again, '--as-of', '2016-12-31', '--record');
    const headerOf = async (file: string) => {
      const snap = await (await XlsxHost.open(file)).snapshot();
      const history = snap.sheets.find((s) => s.name === 'RAG History')!;
      return history.values.flat().filter((v) => typeof v === 'string' && /^Q\d \d{4}\/\d{2}$/.test(v));
    };
    expect(await headerOf(q3)).toEqual(['Q2 2016/17', 'Q3 2016/17']);
    expect(await headerOf(again)).toEqual(['Q2 2016/17', 'Q3 2016/17']);
    expect(r3again.out).toContain("Recorded the ratings as Q3 2016/17 in 'RAG History', replacing the ratings recorded for Q3 2016/17 before.");
    const checkRecord = await run('check', q3, '--record');
    expect(checkRecord.code).toBe(2);
  });

  test('recording a quarter outside the plan period asks for --force, and writes nothing without it', async () => {
    // The legacy plan runs October 2010 to March 2011; today is 31 Mar 2016.
    const out = path.join(dir, 'legacy-2016.xlsx');
    const refused = await run('refresh', fileOf(legacyShape), '--out', out, '--record');
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      'boardplan: Q4 2015/16 is outside the plan period (1 Oct 2010 to 31 Mar 2011): rate the plan as of a date in the period with --as-of, or add --force to record it all the same. Nothing was written.',
    );
    expect(fs.existsSync(out)).toBe(false);
    const forced = await run('refresh', fileOf(legacyShape), '--out', out, '--record', '--force');
    expect(forced.out).toContain("Recorded the ratings as Q4 2015/16 in 'RAG History'.");
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

