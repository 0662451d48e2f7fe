import { exceptionGroups, exceptionsSheet } from '../../src/core/exceptions';
import { GeneratedSheetSchema } from '../../src/core/patch';
import { presetScheme, type Scheme } from '../../src/core/schemes';
import { reviewPlans } from '../../src/core/travel';
import { buildPlan, type ActionSpec } from './helpers/assessed';
import { ratingLookAt } from './helpers/cf-eval';

const brag = presetScheme('brag')!;
const offTarget = presetScheme('off-target')!;

const PLAN = {
  sheet: 'Adults Plan',
  headerRow: 3,
  lastRow: 12,
  lastCol: 5,
  columns: { ref: 1, action: 2, lead: 3, timescale: 4, progress: 5 },
  priorities: [['1', 'Prevention'], ['2', 'Assurance']] as [string, string][],
};

function sheetFor(actions: ActionSpec[], scheme: Scheme = brag, symbols = false) {
  const plans = [buildPlan(PLAN, actions, scheme)];
  const review = reviewPlans(plans, null, { asOf: '2016-03-31', scheme });
  return { plans, review, sheet: exceptionsSheet(plans, { scheme, asOf: '2016-03-31', symbols, review }) };
}

test('says plainly when there is nothing to report', () => {
  const { sheet } = sheetFor([
    { row: 4, ref: '1.1', status: 'on-track', due: '2016-09-30' },
    { row: 5, ref: '1.2', status: 'complete', due: '2016-01-31' },
  ]);
  expect(sheet.rows.flat()).toContain('No action is overdue or at risk, every progress note has a recent update and no date has moved.');
  expect(sheet.rows.flat()).not.toContain('Exceptions by lead');
  expect(() => GeneratedSheetSchema.parse(sheet)).not.toThrow();
  expect(sheet.print).toMatchObject({ titleRows: '1:4', orientation: 'landscape', fitToWidth: true });
});

test('in a "Red: Off Target" scheme an at-risk action shows Red but is listed as at risk', () => {
  const { plans, review } = sheetFor([{ row: 4, ref: '1.1', status: 'at-risk', due: '2016-04-15' }], offTarget);
  const [group] = exceptionGroups(plans, review);
  expect(group.items.map((i) => [i.ref, i.effective, i.reasons])).toEqual([['1.1', 'Red', ['at-risk']]]);
});

test('an action without a ref is listed by its row and linked to that row; symbols show when on', () => {
  const { sheet } = sheetFor([{ row: 7, ref: null, status: 'overdue', due: '2016-01-31', priority: '2' }], brag, true);
  const row = sheet.rows.findIndex((r) => r[0] === 'Row 7') + 1;
  expect(row).toBeGreaterThan(0);
  expect(sheet.rows[row - 1][3]).toBe('■ Red');
  expect(sheet.links).toContainEqual({ cell: `A${row}`, sheet: 'Adults Plan', target: 'A7' });
  expect(sheet.rows[row - 2]).toEqual(['Priority 2: Assurance']);
});

test('priorities with nothing to report are left out, and the rest keep plan order', () => {
  const { plans, review } = sheetFor([
    { row: 4, ref: '1.1', status: 'on-track', due: '2016-09-30', priority: '1' },
    { row: 8, ref: '2.1', status: 'overdue', due: '2016-01-31', priority: '2', lead: 'Quality Lead' },
    { row: 9, ref: '2.2', status: 'at-risk', due: '2016-04-10', priority: '2', lead: 'Audit Group' },
  ]);
  expect(exceptionGroups(plans, review).map((g) => [g.label, g.items.map((i) => i.ref)])).toEqual([['P2', ['2.2', '2.1']]]);
});

test('a revised date that has passed too is explained with both dates', () => {
  const { plans, review } = sheetFor([{ row: 4, ref: '1.1', status: 'overdue', due: '2015-12-31', revisedDue: '2016-02-29', update: { date: '2016-02-29', text: 'New date agreed.' }, reason: 'Revised date 29 Feb 2016 and no completion recorded by 31 Mar 2016.' }]);
  const [item] = exceptionGroups(plans, review)[0].items;
  expect(item.reasons).toEqual(['overdue', 'slipped']);
  expect(item.details).toEqual(['Red: Revised date 29 Feb 2016 and no completion recorded by 31 Mar 2016.', 'Date revised from 31 Dec 2015 to 29 Feb 2016 in the progress notes.']);
});

