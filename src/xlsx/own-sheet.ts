import { columnLetter, isValidDate, isoToSerial, parseA1, parseIso, quoteSheet } from '../core/cells';
import { DATE_FORMAT, linkText, type Chart, type GeneratedSheet, type PatchValue, type Style } from '../core/patch';
import { a1, argb, emptyCell, numberCell, ownFont, solidFill, textCell, thinBorder } from './cell-xml';
import { DAYS_1904 } from './dates';
import { NS } from './package';
import type { StyleBook } from './styles';
import { escapeXml } from './xml';

/**
 * The worksheet part of one of BoardPlan's own sheets (a summary, the Board Overview, the
 * Exceptions report, the RAG History, the settings sheet), written whole from its GeneratedSheet.
 *
 * FIELDS has one entry per field of GeneratedSheet (the compiler asks for a new field's entry),
 * each putting what its field says into a SheetXml; SECTIONS then writes the SheetXml's parts in
 * the order the schema fixes for a worksheet's elements. A new field is one entry in FIELDS, and a
 * section in SECTIONS only when it needs an element no field has written yet.
 */

/** What a cell of the sheet holds, and how it looks: the sheet's styles that cover it, in order. */
interface CellOut {
  value: PatchValue;
  styles: number[];
}

/** Everything the sheet's XML is written from, gathered field by field. */
export interface SheetXml {
  cells: Map<number, Map<number, CellOut>>;
  /** The sheet's styles, which cells name by their place in this list. */
  styles: Style[];
  /** Attributes of <row> elements (heights), by row. */
  rowAttrs: Map<number, Record<string, string>>;
  /** Attributes of <col> elements, by column. */
  cols: Map<number, Record<string, string>>;
  tabColor: string | undefined;
  /** <sheetPr><pageSetUpPr> attributes (fitToPage). */
  pageSetUpPr: Record<string, string>;
  frozenRows: number;
  merges: string[];
  links: { ref: string; location: string }[];
  printOptions: Record<string, string>;
  pageSetup: Record<string, string>;
  rowBreaks: number[];
  colBreaks: number[];
  chart: Chart | undefined;
  /** The typeface and size every cell starts from, when the sheet sets one. */
  font: { name: string; size: number } | undefined;
  /** Names local to the sheet, for workbook.xml: print titles and print area. */
  names: { name: string; value: string }[];
}

export interface OwnSheetContext {
  styles: StyleBook;
  date1904: boolean;
}

export interface OwnSheet {
  xml: string;
  /** The sheet's chart, to be written as a drawing part with the relationship id DRAWING_REL. */
  chart: Chart | undefined;
  /** What a cell shows, for the chart's copy of its figures. */
  values: (address: string) => string | number | undefined;
  names: { name: string; value: string }[];
  operations: number;
}

/** The relationship id of the drawing in a sheet BoardPlan writes (its relationships are its own). */
export const DRAWING_REL = 'rId1';

const BORDER_COLOUR = 'FFBFBFBF';
/** A4, in the paper sizes Excel numbers. */
const PAPER_A4 = '9';

/** The cell at a place, made when first asked for. */
function cellOf(out: SheetXml, row: number, col: number): CellOut {
  let cols = out.cells.get(row);
  if (!cols) out.cells.set(row, (cols = new Map()));
  let cell = cols.get(col);
  if (!cell) cols.set(col, (cell = { value: null, styles: [] }));
  return cell;
}

