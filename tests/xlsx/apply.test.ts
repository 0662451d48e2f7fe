import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { isoToSerial } from '../../src/core/cells';
import { OWNED_HEADER_STYLE } from '../../src/core/formatting';
import { CF_MARKER, WorkbookPatchSchema, type WorkbookPatch } from '../../src/core/patch';
import { cellAt, formatAt, type WorkbookSnapshot } from '../../src/core/snapshot';
import { XlsxHost } from '../../src/xlsx/host';
import { openWithExcelJS } from '../fixtures/exceljs/open';
import { snapshotFromWorkbook } from '../fixtures/exceljs/snapshot';
import { tableShape } from '../fixtures/plans';
import { fixtureWorkbook } from '../fixtures/workbook';

let dir: string;
let saved = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-apply-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * The workbook (made by ExcelJS, as another program would, or a file written before) refreshed by
 * the file host with the patch, and read back by ExcelJS.
 */
async function refreshed(source: ExcelJS.Workbook | string, patch: WorkbookPatch): Promise<{ wb: ExcelJS.Workbook; file: string }> {
  let input = typeof source === 'string' ? source : path.join(dir, `user-${++saved}.xlsx`);
  if (typeof source !== 'string') await source.xlsx.writeFile(input);
  const host = await XlsxHost.open(input);
  await host.apply(patch);
  const file = path.join(dir, `book-${++saved}.xlsx`);
  await host.save(file);
  input = file;
  return { wb: await openWithExcelJS(file), file };
}

