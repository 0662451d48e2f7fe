import fc from 'fast-check';
import { columnLetter, columnNumber } from '../../src/core/cells';
import { check } from '../../src/core/refresh';
import { toReport, type CheckReport } from '../../src/core/report';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { workbookArbitrary as workbook } from '../fixtures/arbitrary';

/**
 * An officer inserts a column before the plan, or a blank row between two actions: the plan is the
 * same plan, and its check must say the same, at the cells' new addresses.
 */

const today = '2016-03-31';

/** A report with every cell address moved as `move` says, in the findings' cells and messages. */
function movedReport(report: CheckReport, sheets: string[], move: (sheet: string, col: number, row: number) => [number, number]): CheckReport {
  const out = structuredClone(report);
  const address = (sheet: string, letters: string, row: string) => {
    const [c, r] = move(sheet, columnNumber(letters), Number(row));
    return `${columnLetter(c)}${r}`;
  };
  // A sheet is named quoted ('Children''s Plan') or bare, then !A1. A message also quotes the
  // officer's text ("Timescale "!A00" is not a date"), which stays as it was: only a sheet of the
  // workbook and a row number (no leading 0) make an address.
  const unquote = (q: string) => (q.startsWith("'") ? q.slice(1, -1).replace(/''/g, "'") : q);
  for (const f of out.issues) {
    if (f.cell) f.cell = f.cell.replace(/^([A-Z]+)(\d+)$/, (_m, l: string, r: string) => address(f.sheet, l, r));
    f.message = f.message.replace(/('(?:[^']|'')+'|[^\s'!"]+)!([A-Z]{1,3})([1-9]\d*)/g, (m, q: string, l: string, r: string) =>
      sheets.includes(unquote(q)) ? `${q}!${address(unquote(q), l, r)}` : m,
    );
  }
  for (const p of out.plans) {
    p.headerRow = move(p.sheet, 1, p.headerRow)[1];
    for (const a of p.actions) a.row = move(p.sheet, 1, a.row)[1];
    for (const m of Object.values(p.columns).flatMap((v) => (Array.isArray(v) ? v : [v]))) if (m) m.column = columnLetter(move(p.sheet, columnNumber(m.column), p.headerRow)[0]);
  }
  return out;
}

/** Settings stored in the workbook may name columns by letter, which a moved plan would not follow. */
const namesColumns = (s: WorkbookSnapshot) => s.sheets.some((sh) => sh.values.some((r) => r.some((v) => typeof v === 'string' && v.includes('"columns"'))));

/** BoardPlan's own state sheet stays where BoardPlan keeps it. */
const movable = (sheet: WorkbookSnapshot['sheets'][number]) => sheet.visibility !== 'veryHidden';

describe('a plan moved on its sheet is checked the same', () => {
  test('an empty column inserted at A moves every address one column right and changes nothing else', () => {
    fc.assert(
      fc.property(workbook, (snapshot) => {
        if (namesColumns(snapshot)) return;
        const moved = structuredClone(snapshot);
        const shifted = new Set(moved.sheets.filter(movable).map((s) => s.name));
        for (const s of moved.sheets) if (shifted.has(s.name)) s.left += 1;
        for (const t of moved.tables) if (shifted.has(t.sheet)) [t.left, t.right] = [t.left + 1, t.right + 1];
        const before = toReport(check(snapshot, { today }), snapshot.name);
        const after = toReport(check(moved, { today }), snapshot.name);
        expect(after).toEqual(movedReport(before, snapshot.sheets.map((s) => s.name), (sheet, col, row) => [shifted.has(sheet) ? col + 1 : col, row]));
      }),
      { numRuns: 300 },
    );
  });

  test('a blank row inserted among the actions moves the rows below it and changes nothing else', () => {
    fc.assert(
      fc.property(workbook, fc.nat(), fc.nat(), (snapshot, whichPlan, whichRow) => {
        if (namesColumns(snapshot)) return;
        const before = toReport(check(snapshot, { today }), snapshot.name);
        const plans = before.plans.filter((p) => p.actions.length > 0);
        if (!plans.length) return;
        const plan = plans[whichPlan % plans.length];
        // Between two actions on consecutive rows, below the title rows (1 to 10) where the plan
        // period is read. (Two blank rows in a row end what a row of headings heads, so a blank row
        // beside one already blank in the plan's columns is a different plan.)
        const actionRows = new Set(plan.actions.map((a) => a.row));
        const rows = [...actionRows].filter((r) => r > 10 && actionRows.has(r - 1));
        if (!rows.length) return;
        const at = rows[whichRow % rows.length];
        const moved = structuredClone(snapshot);
        const sheet = moved.sheets.find((s) => s.name === plan.sheet)!;
        const width = sheet.values[0]?.length ?? 0;
        sheet.values.splice(at - sheet.top, 0, Array<null>(width).fill(null));
        sheet.numberFormats.splice(at - sheet.top, 0, Array<string>(width).fill('General'));
        for (const t of moved.tables) {
          if (t.sheet !== plan.sheet) continue;
          if (t.top >= at) t.top += 1;
          if (t.bottom >= at) t.bottom += 1;
        }
        const after = toReport(check(moved, { today }), snapshot.name);
        expect(after).toEqual(movedReport(before, snapshot.sheets.map((s) => s.name), (name, col, row) => [col, name === plan.sheet && row >= at ? row + 1 : row]));
      }),
      { numRuns: 300 },
    );
  });
});
