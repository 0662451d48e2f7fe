import { check, refresh } from '../../src/core/refresh';
import fc from 'fast-check';
import { keyEntries, schemeFromKey } from '../../src/core/ragkey';
import { readState } from '../../src/core/state';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { bathShape, leicsShape } from '../fixtures/plans';
import { fixtureSnapshot } from '../fixtures/workbook';

describe('the RAG key a plan prints', () => {
  test('"Red: Off Target; Amber: On Target; Green: Complete" is the off-target preset', () => {
    expect(schemeFromKey(fixtureSnapshot(bathShape))).toBe('off-target');
  });

  test('a plan without a key has none, and text that merely mentions colours is not a key', () => {
    expect(schemeFromKey(fixtureSnapshot(leicsShape))).toBeNull();
    const snap: WorkbookSnapshot = {
      name: 'x.xlsx',
      tables: [],
      sheets: [{ name: 'S', visibility: 'visible', top: 1, left: 1, values: [['Red: the team met; Green: paper agreed']], numberFormats: [['General']] }],
    };
    expect(schemeFromKey(snap)).toBeNull();
  });

  test('a first refresh rates under the printed key and saves it, so the next refresh keeps it', () => {
    const snap = fixtureSnapshot(bathShape);
    const first = refresh(snap, { today: '2016-03-31' });
    expect(first.scheme.name).toBe('off-target');
    const saved = first.patch.sheets.find((s) => s.name === 'BoardPlan')!;
    const withState: WorkbookSnapshot = {
      ...snap,
      sheets: [...snap.sheets, { name: 'BoardPlan', visibility: 'veryHidden', top: 1, left: 1, values: saved.rows as (string | null)[][], numberFormats: saved.rows.map((r) => r.map(() => 'General')) }],
    };
    expect(readState(withState).settings.scheme).toBe('off-target');
    expect(check(withState, { today: '2016-03-31' }).scheme.name).toBe('off-target');
  });

  test('a scheme asked for explicitly wins over the printed key', () => {
    expect(check(fixtureSnapshot(bathShape), { today: '2016-03-31', scheme: 'brag' }).scheme.name).toBe('brag');
  });
});

describe('reading a key: each code and what it means', () => {
  test.each([
    ['RAG key:\tG\ton track\tA\tsome slippage, recoverable\tR\toff track\tC\tcomplete', 'G=on track; A=some slippage, recoverable; R=off track; C=complete'],
    ['Outcome key:\t1  Fully achieved\t2  Partially achieved – on track\t4  Not achieved', '1=Fully achieved; 2=Partially achieved – on track; 4=Not achieved'],
    ['RAG:  G on track   A at risk   R overdue   B complete', 'G=on track; A=at risk; R=overdue; B=complete'],
    ['BRAG:  B = complete;  R = not achieved by the target date;  A = at risk', 'B=complete; R=not achieved by the target date; A=at risk'],
    ['Red: Off Target; Amber: On Target; Green: Complete', 'Red=Off Target; Amber=On Target; Green=Complete'],
  ])('%j', (line, entries) => {
    expect(keyEntries(line).map((e) => `${e.code}=${e.meaning}`).join('; ')).toBe(entries);
  });

  test.each([
    'Red: the team met; Green: paper agreed',
    'Phase 1 complete, phase 2 in progress',
    'Year-end review, March 2021',
    'Section 2.1 complete',
  ])('%j is no key', (line) => {
    expect(keyEntries(line)).toEqual([]);
  });

  test('never throws, and every entry it gives reads as a status', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('G', 'A', 'R', '1', '2', 'Red', 'Amber', ':', '=', '–', ';', '\t', '  ', 'on track', 'complete', 'at risk', 'the team', 'x'), { maxLength: 14 }), (parts) => {
        for (const e of keyEntries(parts.join(' '))) expect(e.meaning.trim()).not.toBe('');
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void keyEntries(s)), { numRuns: 500 });
  });
});
