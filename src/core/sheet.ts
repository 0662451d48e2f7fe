import { columnLetter, formatDate, parseA1, rangeA1 } from './cells';
import { SHEET_FONT } from './fonts';
import { fitColumns, linesIn, pageBreaks, rowHeight, textNeed, type ColumnNeed, type KeepTogether } from './paper';
import type { Chart, GeneratedSheet, Link, PatchValue, Style } from './patch';
import type { Rating } from './schemes';

/**
 * How BoardPlan builds its printed sheets (the summaries, the Board Overview, Exceptions, By Lead,
 * the RAG History): row by row, with their styles and links, and then one ending for all of
 * them that lays the sheet out for an A4 landscape page: column widths that fill the page, row
 * heights from the wrapped text, page breaks between priorities, the header rows on every page.
 */

export const TITLE_STYLE: Style = { bold: true, size: 14 };
export const SECTION_STYLE: Style = { bold: true, size: 12 };
/** Column headings: dark text on a light blue fill. */
export const HEADER_STYLE: Style = { bold: true, font: '#000000', fill: '#D9E1F2', border: true, wrap: true, valign: 'top' };
/** A plan's heading inside a table, when the workbook has more than one: white on dark slate. */
export const PLAN_STYLE: Style = { bold: true, size: 12, font: '#FFFFFF', fill: '#44546A', border: true, wrap: true, valign: 'top' };
/** A priority's heading inside a table: dark text on light grey. */
export const GROUP_STYLE: Style = { bold: true, font: '#000000', fill: '#EDEDED', border: true, wrap: true, valign: 'top' };
/** The cells of a table's body: wrapped, top-aligned, ruled. */
export const BODY_STYLE: Style = { wrap: true, border: true, valign: 'top' };
export const PERCENT_FORMAT = '0%';

/** A rating's own cell in a key: its colours, bold. */
export function ratingStyle(r: Rating): Style {
  return { fill: r.fill, font: r.font, bold: true };
}

/** How light a colour is to the eye (WCAG's relative luminance), from 0 (black) to 1 (white). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast between two colours, from 1 (none) to 21 (black on white); text wants 4.5 or more. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on the fill. */
export function textColourOn(fill: string): string {
  return contrast(fill, '#000000') >= contrast(fill, '#FFFFFF') ? '#000000' : '#FFFFFF';
}

/** A part of a whole, as a fraction for a percentage cell; blank when there is no whole. */
export function share(part: number, whole: number): PatchValue {
  return whole ? part / whole : null;
}

/** An empty row between parts of a sheet, in points: enough to separate them, no more. */
const GAP = 9;

/** How one column of a sheet is sized (see ColumnNeed.grow); a column that grows also wraps its text. */
export interface ColumnSpec {
  grow?: number;
  /** Narrowest it may be, in column units, whatever its text. */
  min?: number;
}

/** How a link looks: blue and underlined, as Excel's own Hyperlink style. */
export const LINK_STYLE: Style = { font: '#0563C1', underline: true };

/** Builds a sheet row by row, collecting styles, links, merges and blocks as it goes. */
export class SheetBuilder {
  rows: PatchValue[][] = [];
  styles: { address: string; style: Style }[] = [];
  links: Link[] = [];
  merges: string[] = [];
  blocks: KeepTogether[] = [];
  /** Rows of a set height (room for a chart, gaps), by row. */
  fixed = new Map<number, number>();
  /** Rows of a small table set into a wider one's columns: they wrap to the columns, never widen them. */
  inset = new Set<number>();

  /** @param width the sheet's columns, A to the last one the page shows */
  constructor(readonly width: number) {}

  /** Adds a row and returns its 1-based number. */
  add(values: PatchValue[] = []): number {
    this.rows.push(values);
    return this.rows.length;
  }

  style(address: string, style: Style): void {
    this.styles.push({ address, style });
  }

  get last(): number {
    return this.rows.length;
  }

  /** A line of text across the whole page, wrapped when it is long: a title, a date, a sentence. */
  line(text: string, style: Style = {}): number {
    return this.spanned([text], [this.width], { wrap: true, valign: 'top', ...style });
  }

  /** An empty row between parts of the sheet. */
  gap(height: number = GAP): number {
    const row = this.add();
    this.fixed.set(row, height);
    return row;
  }

