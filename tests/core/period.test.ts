import { asOfOutsidePeriod, periodFromText, planPeriodFromWorkbook, quarterOutsidePeriod } from '../../src/core/period';
import { STATE_SHEET } from '../../src/core/patch';
import { bathShape, legacyShape, leicesterShape, leicsShape, tableShape } from '../fixtures/plans';
import { fixtureSnapshot, type FixtureWorkbook } from '../fixtures/workbook';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { stateSheet } from '../../src/core/state';
import { check, refresh } from '../../src/core/refresh';
import { applyPatch } from './helpers/apply-patch';

describe('periodFromText', () => {
  test.each([
    ['Business Plan 2014-15', '2014-04-01', '2015-03-31'],
    ['Business Plan 2015-18', '2015-04-01', '2018-03-31'],
    ['Business Plan 2014/15', '2014-04-01', '2015-03-31'],
    ['I am pleased to present the Business Plan for 2014/5', '2014-04-01', '2015-03-31'],
    ['Business Plan October 2010 – March 2011', '2010-10-01', '2011-03-31'],
    ['Business Plan Oct 2010 to Mar 2011', '2010-10-01', '2011-03-31'],
    ['Priorities for 2015 - 2017', '2015-04-01', '2017-03-31'],
    ['Plan 2016/2017', '2016-04-01', '2017-03-31'],
    ['Plan 1999-00', '1999-04-01', '2000-03-31'],
  ])('%j → %s to %s', (text, start, end) => {
    expect(periodFromText(text)).toEqual({ start, end });
  });

  test.each(['Updated March 2016', 'Effective from: 7 April 2014', 'Due 2016-06-30', 'Call 0116 2017 555', 'Plan 2015-2025'])('%j names no plan period', (text) => {
    expect(periodFromText(text)).toBeNull();
  });
});

describe('planPeriodFromWorkbook', () => {
  test.each([
    [leicsShape, '2014-04-01', '2015-03-31'],
    [bathShape, '2015-04-01', '2018-03-31'],
    [leicesterShape, '2015-04-01', '2017-03-31'],
    [legacyShape, '2010-10-01', '2011-03-31'],
    [tableShape, '2016-04-01', '2017-03-31'],
  ] as [FixtureWorkbook, string, string][])('reads %# from its title', (fx, start, end) => {
    expect(planPeriodFromWorkbook(fixtureSnapshot(fx))).toEqual({ start, end });
  });

  test('prefers text about the plan over other text with years in it', () => {
    const fx: FixtureWorkbook = {
      name: 'x.xlsx',
      sheets: [{ name: 'Plan', rows: [['Review of 2013-14 findings'], ['Children Board Business Plan 2014-15'], ['Ref', 'Action', 'Lead', 'Timescale']] }],
    };
    expect(planPeriodFromWorkbook(fixtureSnapshot(fx))).toEqual({ start: '2014-04-01', end: '2015-03-31' });
  });

  test("ignores BoardPlan's reasons beside a plan, which quote the officer's words", () => {
    const rows = [
      ['Ref', 'Action', 'Lead', 'Timescale', 'RAG (proposed)', 'RAG reason'],
      ['1.1', 'Audit case files', 'PPPG', 'June 2016', 'Green', 'Due 30 Jun 2016; not yet due as of 31 Mar 2016.'],
      ['1.2', 'Review thresholds', 'PPPG', null, 'Grey', 'Timescale "In 2014/5 we will" gives no date, so the action cannot be rated.'],
    ];
    const fx: FixtureWorkbook = { name: 'x.xlsx', sheets: [{ name: 'Plan', rows }] };
    expect(planPeriodFromWorkbook(fixtureSnapshot(fx))).toBeNull();
    // Typed by the officer in BoardPlan's column, with no rating and reason of BoardPlan's beside them, they are read.
    const typed: FixtureWorkbook = { name: 'x.xlsx', sheets: [{ name: 'Plan', rows: [...rows, [null, null, null, null, 'In 2014/5 we will']] }] };
    expect(planPeriodFromWorkbook(fixtureSnapshot(typed))).toEqual({ start: '2014-04-01', end: '2015-03-31' });
    // The same words typed by the officer above the plan still name its period.
    const titled: FixtureWorkbook = { name: 'x.xlsx', sheets: [{ name: 'Plan', rows: [['In 2014/5 we will'], ...rows] }] };
    expect(planPeriodFromWorkbook(fixtureSnapshot(titled))).toEqual({ start: '2014-04-01', end: '2015-03-31' });
  });

  test("ignores BoardPlan's own sheet and falls back to a sheet name", () => {
    const fx: FixtureWorkbook = {
      name: 'x.xlsx',
      sheets: [
        { name: STATE_SHEET, rows: [...(stateSheet(DEFAULT_SETTINGS, [], STATE_SHEET).rows.slice(0, 1) as string[][]), ['Business Plan 2001-02']] },
        { name: 'Plan 2016-17', rows: [['Ref', 'Action', 'Lead', 'Timescale']] },
      ],
    };
    expect(planPeriodFromWorkbook(fixtureSnapshot(fx))).toEqual({ start: '2016-04-01', end: '2017-03-31' });
  });

  test('reads the title in rows 1 to 10 of a sheet, wherever its used range starts', () => {
    const sheet = (top: number, titleRow: number) => ({
      name: 'Sheet1',
      visibility: 'visible' as const,
      top,
      left: 1,
      values: Array.from({ length: titleRow - top + 1 }, (_, i) => [top + i === titleRow ? 'Business Plan 2014-15' : null]),
      numberFormats: Array.from({ length: titleRow - top + 1 }, () => ['General']),
    });
    const period = (top: number, titleRow: number) => planPeriodFromWorkbook({ name: 'x.xlsx', tables: [], sheets: [sheet(top, titleRow)] });
    expect(period(1, 10)).toEqual({ start: '2014-04-01', end: '2015-03-31' });
    expect(period(3, 10)).toEqual({ start: '2014-04-01', end: '2015-03-31' });
    // Row 11 is below the title rows whether or not rows 1 and 2 hold anything.
    expect(period(1, 11)).toBeNull();
    expect(period(3, 11)).toBeNull();
  });

  test('returns null when no title names a period', () => {
    const fx: FixtureWorkbook = { name: 'x.xlsx', sheets: [{ name: 'Sheet1', rows: [['Action plan'], ['Ref', 'Action', 'Lead', 'Timescale']] }] };
    expect(planPeriodFromWorkbook(fixtureSnapshot(fx))).toBeNull();
  });
});

