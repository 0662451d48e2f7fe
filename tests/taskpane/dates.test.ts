import fc from 'fast-check';
import { isIsoDate, isoFromParts, isValidDate } from '../../src/core/cells';
import { dayFirst, parseDayFirst } from '../../src/taskpane/dates';

/** The pane's date boxes read what a British officer types, day first, and show dates the same way. */

describe('reading a typed date, day first', () => {
  it.each([
    ['31/03/2016', '2016-03-31'],
    ['31/3/16', '2016-03-31'],
    ['1.4.2015', '2015-04-01'],
    ['01-04-2015', '2015-04-01'],
    [' 31 / 03 / 2016 ', '2016-03-31'],
    ['31 Mar 2016', '2016-03-31'],
    ['31st March 2016', '2016-03-31'],
    ['30 Sept 16', '2016-09-30'],
    ['30-Jun-2016', '2016-06-30'],
    ['2016-03-31', '2016-03-31'],
    ['29/02/2016', '2016-02-29'],
  ])('"%s" is %s', (text, iso) => {
    expect(parseDayFirst(text)).toBe(iso);
  });

  it.each([
    ['03/31/2016', 'month first: there is no 31st month'],
    ['29/02/2015', 'not a leap year'],
    ['31 Marx 2016', 'not a month'],
    ['2016-02-30', 'no such day'],
    ['31/03', 'no year'],
    ['', 'nothing typed'],
    ['next Tuesday', 'words'],
  ])('"%s" is not a date (%s)', (text) => {
    expect(parseDayFirst(text)).toBeNull();
  });

  it('shows a date as dd/mm/yyyy', () => {
    expect(dayFirst('2016-03-31')).toBe('31/03/2016');
    expect(dayFirst('2015-04-01')).toBe('01/04/2015');
  });
});

describe('properties', () => {
  const dates = fc
    .record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .filter(({ year, month, day }) => isValidDate(year, month, day))
    .map(({ year, month, day }) => isoFromParts(year, month, day));

  it('never throws, and gives a real date or nothing, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const date = parseDayFirst(text);
        expect(date === null || isIsoDate(date)).toBe(true);
      }),
    );
  });

  it('reads back every date it shows', () => {
    fc.assert(fc.property(dates, (iso) => expect(parseDayFirst(dayFirst(iso))).toBe(iso)));
  });

  it('reads the day before the month whenever both could be a month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2099 }), (day, month, year) => {
        expect(parseDayFirst(`${day}/${month}/${year}`)).toBe(isoFromParts(year, month, day));
      }),
    );
  });
});