  /**
   * A row whose cells each span some columns (merged when more than one): a small table set into
   * the columns of a wider one. Returns the row; the style, if any, covers the whole row.
   */
  spanned(values: PatchValue[], spans: number[], style?: Style): number {
    const cells: PatchValue[] = [];
    let col = 1;
    values.forEach((value, i) => {
      const span = spans[i] ?? 1;
      cells[col - 1] = value;
      for (let k = 1; k < span; k++) cells[col - 1 + k] = null;
      if (span > 1) this.merges.push(rangeA1(this.rows.length + 1, col, this.rows.length + 1, col + span - 1));
      col += span;
    });
    // The cells a merge covers are empty: none is written after the last value.
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    const row = this.add(cells);
    if (style) this.style(rangeA1(row, 1, row, col - 1), style);
    return row;
  }

  /**
   * A row of a small table set into the columns of the sheet's main table (see spanned): its text
   * wraps to fit those columns rather than widening them.
   */
  insetRow(values: PatchValue[], spans: number[], style?: Style): number {
    const row = this.spanned(values, spans, style);
    this.inset.add(row);
    return row;
  }

  /**
   * Each cell of the block `address` that shows a rating takes the rating's colours, bold, as in a
   * key. The sheet is written afresh on every refresh, so a style per cell is all it needs; a run
   * of cells of one rating down a column is one style.
   */
  rateCells(address: string, ratingOf: (text: string) => Rating | undefined): void {
    const [from, to] = address.split(':').map((a) => parseA1(a)!);
    const end = to ?? from;
    for (let col = from.col; col <= end.col; col++) {
      let run: { top: number; rating: Rating } | null = null;
      const close = (bottom: number) => run && this.style(rangeA1(run.top, col, bottom, col), ratingStyle(run.rating));
      for (let row = from.row; row <= end.row; row++) {
        const v = this.rows[row - 1]?.[col - 1];
        const rating = typeof v === 'string' ? ratingOf(v) : undefined;
        if (run && rating === run.rating) continue;
        close(row - 1);
        run = rating ? { top: row, rating } : null;
      }
      close(end.row);
    }
  }

  /** Rows first..last are printed on one page when they fit on one. */
  keepTogether(first: number, last: number): void {
    if (last >= first) this.blocks.push({ first, last });
  }
}

/** The first column of each span, for cells placed with SheetBuilder.spanned. */
export function spanStarts(spans: number[]): number[] {
  const starts: number[] = [];
  let col = 1;
  for (const span of spans) {
    starts.push(col);
    col += span;
  }
  return starts;
}

export interface SheetEnding {
  name: string;
  /** One per column of the sheet, A first. */
  columns: ColumnSpec[];
  /** Rows repeated at the top of every printed page, and frozen on screen. */
  titleRows: number;
  /** Rows frozen on screen, when not the title rows. */
  freezeRows?: number;
  chart?: Chart;
}

/**
 * The ending every printed sheet of BoardPlan shares: widths that fill an A4 landscape page,
 * heights that show every wrapped line, page breaks that keep blocks together, and the print setup.
 */
export function finishSheet(b: SheetBuilder, ending: SheetEnding): GeneratedSheet {
  const { widths, heights } = measure(b, ending.columns);
  const breaks = pageBreaks(heights, ending.titleRows, b.blocks);
  return {
    name: ending.name,
    visibility: 'visible',
    rows: b.rows,
    // A link looks like one, in both hosts alike.
    styles: [...b.styles, ...b.links.map((l) => ({ address: l.cell, style: LINK_STYLE }))],
    links: b.links,
    merges: b.merges,
    widths: widths.map((width, i) => ({ col: i + 1, width })),
    heights: heights.map((height, i) => ({ row: i + 1, height })),
    font: { ...SHEET_FONT },
    freezeRows: ending.freezeRows ?? ending.titleRows,
    ...(ending.chart ? { chart: ending.chart } : {}),
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      titleRows: `1:${ending.titleRows}`,
      area: `A1:${columnLetter(b.width)}${Math.max(1, b.last)}`,
      breaks,
    },
  };
}

// ---- measuring the sheet ------------------------------------------------------------------------

/** The sheet's column widths (units) and row heights (points) as its text needs them so far. */
export function measure(b: SheetBuilder, columns: ColumnSpec[]): { widths: number[]; heights: number[] } {
  const cells = cellLooks(b);
  const merged = mergedAreas(b.merges);
  const widths = fitColumns(columnNeeds(b, columns, cells, merged));
  const heights = b.rows.map((_, i) => b.fixed.get(i + 1) ?? heightOf(b, i + 1, widths, cells, merged));
  return { widths, heights };
}

