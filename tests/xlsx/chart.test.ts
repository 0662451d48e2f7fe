import { execFileSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { WorkbookPatchSchema, type Chart } from '../../src/core/patch';
import { injectCharts, readCharts } from '../../src/xlsx/chart';
import { XlsxHost } from '../../src/xlsx/host';
import { openWithExcelJS as openWorkbook } from '../fixtures/exceljs/open';
import { needs } from '../helpers/programs';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-chart-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const SHEET = 'Summary – Priority 1';

const chart: Chart = {
  type: 'barStacked',
  title: 'Actions by priority & status',
  categories: 'A5:A7',
  series: [
    { name: 'Blue', values: 'B5:B7', colour: '#0070C0' },
    { name: 'Green', values: 'C5:C7', colour: '#00B050' },
    { name: 'Amber', values: 'D5:D7', colour: '#FFC000' },
    { name: 'Red', values: 'E5:E7', colour: '#C00000' },
  ],
  from: 'A10',
  to: 'F28',
};

const patch = WorkbookPatchSchema.parse({
  sheets: [
    {
      name: SHEET,
      rows: [
        ['Board overview'],
        [],
        [],
        ['Priority', 'Blue', 'Green', 'Amber', 'Red'],
        ['Priority 1: Training', 1, 2, 0, 1],
        ['Priority 2: Assurance', 0, 3, 1, 0],
        ['Priority 3: Voice', 2, 0, 2, 1],
      ],
      chart,
    },
  ],
});

async function planWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Ref', 'Action', 'Timescale']);
  ws.addRow(['1.1', 'Audit of training', 'Jun-16']);
  return wb;
}

/** The workbook refreshed with the patch through the file host, as the command line writes it. */
async function save(wb: ExcelJS.Workbook | Buffer, name: string, withPatch = patch): Promise<{ file: string; zip: JSZip; data: Buffer }> {
  const source = path.join(dir, `source-${name}`);
  await fs.writeFile(source, Buffer.isBuffer(wb) ? wb : Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const host = await XlsxHost.open(source);
  await host.apply(withPatch);
  const file = path.join(dir, name);
  await host.save(file);
  const data = await fs.readFile(file);
  return { file, data, zip: await JSZip.loadAsync(data) };
}

const text = async (zip: JSZip, part: string) => (await zip.file(part)?.async('string')) ?? '';

/** Paths in the package that relationships point to but that do not exist, and parts without a content type. */
async function packageProblems(zip: JSZip): Promise<string[]> {
  const problems: string[] = [];
  const types = await text(zip, '[Content_Types].xml');
  for (const relsPath of Object.keys(zip.files).filter((p) => p.endsWith('.rels'))) {
    const owner = relsPath.replace(/(^|\/)_rels\/([^/]*)\.rels$/, '$1$2');
    const base = owner.split('/').slice(0, -1);
    for (const m of (await text(zip, relsPath)).matchAll(/<Relationship ([^>]*)\/>/g)) {
      if (/TargetMode="External"/.test(m[1])) continue;
      const target = /Target="([^"]*)"/.exec(m[1])![1];
      const parts = target.startsWith('/') ? [] : [...base];
      for (const seg of target.replace(/^\//, '').split('/')) seg === '..' ? parts.pop() : parts.push(seg);
      const resolved = parts.join('/');
      if (!zip.file(resolved)) problems.push(`${relsPath} → missing ${resolved}`);
    }
  }
  for (const part of Object.keys(zip.files).filter((p) => !zip.files[p].dir && !p.endsWith('.rels') && p !== '[Content_Types].xml')) {
    const ext = part.split('.').pop();
    if (!types.includes(`PartName="/${part}"`) && !types.includes(`Extension="${ext}"`)) problems.push(`no content type for ${part}`);
  }
  return problems;
}

/** The schema's order of a worksheet's children (those ExcelJS and this host write). */
const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetProtection', 'autoFilter', 'mergeCells',
  'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter',
  'rowBreaks', 'drawing', 'legacyDrawing', 'picture', 'tableParts', 'extLst',
];

/** Names of the worksheet element's direct children, in document order. */
function childOrder(sheetXml: string): string[] {
  const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: true }).parse(sheetXml) as Record<string, unknown>[];
  const root = doc.find((node) => 'worksheet' in node)!;
  return (root.worksheet as Record<string, unknown>[]).map((child) => Object.keys(child)[0]);
}