describe('the plan period after a refresh', () => {
  test("is not read from BoardPlan's own sheets: a plan without a title is read for the as-of date's year, quarter after quarter", () => {
    const fx: FixtureWorkbook = {
      name: 'x.xlsx',
      sheets: [{ name: 'Sheet1', rows: [['Action plan'], ['Ref', 'Action', 'Lead', 'Timescale'], ['1.1', 'Audit case files', 'PPPG', 'Jun 2016']] }],
    };
    const first = refresh(fixtureSnapshot(fx), { asOf: '2016-03-31' });
    expect([first.planPeriod, first.planPeriodSource]).toEqual([{ start: '2015-04-01', end: '2016-03-31' }, 'as-of']);
    // The refreshed workbook's own sheets name Q4 2015/16; the next quarter is in 2016/17.
    const refreshed = applyPatch(fixtureSnapshot(fx), first.patch);
    expect(refreshed.sheets.some((s) => s.values.flat().some((v) => typeof v === 'string' && v.includes('2015/16')))).toBe(true);
    const next = check(refreshed, { asOf: '2016-06-30' });
    expect([next.planPeriod, next.planPeriodSource]).toEqual([{ start: '2016-04-01', end: '2017-03-31' }, 'as-of']);
  });
});

describe('the as-of date and the quarter against the plan period', () => {
  const fy1516 = { start: '2015-04-01', end: '2016-03-31' };

  it('says when the plan is rated after its period ended, or before it started', () => {
    expect(asOfOutsidePeriod('2026-12-06', fy1516)).toBe('Rated as of 6 Dec 2026, after the plan period ended on 31 Mar 2016');
    expect(asOfOutsidePeriod('2015-03-31', fy1516)).toBe('Rated as of 31 Mar 2015, before the plan period started on 1 Apr 2015');
  });

  it('says nothing for a date within the period, its first and last days included', () => {
    expect([asOfOutsidePeriod('2015-04-01', fy1516), asOfOutsidePeriod('2016-03-31', fy1516)]).toEqual([null, null]);
  });

  it('names a quarter that lies wholly outside the period', () => {
    expect(quarterOutsidePeriod('2026-12-06', fy1516)).toBe('Q3 2026/27 is outside the plan period (1 Apr 2015 to 31 Mar 2016)');
    expect(quarterOutsidePeriod('2016-04-12', fy1516)).toBe('Q1 2016/17 is outside the plan period (1 Apr 2015 to 31 Mar 2016)');
    // A plan running October to March: July to September is before it.
    expect(quarterOutsidePeriod('2010-09-15', { start: '2010-10-01', end: '2011-03-31' })).toBe('Q2 2010/11 is outside the plan period (1 Oct 2010 to 31 Mar 2011)');
  });

  it('accepts a quarter that overlaps the period, even one that runs past its end', () => {
    expect(quarterOutsidePeriod('2010-12-31', { start: '2010-10-01', end: '2011-03-31' })).toBeNull();
    expect(quarterOutsidePeriod('2016-03-31', fy1516)).toBeNull();
    expect(quarterOutsidePeriod('2016-01-15', { start: '2015-04-01', end: '2016-02-29' })).toBeNull();
  });
});
