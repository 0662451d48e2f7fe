import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { partsFromPackage, renderParts } from '../../src/xlsx/render';
import { ZipPackage } from '../../src/xlsx/zip';

/** A workbook with a little of everything ExcelJS writes: styles, dates, formulas, merges, links. */
async function plan(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // Fixed, so that two writes give the same document properties.
  wb.created = wb.modified = new Date(Date.UTC(2016, 2, 31));
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Ref', 'Action', 'Timescale', 'Progress', 'Due']);
  ws.addRow(['1.1', 'Audit of training', 'Jun-16', 'Update Dec 15: started', new Date(Date.UTC(2016, 5, 30))]);
  ws.addRow(['1.2', 'Review thresholds', 42, null, { formula: 'E2+30', result: new Date(Date.UTC(2016, 6, 30)) }]);
  ws.getCell('A1').font = { bold: true };
  ws.getCell('E3').numFmt = 'd mmm yyyy';
  ws.getCell('B4').value = { text: 'Minutes', hyperlink: 'https://example.org/minutes' };
  ws.mergeCells('C4:D4');
  ws.getCell('C4').value = 'Priority 2: to be assured that children are safe';
  // Read back, cells share style objects and plain cells each have an empty one, as in a real plan.
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(await wb.xlsx.writeBuffer());
  read.created = read.modified = wb.created;
  // A date put in since, with no number format of its own: ExcelJS gives it one when it writes.
  read.getWorksheet('Plan')!.getCell('F3').value = new Date(Date.UTC(2016, 8, 30));
  return read;
}

async function partsOf(data: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const out = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async('string'));
  return out;
}

async function rendered(pkg: ZipPackage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of pkg.paths()) out.set(path, (await pkg.read(path))!);
  return out;
}

describe('renderParts', () => {
  it('gives exactly the parts ExcelJS writes', async () => {
    const wb = await plan();
    const parts = await rendered(await renderParts(wb));
    expect(parts).toEqual(await partsOf(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)));
  });

  it('gives the same parts the slower way, from the package ExcelJS writes', async () => {
    const wb = await plan();
    expect(await rendered(await partsFromPackage(wb))).toEqual(await rendered(await renderParts(wb)));
  });

  it('leaves every cell its own style afterwards: restyling one plain cell restyles no other', async () => {
    const wb = await plan();
    await renderParts(wb);
    const ws = wb.getWorksheet('Plan')!;
    ws.getCell('B2').font = { italic: true };
    expect(ws.getCell('B2').font).toEqual({ italic: true });
    expect(['A2', 'B1', 'C2', 'D2', 'B3'].map((a) => ws.getCell(a).font)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('gives two saves of one workbook at the same time the same parts, and leaves the cells as they were', async () => {
    const wb = await plan();
    wb.getWorksheet('Plan')!.getCell('A5').value = { text: 'Back to the top', hyperlink: '#Plan!A1' };
    const [a, b] = await Promise.all([renderParts(wb), renderParts(wb)]);
    expect(await rendered(b)).toEqual(await rendered(a));
    expect((await a.read('xl/worksheets/sheet1.xml'))!).toContain('<hyperlink ref="A5" location="Plan!A1"/>');
    expect(wb.getWorksheet('Plan')!.getCell('A5').value).toEqual({ text: 'Back to the top', hyperlink: '#Plan!A1' });
  });

  it('keeps dates as dates and plain cells plain when they are written together', async () => {
    const wb = await plan();
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await (await renderParts(wb)).toBuffer(6)) as unknown as ExcelJS.Buffer);
    const ws = again.getWorksheet('Plan')!;
    expect(ws.getCell('E2').value).toEqual(new Date(Date.UTC(2016, 5, 30)));
    expect(ws.getCell('E2').numFmt).toBe('mm-dd-yy');
    expect(ws.getCell('F3').value).toEqual(new Date(Date.UTC(2016, 8, 30)));
    expect(ws.getCell('F3').numFmt).toBe('mm-dd-yy');
    expect(ws.getCell('C3').value).toBe(42);
    expect(ws.getCell('C3').numFmt).toBeUndefined();
    expect(ws.getCell('B2').numFmt).toBeUndefined();
  });

  describe('links to places in the workbook', () => {
    async function linked(): Promise<ExcelJS.Workbook> {
      const wb = new ExcelJS.Workbook();
      const plan = wb.addWorksheet('Plan');
      plan.getCell('A1').value = { text: 'Minutes', hyperlink: 'https://example.org/minutes' };
      plan.getCell('A2').value = { text: 'See notes', hyperlink: "#'Notes 2016'!B4" };
      plan.getCell('A3').value = { text: 'Back to the top', hyperlink: '#Plan!A1', tooltip: 'Top & start' };
      const notes = wb.addWorksheet('Notes 2016');
      notes.getCell('B4').value = 'Notes';
      notes.getCell('A1').value = { text: 'Plan', hyperlink: '#Plan!A2' };
      // Children that the schema puts before the links and after them.
      notes.addConditionalFormatting({ ref: 'B4', rules: [{ type: 'expression', formulae: ['TRUE'], style: { font: { bold: true } } } as ExcelJS.ConditionalFormattingRule] });
      notes.getCell('C1').dataValidation = { type: 'list', allowBlank: true, formulae: ['"Red,Amber,Green"'] };
      notes.pageSetup.orientation = 'landscape';
      return wb;
    }

    it('are written as Excel writes them, beside links to web pages, with no relationship of their own', async () => {
      const pkg = await renderParts(await linked());
      const plan = (await pkg.read('xl/worksheets/sheet1.xml'))!;
      expect(plan).toMatch(/<hyperlinks><hyperlink ref="A1" r:id="rId1"\/><hyperlink ref="A2" location="&apos;Notes 2016&apos;!B4"\/><hyperlink ref="A3" location="Plan!A1" tooltip="Top &amp; start"\/><\/hyperlinks>/);
      const rels = (await pkg.read('xl/worksheets/_rels/sheet1.xml.rels'))!;
      expect(rels.match(/<Relationship /g)).toHaveLength(1);
      expect(rels).toContain('Target="https://example.org/minutes"');
      expect(await pkg.read('xl/worksheets/_rels/sheet2.xml.rels')).toBeUndefined();
    });

    it('go where the schema puts them in a sheet that has no other links', async () => {
      const notes = (await (await renderParts(await linked())).read('xl/worksheets/sheet2.xml'))!;
      const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: true }).parse(notes) as Record<string, unknown>[];
      const children = (doc.find((node) => 'worksheet' in node)!.worksheet as Record<string, unknown>[]).map((child) => Object.keys(child)[0]);
      expect(children.slice(children.indexOf('sheetData'))).toEqual(['sheetData', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'pageMargins', 'pageSetup']);
      expect(notes).toContain('<hyperlinks><hyperlink ref="A1" location="Plan!A2"/></hyperlinks>');
    });

    it('are still in the cells afterwards', async () => {
      const wb = await linked();
      await renderParts(wb);
      expect(wb.getWorksheet('Plan')!.getCell('A2').value).toEqual({ text: 'See notes', hyperlink: "#'Notes 2016'!B4" });
      expect(wb.getWorksheet('Plan')!.getCell('A3').value).toEqual({ text: 'Back to the top', hyperlink: '#Plan!A1', tooltip: 'Top & start' });
    });
  });
});