describe('charts in a saved workbook', () => {
  it('adds a stacked bar chart with its title and series to the summary sheet', async () => {
    const wb = await planWorkbook();
    const { data } = await save(wb, 'chart.xlsx');
    expect(await readCharts(data)).toEqual([{ sheet: SHEET, title: 'Actions by priority & status', series: ['Blue', 'Green', 'Amber', 'Red'] }]);
  });

  it('draws the chart from the sheet: category and value ranges, one colour per series, a legend', async () => {
    const wb = await planWorkbook();
    const { zip } = await save(wb, 'chart-xml.xlsx');
    const xml = await text(zip, 'xl/charts/chart1.xml');
    expect(xml).toContain('<c:barDir val="bar"/><c:grouping val="stacked"/>');
    expect(xml).toContain('<c:overlap val="100"/>');
    expect(xml.match(/<c:ser>/g)).toHaveLength(4);
    expect(xml).toContain('<c:cat><c:strRef><c:f>&apos;Summary – Priority 1&apos;!$A$5:$A$7</c:f>');
    expect(xml).toContain('<c:val><c:numRef><c:f>&apos;Summary – Priority 1&apos;!$E$5:$E$7</c:f>');
    expect(xml).toContain('<c:tx><c:v>Amber</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr val="FFC000"/></a:solidFill></c:spPr>');
    expect(xml).toContain('<c:legend><c:legendPos val="b"/>');
    const drawing = await text(zip, 'xl/drawings/drawing1.xml');
    // Covers A10 to F28: the far corner is the start of G29.
    expect(drawing).toContain('<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>9</xdr:row>');
    expect(drawing).toContain('<xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>28</xdr:row>');
  });

  it("labels each segment with its rating and count in the label colour, none on a count of 0, in the sheet's typeface", async () => {
    const wb = await planWorkbook();
    const labelled = WorkbookPatchSchema.parse({
      sheets: [
        {
          ...patch.sheets[0],
          font: { name: 'Arial', size: 10 },
          chart: {
            ...chart,
            labels: 'name-and-value',
            series: chart.series.map((x, i) => ({ ...x, labelColour: i === 2 ? '#000000' : '#FFFFFF', unlabelled: i === 2 ? [0] : [] })),
          },
        },
      ],
    });
    const { zip } = await save(wb, 'chart-labels.xlsx', labelled);
    const xml = await text(zip, 'xl/charts/chart1.xml');
    const amber = /<c:ser>(?:(?!<\/c:ser>)[\s\S])*?<c:v>Amber<\/c:v>[\s\S]*?<\/c:ser>/.exec(xml)![0];
    // In the schema's order: the labels after invertIfNegative, before the categories.
    expect(amber).toMatch(/<c:invertIfNegative val="0"\/><c:dLbls><c:dLbl><c:idx val="0"\/><c:delete val="1"\/><\/c:dLbl>.*<\/c:dLbls><c:cat>/);
    expect(amber).toContain('<a:defRPr sz="1000" b="1"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Arial"/></a:defRPr>');
    expect(amber).toContain('<c:dLblPos val="ctr"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="1"/>');
    expect(xml.match(/<c:dLbls>/g)).toHaveLength(4);
    // The axes and the legend in the sheet's typeface and size, after the chart element.
    expect(xml).toMatch(/<\/c:chart><c:txPr>.*<a:defRPr sz="1000" b="0"><a:latin typeface="Arial"\/><\/a:defRPr>.*<\/c:txPr><\/c:chartSpace>$/);
    expect(await readCharts(await fs.readFile(path.join(dir, 'chart-labels.xlsx')))).toEqual([{ sheet: SHEET, title: chart.title, series: ['Blue', 'Green', 'Amber', 'Red'] }]);
  });

  it('leaves the segments unlabelled when the patch asks for no labels', async () => {
    const wb = await planWorkbook();
    const { zip } = await save(wb, 'chart-plain.xlsx');
    expect(await text(zip, 'xl/charts/chart1.xml')).not.toContain('<c:dLbls>');
  });

  it("carries a copy of the sheet's figures, for viewers that do not recalculate", async () => {
    const wb = await planWorkbook();
    const { zip } = await save(wb, 'chart-cache.xlsx');
    const xml = await text(zip, 'xl/charts/chart1.xml');
    expect(xml).toContain(
      '<c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>Priority 1: Training</c:v></c:pt><c:pt idx="1"><c:v>Priority 2: Assurance</c:v></c:pt><c:pt idx="2"><c:v>Priority 3: Voice</c:v></c:pt></c:strCache>',
    );
    // The Red series: E5:E7.
    expect(xml).toContain(
      '$E$5:$E$7</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="1"><c:v>0</c:v></c:pt><c:pt idx="2"><c:v>1</c:v></c:pt></c:numCache>',
    );
  });

  it('steps the value axis in whole numbers sized to the largest bar', async () => {
    const small = await planWorkbook();
    expect(await text((await save(small, 'chart-small.xlsx')).zip, 'xl/charts/chart1.xml')).toContain('<c:majorUnit val="1"/>');

    const large = await planWorkbook();
    const rows = patch.sheets[0].rows.map((row, r) => (r >= 4 ? row.map((v) => (typeof v === 'number' ? v * 12 : v)) : row));
    const bigger = WorkbookPatchSchema.parse({ sheets: [{ ...patch.sheets[0], rows }] });
    // The longest bar is 5 × 12 = 60 actions: steps of 10.
    expect(await text((await save(large, 'chart-large.xlsx', bigger)).zip, 'xl/charts/chart1.xml')).toContain('<c:majorUnit val="10"/>');
  });

  it('leaves a consistent package: every relationship resolves, every part has a content type', async () => {
    const wb = await planWorkbook();
    const { zip } = await save(wb, 'chart-package.xlsx');
    expect(await packageProblems(zip)).toEqual([]);
    const types = await text(zip, '[Content_Types].xml');
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    const sheetRels = await text(zip, 'xl/worksheets/_rels/sheet2.xml.rels');
    expect(sheetRels).toMatch(/Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/drawing" Target="..\/drawings\/drawing1.xml"/);
  });

  it('puts the drawing element where the schema wants it, after the page set-up', async () => {
    const wb = await planWorkbook();
    const { zip } = await save(wb, 'chart-order.xlsx');
    const order = childOrder(await text(zip, 'xl/worksheets/sheet2.xml'));
    expect(order).toContain('drawing');
    expect(order.every((name) => WORKSHEET_ORDER.includes(name))).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => WORKSHEET_ORDER.indexOf(a) - WORKSHEET_ORDER.indexOf(b)));
  });

  it("keeps the user's own picture on their plan sheet, beside BoardPlan's chart on its own sheet", async () => {
    const wb = await planWorkbook();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const image = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    wb.getWorksheet('Plan')!.addImage(image, 'H2:I4');
    const { zip, file } = await save(wb, 'chart-image.xlsx');
    const drawings = Object.keys(zip.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)).sort();
    expect(drawings).toEqual(['xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml']);
    expect(await text(zip, 'xl/drawings/drawing1.xml')).toContain('<xdr:pic>');
    expect(await text(zip, 'xl/drawings/drawing2.xml')).toContain('<c:chart ');
    expect(await packageProblems(zip)).toEqual([]);
    expect((await openWorkbook(file)).getWorksheet('Plan')!.getImages()).toHaveLength(1);
  });

  it('still loads in ExcelJS, cells intact', async () => {
    const wb = await planWorkbook();
    const { file } = await save(wb, 'chart-reload.xlsx');
    const back = await openWorkbook(file);
    expect(back.getWorksheet(SHEET)!.getCell('A6').value).toBe('Priority 2: Assurance');
    expect(back.getWorksheet('Plan')!.getCell('C2').value).toBe('Jun-16');
  });

  it('has one chart, not two, after a second refresh of the saved file', async () => {
    const wb = await planWorkbook();
    const first = await save(wb, 'chart-twice-1.xlsx');
    const { data, zip } = await save(first.data, 'chart-twice-2.xlsx');
    expect(await readCharts(data)).toHaveLength(1);
    expect(Object.keys(zip.files).filter((p) => p.startsWith('xl/charts/'))).toEqual(['xl/charts/chart1.xml']);
  });

  it('says which sheet is missing when a chart names one the workbook lacks', async () => {
    const data = Buffer.from((await (await planWorkbook()).xlsx.writeBuffer()) as ArrayBuffer);
    await expect(injectCharts(data, [{ sheet: 'Overview', chart }])).rejects.toThrow(
      'Cannot add the chart "Actions by priority & status": the workbook has no sheet named "Overview".',
    );
  });

  const lo = needs('the chart test in LibreOffice', 'soffice', 'pdftotext');
  lo.test('opens in LibreOffice, which draws the chart with its title and legend', async () => {
    const wb = await planWorkbook();
    const { file } = await save(wb, 'chart-render.xlsx');
    const profile = path.join(dir, 'lo-profile');
    execFileSync(lo.paths.soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const pdf = path.join(dir, 'chart-render.pdf');
    expect(existsSync(pdf)).toBe(true);
    const words = execFileSync(lo.paths.pdftotext, [pdf, '-'], { encoding: 'utf8' });
    expect(words).toContain('Actions by priority & status');
    for (const name of ['Blue', 'Green', 'Amber', 'Red']) expect(words).toContain(name);
  }, 180_000);
});