function rangeOf(address: string, sheet: string, what: string): { top: number; left: number; bottom: number; right: number } {
  const [first, last = first] = address.split(':');
  const a = parseA1(first);
  const b = parseA1(last);
  if (!a || !b) throw new Error(`Cannot ${what} "${address}" on the sheet "${sheet}": it is not a range such as "A1:C4".`);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** "1:4" → "$1:$4"; "A1:F28" → "$A$1:$F$28". */
function absolute(range: string): string {
  return range
    .split(':')
    .map((end) => end.replace(/^\$?([A-Za-z]*)\$?(\d*)$/, (_, col: string, row: string) => `${col ? `$${col.toUpperCase()}` : ''}${row ? `$${row}` : ''}`))
    .join(':');
}

type FieldWriter<K extends keyof GeneratedSheet> = (value: GeneratedSheet[K], out: SheetXml, sheet: GeneratedSheet) => void;

/** One entry per field of GeneratedSheet, in the order they are applied (values before what styles them). */
export const FIELDS: { [K in keyof GeneratedSheet]-?: FieldWriter<K> } = {
  // The name and visibility are the workbook's entry for the sheet, not its part's.
  name: () => undefined,
  visibility: () => undefined,
  rows: (rows, out) =>
    rows.forEach((values, r) =>
      values.forEach((value, c) => {
        if (value !== null) cellOf(out, r + 1, c + 1).value = value;
      }),
    ),
  styles: (styles, out, sheet) => {
    out.styles = styles.map((s) => s.style);
    styles.forEach(({ address }, i) => {
      const { top, left, bottom, right } = rangeOf(address, sheet.name, 'style');
      for (let row = top; row <= bottom; row++) {
        for (let col = left; col <= right; col++) cellOf(out, row, col).styles.push(i);
      }
    });
  },
  links: (links, out, sheet) => {
    for (const link of links) {
      const at = parseA1(link.cell);
      if (!at) throw new Error(`Cannot write to "${link.cell}" on the sheet "${sheet.name}": it is not a cell address such as "B5".`);
      const cell = cellOf(out, at.row, at.col);
      cell.value = linkText(sheet.rows, link);
      out.links.push({ ref: a1(at.row, at.col), location: `${quoteSheet(link.sheet)}!${link.target}` });
    }
  },
  merges: (merges, out) => void out.merges.push(...merges),
  widths: (widths, out) => {
    for (const { col, width } of widths) out.cols.set(col, { ...out.cols.get(col), width: String(width), customWidth: '1' });
  },
  freezeRows: (rows, out) => void (out.frozenRows = rows),
  tabColor: (colour, out) => void (out.tabColor = colour ? argb(colour) : undefined),
  chart: (chart, out) => void (out.chart = chart),
  font: (font, out) => void (out.font = font),
  // Written as custom heights, so that no program has to fit them again.
  heights: (heights, out) => {
    for (const { row, height } of heights ?? []) out.rowAttrs.set(row, { ...out.rowAttrs.get(row), ht: String(height), customHeight: '1' });
  },
  print: (print, out, sheet) => {
    out.pageSetup.paperSize = PAPER_A4;
    if (!print) return;
    out.pageSetup.orientation = print.orientation;
    if (print.fitToWidth) {
      out.pageSetUpPr.fitToPage = '1';
      out.pageSetup.fitToWidth = '1';
      out.pageSetup.fitToHeight = '0';
    }
    const sheetRef = quoteSheet(sheet.name);
    if (print.titleRows) out.names.push({ name: '_xlnm.Print_Titles', value: `${sheetRef}!${absolute(print.titleRows)}` });
    if (print.area) out.names.push({ name: '_xlnm.Print_Area', value: `${sheetRef}!${absolute(print.area)}` });
    // A break above a row is recorded against the row before it.
    out.rowBreaks.push(...(print.breaks ?? []).map((row) => row - 1));
  },
};

function definedOnly(style: Style): Style {
  return Object.fromEntries(Object.entries(style).filter(([, v]) => v !== undefined)) as Style;
}

type Section = (out: SheetXml, ctx: Writing) => string;

interface Writing extends OwnSheetContext {
  /** Cell format ids made for this sheet, by what they are made of. */
  xfs: Map<string, number>;
}

const attrs = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([n, v]) => ` ${n}="${escapeXml(v)}"`)
    .join('');

