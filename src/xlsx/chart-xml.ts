import { columnLetter, parseA1, quoteSheet } from '../core/cells';
import type { Chart } from '../core/patch';
import { NS } from './package';
import { escapeXml } from './xml';

/**
 * BoardPlan's charts in DrawingML: a stacked bar chart per summary sheet, anchored over a block of
 * cells. The chart refers to the sheet's cells, so Excel and LibreOffice draw it from the current
 * figures; it also carries a copy of them, for viewers that show a file without recalculating it.
 */

/** What a cell of the chart's sheet shows, for the chart's copy of its figures. */
export type SheetCells = (address: string) => string | number | undefined;

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

/** The typeface and size of the chart's sheet, for the chart's text too. */
export interface ChartFont {
  name: string;
  size: number;
}

/** Run properties for the chart's text: size in hundredths of a point, the typeface, bold and colour when given. */
function runProperties(size: number, font?: ChartFont, bold = false, colour?: string): string {
  const fill = colour ? `<a:solidFill><a:srgbClr val="${colour.slice(1).toUpperCase()}"/></a:solidFill>` : '';
  const face = font ? `<a:latin typeface="${escapeXml(font.name)}"/>` : '';
  return `sz="${Math.round(size * 100)}" b="${bold ? 1 : 0}">${fill}${face}`;
}

/** Text properties for a part of the chart. */
function textProperties(size: number, font?: ChartFont, bold = false, colour?: string): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr ${runProperties(size, font, bold, colour)}</a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`;
}

/**
 * Each segment's label, centred on it in the series' label colour: its count, with the rating's name
 * before it when the patch asks. Points the patch leaves unlabelled (counts of 0) have none.
 */
function dataLabels(chart: Chart, series: Chart['series'][number], font?: ChartFont): string {
  if (!chart.labels) return '';
  const off = (series.unlabelled ?? []).map((k) => `<c:dLbl><c:idx val="${k}"/><c:delete val="1"/></c:dLbl>`).join('');
  const named = chart.labels === 'name-and-value' ? 1 : 0;
  return (
    `<c:dLbls>${off}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    textProperties(font?.size ?? 10, font, true, series.labelColour) +
    '<c:dLblPos val="ctr"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>' +
    `<c:showSerName val="${named}"/><c:showPercent val="0"/><c:showBubbleSize val="0"/><c:separator> </c:separator></c:dLbls>`
  );
}

export function chartXml(sheetName: string, chart: Chart, cells: SheetCells, date1904 = false, font?: ChartFont): string {
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
        dataLabels(chart, s, font) +
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
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr ${runProperties(14, font, true)}</a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" ${runProperties(14, font, true)}</a:rPr><a:t>${text(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
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
    // The axes' and legend's text: the sheet's typeface and size.
    (font ? textProperties(font.size, font) : '') +
    '</c:chartSpace>'
  );
}

/** 1, 2, 5, 10, 20, 50… : the smallest that divides 0..largest into at most eight steps. */
function niceStep(largest: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5]) if (largest / (step * magnitude) <= 8) return step * magnitude;
  }
}
