import fc from 'fast-check';
import { addDays, isoFromParts } from '../../src/core/cells';
import {
  financialYear,
  fyLabel,
  lastCompletedQuarterEnd,
  nextQuarter,
  parseQuarterLabel,
  previousQuarter,
  quarter,
  quarterOf,
} from '../../src/core/quarters';

const isoDate = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

describe('financial years', () => {
  test.each([
    ['2015-04-01', '2015-04-01', '2016-03-31'],
    ['2016-03-31', '2015-04-01', '2016-03-31'],
    ['2015-12-25', '2015-04-01', '2016-03-31'],
    ['2011-01-15', '2010-04-01', '2011-03-31'],
  ])('%s falls in the year %s to %s', (date, start, end) => {
    expect(financialYear(date)).toEqual({ start, end });
  });

  test.each([
    [2015, '2015/16'],
    [1999, '1999/00'],
    [2009, '2009/10'],
  ])('year starting %i is labelled %s', (fy, label) => {
    expect(fyLabel(fy)).toBe(label);
  });
});

describe('quarters', () => {
  test.each([
    ['2015-04-01', 'Q1 2015/16', '2015-04-01', '2015-06-30'],
    ['2015-09-30', 'Q2 2015/16', '2015-07-01', '2015-09-30'],
    ['2015-11-30', 'Q3 2015/16', '2015-10-01', '2015-12-31'],
    ['2016-02-29', 'Q4 2015/16', '2016-01-01', '2016-03-31'],
    ['2016-04-01', 'Q1 2016/17', '2016-04-01', '2016-06-30'],
  ])('%s is in %s (%s – %s)', (date, label, start, end) => {
    expect(quarterOf(date)).toMatchObject({ label, start, end });
  });

  test('Q4 of 2015/16 runs through the first three months of 2016', () => {
    expect(quarter(2015, 4)).toEqual({ fy: 2015, q: 4, start: '2016-01-01', end: '2016-03-31', label: 'Q4 2015/16' });
  });

  test('previous and next quarters cross the financial year boundary', () => {
    expect(previousQuarter(quarter(2015, 1)).label).toBe('Q4 2014/15');
    expect(nextQuarter(quarter(2015, 4)).label).toBe('Q1 2016/17');
    expect(nextQuarter(quarter(2015, 2)).label).toBe('Q3 2015/16');
  });

  test('every date lies in its quarter, and quarters follow one another without gaps', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const q = quarterOf(date);
        expect(q.start <= date && date <= q.end).toBe(true);
        expect(nextQuarter(q).start).toBe(addDays(q.end, 1));
        expect(previousQuarter(q).end).toBe(addDays(q.start, -1));
        expect(previousQuarter(nextQuarter(q))).toEqual(q);
        expect(parseQuarterLabel(q.label)).toEqual(q);
      }),
    );
  });
});

describe('last completed quarter', () => {
  test.each([
    ['2016-03-31', '2016-03-31'],
    ['2016-04-01', '2016-03-31'],
    ['2016-05-10', '2016-03-31'],
    ['2015-12-30', '2015-09-30'],
    ['2015-12-31', '2015-12-31'],
    ['2016-01-01', '2015-12-31'],
  ])('as of %s it ended %s', (asOf, end) => {
    expect(lastCompletedQuarterEnd(asOf)).toBe(end);
  });

  test('is never after the as-of date and never more than a quarter before it', () => {
    fc.assert(
      fc.property(isoDate, (asOf) => {
        const end = lastCompletedQuarterEnd(asOf);
        expect(end <= asOf).toBe(true);
        expect(quarterOf(end).end).toBe(end);
        expect(nextQuarter(quarterOf(end)).end > asOf).toBe(true);
      }),
    );
  });
});

describe('quarter labels', () => {
  test.each([
    ['Q3 2015/16', 2015, 3],
    ['Q3 2015-16', 2015, 3],
    ['q1 2016/2017', 2016, 1],
    [' Q4 2014–15 ', 2014, 4],
  ])('"%s" is quarter %i/%i', (label, fy, q) => {
    expect(parseQuarterLabel(label)).toMatchObject({ fy, q });
  });

  test.each(['Q5 2015/16', 'Q3 2015/17', 'Q3', 'Quarter three', '2015/16', ''])('"%s" is not a quarter label', (label) => {
    expect(parseQuarterLabel(label)).toBeNull();
  });
});
