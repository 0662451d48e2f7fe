import JSZip from 'jszip';
import type { Chart } from '../core/patch';
import { columnLetter, parseA1, quoteSheet } from '../core/cells';
import {
  CONTENT_TYPE,
  NS,
  REL_TYPE,
  addContentType,
  ensureRelationshipsNamespace,
  escapeXml,
  freePartName,
  insertWorksheetChild,
  worksheetChildrenAfter,
  nextRelId,
  parseRels,
  readText,
  relsPathFor,
  renderRels,
  resolveTarget,
  sheetParts,
  tags,
  unescapeXml,
  writePart,
  type Package,
} from './parts';

/**
 * ExcelJS cannot write charts, so they are added to the saved package afterwards: a DrawingML
 * stacked bar chart per summary sheet, anchored over a block of cells. The chart refers to the
 * sheet's cells, so Excel and LibreOffice draw it from the current figures; it also carries a
 * copy of them, for viewers that show a file without recalculating it.
 */

export interface SheetChart {
  sheet: string;
  chart: Chart;
}

/** What readCharts finds in a package: enough to check a chart is there and what it shows. */
export interface ChartSummary {
  sheet: string;
  title: string;
  series: string[];
}

const WORKSHEET_CHILDREN_AFTER_DRAWING = worksheetChildrenAfter('drawing');

/** The package with each chart added to its sheet. */
export async function injectCharts(xlsx: Buffer, charts: SheetChart[]): Promise<Buffer> {
  if (charts.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  await addCharts(zip, charts);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * What a sheet's cell shows, for the chart's cached copy of its figures: text, a number, or
 * undefined when it is empty.
 */
export type CellValues = (sheet: string, address: string) => string | number | undefined;

/**
 * Same as injectCharts, on a package already open. The cached figures are read from the package's
 * XML unless `values` gives them (the workbook that was just written holds them already).
 */
export async function addCharts(zip: Package, charts: SheetChart[], values?: CellValues): Promise<void> {
  if (charts.length === 0) return;
  const sheets = await sheetParts(zip);
  let strings: string[] | undefined;
  for (const { sheet, chart } of charts) {
    const part = sheets.find((s) => s.name === sheet);
    if (!part) throw new Error(`Cannot add the chart "${chart.title}": the workbook has no sheet named "${sheet}".`);
    let cells: SheetCells;
    if (values) {
      cells = (address) => values(sheet, address);
    } else {
      strings ??= await sharedStrings(zip);
      const found = sheetCells((await readText(zip, part.path)) ?? '', strings);
      cells = (address) => found.get(address);
    }
    await addChart(zip, part.path, sheet, chart, cells);
  }
}

async function addChart(zip: Package, sheetPath: string, sheetName: string, chart: Chart, cells: SheetCells): Promise<void> {
  const chartPath = freePartName(zip, 'xl/charts/chart', '.xml');
  writePart(zip, chartPath, chartXml(sheetName, chart, cells));
  await addContentType(zip, chartPath, CONTENT_TYPE.chart);

  const drawingPath = await drawingFor(zip, sheetPath);
  const drawingRelsPath = relsPathFor(drawingPath);
  const drawingRels = parseRels(await readText(zip, drawingRelsPath));
  const chartRelId = nextRelId(drawingRels);
  drawingRels.push({ Id: chartRelId, Type: REL_TYPE.chart, Target: `../charts/${chartPath.split('/').pop()}` });
  writePart(zip, drawingRelsPath, renderRels(drawingRels));

  const drawing = (await readText(zip, drawingPath)) ?? '';
  const ids = tags(drawing, 'xdr:cNvPr').map((t) => Number(t.attrs.id) || 0);
  const shapeId = Math.max(1, ...ids) + 1;
  const end = drawing.lastIndexOf('</xdr:wsDr>');
  if (end < 0) throw new Error(`The drawing part ${drawingPath} is not in the expected form; the chart cannot be added.`);
  writePart(zip, drawingPath, drawing.slice(0, end) + anchorXml(chart, chartRelId, shapeId) + drawing.slice(end));
}

/** The sheet's drawing part, created (with its relationship and <drawing/> element) when it has none. */
async function drawingFor(zip: Package, sheetPath: string): Promise<string> {
  const sheetRelsPath = relsPathFor(sheetPath);
  const sheetRels = parseRels(await readText(zip, sheetRelsPath));
  const sheetXml = (await readText(zip, sheetPath)) ?? '';
  const existing = tags(sheetXml, 'drawing')[0];
  if (existing) {
    const rel = sheetRels.find((r) => r.Id === existing.attrs['r:id']);
    if (rel) return resolveTarget(sheetPath, rel.Target);
    throw new Error(`The sheet part ${sheetPath} has a drawing without a relationship; the chart cannot be added.`);
  }

  const drawingPath = freePartName(zip, 'xl/drawings/drawing', '.xml');
  writePart(
    zip,
    drawingPath,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}"></xdr:wsDr>`,
  );
  await addContentType(zip, drawingPath, CONTENT_TYPE.drawing);

  const relId = nextRelId(sheetRels);
  sheetRels.push({ Id: relId, Type: REL_TYPE.drawing, Target: `../drawings/${drawingPath.split('/').pop()}` });
  writePart(zip, sheetRelsPath, renderRels(sheetRels));

  // The schema fixes the order of a worksheet's children: <drawing> goes before these.
  const element = `<drawing r:id="${relId}"/>`;
  writePart(zip, sheetPath, insertWorksheetChild(ensureRelationshipsNamespace(sheetXml), element, WORKSHEET_CHILDREN_AFTER_DRAWING));
  return drawingPath;
}

// ---- DrawingML ---------------------------------------------------------------------------------

function cell(address: string, what: string): { row: number; col: number } {
  const at = parseA1(address);
  if (!at) throw new Error(`The chart's ${what} cell "${address}" is not a cell address such as "E3".`);
  return at;
}

export function anchorXml(chart: Chart, chartRelId: string, shapeId: number): string {
  const from = cell(chart.from, 'top-left');
  const to = cell(chart.to, 'bottom-right');
  if (to.row < from.row || to.col < from.col) {
    throw new Error(`The chart "${chart.title}" must end below and to the right of where it starts (${chart.from} to ${chart.to}).`);
  }
  // The anchor's "to" is the corner where the chart ends: the far edge of the last cell it covers.
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    '<xdr:twoCellAnchor>' +
    marker('from', from.col - 1, from.row - 1) +
    marker('to', to.col, to.row) +
    '<xdr:graphicFrame macro="">' +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${escapeXml(`Chart ${shapeId - 1}`)}" descr="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS.chart}">` +
    `<c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.relationships}" r:id="${chartRelId}"/>` +
    '</a:graphicData></a:graphic>' +
    '</xdr:graphicFrame>' +
    '<xdr:clientData/>' +
    '</xdr:twoCellAnchor>'
  );
}

