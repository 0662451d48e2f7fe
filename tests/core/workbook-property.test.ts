import fc from 'fast-check';
import { formatDate, parseA1 } from '../../src/core/cells';
import { check, refresh } from '../../src/core/refresh';
import { CheckReportSchema, toReport } from '../../src/core/report';
import { WorkbookPatchSchema } from '../../src/core/patch';
import { ownedHeaderKind } from '../../src/core/columns';
import { cellAt } from '../../src/core/snapshot';
import { workbookArbitrary as workbook } from '../fixtures/arbitrary';
import { readState } from '../../src/core/state';
import type { Finding } from '../../src/core/model';

/**
 * Whole workbooks of any shape: what an officer's file may hold, headings and plans among other
 * things. Whatever it holds, a check and a refresh finish, say where each finding is, and write
 * only what a host can apply.
 */

describe('any workbook', () => {
  test('a check finishes, its JSON report keeps its documented shape, and every finding names a sheet of the workbook and a cell', () => {
    fc.assert(
      fc.property(workbook, (snapshot) => {
        const result = check(snapshot, { today: '2016-03-31' });
        CheckReportSchema.strict().parse(JSON.parse(JSON.stringify(toReport(result, snapshot.name))));
        // A finding serialises as what it says, whatever it holds to say it.
        const said = (f: Finding): Finding => ({ severity: f.severity, rule: f.rule, sheet: f.sheet, cell: f.cell, message: f.message });
        expect(JSON.parse(JSON.stringify(result.findings))).toEqual(result.findings.map(said));
        for (const f of result.findings) {
          expect(f.message.trim()).not.toBe('');
          if (f.rule === 'no-plan') continue;
          const sheet = snapshot.sheets.find((s) => s.name === f.sheet);
          expect(sheet).toBeDefined();
          if (f.cell === null) continue;
          // The cell is one the officer can go to: inside what the sheet or one of its tables holds.
          const at = parseA1(f.cell)!;
          expect(at).not.toBeNull();
          const inTable = snapshot.tables.some((t) => t.sheet === f.sheet && at.row >= t.top && at.row <= t.bottom && at.col >= t.left && at.col <= t.right);
          const inUsed = at.row >= sheet!.top && at.row < sheet!.top + sheet!.values.length && at.col >= sheet!.left && at.col < sheet!.left + (sheet!.values[0]?.length ?? 0);
          expect(inTable || inUsed).toBe(true);
        }
        for (const { plan, actions } of result.plans) {
          for (const { action, assessment } of actions) {
            expect(assessment.reason.trim()).not.toBe('');
            expect(action.row).toBeGreaterThan(plan.headerRow);
            expect(action.lastRow).toBeGreaterThanOrEqual(action.row);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('reasons that name the as-of date or the due-soon window name the run\'s', () => {
    fc.assert(
      fc.property(workbook, fc.constantFrom('2015-12-31', '2016-03-31', '2016-06-30'), fc.constantFrom(14, 30, 45), (snapshot, asOf, dueSoonDays) => {
        const result = check(snapshot, { asOf, dueSoonDays });
        const days = String(result.settings.dueSoonDays);
        for (const { actions } of result.plans) {
          for (const { assessment } of actions) {
            for (const m of assessment.reason.matchAll(/\b(?:recorded by|as of|days of) (\d{1,2} \w{3} \d{4})/g)) expect(m[1]).toBe(formatDate(asOf));
            for (const m of assessment.reason.matchAll(/\bwithin (\d+) days\b/g)) expect(m[1]).toBe(days);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test('a refresh finishes with a patch a host can apply, that writes no sheet and no cell of the user', () => {
    fc.assert(
      fc.property(workbook, (snapshot) => {
        const { patch } = refresh(snapshot, { today: '2016-03-31' });
        WorkbookPatchSchema.parse(patch);
        // The user's sheets: all but BoardPlan's own, its state sheet and those it lists there.
        const state = readState(snapshot);
        const owned = new Set([...(state.present ? [state.sheet] : []), ...state.ownedSheets]);
        const theirs = snapshot.sheets.map((s) => s.name).filter((name) => !owned.has(name));
        for (const name of theirs) {
          expect(patch.sheets.map((s) => s.name)).not.toContain(name);
          expect(patch.deleteSheets).not.toContain(name);
        }
        // BoardPlan's columns beside a plan go where the sheet is empty, or where its own column already is.
        for (const column of patch.columns) {
          const sheet = snapshot.sheets.find((s) => s.name === column.sheet)!;
          if (ownedHeaderKind(String(cellAt(sheet, column.headerRow, column.col) ?? ''))) continue;
          const last = Math.max(column.firstRow + column.values.length - 1, column.clearToRow);
          // Office.js reads an empty cell as "".
          for (let row = column.headerRow; row <= last; row++) expect([null, '']).toContain(cellAt(sheet, row, column.col));
        }
      }),
      { numRuns: 200 },
    );
  });
});
