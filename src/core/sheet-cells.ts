import { formatDate, isDateFormat, isDateSerial, isMonthOnlyFormat, monthName, parseIso, serialToIso } from './cells';
import { oneLine, stripMarkup } from './markup';
import { sheetBottom, sheetRight, type CellValue, type SheetSnapshot } from './snapshot';

/**
 * What a cell of a plan shows the officer: its text as Excel shows it (a date in the sense its
 * number format gives it), without the web markup some plans carry ("<b>Update Dec 15</b>").
 * The reader sees a sheet this way, worked out once per read (showSheet); every other part of it
 * asks here rather than looking at values itself.
 */

export interface Cell {
  value: CellValue;
  format: string;
  /** As shown, markup removed. */
  text: string;
  /** The cell held markup (<p>, <b>, &amp;…) that its text is shown without. */
  markup: boolean;
}

export const EMPTY_CELL: Cell = Object.freeze({ value: null, format: 'General', text: '', markup: false });

/** A sheet as the officer sees it: every cell of its used range as shown. */
export interface ShownSheet {
  name: string;
  top: number;
  left: number;
  /** The last row and column of the used range (0 when the sheet is empty). */
  bottom: number;
  right: number;
  /** Row by row from `top`, column by column from `left`. */
  cells: Cell[][];
}

/** A date cell's text in the sense its format gives it: "Jun 2016" for "mmm-yy", else "30 Jun 2016". */
function dateText(serial: number, format: string): string {
  const iso = serialToIso(serial);
  if (isMonthOnlyFormat(format)) {
    const { year, month } = parseIso(iso);
    return `${monthName(month)} ${year}`;
  }
  return formatDate(iso);
}

/** A number in a percentage format as Excel shows it: 0.5 in "0%" shows "50%", 0.125 in "0.0%" shows "12.5%". */
function percentText(value: number, format: string): string {
  const decimals = /\.(0+)\s*%/.exec(format)?.[1].length ?? 0;
  return `${(value * 100).toFixed(decimals)}%`;
}

/** A cell's value and number format as the officer sees them. */
function shownCell(value: CellValue | undefined, format: string): Cell {
  if (typeof value === 'string') {
    // A text's reading never depends on its number format.
    const { text, hadMarkup } = stripMarkup(value);
    return { value, format: 'General', text, markup: hadMarkup && text !== '' };
  }
  if (typeof value === 'number') {
    if (isDateFormat(format) && isDateSerial(value)) return { value, format, text: dateText(value, format), markup: false };
    return { value, format, text: /%/.test(format.replace(/"[^"]*"/g, '')) && Number.isFinite(value) ? percentText(value, format) : String(value), markup: false };
  }
  if (typeof value === 'boolean') return { value, format, text: value ? 'TRUE' : 'FALSE', markup: false };
  return EMPTY_CELL;
}

/** The sheet as the officer sees it, each cell read once. */
export function showSheet(sheet: SheetSnapshot): ShownSheet {
  const right = sheetRight(sheet);
  const width = Math.max(0, right - sheet.left + 1);
  // A text repeated down a sheet (one shared string in many cells) is shown the same way each time: read it once.
  const texts = new Map<string, Cell>();
  const shown = (value: CellValue | undefined, format: string): Cell => {
    if (typeof value !== 'string') return shownCell(value, format);
    let cell = texts.get(value);
    if (!cell) texts.set(value, (cell = shownCell(value, format)));
    return cell;
  };
  return {
    name: sheet.name,
    top: sheet.top,
    left: sheet.left,
    bottom: sheetBottom(sheet),
    right,
    // A row ends at its last value: a sheet with one stray value in XFD1048576 stays small.
    cells: sheet.values.map((values, r) => Array.from({ length: Math.min(width, values.length) }, (_, c) => shown(values[c], sheet.numberFormats[r]?.[c] || 'General'))),
  };
}

/** The cell at a row and column, as shown; empty outside the used range. */
export function readCell(sheet: ShownSheet, row: number, col: number): Cell {
  if (row < sheet.top || col < sheet.left) return EMPTY_CELL;
  return sheet.cells[row - sheet.top]?.[col - sheet.left] ?? EMPTY_CELL;
}

/**
 * The last column of a row that holds a cell (a row's cells end at its last value), before `left`
 * when it has none. Loops across a row stop here: a stray value in column XFD makes the used range
 * 16,384 columns wide, but each row only as wide as its own cells.
 */
export function lastColumn(sheet: ShownSheet, row: number): number {
  return sheet.left + (sheet.cells[row - sheet.top]?.length ?? 0) - 1;
}

/** A cell's text as shown. */
export function cellText(sheet: ShownSheet, row: number, col: number): string {
  return readCell(sheet, row, col).text;
}

/** A cell's text on one line, for headings and titles whose line breaks carry no meaning. */
export function cellLine(sheet: ShownSheet, row: number, col: number): string {
  return oneLine(cellText(sheet, row, col));
}
