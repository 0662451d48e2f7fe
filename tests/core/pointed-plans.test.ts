import { readPlans } from '../../src/core/plan';
import { parseMapOption, parsePlanOption, pointedRange } from '../../src/core/pointed-plans';
import { date, fixtureSnapshot, type FixtureWorkbook } from '../fixtures/workbook';

const period = { start: '2015-04-01', end: '2016-03-31' };

describe('--plan as the officer types it', () => {
  test.each([
    ["'Delivery plan'!A3:H40", { sheet: 'Delivery plan', range: 'A3:H40' }],
    ["'Delivery plan'!$a$3:$h$3", { sheet: 'Delivery plan', range: 'A3:H3' }],
    ['Plan!B5', { sheet: 'Plan', range: 'B5' }],
    ["'Year''s plan'!A1:C9", { sheet: "Year's plan", range: 'A1:C9' }],
    ['Plan 2015!A3:H40', { sheet: 'Plan 2015', range: 'A3:H40' }],
    ["'Delivery plan'!$5:$5", { sheet: 'Delivery plan', range: 'A5' }],
    ['Plan!5:40', { sheet: 'Plan', range: 'A5' }],
  ])('%j → %j', (text, pointer) => {
    expect(parsePlanOption(text)).toEqual(pointer);
  });

  test.each(['A3:H40', '!A3:H40', 'Plan!', 'Plan!3:3x', 'Plan!A:H', 'Plan!A3:', 'Plan!Row 3'])('%j is refused with a sentence saying what to type', (text) => {
    const r = parsePlanOption(text);
    expect(typeof r).toBe('string');
    expect(r).toMatch(/^--plan needs a sheet and a range, like --plan "'Delivery plan'!A5:H40"/);
  });

  test('a single row is the header row; a range keeps its rows, whichever corner comes first', () => {
    expect(pointedRange('A3:H3')).toEqual({ top: 3, left: 1, bottom: null, right: 8 });
    expect(pointedRange('H40:A3')).toEqual({ top: 3, left: 1, bottom: 40, right: 8 });
    expect(pointedRange('C7')).toEqual({ top: 7, left: 3, bottom: null, right: null });
  });
});

describe('--map as the officer types it', () => {
  test.each([
    ['lead=Owner', { field: 'lead', column: 'Owner' }],
    ['Timescale = F', { field: 'timescale', column: 'F' }],
    ['outcome=none', { field: 'outcome', column: null }],
    ['progress=Update = Q2', { field: 'progress', column: 'Update = Q2' }],
  ])('%j → %j', (text, entry) => {
    expect(parseMapOption(text)).toEqual(entry);
  });

  test.each(['lead', 'lead=', '=Owner', 'champion=B'])('%j is refused naming the fields', (text) => {
    expect(parseMapOption(text)).toMatch(/^--map needs a field and a column, like --map lead=Owner .*fields: ref, action, outcome, lead, timescale, progress, priority, rag, status/);
  });
});

describe('a pointed plan in the core', () => {
  const odd: FixtureWorkbook = {
    name: 'odd',
    sheets: [
      {
        name: 'Plan',
        rows: [
          ['Ambition', 'Milestone', 'Sponsor', 'Checkpoint'],
          ['Families get help early', 'Publish the early help offer on the council website', 'Early Help Manager', date('2015-06-30')],
          ['Families get help early', 'Agree a shared assessment with health visitors', 'Named Nurse', date('2015-12-31')],
          ['Children are safe online', 'Deliver e-safety sessions in every secondary school', 'Education Lead', date('2016-03-31')],
        ],
      },
    ],
  };

  test('settings pointers and options both read the range; the option is named as its source', () => {
    const r = readPlans(fixtureSnapshot(odd), { planPeriod: period, plans: [{ sheet: 'Plan', range: 'A1:D4' }] });
    expect(r.plans).toHaveLength(1);
    expect(r.plans[0].source).toBe('settings');
    expect(r.plans[0].columns.action?.letter).toBe('B');
    expect(r.plans[0].columns.priority?.letter).toBe('A');
    const o = readPlans(fixtureSnapshot(odd), { planPeriod: period, options: { plans: [{ sheet: 'Plan', range: 'A1:D1' }], map: { lead: null } } });
    expect(o.plans[0].source).toBe('option');
    expect(o.plans[0].columns.lead).toBeNull();
    expect(o.plans[0].actions).toHaveLength(3);
  });

  test('a labelled footnote under a plain plan ("Notes: …") is no action, with or without a blank row; a last action with its own fields still is', () => {
    const rows = [
      ['Action', 'Lead', 'Timescale'],
      ['Publish the early help offer on the council website', 'Early Help Manager', date('2015-06-30')],
      ['Agree a shared assessment with health visitors', 'Named Nurse', date('2015-12-31')],
      [],
    ];
    const footnote = readPlans(fixtureSnapshot({ name: 'f', sheets: [{ name: 'P', rows: [...rows, ['Notes: the board reviews this plan each quarter.']] }] }), { planPeriod: period });
    expect(footnote.plans[0].actions.map((a) => a.row)).toEqual([2, 3]);
    const close = readPlans(fixtureSnapshot({ name: 'c', sheets: [{ name: 'P', rows: [...rows.slice(0, 3), ['Notes: the board reviews this plan each quarter.']] }] }), { planPeriod: period });
    expect(close.plans[0].actions.map((a) => a.row)).toEqual([2, 3]);
    const action = readPlans(
      fixtureSnapshot({ name: 'a', sheets: [{ name: 'P', rows: [...rows, ['Train staff in the neglect toolkit', 'Training Officer', date('2016-03-31')]] }] }),
      { planPeriod: period },
    );
    expect(action.plans[0].actions.map((a) => a.row)).toEqual([2, 3, 5]);
  });
});
