import fc from 'fast-check';
import { addDays, daysBetween, daysInMonth, endOfMonth, isoFromParts, isIsoDate, isoToSerial, isValidDate, parseA1, parseIso, serialToIso } from '../../src/core/cells';

describe('Excel serial numbers and ISO dates', () => {
  test('isoFromParts spells a day as YYYY-MM-DD', () => {
    expect(isoFromParts(2016, 3, 31)).toBe('2016-03-31');
    expect(isoFromParts(2016, 12, 1)).toBe('2016-12-01');
    expect(isoFromParts(999, 1, 5)).toBe('0999-01-05');
  });

  test('every day from 1900 to 2199 has one serial, and the serial gives the day back', () => {
    const first = isoToSerial('1900-01-01');
    const last = isoToSerial('2199-12-31');
    expect(last - first + 1).toBe(300 * 365 + 73); // 73 leap days: 1900 and 2100 are not leap years, 2000 is
    for (let serial = first; serial <= last; serial++) {
      const iso = serialToIso(serial);
      if (isoToSerial(iso) !== serial) throw new Error(`${iso}: serial ${isoToSerial(iso)}, not ${serial}`);
    }
  });

  test.each([
    ['2016-03-31', 42460],
    ['1900-03-01', 61],
    ['2000-02-29', 36585],
    ['2015-11-30', 42338],
  ])('%s is serial %d, as Excel shows it', (iso, serial) => {
    expect(isoToSerial(iso)).toBe(serial);
    expect(serialToIso(serial)).toBe(iso);
  });

  test('a time of day in the serial does not move the date', () => {
    expect(serialToIso(42460.99)).toBe('2016-03-31');
  });

  test('dates far outside the plans still come out as the calendar has them', () => {
    expect([-1, 0, 2_958_465].map(serialToIso)).toEqual(['1899-12-29', '1899-12-30', '9999-12-31']);
  });
});

describe('months and days', () => {
  test.each([
    [1900, 2, 28],
    [2000, 2, 29],
    [2015, 2, 28],
    [2016, 2, 29],
    [2100, 2, 28],
    [2016, 4, 30],
    [2016, 12, 31],
  ])('%d-%d has %d days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
    expect(endOfMonth(year, month)).toBe(isoFromParts(year, month, days));
  });

  test('a day past the end of its month is not a date', () => {
    expect(isValidDate(2015, 2, 29)).toBe(false);
    expect(isValidDate(2016, 2, 29)).toBe(true);
    expect(isValidDate(2016, 4, 31)).toBe(false);
  });

  test.each([
    ['2016-02-28', 1, '2016-02-29'],
    ['2015-02-28', 1, '2015-03-01'],
    ['2015-12-31', 1, '2016-01-01'],
    ['2016-03-01', -1, '2016-02-29'],
    ['2016-03-31', 30, '2016-04-30'],
  ])('%s plus %d days is %s', (from, days, to) => {
    expect(addDays(from, days)).toBe(to);
    expect(daysBetween(from, to)).toBe(days);
  });

  test('a YYYY-MM-DD text is a date only when the calendar has that day', () => {
    expect(isIsoDate('2016-02-29')).toBe(true);
    for (const text of ['2015-02-29', '2016-02-30', '2016-13-01', '2016-00-10', '2016-3-31', '31/03/2016', '2016-03-31T00:00', '']) expect(isIsoDate(text)).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: isoToSerial('1950-01-01'), max: isoToSerial('2150-12-31') }), (serial) => {
        expect(isIsoDate(serialToIso(serial))).toBe(true);
      }),
    );
  });

  test('an ISO date comes apart into its numbers', () => {
    expect(parseIso('2016-03-09')).toEqual({ year: 2016, month: 3, day: 9 });
  });
});

describe('A1 addresses', () => {
  test.each([
    ['D12', { row: 12, col: 4 }],
    ['$B$3', { row: 3, col: 2 }],
    ['b3', { row: 3, col: 2 }],
    [' C7 ', { row: 7, col: 3 }],
    ['XFD1048576', { row: 1048576, col: 16384 }],
  ])('%j is the address of one cell', (address, cell) => {
    expect(parseA1(address)).toEqual(cell);
  });

  test.each(['A1:B2', 'AAAA1', '1A', 'A', '12', '', 'Sheet1!A1'])('%j is not', (address) => {
    expect(parseA1(address)).toBeNull();
  });
});
