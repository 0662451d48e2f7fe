import fc from 'fast-check';
import { formatDate, parseA1 } from '../../src/core/cells';
import { check, refresh } from '../../src/core/refresh';
import { CheckReportSchema, toReport } from '../../src/core/report';
import { WorkbookPatchSchema, STATE_SHEET } from '../../src/core/patch';
import { ownedHeaderKind } from '../../src/core/columns';
import { cellAt, type CellValue, type SheetSnapshot, type TableSnapshot, type WorkbookSnapshot } from '../../src/core/snapshot';
import { readState } from '../../src/core/state';

/**
 * Whole workbooks of any shape: what an officer's file may hold, headings and plans among other
 * things. Whatever it holds, a check and a refresh finish, say where each finding is, and write
 * only what a host can apply.
 */

const TEXTS = [
  'Ref', 'Ref.', 'Action', 'Actions for 2015-16', 'Outcome/Evidence Measure', 'Who will lead?', 'Lead', 'Timescale',
  'Completion Date', 'Progress', 'Progress (RAG)', 'RAG Rating', 'Priority', 'Status', 'Key Activity',
  'Priority 1: Early help', 'Strategic Priority (2) Leadership', 'Key Priority 3', 'Business Plan 2015-16',
  '1.1', '2a.1', '3.', 'A1', '1.1.1 To develop a training strategy', '4. Gather assurance',
  'End of Nov 15', 'Jun-16', 'Sept 16', '2016-17', 'Q3 2016/17', 'Jan – Mar 2011', 'Quarterly', 'On going', 'TBC', '???',
  '22.10.10 21.1.11', 'From 01.04.11', '31st March 2016', 'Update Dec 15: done. Update Mar 16 – complete', 'Not started',
  'Revise date to Mar 16', '<b>Update Jan 16</b> : in place', '<p>Draft</p><p>Agreed</p>', '#REF!', 'EXEC?',
  'Red', 'Amber', 'Green', 'Blue', 'Complete', 'RAG (proposed)', 'RAG reason', '=SUM(A1)', '+44 1234', '-', '', ' ', '\n',
];

const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 12 }));
const value: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 60_000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.boolean() },
);
const format: fc.Arbitrary<string> = fc.constantFrom('General', 'General', 'dd/mm/yyyy', 'mmm-yy', 'mmmm yyyy', '0.00', '@');

/** Headings of each kind of column, in the forms plans use. */
const HEADINGS = {
  ref: ['Ref', 'Ref.', 'Ref. no', 'No.'],
  action: ['Action', 'Actions for 2015-16', 'TASKS', 'Key Activity', 'In 2014/5 we will'],
  outcome: ['Outcome/Evidence Measure', 'Desired Outcome', 'Outcome'],
  lead: ['Who will lead?', 'Sub group or Lead', 'LEAD RESPONSIBILITY', 'Responsible Lead'],
  timescale: ['Timescale', 'Completion Date', 'Timescale/ Progress Review Points', 'Due'],
  progress: ['Progress', 'Progress (RAG)', 'Progress update'],
  rag: ['RAG Rating', 'RAG', 'Status'],
  priority: ['Priority', 'Strategic Priority'],
};
type Kind = keyof typeof HEADINGS;

/** What a cell of each kind of column may hold, the odd value included. */
const CELL: Record<Kind, fc.Arbitrary<CellValue>> = {
  ref: fc.oneof(fc.constantFrom('1.1', '1.2', '2a.1', '2a.1', '3.', '4', 'A1', '', null), value),
  action: fc.oneof(fc.constantFrom('1.1.1 To develop a strategy', 'Audit case files', '4. Gather assurance', '', null), text),
  outcome: fc.oneof(fc.constantFrom('Fewer repeat referrals', '', null), text),
  lead: fc.oneof(fc.constantFrom('PPPG', 'Executive', 'EXEC?', '', null), text),
  timescale: fc.oneof(fc.constantFrom('End of Nov 15', 'Jun-16', 'Quarterly', 'TBC', '2015/16', ''), fc.integer({ min: 40_000, max: 43_000 }), value),
  progress: fc.oneof(fc.constantFrom('Update Dec 15: started. Update Mar 16: complete', 'Not due', '<b>Update Jan 16</b> : on track', 'Complete', ''), value),
  rag: fc.oneof(fc.constantFrom('Red', 'Amber', 'Green', 'Blue', 'Complete', 'R', 'Purple', ''), value),
  priority: fc.oneof(fc.constantFrom('Priority 1', '2. Neglect', '', null), value),
};

