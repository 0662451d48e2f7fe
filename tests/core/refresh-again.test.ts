import fc from 'fast-check';
import { check, refresh } from '../../src/core/refresh';
import { OWNED_HEADERS } from '../../src/core/patch';
import { cellAt, type CellValue, type WorkbookSnapshot } from '../../src/core/snapshot';
import { workbookArbitrary } from '../fixtures/arbitrary';
import { applyPatch } from './helpers/apply-patch';
import { put, sheetFrom } from './helpers/assessed';

/**
 * The quarterly refresh runs on a workbook BoardPlan has refreshed before: its own columns beside
 * the plans, its own sheets. What it finds there must lead it to write the same again, and to leave
 * whatever the officer typed in the meantime.
 */

const TODAY = { today: '2016-03-31' };
const HEADINGS = ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'];

function refreshed(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  return applyPatch(snapshot, refresh(snapshot, TODAY).patch);
}

/** A plan of `actions` rows under a title, refreshed once. */
function refreshedPlan(actions: number): WorkbookSnapshot {
  const rows: CellValue[][] = [['Business Plan 2015-16'], HEADINGS];
  for (let i = 1; i <= actions; i++) rows.push([`1.${i}`, `Audit case files ${i}`, 'PPPG', 'June 2016', 'Update Jan 16: on track']);
  return refreshed({ name: 'plan.xlsx', sheets: [sheetFrom('Plan', rows)], tables: [] });
}

/** The workbook refreshed again after the officer changed the first sheet's cells with `edit`. */
function refreshedAfter(once: WorkbookSnapshot, edit: (values: CellValue[][]) => void): WorkbookSnapshot {
  const values = once.sheets[0].values.map((r) => r.slice());
  edit(values);
  return refreshed({ ...once, sheets: [{ ...once.sheets[0], values, numberFormats: values.map((r) => r.map(() => 'General')) }, ...once.sheets.slice(1)] });
}

/** The column of the n-th cell (from 1) on a header row of the first sheet that reads `header`. */
function columnOf(snapshot: WorkbookSnapshot, headerRow: number, header: string, n = 1): number {
  const sheet = snapshot.sheets[0];
  const cols = sheet.values[headerRow - sheet.top].flatMap((v, i) => (v === header ? [sheet.left + i] : []));
  return cols[n - 1];
}

