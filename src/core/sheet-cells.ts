import { formatDate, isDateFormat, isDateSerial, isMonthOnlyFormat, monthName, parseIso, serialToIso } from './cells';
import { isKnownHeading } from './columns';
import { isPlainText, NOT_PLAIN, oneLine, stripMarkup } from './markup';
import { MAYBE_FLAGGED } from './placeholder';
import { cellAt, formatAt, sheetRight, type CellValue, type SheetSnapshot } from './snapshot';

/**
 * What a cell of a plan shows: its value, its number format and its text as the officer sees it
 * (a date cell in its format's sense, markup removed).
 */

export interface Cell {
  value: CellValue;
  format: string;
  /** As shown, markup removed. */
  text: string;
  markup: boolean;
  /** The text on one line: worked out when first asked for. */
  line: string | undefined;
}

/** Every cell gets the same shape, the lazy field included, so that reading them stays fast. */
function newCell(value: CellValue, format: string, text: string, markup: boolean, line?: string): Cell {
  return { value, format, text, markup, line };
}

/**
 * In the cache of a sheet's cells: a plain text (tidy, on one line, no markup), the usual cell.
 * Its Cell is made afresh when asked for, from the value alone: a cheap object that is soon gone,
 * where keeping one for every cell of a large plan would cost more to hold than to make.
 */
const PLAIN = 1;
/** A plain text with the marks of a placeholder or an Excel error (MAYBE_FLAGGED): "TBC", "EXEC?". */
const PLAIN_FLAGGED = 2;
type Plain = typeof PLAIN | typeof PLAIN_FLAGGED;
/**
 * A text that is not plain, or has the marks MAYBE_FLAGGED looks for. Every text cell is asked
 * both, and most answer no to both: one search of the text says so.
 */
const NOT_PLAIN_OR_FLAGGED = new RegExp(`${NOT_PLAIN.source}|${MAYBE_FLAGGED.source}`, 'i');

export const EMPTY: Cell = newCell(null, 'General', '', false);

/** A date cell's text in the sense its format gives it: "Jun 2016" for "mmm-yy", else "30 Jun 2016". */
function dateText(serial: number, format: string): string {
  const iso = serialToIso(serial);
  if (isMonthOnlyFormat(format)) {
    const { year, month } = parseIso(iso);
    return `${monthName(month)} ${year}`;
  }
  return formatDate(iso);
}

/** A sheet's cells as read. Cells are read several times (headings, sections, continuations): each is read once per snapshot. */
export class SheetCells {
  /** Row by row, one slot per column of the used range. */
  private readonly read: (Cell | Plain | undefined)[];
  private readonly width: number;
  /** Whether each row has a known heading in some cell: 0 not yet looked at, then NO or YES. */
  private readonly headingRows: Uint8Array;

  constructor(readonly sheet: SheetSnapshot) {
    this.width = Math.max(0, sheetRight(sheet) - sheet.left + 1);
    this.read = new Array<Cell | Plain | undefined>(this.width * sheet.values.length);
    this.headingRows = new Uint8Array(sheet.values.length);
  }

  at(row: number, col: number): Cell {
    const cell = this.peek(row, col);
    return typeof cell === 'string' ? newCell(cell, 'General', cell, false, cell) : cell;
  }

  /** A cell as read, or for a plain text cell its text alone (value, text and line in one). */
  peek(row: number, col: number): Cell | string {
    const r = row - this.sheet.top;
    const c = col - this.sheet.left;
    // Outside the used range every cell is empty.
    if (r < 0 || c < 0 || r >= this.sheet.values.length || c >= this.width) return EMPTY;
    return this.peekAt(r, c);
  }

  /** Whether a cell held markup (at(row, col).markup), without making a Cell for it. */
  markupAt(row: number, col: number): boolean {
    return hasMarkup(this.peek(row, col));
  }

