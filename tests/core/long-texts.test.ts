import { readPlans } from '../../src/core/plan';
import type { CellValue } from '../../src/core/snapshot';
import { gridSnapshot as snapshotOf } from './helpers/grid';

/**
 * Workbooks from other programs can hold texts far longer than a heading: a pasted report in one
 * cell, or one shared string of a megabyte repeated down thousands of cells. Such a text is no
 * heading, is read once however often it repeats, and hides no plan beside it.
 */

const period = { start: '2015-04-01', end: '2016-03-31' };


const PLAN: CellValue[][] = [
  ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'],
  ['1.1', 'Audit of training', 'Chair', 'Jun-16', 'Update Mar 16: on track'],
  ['1.2', 'Review thresholds', 'Business Manager', 'March 2016', 'Complete'],
];

test('a megabyte of text in three columns of 4,000 rows is no heading, and the plan beside it is read', () => {
  const passage = 'fIdrLGOpeoNLbx'.repeat(75_000); // one "word" of about a megabyte, shared by every cell
  const rows: CellValue[][] = Array.from({ length: 4_000 }, (_, r) => [passage, passage, passage, null, ...(PLAN[r] ?? [])]);
  const [plan, ...others] = readPlans(snapshotOf(rows), { planPeriod: period }).plans;
  expect(others).toEqual([]);
  expect({ headerRow: plan.headerRow, firstCol: plan.firstCol, actions: plan.actions.map((a) => a.ref) }).toEqual({ headerRow: 1, firstCol: 5, actions: ['1.1', '1.2'] });
  // No field of the plan is one of the passage's columns.
  expect(Object.values(plan.columns).filter((c) => c !== null && c.col < 5)).toEqual([]);
}, 60_000);

test('a heading row that also holds a pasted passage keeps its headings', () => {
  const passage = 'This plan was agreed by the board in May. '.repeat(20);
  const [plan] = readPlans(snapshotOf([[...PLAN[0], passage], ...PLAN.slice(1)]), { planPeriod: period }).plans;
  expect(plan.actions.map((a) => a.action)).toEqual(['Audit of training', 'Review thresholds']);
});
