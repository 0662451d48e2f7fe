import { isoToSerial } from '../../src/core/cells';
import {
  actionKey,
  actionKeys,
  emptyHistory,
  HISTORY_TITLE,
  historySheet,
  readHistory,
  recordQuarter,
  rowStatus,
  type QuarterRecord,
} from '../../src/core/history';
import { presetScheme } from '../../src/core/schemes';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { applyPatch } from './helpers/apply-patch';
import { buildPlan, sheetFrom } from './helpers/assessed';
import { ratingLookAt } from './helpers/cf-eval';

const brag = presetScheme('brag')!;

const rec = (ref: string | null, rating: string, due: string | null = null, action = `Action ${ref}`): QuarterRecord => ({
  key: actionKey('Plan', ref, action),
  sheet: 'Plan',
  ref,
  action,
  rating,
  due,
});

function written(history = emptyHistory(), ownedAs = 'RAG History'): WorkbookSnapshot {
  const base: WorkbookSnapshot = { name: 'plan.xlsx', sheets: [sheetFrom('Plan', [['x']])], tables: [] };
  return applyPatch(base, { columns: [], rules: [], sheets: [historySheet(history, brag, ownedAs)], deleteSheets: [] });
}

describe('action keys', () => {
  test('are the sheet and ref, compared as the plan compares refs, or the normalised text without a ref', () => {
    expect(actionKey('Plan', '2a. 1', 'x')).toBe(actionKey('Plan', '2A.1', 'y'));
    expect(actionKey('Plan', null, 'Hold a  Board development day.')).toBe(actionKey('Plan', null, 'hold a board development day'));
    expect(actionKey('Plan', '1.1', 'x')).not.toBe(actionKey('Other plan', '1.1', 'x'));
  });

  test('tell apart two actions that share a ref, in plan order', () => {
    const plan = buildPlan(
      { sheet: 'Plan', headerRow: 1, lastRow: 3, lastCol: 5, columns: { ref: 1, action: 2 } },
      [
        { row: 2, ref: '1.2', status: 'on-track' },
        { row: 3, ref: '1.2', status: 'on-track' },
      ],
      brag,
    );
    expect([...actionKeys([plan]).values()]).toEqual(['Plan!ref:1.2', 'Plan!ref:1.2#2']);
  });
});

describe('recording a quarter', () => {
  test('adds a column per quarter in date order, whatever order they are recorded in', () => {
    let h = recordQuarter(emptyHistory(), 'Q3 2015/16', [rec('1.1', 'Amber')]);
    h = recordQuarter(h, 'Q2 2015-16', [rec('1.1', 'Green')]);
    expect(h.quarters).toEqual(['Q2 2015/16', 'Q3 2015/16']);
    expect(h.rows[0].ratings).toEqual({ 'Q2 2015/16': 'Green', 'Q3 2015/16': 'Amber' });
  });

  test('replaces a quarter recorded before, dropping actions recorded only there', () => {
    let h = recordQuarter(emptyHistory(), 'Q2 2015/16', [rec('1.1', 'Green')]);
    h = recordQuarter(h, 'Q3 2015/16', [rec('1.1', 'Amber'), rec('1.2', 'Green')]);
    h = recordQuarter(h, 'Q3 2015/16', [rec('1.1', 'Red', '2015-12-31')]);
    expect(h.quarters).toEqual(['Q2 2015/16', 'Q3 2015/16']);
    expect(h.rows.map((r) => [r.ref, r.ratings, r.due])).toEqual([['1.1', { 'Q2 2015/16': 'Green', 'Q3 2015/16': 'Red' }, { 'Q2 2015/16': null, 'Q3 2015/16': '2015-12-31' }]]);
  });

  test('says which actions were added or removed between recorded quarters', () => {
    let h = recordQuarter(emptyHistory(), 'Q1 2015/16', [rec('1.1', 'Green'), rec('1.2', 'Green')]);
    h = recordQuarter(h, 'Q2 2015/16', [rec('1.1', 'Green'), rec('1.3', 'Green')]);
    h = recordQuarter(h, 'Q3 2015/16', [rec('1.1', 'Green')]);
    expect(h.rows.map((r) => [r.ref, rowStatus(r, h.quarters)])).toEqual([
      ['1.1', 'recorded since Q1 2015/16'],
      ['1.2', 'removed after Q1 2015/16'],
      ['1.3', 'added in Q2 2015/16; removed after Q2 2015/16'],
    ]);
  });

  test('refuses a label that is not a quarter', () => {
    expect(() => recordQuarter(emptyHistory(), 'Spring 2016', [])).toThrow(/"Spring 2016" is not a quarter label/);
  });
});

