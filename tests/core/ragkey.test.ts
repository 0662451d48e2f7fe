import { check, refresh } from '../../src/core/refresh';
import { schemeFromKey } from '../../src/core/ragkey';
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
