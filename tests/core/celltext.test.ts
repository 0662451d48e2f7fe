import { CELL_TEXT_LIMIT, fitCell } from '../../src/core/celltext';
import { refresh } from '../../src/core/refresh';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { sheetFrom } from './helpers/assessed';

/** Excel holds at most 32,767 characters in a cell: what a refresh writes never holds more. */

const HEADINGS = ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'];

describe('texts longer than a cell holds', () => {
  test('an action of 40,000 characters is cut to 32,767 in every sheet the refresh writes, with an ellipsis and a note', () => {
    const long = `Review the thresholds ${'and consult partners '.repeat(2_000)}`;
    const snapshot: WorkbookSnapshot = {
      name: 'plan.xlsx',
      sheets: [sheetFrom('Plan', [HEADINGS, ['1.1', long, 'Chair', 'Jan 2016', 'Update Dec 15: started']])],
      tables: [],
    };
    expect(long.length).toBeGreaterThan(40_000);
    const result = refresh(snapshot, { today: '2016-03-31' });
    const texts = result.patch.sheets.flatMap((s) => s.rows.flat()).filter((v): v is string => typeof v === 'string');
    const copies = texts.filter((t) => t.startsWith('Review the thresholds'));
    expect(copies.length).toBeGreaterThan(0);
    for (const t of copies) {
      expect(t.length).toBe(CELL_TEXT_LIMIT);
      expect(t.endsWith('…')).toBe(true);
    }
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(result.notices.join(' ')).toMatch(/longer than the 32,767 characters a cell holds and cut to fit/);
  });

  test('a text that fits is left as it is, and a cut never splits a character in two', () => {
    expect(fitCell('Complete')).toBe('Complete');
    const emoji = `${'a'.repeat(CELL_TEXT_LIMIT - 2)}😀😀`;
    const cut = fitCell(emoji);
    expect(cut.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(cut).toBe(`${'a'.repeat(CELL_TEXT_LIMIT - 2)}…`);
  });
});
