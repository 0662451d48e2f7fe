import fc from 'fast-check';
import { cleanSheetName, safeSheetName } from '../../src/core/sheetname';

/** Excel's own rules for a sheet name. */
function excelAccepts(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[\[\]:*?\/\\]/.test(name) && !name.startsWith("'") && !name.endsWith("'") && name.toLowerCase() !== 'history';
}

describe('safeSheetName', () => {
  test.each([
    ['P1 Summary', 'P1 Summary'],
    ['Q3 2015/16: review', 'Q3 2015-16 review'],
    ['[Draft] *Plan?* \\ notes', 'Draft Plan - notes'],
    ["'Quoted'", 'Quoted'],
    ['   ', 'Sheet'],
    ['Keeping children safe from exploitation Summary', 'Keeping children safe from expl'],
  ])('%j becomes %j', (wanted, expected) => {
    expect(safeSheetName(wanted, [], [])).toBe(expected);
  });

  test('a name held by a user sheet gets a number, compared without regard to case', () => {
    expect(safeSheetName('P1 Summary', ['p1 summary'], [])).toBe('P1 Summary (2)');
    expect(safeSheetName('P1 Summary', ['P1 Summary', 'P1 SUMMARY (2)'], [])).toBe('P1 Summary (3)');
  });

  test('a name BoardPlan owns is reused', () => {
    expect(safeSheetName('P1 Summary', ['P1 Summary', 'Plan'], ['P1 Summary'])).toBe('P1 Summary');
    expect(safeSheetName('P1 Summary', ['p1 summary'], ['P1 SUMMARY'])).toBe('P1 Summary');
  });

  test('the numbered name stays within 31 characters', () => {
    const long = 'Safeguarding adults at risk Summary';
    const name = safeSheetName(long, [cleanSheetName(long)], []);
    expect(name).toBe('Safeguarding adults at risk (2)');
    expect(name.length).toBeLessThanOrEqual(31);
  });

  test('"History" is reserved by Excel even when no sheet has it', () => {
    expect(safeSheetName('History', [], [])).toBe('History (2)');
    expect(safeSheetName('history', [], ['History'])).toBe('history (2)');
  });

  test('whatever is wanted, the result is a name Excel accepts and no user sheet has', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.string({ maxLength: 35 }), { maxLength: 8 }), (wanted, taken) => {
        const name = safeSheetName(wanted, taken, []);
        expect(excelAccepts(name)).toBe(true);
        expect(taken.map((t) => t.toUpperCase())).not.toContain(name.toUpperCase());
      }),
      { numRuns: 300 },
    );
  });
});