/** The worksheet's elements, in the order the schema requires them. */
export const SECTIONS: [string, Section][] = [
  [
    'sheetPr',
    (out) => {
      const tab = out.tabColor ? `<tabColor rgb="${out.tabColor}"/>` : '';
      const setup = Object.keys(out.pageSetUpPr).length ? `<pageSetUpPr${attrs(out.pageSetUpPr)}/>` : '';
      return tab || setup ? `<sheetPr>${tab}${setup}</sheetPr>` : '';
    },
  ],
  [
    'dimension',
    (out) => {
      const rows = [...out.cells.keys()];
      const cols = [...out.cells.values()].flatMap((m) => [...m.keys()]);
      if (!rows.length) return '<dimension ref="A1"/>';
      const from = a1(Math.min(...rows), Math.min(...cols));
      const to = a1(Math.max(...rows), Math.max(...cols));
      return `<dimension ref="${from === to ? from : `${from}:${to}`}"/>`;
    },
  ],
  [
    'sheetViews',
    (out) => {
      const n = out.frozenRows;
      const pane = n > 0 ? `<pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${n + 1}" sqref="A${n + 1}"/>` : '';
      return `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>`;
    },
  ],
  ['sheetFormatPr', () => '<sheetFormatPr defaultRowHeight="15"/>'],
  [
    'cols',
    (out) => {
      if (!out.cols.size) return '';
      const cols = [...out.cols].sort((a, b) => a[0] - b[0]);
      return `<cols>${cols.map(([col, a]) => `<col min="${col}" max="${col}"${attrs(a)}/>`).join('')}</cols>`;
    },
  ],
  ['sheetData', (out, ctx) => `<sheetData>${sheetRows(out, ctx)}</sheetData>`],
  ['mergeCells', (out) => (out.merges.length ? `<mergeCells count="${out.merges.length}">${out.merges.map((m) => `<mergeCell ref="${escapeXml(m)}"/>`).join('')}</mergeCells>` : '')],
  [
    'hyperlinks',
    (out) =>
      out.links.length
        ? `<hyperlinks>${out.links.map((l) => `<hyperlink ref="${l.ref}" location="${escapeXml(l.location)}"/>`).join('')}</hyperlinks>`
        : '',
  ],
  ['printOptions', (out) => (Object.keys(out.printOptions).length ? `<printOptions${attrs(out.printOptions)}/>` : '')],
  ['pageMargins', () => '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'],
  ['pageSetup', (out) => `<pageSetup${attrs(out.pageSetup)}/>`],
  ['rowBreaks', (out) => breaks('rowBreaks', out.rowBreaks, 16383)],
  ['colBreaks', (out) => breaks('colBreaks', out.colBreaks, 1048575)],
  ['drawing', (out) => (out.chart ? `<drawing r:id="${DRAWING_REL}"/>` : '')],
];

function breaks(element: string, at: number[], max: number): string {
  if (!at.length) return '';
  return `<${element} count="${at.length}" manualBreakCount="${at.length}">${at.map((id) => `<brk id="${id}" max="${max}" man="1"/>`).join('')}</${element}>`;
}

export function emptySheetXml(): SheetXml {
  return {
    cells: new Map(),
    styles: [],
    rowAttrs: new Map(),
    cols: new Map(),
    tabColor: undefined,
    pageSetUpPr: {},
    frozenRows: 0,
    merges: [],
    links: [],
    printOptions: {},
    pageSetup: {},
    rowBreaks: [],
    colBreaks: [],
    chart: undefined,
    font: undefined,
    names: [],
  };
}

export function writeOwnSheet(sheet: GeneratedSheet, ctx: OwnSheetContext): OwnSheet {
  const out = emptySheetXml();
  for (const key of Object.keys(FIELDS) as (keyof GeneratedSheet)[]) {
    (FIELDS[key] as FieldWriter<typeof key>)(sheet[key], out, sheet);
  }
  const writing: Writing = { ...ctx, xfs: new Map() };
  const body = SECTIONS.map(([, section]) => section(out, writing)).join('');
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.relationships}">${body}</worksheet>`;
  const values = (address: string) => {
    const at = parseA1(address);
    const v = at ? out.cells.get(at.row)?.get(at.col)?.value : undefined;
    return typeof v === 'string' || typeof v === 'number' ? v : undefined;
  };
  const operations = 1 + [...out.cells.values()].reduce((n, m) => n + m.size, 0) + out.merges.length + out.links.length + out.cols.size;
  return { xml, chart: out.chart, values, names: out.names, operations };
}

