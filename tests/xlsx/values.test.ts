import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { isoToSerial } from '../../src/core/cells';
import { check } from '../../src/core/refresh';
import { cellAt, formatAt, type WorkbookSnapshot } from '../../src/core/snapshot';
import { openWithExcelJS as openWorkbook } from '../fixtures/exceljs/open';
import { readSnapshot } from '../../src/xlsx/open';
import { snapshotFromWorkbook } from '../fixtures/exceljs/snapshot';

/**
 * Files in the forms other programs write (Excel, LibreOffice, generators), which ExcelJS never
 * writes itself: the XML reader a check uses reads them as ExcelJS's model does, and as Excel shows them.
 */

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-values-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Parts {
  sheet: string;
  strings?: string;
  styles?: string;
  workbookPr?: string;
  table?: string;
}

/** A minimal package around one worksheet's XML, written as Excel lays a package out. */
async function packageFile(name: string, parts: Parts): Promise<string> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      (parts.table ? `<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>` : '') +
      `</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${R}">${parts.workbookPr ?? ''}` +
      `<sheets><sheet name="Plan &amp; progress" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${NS}">${parts.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`,
  );
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}">${parts.strings ?? ''}</sst>`);
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}" xmlns:r="${R}">${parts.sheet}</worksheet>`);
  if (parts.table) {
    zip.file(
      'xl/worksheets/_rels/sheet1.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${R}/table" Target="../tables/table1.xml"/></Relationships>`,
    );
    zip.file('xl/tables/table1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${parts.table}`);
  }
  const file = path.join(dir, name);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

/** Both readers' snapshots of the file, which must be the same. */
async function readBoth(file: string): Promise<WorkbookSnapshot> {
  const viaXml = await readSnapshot(file);
  expect(viaXml).toEqual(snapshotFromWorkbook(await openWorkbook(file), path.basename(file)));
  return viaXml;
}

const plan = (snapshot: WorkbookSnapshot) => snapshot.sheets[0];

test('formats written with escaped characters (as LibreOffice writes them) read as Excel shows them, dates included', async () => {
  const file = await packageFile('escaped.xlsx', {
    styles:
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="mmm\\-yy"/><numFmt numFmtId="165" formatCode="d\\ mmm\\ yyyy"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>',
    sheet: '<sheetData><row r="1"><c r="A1" s="1"><v>42338</v></c><c r="B1" s="2"><v>42460</v></c><c r="C1" s="3"><v>42460</v></c><c r="D1" s="1" t="s"><v>0</v></c></row></sheetData>',
    strings: '<si><t>Jun-16</t></si>',
  });
  const s = plan(await readBoth(file));
  expect([cellAt(s, 1, 1), formatAt(s, 1, 1)]).toEqual([isoToSerial('2015-11-30'), 'mmm-yy']);
  expect([cellAt(s, 1, 2), formatAt(s, 1, 2)]).toEqual([isoToSerial('2016-03-31'), 'd mmm yyyy']);
  // Excel's regional short date (format 14) is shown the UK way.
  expect([cellAt(s, 1, 3), formatAt(s, 1, 3)]).toEqual([isoToSerial('2016-03-31'), 'dd/mm/yyyy']);
  expect([cellAt(s, 1, 4), formatAt(s, 1, 4)]).toEqual(['Jun-16', 'mmm-yy']);
});

test('rich text, phonetic guides, escaped characters and entities in shared strings read as the text shown', async () => {
  const file = await packageFile('strings.xlsx', {
    strings:
      '<si><r><t xml:space="preserve">Update Dec 15: </t></r><r><rPr><b/><sz val="11"/></rPr><t>on track</t></r></si>' +
      '<si><t>Lead</t><rPh sb="0" eb="1"><t>リード</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t>Line one_x000D_\nLine two</t></si>' +
      '<si><t>Audit &amp; assurance &lt;2016&gt; &#8211; done</t></si>' +
      '<si><t/></si>',
    sheet:
      '<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c>' +
      '<c r="E2" t="s"><v>3</v></c><c r="F2" t="s"><v>4</v></c></row></sheetData>',
  });
  const s = plan(await readBoth(file));
  expect([s.top, s.left]).toEqual([2, 2]);
  expect(s.values).toEqual([['Update Dec 15: on track', 'Lead', 'Line one\r\nLine two', 'Audit & assurance <2016> – done']]);
});

test('inline strings, formulas by their cached results (shared ones too), booleans and errors', async () => {
  const file = await packageFile('formulas.xlsx', {
    sheet:
      '<sheetData><row r="1">' +
      '<c r="A1" t="inlineStr"><is><t>Ref</t></is></c>' +
      '<c r="B1"><f>SUM(C1:C2)</f><v>3</v></c>' +
      '<c r="C1" t="str"><f t="shared" ref="C1:C2" si="0">"Lead "&amp;A1</f><v>Lead &amp; Ref</v></c>' +
      '<c r="D1" t="b"><v>1</v></c>' +
      '<c r="E1" t="e"><v>#REF!</v></c>' +
      '<c r="F1"><f>NOW()</f></c>' +
      '</row><row r="2"><c r="C2" t="str"><f t="shared" si="0"/><v>Lead 2</v></c><c r="D2" t="b"><v>0</v></c>' +
      '<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>',
  });
  const s = plan(await readBoth(file));
  expect(s.values).toEqual([
    ['Ref', 3, 'Lead & Ref', true, '#REF!'],
    [null, null, 'Lead 2', false, '#DIV/0!'],
  ]);
});

test('dates of a workbook on the 1904 date system read as the same days', async () => {
  const file = await packageFile('mac.xlsx', {
    workbookPr: '<workbookPr date1904="1"/>',
    styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="15" applyNumberFormat="1"/></cellXfs>',
    sheet: '<sheetData><row r="1"><c r="A1" s="1"><v>40998</v></c><c r="B1"><v>40998</v></c></row></sheetData>',
  });
  const s = plan(await readBoth(file));
  expect(cellAt(s, 1, 1)).toBe(isoToSerial('2016-03-31'));
  expect(formatAt(s, 1, 1)).toBe('d-mmm-yy');
  // A plain number is no date: it stays as written.
  expect(cellAt(s, 1, 2)).toBe(40998);
});

test('a merged area keeps its top-left value only; cells written without an address follow the one before', async () => {
  const file = await packageFile('merged.xlsx', {
    strings: '<si><t>Priority 1: Leadership</t></si><si><t>stray</t></si><si><t>Ref</t></si><si><t>Action</t></si>',
    sheet:
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c t="s"><v>3</v></c></row></sheetData>' +
      '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
  });
  const s = plan(await readBoth(file));
  expect(s.values).toEqual([
    ['Priority 1: Leadership', null],
    ['Ref', 'Action'],
  ]);
});

test('a table saved by Excel (header row by default) is found with its range, and its plan checked', async () => {
  const strings = ['Ref', 'Action', 'Outcome', 'Who will lead?', 'Timescale', 'Progress', '1.1', 'Audit case files', 'Fewer repeat referrals', 'PPPG', 'End of Nov 15', 'Update Dec 15: complete'];
  const cols = 'ABCDEF';
  const row = (r: number, from: number) =>
    `<row r="${r}">${[...cols].map((c, i) => `<c r="${c}${r}" t="s"><v>${from + i}</v></c>`).join('')}</row>`;
  const file = await packageFile('table.xlsx', {
    strings: strings.map((t) => `<si><t>${t}</t></si>`).join(''),
    sheet: `<sheetData>${row(3, 0)}${row(4, 6)}</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts>`,
    table:
      `<table xmlns="${NS}" id="1" name="Table1" displayName="Plan2016" ref="A3:F5" totalsRowShown="0"><autoFilter ref="A3:F5"/>` +
      `<tableColumns count="6">${strings.slice(0, 6).map((t, i) => `<tableColumn id="${i + 1}" name="${t}"/>`).join('')}</tableColumns></table>`,
  });
  const snapshot = await readBoth(file);
  expect(snapshot.tables).toEqual([{ name: 'Plan2016', sheet: 'Plan & progress', top: 3, left: 1, bottom: 5, right: 6, showHeaders: true }]);
  expect(plan(snapshot).values).toHaveLength(3); // the table's blank last row counts as used
  const result = check(snapshot, { today: '2016-03-31' });
  expect(result.plans.map((p) => [p.plan.table, p.actions.map((a) => a.action.ref)])).toEqual([['Plan2016', ['1.1']]]);
});

test('a refreshed sample plan saved again by LibreOffice Calc reads the same through both readers, plans and ratings included', async () => {
  // samples/sample-plan.xlsx refreshed as of 31 Mar 2016 (npm run sample), opened in LibreOffice Calc and saved as .xlsx: another program's
  // way of writing styles, formats ("mmm\-yy"), shared strings and links.
  const file = path.join(__dirname, '../fixtures/files/sample-saved-by-libreoffice.xlsx');
  const snapshot = await readBoth(file);
  const result = check(snapshot, { today: '2016-03-31' });
  expect(result.plans.map((p) => [p.plan.sheet, p.actions.length])).toEqual([
    ['Business Plan', 30],
    ['Adults Plan', 8],
  ]);
  // The same refresh, written by BoardPlan (ExcelJS) here: the ratings read from either file agree.
  const refreshed = path.join(dir, 'sample-plan-refreshed.xlsx');
  const quiet = { out: () => undefined, err: () => undefined };
  expect(await main(['refresh', path.join(__dirname, '../../samples/sample-plan.xlsx'), '--out', refreshed, '--as-of', '2016-03-31'], quiet)).toBe(0);
  const original = check(await readSnapshot(refreshed), { today: '2016-03-31' });
  expect(result.plans.map((p) => p.actions.map((a) => [a.action.ref, a.assessment.status, a.assessment.reason]))).toEqual(
    original.plans.map((p) => p.actions.map((a) => [a.action.ref, a.assessment.status, a.assessment.reason])),
  );
});
