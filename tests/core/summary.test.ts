import { parseA1 } from '../../src/core/cells';
import type { AssessedPlan, Finding } from '../../src/core/model';
import { GeneratedSheetSchema, type GeneratedSheet, type PatchValue } from '../../src/core/patch';
import { presetScheme } from '../../src/core/schemes';
import { SettingsSchema, type SettingsInput } from '../../src/core/settings';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { summarySheets, type SummaryContext } from '../../src/core/summary';
import { actionKey, emptyHistory, recordQuarter } from '../../src/core/history';
import { reviewPlans } from '../../src/core/travel';
import { buildPlan, sheetFrom, type ActionSpec, type PlanSpec } from './helpers/assessed';
import { ratingLookAt, styleAt } from './helpers/cf-eval';

const brag = presetScheme('brag')!;
const fill = (id: string) => brag.ratings.find((r) => r.id === id)!;

const CHILDREN: PlanSpec = {
  sheet: 'Children Plan',
  headerRow: 3,
  lastRow: 14,
  lastCol: 5,
  columns: { ref: 1, action: 2, lead: 3, timescale: 4, progress: 5 },
  priorities: [['1', 'Keep children safe from exploitation'], ['2a', 'Learn from case reviews']],
};
// As of 31 Mar 2016 the next quarterly review is at the end of Q1 2016/17, 30 Jun 2016.
const CHILDREN_ACTIONS: ActionSpec[] = [
  { row: 4, ref: '1.1', status: 'overdue', due: '2016-01-31', timescale: 'Jan-16', update: { date: '2015-12-31', text: 'Draft strategy circulated.' } },
  { row: 5, ref: '1.2', status: 'at-risk', due: '2016-04-15', timescale: '15.4.16' },
  { row: 6, ref: '1.3', status: 'overdue', due: '2015-11-30', timescale: 'End of Nov 15' },
  { row: 7, ref: '1.4', status: 'on-track', due: '2016-06-30', timescale: 'Jun-16' },
  { row: 8, ref: '1.5', status: 'complete', due: '2016-05-31', timescale: 'May 2016' },
  { row: 9, ref: '1.6', status: 'on-track', due: '2016-07-01', timescale: '1.7.16' },
  { row: 10, ref: null, status: 'at-risk', due: null, timescale: 'Ongoing', progressText: 'No update this quarter' },
  { row: 11, ref: '1.8', status: 'on-track', due: '2016-09-30', timescale: 'Sep-16', agreed: 'Red' },
  { row: 13, ref: '2a.1', status: 'not-assessed', priority: '2a', timescale: 'TBC' },
  { row: 14, ref: '2a.2', status: 'complete', priority: '2a', due: '2015-10-31' },
];

function children(): AssessedPlan {
  return buildPlan(CHILDREN, CHILDREN_ACTIONS, brag);
}

function snapshotWith(...names: string[]): WorkbookSnapshot {
  return { name: 'plan.xlsx', sheets: names.map((n) => sheetFrom(n, [['x']])), tables: [] };
}

function context(over: Omit<Partial<SummaryContext>, 'settings'> & { settings?: SettingsInput } = {}): SummaryContext {
  return {
    snapshot: snapshotWith('Children Plan'),
    scheme: brag,
    asOf: '2016-03-31',
    planPeriod: { start: '2015-04-01', end: '2016-03-31' },
    findings: [],
    ownedSheets: [],
    ...over,
    settings: SettingsSchema.parse(over.settings ?? {}),
  };
}

