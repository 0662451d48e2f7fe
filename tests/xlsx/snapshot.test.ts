import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { isoToSerial } from '../../src/core/cells';
import { cellAt, formatAt, type WorkbookSnapshot } from '../../src/core/snapshot';
import { openWithExcelJS as openWorkbook } from '../fixtures/exceljs/open';
import { readSnapshot } from '../../src/xlsx/open';
import { snapshotFromWorkbook } from '../fixtures/exceljs/snapshot';
import { allShapes, tableShape } from '../fixtures/plans';
import { fixtureSnapshot, fixtureWorkbook } from '../fixtures/workbook';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-snapshot-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * The two ways the file host reads a file: through ExcelJS's model (a refresh, which writes into
 * that model) and straight from the XML (a check). Every case below holds for both.
 */
const READERS: [string, (file: string, name: string) => Promise<WorkbookSnapshot>][] = [
  ['ExcelJS', async (file, name) => snapshotFromWorkbook(await openWorkbook(file), name)],
  ['the XML reader', async (file) => readSnapshot(file)],
];

function sheet(snapshot: WorkbookSnapshot, name: string) {
  const found = snapshot.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

describe.each(READERS)('reading an .xlsx file through %s', (_, readFile) => {
  /** Saves the workbook as a real file and reads it back, as the command line does. */
  async function snapshotOfFile(workbook: ExcelJS.Workbook, name = 'plan.xlsx'): Promise<WorkbookSnapshot> {
    const file = path.join(dir, name);
    await workbook.xlsx.writeFile(file);
    return readFile(file, name);
  }

  it.each(allShapes.map((fx) => [fx.name, fx] as const))('reads the fixture plan %s as the Excel host would', async (name, fx) => {
    const snapshot = await snapshotOfFile(fixtureWorkbook(fx), name);
    expect(snapshot).toEqual(fixtureSnapshot(fx));
  });

  it('reports the used range from the first to the last non-empty cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('C4').value = 'Ref';
    ws.getCell('E9').value = 7;
    ws.getCell('B2').font = { bold: true }; // formatted but empty: not part of the used range
    const s = sheet(await snapshotOfFile(wb), 'Plan');
    expect([s.top, s.left]).toEqual([4, 3]);
    expect(s.values).toHaveLength(6);
    expect(s.values.every((row) => row.length === 3)).toBe(true);
    expect(cellAt(s, 4, 3)).toBe('Ref');
    expect(cellAt(s, 9, 5)).toBe(7);
    expect(cellAt(s, 5, 4)).toBeNull();
  });

  it('turns dates into Excel serial numbers and keeps their number format', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = new Date(Date.UTC(2015, 10, 30));
    ws.getCell('A1').numFmt = 'mmm-yy';
    ws.getCell('A2').value = new Date(Date.UTC(2016, 2, 31)); // no format of its own
    ws.getCell('A3').value = new Date(Date.UTC(2016, 5, 1, 12, 0, 0));
    ws.getCell('A3').numFmt = 'dd/mm/yyyy hh:mm';
    const s = sheet(await snapshotOfFile(wb), 'Plan');
    expect(cellAt(s, 1, 1)).toBe(isoToSerial('2015-11-30'));
    expect(formatAt(s, 1, 1)).toBe('mmm-yy');
    expect(cellAt(s, 2, 1)).toBe(isoToSerial('2016-03-31'));
    expect(formatAt(s, 2, 1)).toBe('dd/mm/yyyy');
    expect(cellAt(s, 3, 1)).toBeCloseTo(isoToSerial('2016-06-01') + 0.5, 6);
  });

  it('reads formulas by their last result, and errors, rich text, links and booleans as Excel shows them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = { formula: 'COUNTA(B1:B9)', result: 4 };
    ws.getCell('A2').value = { formula: 'B1&" (lead)"', result: 'Chair (lead)' };
    ws.getCell('A3').value = { formula: 'B1*2' } as ExcelJS.CellFormulaValue; // never calculated
    ws.getCell('A4').value = { formula: 'VLOOKUP(1,Z1:Z2,2)', result: { error: '#N/A' } };
    ws.getCell('A5').value = { error: '#REF!' };
    ws.getCell('A6').value = { richText: [{ text: 'Update Dec 15: ' }, { text: 'on track', font: { bold: true } }] };
    ws.getCell('A7').value = { text: 'Minutes', hyperlink: 'https://example.org/minutes' };
    ws.getCell('A8').value = true;
    ws.getCell('A9').value = 0.25;
    ws.getCell('A9').numFmt = '0%';
    ws.getCell('A10').value = { formula: 'DATE(2016,3,31)', result: new Date(Date.UTC(2016, 2, 31)) };
    ws.getCell('A10').numFmt = 'd mmm yyyy';
    const s = sheet(await snapshotOfFile(wb), 'Plan');
    expect(s.values.map((r) => r[0])).toEqual([
      4,
      'Chair (lead)',
      null,
      '#N/A',
      '#REF!',
      'Update Dec 15: on track',
      'Minutes',
      true,
      0.25,
      isoToSerial('2016-03-31'),
    ]);
    expect(formatAt(s, 9, 1)).toBe('0%');
    expect(formatAt(s, 10, 1)).toBe('d mmm yyyy');
    expect(formatAt(s, 1, 1)).toBe('General');
  });

  it('gives a merged area its value in the top-left cell only', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = 'Priority 1: To be assured that training is effective';
    ws.mergeCells('A1:D1');
    ws.getCell('A2').value = 'Ref';
    ws.getCell('D2').value = 'Progress';
    const s = sheet(await snapshotOfFile(wb), 'Plan');
    expect(s.values[0]).toEqual(['Priority 1: To be assured that training is effective', null, null, null]);
  });

  it('lists hidden and very hidden sheets with their visibility, in tab order', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').getCell('A1').value = 'Ref';
    wb.addWorksheet('Old plan', { state: 'hidden' }).getCell('A1').value = 'Ref';
    wb.addWorksheet('BoardPlan', { state: 'veryHidden' }).getCell('A1').value = 'settings';
    wb.addWorksheet('Empty');
    const snapshot = await snapshotOfFile(wb);
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Plan', 'visible'],
      ['Old plan', 'hidden'],
      ['BoardPlan', 'veryHidden'],
      ['Empty', 'visible'],
    ]);
    expect(sheet(snapshot, 'Empty').values).toEqual([]);
  });

  it('reports Excel tables with their sheet and range, header row included', async () => {
    const snapshot = await snapshotOfFile(fixtureWorkbook(tableShape));
    expect(snapshot.tables).toEqual([
      { name: 'Plan2016', sheet: 'Children', top: 3, left: 1, bottom: 15, right: 8, showHeaders: true },
      { name: 'AdultsPlan2016', sheet: 'Adults', top: 3, left: 1, bottom: 11, right: 7, showHeaders: true },
    ]);
  });

  it('reports a table without a header row as such', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addTable({ name: 'Bare', ref: 'B2', headerRow: false, columns: [{ name: 'Ref' }, { name: 'Action' }], rows: [['1', 'a'], ['2', 'b']] });
    const snapshot = await snapshotOfFile(wb);
    expect(snapshot.tables).toEqual([{ name: 'Bare', sheet: 'Plan', top: 2, left: 2, bottom: 3, right: 3, showHeaders: false }]);
  });

  it('reads a 10,000-row plan whole, dates and their format included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Ref', 'Action', 'Outcome', 'Lead', 'Timescale', 'Progress', 'RAG', 'Due']);
    for (let i = 1; i <= 10_000; i++) {
      ws.addRow([`${i}.1`, `Action ${i}`, `Outcome ${i}`, 'Board manager', 'End of Nov 15', `Update Dec 15: step ${i}`, 'Green', new Date(Date.UTC(2016, 0, 1 + (i % 300)))]);
    }
    ws.getColumn(8).numFmt = 'dd/mm/yyyy';
    const s = sheet(await snapshotOfFile(wb, 'large.xlsx'), 'Plan');
    expect(s.values).toHaveLength(10_001);
    expect(cellAt(s, 10_001, 6)).toBe('Update Dec 15: step 10000');
    expect(cellAt(s, 5000, 8)).toBe(isoToSerial('2016-07-18'));
    expect(formatAt(s, 5000, 8)).toBe('dd/mm/yyyy');
  });
});
