import JSZip from 'jszip';
import type { Chart } from '../core/patch';
import { anchorXml, chartXml, type ChartFont, type SheetCells } from './chart-xml';
import {
  CONTENT_TYPE,
  NS,
  REL_TYPE,
  addContentType,
  ensureRelationshipsNamespace,
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
 * Charts added to a package ExcelJS wrote, which cannot write charts: how the pane's test mode
 * saves the fake Excel's workbook (src/fake-excel/xlsx.ts). And the charts a package holds, read
 * back by sheet, title and series. (The command line writes BoardPlan's sheets and their charts
 * itself: own-sheet.ts, edit.ts.)
 */

export interface SheetChart {
  sheet: string;
  chart: Chart;
  /** The sheet's typeface and size, for the chart's text too. */
  font?: ChartFont;
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
  for (const { sheet, chart, font } of charts) {
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
    await addChart(zip, part.path, sheet, chart, cells, font);
  }
}

async function addChart(zip: Package, sheetPath: string, sheetName: string, chart: Chart, cells: SheetCells, font?: ChartFont): Promise<void> {
  const chartPath = freePartName(zip, 'xl/charts/chart', '.xml');
  writePart(zip, chartPath, chartXml(sheetName, chart, cells, false, font));
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

// ---- the sheet's values, for the chart's cached copy ---------------------------------------------


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
