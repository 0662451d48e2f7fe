import fc from 'fast-check';
import { columnLetter, isoToSerial } from '../../src/core/cells';
import { FIELDS } from '../../src/core/model';
import { readPlans } from '../../src/core/plan';
import type { CellValue, WorkbookSnapshot } from '../../src/core/snapshot';

/**
 * Recognition by heading words and cell content, over workbooks nobody wrote by hand: whatever a
 * sheet holds, reading it finishes; and a plan whose cells plainly are a plan (actions, the people
 * who lead them, dates, dated notes) is found and read whatever words its headings use, known or not.
 */

const period = { start: '2015-04-01', end: '2016-03-31' };

function snapshotOf(rows: CellValue[][], formats?: string[][], top = 1, left = 1): WorkbookSnapshot {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const values = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  const numberFormats = formats ?? values.map((r) => r.map(() => 'General'));
  return { name: 'grid.xlsx', sheets: [{ name: 'Plan', visibility: 'visible', top, left, values, numberFormats }], tables: [] };
}

// Texts that look like parts of plans, mixed with anything at all.
const planish = fc.constantFrom(
  'Action', 'Actions', 'Lead', 'Owner', 'Timescale', 'Target date (MM/YY)', 'Progress', 'Q2 update', 'Update Sept 18', 'RAG', 'R/A/G', 'Status',
  'Ref', '1.1', '2a.3', 'A2.1', '#REF!', '#N/A', 'Priority 1: Early help', 'Red', 'Amber', 'Green', 'Complete', 'On track', 'Behind schedule',
  'Ongoing', 'Quarterly', 'March 2016', 'Q3 2015/16', '2015/16', '06/16', 'Head of Service', 'LSCB Business Manager', 'Police',
  'March 2016 – training delivered to 40 staff', 'Review the threshold document with partners and publish it', '50% complete', 'Key: R = overdue',
  'Notes', 'Total', '', ' ',
);
const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 5, arbitrary: planish },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 60000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constant(null) },
);
const grid = fc.array(fc.array(anyCell, { maxLength: 9 }), { maxLength: 40 });