interface Look {
  size: number;
  bold: boolean;
  wrap: boolean;
  numberFormat?: string;
}

/** A cell's key in the maps below: its row and column in one number. */
function at(row: number, col: number): number {
  return row * 16_384 + col;
}

/** Each styled cell's look, the styles laid over one another in order. */
function cellLooks(b: SheetBuilder): Map<number, Look> {
  const looks = new Map<number, Look>();
  for (const { address, style } of b.styles) {
    const [from, to = from] = address.split(':').map(parseA1);
    if (!from || !to) continue;
    for (let row = from.row; row <= Math.min(to.row, b.last); row++) {
      for (let col = from.col; col <= Math.min(to.col, b.width); col++) {
        const key = at(row, col);
        const was = looks.get(key) ?? { size: SHEET_FONT.size, bold: false, wrap: false };
        looks.set(key, {
          size: style.size ?? was.size,
          bold: style.bold ?? was.bold,
          wrap: style.wrap ?? was.wrap,
          numberFormat: style.numberFormat ?? was.numberFormat,
        });
      }
    }
  }
  return looks;
}

const PLAIN: Look = { size: SHEET_FONT.size, bold: false, wrap: false };

/** Merged areas by their top-left cell (how many columns they span), and the cells they cover. */
function mergedAreas(merges: string[]): { span: Map<number, number>; covered: Set<number> } {
  const span = new Map<number, number>();
  const covered = new Set<number>();
  for (const m of merges) {
    const [from, to] = m.split(':').map(parseA1);
    if (!from || !to) continue;
    span.set(at(from.row, from.col), to.col - from.col + 1);
    for (let row = from.row; row <= to.row; row++) for (let col = from.col; col <= to.col; col++) if (row !== from.row || col !== from.col) covered.add(at(row, col));
  }
  return { span, covered };
}

/** What a cell shows, as the sheet's number formats print it. */
function shown(value: PatchValue | undefined, look: Look): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return look.numberFormat?.includes('%') ? `${Math.round(value * 100)}%` : String(value);
  return formatDate(value.date);
}

function columnNeeds(b: SheetBuilder, specs: ColumnSpec[], looks: Map<number, Look>, merged: ReturnType<typeof mergedAreas>): ColumnNeed[] {
  // LibreOffice does not wrap a cell that holds a link: its column is as wide as its longest link.
  const linked = new Set(b.links.map((l) => parseA1(l.cell)).map((p) => (p ? at(p.row, p.col) : -1)));
  return Array.from({ length: b.width }, (_, i) => {
    const col = i + 1;
    const spec = specs[i] ?? {};
    let min = spec.min ?? 0;
    let natural = min;
    b.rows.forEach((values, r) => {
      const key = at(r + 1, col);
      if (merged.span.has(key) || merged.covered.has(key)) return;
      const look = looks.get(key) ?? PLAIN;
      const text = shown(values[i], look);
      if (!text) return;
      const need = textNeed(text, look.size, look.bold);
      // Numbers and dates never wrap: Excel shows ### rather than break them.
      const wraps = look.wrap && typeof values[i] === 'string' && !linked.has(key);
      min = Math.max(min, wraps ? need.word : need.whole);
      natural = Math.max(natural, b.inset.has(r + 1) && wraps ? need.word : need.whole);
    });
    return { min, natural, grow: spec.grow ?? 0 };
  });
}

function heightOf(b: SheetBuilder, row: number, widths: number[], looks: Map<number, Look>, merged: ReturnType<typeof mergedAreas>): number {
  let height = 0;
  b.rows[row - 1].forEach((value, i) => {
    const key = at(row, i + 1);
    if (merged.covered.has(key)) return;
    const look = looks.get(key) ?? PLAIN;
    const text = shown(value, look);
    if (!text) return;
    const span = merged.span.get(key) ?? 1;
    const units = widths.slice(i, i + span).reduce((s, w) => s + w, 0);
    const wraps = look.wrap && typeof value === 'string';
    height = Math.max(height, rowHeight(linesIn(text, units, look.size, look.bold, wraps), look.size));
  });
  return height || GAP;
}