describe('a refresh of a refreshed workbook', () => {
  test('two tables side by side each keep their own ratings and reasons, refresh after refresh', () => {
    // Children's actions are due in June, adults' in March: their reasons differ.
    const rows: CellValue[][] = [[...HEADINGS, null, ...HEADINGS]];
    for (let i = 1; i <= 3; i++) {
      rows.push([`1.${i}`, `Audit case files ${i}`, 'PPPG', 'June 2016', 'Update Jan 16: on track', null, `2.${i}`, `Review thresholds ${i}`, 'SAB', '31/03/2016', 'Update Jan 16: on track']);
    }
    const sheet = sheetFrom('Plan 2015-16', rows);
    const snapshot: WorkbookSnapshot = {
      name: 'plan.xlsx',
      sheets: [sheet],
      tables: [
        { name: 'Children', sheet: sheet.name, top: 1, left: 1, bottom: 4, right: 5, showHeaders: true },
        { name: 'Adults', sheet: sheet.name, top: 1, left: 7, bottom: 4, right: 11, showHeaders: true },
      ],
    };
    const once = refreshed(snapshot);
    const twice = refreshed(once);
    expect(twice.sheets).toEqual(once.sheets);
    // The first table's pair is the first on the header row, the second table's the next.
    for (const [n, due] of [
      [1, /30 Jun 2016/],
      [2, /31 Mar 2016/],
    ] as const) {
      const reason = columnOf(twice, 1, OWNED_HEADERS.reason, n);
      for (let row = 2; row <= 4; row++) expect(cellAt(twice.sheets[0], row, reason)).toMatch(due);
    }
  });

  test("keeps a note the officer typed under the plan in BoardPlan's column, and clears ratings the plan no longer has", () => {
    const once = refreshedPlan(4);
    const reason = columnOf(once, 2, OWNED_HEADERS.reason);
    // The officer empties the last action's row and types a note below the plan in the reason column.
    const again = refreshedAfter(once, (values) => {
      values[5] = values[5].map((v, i) => (i < HEADINGS.length ? null : v));
      put(values, 9, reason, 'Ratings agreed at the March board');
    });
    const plan = again.sheets[0];
    expect(cellAt(plan, 9, reason)).toBe('Ratings agreed at the March board');
    // Row 6 no longer holds an action: its old rating and reason are gone.
    expect([cellAt(plan, 6, reason - 1), cellAt(plan, 6, reason)]).toEqual([null, null]);
    expect(cellAt(plan, 5, reason)).toMatch(/30 Jun 2016/);
  });

  test("keeps a rating the officer typed under the plan in BoardPlan's column: only a rating with its reason beside it is BoardPlan's", () => {
    const once = refreshedPlan(3);
    const proposed = columnOf(once, 2, OWNED_HEADERS.proposed);
    // Two rows below the plan, the officer notes the rating the board agreed for the plan as a whole.
    const again = refreshedAfter(once, (values) => put(values, 8, proposed, 'Green'));
    expect(cellAt(again.sheets[0], 8, proposed)).toBe('Green');
    expect(cellAt(again.sheets[0], 5, proposed)).toBe(cellAt(once.sheets[0], 5, proposed));
  });

  test("an action whose cells read like headings stays an action once BoardPlan's rating and reason stand beside it", () => {
    const rows: CellValue[][] = [['Business Plan 2015-16'], HEADINGS, ['1.1', 'Audit case files', 'PPPG', 'June 2016', 'Update Jan 16: on track']];
    rows.push(['1.2', 'Key Activity', 'Priority 1', null, 'Complete']);
    const snapshot: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheetFrom('Plan', rows)], tables: [] };
    const plans = (s: WorkbookSnapshot) => check(s, TODAY).plans.map((p) => [p.plan.headerRow, p.actions.map((a) => a.action.ref)]);
    const once = refreshed(snapshot);
    expect(cellAt(once.sheets[0], 4, 7)).toMatch(/complete/);
    expect(plans(once)).toEqual(plans(snapshot));
    expect(plans(once)).toEqual([[2, ['1.1', '1.2']]]);
  });

  test("what the officer typed in BoardPlan's column between two plans reads the same before and after a refresh", () => {
    const rows: CellValue[][] = [HEADINGS, ['1.1', 'Audit case files', 'PPPG', 'June 2016', 'Update Jan 16: on track'], []];
    // Three texts above the second plan, so no title of it; the third where BoardPlan puts the first plan's ratings.
    rows.push(['Key Priority 3', 'Reviewed', null, null, null, 'Chair']);
    rows.push(['Key Activity', 'Responsible Lead', 'Completion Date', 'Progress'], ['Train staff', 'LSCB', 'Dec 2016', 'Not due']);
    const snapshot: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheetFrom('Plan', rows)], tables: [] };
    const priorities = (s: WorkbookSnapshot) => check(s, TODAY).plans.map((p) => p.actions.map((a) => a.action.priority));
    const once = refreshed(snapshot);
    expect(columnOf(once, 1, OWNED_HEADERS.proposed)).toBe(6);
    expect(cellAt(once.sheets[0], 4, 6)).toBe('Chair');
    expect(priorities(snapshot)).toEqual([['1'], [null]]);
    expect(priorities(once)).toEqual(priorities(snapshot));
  });

  test("a plan's title is not taken from the plan above it, before or after BoardPlan's headings stand on that plan's header row", () => {
    const rows: CellValue[][] = [
      [null, 'Key Priority 3'],
      ['Progress', 'Responsible Lead', 'Due'],
      ['Started', 'Chair', 'Mar 2016'],
      [],
      [null, 'Timescale', 'Progress', 'Outcome/Evidence Measure'],
      [null, 'Jun 2016', 'Not due', 'Agreed'],
    ];
    const snapshot: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheetFrom('Plan', rows)], tables: [] };
    const priorities = (s: WorkbookSnapshot) => check(s, TODAY).plans.map((p) => p.plan.priorities.map((q) => q.title));
    const once = refreshed(snapshot);
    expect(columnOf(once, 2, OWNED_HEADERS.proposed)).toBe(4);
    // The second plan starts under the first: the first plan's title and headings are not its title.
    expect(priorities(snapshot)).toEqual([['Key Priority 3'], []]);
    expect(priorities(once)).toEqual(priorities(snapshot));
  });

  test("a row of short texts above a plan heads nothing once BoardPlan's ratings and reasons stand under it", () => {
    // Above the plan, three short texts stand where BoardPlan's columns go: over empty cells before
    // the refresh, over BoardPlan's heading, ratings and reasons after it.
    const rows: CellValue[][] = [[null, null, null, null, 'Fewer repeat referrals', 'What we will do', 'Purple'], [], []];
    rows.push(['Ref', 'Action', 'Timescale', 'Progress'], ['1.1', 'Audit case files', 'June 2016', 'Update Jan 16: on track'], ['1.2', 'Train staff', 'Mar 2016', 'Complete']);
    const snapshot: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheetFrom('Plan', rows)], tables: [] };
    const plans = (s: WorkbookSnapshot) => check(s, TODAY).plans.map((p) => [p.plan.headerRow, p.plan.firstCol, p.actions.map((a) => a.action.ref)]);
    const once = refreshed(snapshot);
    expect(columnOf(once, 4, OWNED_HEADERS.proposed)).toBe(5);
    expect(plans(snapshot)).toEqual([[4, 1, ['1.1', '1.2']]]);
    expect(plans(once)).toEqual(plans(snapshot));
    expect(refreshed(once).sheets).toEqual(once.sheets);
  });

  test("a plan whose headings stand on a table's action row keeps them once BoardPlan's rating and reason for that action stand on the row", () => {
    // A table of the children's actions, and the adults' plan beside it, one row lower. The first
    // action has no timescale: its reason ("No timescale given, …") opens with a word that heads refs.
    const rows: CellValue[][] = [
      ['Ref', 'Action', 'Timescale', null, null, null, null],
      ['1.1', 'Audit case files across the partnership and report to the board', null, null, 'Action', 'Lead', 'Timescale'],
      ['1.2', 'Train staff in the escalation protocol', 'Sept 2016', null, 'Review the threshold document', 'SAB', 'Mar 2016'],
      [null, null, null, null, 'Publish the annual report', 'Chair', 'Jul 2016'],
    ];
    const sheet = sheetFrom('Plan', rows);
    const snapshot: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheet], tables: [{ name: 'Children', sheet: 'Plan', top: 1, left: 1, bottom: 3, right: 3, showHeaders: true }] };
    const plans = (s: WorkbookSnapshot) => check(s, TODAY).plans.map((p) => [p.plan.headerRow, p.plan.firstCol, Object.entries(p.plan.columns).flatMap(([f, m]) => (m ? [`${f} ${m.letter}`] : [])), p.actions.length]);
    const once = refreshed(snapshot);
    expect(plans(snapshot)).toEqual([
      [1, 1, ['ref A', 'action B', 'timescale C'], 2],
      [2, 5, ['action E', 'lead F', 'timescale G'], 2],
    ]);
    expect(plans(once)).toEqual(plans(snapshot));
    expect(refreshed(once).sheets).toEqual(once.sheets);
  });

  test("the next plan's headings typed in the columns where BoardPlan rates the plan above still end what an action row would head", () => {
    // The last action reads like headings; the next plan's Timescale and Lead stand where BoardPlan puts the first plan's ratings.
    const rows: CellValue[][] = [
      ['Outcome', 'Progress', 'Action', 'Lead'],
      ['Fewer repeat referrals', 'Update Jan 16: on track', 'Audit case files', 'PPPG'],
      ['Who will lead?', 'Strategic Priority (2) Leadership', 'Agree leads', 'Chair'],
      [null, 'Update Dec 15: started. Update Mar 16: complete', null, 'Executive'],
      [],
      [null, null, 'Action', 'Progress', 'Timescale', 'Who will lead?'],
      [null, null, '2.1 Train staff in the escalation protocol', 'Update Dec 15: started', 'June 2016', 'LSCB'],
    ];
    const snapshot: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheetFrom('Plan', rows)], tables: [] };
    const plans = (s: WorkbookSnapshot) => check(s, TODAY).plans.map((p) => [p.plan.headerRow, p.actions.map((a) => a.action.row)]);
    const once = refreshed(snapshot);
    expect(columnOf(once, 1, OWNED_HEADERS.proposed)).toBe(5);
    expect(plans(snapshot)).toEqual([
      [1, [2, 3]],
      [6, [7]],
    ]);
    expect(plans(once)).toEqual(plans(snapshot));
    expect(refreshed(once).sheets).toEqual(once.sheets);
  });

  test("the officer's cells of the next plan, under a heading they typed in BoardPlan's column, still count once BoardPlan has headed it", () => {
    // Three short texts head a plan with no actions of its own; BoardPlan's columns for it (D and E)
    // stand over the next plan's Outcome and Ref, whose ref "1.1" says its row is an action's.
    const rows: CellValue[][] = [
      ['Board plan', 'Lead tba', 'Draft'],
      [],
      ['Timescale', 'Progress', 'Action', 'Outcome/Evidence Measure', 'Ref', 'Priority'],
      [null, 'Ref', '1.1.1 To develop a strategy', 'Ref', '1.1', 'Priority 1'],
    ];
    const snapshot: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheetFrom('Plan', rows)], tables: [] };
    const plans = (s: WorkbookSnapshot) => check(s, TODAY).plans.map((p) => [p.plan.headerRow, p.actions.map((a) => a.action.row)]);
    const once = refreshed(snapshot);
    expect(columnOf(once, 1, OWNED_HEADERS.proposed)).toBe(4);
    expect(plans(once)).toEqual(plans(snapshot));
    expect(refreshed(once).sheets).toEqual(once.sheets);
  });

  test('any workbook refreshed twice is the workbook refreshed once', () => {
    fc.assert(
      fc.property(workbookArbitrary, (snapshot) => {
        const once = refreshed(snapshot);
        const twice = refreshed(once);
        expect(twice.sheets).toEqual(once.sheets);
      }),
      { numRuns: 150 },
    );
  });
});