/** A plan: title rows, a header row of some of the known headings, then its rows, some of them section rows. */
const plan: fc.Arbitrary<[CellValue, string][][]> = fc
  .tuple(
    fc.array(fc.array(fc.tuple(value, format), { maxLength: 3 }), { maxLength: 3 }),
    fc.shuffledSubarray(Object.keys(HEADINGS) as Kind[], { minLength: 2 }),
    fc.integer({ min: 0, max: 2 }),
  )
  .chain(([titles, kinds, indent]) =>
    fc.tuple(
      fc.constant(titles),
      fc.tuple(...kinds.map((k) => fc.constantFrom(...HEADINGS[k]))),
      fc.array(
        fc.oneof(
          { weight: 6, arbitrary: fc.tuple(...kinds.map((k) => fc.tuple(CELL[k], format))) },
          { weight: 1, arbitrary: fc.constantFrom('Priority 2a: Leadership', 'Key Priority 1', 'Neglect').map((t): [CellValue, string][] => [[t, 'General']]) },
          { weight: 1, arbitrary: fc.constant<[CellValue, string][]>([]) },
        ),
        { maxLength: 20 },
      ),
      fc.constant(indent),
    ),
  )
  .map(([titles, headings, rows, indent]) => {
    const pad = (r: [CellValue, string][]): [CellValue, string][] => [...Array.from({ length: indent }, (): [CellValue, string] => [null, 'General']), ...r];
    return [...titles.map(pad), pad(headings.map((h): [CellValue, string] => [h, 'General'])), ...rows.map(pad)];
  });

const sheet = (name: string): fc.Arbitrary<SheetSnapshot> =>
  fc
    .record({
      top: fc.integer({ min: 1, max: 4 }),
      left: fc.integer({ min: 1, max: 3 }),
      rows: fc.oneof<fc.Arbitrary<[CellValue, string][][]>[]>(
        plan,
        fc.array(fc.array(fc.tuple(value, format), { maxLength: 8 }), { maxLength: 25 }),
        plan.chain((a) => plan.map((b) => [...a, [], ...b])),
      ),
      visibility: fc.constantFrom('visible' as const, 'visible' as const, 'hidden' as const),
    })
    .map(({ top, left, rows, visibility }) => {
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      return {
        name,
        visibility,
        top,
        left,
        values: width ? rows.map((r) => Array.from({ length: width }, (_, c) => r[c]?.[0] ?? null)) : [],
        numberFormats: width ? rows.map((r) => Array.from({ length: width }, (_, c) => r[c]?.[1] ?? 'General')) : [],
      };
    });

const workbook: fc.Arbitrary<WorkbookSnapshot> = fc
  .uniqueArray(fc.oneof(fc.constantFrom('Plan', 'Business Plan', 'Priority 2', 'P1 Summary', 'Board Overview', STATE_SHEET), fc.string({ minLength: 1, maxLength: 12 })), {
    minLength: 1,
    maxLength: 3,
    selector: (s) => s.toLowerCase(),
  })
  .chain((names) =>
    fc.tuple(
      fc.tuple(...names.map(sheet)),
      fc.array(
        fc.record({
          sheet: fc.constantFrom(...names),
          top: fc.integer({ min: 1, max: 10 }),
          left: fc.integer({ min: 1, max: 4 }),
          height: fc.integer({ min: 0, max: 12 }),
          width: fc.integer({ min: 0, max: 6 }),
          name: fc.constantFrom('Plan', 'Priority_1', 'AdultsPlan', 'Table1'),
          showHeaders: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
    ),
  )
  .map(([sheets, tables]) => ({
    name: 'property.xlsx',
    sheets,
    tables: tables.map(
      (t, i): TableSnapshot => ({ name: `${t.name}${i}`, sheet: t.sheet, top: t.top, left: t.left, bottom: t.top + t.height, right: t.left + t.width, showHeaders: t.showHeaders }),
    ),
  }));

describe('any workbook', () => {
  test('a check finishes, its JSON report keeps its documented shape, and every finding names a sheet of the workbook and a cell', () => {
    fc.assert(
      fc.property(workbook, (snapshot) => {
        const result = check(snapshot, { today: '2016-03-31' });
        CheckReportSchema.strict().parse(JSON.parse(JSON.stringify(toReport(result, snapshot.name))));
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

  test('a check reads the same from a copy of the workbook, whatever was checked before and as of when', () => {
    fc.assert(
      fc.property(workbook, workbook, fc.constantFrom('2015-12-31', '2016-03-31', '2016-06-30'), (snapshot, other, asOf) => {
        const first = JSON.stringify(toReport(check(snapshot, { asOf }), snapshot.name));
        check(other, { asOf: '2016-01-15', dueSoonDays: 45 });
        check(snapshot, { asOf: '2017-03-31' });
        const copy = JSON.parse(JSON.stringify(snapshot)) as WorkbookSnapshot;
        const again = check(copy, { asOf });
        expect(JSON.stringify(toReport(again, snapshot.name))).toBe(first);
        // Reasons that name the as-of date or the due-soon window name this run's.
        for (const { actions } of again.plans) {
          for (const { assessment } of actions) {
            for (const m of assessment.reason.matchAll(/\b(?:recorded by|as of|days of) (\d{1,2} \w{3} \d{4})/g)) expect(m[1]).toBe(formatDate(asOf));
            for (const m of assessment.reason.matchAll(/\bwithin (\d+) days\b/g)) expect(m[1]).toBe('30');
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
        // The user's sheets: all but BoardPlan's own, which its hidden sheet lists.
        const owned = new Set(readState(snapshot).ownedSheets);
        const theirs = snapshot.sheets.map((s) => s.name).filter((name) => name !== STATE_SHEET && !owned.has(name));
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
