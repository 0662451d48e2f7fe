import fc from 'fast-check';
import { isoToSerial, isValidDate, parseIso } from '../../src/core/cells';
import type { PlanPeriod, TimescaleKind } from '../../src/core/model';
import type { CellValue } from '../../src/core/snapshot';
import { findDates } from '../../src/core/dates';
import { parseTimescale } from '../../src/core/timescale';

const FY15: PlanPeriod = { start: '2015-04-01', end: '2016-03-31' };
const FY14: PlanPeriod = { start: '2014-04-01', end: '2015-03-31' };
const H2_10: PlanPeriod = { start: '2010-10-01', end: '2011-03-31' };

const read = (text: string, period: PlanPeriod = FY15) => parseTimescale(text, 'General', period);

type Row = [text: string, period: PlanPeriod, kind: TimescaleKind, due: string | null];

function expectRows(rows: Row[]) {
  const named = rows.map(([text, period, kind, due]) => [text, kind, due ?? 'no date', period] as const);
  test.each(named)('"%s" is %s, due %s', (text, kind, due, period) => {
    const t = read(text, period);
    expect({ kind: t.kind, due: t.due ?? 'no date' }).toEqual({ kind, due });
  });
}

describe('exact dates, day first', () => {
  expectRows([
    ['22.10.10', H2_10, 'date', '2010-10-22'],
    ['21.3.11', H2_10, 'date', '2011-03-21'],
    ['01/06/2016', FY15, 'date', '2016-06-01'],
    ['1/6/16', FY15, 'date', '2016-06-01'],
    ['31st March 2016', FY15, 'date', '2016-03-31'],
    ['31 Mar 2016', FY15, 'date', '2016-03-31'],
    ['March 31st 2016', FY15, 'date', '2016-03-31'],
    ['2016-03-31', FY15, 'date', '2016-03-31'],
    ['2nd Feb 16', FY15, 'date', '2016-02-02'],
    ['29th February 2016', FY15, 'date', '2016-02-29'],
  ]);

  test('a full date is read with high confidence', () => {
    expect(read('31st March 2016').confidence).toBe('high');
  });

  test.each(['31.02.16', '29.2.15', '31/04/2016', '0.1.16', '12.13.15'])('"%s" is not a date that exists', (text) => {
    expect(read(text)).toMatchObject({ kind: 'unknown', due: null, milestones: [] });
  });

  test.each(['Section 2.1', 'See 1.2.3', 'Ref 4.5 of the protocol', 'Priority 2a. 1'])('"%s" holds numbers, not a date', (text) => {
    expect(read(text).kind).toBe('unknown');
  });

  test('two-digit years take the century nearest the plan', () => {
    expect(read('1.6.16').due).toBe('2016-06-01');
    expect(read('1.6.99', { start: '1999-04-01', end: '2000-03-31' }).due).toBe('1999-06-01');
  });
});

describe('the week commencing a day', () => {
  // The work is done in that week: due by its Friday.
  expectRows([
    ['w/c 12/01/26', { start: '2025-04-01', end: '2026-03-31' }, 'date', '2026-01-16'],
    ['W/C 7th March 2016', FY15, 'date', '2016-03-11'],
    ['Week commencing 4 April', FY15, 'date', '2015-04-08'],
    ['week beginning 29/02/2016', FY15, 'date', '2016-03-04'],
  ]);

  test('a week that starts on a day that does not exist is no date', () => {
    expect(read('w/c 31/02/2016').due).toBeNull();
  });
});

