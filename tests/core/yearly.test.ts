import fc from 'fast-check';
import { asOfFacts } from '../../src/core/as-of';
import { assess, type AssessContext } from '../../src/core/assess';
import type { Action, PlanPeriod, Progress, TimescaleKind } from '../../src/core/model';
import { presetScheme } from '../../src/core/schemes';
import { parseTimescale } from '../../src/core/timescale';
import { dueAsOf, lastOccurrence, nextOccurrence } from '../../src/core/yearly';

const FY24: PlanPeriod = { start: '2024-04-01', end: '2025-03-31' };
const read = (text: string) => parseTimescale(text, 'General', FY24);

type Row = [text: string, asOf: string, kind: TimescaleKind, due: string | null];

/** A timescale's reading as of a day: its kind, and the date it is due by then. */
function expectRows(rows: Row[]) {
  test.each(rows.map(([text, asOf, kind, due]) => [text, kind, due ?? 'no date', asOf] as const))('"%s" is %s, due %s as of %s', (text, kind, due, asOf) => {
    const t = read(text);
    expect({ kind: t.kind, due: dueAsOf(t, asOf) ?? 'no date' }).toEqual({ kind, due });
  });
}

describe('yearly repeats: due on the next occurrence on or after the as-of date', () => {
  expectRows([
    ['31 August (annually)', '2024-10-31', 'recurring', '2025-08-31'],
    ['31 August (annually)', '2024-08-31', 'recurring', '2024-08-31'],
    ['March (annually)', '2024-10-31', 'recurring', '2025-03-31'],
    ['Every August', '2024-06-30', 'recurring', '2024-08-31'],
    ['each April', '2024-10-31', 'recurring', '2025-04-30'],
    ['Every October', '2024-10-31', 'recurring', '2024-10-31'],
    ['Every May and November', '2024-10-31', 'recurring', '2024-11-30'],
    ['Every May and November', '2024-12-01', 'recurring', '2025-05-31'],
    ['June each year', '2024-10-31', 'recurring', '2025-06-30'],
    ['Annually in September', '2024-10-31', 'recurring', '2025-09-30'],
    ['1 April (annually)', '2025-01-31', 'recurring', '2025-04-01'],
  ]);
});

describe('not yearly repeats', () => {
  expectRows([
    ['Reviewed annually – March 2016', '2015-10-31', 'month', '2016-03-31'],
    ['Annually', '2024-10-31', 'recurring', null],
    ['Within 3 months of each review', '2024-10-31', 'unknown', null],
    ['Every Board meeting', '2024-10-31', 'recurring', null],
  ]);
});

describe('recurring through a span of years, not a financial year that ends', () => {
  expectRows([
    ['2024-2027\nQuarterly', '2024-10-31', 'recurring', null],
    ['2023-2025 Quarterly review', '2024-10-31', 'recurring', null],
    ['Quarterly, 2015 to 2018', '2016-10-31', 'recurring', null],
    ['2024-2027', '2024-10-31', 'fy', '2027-03-31'],
    ['Quarterly 2024/25', '2024-10-31', 'fy', '2025-03-31'],
  ]);

  test('the span gives the work its start', () => {
    expect(read('2024-2027\nQuarterly').start).toBe('2024-04-01');
  });
});

describe('occurrences', () => {
  test('the next is on or after the day, the last before it', () => {
    const august = [{ month: 8, day: 31 }];
    expect(nextOccurrence(august, '2024-08-31')).toBe('2024-08-31');
    expect(lastOccurrence(august, '2024-08-31')).toBe('2023-08-31');
    expect(lastOccurrence(august, '2024-09-01')).toBe('2024-08-31');
  });

  test('for any dates and any day, the next is on or after it and within a year, the last before it and within a year', () => {
    const dates = fc.array(fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }) }), { minLength: 1, maxLength: 4 });
    const day = fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2150, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, day, (ds, d) => {
        const next = nextOccurrence(ds, d)!;
        const last = lastOccurrence(ds, d)!;
        expect(next >= d).toBe(true);
        expect(last < d).toBe(true);
        expect(Number(next.slice(0, 4)) - Number(d.slice(0, 4))).toBeLessThanOrEqual(1);
        expect(Number(d.slice(0, 4)) - Number(last.slice(0, 4))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  test('capitals and spacing change no yearly reading', () => {
    const texts = fc.constantFrom('31 August (annually)', 'Every August', 'each April', 'March annually', 'Every October and April', 'June each year');
    fc.assert(
      fc.property(texts, (text) => {
        const base = read(text);
        for (const other of [text.toUpperCase(), text.toLowerCase(), text.replace(/ /g, '   '), text.replace(/ /g, '\n')]) {
          expect({ ...read(other), text: '' }).toEqual({ ...base, text: '' });
        }
      }),
    );
  });
});

describe('rating a yearly task', () => {
  const brag = presetScheme('brag')!;
  const ctx: AssessContext = { asOf: asOfFacts('2024-10-31'), dueSoonDays: 30, scheme: brag, datedUpdates: true };
  const progress = (p: Partial<Progress>): Progress => ({ text: '', updates: [], lastUpdate: null, lastUpdateText: null, complete: false, notStarted: false, notDue: false, revised: null, hadMarkup: false, ...p });
  const action = (timescale: string, p: Partial<Progress> = {}): Action => ({
    sheet: 'Plan', row: 5, lastRow: 5, ref: '1.1', refSource: 'column', priority: '1', action: 'Publish the annual report', outcome: '', lead: 'Board Manager',
    timescale: read(timescale), progress: progress(p), agreedRag: null, milestoneRags: [], statusText: null, cells: {},
  });

  test('on track when updated since the last occurrence, and the reason gives the next', () => {
    const a = assess(action('31 August (annually)', { text: 'Sept 24 – published', lastUpdate: '2024-09-30', updates: [{ date: '2024-09-30', text: 'published' }] }), ctx).assessment;
    expect(a.status).toBe('on-track');
    expect(a.reason).toContain('next due 31 Aug 2025');
  });

  test('at risk when the last occurrence has passed with no update since', () => {
    const a = assess(action('Every August', { text: 'Invoices sent in April.' }), ctx).assessment;
    expect(a.status).toBe('at-risk');
    expect(a.reason).toContain('31 Aug 2024 has passed with no update since');
  });

  test('at risk when the next occurrence is due soon', () => {
    expect(assess(action('Every November', { text: 'Oct 24 – programme agreed', lastUpdate: '2024-10-31', updates: [{ date: '2024-10-31', text: 'x' }] }), ctx).assessment.status).toBe('at-risk');
  });
});
