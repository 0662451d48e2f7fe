import fc from 'fast-check';
import { addDays, columnNumber, daysBetween, daysInMonth, endOfMonth, isoFromParts, isIsoDate, isoToSerial, isValidDate, parseA1, parseIso, serialToIso } from '../../src/core/cells';

/** The calendar as JavaScript's Date keeps it, to check BoardPlan's whole-number date arithmetic against. */
const DAY_MS = 86_400_000;
const EXCEL_DAY_0 = Date.UTC(1899, 11, 30);
function calendarIso(serial: number): string {
  const d = new Date(EXCEL_DAY_0 + serial * DAY_MS);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

describe('Excel serial numbers and ISO dates', () => {
  test('isoFromParts spells any day as YYYY-MM-DD, the same on every call', () => {
    const spelt = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const part = (max: number) => fc.oneof(fc.integer({ min: -5, max }), fc.double({ min: -5, max, noNaN: true }));
    fc.assert(
      fc.property(part(12_000), part(14), part(33), (y, m, d) => {
        expect(isoFromParts(y, m, d)).toBe(spelt(y, m, d));
        expect(isoFromParts(y, m, d)).toBe(spelt(y, m, d));
      }),
      { numRuns: 3000 },
    );
    expect(isoFromParts(2016, 3, 31)).toBe('2016-03-31');
    expect(isoFromParts(2016, 12, 1)).toBe('2016-12-01');
  });


  test('every day from 1900 to 2199 has the serial Excel gives it, both ways', () => {
    const first = isoToSerial('1900-01-01');
    const last = isoToSerial('2199-12-31');
    expect(last - first + 1).toBe(300 * 365 + 73); // 73 leap days: 1900 and 2100 are not leap years, 2000 is
    for (let serial = first; serial <= last; serial++) {
      const iso = serialToIso(serial);
      if (iso !== calendarIso(serial)) throw new Error(`serial ${serial}: ${iso}, not ${calendarIso(serial)}`);
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
    for (const serial of [-700_000, -1, 0, 2_958_465, 3_500_000]) expect(serialToIso(serial)).toBe(calendarIso(serial));
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

  test('adding days crosses month, year and leap-day boundaries as the calendar does', () => {
    fc.assert(
      fc.property(fc.integer({ min: isoToSerial('1950-01-01'), max: isoToSerial('2150-12-31') }), fc.integer({ min: -800, max: 800 }), (serial, days) => {
        const from = calendarIso(serial);
        const to = addDays(from, days);
        expect(to).toBe(calendarIso(serial + days));
        expect(daysBetween(from, to)).toBe(days);
      }),
    );
  });

  test('a YYYY-MM-DD text is a date only when the calendar has that day', () => {
    expect(isIsoDate('2016-02-29')).toBe(true);
    for (const text of ['2015-02-29', '2016-02-30', '2016-13-01', '2016-00-10', '2016-3-31', '31/03/2016', '2016-03-31T00:00', '']) expect(isIsoDate(text)).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: isoToSerial('1950-01-01'), max: isoToSerial('2150-12-31') }), (serial) => {
        expect(isIsoDate(calendarIso(serial))).toBe(true);
      }),
    );
  });

  test('an ISO date comes apart into its numbers', () => {
    expect(parseIso('2016-03-09')).toEqual({ year: 2016, month: 3, day: 9 });
  });
});

describe('A1 addresses', () => {
  test('read as an address of one cell: letters then row, $ and case allowed, anything else refused', () => {
    const reference = (address: string) => {
      const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
      return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : null;
    };
    const address = fc.tuple(
      fc.constantFrom('', '$', ' '),
      fc.stringMatching(/^[A-Za-z]{0,4}$/),
      fc.constantFrom('', '$'),
      fc.stringMatching(/^\d{0,7}$/),
      fc.constantFrom('', ' ', ':B2', 'x'),
    ).map((parts) => parts.join(''));
    fc.assert(fc.property(address, (a) => expect(parseA1(a)).toEqual(reference(a))), { numRuns: 2000 });
    expect(parseA1('D12')).toEqual({ row: 12, col: 4 });
    expect(parseA1('XFD1048576')).toEqual({ row: 1048576, col: 16384 });
  });
});

