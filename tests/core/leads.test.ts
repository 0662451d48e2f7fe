import { byLead, leadKey, leadNames, leadsSheet, NO_LEAD } from '../../src/core/leads';
import { ratingLookAt } from './helpers/cf-eval';
import { check } from '../../src/core/refresh';
import { reviewPlans } from '../../src/core/travel';
import { presetScheme } from '../../src/core/schemes';
import { bathShape } from '../fixtures/plans';
import { buildPlan } from './helpers/assessed';
import { fixtureSnapshot } from '../fixtures/workbook';

describe('lead names', () => {
  test.each([
    ['PPPG / CSE Group', ['PPPG', 'CSE Group']],
    ['Board Chair; Board Members', ['Board Chair', 'Board Members']],
    ['Police, Health', ['Police', 'Health']],
    ['Head of Safeguarding & QA', ['Head of Safeguarding & QA']],
    ['  Training   Manager ', ['Training Manager']],
    ['', []],
  ])('"%s" names %j', (text, names) => {
    expect(leadNames(text)).toEqual(names);
  });

  test('spellings of the same lead compare equal', () => {
    const keys = ['CSE Sub group', 'CSE Sub-group', 'cse subgroup ', 'CSE  SUBGROUP'].map(leadKey);
    expect(new Set(keys).size).toBe(1);
    expect(leadKey('CSE Group')).not.toBe(leadKey('CSE Subgroup'));
  });
});

describe('actions by lead, on a plan with continuation rows', () => {
  const result = check(fixtureSnapshot(bathShape), { asOf: '2016-03-31', today: '2016-04-05', scheme: 'brag' });
  const review = reviewPlans(result.plans, null, { asOf: result.asOf, scheme: result.scheme });
  const groups = byLead(result.plans, review);

  test('leads are listed alphabetically, blank leads last', () => {
    expect(groups.map((g) => g.lead)).toEqual([
      'Business Manager',
      'Comms Group',
      'CSE Group',
      'Head of Safeguarding & QA',
      'LSCB',
      'MASH Project Board',
      'PPG',
      'PPPG',
      'RB',
      NO_LEAD,
    ]);
  });

  test('"PPPG CSE Group", two leads that each lead actions of their own, puts the action under both', () => {
    const cells = (lead: string) => groups.find((g) => g.lead === lead)!.actions.map((a) => a.cell);
    expect(cells('CSE Group')).toEqual(['A14', 'A15', 'A16']);
    expect(cells('PPPG')).toContain('A14');
    expect(cells('Comms Group')).toEqual(['A25', 'A34', 'A35']);
    expect(cells(NO_LEAD)).toEqual(['A22', 'A31']);
  });

  test('the By Lead sheet colours each rating cell under every lead, and nothing else', () => {
    const sheet = leadsSheet(groups, { scheme: result.scheme, asOf: result.asOf, symbols: false, review, plans: result.plans });
    const ratings = new Map(result.scheme.ratings.map((r) => [r.label, r]));
    let rated = 0;
    sheet.rows.forEach((row, i) => {
      const rating = ratings.get(String(row[2]));
      const rule = ratingLookAt(sheet, `C${i + 1}`);
      if (rating) {
        rated++;
        expect(rule).toMatchObject({ fill: rating.fill, font: rating.font, bold: true });
      } else {
        expect(rule).toBeNull();
      }
    });
    expect(rated).toBe(groups.reduce((n, g) => n + g.actions.length, 0));
  });

  test('each action carries its rating, due date, last update and whether an update is needed', () => {
    const a = groups.find((g) => g.lead === 'CSE Group')!.actions[0];
    expect(a).toMatchObject({ ref: '4', effective: 'Amber', due: '2016-03-31', lastUpdate: null, stale: true, sheet: 'Business Plan' });
    const b = groups.find((g) => g.lead === 'CSE Group')!.actions[1];
    expect(b).toMatchObject({ ref: null, lastUpdate: '2015-12-31', stale: false });
  });
});

describe('the By Lead sheet with two plans', () => {
  const spec = { headerRow: 3, lastRow: 12, lastCol: 5, columns: { ref: 1, action: 2, lead: 3, timescale: 4, progress: 5 } };
  const brag = presetScheme('brag')!;
  const children = buildPlan({ ...spec, sheet: 'Children Plan', priorities: [['1', 'Early help'], ['2', 'Neglect']] }, [
    { row: 4, ref: '1.1', status: 'overdue', due: '2016-01-31', priority: '1', lead: 'Quality Lead' },
    { row: 8, ref: '2.1', status: 'on-track', due: '2016-09-30', priority: '2', lead: 'Quality Lead' },
  ], brag);
  const adults = buildPlan({ ...spec, sheet: 'Adults Plan', priorities: [['1', 'Priority 1: Making safeguarding personal']] }, [
    { row: 4, ref: 'A1.1', status: 'at-risk', due: '2016-04-10', priority: '1', lead: 'Quality Lead' },
  ], brag);
  const plans = [children, adults];
  const review = reviewPlans(plans, null, { asOf: '2016-03-31', scheme: brag });
  const sheet = leadsSheet(byLead(plans, review), { scheme: brag, asOf: '2016-03-31', symbols: false, review, plans });

  test("heads each lead's actions by plan, then by priority", () => {
    const start = sheet.rows.findIndex((r) => r[0] === 'Quality Lead (3 actions)');
    expect(sheet.rows.slice(start, start + 9).map((r) => r[0])).toEqual([
      'Quality Lead (3 actions)',
      'Ref',
      'Children Plan',
      'Priority 1: Early help',
      '1.1',
      'Priority 2: Neglect',
      '2.1',
      'Adults Plan',
      'Priority 1: Making safeguarding personal',
    ]);
  });

  test('leaves out the Travel column until a quarter has been recorded', () => {
    expect(sheet.rows.find((r) => r[0] === 'Ref')).toEqual(['Ref', 'Action', 'Rating', 'Due', 'Last update', 'Update needed']);
  });
});
