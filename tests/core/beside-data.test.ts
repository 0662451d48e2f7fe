import { readPlans } from '../../src/core/plan';
import type { CellValue } from '../../src/core/snapshot';
import { gridSnapshot as snapshotOf } from './helpers/grid';

/**
 * A plan kept on the same rows as other figures (a block of numbers and dates, an empty column, then
 * the plan) is found where it starts, as an officer sees it: the row's first block is no part of it.
 */

const planPeriod = { start: '2015-04-01', end: '2016-03-31' };


const PLAN: CellValue[][] = [
  ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'],
  ['1.1', 'Audit of training', 'Chair', 'Jun-16', 'Update Mar 16: on track'],
  ['1.2', 'Review thresholds', 'Business Manager', 'March 2016', 'Complete'],
  ['1.3', 'Publish the annual report', 'Board Officer', 'Sep-15', null],
];

test('beside a block of numbers and dates and an empty column, the plan is read from its own first column', () => {
  // As another program wrote them: numbers, and dates kept as ISO text.
  const rows = PLAN.map((cells, r) => [(r + 1) * 11, (r + 1) * 11, `1900-0${r + 1}-1${r}`, `1900-0${r + 1}-1${r}`, null, ...cells]);
  const [plan, ...others] = readPlans(snapshotOf(rows), { planPeriod }).plans;
  expect(others).toEqual([]);
  expect({ firstCol: plan.firstCol, ref: plan.columns.ref?.letter, actions: plan.actions.map((a) => a.action) }).toEqual({
    firstCol: 6,
    ref: 'F',
    actions: ['Audit of training', 'Review thresholds', 'Publish the annual report'],
  });
});
