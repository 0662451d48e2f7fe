import { formatDate, isDateFormat, isDateSerial, isMonthOnlyFormat, monthName, parseIso, serialToIso } from './cells';
import { oneLine, stripMarkup } from './markup';
import { cellAt, formatAt, type CellValue, type SheetSnapshot } from './snapshot';

/**
 * What a cell of a plan shows the officer: its text as Excel shows it (a date in the sense its
 * number format gives it), without the web markup some plans carry ("<b>Update Dec 15</b>").
 * Every other part of the reader asks here rather than looking at values itself.
 */

export interface Cell {
  value: CellValue;
  format: string;
  /** As shown, markup removed. */
  text: string;
  /** The cell held markup (<p>, <b>, &amp;…) that its text is shown without. */
  markup: boolean;
}

export const EMPTY_CELL: Cell = { value: null, format: 'General', text: '', markup: false };

/** A date cell's text in the sense its format gives it: "Jun 2016" for "mmm-yy", else "30 Jun 2016". */
function dateText(serial: number, format: string): string {
  const iso = serialToIso(serial);
  if (isMonthOnlyFormat(format)) {
    const { year, month } = parseIso(iso);
    return `${monthName(month)} ${year}`;
  }
  return formatDate(iso);
}

/** The cell at a row and column of a sheet, as the officer sees it. */
export function readCell(sheet: SheetSnapshot, row: number, col: number): Cell {
  const value = cellAt(sheet, row, col);
  if (typeof value === 'string') {
    // A text's reading never depends on its number format.
    const { text, hadMarkup } = stripMarkup(value);
    return { value, format: 'General', text, markup: hadMarkup && text !== '' };
  }
  const format = formatAt(sheet, row, col);
  if (typeof value === 'number') return { value, format, text: isDateFormat(format) && isDateSerial(value) ? dateText(value, format) : String(value), markup: false };
  if (typeof value === 'boolean') return { value, format, text: value ? 'TRUE' : 'FALSE', markup: false };
  return EMPTY_CELL;
}

/** A cell's text as shown. */
export function cellText(sheet: SheetSnapshot, row: number, col: number): string {
  return readCell(sheet, row, col).text;
}

/** A cell's text on one line, for headings and titles whose line breaks carry no meaning. */
export function cellLine(sheet: SheetSnapshot, row: number, col: number): string {
  return oneLine(cellText(sheet, row, col));
}
