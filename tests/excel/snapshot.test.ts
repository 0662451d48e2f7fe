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
  it('takes two requests: the list of sheets, then what each needs (a fixture plan of 22 actions)', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    expect(fake.stats.syncs).toBe(2);
    expect(host.lastReadStats?.syncs).toBe(2);
  });

  it('reaches only sheets that exist: nothing is asked of a sheet past the last one', async () => {
    const wb = fixtureWorkbook(leicsShape);
    wb.addWorksheet('Notes').getCell('A1').value = 'Draft';
    wb.addWorksheet('Blank');
    const fake = createFakeExcel(wb);
    const snapshot = await new ExcelHost(fake.run).snapshot();
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Business Plan', 'Notes', 'Blank']);
    expect(fake.stats.log.map((l) => l.nullObjectCalls)).toEqual(fake.stats.log.map(() => 0));
  });

  it('takes two requests for a sheet of 10,000 rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Ref', 'Action', 'Outcome', 'Lead', 'Timescale', 'Progress', 'RAG', 'Notes']);
    for (let i = 1; i <= 10_000; i++) {
      ws.addRow([`${Math.ceil(i / 100)}.${i % 100}`, `Action ${i}: review the audit findings with partners`, 'Outcome agreed', 'Board Manager', new Date(Date.UTC(2016, i % 12, 1)), `Update Mar 16: step ${i} done`, 'Green', null]);
      ws.getCell(i + 1, 5).numFmt = 'mmm-yy';
    }
    const fake = createFakeExcel(wb);
    const snapshot = await new ExcelHost(fake.run).snapshot();
    expect(fake.stats.syncs).toBe(2);
    expect(snapshot.sheets[0].values).toHaveLength(10_001);
    expect(snapshot.sheets[0].values[10_000][0]).toBe('100.0');
    expect(snapshot.sheets[0].numberFormats[5][4]).toBe('mmm-yy');
  });

  it('places tables in the same two requests', async () => {
    const fake = createFakeExcel(fixtureWorkbook(tableShape));
    await new ExcelHost(fake.run).snapshot();
    expect(fake.stats.syncs).toBe(2);
  });

  it('reads in blocks of rows a used range Excel answers with null values (past its cells per read), giving the same snapshot', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    for (let i = 1; i <= 400; i++) ws.addRow([`${i}`, `Action ${i}`, i % 7 === 0 ? null : 'Lead', i]);
    const expected = excelJsSnapshot(wb, 'Book1.xlsx');
    const fake = createFakeExcel(wb, { limits: { cellsPerRead: 500 } });
    const snapshot = await new ExcelHost(fake.run).snapshot();
    expect(snapshot).toEqual(expected);
    expect(fake.stats.syncs).toBeGreaterThan(2);
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
});

describe('handles for the write', () => {
  it('find the protected sheets and the workbook’s protection', async () => {
    const wb = fixtureWorkbook(leicsShape);
    (wb.addWorksheet('Locked') as unknown as { sheetProtection: object }).sheetProtection = { sheet: true };
    const fake = createFakeExcel(wb);
    fake.workbookProtected = true;
    const { handles } = await fake.run((ctx) => readSnapshot(ctx));
    expect(handles.workbookProtected).toBe(true);
    expect(handles.sheets.map((s) => [s.name, s.protected])).toEqual([
      ['Business Plan', false],
      ['Locked', true],
    ]);
  });

  it('count BoardPlan’s rules on each sheet by their mark, in the same two requests, so a first refresh only adds', async () => {
    const wb = fixtureWorkbook(leicsShape);
    const ws = wb.getWorksheet('Business Plan')!;
    ws.addConditionalFormatting(rule('F7:F40', '$F7="Not started"'));
    ws.addConditionalFormatting(rule('G7:G40', `AND($G7="Red",${CF_MARKER})`));
    wb.addWorksheet('Notes').addConditionalFormatting(rule('A1:A9', '$A1="Draft"'));
    const fake = createFakeExcel(wb);
    const { handles, stats } = await fake.run((ctx) => readSnapshot(ctx));
    expect(stats.syncs).toBe(2);
    expect(handles.sheets.map((s) => [s.name, s.ownRules])).toEqual([
      ['Business Plan', 1],
      ['Notes', 0],
    ]);
  });

  it('read again without the rules when Excel cannot read rules that share one range, and leave their count unknown', async () => {
    const wb = fixtureWorkbook(leicsShape);
    const ws = wb.getWorksheet('Business Plan')!;
    ws.addConditionalFormatting(rule('G7:G40', `AND($G7="Red",${CF_MARKER})`));
    ws.addConditionalFormatting(rule('G7:G40', `AND($G7="Green",${CF_MARKER})`));
    const fake = createFakeExcel(wb);
    fake.sharedRangeRuleBug = true;
    const { handles, snapshot, stats } = await fake.run((ctx) => readSnapshot(ctx));
    expect(stats.syncs).toBe(3);
    expect(handles.sheets.map((s) => [s.name, s.ownRules])).toEqual([['Business Plan', null]]);
    expect(snapshot).toEqual(excelJsSnapshot(wb, 'Book1.xlsx'));
  });
});

function rule(ref: string, formula: string): ExcelJS.ConditionalFormattingOptions {
  return { ref, rules: [{ type: 'expression', formulae: [formula], priority: 1 } as ExcelJS.ConditionalFormattingRule] };
}