describe('recognition never throws', () => {
  test('on any grid of cells, with or without a range pointed at and columns named', () => {
    fc.assert(
      fc.property(
        grid,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.record({ row: fc.integer({ min: 1, max: 45 }), rows: fc.integer({ min: 0, max: 30 }), cols: fc.integer({ min: 0, max: 10 }) })),
        fc.dictionary(fc.constantFrom(...FIELDS), fc.option(fc.oneof(planish, fc.constantFrom('A', 'C', 'ZZ')))),
        (rows, top, left, pointed, map) => {
          const snapshot = snapshotOf(rows, undefined, top, left);
          const pointer = pointed && { sheet: 'Plan', range: `A${pointed.row}:${columnLetter(1 + pointed.cols)}${pointed.row + pointed.rows}` };
          const read = readPlans(snapshot, { planPeriod: period, asOf: '2016-03-31', options: { plans: pointer ? [pointer] : [], map } });
          for (const plan of read.plans) {
            expect(plan.headerRow).toBeGreaterThanOrEqual(1);
            for (const a of plan.actions) expect(a.row).toBeGreaterThan(plan.headerRow);
            // One column per field as recognised (the officer may name one column twice).
            const cols = FIELDS.map((f) => plan.columns[f]).filter((m) => m && !m.source).map((m) => m!.col);
            expect(new Set(cols).size).toBe(cols.length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

// A plan plainly a plan: each row an action of its own, the person who leads it, when it is due, and a dated note.
const actionText = fc
  .tuple(
    fc.constantFrom('Review', 'Publish', 'Deliver', 'Agree', 'Audit', 'Train staff in', 'Refresh', 'Embed'),
    fc.constantFrom('the multi-agency threshold document', 'neglect assessment tools', 'the escalation protocol', 'learning from case reviews', 'the early help offer'),
    fc.constantFrom('with partners', 'across the county', 'in every school', 'for the board', 'by the end of the year'),
  )
  .map((parts) => parts.join(' '));
const lead = fc.constantFrom('Head of Service', 'LSCB Business Manager', 'Designated Nurse', 'Police', 'Training Officer', 'Chair of the QA sub-group');
const due = fc.integer({ min: 0, max: 500 }).map((d) => new Date(Date.UTC(2015, 3, 1) + d * 86_400_000).toISOString().slice(0, 10));
const note = fc.option(
  fc.tuple(fc.constantFrom('Jan 2016', 'Dec 2015', 'Sept 2015', 'Q2 update'), fc.constantFrom('draft shared with partners', 'complete', 'on track; sessions booked', 'delayed by staffing')).map(([d, t]) => `${d} – ${t}`),
  { freq: 4 },
);
const row = fc.record({ action: actionText, lead, due, note });

type Column = 'action' | 'lead' | 'timescale' | 'progress';
/** Headings a board might write for each column: known ones, ones with words added, and ones no list knows. */
const HEADINGS: Record<Column, string[]> = {
  action: ['Action', 'Key actions for the year', 'What will we do?', 'Milestone', 'Deliverable', 'Column 1', 'Recommendation', 'Step'],
  lead: ['Lead', 'Lead officer (named)', 'Who is accountable', 'Champion', 'Column 2', 'Sponsor'],
  timescale: ['Timescale', 'Target date', 'By when?', 'Checkpoint', 'Column 3', 'Milestone date'],
  progress: ['Progress', 'Update Jan 16', 'Commentary to date', 'Where we are', 'Column 4', 'Narrative'],
};

describe('a plan whose cells plainly are one', () => {
  test('is found whatever words its headings use, with its actions, leads and due dates in their columns', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { minLength: 4, maxLength: 12, selector: (r) => r.action }),
        fc.record({
          action: fc.constantFrom(...HEADINGS.action),
          lead: fc.constantFrom(...HEADINGS.lead),
          timescale: fc.constantFrom(...HEADINGS.timescale),
          progress: fc.constantFrom(...HEADINGS.progress),
        }),
        fc.shuffledSubarray(['action', 'lead', 'timescale', 'progress'] as Column[], { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (actions, headings, order, titleRows) => {
          const title: CellValue[][] = Array.from({ length: titleRows }, (_, i) => [i === 0 ? 'Safeguarding Children Board Business Plan 2015-16' : null]);
          const cell = (a: (typeof actions)[number], c: Column): CellValue =>
            c === 'action' ? a.action : c === 'lead' ? a.lead : c === 'timescale' ? isoToSerial(a.due) : (a.note ?? null);
          const formats = [...title.map(() => ['General']), order.map(() => 'General'), ...actions.map(() => order.map((c) => (c === 'timescale' ? 'dd/mm/yyyy' : 'General')))];
          const snapshot = snapshotOf([...title, order.map((c) => headings[c]), ...actions.map((a) => order.map((c) => cell(a, c)))], formats);
          const { plans } = readPlans(snapshot, { planPeriod: period, asOf: '2016-03-31' });

          expect(plans).toHaveLength(1);
          const [plan] = plans;
          expect(plan.headerRow).toBe(titleRows + 1);
          const letter = (c: Column) => columnLetter(order.indexOf(c) + 1);
          expect(plan.columns.action?.letter).toBe(letter('action'));
          expect(plan.columns.lead?.letter).toBe(letter('lead'));
          expect(plan.columns.timescale?.letter).toBe(letter('timescale'));
          expect(plan.actions.map((a) => a.action)).toEqual(actions.map((a) => a.action));
          expect(plan.actions.map((a) => a.timescale.due)).toEqual(actions.map((a) => a.due));
          for (const f of ['action', 'lead', 'timescale'] as const) expect(plan.columns[f]?.reason).toBeTruthy();
        },
      ),
      { numRuns: 200 },
    );
  });
});
