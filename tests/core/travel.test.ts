import { actionKey, emptyHistory, recordQuarter, type History, type QuarterRecord } from '../../src/core/history';
import type { AssessedPlan } from '../../src/core/model';
import { presetScheme } from '../../src/core/schemes';
import { compareRatings, isRed, ratingRank, reviewPlans, travelSummary } from '../../src/core/travel';
import { buildPlan, type ActionSpec } from './helpers/assessed';

const brag = presetScheme('brag')!;
const offTarget = presetScheme('off-target')!;

describe('ranking ratings', () => {
  test('by the best status each stands for: Blue, Green, Grey, Amber, Red in the BRAG scheme', () => {
    expect(['Blue', 'Green', 'Grey', 'Amber', 'Red'].map((l) => ratingRank(brag, l))).toEqual([4, 3, 2, 1, 0]);
  });

  test('in "Red: Off Target" schemes Red covers at-risk work too, and Amber is on target', () => {
    expect(['Green', 'Amber', 'Grey', 'Red'].map((l) => ratingRank(offTarget, l))).toEqual([4, 3, 2, 1]);
    expect(isRed(offTarget, 'Red')).toBe(true);
    expect(isRed(offTarget, 'Amber')).toBe(false);
  });

  test('an action that could not be rated improves when it turns Green and worsens when it turns Amber', () => {
    expect(compareRatings(brag, 'Grey', 'Green')).toBe('improved');
    expect(compareRatings(brag, 'Grey', 'Amber')).toBe('worsened');
    expect(compareRatings(brag, 'R', 'Red')).toBe('held');
  });

  test('a recorded label the scheme does not know is held if unchanged, else new', () => {
    expect(compareRatings(brag, 'Purple', 'purple')).toBe('held');
    expect(compareRatings(brag, 'Purple', 'Green')).toBe('new');
  });
});

const PLAN = { sheet: 'Plan', headerRow: 3, lastRow: 10, lastCol: 5, columns: { ref: 1, action: 2, lead: 3, timescale: 4, progress: 5 }, priorities: [['1', 'Keep people safe']] as [string, string][] };

function plan(actions: ActionSpec[]): AssessedPlan[] {
  return [buildPlan(PLAN, actions, brag)];
}

function history(...quarters: [label: string, records: [ref: string, rating: string, due?: string][]][]): History {
  let h = emptyHistory();
  for (const [label, records] of quarters) {
    const recs: QuarterRecord[] = records.map(([ref, rating, due]) => ({ key: actionKey('Plan', ref, ''), sheet: 'Plan', ref, action: '', rating, due: due ?? null }));
    h = recordQuarter(h, label, recs);
  }
  return h;
}

describe('reviewing the plan against the history', () => {
  test('counts a Red streak over recorded quarters running, stopping at the first that was not Red', () => {
    const h = history(['Q1 2015/16', [['1.1', 'Amber'], ['1.2', 'Red']]], ['Q2 2015/16', [['1.1', 'Red'], ['1.2', 'Red']]], ['Q3 2015/16', [['1.1', 'Red'], ['1.2', 'Red']]]);
    const r = reviewPlans(plan([{ row: 4, ref: '1.1', status: 'overdue' }, { row: 5, ref: '1.2', status: 'overdue' }, { row: 6, ref: '1.3', status: 'overdue' }]), h, { asOf: '2016-03-31', scheme: brag });
    expect(Object.values(r.actions).map((a) => a.redStreak)).toEqual([3, 4, 1]);
    expect(r.totals.redTwoQuarters).toBe(2);
    expect(r.totals).toMatchObject({ held: 2, new: 1, direction: 'level' });
  });

  test('a quarter recorded after the as-of date is not a baseline', () => {
    const h = history(['Q3 2015/16', [['1.1', 'Green']]], ['Q1 2016/17', [['1.1', 'Red']]]);
    const r = reviewPlans(plan([{ row: 4, ref: '1.1', status: 'on-track' }]), h, { asOf: '2016-03-31', scheme: brag });
    expect(r.baseline).toBe('Q3 2015/16');
    expect(r.actions['Plan!ref:1.1']?.travel).toBe('held');
  });

  test('a date revised in the notes is a slip even before any quarter is recorded; complete actions are not listed', () => {
    const r = reviewPlans(
      plan([
        { row: 4, ref: '1.1', status: 'at-risk', due: '2016-01-31', revisedDue: '2016-06-30' },
        { row: 5, ref: '1.2', status: 'complete', due: '2016-01-31', revisedDue: '2016-02-29' },
      ]),
      null,
      { asOf: '2016-03-31', scheme: brag },
    );
    expect(r.slipped.map((s) => [s.ref, s.original, s.current, s.source, s.cell])).toEqual([['1.1', '2016-01-31', '2016-06-30', 'notes', 'D4']]);
    expect(r.baseline).toBeNull();
    expect(travelSummary(r.totals)).toBeNull();
  });

  test('a plan date that moved since it was first recorded is a slip from the first recorded date', () => {
    const h = history(['Q2 2015/16', [['1.1', 'Green', '2015-12-31']]], ['Q3 2015/16', [['1.1', 'Green', '2016-01-31']]]);
    const r = reviewPlans(plan([{ row: 4, ref: '1.1', status: 'on-track', due: '2016-03-31' }]), h, { asOf: '2016-03-31', scheme: brag });
    expect(r.slipped.map((s) => [s.original, s.current, s.source])).toEqual([['2015-12-31', '2016-03-31', 'plan']]);
  });

  test('summarises a group’s travel, leaving out counts of none', () => {
    const h = history(['Q3 2015/16', [['1.1', 'Amber'], ['1.2', 'Green'], ['1.3', 'Green']]]);
    const r = reviewPlans(
      plan([
        { row: 4, ref: '1.1', status: 'on-track' },
        { row: 5, ref: '1.2', status: 'on-track' },
        { row: 6, ref: '1.3', status: 'complete' },
      ]),
      h,
      { asOf: '2016-03-31', scheme: brag },
    );
    expect(travelSummary(r.totals)).toBe('2 improved, 1 held (↑ improving)');
    expect(r.byPriority.map((p) => [p.priority, p.title, p.direction])).toEqual([['1', 'Keep people safe', 'up']]);
  });
});
