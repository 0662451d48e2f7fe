import ExcelJS from 'exceljs';
import { CF_MARKER } from '../../src/core/patch';
import { ExcelHost } from '../../src/excel/host';
import { readSnapshot } from '../../src/excel/snapshot';
import { createFakeExcel } from '../../src/fake-excel';
import { allShapes, leicsShape, tableShape } from '../fixtures/plans';
import { fixtureWorkbook } from '../fixtures/workbook';
import { excelJsSnapshot } from './helpers';

/** The Office.js host's read, run against the fake seeded with real workbooks. */

describe('the snapshot read through Office.js', () => {
  it.each(allShapes.map((fx) => [fx.name, fx] as const))('equals a plain ExcelJS reading of %s', async (_name, fx) => {
    const wb = fixtureWorkbook(fx);
    const expected = excelJsSnapshot(wb, fx.name);
    const fake = createFakeExcel(wb, { name: fx.name });
    const host = new ExcelHost(fake.run);
    expect(await host.snapshot()).toEqual(expected);
  });

  it('includes hidden and very hidden sheets with their visibility, and empty sheets', async () => {
    const wb = fixtureWorkbook(leicsShape);
    wb.addWorksheet('Notes', { state: 'hidden' }).getCell('B2').value = 'Draft wording';
    wb.addWorksheet('BoardPlan', { state: 'veryHidden' }).getCell('A1').value = 'settings';
    wb.addWorksheet('Blank');
    const fake = createFakeExcel(wb);
    const snapshot = await new ExcelHost(fake.run).snapshot();
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Business Plan', 'visible'],
      ['Notes', 'hidden'],
      ['BoardPlan', 'veryHidden'],
      ['Blank', 'visible'],
    ]);
    expect(snapshot.sheets[1]).toMatchObject({ top: 2, left: 2, values: [['Draft wording']] });
    expect(snapshot.sheets[3]).toMatchObject({ top: 1, left: 1, values: [], numberFormats: [] });
  });

  it('reads tables with their sheet, range and header row', async () => {
    const fake = createFakeExcel(fixtureWorkbook(tableShape));
    const snapshot = await new ExcelHost(fake.run).snapshot();
    expect(snapshot.tables).toEqual([
      { name: 'Plan2016', sheet: 'Children', top: 3, left: 1, bottom: 15, right: 8, showHeaders: true },
      { name: 'AdultsPlan2016', sheet: 'Adults', top: 3, left: 1, bottom: 11, right: 7, showHeaders: true },
    ]);
  });

  it('keeps text that starts with "=" as text', async () => {
    const fake = createFakeExcel(fixtureWorkbook(tableShape));
    const snapshot = await new ExcelHost(fake.run).snapshot();
    const children = snapshot.sheets.find((s) => s.name === 'Children')!;
    expect(children.values[6 - children.top][3 - children.left]).toBe('=Review with partners how the front door is working');
  });
});

