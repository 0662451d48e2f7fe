import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkbookPatchSchema } from '../../src/core/patch';
import { cellAt } from '../../src/core/snapshot';
import { injectCharts, readCharts } from '../../src/xlsx/chart';
import { PlanFileError } from '../../src/xlsx/open';
import { XlsxHost } from '../../src/xlsx/host';
import { openWithExcelJS as openWorkbook } from '../fixtures/exceljs/open';
import { runRefresh } from '../../src/core/refresh';
import ExcelJS from 'exceljs';
import { bathShape } from '../fixtures/plans';
import { fixtureSnapshot, writeFixture } from '../fixtures/workbook';

let dir: string;
let source: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-host-'));
  source = path.join(dir, bathShape.name);
  await writeFixture(bathShape, source);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const chart = {
  type: 'barStacked' as const,
  title: 'Actions by status',
  categories: 'A2:A3',
  series: [{ name: 'Actions', values: 'B2:B3', colour: '#00B050' }],
  from: 'D2',
  to: 'J16',
};

const withChart = WorkbookPatchSchema.parse({
  sheets: [{ name: 'Overview', rows: [['Status', 'Actions'], ['Green', 3], ['Red', 1]], chart }],
});

describe('XlsxHost', () => {
  it('reads the workbook under its file name', async () => {
    const host = await XlsxHost.open(source);
    expect(await host.snapshot()).toEqual(fixtureSnapshot(bathShape));
  });

  it('applies a patch, reports what it wrote, and saves it with its chart to another file', async () => {
    const before = await fs.readFile(source);
    const host = await XlsxHost.open(source);
    const stats = await host.apply(withChart);
    // One sheet and its six cells.
    expect(stats).toEqual({ syncs: 0, operations: 7, bytes: 0 });
    const out = path.join(dir, 'refreshed.xlsx');
    await host.save(out);

    expect(await readCharts(await fs.readFile(out))).toEqual([{ sheet: 'Overview', title: 'Actions by status', series: ['Actions'] }]);
    expect((await fs.readFile(source)).equals(before)).toBe(true);
    const reread = await (await XlsxHost.open(out)).snapshot();
    const overview = reread.sheets.find((s) => s.name === 'Overview')!;
    expect(cellAt(overview, 3, 1)).toBe('Red');
  });

  it('forgets a chart when its sheet is rewritten without one or deleted', async () => {
    const host = await XlsxHost.open(source);
    await host.apply(withChart);
    await host.apply(WorkbookPatchSchema.parse({ sheets: [{ name: 'Overview', rows: [['No actions yet']] }] }));
    const rewritten = path.join(dir, 'rewritten.xlsx');
    await host.save(rewritten);
    expect(await readCharts(await fs.readFile(rewritten))).toEqual([]);

    await host.apply(withChart);
    await host.apply(WorkbookPatchSchema.parse({ deleteSheets: ['Overview'] }));
    const deleted = path.join(dir, 'deleted.xlsx');
    await host.save(deleted);
    expect(await readCharts(await fs.readFile(deleted))).toEqual([]);
  });

  it("keeps the officer's own chart as it was, and replaces BoardPlan's", async () => {
    // A refreshed file with BoardPlan's chart, to which the officer added a chart of their own.
    const host = await XlsxHost.open(source);
    await host.apply(withChart);
    const refreshed = path.join(dir, 'refreshed.xlsx');
    await host.save(refreshed);
    const userChart = { ...chart, title: 'My own chart', categories: 'A1:A3', series: [{ name: 'Mine', values: 'B1:B3', colour: '#7030A0' }] };
    await fs.writeFile(refreshed, await injectCharts(await fs.readFile(refreshed), [{ sheet: 'Business Plan', chart: userChart }]));

    const again = await XlsxHost.open(refreshed);
    await again.apply(WorkbookPatchSchema.parse({ sheets: [{ ...withChart.sheets[0], chart: { ...chart, title: 'Actions this quarter' } }] }));
    const out = path.join(dir, 'again.xlsx');
    await again.save(out);
    expect(await readCharts(await fs.readFile(out))).toEqual([
      { sheet: 'Business Plan', title: 'My own chart', series: ['Mine'] },
      { sheet: 'Overview', title: 'Actions this quarter', series: ['Actions'] },
    ]);
  });

  it('writes nothing when the package it would write differs by more than BoardPlan\'s additions', async () => {
    const host = await XlsxHost.open(source);
    await host.apply(withChart);
    // As a fault in the writer would: a part of the user's changed.
    const zip = (host as unknown as { zip: { write(path: string, text: string): void } }).zip;
    zip.write('xl/worksheets/sheet1.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
    const out = path.join(dir, 'never.xlsx');
    await expect(host.save(out)).rejects.toMatchObject({
      code: 'refused',
      message: `${bathShape.name} was not refreshed, and nothing was written: a check before writing found that the part xl/worksheets/sheet1.xml changed; this is a fault in BoardPlan, please report it.`,
    });
    await expect(fs.stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a file that is not a workbook with a clear error', async () => {
    const csv = path.join(dir, 'plan.csv');
    await fs.writeFile(csv, 'Ref,Action\n');
    await expect(XlsxHost.open(csv)).rejects.toThrow(PlanFileError);
    await expect(XlsxHost.open(csv)).rejects.toMatchObject({ code: 'not-xlsx' });
  });

  it("leaves the plan sheet's print set-up and row heights as the officer set them", async () => {
    // The officer's plan prints portrait on Letter, two pages wide, with a short header row.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(source);
    const plan = wb.worksheets[0];
    plan.pageSetup = { ...plan.pageSetup, orientation: 'portrait', paperSize: 1 as ExcelJS.PageSetup['paperSize'], fitToPage: true, fitToWidth: 2, fitToHeight: 0, printArea: 'A1:F40' };
    plan.getRow(1).height = 13;
    plan.getRow(2).height = 14.5;
    await wb.xlsx.writeFile(source);
    const before = await openWorkbook(source);
    const host = await XlsxHost.open(source);
    await runRefresh(host, { asOf: '2016-03-31', today: '2016-04-05' });
    const out = path.join(dir, 'refreshed.xlsx');
    await host.save(out);
    const after = await openWorkbook(out);
    const [was, now] = [before.worksheets[0], after.getWorksheet(before.worksheets[0].name)!];
    expect(now.pageSetup).toEqual(was.pageSetup);
    const heights = (ws: ExcelJS.Worksheet) => Array.from({ length: 40 }, (_, i) => ws.getRow(i + 1).height);
    expect(heights(now)).toEqual(heights(was));
  });
});
