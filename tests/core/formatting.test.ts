import fc from 'fast-check';
import { planFormatting, ratingText, MAX_RULE_FORMULA, type FormattingContext } from '../../src/core/formatting';
import type { AssessedPlan } from '../../src/core/model';
import { CF_MARKER, OWNED_HEADERS, type OwnedColumn } from '../../src/core/patch';
import { presetScheme, type Scheme } from '../../src/core/schemes';
import type { CellValue, WorkbookSnapshot } from '../../src/core/snapshot';
import { cellAt } from '../../src/core/snapshot';
import { buildPlan, put, sheetFrom, type ActionSpec, type PlanSpec } from './helpers/assessed';
import { winningRule, type CellReader } from './helpers/cf-eval';

const brag = presetScheme('brag')!;
const offTarget = presetScheme('off-target')!;

// A plan in A3:E9: header row 3, actions on rows 4, 5 (continuing on 6), 8 and 9; row 7 is a section row.
const PLAN: PlanSpec = {
  sheet: 'Plan',
  headerRow: 3,
  lastRow: 9,
  lastCol: 5,
  columns: { ref: 1, action: 2, lead: 3, timescale: 4, progress: 5 },
  priorities: [['1', 'Keep children safe'], ['2', 'Learn from reviews']],
};
const ACTIONS: ActionSpec[] = [
  { row: 4, status: 'overdue', reason: 'Due 30 Nov 2015 and no completion recorded by 31 Mar 2016.' },
  { row: 5, lastRow: 6, status: 'on-track' },
  { row: 8, status: 'complete', priority: '2' },
  { row: 9, status: 'at-risk', priority: '2' },
];

function planGrid(extra: (rows: CellValue[][]) => void = () => {}): CellValue[][] {
  const rows: CellValue[][] = [];
  put(rows, 1, 1, 'Business Plan 2015-16');
  ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'].forEach((h, i) => put(rows, 3, i + 1, h));
  for (const row of [4, 5, 8, 9]) {
    put(rows, row, 1, `${row}.1`);
    put(rows, row, 2, `Do the work planned for row ${row}`);
    put(rows, row, 3, 'Board manager');
    put(rows, row, 4, 'Mar-16');
    put(rows, row, 5, 'Update Dec 15: in hand');
  }
  put(rows, 6, 5, 'Further note on the same action');
  put(rows, 7, 1, 'Priority 2: Learn from reviews');
  extra(rows);
  return rows;
}

function snapshotOf(...sheets: { name: string; rows: CellValue[][] }[]): WorkbookSnapshot {
  return { name: 'plan.xlsx', sheets: sheets.map((s) => sheetFrom(s.name, s.rows)), tables: [] };
}

function ctx(snapshot: WorkbookSnapshot, style: 'cell' | 'cell+progress' | 'row' = 'cell', symbols = false, scheme: Scheme = brag): FormattingContext {
  return { snapshot, scheme, format: { style, symbols } };
}

/** What the sheet would read after the owned columns were written. */
function readerAfter(snapshot: WorkbookSnapshot, sheet: string, columns: OwnedColumn[], overrides: Record<string, CellValue> = {}): CellReader {
  const snap = snapshot.sheets.find((s) => s.name === sheet)!;
  return (row, col) => {
    const key = `${row},${col}`;
    if (key in overrides) return overrides[key];
    for (const c of columns.filter((x) => x.sheet === sheet && x.col === col)) {
      if (row === c.headerRow) return c.header;
      const i = row - c.firstRow;
      if (i >= 0 && i < c.values.length) return c.values[i];
      if (row <= c.clearToRow) return null;
    }
    return cellAt(snap, row, col);
  };
}