function sheet(result: { sheets: GeneratedSheet[] }, name: string): GeneratedSheet {
  const s = result.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`No sheet "${name}" among ${result.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

function value(s: GeneratedSheet, address: string): PatchValue | undefined {
  const { row, col } = parseA1(address)!;
  return s.rows[row - 1]?.[col - 1];
}

/** Values of a one-column range on a generated sheet. */
function columnValues(s: GeneratedSheet, range: string): (PatchValue | undefined)[] {
  const [from, to] = range.split(':').map((x) => parseA1(x)!);
  expect(from.col).toBe(to.col);
  return Array.from({ length: to.row - from.row + 1 }, (_, i) => s.rows[from.row - 1 + i]?.[from.col - 1]);
}

function rowStarting(s: GeneratedSheet, text: string): number {
  const i = s.rows.findIndex((r) => typeof r[0] === 'string' && (r[0] as string).startsWith(text));
  if (i < 0) throw new Error(`No row starting "${text}"`);
  return i + 1;
}

/** The rows of the table under a section title, up to the first blank row. */
function tableUnder(s: GeneratedSheet, title: string): { header: PatchValue[]; rows: { row: number; values: PatchValue[] }[] } {
  const t = rowStarting(s, title);
  const header = s.rows[t];
  const rows: { row: number; values: PatchValue[] }[] = [];
  for (let r = t + 1; r < s.rows.length && s.rows[r].length; r++) rows.push({ row: r + 1, values: s.rows[r] });
  return { header, rows };
}

describe('a summary per priority', () => {
  test('is named "P<id> Summary" for each priority, after the Board Overview', () => {
    const result = summarySheets([children()], context());
    expect(result.sheets.map((s) => s.name)).toEqual(['Board Overview', 'P1 Summary', 'P2a Summary']);
    expect(result.notices).toEqual([]);
    for (const s of result.sheets) expect(() => GeneratedSheetSchema.parse(s)).not.toThrow();
  });

  test('opens with the priority, the plan, the as-of date and the scheme key', () => {
    const s = sheet(summarySheets([children()], context()), 'P1 Summary');
    expect(value(s, 'A1')).toBe('Priority 1: Keep children safe from exploitation');
    expect(value(s, 'A2')).toBe('Plan: Children Plan');
    expect(s.links).toContainEqual({ cell: 'A2', sheet: 'Children Plan', target: 'A3' });
    expect(String(value(s, 'A3'))).toMatch(/^As of 31 Mar 2016/);
    expect(value(s, 'A4')).toBe(`Key: ${brag.title}`);
    expect(s.freezeRows).toBe(4);
    expect(s.print).toMatchObject({ orientation: 'landscape', fitToWidth: true, titleRows: '1:4' });
  });

  test('counts the effective ratings, the board’s own rating counting over the proposed one', () => {
    const s = sheet(summarySheets([children()], context()), 'P1 Summary');
    const head = rowStarting(s, 'Rating');
    // The rating, with its symbol for grey print, across the first two columns.
    expect(s.rows[head - 1]).toEqual(['Rating', null, 'Actions', '% of actions']);
    expect(s.merges).toContain(`A${head}:B${head}`);
    const counts = brag.ratings.map((r, i) => s.rows[head + i]);
    expect(counts.map((r) => [r[0], r[2]])).toEqual([
      ['✓ Blue', 1],
      ['● Green', 2],
      ['▲ Amber', 2],
      ['■ Red', 3],
      ['○ Grey', 0],
    ]);
    expect(counts.map((r) => r[3])).toEqual([1 / 8, 2 / 8, 2 / 8, 3 / 8, 0]);
    expect(s.rows[head + brag.ratings.length]).toEqual(['Total', null, 8, 1]);
    // Each label cell wears its rating's colours.
    brag.ratings.forEach((r, i) => expect(styleAt(s, `B${head + 1 + i}`)).toMatchObject({ fill: r.fill, font: r.font }));
    expect(styleAt(s, `A${head}`)).toMatchObject({ bold: true, fill: expect.any(String) });
  });

  test('lists the exceptions, overdue first then at risk, each by due date, with every column', () => {
    const s = sheet(summarySheets([children()], context()), 'P1 Summary');
    const { header, rows } = tableUnder(s, 'Exceptions');
    // No Travel column until a quarter has been recorded to compare with.
    expect(header).toEqual(['Ref', 'Action', 'Lead', 'Timescale', 'Due', 'Rating', 'Reason', 'Latest update']);
    expect(rows.map((r) => r.values[0])).toEqual(['1.3', '1.1', '1.8', '1.2', 'Row 10']);
    expect(rows.map((r) => r.values[5])).toEqual(['Red', 'Red', 'Red', 'Amber', 'Amber']);
    const first = rows.find((r) => r.values[0] === '1.1')!.values;
    expect(first).toEqual([
      '1.1',
      'Action on row 4',
      'Lead officer',
      'Jan-16',
      { date: '2016-01-31' },
      'Red',
      'Reason for row 4.',
      '31 Dec 2015: Draft strategy circulated.',
    ]);
    expect(rows[4].values[4]).toBeNull(); // no due date
    expect(rows[4].values[7]).toBe('No update this quarter');
    // Each rating cell wears its rating's colours, from the sheet's rules; nothing else in the table does.
    expect(ratingLookAt(s, `F${rows[0].row}`)).toMatchObject({ fill: fill('red').fill, font: fill('red').font, bold: true });
    expect(ratingLookAt(s, `F${rows[3].row}`)).toMatchObject({ fill: fill('amber').fill, font: fill('amber').font });
    expect(ratingLookAt(s, `F${rows[0].row - 1}`)).toBeNull(); // the header
    expect(ratingLookAt(s, `E${rows[0].row}`)).toBeNull();
    expect(styleAt(s, `H${rows[0].row}`)).toMatchObject({ wrap: true });
  });

  test('colours the rating cells of both tables, and no other cell but the key', () => {
    const s = sheet(summarySheets([children()], context({ settings: { format: { symbols: true } } })), 'P1 Summary');
    const exceptions = tableUnder(s, 'Exceptions');
    const dueSoon = tableUnder(s, 'Due before');
    const rated = [...exceptions.rows, ...dueSoon.rows];
    expect(rated.length).toBeGreaterThan(exceptions.rows.length);
    for (const { row, values } of rated) {
      const rating = brag.ratings.find((r) => values[5] === `${r.symbol} ${r.label}`)!;
      expect(ratingLookAt(s, `F${row}`)).toMatchObject({ fill: rating.fill, font: rating.font, bold: true });
    }
    // Besides the rating cells, the only cells with a fill of their own are the key's labels above the tables.
    const head = rowStarting(s, 'Rating');
    const inTables = new Set(rated.map(({ row }) => row));
    const filled = s.styles.filter((x) => x.style.fill && x.style.fill !== '#D9E1F2' && !(x.address.startsWith('F') && inTables.has(Number(/\d+/.exec(x.address)![0])))).map((x) => x.address);
    expect(filled).toEqual(brag.ratings.map((_, i) => `A${head + 1 + i}:B${head + 1 + i}`));
  });

  test('links each Ref back to the action’s ref cell, or its action cell when there is no ref', () => {
    const s = sheet(summarySheets([children()], context()), 'P1 Summary');
    const { rows } = tableUnder(s, 'Exceptions');
    const linkAt = (row: number) => s.links.find((l) => l.cell === `A${row}`);
    expect(rows.map((r) => linkAt(r.row))).toEqual([
      { cell: `A${rows[0].row}`, sheet: 'Children Plan', target: 'A6' },
      { cell: `A${rows[1].row}`, sheet: 'Children Plan', target: 'A4' },
      { cell: `A${rows[2].row}`, sheet: 'Children Plan', target: 'A11' },
      { cell: `A${rows[3].row}`, sheet: 'Children Plan', target: 'A5' },
      { cell: `A${rows[4].row}`, sheet: 'Children Plan', target: 'A10' },
    ]);
    const noRefCol = buildPlan({ ...CHILDREN, columns: { action: 2, timescale: 4 } }, [{ row: 4, ref: null, status: 'overdue', due: '2016-01-31' }], brag);
    const t = sheet(summarySheets([noRefCol], context()), 'P1 Summary');
    const row = tableUnder(t, 'Exceptions').rows[0].row;
    expect(t.links.find((l) => l.cell === `A${row}`)?.target).toBe('B4');
  });

  test('lists what falls due, not complete, between the as-of date and the end of the next quarter', () => {
    const s = sheet(summarySheets([children()], context()), 'P1 Summary');
    expect(rowStarting(s, 'Due before the next quarterly review')).toBeGreaterThan(rowStarting(s, 'Exceptions'));
    const { header, rows } = tableUnder(s, 'Due before the next quarterly review (by 30 Jun 2016)');
    expect(header[0]).toBe('Ref');
    expect(rows.map((r) => [r.values[0], r.values[4]])).toEqual([
      ['1.2', { date: '2016-04-15' }],
      ['1.4', { date: '2016-06-30' }],
    ]);
    const later = sheet(summarySheets([children()], context({ asOf: '2016-05-10' })), 'P1 Summary');
    // From 10 May 2016 the next review is the end of Q2 2016/17: 1.6 (1 Jul) and 1.8 (30 Sep, board says Red) are due by then.
    expect(tableUnder(later, 'Due before the next quarterly review (by 30 Sep 2016)').rows.map((r) => r.values[0])).toEqual(['1.4', '1.6', '1.8']);
  });

  test('a revised date in the progress notes is the date that counts', () => {
    const plan = buildPlan(CHILDREN, [{ row: 4, ref: '1.1', status: 'at-risk', due: '2016-01-31', revisedDue: '2016-05-31' }], brag);
    const s = sheet(summarySheets([plan], context()), 'P1 Summary');
    expect(tableUnder(s, 'Due before').rows.map((r) => r.values[4])).toEqual([{ date: '2016-05-31' }]);
  });

  test('says so when nothing is an exception, and leaves the exceptions out when turned off', () => {
    const calm = buildPlan(CHILDREN, [{ row: 4, ref: '1.1', status: 'on-track', due: '2016-12-31' }], brag);
    const s = sheet(summarySheets([calm], context()), 'P1 Summary');
    expect(s.rows[rowStarting(s, 'Exceptions')]).toEqual(['No action is overdue or at risk.']);
    expect(s.rows[rowStarting(s, 'Due before')]).toEqual(['Nothing falls due before then.']);
    const off = sheet(summarySheets([children()], context({ settings: { summaries: { exceptions: false } } })), 'P1 Summary');
    expect(() => rowStarting(off, 'Exceptions')).toThrow();
  });

  test('shows symbols with the rating when symbols are on', () => {
    const s = sheet(summarySheets([children()], context({ settings: { format: { symbols: true } } })), 'P1 Summary');
    expect(tableUnder(s, 'Exceptions').rows[0].values[5]).toBe('■ Red');
  });
});

describe('summary sheet names', () => {
  test("a user's own \"P1 Summary\" is left alone: ours goes to \"P1 Summary (2)\" and the officer is told", () => {
    const result = summarySheets([children()], context({ snapshot: snapshotWith('Children Plan', 'P1 Summary') }));
    expect(result.sheets.map((s) => s.name)).toEqual(['Board Overview', 'P1 Summary (2)', 'P2a Summary']);
    expect(result.notices).toEqual([
      "A sheet named 'P1 Summary' already exists and is not BoardPlan's, so the summary was written to 'P1 Summary (2)'.",
    ]);
  });

  test('sheets BoardPlan made before are reused under their names, without a notice', () => {
    const result = summarySheets([children()], context({ snapshot: snapshotWith('Children Plan', 'P1 Summary', 'Board Overview'), ownedSheets: ['P1 Summary', 'Board Overview'] }));
    expect(result.sheets.map((s) => s.name)).toEqual(['Board Overview', 'P1 Summary', 'P2a Summary']);
    expect(result.notices).toEqual([]);
  });

  test('plans sharing priority ids are told apart by their sheet', () => {
    const adults = buildPlan({ ...CHILDREN, sheet: 'Adults Plan', priorities: [['1', 'Prevent abuse']] }, [{ row: 4, status: 'overdue', due: '2016-01-31' }], brag);
    const result = summarySheets([children(), adults], context({ snapshot: snapshotWith('Children Plan', 'Adults Plan') }));
    expect(result.sheets.map((s) => s.name)).toEqual(['Board Overview', 'Children P1 Summary', 'P2a Summary', 'Adults P1 Summary']);
    expect(new Set(result.sheets.map((s) => s.name.toUpperCase())).size).toBe(result.sheets.length);
  });

  test('a plan without priorities gets one summary named after its sheet', () => {
    const plain = buildPlan({ ...CHILDREN, sheet: 'Actions 2016', priorities: [] }, [{ row: 4, status: 'overdue', due: '2016-01-31' }], brag);
    const result = summarySheets([plain], context({ snapshot: snapshotWith('Actions 2016') }));
    expect(result.sheets.map((s) => s.name)).toEqual(['Board Overview', 'Actions 2016 Summary']);
    expect(value(sheet(result, 'Actions 2016 Summary'), 'A1')).toBe('Actions 2016');
  });

  test('long names keep " Summary" within 31 characters and stay distinct', () => {
    const plan = buildPlan(
      { ...CHILDREN, priorities: [['keeping-children-safe-from-exploitation', 'Keeping children safe from exploitation'], ['keeping-children-safe-online-too', 'Keeping children safe online']] },
      [{ row: 4, status: 'overdue', priority: 'keeping-children-safe-from-exploitation' }, { row: 5, status: 'overdue', priority: 'keeping-children-safe-online-too' }],
      brag,
    );
    const names = summarySheets([plan], context()).sheets.map((s) => s.name).slice(1);
    expect(names).toHaveLength(2);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(names[0]).toMatch(/ Summary$/);
    expect(names[0].toUpperCase()).not.toBe(names[1].toUpperCase());
  });

  test('actions outside every priority get a summary of their own', () => {
    const plan = buildPlan(CHILDREN, [{ row: 4, status: 'overdue', priority: '1' }, { row: 5, status: 'on-track', priority: null }], brag);
    const names = summarySheets([plan], context()).sheets.map((s) => s.name);
    expect(names).toContain('Children Plan Summary');
  });
});

describe('the Board Overview', () => {
  const findings: Finding[] = [
    { severity: 'error', rule: 'excel-error', sheet: 'Children Plan', cell: 'D4', message: 'x' },
    { severity: 'warning', rule: 'placeholder', sheet: 'Children Plan', cell: 'D13', message: 'x' },
    { severity: 'info', rule: 'markup', sheet: 'Children Plan', cell: 'E5', message: 'x' },
  ];

  test('has a row per priority with counts by rating, total and % complete, then totals', () => {
    const s = sheet(summarySheets([children()], context({ findings })), 'Board Overview');
    expect(value(s, 'A1')).toBe('Board Overview');
    expect(String(value(s, 'A2'))).toMatch(/^As of 31 Mar 2016/);
    expect(value(s, 'A3')).toBe(`Key: ${brag.title}`);
    const head = rowStarting(s, 'Priority');
    // Without a recorded quarter to compare with, there are no travel columns.
    expect(s.rows[head - 1]).toEqual(['Priority', 'Title', 'Blue', 'Green', 'Amber', 'Red', 'Grey', 'Total', '% complete']);
    expect(s.rows[head]).toEqual(['P1', 'Keep children safe from exploitation', 1, 2, 2, 3, 0, 8, 1 / 8]);
    expect(s.rows[head + 1]).toEqual(['P2a', 'Learn from case reviews', 1, 0, 0, 0, 1, 2, 1 / 2]);
    expect(s.rows[head + 2]).toEqual(['Totals', null, 2, 2, 2, 3, 1, 10, 2 / 10]);
    brag.ratings.forEach((r, i) => expect(styleAt(s, `${String.fromCharCode(67 + i)}${head}`)).toMatchObject({ fill: r.fill, font: r.font }));
    expect(styleAt(s, `I${head + 1}`)).toMatchObject({ numberFormat: '0%' });
  });

  test('links each priority to its summary, or to the plan when there are no summaries', () => {
    const s = sheet(summarySheets([children()], context({ snapshot: snapshotWith('Children Plan', 'P1 Summary') })), 'Board Overview');
    const head = rowStarting(s, 'Priority');
    expect(s.links.filter((l) => l.cell !== 'A1')).toEqual([
      { cell: `A${head + 1}`, sheet: 'P1 Summary (2)', target: 'A1' },
      { cell: `A${head + 2}`, sheet: 'P2a Summary', target: 'A1' },
    ]);
    const alone = sheet(summarySheets([children()], context({ settings: { summaries: { perPriority: false } } })), 'Board Overview');
    expect(alone.links.find((l) => l.cell === `A${head + 2}`)).toEqual({ cell: `A${head + 2}`, sheet: 'Children Plan', target: 'A13' });
  });

  test('states the findings count with its errors', () => {
    const s = sheet(summarySheets([children()], context({ findings })), 'Board Overview');
    expect(s.rows.flat()).toContain('Findings: 3 (1 error) — run Check in BoardPlan for details');
  });

  test('charts each rating’s counts against the priority labels, in the rating’s colour', () => {
    const s = sheet(summarySheets([children()], context()), 'Board Overview');
    const chart = s.chart!;
    expect(chart.type).toBe('barStacked');
    expect(columnValues(s, chart.categories)).toEqual(['P1', 'P2a']);
    expect(chart.series.map((x) => [x.name, x.colour, columnValues(s, x.values)])).toEqual([
      ['Blue', fill('blue').fill, [1, 1]],
      ['Green', fill('green').fill, [2, 0]],
      ['Amber', fill('amber').fill, [2, 0]],
      ['Red', fill('red').fill, [3, 0]],
      ['Grey', fill('grey').fill, [0, 1]],
    ]);
    // Below the table and as wide as it, inside the print area.
    expect(parseA1(chart.from)).toEqual({ row: expect.any(Number), col: 1 });
    expect(parseA1(chart.from)!.row).toBeGreaterThan(rowStarting(s, 'Totals'));
    expect(parseA1(chart.to)!.col).toBe(s.rows[rowStarting(s, 'Priority') - 1].length);
    const [, areaEnd] = s.print!.area!.split(':');
    expect(parseA1(areaEnd)!.col).toBeGreaterThanOrEqual(parseA1(chart.to)!.col);
    expect(parseA1(areaEnd)!.row).toBeGreaterThanOrEqual(parseA1(chart.to)!.row);
    expect(s.print).toMatchObject({ orientation: 'landscape', fitToWidth: true, titleRows: expect.stringMatching(/^1:\d+$/) });
  });

  test('follows the settings: no overview, or no per-priority sheets', () => {
    expect(summarySheets([children()], context({ settings: { summaries: { overview: false } } })).sheets.map((s) => s.name)).toEqual(['P1 Summary', 'P2a Summary']);
    expect(summarySheets([children()], context({ settings: { summaries: { perPriority: false } } })).sheets.map((s) => s.name)).toEqual(['Board Overview']);
  });

  test('labels shared priorities with their plan, and totals across plans', () => {
    const adults = buildPlan({ ...CHILDREN, sheet: 'Adults Plan', priorities: [['1', 'Prevent abuse']] }, [{ row: 4, status: 'overdue', due: '2016-01-31' }], brag);
    const s = sheet(summarySheets([children(), adults], context({ snapshot: snapshotWith('Children Plan', 'Adults Plan') })), 'Board Overview');
    expect(columnValues(s, s.chart!.categories)).toEqual(['Children P1', 'P2a', 'Adults P1']);
    expect(s.rows[rowStarting(s, 'Totals') - 1].slice(0, 9)).toEqual(['Totals', null, 2, 2, 2, 4, 1, 11, 2 / 11]);
  });
});

test('the same plans give the same sheets', () => {
  expect(summarySheets([children()], context())).toEqual(summarySheets([children()], context()));
});

test('no plans, no summaries', () => {
  expect(summarySheets([], context())).toEqual({ sheets: [], notices: [] });
});

describe('direction of travel in the summaries', () => {
  // Q3 2015/16 as recorded: 1.1 was Amber, 1.3 Red, 1.2 Green; 1.4 was not in the plan.
  const recorded = recordQuarter(emptyHistory(), 'Q3 2015/16', [
    { key: actionKey('Children Plan', '1.1', ''), sheet: 'Children Plan', ref: '1.1', action: '', rating: 'Amber', due: null },
    { key: actionKey('Children Plan', '1.2', ''), sheet: 'Children Plan', ref: '1.2', action: '', rating: 'Green', due: null },
    { key: actionKey('Children Plan', '1.3', ''), sheet: 'Children Plan', ref: '1.3', action: '', rating: 'Red', due: null },
  ]);
  const plans = [children()];
  const review = reviewPlans(plans, recorded, { asOf: '2016-03-31', scheme: brag });

  test('each action table has a Travel column against the last recorded quarter', () => {
    const s = sheet(summarySheets(plans, context({ review })), 'P1 Summary');
    const { rows } = tableUnder(s, 'Exceptions');
    expect(rows.map((r) => [r.values[0], r.values[6]])).toEqual([
      ['1.3', '→ held'],
      ['1.1', '↓ worsened'],
      ['1.8', 'new'],
      ['1.2', '↓ worsened'],
      ['Row 10', 'new'],
    ]);
  });

  test('each priority says how it moved, and the overview counts it', () => {
    const result = summarySheets(plans, context({ review }));
    expect(sheet(result, 'P1 Summary').rows.flat()).toContain('Direction of travel since Q3 2015/16: 2 worsened, 1 held, 5 new (↓ worsening); 1 Red for two quarters or more.');
    const overview = sheet(result, 'Board Overview');
    const head = rowStarting(overview, 'Priority');
    expect(overview.rows[head].slice(9)).toEqual([0, 2, 1, 5, '↓ worsening', 1]);
    expect(overview.rows[head + 1].slice(9)).toEqual([0, 0, 0, 2, '→ steady', 0]);
    // The chart, below, is as wide as the wider table.
    expect(parseA1(overview.chart!.to)!.col).toBe(overview.rows[head - 1].length);
  });

  test('without a recorded quarter, the summaries say how to start one', () => {
    const s = sheet(summarySheets(plans, context()), 'P1 Summary');
    expect(s.rows.flat()).toContain('Direction of travel: no earlier quarter has been recorded yet (use Record quarter in BoardPlan at each quarterly review).');
  });
});