describe('months', () => {
  expectRows([
    ['June 2014', FY14, 'month', '2014-06-30'],
    ['Jun-16', FY15, 'month', '2016-06-30'],
    ['Dec 15', FY15, 'month', '2015-12-31'],
    ['Sept 16', FY15, 'month', '2016-09-30'],
    ['End of Nov 15', FY15, 'month', '2015-11-30'],
    ['Nov-15', FY15, 'month', '2015-11-30'],
    ['December 2014', FY14, 'month', '2014-12-31'],
    ['by end of June 2014', FY14, 'month', '2014-06-30'],
    ['Feb 16', FY15, 'month', '2016-02-29'],
    ['sept. 2015', FY15, 'month', '2015-09-30'],
    ['06/2016', FY15, 'month', '2016-06-30'],
    ['October Board meeting', FY14, 'month', '2014-10-31'],
    ['October Board meeting', H2_10, 'month', '2010-10-31'],
    ['June', H2_10, 'month', '2011-06-30'],
    ['2016', FY15, 'month', '2016-12-31'],
    ['March 2016/2017', FY15, 'month', '2017-03-31'],
  ]);

  test('a month and year is medium confidence; a month without a year is low', () => {
    expect(read('June 2014', FY14).confidence).toBe('medium');
    expect(read('October Board meeting', FY14).confidence).toBe('low');
    expect(read('2016').confidence).toBe('low');
  });

  test('a month without a year is the first one that ends inside the plan period', () => {
    expect(read('March', FY15).due).toBe('2016-03-31');
    expect(read('April', FY15).due).toBe('2015-04-30');
  });

  test('the verb "may" is not the month May', () => {
    expect(read('Timescale may change', FY15).kind).toBe('unknown');
    expect(read('May', FY15).due).toBe('2015-05-31');
  });
});

describe('financial years and quarters', () => {
  expectRows([
    ['2016-17', FY15, 'fy', '2017-03-31'],
    ['2015/16', FY15, 'fy', '2016-03-31'],
    ['2016/2017', FY15, 'fy', '2017-03-31'],
    ['FY 2015/16', FY15, 'fy', '2016-03-31'],
    ['15/16', FY15, 'fy', '2016-03-31'],
    ['2015-18', FY15, 'fy', '2018-03-31'],
    ['Q3 2016/17', FY15, 'quarter', '2016-12-31'],
    ['Q3 16/17', FY15, 'quarter', '2016-12-31'],
    ['Quarter 2 2015-16', FY15, 'quarter', '2015-09-30'],
    ['Q4 2015/16', FY15, 'quarter', '2016-03-31'],
    ['third quarter 2015/16', FY15, 'quarter', '2015-12-31'],
    ['Q3', FY15, 'quarter', '2015-12-31'],
    ['Q1', H2_10, 'quarter', '2011-06-30'],
  ]);

  test('a quarter without a year is low confidence', () => {
    expect(read('Q3').confidence).toBe('low');
    expect(read('Q3 2016/17').confidence).toBe('medium');
  });

  test('a multi-year span is read to its end but with low confidence', () => {
    expect(read('2015-18').confidence).toBe('low');
  });
});

describe('seasons and terms', () => {
  expectRows([
    ['Spring 2016', FY15, 'season', '2016-05-31'],
    ['Summer 2016', FY15, 'season', '2016-08-31'],
    ['Autumn 2015', FY15, 'season', '2015-11-30'],
    ['Winter 2015', FY15, 'season', '2016-02-29'],
    ['Winter 2014', FY14, 'season', '2015-02-28'],
    ['Autumn term 2015', FY15, 'season', '2015-12-31'],
    ['Spring term 2016', FY15, 'season', '2016-03-31'],
    ['Summer term 2016', FY15, 'season', '2016-07-31'],
    ['Spring term 2015/16', FY15, 'season', '2016-03-31'],
    ['end of financial year', FY15, 'season', '2016-03-31'],
    ['By the end of the financial year', FY14, 'season', '2015-03-31'],
    ['Summer', FY15, 'season', '2015-08-31'],
  ]);
});

describe('ranges', () => {
  expectRows([
    ['Jan – Mar 2011', H2_10, 'range', '2011-03-31'],
    ['Apr – July 2011', H2_10, 'range', '2011-07-31'],
    ['Apr-Jul 2011', H2_10, 'range', '2011-07-31'],
    ['Sept 2015 - March 2016', FY15, 'range', '2016-03-31'],
    ['Nov 15 to Jan 16', FY15, 'range', '2016-01-31'],
    ['Nov — Jan 2016', FY15, 'range', '2016-01-31'],
    ['1.4.15 - 31.3.16', FY15, 'range', '2016-03-31'],
  ]);

  test('a year given once serves both ends, and the range starts with its first month', () => {
    const t = read('Jan – Mar 2011', H2_10);
    expect(t).toMatchObject({ milestones: ['2011-03-31'], start: '2011-01-01', confidence: 'medium' });
  });

  test('a range that runs over the new year starts in the year before', () => {
    expect(read('Nov — Jan 2016').start).toBe('2015-11-01');
  });
});

