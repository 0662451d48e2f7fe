import { lineCount, textWidth } from './fonts';

/**
 * The page a chair reads: A4 landscape inside Excel's usual margins (0.7" at the sides, 0.75" at
 * the top and bottom). Here are the sums that lay BoardPlan's sheets out on it: how wide each
 * column is, how tall each row must be for its wrapped text, and where pages break.
 *
 * Column widths are counted as Excel stores them, in widths of a digit of the workbook's standard
 * font. Excel draws one as 7 pixels (5.25 pt) for Calibri 11 or Arial 10; LibreOffice as the
 * digit's true width, up to 5.58 pt. So a sheet as wide as PAGE_UNITS fits the page in both
 * without being shrunk, and text is wrapped to the narrower, Excel's, column.
 */

/** The printable area of an A4 landscape page, in points. */
export const PAGE = { width: 841.89 - 2 * 50.4, height: 595.28 - 2 * 54 };

const UNIT_EXCEL = 5.25;
const UNIT_WIDEST = 5.58;

/** The width, in column units, of a sheet that fills the page without being shrunk. */
export const PAGE_UNITS = Math.floor(PAGE.width / UNIT_WIDEST);

/** Space inside a cell beside its text (Excel leaves a few pixels each side, and the gridline). */
const CELL_PADDING = 7;

/** Space above and below a row's text. */
const ROW_PADDING = 2.25;

/** No column is narrower than this, even an empty one (a width of 0 would hide it). */
const MIN_COLUMN = 4;

/** Rows and pages are measured a little short of the paper, for programs that round differently. */
const PAGE_SLACK = 6;

/** The width of column units in which `points` of text fit on one line. */
export function unitsFor(points: number): number {
  return (points + CELL_PADDING) / UNIT_EXCEL;
}

/** The width, in points, that text has in a column (or merged columns) of `units`. */
export function textRoom(units: number): number {
  return Math.max(0, units * UNIT_EXCEL - CELL_PADDING);
}

/** Height of one line of text: Excel's row for the size (17 px for 10 pt), in points. */
export function lineHeight(size: number): number {
  return Math.ceil((size * 5) / 3) * 0.75;
}

/** The height a row needs for `lines` lines of text at `size` points. */
export function rowHeight(lines: number, size: number): number {
  return lines * lineHeight(size) + ROW_PADDING;
}

/** What a cell needs of its row: the lines its text takes in the room it has. */
export function linesIn(text: string, units: number, size: number, bold: boolean, wrap: boolean): number {
  if (!wrap) return text.split(/\r?\n/).length;
  return lineCount(text, textRoom(units), size, bold);
}

/** How wide one column must be, could be, and how much of any room left over it takes. */
export interface ColumnNeed {
  /** Narrowest it may be: its longest word in a wrapped column, its longest text otherwise. */
  min: number;
  /** As wide as its longest text on one line. */
  natural: number;
  /**
   * Share of the page left over once every column has its natural width (0: none); when the page is
   * too narrow, the column is cut in the same proportion (0: never cut below its natural width).
   */
  grow: number;
}

/** The width units a text needs on one line; and its longest word, for a column that wraps. */
export function textNeed(text: string, size: number, bold: boolean): { whole: number; word: number } {
  const whole = Math.max(...text.split(/\r?\n/).map((line) => textWidth(line, size, bold)));
  const word = Math.max(0, ...text.split(/\s+/).map((w) => textWidth(w, size, bold)));
  return { whole: unitsFor(whole), word: unitsFor(word) };
}

/**
 * Column widths that fill `budget` units: each column at its natural width, the room left over
 * shared among the columns that grow; when the columns are too wide together, the widest growing
 * columns are narrowed first, to one width scaled by their share, never below their minimum.
 * Columns whose minimums alone exceed the budget keep them (the printer then shrinks the page).
 */
export function fitColumns(needs: ColumnNeed[], budget: number = PAGE_UNITS): number[] {
  // Natural widths are rounded up, so that a text measured to fit still fits; shared room down.
  const widths = needs.map((n) => up(Math.max(MIN_COLUMN, n.min, n.natural)));
  const total = widths.reduce((s, w) => s + w, 0);
  if (total <= budget) {
    const growth = needs.reduce((s, n) => s + n.grow, 0);
    const spare = budget - total;
    return widths.map((w, i) => (growth > 0 ? down(w + (spare * needs[i].grow) / growth) : down(w + spare / widths.length)));
  }
  // Lower a ceiling over the columns until they fit: those above it are cut to it (scaled by their
  // share), never below their minimum. A column that does not grow is cut only as a last resort,
  // and only where its text can wrap (a heading such as "Red 2+ quarters").
  const share = (i: number) => needs[i].grow || (needs[i].min < widths[i] ? LAST_RESORT : 0);
  const capped = (ceiling: number) => widths.map((w, i) => (share(i) > 0 ? Math.max(up(needs[i].min), down(Math.min(w, ceiling * share(i)))) : w));
  const sum = (ws: number[]) => ws.reduce((s, w) => s + w, 0);
  if (sum(capped(0)) >= budget) return capped(0);
  let low = 0;
  let high = Math.max(...widths.map((w, i) => w / (share(i) || 1)));
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (sum(capped(mid)) > budget) high = mid;
    else low = mid;
  }
  return capped(low);
}

/** How much a column that does not grow is cut, against the ceiling the growing ones are cut to. */
const LAST_RESORT = 0.15;

/** Widths are kept to quarters of a unit. */
function up(width: number): number {
  return Math.ceil(width * 4) / 4;
}
function down(width: number): number {
  return Math.floor(width * 4) / 4;
}

/** Rows to keep on one page when they fit on one: a priority's heading with its actions. */
export interface KeepTogether {
  first: number;
  last: number;
}

/**
 * Where pages must break (the first row of each new page) so that no block of rows kept together
 * is split when it would fit on a page of its own, and no heading is left alone at the foot of a
 * page. Rows 1..titleRows are repeated at the top of every page. Breaks that follow from the page
 * simply being full are left to the printer, but counted, so later breaks fall where it puts them.
 */
export function pageBreaks(heights: number[], titleRows: number, blocks: KeepTogether[]): number[] {
  const height = (row: number) => heights[row - 1] ?? 0;
  const page = PAGE.height - PAGE_SLACK;
  const titles = Array.from({ length: titleRows }, (_, i) => height(i + 1)).reduce((s, h) => s + h, 0);
  const starts = new Map(blocks.map((b) => [b.first, b]));
  const breaks: number[] = [];
  let used = 0;
  let top = 0;
  for (let row = 1; row <= heights.length; row++) {
    const block = starts.get(row);
    if (block && row > titleRows && used > top) {
      const rows = Array.from({ length: block.last - block.first + 1 }, (_, i) => height(block.first + i));
      const whole = rows.reduce((s, h) => s + h, 0);
      // A heading and the first two rows under it, at least, start a page together.
      const opening = rows.slice(0, 3).reduce((s, h) => s + h, 0);
      if (used + whole > page && (titles + whole <= page || used + opening > page)) {
        breaks.push(row);
        used = top = titles;
      }
    }
    if (used + height(row) > page && used > top) used = top = titles;
    used += height(row);
  }
  return breaks;
}