// ---- cells -----------------------------------------------------------------------------------

function sheetRows(out: SheetXml, ctx: Writing): string {
  const rows = [...new Set([...out.cells.keys(), ...out.rowAttrs.keys()])].sort((a, b) => a - b);
  return rows
    .map((r) => {
      const cells = [...(out.cells.get(r) ?? new Map<number, CellOut>())].sort((a, b) => a[0] - b[0]);
      const body = cells.map(([c, cell]) => cellXml(r, c, cell, out, ctx)).join('');
      return `<row r="${r}"${attrs(out.rowAttrs.get(r) ?? {})}>${body}</row>`;
    })
    .join('');
}

function cellXml(row: number, col: number, cell: CellOut, out: SheetXml, ctx: Writing): string {
  const ref = `${columnLetter(col)}${row}`;
  const { value } = cell;
  if (value === null) return emptyCell('', ref, xfFor(cell, 'empty', out, ctx));
  // Every string is stored as text (TEXT_FORMAT), as the patch says.
  if (typeof value === 'string') return textCell('', ref, xfFor(cell, 'text', out, ctx), value);
  if (typeof value === 'number') return numberCell('', ref, xfFor(cell, 'number', out, ctx), value);
  const { year, month, day } = parseIso(value.date);
  // A date that is not one is written as the text it is.
  if (!isValidDate(year, month, day)) return textCell('', ref, xfFor(cell, 'text', out, ctx), value.date);
  const serial = isoToSerial(value.date) - (ctx.date1904 ? DAYS_1904 : 0);
  return numberCell('', ref, xfFor(cell, 'date', out, ctx), serial);
}

type Kind = 'empty' | 'text' | 'number' | 'date';

/**
 * The cell format for a cell of this kind under these styles (later ones winning where they
 * differ), made once per sheet, and found again in styles.xml.
 */
function xfFor(cell: CellOut, kind: Kind, out: SheetXml, ctx: Writing): number {
  const key = `${kind} ${cell.styles.join(',')}`;
  let xf = ctx.xfs.get(key);
  if (xf === undefined) {
    const style = cell.styles.reduce<Style>((merged, i) => ({ ...merged, ...definedOnly(out.styles[i]) }), {});
    ctx.xfs.set(key, (xf = makeXf(style, kind, ctx.styles, out.font)));
  }
  return xf;
}

const VERTICAL = { top: 'top', center: 'center', bottom: 'bottom' } as const;

function makeXf(style: Style, kind: Kind, styles: StyleBook, font: SheetXml['font']): number {
  const change: Parameters<StyleBook['derive']>[1] = {};
  // The number format is for numbers and dates only; text that Excel would take for data is kept as text.
  if (kind === 'text') change.numFmtId = 49; // Excel's built-in TEXT_FORMAT ('@')
  if (kind === 'date') change.numFmtId = styles.formatId(style.numberFormat ?? DATE_FORMAT);
  if (kind === 'number' && style.numberFormat) change.numFmtId = styles.formatId(style.numberFormat);
  if (font || style.bold !== undefined || style.italic !== undefined || style.size !== undefined || style.font || style.underline) {
    change.fontId = styles.font(
      ownFont(styles, {
        name: font?.name,
        bold: style.bold,
        italic: style.italic,
        size: style.size ?? font?.size,
        color: style.font ? argb(style.font) : undefined,
        underline: style.underline,
      }),
    );
  }
  if (style.fill) change.fillId = styles.fill(solidFill(styles, argb(style.fill)));
  if (style.border) change.borderId = styles.border(thinBorder(styles, BORDER_COLOUR));
  if (style.wrap !== undefined || style.align || style.valign) {
    // Wrapped text reads from the top unless the style says otherwise.
    const vertical = style.valign ? VERTICAL[style.valign] : style.wrap ? 'top' : undefined;
    change.alignment = {
      ...(style.wrap !== undefined ? { wrapText: style.wrap ? '1' : '0' } : {}),
      ...(vertical ? { vertical } : {}),
      ...(style.align ? { horizontal: style.align } : {}),
    };
  }
  return styles.derive(0, change);
}