describe('several milestones in one cell', () => {
  const cases: [string, PlanPeriod, string[]][] = [
    ['Audit plan by June 2014 Implemented from October 2014 Presentations in January 2015', FY14, ['2014-06-30', '2014-10-31', '2015-01-31']],
    ['22.11.10 21.1.11 21.3.11', H2_10, ['2010-11-22', '2011-01-21', '2011-03-21']],
    ['May 2014 September 2014', FY14, ['2014-05-31', '2014-09-30']],
    [
      'Consultation with young people June 2014 Action implemented From September 2014 Young peoples survey Feb 2015.',
      FY14,
      ['2014-06-30', '2014-09-30', '2015-02-28'],
    ],
    ['June, September and December 2014', FY14, ['2014-06-30', '2014-09-30', '2014-12-31']],
    ['First review Dec 15\nRefresh in June 16', FY15, ['2015-12-31', '2016-06-30']],
    ['Report Dec 15 Jan 16', FY15, ['2015-12-31', '2016-01-31']],
    ['Board sign-off March 2016, pilot Oct 15', FY15, ['2016-03-31', '2015-10-31']],
  ];
  test.each(cases.map(([text, period, milestones]) => [text, milestones.join(', '), period, milestones] as const))('"%s" has milestones %s', (text, _names, period, milestones) => {
    const t = read(text, period);
    expect(t.kind).toBe('multi');
    expect(t.milestones).toEqual(milestones);
    expect(t.due).toBe([...milestones].sort().pop());
  });

  test('the due date is the latest milestone, not the last written', () => {
    expect(read('Board sign-off March 2016, pilot Oct 15').due).toBe('2016-03-31');
  });
});

describe('recurring', () => {
  expectRows([
    ['Quarterly', FY15, 'recurring', null],
    ['monthly', FY15, 'recurring', null],
    ['bi-annual', FY15, 'recurring', null],
    ['Bi-annually', FY15, 'recurring', null],
    ['six monthly', FY15, 'recurring', null],
    ['Reviewed annually', FY15, 'recurring', null],
    ['Annual', FY15, 'recurring', null],
    ['Quarterly monitoring of PMF', FY14, 'recurring', null],
    ['Each Board meeting', FY14, 'recurring', null],
  ]);

  test('a date named in the text wins over the recurring word', () => {
    expect(read('Reviewed annually – March 2016')).toMatchObject({ kind: 'month', due: '2016-03-31' });
    expect(read('Quarterly report; next due Dec 15')).toMatchObject({ kind: 'month', due: '2015-12-31' });
  });
});

describe('ongoing', () => {
  const cases: [string, PlanPeriod, string | null][] = [
    ['On going', FY15, null],
    ['Ongoing', FY15, null],
    ['on-going', FY15, null],
    ['Continuous', FY15, null],
    ['From 01.04.11', H2_10, '2011-04-01'],
    ['From April 2015 and Ongoing', FY15, '2015-04-01'],
    ['April 2015 onwards', FY15, '2015-04-01'],
    ['March 2015 – Ongoing quarterly Review periods', FY15, '2015-03-01'],
  ];
  test.each(cases)('"%s" is ongoing from %s', (text, period, start) => {
    expect(read(text, period)).toMatchObject({ kind: 'ongoing', due: null, start, milestones: [] });
  });

  test('deadlines named alongside ongoing work are still read', () => {
    const t = read('<p>From April 2015 and Ongoing</p> <p>Report September 2015</p> <p>Review October 2015</p>');
    expect(t).toMatchObject({ kind: 'multi', due: '2015-10-31', start: '2015-04-01', milestones: ['2015-09-30', '2015-10-31'] });
  });
});

describe('unknown and placeholders', () => {
  const cases: [string, boolean][] = [
    ['At a date jointly agreed', false],
    ['To go live in ???', true],
    ['TBC', true],
    ['TBA', true],
    ['tbc', true],
    ['To be confirmed', true],
    ['', false],
    ['EXEC?', true],
    ['·', false],
  ];
  test.each(cases)('"%s" has no date (placeholder: %s)', (text, placeholder) => {
    expect(read(text, FY14)).toMatchObject({ kind: 'unknown', due: null, milestones: [], placeholder });
  });

  test('a placeholder beside a recurring word is still a placeholder', () => {
    expect(read('To go live in ??? Quarterly monitoring of performance', FY14)).toMatchObject({ kind: 'recurring', due: null, placeholder: true });
  });

  test('a placeholder beside a date keeps the date', () => {
    expect(read('June 2015 (TBC)')).toMatchObject({ kind: 'month', due: '2015-06-30', placeholder: true });
  });

  test('null and booleans are unknown', () => {
    expect(parseTimescale(null, 'General', FY15)).toMatchObject({ kind: 'unknown', text: '' });
    expect(parseTimescale(true, 'General', FY15)).toMatchObject({ kind: 'unknown', text: 'TRUE' });
  });
});