interface Reference {
  /** Absolute, sheet-qualified: 'Summary'!$A$5:$A$9. */
  formula: string;
  /** The cells in order, when they are on the chart's own sheet (for the cached values). */
  cells: string[] | null;
}

/** "A5:A9" on the chart's sheet (or "'Other'!A5:A9") as an absolute reference for a series. */
function reference(sheetName: string, range: string): Reference {
  const bang = range.lastIndexOf('!');
  const onOwnSheet = bang < 0;
  const ends = (onOwnSheet ? range : range.slice(bang + 1)).split(':').map((a) => {
    const at = parseA1(a);
    if (!at) throw new Error(`The chart range "${range}" is not a range such as "B5:B9".`);
    return at;
  });
  const [a, b = a] = ends;
  const abs = (at: { row: number; col: number }) => `$${columnLetter(at.col)}$${at.row}`;
  const cells: string[] = [];
  for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row++) {
    for (let col = Math.min(a.col, b.col); col <= Math.max(a.col, b.col); col++) cells.push(`${columnLetter(col)}${row}`);
  }
  const sheetPart = onOwnSheet ? quoteSheet(sheetName) : range.slice(0, bang);
  return { formula: `${sheetPart}!${abs(a)}${ends.length > 1 ? `:${abs(b)}` : ''}`, cells: onOwnSheet ? cells : null };
}

export function chartXml(sheetName: string, chart: Chart, cells: SheetCells, date1904 = false): string {
  const catAxis = 500000001;
  const valAxis = 500000002;
  const text = (t: string) => escapeXml(t);
  const categories = reference(sheetName, chart.categories);
  const categoryNames = categories.cells?.map((a) => String(cells(a) ?? ''));
  const strCache = categoryNames
    ? `<c:strCache><c:ptCount val="${categoryNames.length}"/>` +
      categoryNames.map((v, i) => `<c:pt idx="${i}"><c:v>${text(v)}</c:v></c:pt>`).join('') +
      '</c:strCache>'
    : '';
  const totals: number[] = [];
  let wholeNumbers = true;
  const series = chart.series
    .map((s, i) => {
      const values = reference(sheetName, s.values);
      const numbers = values.cells?.map((a) => cells(a));
      numbers?.forEach((v, k) => {
        if (typeof v !== 'number') return;
        totals[k] = (totals[k] ?? 0) + v;
        if (!Number.isInteger(v)) wholeNumbers = false;
      });
      const numCache = numbers
        ? `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${numbers.length}"/>` +
          numbers.map((v, k) => (typeof v === 'number' ? `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>` : '')).join('') +
          '</c:numCache>'
        : '';
      return (
        '<c:ser>' +
        `<c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:v>${text(s.name)}</c:v></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${s.colour.slice(1).toUpperCase()}"/></a:solidFill></c:spPr>` +
        '<c:invertIfNegative val="0"/>' +
        `<c:cat><c:strRef><c:f>${text(categories.formula)}</c:f>${strCache}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${text(values.formula)}</c:f>${numCache}</c:numRef></c:val>` +
        '</c:ser>'
      );
    })
    .join('');
  // Counts of actions get whole-number steps, about eight of them, rather than 0.5, 1, 1.5…
  const counted = totals.filter((t) => t !== undefined);
  const majorUnit = counted.length && wholeNumbers ? `<c:majorUnit val="${niceStep(Math.max(0, ...counted))}"/>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">` +
    `<c:date1904 val="${date1904 ? 1 : 0}"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>` +
    '<c:chart>' +
    '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr>' +
    `<a:r><a:rPr lang="en-GB" sz="1400" b="1"/><a:t>${text(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title>' +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>' +
    series +
    `<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="${catAxis}"/><c:axId val="${valAxis}"/></c:barChart>` +
    // Categories read top to bottom in sheet order, so the value axis sits at the far (bottom) end.
    `<c:catAx><c:axId val="${catAxis}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>` +
    '<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>' +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${valAxis}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="${valAxis}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/>` +
    '<c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>' +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${catAxis}"/><c:crosses val="max"/>` +
    `<c:crossBetween val="between"/>${majorUnit}</c:valAx>` +
    '</c:plotArea>' +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    '</c:chartSpace>'
  );
}