test('every rating cell, in every priority, takes its rating’s colours from one rule per rating', () => {
  const { sheet } = sheetFor(
    [
      { row: 4, ref: '1.1', status: 'overdue', due: '2016-01-31', priority: '1' },
      { row: 5, ref: '1.2', status: 'at-risk', due: '2016-04-10', priority: '1' },
      { row: 8, ref: '2.1', status: 'at-risk', due: '2016-04-20', priority: '2' },
      { row: 9, ref: '2.2', status: 'overdue', due: '2015-12-31', priority: '2' },
    ],
    brag,
    true,
  );
  const rowOf = (ref: string) => sheet.rows.findIndex((r) => r[0] === ref) + 1;
  const red = brag.ratings.find((r) => r.id === 'red')!;
  const amber = brag.ratings.find((r) => r.id === 'amber')!;
  for (const ref of ['1.1', '2.2']) expect(ratingLookAt(sheet, `D${rowOf(ref)}`)).toMatchObject({ fill: red.fill, font: red.font, bold: true });
  for (const ref of ['1.2', '2.1']) expect(ratingLookAt(sheet, `D${rowOf(ref)}`)).toMatchObject({ fill: amber.fill, font: amber.font, bold: true });
  // The header, the priority rows and the other columns keep their own look.
  for (const text of ['Ref', 'Priority 1: Prevention', 'Priority 2: Assurance']) expect(ratingLookAt(sheet, `D${sheet.rows.findIndex((r) => r[0] === text) + 1}`)).toBeNull();
  expect(ratingLookAt(sheet, `C${rowOf('1.1')}`)).toBeNull();
  const rated = sheet.styles.filter((x) => x.style.fill === red.fill || x.style.fill === amber.fill).map((x) => x.address);
  expect(rated.length).toBeGreaterThan(0);
  expect(rated.every((a) => /^D\d+:D\d+$/.test(a))).toBe(true);
});

test('a sheet with nothing to report shows no rating colours', () => {
  const { sheet } = sheetFor([{ row: 4, ref: '1.1', status: 'on-track', due: '2016-09-30' }]);
  expect(sheet.rows.flatMap((row, i) => row.map((_, j) => ratingLookAt(sheet, `${String.fromCharCode(65 + j)}${i + 1}`))).filter(Boolean)).toEqual([]);
});

test('with two plans, each plan has a heading of its own above its priorities', () => {
  const children = buildPlan({ ...PLAN, sheet: 'Children Plan' }, [{ row: 4, ref: '1.1', status: 'overdue', due: '2016-01-31', priority: '1' }], brag);
  const adults = buildPlan(PLAN, [
    { row: 4, ref: 'A1.1', status: 'at-risk', due: '2016-04-10', priority: '1' },
    { row: 8, ref: 'A2.1', status: 'overdue', due: '2016-01-31', priority: '2' },
  ], brag);
  const plans = [children, adults];
  const review = reviewPlans(plans, null, { asOf: '2016-03-31', scheme: brag });
  const sheet = exceptionsSheet(plans, { scheme: brag, asOf: '2016-03-31', symbols: false, review });
  const head = sheet.rows.findIndex((r) => r[0] === 'Ref');
  const firsts = sheet.rows.slice(head + 1, head + 8).map((r) => r[0]);
  expect(firsts).toEqual(['Children Plan', 'Priority 1: Prevention', '1.1', 'Adults Plan', 'Priority 1: Prevention', 'A1.1', 'Priority 2: Assurance']);
  // Each heading runs across the table.
  expect(sheet.merges).toContain(`A${head + 2}:H${head + 2}`);
});

test('one plan has no plan heading, only its priorities', () => {
  const { sheet } = sheetFor([{ row: 4, ref: '1.1', status: 'overdue', due: '2016-01-31', priority: '1' }]);
  const head = sheet.rows.findIndex((r) => r[0] === 'Ref');
  expect(sheet.rows[head + 1]).toEqual(['Priority 1: Prevention']);
});

test('leaves out the Travel column until a quarter has been recorded', () => {
  const { sheet } = sheetFor([{ row: 4, ref: '1.1', status: 'overdue', due: '2016-01-31' }]);
  expect(sheet.rows.find((r) => r[0] === 'Ref')).toEqual(['Ref', 'Action', 'Lead', 'Rating', 'Due', 'Listed for', 'Details', 'Latest update']);
});