describe('cells Excel holds as dates', () => {
  const serial = isoToSerial('2015-11-30');

  test.each(['mmm-yy', 'mmmm yyyy', 'mmm yyyy'])('format %s means the month', (format) => {
    expect(parseTimescale(serial - 10, format, FY15)).toMatchObject({ kind: 'month', due: '2015-11-30', text: 'Nov 2015', confidence: 'medium' });
  });

  test.each(['dd/mm/yyyy', 'd-mmm-yy', 'yyyy-mm-dd', 'dd.mm.yy'])('format %s means the day', (format) => {
    expect(parseTimescale(serial, format, FY15)).toMatchObject({ kind: 'date', due: '2015-11-30', text: '30 Nov 2015', confidence: 'high', milestones: ['2015-11-30'] });
  });

  test('a whole number between 1900 and 2200 in General format is a year', () => {
    expect(parseTimescale(2016, 'General', FY15)).toMatchObject({ kind: 'month', due: '2016-12-31', text: '2016', confidence: 'low' });
  });

  test.each([12.5, 42338, -3, Number.NaN, Number.POSITIVE_INFINITY])('the number %d in General format is unknown', (value) => {
    expect(parseTimescale(value, 'General', FY15)).toMatchObject({ kind: 'unknown', due: null });
  });

  test('a serial far outside any plan is not read as a date', () => {
    expect(parseTimescale(9e9, 'dd/mm/yyyy', FY15).kind).toBe('unknown');
  });
});

describe('dates outside the plan period', () => {
  test('a milestone before the period is flagged, one inside is not', () => {
    expect(read('17.2.10', H2_10).outOfPeriod).toEqual(['2010-02-17']);
    expect(read('22.10.10', H2_10).outOfPeriod).toEqual([]);
  });

  test('a milestone after the period is flagged', () => {
    expect(read('Dec 15 Jun-16').outOfPeriod).toEqual(['2016-06-30']);
  });

  test('the last day of the period is inside it', () => {
    expect(read('31.3.16').outOfPeriod).toEqual([]);
  });
});

describe('text', () => {
  test('markup is removed and whitespace tidied', () => {
    expect(read('<p>From April 2015   and\n Ongoing</p>').text).toBe('From April 2015 and Ongoing');
    expect(read('  End of\tNov 15 ').text).toBe('End of Nov 15');
  });
});

describe('finding dates in text', () => {
  test('each phrase is reported with its position and the days it covers', () => {
    const text = 'Board in Dec 15, then Q4 2015/16';
    const found = findDates(text, FY15);
    expect(found.map((m) => [text.slice(m.index, m.end), m.from, m.due])).toEqual([
      ['Dec 15', '2015-12-01', '2015-12-31'],
      ['Q4 2015/16', '2016-01-01', '2016-03-31'],
    ]);
  });

  test('a month without a year is placed in the window given', () => {
    expect(findDates('June agenda', FY15, { start: '2016-03-31', end: '2017-03-31' })[0].due).toBe('2016-06-30');
  });
});

// ---- properties ------------------------------------------------------------------------------

const PERIODS = [FY15, FY14, H2_10];
const WORDS = [
  'Jan', 'March', 'Sept', 'may', 'Q3', 'Quarter', '2015', '16', '/', '-', '–', '.', ' ', 'to', 'from', 'on going', 'onwards',
  'Quarterly', 'TBC', '???', 'Spring', 'term', 'end of', 'financial year', '31st', '1', '29', '02', '2016/17', '<b>', '</p>', '&amp;', '\n',
];
const wordy = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((ws) => ws.join(''));
const spaced = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((ws) => ws.join(' '));
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  wordy,
  spaced,
  fc.double(),
  fc.integer({ min: -100000, max: 3000000 }),
  fc.boolean(),
  fc.constant(null),
);
const format = fc.oneof(fc.constantFrom('General', 'mmm-yy', 'dd/mm/yyyy', 'mmmm yyyy', '0.00', 'h:mm', '[Red]d-mmm', '@'), fc.string({ maxLength: 12 }));
const period = fc.constantFrom(...PERIODS);