/** 1, 2, 5, 10, 20, 50… : the smallest that divides 0..largest into at most eight steps. */
function niceStep(largest: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5]) if (largest / (step * magnitude) <= 8) return step * magnitude;
  }
}

// ---- the sheet's values, for the chart's cached copy ---------------------------------------------

export type SheetCells = (address: string) => string | number | undefined;

async function sharedStrings(zip: Package): Promise<string[]> {
  const xml = (await readText(zip, 'xl/sharedStrings.xml')) ?? '';
  const out: string[] = [];
  for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) out.push(texts(si[1], 't').join(''));
  return out;
}

/** Values of a worksheet part's cells by address: numbers, shared, inline and formula strings. */
function sheetCells(sheetXml: string, strings: string[]): Map<string, string | number> {
  const cells = new Map<string, string | number>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const body = m[3] ?? '';
    const type = /\bt="(\w+)"/.exec(m[2])?.[1] ?? 'n';
    const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
    if (type === 's' && v !== undefined) cells.set(m[1], strings[Number(v)] ?? '');
    else if (type === 'inlineStr') cells.set(m[1], texts(body, 't').join(''));
    else if (type === 'str' && v !== undefined) cells.set(m[1], unescapeXml(v));
    else if (type === 'n' && v !== undefined && v !== '') cells.set(m[1], Number(v));
  }
  return cells;
}

// ---- reading back ------------------------------------------------------------------------------

/** Charts in a package, sheet by sheet: their titles and series names. */
export async function readCharts(xlsx: Buffer): Promise<ChartSummary[]> {
  return chartsInPackage(await JSZip.loadAsync(xlsx));
}

export async function chartsInPackage(zip: Package): Promise<ChartSummary[]> {
  const out: ChartSummary[] = [];
  for (const sheet of await sheetParts(zip)) {
    const sheetXml = (await readText(zip, sheet.path)) ?? '';
    const sheetRels = parseRels(await readText(zip, relsPathFor(sheet.path)));
    for (const drawingTag of tags(sheetXml, 'drawing')) {
      const drawingRel = sheetRels.find((r) => r.Id === drawingTag.attrs['r:id']);
      if (!drawingRel) continue;
      const drawingPath = resolveTarget(sheet.path, drawingRel.Target);
      const drawing = (await readText(zip, drawingPath)) ?? '';
      const drawingRels = parseRels(await readText(zip, relsPathFor(drawingPath)));
      for (const ref of tags(drawing, 'c:chart')) {
        const rel = drawingRels.find((r) => r.Id === ref.attrs['r:id'] && r.Type === REL_TYPE.chart);
        if (!rel) continue;
        const xml = (await readText(zip, resolveTarget(drawingPath, rel.Target))) ?? '';
        out.push({ sheet: sheet.name, title: chartTitle(xml), series: seriesNames(xml) });
      }
    }
  }
  return out;
}

function texts(xml: string, element: string): string[] {
  const re = new RegExp(`<${element}(?:\\s[^>]*)?>([^<]*)</${element}>`, 'g');
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(unescapeXml(m[1]));
  return out;
}

function chartTitle(xml: string): string {
  const title = /<c:title>([\s\S]*?)<\/c:title>/.exec(xml);
  return title ? texts(title[1], 'a:t').join('') : '';
}

function seriesNames(xml: string): string[] {
  const names: string[] = [];
  const re = /<c:ser>([\s\S]*?)<\/c:ser>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(m[1]);
    names.push(tx ? texts(tx[1], 'c:v').join('') : '');
  }
  return names;
}