/** A workbook the user saved again in another program (ExcelJS), as the next refresh would find it. */
async function savedAgain(wb: ExcelJS.Workbook): Promise<string> {
  const file = path.join(dir, `user-${++saved}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function partText(file: string, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  return (await zip.file(part)?.async('string')) ?? '';
}

type Rules = { ref: string; rules: { formulae?: string[]; style?: Partial<ExcelJS.Style>; priority?: number }[] }[];
function rulesOf(ws: ExcelJS.Worksheet | undefined): Rules {
  return ((ws as unknown as { conditionalFormattings?: Rules })?.conditionalFormattings ?? []) as Rules;
}

/** A plan sheet as an officer keeps it, with one formatting rule of their own. */
async function userPlan(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan 2015-16');
  ws.addRow(['Ref', 'Action', 'Lead', 'Timescale', 'Progress', 'Board RAG', 'Notes']);
  ws.addRow(['1.1', 'Audit of training', 'Chair', 'End of Nov 15', 'Complete', 'Green', 'keep']);
  ws.addRow(['1.2', 'Review thresholds', 'Manager', 'Jun-16', 'Update Dec 15: started', 'Amber', 'keep']);
  ws.addRow(['1.3', 'Publish the annual report', 'Officer', 'Mar-16', null, 'Red', 'keep']);
  ws.getCell('A1').font = { name: 'Arial', size: 10, bold: true };
  // The officer's own rule, on the range BoardPlan will colour too.
  ws.addConditionalFormatting({
    ref: 'H2:H4',
    rules: [{ type: 'expression', formulae: ['$F2="Red"'], style: { font: { italic: true } } } as ExcelJS.ConditionalFormattingRule],
  });
  return wb;
}

const planColumns = (values: (string | null)[], clearToRow = 4) =>
  WorkbookPatchSchema.parse({
    columns: [
      { sheet: 'Plan 2015-16', col: 8, headerRow: 1, header: 'RAG (proposed)', firstRow: 2, values, clearToRow, width: 16, headerStyle: OWNED_HEADER_STYLE },
    ],
    rules: [
      {
        sheet: 'Plan 2015-16',
        rules: [
          { address: 'H2:H4', formula: `=AND(${CF_MARKER},$H2="Blue")`, fill: '#0070C0', font: '#FFFFFF', bold: true },
          { address: 'H2:H4', formula: `=AND(${CF_MARKER},$H2="Red")`, fill: '#C00000' },
        ],
      },
    ],
  });

describe('refreshing a file: owned columns', () => {
  it('writes every value as text, even one that looks like a formula or a number', async () => {
    const wb = await userPlan();
    const { wb: back } = await refreshed(wb, planColumns(['=SUM(A1)', '+44 1632 960123', '2016']));
    const ws = back.getWorksheet('Plan 2015-16')!;
    expect(['H2', 'H3', 'H4'].map((a) => ws.getCell(a).value)).toEqual(['=SUM(A1)', '+44 1632 960123', '2016']);
    expect(['H2', 'H3', 'H4'].map((a) => ws.getCell(a).type)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.String, ExcelJS.ValueType.String]);
    expect(ws.getCell('H2').numFmt).toBe('@');
  });

  it("writes the header in the patch's look, in the plan header's typeface, and leaves the header row's height alone", async () => {
    const wb = await userPlan();
    const plan = wb.getWorksheet('Plan 2015-16')!;
    // The officer's headings: white on navy, in a row of their own height.
    plan.getCell('G1').font = { name: 'Arial', size: 10, color: { argb: 'FFFFFFFF' } };
    plan.getRow(1).height = 14;
    const ws = (await refreshed(wb, planColumns(['Green', 'Amber', 'Red']))).wb.getWorksheet('Plan 2015-16')!;
    const header = ws.getCell('H1');
    expect(header.value).toBe('RAG (proposed)');
    expect(header.font).toMatchObject({ bold: true, name: 'Arial', size: 10, color: { argb: 'FF000000' } });
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(header.alignment?.wrapText).toBeFalsy();
    expect(ws.getColumn(8).width).toBe(16);
    expect(ws.getRow(1).height).toBe(14);
  });

  it('clears the cells below the new values in its own column only', async () => {
    const wb = await userPlan();
    const first = (await refreshed(wb, planColumns(['Green', 'Amber', 'Red']))).file;
    // The plan lost its last action: one value fewer, the old one below is cleared.
    const ws = (await refreshed(first, planColumns(['Green', 'Amber'], 4))).wb.getWorksheet('Plan 2015-16')!;
    expect(ws.getCell('H3').value).toBe('Amber');
    expect(ws.getCell('H4').value).toBeNull();
    expect(ws.getCell('G4').value).toBe('keep');
    expect(ws.getCell('F4').value).toBe('Red');
  });

  it("does not restyle the user's cells that shared a style with BoardPlan's cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan 2015-16');
    for (const address of ['F1', 'G2', 'G3', 'H1', 'H2', 'H3']) {
      ws.getCell(address).value = 'x';
      ws.getCell(address).numFmt = '0.0';
      ws.getCell(address).font = { italic: true, color: { argb: 'FF7030A0' } };
    }
    // Read from a file, cells of one style share one style object in ExcelJS.
    const opened = await savedAgain(wb);
    const back = (await refreshed(opened, planColumns(['Green', 'Amber']))).wb.getWorksheet('Plan 2015-16')!;
    for (const address of ['F1', 'G2', 'G3']) {
      expect(back.getCell(address).numFmt).toBe('0.0');
      expect(back.getCell(address).font).toMatchObject({ italic: true, color: { argb: 'FF7030A0' } });
      expect((back.getCell(address).fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    }
    expect(back.getCell('H2').numFmt).toBe('@');
    expect(back.getCell('H1').font).toMatchObject({ bold: true });
  });

  it('leaves alone a section title merged across the plan and its own column', async () => {
    const wb = await userPlan();
    const ws = wb.getWorksheet('Plan 2015-16')!;
    ws.getCell('A5').value = 'Priority 2: To be assured that children are heard';
    ws.mergeCells('A5:I5');
    ws.getCell('A6').value = '2.1';
    const opened = await savedAgain(wb);
    const back = (await refreshed(opened, planColumns(['Green', 'Amber', 'Red', null, 'Green'], 8))).wb.getWorksheet('Plan 2015-16')!;
    expect(back.getCell('A5').value).toBe('Priority 2: To be assured that children are heard');
    expect(back.getCell('H5').isMerged).toBe(true);
    expect(back.getCell('H6').value).toBe('Green');
  });

  it('says which sheet is missing when the patch names one the workbook lacks', async () => {
    const wb = await userPlan();
    const patch = WorkbookPatchSchema.parse({
      columns: [{ sheet: 'Plan 2016-17', col: 8, headerRow: 1, header: 'RAG reason', firstRow: 2, values: [], clearToRow: 0 }],
    });
    await expect(refreshed(wb, patch)).rejects.toThrow('Cannot write the column "RAG reason": the workbook has no sheet named "Plan 2016-17".');
  });
});

describe('refreshing a file: conditional formats', () => {
  it("replaces only BoardPlan's marked rules; the officer's rule on the same range survives", async () => {
    const wb = await userPlan();
    const once = (await refreshed(wb, planColumns(['Green', 'Amber', 'Red']))).file;
    const twice = (await refreshed(once, planColumns(['Blue', 'Amber', 'Red']))).wb;

    const rules = rulesOf(twice.getWorksheet('Plan 2015-16')).flatMap((cf) => cf.rules.map((r) => ({ ref: cf.ref, ...r })));
    expect(rules).toHaveLength(3);
    const mine = rules.filter((r) => !r.formulae?.[0].includes(CF_MARKER));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ ref: 'H2:H4', formulae: ['$F2="Red"'], style: { font: { italic: true } } });
    const ours = rules.filter((r) => r.formulae?.[0].includes(CF_MARKER));
    expect(ours.map((r) => r.formulae)).toEqual([[`AND(${CF_MARKER},$H2="Blue")`], [`AND(${CF_MARKER},$H2="Red")`]]);
    // Every rule has its own rank, the officer's first.
    expect(new Set(rules.map((r) => r.priority)).size).toBe(3);
    expect(mine[0].priority).toBeLessThan(Math.min(...ours.map((r) => r.priority!)));
  });

  it('writes a solid fill, font colour and bold that Excel and LibreOffice both show', async () => {
    const wb = await userPlan();
    const { file } = await refreshed(wb, planColumns(['Blue', 'Amber', 'Red']));
    const styles = await partText(file, 'xl/styles.xml');
    expect(styles).toContain(
      '<dxf><font><b/><color rgb="FFFFFFFF"/></font><fill><patternFill patternType="solid"><fgColor rgb="FF0070C0"/><bgColor rgb="FF0070C0"/></patternFill></fill></dxf>',
    );
    const sheet = await partText(file, 'xl/worksheets/sheet1.xml');
    // Formulas are stored without the leading "=".
    expect(sheet).toContain('<formula>AND(N(&quot;BoardPlan&quot;)=0,$H2=&quot;Blue&quot;)</formula>');
  });

  it('removes all of its rules when a refresh brings none', async () => {
    const wb = await userPlan();
    const once = (await refreshed(wb, planColumns(['Blue', 'Amber', 'Red']))).file;
    const after = (await refreshed(once, WorkbookPatchSchema.parse({ rules: [{ sheet: 'Plan 2015-16', rules: [] }] }))).wb;
    expect(rulesOf(after.getWorksheet('Plan 2015-16')).map((cf) => cf.rules.length)).toEqual([1]);
  });
});

const summary = (overrides: Record<string, unknown> = {}) => ({
  name: 'Summary – Priority 1',
  rows: [
    ['Priority 1: Training'],
    ['As of', { date: '2016-03-31' }],
    [],
    ['Status', 'Actions', 'Note'],
    ['Red', 2, '=not a formula'],
    ['Green', 5, '30/06/2016'],
    ['Go to the plan', null, '12.5'],
  ],
  styles: [
    { address: 'A1', style: { bold: true, size: 14 } },
    { address: 'A4:C4', style: { bold: true, fill: '#D9D9D9', border: true, align: 'center' } },
    { address: 'B5:B6', style: { numberFormat: '0.0' } },
    { address: 'C5', style: { wrap: true, font: '#C00000', italic: true } },
  ],
  links: [{ cell: 'A7', sheet: 'Plan 2015-16', target: 'B3' }],
  merges: ['A1:C1'],
  widths: [{ col: 1, width: 30 }],
  freezeRows: 4,
  tabColor: '#0070C0',
  print: { orientation: 'landscape', fitToWidth: true, titleRows: '1:4', area: 'A1:C20' },
  ...overrides,
});

describe('refreshing a file: generated sheets', () => {
  it('writes values from A1: text as text, numbers as numbers, dates as real dates', async () => {
    const wb = await userPlan();
    const back = (await refreshed(wb, WorkbookPatchSchema.parse({ sheets: [summary()] }))).wb;
    const snap = snapshotFromWorkbook(back, 'book.xlsx');
    const s = snap.sheets.find((x) => x.name === 'Summary – Priority 1')!;
    expect(cellAt(s, 1, 1)).toBe('Priority 1: Training');
    expect(cellAt(s, 2, 2)).toBe(isoToSerial('2016-03-31'));
    expect(formatAt(s, 2, 2)).toBe('d mmm yyyy');
    expect(cellAt(s, 5, 2)).toBe(2);
    expect(formatAt(s, 5, 2)).toBe('0.0');
    expect(cellAt(s, 5, 3)).toBe('=not a formula');
    expect(cellAt(s, 6, 3)).toBe('30/06/2016');
    expect(cellAt(s, 7, 3)).toBe('12.5');
    const ws = back.getWorksheet('Summary – Priority 1')!;
    // Every text keeps a text format, as in Excel: one that Excel would re-read as data if retyped, and any other.
    expect(['C5', 'C6', 'C7', 'A5'].map((a) => ws.getCell(a).numFmt)).toEqual(['@', '@', '@', '@']);
    expect(ws.getCell('C5').type).toBe(ExcelJS.ValueType.String);
  });

  it('saves styles, merges, widths, the frozen header, tab colour and print set-up', async () => {
    const wb = await userPlan();
    const ws = (await refreshed(wb, WorkbookPatchSchema.parse({ sheets: [summary()] }))).wb.getWorksheet('Summary – Priority 1')!;
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('B4').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
    expect(ws.getCell('B4').border?.bottom).toMatchObject({ style: 'thin' });
    expect(ws.getCell('B4').alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('C5').font).toMatchObject({ italic: true, color: { argb: 'FFC00000' } });
    expect(ws.getCell('C5').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('C1').master.address).toBe('A1');
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.properties.tabColor).toMatchObject({ argb: 'FF0070C0' });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:4',
      printArea: 'A1:C20',
    });
  });

  it("gives the sheet's cells its typeface, its rows their heights and its pages their breaks", async () => {
    const wb = await userPlan();
    const sheet = summary({
      font: { name: 'Arial', size: 10 },
      heights: [{ row: 1, height: 20.25 }, { row: 5, height: 40.5 }],
      print: { orientation: 'landscape', fitToWidth: true, titleRows: '1:4', area: 'A1:C20', breaks: [6] },
    });
    const { wb: back, file } = await refreshed(wb, WorkbookPatchSchema.parse({ sheets: [sheet] }));
    const ws = back.getWorksheet('Summary – Priority 1')!;
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Arial', size: 14, bold: true });
    expect(ws.getCell('B5').font).toMatchObject({ name: 'Arial', size: 10 });
    expect(ws.getCell('C5').font).toMatchObject({ name: 'Arial', size: 10, italic: true });
    expect([1, 5].map((r) => ws.getRow(r).height)).toEqual([20.25, 40.5]);
    const xml = await partText(file, 'xl/worksheets/sheet2.xml');
    // Written as custom heights, which Excel keeps as they are when it opens the file.
    expect(xml).toMatch(/<row r="5"[^>]*ht="40.5"[^>]*customHeight="1"/);
    // The break above row 6: Excel numbers it by the last row of the page before.
    expect(xml).toMatch(/<rowBreaks count="1" manualBreakCount="1"><brk id="5"[^>]*man="1"\/><\/rowBreaks>/);
  });

  it('links to a cell in another sheet the way Excel and LibreOffice follow', async () => {
    const wb = await userPlan();
    const { wb: back, file } = await refreshed(wb, WorkbookPatchSchema.parse({ sheets: [summary()] }));
    expect(back.getWorksheet('Summary – Priority 1')!.getCell('A7').value).toEqual({
      text: 'Go to the plan',
      hyperlink: "#'Plan 2015-16'!B3",
    });
    const sheetXml = await partText(file, 'xl/worksheets/sheet2.xml');
    expect(sheetXml).toContain('<hyperlink ref="A7" location="&apos;Plan 2015-16&apos;!B3"/>');
  });

  it('colours its rating cells with their own fill and font, as every program shows them, and carries no rules', async () => {
    const wb = await userPlan();
    const styles = [
      ...summary().styles,
      { address: 'A5', style: { fill: '#C00000', font: '#FFFFFF', bold: true } },
      { address: 'A6', style: { fill: '#00B050', font: '#FFFFFF', bold: true } },
    ];
    const { wb: back, file } = await refreshed(wb, WorkbookPatchSchema.parse({ sheets: [summary({ styles })] }));
    const ws = back.getWorksheet('Summary – Priority 1')!;
    expect([5, 6].map((r) => [(ws.getCell(`A${r}`).fill as ExcelJS.FillPattern).fgColor?.argb, ws.getCell(`A${r}`).font.color?.argb, ws.getCell(`A${r}`).font.bold])).toEqual([
      ['FFC00000', 'FFFFFFFF', true],
      ['FF00B050', 'FFFFFFFF', true],
    ]);
    expect(rulesOf(ws)).toEqual([]);
    expect(await partText(file, 'xl/worksheets/sheet2.xml')).not.toContain('<conditionalFormatting');
  });

  it('writes print titles for a sheet whose name has an apostrophe as Excel needs them', async () => {
    const wb = await userPlan();
    const { wb: back, file } = await refreshed(wb, WorkbookPatchSchema.parse({ sheets: [summary({ name: "Chair's summary" })] }));
    const workbookXml = await partText(file, 'xl/workbook.xml');
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;Chair&apos;&apos;s summary&apos;!$1:$4</definedName>');
    expect(workbookXml).toContain('&apos;Chair&apos;&apos;s summary&apos;!$A$1:$C$20</definedName>');
    expect(back.getWorksheet("Chair's summary")!.pageSetup).toMatchObject({ printTitlesRow: '1:4', printArea: 'A1:C20' });
  });

  it('replaces a sheet it owns entirely, keeping its place among the tabs', async () => {
    const first = (await refreshed(await userPlan(), WorkbookPatchSchema.parse({ sheets: [summary()] }))).file;
    // The officer adds a sheet after the summary, and writes on the summary, in another program.
    const once = await openWithExcelJS(first);
    once.addWorksheet('Notes').getCell('A1').value = 'the officer added a sheet after the summary';
    const old = once.getWorksheet('Summary – Priority 1')!;
    old.getCell('F30').value = 'left over';
    old.addConditionalFormatting({ ref: 'A1:A2', rules: [{ type: 'expression', formulae: ['TRUE'], style: {} } as ExcelJS.ConditionalFormattingRule] });

    const { wb: back } = await refreshed(
      once,
      WorkbookPatchSchema.parse({ sheets: [{ name: 'Summary – Priority 1', rows: [['Priority 1: Training'], ['Blue', 1]], visibility: 'hidden' }] }),
    );
    expect(back.worksheets.map((w) => w.name)).toEqual(['Plan 2015-16', 'Summary – Priority 1', 'Notes']);
    const ws = back.getWorksheet('Summary – Priority 1')!;
    expect(ws.state).toBe('hidden');
    expect(ws.getCell('F30').value).toBeNull();
    expect(ws.getCell('C1').isMerged).toBe(false);
    expect(ws.getCell('A7').value).toBeNull();
    expect(ws.getCell('A2').value).toBe('Blue');
    expect(rulesOf(ws)).toEqual([]);
    expect((ws.views ?? []).some((v) => v.state === 'frozen')).toBe(false);
    expect(ws.pageSetup.printTitlesRow).toBeUndefined();
  });

  it('deletes the sheets it names and ignores ones already gone, and their print names go with them', async () => {
    const once = (await refreshed(await userPlan(), WorkbookPatchSchema.parse({ sheets: [summary(), summary({ name: 'Summary – Priority 2' })] }))).file;
    const { wb: back, file } = await refreshed(once, WorkbookPatchSchema.parse({ deleteSheets: ['Summary – Priority 1', 'Summary – Priority 9'] }));
    expect(back.worksheets.map((w) => w.name)).toEqual(['Plan 2015-16', 'Summary – Priority 2']);
    // The remaining summary moved one place to the left: its print titles follow it.
    const workbookXml = await partText(file, 'xl/workbook.xml');
    expect(workbookXml).not.toContain('Priority 1&apos;!');
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;Summary – Priority 2&apos;!$1:$4</definedName>');
    expect(back.getWorksheet('Summary – Priority 2')!.pageSetup).toMatchObject({ printTitlesRow: '1:4' });
  });

  it('keeps Excel opening on a visible sheet when the active one is hidden or deleted', async () => {
    const first = (await refreshed(await userPlan(), WorkbookPatchSchema.parse({ sheets: [summary(), { name: 'BoardPlan', rows: [['{}']], visibility: 'veryHidden' }] }))).file;
    const wb = await openWithExcelJS(first);
    wb.views = [{ activeTab: 1 } as ExcelJS.WorkbookView];
    const { wb: back } = await refreshed(wb, WorkbookPatchSchema.parse({ deleteSheets: ['Summary – Priority 1'] }));
    expect(back.views[0].activeTab).toBe(0);
    expect(back.worksheets[back.views[0].activeTab!].state).toBe('visible');
  });

  it('says clearly when a sheet cannot be created under the name given', async () => {
    const patch = WorkbookPatchSchema.parse({ sheets: [{ name: 'Q1/Q2 summary', rows: [] }] });
    await expect(refreshed(await userPlan(), patch)).rejects.toThrow(/^Cannot create the sheet "Q1\/Q2 summary": /);
  });
});

describe('refreshing a file: idempotence', () => {
  /** A refresh of the table-shaped fixture: columns beside a table, rules, a summary, the state sheet. */
  const refresh = WorkbookPatchSchema.parse({
    columns: [
      { sheet: 'Adults', col: 8, headerRow: 3, header: 'RAG (proposed)', firstRow: 4, values: ['Green', 'Amber', 'Green', 'Green', 'Green', 'Red', 'Blue', 'Green'], clearToRow: 11, width: 14 },
      { sheet: 'Adults', col: 9, headerRow: 3, header: 'RAG reason', firstRow: 4, values: ['Due 30 Sep 2016.', '=Recurring', null, 'Due 31 Mar 2017.', 'Ongoing.', 'Overdue.', 'Complete.', 'Due.'], clearToRow: 11, width: 40 },
    ],
    rules: [
      {
        sheet: 'Adults',
        rules: [
          { address: 'H4:H11', formula: `=AND(${CF_MARKER},$H4="Red")`, fill: '#C00000', font: '#FFFFFF' },
          { address: 'H4:H11', formula: `=AND(${CF_MARKER},$H4="Green")`, fill: '#00B050' },
          { address: 'A4:G11', formula: `=AND(${CF_MARKER},$H4<>$G4,$G4<>"")`, bold: true },
        ],
      },
    ],
    sheets: [summary({ links: [{ cell: 'A7', sheet: 'Adults', target: 'A4' }] }), { name: 'BoardPlan', visibility: 'veryHidden', rows: [['owned', 'Summary – Priority 1']] }],
  });

  async function ruleCounts(wb: ExcelJS.Workbook): Promise<number[]> {
    return wb.worksheets.map((w) => rulesOf(w).reduce((n, cf) => n + cf.rules.length, 0));
  }

  it('gives the same workbook whether a refresh is applied once or twice', async () => {
    const once = await refreshed(fixtureWorkbook(tableShape), refresh);
    const onceSnapshot: WorkbookSnapshot = snapshotFromWorkbook(once.wb, 'plan.xlsx');

    const twice = await refreshed(once.file, refresh);
    expect(snapshotFromWorkbook(twice.wb, 'plan.xlsx')).toEqual(onceSnapshot);
    expect(await ruleCounts(twice.wb)).toEqual(await ruleCounts(once.wb));
    expect(await ruleCounts(twice.wb)).toEqual([0, 3, 0, 0]);
    expect(twice.wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Children', 'visible'],
      ['Adults', 'visible'],
      ['Summary – Priority 1', 'visible'],
      ['BoardPlan', 'veryHidden'],
    ]);
    // The tables beside BoardPlan's columns are still there.
    expect(onceSnapshot.tables.map((t) => t.name)).toEqual(['Plan2016', 'AdultsPlan2016']);
    // Part for part, the second refresh writes what the first wrote.
    const parts = async (file: string) => {
      const zip = await JSZip.loadAsync(await fs.readFile(file));
      return Promise.all(Object.keys(zip.files).sort().map(async (p) => [p, await zip.file(p)!.async('string')]));
    };
    expect(await parts(twice.file)).toEqual(await parts(once.file));
  });
});