describe('reading the history back', () => {
  const history = recordQuarter(recordQuarter(emptyHistory(), 'Q2 2015/16', [rec('1.1', 'Green', '2015-11-30'), rec(null, 'Amber', null, 'Hold a development day')]), 'Q3 2015/16', [
    rec('1.1', 'Red', '2016-01-31'),
  ]);

  test('gives what was written', () => {
    expect(readHistory(written(history), ['RAG History'])).toEqual({ ...history, sheet: 'RAG History' });
  });

  test('finds it under another name through the marker in A1, and only among BoardPlan’s own sheets', () => {
    const snapshot = written(history, 'RAG History (2)');
    expect(readHistory(snapshot, ['RAG History (2)'])?.rows).toHaveLength(2);
    expect(readHistory(snapshot, [])).toBeNull();
    const notOurs: WorkbookSnapshot = { ...snapshot, sheets: [sheetFrom('RAG History (2)', [['Something else']])] };
    expect(readHistory(notOurs, ['RAG History (2)'])).toBeNull();
  });

  test('accepts due dates typed as text, and names a cell it cannot read', () => {
    const sheet = sheetFrom('RAG History', [
      [HISTORY_TITLE],
      [],
      [],
      ['Sheet', 'Ref', 'Action', 'Status', 'Q2 2015/16', 'Q3 2015/16', 'Due Q2 2015/16', 'Due Q3 2015/16'],
      ['Plan', '1.1', 'Action 1.1', null, 'Green', 'Amber', '30 Nov 2015', '2016-01-31'],
      ['Plan', '1.2', 'Action 1.2', null, 'Green', 'Green', isoToSerial('2016-03-31'), 'soon'],
    ]);
    const h = readHistory({ name: 'x', sheets: [sheet], tables: [] }, ['RAG History'])!;
    expect(h.rows.map((r) => r.due)).toEqual([
      { 'Q2 2015/16': '2015-11-30', 'Q3 2015/16': '2016-01-31' },
      { 'Q2 2015/16': '2016-03-31', 'Q3 2015/16': null },
    ]);
    expect(h.problems).toEqual([
      `'RAG History'!H6 holds "soon", which is not a date; BoardPlan read it as no due date. Write the date (e.g. 30/11/2015) or clear the cell.`,
    ]);
  });

  test('marks a sheet without its header row as unreadable, so that it is left alone', () => {
    const sheet = sheetFrom('RAG History', [[HISTORY_TITLE], [], [], ['Plan', '1.1', 'Action 1.1', null, 'Green']]);
    const h = readHistory({ name: 'x', sheets: [sheet], tables: [] }, ['RAG History'])!;
    expect(h.readable).toBe(false);
    expect(h.problems[0]).toMatch(/^The header row of BoardPlan's history sheet 'RAG History' \(Sheet, Ref, Action and a column per quarter\) is missing/);
  });
});

describe('the history sheet', () => {
  const colour = (id: string) => brag.ratings.find((r) => r.id === id)!;

  test('colours every recorded rating in every quarter, an earlier spelling too, with one rule per rating', () => {
    let h = recordQuarter(emptyHistory(), 'Q2 2015/16', [rec('1.1', 'Green'), rec('1.2', 'A'), rec('1.3', 'Completed')]);
    h = recordQuarter(h, 'Q3 2015/16', [rec('1.1', 'Red'), rec('1.2', 'Amber'), rec('1.4', 'Not sure')]);
    const sheet = historySheet(h, brag);
    // Rows from 5: 1.1, 1.2, 1.3, 1.4; quarters in E and F.
    expect(ratingLookAt(sheet, 'E5')).toMatchObject({ fill: colour('green').fill, font: colour('green').font, bold: true });
    expect(ratingLookAt(sheet, 'F5')).toMatchObject({ fill: colour('red').fill });
    expect(ratingLookAt(sheet, 'E6')).toMatchObject({ fill: colour('amber').fill });
    expect(ratingLookAt(sheet, 'F6')).toMatchObject({ fill: colour('amber').fill });
    expect(ratingLookAt(sheet, 'E7')).toMatchObject({ fill: colour('blue').fill });
    expect(ratingLookAt(sheet, 'F7')).toBeNull(); // not in the plan in Q3
    expect(ratingLookAt(sheet, 'F8')).toBeNull(); // not a rating
    expect(ratingLookAt(sheet, 'E4')).toBeNull(); // the header
  });

  test('shows no rating colours before anything is recorded', () => {
    const sheet = historySheet(emptyHistory(), brag);
    expect(sheet.rows.flatMap((row, i) => row.map((_, j) => ratingLookAt(sheet, `${String.fromCharCode(65 + j)}${i + 1}`))).filter(Boolean)).toEqual([]);
  });
});