function isIso(d: string): boolean {
  const { year, month, day } = parseIso(d);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidDate(year, month, day);
}

describe('properties', () => {
  test('never throws, and what it returns hangs together', () => {
    fc.assert(
      fc.property(cellValue, format, period, (value, fmt, p) => {
        const t = parseTimescale(value, fmt, p);
        expect(t.due === null || isIso(t.due)).toBe(true);
        expect(t.milestones.every(isIso)).toBe(true);
        if (t.milestones.length) expect(t.due).toBe([...t.milestones].sort().pop());
        else expect(t.due).toBeNull();
        expect(['recurring', 'ongoing', 'unknown'].includes(t.kind)).toBe(t.due === null);
        for (const d of t.outOfPeriod) {
          expect(t.milestones).toContain(d);
          expect(d < p.start || d > p.end).toBe(true);
        }
        expect(t.start === null || isIso(t.start)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('is deterministic', () => {
    fc.assert(
      fc.property(cellValue, format, period, (value, fmt, p) => {
        expect(parseTimescale(value, fmt, p)).toEqual(parseTimescale(value, fmt, p));
      }),
      { numRuns: 500 },
    );
  });

  test('every date written day-first is read back as that day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), fc.constantFrom('.', '/'), (d, sep) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const t = parseTimescale(`${day}${sep}${m}${sep}${y}`, 'General', FY15);
        expect(t.due).toBe(`${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }),
    );
  });

  /** What a timescale says: its reading, less the text it was read from. */
  const reading = (text: string, p: PlanPeriod) => {
    const { text: _, ...rest } = parseTimescale(text, 'General', p);
    return rest;
  };
  // Phrases as officers type them, with spaces; "may" is left out, which lower-case is the verb.
  const phrases = fc
    .array(fc.constantFrom('Jan', 'March', 'Sept', 'Dec', 'June', 'Q3', 'Quarter', '2015', '16', '/', '-', '–', '—', '.', 'to', 'from', 'and', 'by', 'end of',
      'on going', 'onwards', 'Quarterly', 'TBC', 'Spring', 'term', 'financial year', '31st', '1', '29', '02', '2016/17', 'Audit', 'Update'), { minLength: 1, maxLength: 10 })
    .map((ws) => ws.join(' '));

  test('capitals, extra spaces and line breaks change no reading', () => {
    fc.assert(
      fc.property(phrases, period, (text, p) => {
        const read = reading(text, p);
        expect(reading(text.toUpperCase(), p)).toEqual(read);
        expect(reading(text.toLowerCase(), p)).toEqual(read);
        expect(reading(text.replace(/ /g, '   '), p)).toEqual(read);
        expect(reading(text.replace(/ /g, '\n'), p)).toEqual(read);
      }),
      { numRuns: 1000 },
    );
  });

  test('an en or em dash reads as a hyphen does ("Jan – 16" is "Jan - 16", as Word turns one into the other)', () => {
    fc.assert(
      fc.property(phrases, period, (text, p) => {
        expect(reading(text, p)).toEqual(reading(text.replace(/[–—]/g, '-'), p));
      }),
      { numRuns: 1000 },
    );
    expect(parseTimescale('Jan – 16', 'General', FY15).due).toBe('2016-01-31');
    expect(parseTimescale('2 — Jan 2016', 'General', FY15).due).toBe('2016-01-02');
  });
});

describe('a range of days written with a spaced dash', () => {
  test.each([
    ['25 Nov – 10 Dec 2015', '2015-12-10'],
    ['25 Nov - 10 Dec 2015', '2015-12-10'],
    ['1 Oct – 15 Nov 15', '2015-11-15'],
  ])('%j is due on its last day, %s (the day after the dash is no year)', (text, due) => {
    expect(read(text).due).toBe(due);
  });

  test('a month and a two-digit year still read as one ("Nov-15", "Dec 15", "Mar \'16")', () => {
    expect(read('Nov-15').due).toBe('2015-11-30');
    expect(read('Dec 15').due).toBe('2015-12-31');
    expect(read("Mar '16").due).toBe('2016-03-31');
  });
});