  /** A cell's text as shown (at(row, col).text), without making a Cell for it. */
  textAt(row: number, col: number): string {
    return textOf(this.peek(row, col));
  }

  /**
   * Whether any text cell of the row is a known heading. A header row needs one, and every row is
   * asked (when looking for plans, and again inside each plan), so the answer is kept per row.
   */
  namesKnownHeading(row: number): boolean {
    const r = row - this.sheet.top;
    if (r < 0 || r >= this.sheet.values.length) return false;
    if (this.headingRows[r] === 0) {
      let known = false;
      for (let c = 0; c < this.width && !known; c++) {
        if (typeof this.sheet.values[r][c] !== 'string') continue;
        const text = textOf(this.peekAt(r, c));
        known = text !== '' && isKnownHeading(text);
      }
      this.headingRows[r] = known ? YES : NO;
    }
    return this.headingRows[r] === YES;
  }

  /** Whether a cell's text has the marks of a placeholder or an Excel error (MAYBE_FLAGGED). */
  flaggedAt(row: number, col: number): boolean {
    const r = row - this.sheet.top;
    const c = col - this.sheet.left;
    if (r < 0 || c < 0 || r >= this.sheet.values.length || c >= this.width) return false;
    const read = this.readAt(r, c);
    if (typeof read === 'number') return read === PLAIN_FLAGGED;
    // Texts with markup, and numbers shown as text: few cells, looked at again.
    return read.text !== '' && MAYBE_FLAGGED.test(read.text);
  }

  /** peek by place in the used range. */
  private peekAt(r: number, c: number): Cell | string {
    const read = this.readAt(r, c);
    return typeof read === 'number' ? (this.sheet.values[r][c] as string) : read;
  }

  private readAt(r: number, c: number): Cell | Plain {
    const i = r * this.width + c;
    let read = this.read[i];
    if (read === undefined) this.read[i] = read = readCellOnce(this.sheet, r + this.sheet.top, c + this.sheet.left);
    return read;
  }
}

const NO = 1;
const YES = 2;

const sheetCells = new WeakMap<SheetSnapshot, SheetCells>();

export function cellsOf(sheet: SheetSnapshot): SheetCells {
  let cells = sheetCells.get(sheet);
  if (!cells) sheetCells.set(sheet, (cells = new SheetCells(sheet)));
  return cells;
}

/** A cell's text on one line; a plain text cell (see SheetCells.peek) is its own. */
export function lineOf(cell: Cell | string): string {
  return typeof cell === 'string' ? cell : (cell.line ??= oneLine(cell.text));
}

/** A cell's text as shown, for a cell as peek gives it. */
export function textOf(cell: Cell | string): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** Whether a cell, as peek gives it, held markup; a plain text cell never does. */
export function hasMarkup(cell: Cell | string): boolean {
  return typeof cell !== 'string' && cell.markup;
}

function readCellOnce(sheet: SheetSnapshot, row: number, col: number): Cell | Plain {
  const value = cellAt(sheet, row, col);
  if (typeof value === 'string') {
    // A text's reading never depends on its number format; most texts need nothing done.
    if (!NOT_PLAIN_OR_FLAGGED.test(value)) return PLAIN;
    if (isPlainText(value)) return PLAIN_FLAGGED;
    const s = stripMarkup(value);
    if (s.text === value && !s.hadMarkup && !value.includes('\n')) return MAYBE_FLAGGED.test(value) ? PLAIN_FLAGGED : PLAIN;
    const text = s.text.trim();
    return newCell(value, 'General', text, s.hadMarkup && text !== '');
  }
  const format = formatAt(sheet, row, col);
  if (typeof value === 'number') return newCell(value, format, isDateFormat(format) && isDateSerial(value) ? dateText(value, format) : String(value), false);
  if (typeof value === 'boolean') return newCell(value, format, value ? 'TRUE' : 'FALSE', false);
  return EMPTY;
}
