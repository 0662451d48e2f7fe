import { describeExcelError, ExcelHostError, protectedSheetMessage } from '../../src/excel/errors';
import { ExcelHost } from '../../src/excel/host';
import { createFakeExcel } from '../../src/fake-excel';
import { leicsShape } from '../fixtures/plans';
import { fixtureWorkbook } from '../fixtures/workbook';

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject');
}

describe('describeExcelError', () => {
  it('tells the officer to leave cell editing when Excel is busy with a cell', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    fake.editingCell = true;
    const e = await caught(new ExcelHost(fake.run).snapshot());
    expect(describeExcelError(e)).toBe('Excel is busy editing a cell: press Enter or Esc, then try again.');
  });

  it('explains a sheet that has gone since the read', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const e = await caught(new ExcelHost(fake.run).select('Deleted sheet', 'A1'));
    expect((e as { code: string }).code).toBe('ItemNotFound');
    expect(describeExcelError(e)).toMatch(/^Something BoardPlan read has gone from the workbook .*: run Refresh again\.$/);
  });

  it('explains a request too large for Excel on the web', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const rows = Array.from({ length: 80_000 }, (_, i) => [`Row ${i} ${'x'.repeat(60)}`]);
    const e = await caught(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Business Plan').getRange(`J1:J${rows.length}`).values = rows;
        await ctx.sync();
      }),
    );
    expect((e as { code: string }).code).toBe('RequestPayloadSizeLimitExceeded');
    expect(describeExcelError(e)).toMatch(/^Excel on the web refused an update larger than it takes at once \(5 MB\): /);
  });

  it('asks the officer to close Excel’s dialog when one is open', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    fake.modalDialogOpen = true;
    const e = await caught(new ExcelHost(fake.run).snapshot());
    expect((e as { code: string }).code).toBe('WriteNotSupportedWhenModalDialogOpen');
    expect(describeExcelError(e)).toBe('A dialog is open in Excel, so BoardPlan cannot work on the workbook: close it (OK, Cancel or Esc), then try again.');
  });

  it('asks for the pane to be opened again when Excel has lost track of the workbook', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const old = await fake.run(async (ctx) => ctx.workbook.worksheets.getItem('Business Plan').getRange('A1:B2'));
    const e = await caught(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Business Plan').charts.add('BarStacked', old, 'Columns');
        await ctx.sync();
      }),
    );
    expect((e as { code: string }).code).toBe('InvalidRequestContext');
    expect(describeExcelError(e)).toMatch(/^Excel lost track of the workbook BoardPlan was working on .*: close the BoardPlan pane, open it again, and try again\.$/);
  });

  it.each([
    [{ code: 'ApiNotFound', debugInfo: { errorLocation: 'Range.hyperlink' } }, 'This version of Excel does not support Range.hyperlink: BoardPlan needs Microsoft 365, Excel on the web, or Excel 2021 or later.'],
    [{ code: 'ApiNotFound' }, 'This version of Excel does not support a feature BoardPlan needs: BoardPlan needs Microsoft 365, Excel on the web, or Excel 2021 or later.'],
    [{ code: 'AccessDenied' }, /^A sheet BoardPlan writes to is protected/],
    [{ code: 'GeneralException' }, /^Excel reported an internal error: /],
    [{ code: 'Conflict' }, /^Excel is busy \(a co-author/],
    [{ code: 'ResponsePayloadSizeLimitExceeded' }, /^Excel on the web could not send the workbook's cells in one answer \(over 5 MB\): /],
    [new Error('Network lost.'), /^Something went wrong while BoardPlan was working with Excel \(Network lost\): try again/],
    ['odd', /^Something went wrong while BoardPlan was working with Excel: try again/],
  ])('turns %p into one sentence with what to do', (error, expected) => {
    const text = describeExcelError(error);
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
  });

  it('passes on the host’s own messages unchanged', () => {
    expect(describeExcelError(new ExcelHostError('protected-sheet', protectedSheetMessage('Plan')))).toBe(
      "Sheet 'Plan' is protected: unprotect it (Review > Unprotect Sheet) and run Refresh again.",
    );
  });
});