describe('owned columns', () => {
  test('go in the first two empty columns right of the plan, headed in the header row', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const { columns } = planFormatting([buildPlan(PLAN, ACTIONS, brag)], ctx(snapshot));
    expect(columns.map((c) => [c.col, c.header, c.headerRow, c.firstRow])).toEqual([
      [6, OWNED_HEADERS.proposed, 3, 4],
      [7, OWNED_HEADERS.reason, 3, 4],
    ]);
  });

  test('skip a column holding any user value between the header row and the last row', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid((r) => put(r, 9, 6, 'note')) });
    const { columns } = planFormatting([buildPlan(PLAN, ACTIONS, brag)], ctx(snapshot));
    expect(columns.map((c) => c.col)).toEqual([7, 8]);
  });

  test('a user value below the plan does not block the column and is not cleared', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid((r) => put(r, 14, 6, 'Signed off by the chair')) });
    const { columns } = planFormatting([buildPlan(PLAN, ACTIONS, brag)], ctx(snapshot));
    expect(columns[0].col).toBe(6);
    expect(columns[0].clearToRow).toBe(9);
  });

  test('never land on a user value, whatever the sheet holds right of the plan', () => {
    const filled = fc.uniqueArray(fc.record({ row: fc.integer({ min: 1, max: 14 }), col: fc.integer({ min: 6, max: 12 }) }), {
      selector: (c) => `${c.row},${c.col}`,
      maxLength: 40,
    });
    fc.assert(
      fc.property(filled, (cells) => {
        const snapshot = snapshotOf({ name: 'Plan', rows: planGrid((r) => cells.forEach((c) => put(r, c.row, c.col, 'x'))) });
        const { columns } = planFormatting([buildPlan(PLAN, ACTIONS, brag)], ctx(snapshot));
        const sheet = snapshot.sheets[0];
        const [p, r] = columns.map((c) => c.col);
        expect(p).toBeGreaterThan(PLAN.lastCol);
        expect(r).toBeGreaterThan(p);
        for (const c of columns) {
          for (let row = PLAN.headerRow; row <= c.clearToRow; row++) expect(cellAt(sheet, row, c.col)).toBeNull();
        }
        // And no emptier column was passed over.
        for (let col = PLAN.lastCol + 1; col < r; col++) {
          if (col === p) continue;
          const empty = Array.from({ length: PLAN.lastRow - PLAN.headerRow + 1 }, (_, i) => cellAt(sheet, PLAN.headerRow + i, col)).every((v) => v === null);
          expect(empty).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  /** The columns written for the plan when a previous refresh put BoardPlan's pair in H and I, with the cells `extra` puts. */
  function columnsBesideOwnedPair(extra: (rows: CellValue[][]) => void): ReturnType<typeof planFormatting>['columns'] {
    const rows = planGrid((r) => {
      put(r, 3, 8, OWNED_HEADERS.proposed);
      put(r, 3, 9, OWNED_HEADERS.reason);
      extra(r);
    });
    const plan = buildPlan({ ...PLAN, owned: { proposed: 8, reason: 9 } }, ACTIONS, brag);
    return planFormatting([plan], ctx(snapshotOf({ name: 'Plan', rows }))).columns;
  }

  test('are reused where a previous refresh put them, clearing ratings left below a shorter plan', () => {
    const columns = columnsBesideOwnedPair((r) => {
      for (const row of [4, 5, 8, 9, 11, 12]) {
        put(r, row, 8, 'Green');
        put(r, row, 9, 'Old reason.');
      }
    });
    expect(columns.map((c) => [c.col, c.clearToRow])).toEqual([
      [8, 12],
      [9, 12],
    ]);
  });

  test('a note the officer typed below the plan in our columns is kept: clearing stops at the first cell that is not an old rating', () => {
    const columns = columnsBesideOwnedPair((r) => {
      put(r, 11, 8, 'Amber');
      put(r, 11, 9, 'Old reason.');
      put(r, 13, 9, 'Ratings agreed at the March board');
      put(r, 14, 8, 'Green');
    });
    expect(columns.map((c) => [c.col, c.clearToRow])).toEqual([
      [8, 11],
      [9, 11],
    ]);
    // A word in the proposed column that is no rating ("Total") is the officer's too.
    const total = columnsBesideOwnedPair((r) => put(r, 11, 8, 'Total'));
    expect(total.map((c) => c.clearToRow)).toEqual([PLAN.lastRow, PLAN.lastRow]);
  });

  test('a missing reason column is placed beside the proposed one we own, past any user column', () => {
    const rows = planGrid((r) => {
      put(r, 3, 6, OWNED_HEADERS.proposed);
      put(r, 3, 7, 'Comments');
    });
    const snapshot = snapshotOf({ name: 'Plan', rows });
    const plan = buildPlan({ ...PLAN, owned: { proposed: 6, reason: null } }, ACTIONS, brag);
    const { columns } = planFormatting([plan], ctx(snapshot));
    expect(columns.map((c) => c.col)).toEqual([6, 8]);
  });

  test('hold the proposed label and reason on each action’s first row and nothing on other rows', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const { columns } = planFormatting([buildPlan(PLAN, ACTIONS, brag)], ctx(snapshot));
    const [proposed, reason] = columns;
    // Rows 4..9: action, action, continuation, section, action, action.
    expect(proposed.values).toEqual(['Red', 'Green', null, null, 'Blue', 'Amber']);
    expect(reason.values[0]).toBe('Due 30 Nov 2015 and no completion recorded by 31 Mar 2016.');
    expect(reason.values.map((v) => v !== null)).toEqual([true, true, false, false, true, true]);
    expect(proposed.width).toBeGreaterThanOrEqual(12);
    expect(reason.width).toBeGreaterThan(proposed.width!);
  });

  test('carry the scheme symbol first when symbols are on', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const { columns } = planFormatting([buildPlan(PLAN, ACTIONS, brag)], ctx(snapshot, 'cell', true));
    expect(columns[0].values).toEqual(['■ Red', '● Green', null, null, '✓ Blue', '▲ Amber']);
  });

  test('two plans side by side on one sheet do not take the same columns', () => {
    const rows = planGrid((r) => {
      put(r, 3, 10, 'Ref');
      put(r, 3, 11, 'Timescale');
      put(r, 4, 10, 'A1');
      put(r, 4, 11, 'Jun-16');
    });
    const snapshot = snapshotOf({ name: 'Plan', rows });
    const left = buildPlan(PLAN, ACTIONS, brag);
    const right = buildPlan({ sheet: 'Plan', headerRow: 3, lastRow: 4, firstCol: 10, lastCol: 11, columns: { ref: 10, timescale: 11 } }, [{ row: 4, status: 'on-track' }], brag);
    const { columns } = planFormatting([left, right], ctx(snapshot));
    expect(columns.map((c) => c.col)).toEqual([6, 7, 12, 13]);
  });
});

describe('conditional formats', () => {
  const plan = () => buildPlan(PLAN, ACTIONS, brag);

  test('every formula carries the marker and refers to absolute columns from the first plan row', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    for (const style of ['cell', 'cell+progress', 'row'] as const) {
      const { rules } = planFormatting([plan()], ctx(snapshot, style));
      expect(rules).toHaveLength(1);
      for (const rule of rules[0].rules) {
        expect(rule.formula).toContain(CF_MARKER);
        expect(rule.formula).toMatch(/^=/);
        expect(rule.formula).toContain('$F4=');
        expect(rule.formula).not.toMatch(/[^$]\b[A-Z]+\d+\b(?![(])/); // no relative column references
      }
    }
  });

  test("style 'cell' colours only the rating cell, one rule per rating, in the rating's strong colours", () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const { rules, columns } = planFormatting([plan()], ctx(snapshot, 'cell'));
    const list = rules[0].rules;
    expect(list).toHaveLength(brag.ratings.length);
    expect(new Set(list.map((r) => r.address))).toEqual(new Set(['F4:F9']));
    const read = readerAfter(snapshot, 'Plan', columns);
    const red = brag.ratings.find((r) => r.id === 'red')!;
    expect(winningRule(list, read, 4, 6)).toMatchObject({ fill: red.fill, font: red.font, bold: true });
    expect(winningRule(list, read, 9, 6)?.fill).toBe(brag.ratings.find((r) => r.id === 'amber')!.fill);
    expect(winningRule(list, read, 6, 6)).toBeNull(); // continuation row: no rating, no colour
    expect(winningRule(list, read, 4, 2)).toBeNull(); // the action text keeps the user's look
  });

  test("style 'cell+progress' adds the light tint to the progress column", () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const { rules, columns } = planFormatting([plan()], ctx(snapshot, 'cell+progress'));
    const list = rules[0].rules;
    const tints = list.filter((r) => r.address === 'E4:E9');
    expect(tints).toHaveLength(brag.ratings.length);
    const read = readerAfter(snapshot, 'Plan', columns);
    expect(winningRule(list, read, 8, 5)?.fill).toBe(brag.ratings.find((r) => r.id === 'blue')!.tint);
    expect(winningRule(list, read, 8, 6)?.fill).toBe(brag.ratings.find((r) => r.id === 'blue')!.fill);
    expect(winningRule(list, read, 8, 4)).toBeNull();
  });

  test("style 'row' tints the whole row out to the reason column, after the strong fills", () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const { rules, columns } = planFormatting([plan()], ctx(snapshot, 'row'));
    const list = rules[0].rules;
    const rowRules = list.filter((r) => r.address === 'A4:G9');
    expect(rowRules).toHaveLength(brag.ratings.length);
    const firstTint = list.findIndex((r) => r.address === 'A4:G9');
    expect(list.slice(0, firstTint).every((r) => r.address === 'F4:F9')).toBe(true);
    const read = readerAfter(snapshot, 'Plan', columns);
    const red = brag.ratings.find((r) => r.id === 'red')!;
    for (const col of [1, 2, 5, 7]) expect(winningRule(list, read, 4, col)?.fill).toBe(red.tint);
    expect(winningRule(list, read, 4, 6)?.fill).toBe(red.fill); // the rating cell keeps its strong colour
    expect(winningRule(list, read, 7, 1)).toBeNull(); // section row
  });

  test('with symbols on, the rules still match the text written', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const { rules, columns } = planFormatting([plan()], ctx(snapshot, 'cell', true));
    const read = readerAfter(snapshot, 'Plan', columns);
    const expected = ['red', 'green', null, null, 'blue', 'amber'].map((id) => (id ? brag.ratings.find((r) => r.id === id)!.fill : undefined));
    const got = [4, 5, 6, 7, 8, 9].map((row) => winningRule(rules[0].rules, read, row, 6)?.fill);
    expect(got).toEqual(expected);
  });

  describe("with the board's own RAG column", () => {
    const spec: PlanSpec = { ...PLAN, lastCol: 6, columns: { ...PLAN.columns, rag: 6 } };
    const actions: ActionSpec[] = [
      { row: 4, status: 'overdue', agreed: 'Amber' },
      { row: 5, lastRow: 6, status: 'on-track' },
      { row: 8, status: 'complete', priority: '2', agreed: 'RAG: b' },
      { row: 9, status: 'at-risk', priority: '2', agreed: 'see minutes' },
    ];
    const grid = () =>
      planGrid((r) => {
        put(r, 3, 6, 'RAG');
        put(r, 4, 6, 'Amber');
        put(r, 8, 6, 'RAG: b');
        put(r, 9, 6, 'see minutes');
      });

    test("the board's cell is never written and shows the effective rating; ours shows the proposed one", () => {
      const snapshot = snapshotOf({ name: 'Plan', rows: grid() });
      const { rules, columns } = planFormatting([buildPlan(spec, actions, brag)], ctx(snapshot, 'cell'));
      expect(columns.map((c) => c.col)).toEqual([7, 8]);
      const list = rules[0].rules;
      const read = readerAfter(snapshot, 'Plan', columns);
      const fill = (id: string) => brag.ratings.find((r) => r.id === id)!.fill;
      // Row 4: board says Amber, engine proposes Red — both visible.
      expect(winningRule(list, read, 4, 6)?.fill).toBe(fill('amber'));
      expect(winningRule(list, read, 4, 7)?.fill).toBe(fill('red'));
      // Row 5: board cell blank, so it shows the proposed Green.
      expect(winningRule(list, read, 5, 6)?.fill).toBe(fill('green'));
      // Row 8: "RAG: b" is recognised by the engine as Blue, and coloured so.
      expect(winningRule(list, read, 8, 6)?.fill).toBe(fill('blue'));
      // Row 9: text that is no rating is left uncoloured; our cell still shows Amber.
      expect(winningRule(list, read, 9, 6)).toBeNull();
      expect(winningRule(list, read, 9, 7)?.fill).toBe(fill('amber'));
    });

    test('a rating typed later, in any case or by an alias, is coloured without a refresh', () => {
      const snapshot = snapshotOf({ name: 'Plan', rows: grid() });
      const { rules, columns } = planFormatting([buildPlan(spec, actions, brag)], ctx(snapshot, 'row'));
      const fill = (id: string) => brag.ratings.find((r) => r.id === id)!;
      for (const [typed, id] of [['  red ', 'red'], ['R', 'red'], ['off track', 'red'], ['COMPLETE', 'blue'], ['a', 'amber']] as const) {
        const read = readerAfter(snapshot, 'Plan', columns, { '5,6': typed });
        expect(winningRule(rules[0].rules, read, 5, 6)?.fill).toBe(fill(id).fill);
        expect(winningRule(rules[0].rules, read, 5, 2)?.fill).toBe(fill(id).tint);
      }
    });

    test('formulas name the agreed and proposed cells by absolute column and stay within Excel’s length', () => {
      for (const scheme of [brag, offTarget, presetScheme('rag')!]) {
        const snapshot = snapshotOf({ name: 'Plan', rows: grid() });
        const { rules } = planFormatting([buildPlan(spec, actions, scheme)], ctx(snapshot, 'row', true, scheme));
        for (const rule of rules[0].rules) {
          expect(rule.formula).toContain(CF_MARKER);
          expect(rule.formula.length).toBeLessThanOrEqual(MAX_RULE_FORMULA);
        }
        const onBoardCell = rules[0].rules.filter((r) => r.address === 'F4:F9');
        expect(onBoardCell).toHaveLength(scheme.ratings.length);
        for (const r of onBoardCell) expect(r.formula).toMatch(/LOWER\(TRIM\(\$F4\)\)=.*\$G4=/);
      }
    });
  });

  test('one list per sheet holding every rule for the sheet, strong fills before tints', () => {
    const rows = planGrid((r) => {
      ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'].forEach((h, i) => put(r, 12, i + 1, h));
      put(r, 13, 1, '3.1');
    });
    const snapshot = snapshotOf({ name: 'Plan', rows }, { name: 'Adults', rows: planGrid() });
    const top = buildPlan(PLAN, ACTIONS, brag);
    const below = buildPlan({ ...PLAN, headerRow: 12, lastRow: 13 }, [{ row: 13, status: 'overdue' }], brag);
    const adults = buildPlan({ ...PLAN, sheet: 'Adults' }, ACTIONS, brag);
    const { rules } = planFormatting([top, adults, below], ctx(snapshot, 'row'));
    expect(rules.map((r) => r.sheet)).toEqual(['Plan', 'Adults']);
    const plan = rules[0].rules;
    expect(plan).toHaveLength(4 * brag.ratings.length);
    const tintStart = plan.findIndex((r) => r.address.startsWith('A'));
    expect(plan.slice(0, tintStart).map((r) => r.address)).toEqual([...Array(5).fill('F4:F9'), ...Array(5).fill('F13:F13')]);
    expect(plan.slice(tintStart).map((r) => r.address)).toEqual([...Array(5).fill('A4:G9'), ...Array(5).fill('A13:G13')]);
    expect(plan.slice(brag.ratings.length, 2 * brag.ratings.length)[0].formula).toContain('$F13=');
  });

  test('a reused column above another plan is cleared only down to that plan', () => {
    const rows = planGrid((r) => {
      put(r, 3, 6, OWNED_HEADERS.proposed);
      put(r, 3, 7, OWNED_HEADERS.reason);
      for (const row of [4, 10, 11]) {
        put(r, row, 6, 'Red');
        put(r, row, 7, 'Due 31 Dec 2015 and no completion recorded by 31 Mar 2016.');
      }
      put(r, 12, 6, OWNED_HEADERS.proposed);
      put(r, 13, 6, 'Amber');
    });
    const snapshot = snapshotOf({ name: 'Plan', rows });
    const top = buildPlan({ ...PLAN, owned: { proposed: 6, reason: 7 } }, ACTIONS, brag);
    const below = buildPlan({ ...PLAN, headerRow: 12, lastRow: 13, owned: { proposed: 6, reason: 7 } }, [{ row: 13, status: 'overdue' }], brag);
    const { columns } = planFormatting([top, below], ctx(snapshot));
    expect(columns[0].clearToRow).toBe(11);
  });

  test('the same input gives the same columns and rules', () => {
    const snapshot = snapshotOf({ name: 'Plan', rows: planGrid() });
    const input = (): AssessedPlan[] => [plan()];
    expect(planFormatting(input(), ctx(snapshot, 'row', true))).toEqual(planFormatting(input(), ctx(snapshot, 'row', true)));
  });
});

test('ratingText puts the symbol first only when asked and the rating has one', () => {
  const green = brag.ratings.find((r) => r.id === 'green')!;
  expect(ratingText(green, true)).toBe('● Green');
  expect(ratingText(green, false)).toBe('Green');
  expect(ratingText({ ...green, symbol: '' }, true)).toBe('Green');
});