describe('round trips of the read', () => {
  it('takes one sync for a fixture plan (22 actions on one sheet)', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    expect(fake.stats.syncs).toBe(1);
    expect(host.lastReadStats).toEqual({ syncs: fake.stats.syncs, operations: fake.stats.operations, bytes: fake.stats.bytes });
  });

  it('takes one sync for a sheet of 10,000 rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Ref', 'Action', 'Outcome', 'Lead', 'Timescale', 'Progress', 'RAG', 'Notes']);
    for (let i = 1; i <= 10_000; i++) {
      ws.addRow([`${Math.ceil(i / 100)}.${i % 100}`, `Action ${i}: review the audit findings with partners`, 'Outcome agreed', 'Board Manager', new Date(Date.UTC(2016, i % 12, 1)), `Update Mar 16: step ${i} done`, 'Green', null]);
      ws.getCell(i + 1, 5).numFmt = 'mmm-yy';
    }
    const fake = createFakeExcel(wb);
    const snapshot = await new ExcelHost(fake.run).snapshot();
    expect(fake.stats.syncs).toBe(1);
    expect(snapshot.sheets[0].values).toHaveLength(10_001);
    expect(snapshot.sheets[0].values[10_000][0]).toBe('100.0');
    expect(snapshot.sheets[0].numberFormats[5][4]).toBe('mmm-yy');
  });

  it('takes a second sync only to place the tables of a workbook that has them', async () => {
    const fake = createFakeExcel(fixtureWorkbook(tableShape));
    await new ExcelHost(fake.run).snapshot();
    expect(fake.stats.syncs).toBe(2);
  });

  it('reads a sheet too big for one answer in blocks of rows, giving the same snapshot', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    for (let i = 1; i <= 400; i++) ws.addRow([`${i}`, `Action ${i}`, i % 7 === 0 ? null : 'Lead', i]);
    const expected = excelJsSnapshot(wb, 'Book1.xlsx');
    const fake = createFakeExcel(wb, { limits: { cellsPerRead: 500 } });
    const snapshot = await new ExcelHost(fake.run, { read: { maxCellsPerRead: 500 } }).snapshot();
    expect(snapshot).toEqual(expected);
    expect(fake.stats.syncs).toBeGreaterThan(2);
    expect(fake.stats.log.filter((l) => l.error).map((l) => l.error)).toEqual(['ResponsePayloadSizeLimitExceeded']);
  });

  it('keeps reading when an answer is over Excel’s 5 MB response limit, halving its blocks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    for (let i = 1; i <= 300; i++) ws.addRow([`${i}`, `Update ${i}: ${'the sub-group reviewed progress '.repeat(4)}`]);
    const expected = excelJsSnapshot(wb, 'Book1.xlsx');
    const fake = createFakeExcel(wb, { limits: { responseBytes: 20_000 } });
    const snapshot = await new ExcelHost(fake.run).snapshot();
    expect(snapshot).toEqual(expected);
    const errors = fake.stats.log.filter((l) => l.error).map((l) => l.error);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors)).toEqual(new Set(['ResponsePayloadSizeLimitExceeded']));
  });

  it('follows the chain of sheets past the per-read cap', async () => {
    const wb = new ExcelJS.Workbook();
    for (let i = 1; i <= 5; i++) wb.addWorksheet(`Sheet ${i}`).getCell('A1').value = i;
    const fake = createFakeExcel(wb);
    const snapshot = await new ExcelHost(fake.run, { read: { sheetsPerRead: 2 } }).snapshot();
    expect(snapshot.sheets.map((s) => s.values[0][0])).toEqual([1, 2, 3, 4, 5]);
    expect(fake.stats.syncs).toBe(3);
  });
});

function withRules(): ExcelJS.Workbook {
  const wb = fixtureWorkbook(leicsShape);
  const ws = wb.getWorksheet('Business Plan')!;
  ws.addConditionalFormatting({ ref: 'F7:F40', rules: [{ type: 'expression', formulae: ['$F7="Complete"'], priority: 1 } as ExcelJS.ConditionalFormattingRule] });
  ws.addConditionalFormatting({ ref: 'G7:G40', rules: [{ type: 'expression', formulae: [`AND($G7="Red",${CF_MARKER})`], priority: 2 } as ExcelJS.ConditionalFormattingRule] });
  ws.addConditionalFormatting({ ref: 'E7:E40', rules: [{ type: 'dataBar', priority: 3 } as unknown as ExcelJS.ConditionalFormattingRule] });
  return wb;
}

describe('handles for the write', () => {
  it('still find BoardPlan’s rules when Excel will not give formulas through customOrNullObject, at the cost of a round trip', async () => {
    const fake = createFakeExcel(withRules(), { refuseNullObjectPaths: true });
    const { handles, snapshot } = await fake.run((ctx) => readSnapshot(ctx));
    const ourRule = (fake.workbook.getWorksheet('Business Plan') as unknown as { conditionalFormattings: { rules: { formulae: string[] }[] }[] }).conditionalFormattings[1].rules[0];
    expect(ourRule.formulae[0]).toContain(CF_MARKER);
    expect(handles.sheets[0].ourRules).toHaveLength(1);
    expect(snapshot).toEqual(excelJsSnapshot(withRules(), 'Book1.xlsx'));
    expect(fake.stats.log.map((l) => l.error ?? 'ok')).toEqual(['InvalidArgument', 'ok', 'ok']);
  });

  it('find exactly BoardPlan’s conditional-format rules, and the protected sheets', async () => {
    const wb = withRules();
    (wb.addWorksheet('Locked') as unknown as { sheetProtection: object }).sheetProtection = { sheet: true };
    const fake = createFakeExcel(wb);
    fake.workbookProtected = true;
    const { handles } = await fake.run((ctx) => readSnapshot(ctx));
    expect(handles.workbookProtected).toBe(true);
    expect(handles.sheets.map((s) => [s.name, s.protected, s.ourRules.length])).toEqual([
      ['Business Plan', false, 1],
      ['Locked', true, 0],
    ]);
  });
});
