import { a1, columnLetter, formatDate, isDateFormat, isDateSerial, isMonthOnlyFormat, monthName, parseIso, quoteSheet, serialToIso, sheetAddress } from './cells';
import { FIELD_LABELS, headerCells, isHeaderRow, isKnownHeading, mapColumns, normaliseHeader, ownedHeaderKind, sameLayout, type ColumnMap, type HeaderCell } from './columns';
import { isPlainText, NOT_PLAIN, oneLine, stripMarkup } from './markup';
import { MAYBE_FLAGGED } from './placeholder';
import { EXPECTED_FIELDS, FIELDS, REQUIRED_FIELDS, type Action, type Field, type Finding, type Plan, type PlanPeriod, type Priority, type Progress, type Timescale } from './model';
import { parseProgress, parseProgressText } from './progress';
import { presetScheme, recogniseRating } from './schemes';
import type { Settings } from './settings';
import { cellAt, formatAt, sheetBottom, sheetRight, type CellValue, type SheetSnapshot, type TableSnapshot, type WorkbookSnapshot } from './snapshot';
import { parseTimescale } from './timescale';
import { isStateSheet } from './state';

/**
 * Finds the plans in a workbook snapshot and reads their actions.
 *
 * A plan is an Excel table whose headings name plan fields, or a plain range under such a header
 * row within the first 30 rows of a sheet. Boards lay plans out in a few recurring ways, read here
 * as follows:
 *
 * - Stacked sections: a section row ("Priority 2a: To be assured …", "Key Priority 1", "Strategic
 *   Priority (1) …", or a row with text in a single cell of the ref or an unnamed column) starts a
 *   priority; a repeated header row under it is skipped. A section row that only gives a number
 *   ("Key Priority 1") takes the single-text row under it as the rest of its title.
 * - Continuation rows, read the way a board officer reads them:
 *   - a row with a blank ref (or Issue) cell but its own action text is a separate action, under the
 *     same priority, with no ref of its own (it does not inherit the item's number, so numbering
 *     checks never report it as a duplicate);
 *   - a row with neither ref nor action text but other cells filled adds its timescale, progress,
 *     lead and outcome to the action above (that action's lastRow grows);
 *   - a row with only text in the ref column, followed by such ref-less actions, is a heading for
 *     them, not an action.
 * - Refs: the ref column's text; an Issue-style cell that starts with a number ("4. Gather assurance
 *   …") gives the number as the ref and, when the action cell is blank, its text as the action; else
 *   a numeric ref at the start of the action text ("1.1.1 To develop …").
 * - Priorities come from a priority column, else section rows, else a sheet or table name such as
 *   "Priority 2", else the first part of a two-level ref ("2a.1" → "2a").
 *
 * Hidden sheets, BoardPlan's own sheets and the sheets in skipSheets are not read.
 */

export interface ReadPlansOptions {
  planPeriod: PlanPeriod;
  /** Column overrides keyed by plan id. */
  columns?: Settings['columns'];
  /** BoardPlan's own sheets (its state sheet is always skipped). */
  skipSheets?: string[];
}

export interface ReadPlansResult {
  plans: Plan[];
  findings: Finding[];
}

/** A new plan's header row must be within this many rows of the top of the sheet. */
export const HEADER_SEARCH_ROWS = 30;
/** How far above a header row a title or section row is looked for. */
const TITLE_SEARCH_ROWS = 10;

const BRAG = presetScheme('brag')!;

// ---- cells ------------------------------------------------------------------------------------

interface Cell {
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

const EMPTY: Cell = newCell(null, 'General', '', false);

/** A date cell's text in the sense its format gives it: "Jun 2016" for "mmm-yy", else "30 Jun 2016". */
function dateText(serial: number, format: string): string {
  const iso = serialToIso(serial);
  if (isMonthOnlyFormat(format)) {
    const { year, month } = parseIso(iso);
    return `${monthName(month)} ${year}`;
  }
  return formatDate(iso);
}

/** Used ranges up to this many cells keep what was read in an array; a vast one (a stray value in XFD1048576) in a map. */
const SLOTS = 4_000_000;

/** A sheet's cells as read. Cells are read several times (headings, sections, continuations): each is read once per snapshot. */
class SheetCells {
  /** Row by row, one slot per column of the used range; for a vast range, only the cells read. */
  private readonly read: (Cell | Plain | undefined)[] | Map<number, Cell | Plain>;
  private readonly width: number;
  /** Whether each row has a known heading in some cell: 0 not yet looked at, then NO or YES. */
  private readonly headingRows: Uint8Array;

  constructor(readonly sheet: SheetSnapshot) {
    this.width = Math.max(0, sheetRight(sheet) - sheet.left + 1);
    const area = this.width * sheet.values.length;
    this.read = area <= SLOTS ? new Array<Cell | Plain | undefined>(area) : new Map();
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
      // A row's array ends at its last value (a vast sheet's rows are given short).
      const values = this.sheet.values[r];
      for (let c = 0; c < values.length && !known; c++) {
        if (typeof values[c] !== 'string') continue;
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
    let read = Array.isArray(this.read) ? this.read[i] : this.read.get(i);
    if (read === undefined) {
      read = readCellOnce(this.sheet, r + this.sheet.top, c + this.sheet.left);
      if (Array.isArray(this.read)) this.read[i] = read;
      else if (read !== EMPTY) this.read.set(i, read);
    }
    return read;
  }
}

const NO = 1;
const YES = 2;

const sheetCells = new WeakMap<SheetSnapshot, SheetCells>();

function cellsOf(sheet: SheetSnapshot): SheetCells {
  let cells = sheetCells.get(sheet);
  if (!cells) sheetCells.set(sheet, (cells = new SheetCells(sheet)));
  return cells;
}

/** A cell's text on one line; a plain text cell (see SheetCells.peek) is its own. */
function lineOf(cell: Cell | string): string {
  return typeof cell === 'string' ? cell : (cell.line ??= oneLine(cell.text));
}

/** A cell's text as shown, for a cell as peek gives it. */
function textOf(cell: Cell | string): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** Whether a cell, as peek gives it, held markup; a plain text cell never does. */
function hasMarkup(cell: Cell | string): boolean {
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

/** Header texts of a row from column 1 to `right`, one line each; dates and numbers are not headings. */
function headerTexts(cells: SheetCells, row: number, right: number, skip?: (col: number) => boolean): string[] {
  const texts: string[] = [];
  for (let col = 1; col <= right; col++) {
    const c = cells.at(row, col);
    texts.push(typeof c.value === 'string' && !skip?.(col) ? lineOf(c) : '');
  }
  return texts;
}

/**
 * Whether a row is a header row (see isHeaderRow). Every row of a sheet is asked, and most are
 * data: a header row needs three headings, one of them a known heading, and each row answers
 * whether it has one once per snapshot, so data rows are turned away before anything else.
 */
function isHeaderRowAt(cells: SheetCells, row: number, right: number, skip?: (col: number) => boolean): boolean {
  if (!cells.namesKnownHeading(row)) return false;
  let headings = 0;
  let known = false;
  for (let col = 1; col <= right; col++) {
    const c = cells.at(row, col);
    // The text is trimmed, and whitespace folds away in a heading's key: no need for its one-line form.
    if (typeof c.value !== 'string' || !c.text || skip?.(col)) continue;
    headings++;
    known ||= isKnownHeading(c.text);
  }
  return headings >= 3 && known && isHeaderRow(headerTexts(cells, row, right, skip));
}

// ---- refs -------------------------------------------------------------------------------------

const NUMERIC_REF = /^(\d{1,3}[a-z]?(?:\s*\.\s*\d{1,3}[a-z]?)*)\.?$/i;
/** A short code without spaces that contains a digit: "A1", "S5", "CP-04". */
const CODE_REF = /^(?=[^\s]*\d)[a-z0-9][a-z0-9.\-/]{0,11}$/i;
/** "1.1.1 To develop…", "2a. 1 Develop…": two levels or more need no punctuation after them. */
const LEADING_MULTI = /^(\d{1,3}[a-z]?(?:\s*\.\s*\d{1,3}[a-z]?)+)\.?\s+(\S[\s\S]*)$/i;
/** "4. Gather assurance…", "4) Gather…": a single number needs its full stop or bracket. */
const LEADING_SINGLE = /^(\d{1,3}[a-z]?)\s*[.)]\s+(\S[\s\S]*)$/i;

const SPACES = /\s+/g;
const TRAILING_DOTS = /\.+$/;
/** Most refs are tidy already ("2a.1"): one look says so. */
const UNTIDY_REF = /\s|\.$/;

/** "2a. 1" → "2a.1", "4." → "4": the ref as shown. */
export function tidyRef(ref: string): string {
  return UNTIDY_REF.test(ref) ? ref.replace(SPACES, '').replace(TRAILING_DOTS, '') : ref;
}

/** The ref as compared: tidy and lower-case, so "2A. 1" and "2a.1" are the same. */
export function refKey(ref: string): string {
  return tidyRef(ref).toLowerCase();
}

/** A numeric ref at the start of a text, and the text after it. */
export function leadingRef(text: string): { ref: string; rest: string } | null {
  const m = LEADING_MULTI.exec(text) ?? LEADING_SINGLE.exec(text);
  return m ? { ref: tidyRef(m[1]), rest: m[2].trim() } : null;
}

/** What a ref (or Issue) cell holds: a ref, an item title, or both ("4. Gather assurance …"). */
export function parseRefCell(text: string): { ref: string | null; title: string } {
  const t = text.trim();
  if (NUMERIC_REF.test(t) || CODE_REF.test(t)) return { ref: tidyRef(t), title: '' };
  const lead = leadingRef(t);
  if (lead) return { ref: lead.ref, title: lead.rest };
  return { ref: null, title: t };
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAsciiLetter = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/**
 * The priority a two-level numeric ref names: "2a.1" → "2a", "3.4" → "3"; null for "4" or "A1".
 * Up to three digits and a letter, then a dot and a digit: read by character, as every ref is asked.
 */
export function refPriority(ref: string): string | null {
  const t = tidyRef(ref);
  let i = 0;
  while (i < 3 && isDigit(t.charCodeAt(i))) i++;
  if (i === 0) return null;
  if (isAsciiLetter(t.charCodeAt(i))) i++;
  return t.charCodeAt(i) === 0x2e && isDigit(t.charCodeAt(i + 1)) ? t.slice(0, i).toLowerCase() : null;
}

// ---- priorities -------------------------------------------------------------------------------

/** Words before "Priority" in a section row ("Key Priority 1"), and the words that stand for it ("Theme 2"). */
const PRIORITY_QUALIFIERS = ['key', 'strategic', 'business', 'board'];
const PRIORITY_SYNONYMS = ['theme', 'workstream', 'strand'];
const SECTION = new RegExp(
  String.raw`^(?:(?:${PRIORITY_QUALIFIERS.join('|')})\s+)?priorit(?:y|ies)\s*(?:no\.?\s*)?\(?\s*(\d{1,2}[a-z]?)\b\s*\)?\s*[:.\-–—]?\s*([\s\S]*)$`,
  'i',
);
const THEME = new RegExp(String.raw`^(?:${PRIORITY_SYNONYMS.join('|')})\s*\(?\s*(\d{1,2}[a-z]?)\b\s*\)?\s*[:.\-–—]?\s*([\s\S]*)$`, 'i');
const LEADING_NUMBER = /^(\d{1,2}[a-z]?)(?:\s*[.):\-–]\s*|\s+|$)([\s\S]*)$/i;

/** The letters a section row's text can start with, lower-case: the first letters of the words above. */
const SECTION_INITIALS = new Set([...PRIORITY_QUALIFIERS, 'priority', ...PRIORITY_SYNONYMS].map((w) => w.charCodeAt(0)));

/** A section row's text as a priority: "Priority 2a: …" → id "2a". Null when it is not one. */
export function sectionHeading(text: string): { id: string; rest: string } | null {
  const t = text.trim();
  // Every row of a plan is asked, and most start with a ref or an action: one letter turns them away.
  if (!SECTION_INITIALS.has(t.charCodeAt(0) | 0x20)) return null;
  const m = SECTION.exec(t) ?? THEME.exec(t);
  return m ? { id: m[1].toLowerCase(), rest: m[2].trim() } : null;
}

/** A short id for a title that has no number: its first words, lower-case, joined by dashes. */
export function slug(text: string): string {
  const words = normaliseHeader(text).split(' ').filter(Boolean).slice(0, 5);
  return words.join('-').slice(0, 40).replace(/-+$/, '') || 'priority';
}

/** A priority from a section row or a priority cell: its number if it has one, else a slug. */
export function priorityFrom(text: string): { id: string; title: string } {
  const t = oneLine(text);
  const heading = sectionHeading(t);
  if (heading) return { id: heading.id, title: t };
  // "<p>3</p> <p>LSCB IDENTIFIED PRIORITIES …</p>" or "1. Early help": the number is the id.
  const m = LEADING_NUMBER.exec(t);
  if (m) return { id: m[1].toLowerCase(), title: m[2].trim() || t };
  return { id: slug(t), title: t };
}

// ---- finding plans ----------------------------------------------------------------------------

interface Region {
  id: string;
  table: string | null;
  headerRow: number;
  firstCol: number;
  lastCol: number;
  /** Last row that may belong to the plan. */
  rowsTo: number;
  columns: ColumnMap;
  owned: Plan['owned'];
  ownedCols: Set<number>;
}

/**
 * BoardPlan's columns headed on a plan's header row, from the plan's first column: the first
 * proposed and reason columns not `taken` by a plan to the left on the same row are the plan's
 * own, and every column headed as BoardPlan's is no heading of the plan.
 */
function ownedOnRow(sheet: SheetSnapshot, row: number, fromCol: number, taken?: ReadonlySet<number>): { owned: Plan['owned']; cols: Set<number> } {
  const owned: Plan['owned'] = { proposed: null, reason: null };
  const cols = new Set<number>();
  const right = sheetRight(sheet);
  for (let col = fromCol; col <= right; col++) {
    const v = cellAt(sheet, row, col);
    const kind = typeof v === 'string' ? ownedHeaderKind(v) : null;
    if (!kind) continue;
    cols.add(col);
    if (owned[kind] === null && !taken?.has(col)) owned[kind] = col;
  }
  return { owned, cols };
}

/**
 * Plans side by side on one header row (two tables, or a table and a range) each own the pair of
 * BoardPlan's columns it was given, in order from the left: the first plan takes the first pair,
 * the next plan the next, however the pairs lie among the plans' columns. `regions` are in order
 * of header row, then first column.
 */
function shareOwnedColumns(sheet: SheetSnapshot, regions: Region[]): void {
  const taken = new Set<number>();
  regions.forEach((r, i) => {
    // The first plan on a row keeps the first pair, as ownedOnRow found it.
    if (i === 0 || regions[i - 1].headerRow !== r.headerRow) taken.clear();
    else r.owned = ownedOnRow(sheet, r.headerRow, r.firstCol, taken).owned;
    for (const col of [r.owned.proposed, r.owned.reason]) if (col !== null) taken.add(col);
  });
}

function tableRegion(sheet: SheetSnapshot, t: TableSnapshot, overrides: Settings['columns']): Region | null {
  if (!t.showHeaders) return null;
  const id = `${sheet.name}!${t.name}`;
  const { owned, cols: ownedCols } = ownedOnRow(sheet, t.top, t.left);
  const texts = headerTexts(cellsOf(sheet), t.top, t.right, (col) => col < t.left || ownedCols.has(col));
  const override = overrides[id];
  if (!override && !isHeaderRow(texts)) return null;
  const userCols = headerCells(texts).map((h) => h.col);
  return {
    id,
    table: t.name,
    headerRow: t.top,
    firstCol: t.left,
    lastCol: Math.max(t.left, ...userCols),
    rowsTo: t.bottom,
    columns: mapColumns(headerCells(texts), override),
    owned,
    ownedCols,
  };
}

function plainRegions(sheet: SheetSnapshot, tables: TableSnapshot[], overrides: Settings['columns']): Region[] {
  const cells = cellsOf(sheet);
  const right = sheetRight(sheet);
  const bottom = sheetBottom(sheet);
  const inTable = (row: number, col: number) => tables.some((t) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right);
  // An override keyed "Sheet!A5" makes row 5 a header row even when its headings are not recognised.
  const overrideAt = new Map<number, number>();
  for (const id of Object.keys(overrides)) {
    if (!id.startsWith(`${sheet.name}!`)) continue;
    const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(id.slice(sheet.name.length + 1));
    if (m) overrideAt.set(Number(m[2]), m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0));
  }

  const regions: Region[] = [];
  let current: Region | null = null;
  for (let row = sheet.top; row <= bottom; row++) {
    const forcedCol = overrideAt.get(row);
    if (forcedCol === undefined) {
      // Below the first rows only a plan already found goes on: no new plan starts there.
      if (!current && row > HEADER_SEARCH_ROWS) continue;
      // Most rows name no known heading: they are turned away before anything is made for them.
      if (!cells.namesKnownHeading(row)) continue;
    }
    // BoardPlan's ratings and reasons beside the plan above make no header row, though a heading
    // the officer typed in those columns (the next plan's) still counts.
    const ownedAbove = current?.ownedCols.size ? current.ownedCols : null;
    const ours = (col: number) => ownedAbove !== null && ownedAbove.has(col) && !isKnownHeading(cells.textAt(row, col));
    const skip = tables.length || ownedAbove ? (col: number) => inTable(row, col) || ours(col) : undefined;
    if (forcedCol === undefined && !isHeaderRowAt(cells, row, right, skip)) continue;
    const headings = headerCells(headerTexts(cells, row, right, skip));
    if (!headings.length && forcedCol === undefined) continue;
    const firstCol = forcedCol ?? headings[0].col;
    const { owned, cols: ownedCols } = ownedOnRow(sheet, row, firstCol);
    const userCells: HeaderCell[] = headings.filter((h) => h.col >= firstCol && !ownedCols.has(h.col));
    const id = `${sheet.name}!${a1(row, firstCol)}`;
    const columns = mapColumns(userCells, overrides[id]);
    // The same headings again further down (one header row per priority block) belong to the plan above.
    if (current && forcedCol === undefined && sameLayout(current.columns, columns)) continue;
    if (current) current.rowsTo = row - 1;
    current = {
      id,
      table: null,
      headerRow: row,
      firstCol,
      lastCol: Math.max(firstCol, ...userCells.map((h) => h.col)),
      rowsTo: bottom,
      columns,
      owned,
      ownedCols,
    };
    regions.push(current);
  }
  // A plain plan stops where a table starts below it.
  for (const r of regions) {
    for (const t of tables) {
      if (t.top > r.headerRow && t.top <= r.rowsTo && t.left <= r.lastCol && t.right >= r.firstCol) r.rowsTo = t.top - 1;
    }
  }
  return regions;
}

// ---- reading a plan ---------------------------------------------------------------------------

/**
 * The A1 address of each field's cell on an action's first row, spelt out when asked for: a plan
 * of thousands of actions asks for a few (those with findings), and holding every address as a
 * string would take most of the memory an action needs.
 */
class RowCells {
  constructor(
    private readonly letters: Partial<Record<Field, string>>,
    private readonly row: number,
  ) {}

  /** The address of a field's cell, or undefined when the plan has no such column. */
  address(field: Field): string | undefined {
    const letter = this.letters[field];
    return letter && letter + this.row;
  }
}

// Read like a record of addresses: one getter per field, from the one list of fields.
interface RowCells extends Partial<Record<Field, string>> {}
for (const field of FIELDS) {
  Object.defineProperty(RowCells.prototype, field, {
    get(this: RowCells) {
      return this.address(field);
    },
  });
}

/** What an action takes from the cells of its row or rows, beyond its draft. */
type ActionFields = Pick<Action, 'timescale' | 'progress' | 'outcome' | 'lead' | 'agreedRag' | 'statusText' | 'maybeFlagged'>;

// A ReadAction has the fields of an Action, as the interface gives them, less its cells.
interface ReadAction extends Omit<Action, 'cells'> {}

/**
 * An action as the reader makes it. Its cells' addresses (RowCells) are made when asked for, from
 * the plan's column letters and the action's row, and not kept: most actions are never asked.
 */
class ReadAction implements Action {
  constructor(
    sheet: string,
    d: Draft,
    fields: ActionFields,
    markup: Field[],
    private readonly letters: Partial<Record<Field, string>>,
  ) {
    this.sheet = sheet;
    this.row = d.row;
    this.lastRow = d.lastRow;
    this.ref = d.ref;
    this.refSource = d.refSource;
    this.priority = d.priority;
    this.action = d.action;
    this.outcome = fields.outcome;
    this.lead = fields.lead;
    this.timescale = fields.timescale;
    this.progress = fields.progress;
    this.agreedRag = fields.agreedRag;
    this.statusText = fields.statusText;
    this.markup = markup;
    this.maybeFlagged = fields.maybeFlagged;
  }

  get cells(): Partial<Record<Field, string>> {
    return new RowCells(this.letters, this.row);
  }
}

interface Draft {
  row: number;
  lastRow: number;
  ref: string | null;
  refSource: Action['refSource'];
  priority: string | null;
  action: string;
  /**
   * The cells of each continued field, over the action's rows; null while the action has one row
   * (most have), whose cells are then read where they are.
   */
  parts: Record<Continued, Cell[] | null> | null;
  /** Fields with markup in their ref and action cells. */
  markup: Field[] | null;
}

/** Shared by every action without markup, or without the marks of a placeholder; never changed. */
const NO_FIELDS: Field[] = Object.freeze([]) as unknown as Field[];
/** Shared by every action with markup, or such marks, in one field only; never changed. */
const ONLY_FIELD = Object.fromEntries(FIELDS.map((f) => [f, Object.freeze([f]) as unknown as Field[]])) as Record<Field, Field[]>;

/** The texts of a field's cells over an action's rows, joined. */
function joinTexts(cells: Cell[] | null, separator: string): string {
  if (!cells) return '';
  // Most fields have one cell: its text is the whole text.
  if (cells.length === 1) return cells[0].text;
  return cells.map((c) => c.text).join(separator);
}

/** Fields whose cells a continuation row can add to. */
const CONTINUED = ['outcome', 'lead', 'timescale', 'progress', 'rag', 'status'] as const;
type Continued = (typeof CONTINUED)[number];

/**
 * How many texts of each field a FieldParser remembers. A plan's repeated texts are found again
 * all the same, and a large plan's one-off notes do not fill a table of tens of thousands, slower
 * to search than a small one.
 */
const REMEMBERED_TEXTS = 4096;

/** Remembers a text's reading in a cache of at most REMEMBERED_TEXTS, starting it afresh when full. */
function remember<T>(cache: Map<string, T>, text: string, parsed: T): T {
  if (cache.size >= REMEMBERED_TEXTS) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/**
 * Parses timescales and progress notes for one read. Real plans repeat their texts ("Quarterly",
 * "Not due", "On going"), so each distinct text is parsed once and its result shared by the
 * actions that hold it: parsed fields are read-only.
 */
class FieldParser {
  private readonly timescales = new Map<string, Timescale>();
  private readonly notes = new Map<string, Progress>();

  constructor(private readonly period: PlanPeriod) {}

  timescale(value: CellValue, format: string): Timescale {
    // A text's reading does not depend on its number format; a number's does.
    if (typeof value !== 'string') return parseTimescale(value, format, this.period);
    return this.timescales.get(value) ?? remember(this.timescales, value, parseTimescale(value, format, this.period));
  }

  /** A timescale in one cell, as peek gives it: a plain text, or a cell as read. */
  timescaleOf(cell: Cell | string): Timescale {
    if (typeof cell === 'string') return this.timescale(cell || null, 'General');
    return cell.text ? this.timescale(cell.value, cell.format) : this.timescale(null, 'General');
  }

  /**
   * A note in one cell, as peek gives it, read from the text the cell shows (markup already
   * stripped); a plain text cell shows its text as written.
   */
  progressOf(cell: Cell | string): Progress {
    if (typeof cell !== 'string' && typeof cell.value !== 'string') return parseProgress(cell.text ? cell.value : null, this.period);
    const written = typeof cell === 'string' ? cell : (cell.value as string);
    return (
      this.notes.get(written) ??
      remember(this.notes, written, typeof cell === 'string' ? parseProgressText(cell, false, this.period) : parseProgressText(cell.text, cell.markup, this.period))
    );
  }

  /** A note written over several cells, as one text. */
  progressOfText(text: string): Progress {
    return this.notes.get(text) ?? remember(this.notes, text, parseProgress(text, this.period));
  }
}

/** How many cells of a row are filled, and the first of them with its column. */
interface Filled {
  count: number;
  col: number;
  cell: Cell | string;
}

const NONE_FILLED: Filled = { count: 0, col: 0, cell: EMPTY };

class PlanReader {
  private readonly cols: ColumnMap;
  private readonly contentCols: number[];
  /** The plan's rows, less those of other tables inside its range. */
  private readonly rowList: number[] = [];
  /** Column letter of each field the plan has, for the actions' cell addresses. */
  private readonly letters: Partial<Record<Field, string>> = {};
  private readonly fieldAt = new Map<number, Field>();
  private readonly priorities = new Map<string, Priority & { declaredAt: number }>();
  private readonly actions: Action[] = [];
  /** The action last started, still open to continuation rows until the next one starts. */
  private open: Draft | null = null;
  private section: string | null = null;
  private columnPriority: string | null = null;
  private current: Draft | null = null;

  private readonly cells: SheetCells;
  /** Columns of the continued fields the plan has. */
  private readonly continuedCols: [Continued, number][] = [];
  /** Columns left of the plan and BoardPlan's own are no headings of it. */
  private readonly notHeading = (col: number): boolean => col < this.region.firstCol || this.region.ownedCols.has(col);

  constructor(
    private readonly sheet: SheetSnapshot,
    private readonly region: Region,
    private readonly parser: FieldParser,
    otherTables: TableSnapshot[],
    /** Whether a cell is one BoardPlan wrote beside a plan above on the sheet. */
    private readonly ownedCell: (row: number, col: number) => boolean,
  ) {
    this.cells = cellsOf(sheet);
    this.cols = { ...region.columns };
    this.contentCols = [];
    for (let col = region.firstCol; col <= region.lastCol; col++) if (!region.ownedCols.has(col)) this.contentCols.push(col);
    const { headerRow, rowsTo, firstCol, lastCol } = region;
    for (let row = headerRow + 1; row <= rowsTo; row++) {
      if (otherTables.length && otherTables.some((t) => row >= t.top && row <= t.bottom && t.left <= lastCol && t.right >= firstCol)) continue;
      this.rowList.push(row);
    }
    this.detectRagInProgress();
    for (const f of FIELDS) {
      const m = this.cols[f];
      if (m && !this.fieldAt.has(m.col)) this.fieldAt.set(m.col, f);
      if (m) this.letters[f] = columnLetter(m.col);
    }
    for (const f of CONTINUED) {
      const m = this.cols[f];
      if (m) this.continuedCols.push([f, m.col]);
    }
  }

  /** "Progress (RAG)" is also the RAG column when most of what it holds are ratings. */
  private detectRagInProgress(): void {
    const progress = this.cols.progress;
    if (this.cols.rag || !progress || !/\brag\b/.test(normaliseHeader(progress.header))) return;
    let filled = 0;
    let ratings = 0;
    for (const row of this.rowList) {
      const text = this.cells.textAt(row, progress.col);
      if (!text) continue;
      filled++;
      if (recogniseRating(BRAG, text)) ratings++;
    }
    if (filled > 0 && ratings / filled > 0.5) this.cols.rag = progress;
  }

  private cell(row: number, field: Field): Cell {
    const m = this.cols[field];
    return m ? this.cells.at(row, m.col) : EMPTY;
  }

  private peek(row: number, field: Field): Cell | string {
    const m = this.cols[field];
    return m ? this.cells.peek(row, m.col) : EMPTY;
  }

  private text(row: number, field: Field): string {
    const m = this.cols[field];
    return m ? this.cells.textAt(row, m.col) : '';
  }

  private filled(row: number): Filled {
    let count = 0;
    let first = 0;
    for (let i = 0; i < this.contentCols.length; i++) {
      const col = this.contentCols[i];
      if (this.cells.textAt(row, col) !== '' && count++ === 0) first = col;
    }
    return count ? { count, col: first, cell: this.cells.peek(row, first) } : NONE_FILLED;
  }

  private addPriority(id: string, title: string, source: Priority['source'], row: number): void {
    if (!this.priorities.has(id)) this.priorities.set(id, { id, title, sheet: this.sheet.name, source, declaredAt: row });
  }

  private isHeaderLike(row: number): boolean {
    return isHeaderRowAt(this.cells, row, this.region.lastCol, this.notHeading);
  }

  /** Index in rowList of the next non-blank row of the plan after rowList[i], or -1. */
  private nextRow(i: number): number {
    for (let j = i + 1; j < this.rowList.length; j++) if (this.filled(this.rowList[j]).count) return j;
    return -1;
  }

  /** A row (given by its filled cells) with one text in the ref or an unnamed column, that is neither an item nor a ref alone. */
  private isLoneTitle(filled: Filled): boolean {
    if (filled.count !== 1) return false;
    const field = this.fieldAt.get(filled.col) ?? null;
    if (field !== null && field !== 'ref') return false;
    return field === null || parseRefCell(textOf(filled.cell)).ref === null;
  }

  /** Whether the row is an action of its own with a blank ref: what follows an item heading. */
  private isRefLessAction(row: number): boolean {
    return this.cols.ref !== null && this.text(row, 'ref') === '' && this.text(row, 'action') !== '';
  }

  /** Priority from a title or section row above the header, or from the table or sheet name. */
  private startingPriority(): void {
    const { headerRow, firstCol } = this.region;
    const top = Math.max(this.sheet.top, headerRow - TITLE_SEARCH_ROWS);
    const right = Math.max(this.region.lastCol, sheetRight(this.sheet));
    for (let row = headerRow - 1; row >= top; row--) {
      const texts: string[] = [];
      for (let col = firstCol; col <= right; col++) {
        if (this.ownedCell(row, col)) continue;
        const t = this.cells.at(row, col).text;
        if (t) texts.push(t);
      }
      if (texts.length >= 3) break; // data or headings of something else
      if (!texts.length) continue;
      const heading = sectionHeading(oneLine(texts[0]));
      if (!heading) continue;
      let title = oneLine(texts[0]);
      if (!heading.rest && row + 1 < headerRow) {
        const below = this.cells.at(row + 1, firstCol).text;
        if (below && !sectionHeading(below)) title = `${title}: ${oneLine(below)}`;
      }
      this.addPriority(heading.id, title, 'section', row);
      this.section = heading.id;
      return;
    }
    const named = (this.region.table && sectionHeading(this.region.table.replace(/[_-]+/g, ' '))) || null;
    if (named) {
      this.addPriority(named.id, this.region.table!, 'table', headerRow);
      this.section = named.id;
      return;
    }
    const sheetNamed = sectionHeading(this.sheet.name);
    if (sheetNamed) {
      this.addPriority(sheetNamed.id, this.sheet.name, 'sheet', headerRow);
      this.section = sheetNamed.id;
    }
  }

  read(): { plan: Plan; refsFromText: number } {
    this.startingPriority();
    const rows = this.rowList;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const filled = this.filled(row);
      if (!filled.count) continue;
      if (this.isHeaderLike(row)) {
        this.current = null;
        continue;
      }

      const firstField = this.fieldAt.get(filled.col) ?? null;

      // Section rows: "Priority 2a: …", "Key Priority 1", "Strategic Priority (1) …".
      const heading = firstField === 'priority' ? null : sectionHeading(lineOf(filled.cell));
      if (heading && (filled.count === 1 || (!this.text(row, 'timescale') && !this.text(row, 'lead')))) {
        let title = lineOf(filled.cell);
        const next = heading.rest ? -1 : this.nextRow(i);
        const nextFilled = next < 0 ? NONE_FILLED : this.filled(rows[next]);
        if (next >= 0 && this.isLoneTitle(nextFilled) && !sectionHeading(textOf(nextFilled.cell))) {
          title = `${title}: ${oneLine(textOf(nextFilled.cell))}`;
          i = next;
        }
        this.startSection(heading.id, title, row);
        continue;
      }

      // A priority column: a new value starts a priority; blank cells keep the one above.
      if (this.cols.priority) {
        const pc = this.cell(row, 'priority');
        if (pc.text) {
          const p = priorityFrom(pc.text);
          this.addPriority(p.id, p.title, 'column', row);
          this.columnPriority = p.id;
          if (filled.count === 1) {
            this.current = null;
            continue;
          }
        }
      }

      if (this.isLoneTitle(filled)) {
        const next = this.nextRow(i);
        const isItemHeading = firstField === 'ref' && next >= 0 && this.isRefLessAction(rows[next]);
        this.current = null;
        if (!isItemHeading) {
          const p = priorityFrom(textOf(filled.cell));
          this.startSection(p.id, oneLine(textOf(filled.cell)), row);
        }
        continue;
      }

      const refCell = this.peek(row, 'ref');
      const actionCell = this.peek(row, 'action');
      if (!textOf(refCell) && !textOf(actionCell) && this.current) {
        this.continueAction(this.current, row);
        continue;
      }
      this.current = this.startAction(row, refCell, actionCell);
    }
    return this.finish();
  }

  private startSection(id: string, title: string, row: number): void {
    this.addPriority(id, title, 'section', row);
    this.section = id;
    this.columnPriority = null;
    this.current = null;
  }

  private startAction(row: number, refCell: Cell | string, actionCell: Cell | string): Draft {
    const refText = textOf(refCell);
    const fromRefCell = refText ? parseRefCell(refText) : null;
    let ref = fromRefCell?.ref ?? null;
    let refSource: Action['refSource'] = ref ? 'column' : null;
    let text = textOf(actionCell);
    if (!ref && text) {
      const lead = leadingRef(text);
      if (lead) {
        ref = lead.ref;
        refSource = 'action-text';
        text = lead.rest;
      }
    }
    // An Issue cell with a title and no action of its own: the title is what is to be done.
    if (!text && fromRefCell?.title) text = fromRefCell.title;

    let priority = this.columnPriority ?? this.section;
    if (!priority && ref) {
      const fromRef = refPriority(ref);
      if (fromRef) {
        this.addPriority(fromRef, `Priority ${fromRef}`, 'ref', row);
        priority = fromRef;
      }
    }
    const refMarkup = hasMarkup(refCell);
    const actionMarkup = hasMarkup(actionCell);
    const markup: Field[] | null = refMarkup || actionMarkup ? [] : null;
    if (refMarkup) markup!.push('ref');
    if (actionMarkup) markup!.push('action');
    const draft: Draft = { row, lastRow: row, ref, refSource, priority, action: text, parts: null, markup };
    // The action before can take no more rows: it is finished now, so that drafts never pile up.
    this.close();
    this.open = draft;
    return draft;
  }

  private continueAction(draft: Draft, row: number): void {
    if (!draft.parts) {
      draft.parts = { outcome: null, lead: null, timescale: null, progress: null, rag: null, status: null };
      this.addParts(draft.parts, draft.row);
    }
    draft.lastRow = row;
    this.addParts(draft.parts, row);
  }

  private addParts(parts: Record<Continued, Cell[] | null>, row: number): void {
    for (const [field, col] of this.continuedCols) {
      const c = this.cells.at(row, col);
      if (!c.text) continue;
      // A literal of one: an empty array grows room for many on its first push.
      const cells = parts[field];
      if (cells) cells.push(c);
      else parts[field] = [c];
    }
  }

  /** The fields of an action whose cells held markup, in FIELDS order. */
  private markupOf(d: Draft): Field[] {
    let found: Field[] | null = d.markup;
    // Indexed: every action is asked, and destructuring each pair would make objects to throw away.
    for (let i = 0; i < this.continuedCols.length; i++) {
      const field = this.continuedCols[i][0];
      const col = this.continuedCols[i][1];
      const marked = d.parts ? (d.parts[field]?.some((c) => c.markup) ?? false) : this.cells.markupAt(d.row, col);
      if (marked) (found ??= []).push(field);
    }
    if (!found) return NO_FIELDS;
    // Most cells with markup are an action's only ones: one shared list for each field.
    if (found.length === 1) return ONLY_FIELD[found[0]];
    return FIELDS.filter((f) => found.includes(f));
  }

  /**
   * The fields of an action on one row whose cells have the marks of a placeholder or an Excel
   * error (Action.maybeFlagged). The ref and the action can each be read from the other's cell:
   * a mark in either counts for both.
   */
  private flaggedOf(row: number): Field[] {
    const { ref, action } = this.cols;
    let found: Field[] | null = (ref && this.cells.flaggedAt(row, ref.col)) || (action && this.cells.flaggedAt(row, action.col)) ? ['ref', 'action'] : null;
    for (let i = 0; i < this.continuedCols.length; i++) {
      if (this.cells.flaggedAt(row, this.continuedCols[i][1])) (found ??= []).push(this.continuedCols[i][0]);
    }
    if (!found) return NO_FIELDS;
    return found.length === 1 ? ONLY_FIELD[found[0]] : found;
  }

  private toAction(d: Draft): Action {
    return d.parts ? this.toActionOverRows(d, d.parts) : this.toActionOfRow(d);
  }

  /** An action on one row: its cells are read where they are. */
  private toActionOfRow(d: Draft): Action {
    const ts = this.peek(d.row, 'timescale');
    const pr = this.peek(d.row, 'progress');
    return this.action(d, {
      timescale: this.parser.timescaleOf(ts),
      progress: this.parser.progressOf(pr),
      outcome: this.text(d.row, 'outcome'),
      lead: this.text(d.row, 'lead'),
      agreedRag: this.text(d.row, 'rag') || null,
      statusText: this.text(d.row, 'status') || null,
      maybeFlagged: this.flaggedOf(d.row),
    });
  }

  private toActionOverRows(d: Draft, parts: Record<Continued, Cell[] | null>): Action {
    const ts = parts.timescale ?? [];
    // Timescales spread over rows are read as one text: "Contract signed July 15" + "First review Dec 15".
    const timescale =
      ts.length === 0 ? this.parser.timescale(null, 'General') : ts.length === 1 ? this.parser.timescale(ts[0].value, ts[0].format) : this.parser.timescale(joinTexts(ts, ' '), 'General');
    const pr = parts.progress ?? [];
    const progress =
      pr.length <= 1 ? this.parser.progressOf(pr[0] ?? EMPTY) : this.parser.progressOfText(pr.map((c) => (typeof c.value === 'string' ? c.value : c.text)).join('\n'));
    return this.action(d, {
      timescale,
      progress,
      outcome: joinTexts(parts.outcome, '\n'),
      lead: joinTexts(parts.lead, '; '),
      agreedRag: parts.rag?.[0].text ?? null,
      statusText: parts.status?.[0].text ?? null,
      // Texts joined over rows are looked at whole, by validation.
      maybeFlagged: undefined,
    });
  }

  private action(d: Draft, fields: ActionFields): Action {
    return new ReadAction(this.sheet.name, d, fields, this.markupOf(d), this.letters);
  }

  private close(): void {
    if (this.open) this.actions.push(this.toAction(this.open));
    this.open = null;
  }

  private finish(): { plan: Plan; refsFromText: number } {
    this.close();
    const { actions } = this;
    const used = new Set(actions.map((a) => a.priority));
    const lastActionRow = actions.length ? actions[actions.length - 1].row : this.region.headerRow;
    // Section rows after the last action (notes, a key, the next plan's title) are not priorities.
    const priorities: Priority[] = [...this.priorities.values()]
      .filter((p) => used.has(p.id) || p.declaredAt < lastActionRow)
      .map(({ declaredAt: _, ...p }) => p);
    const { region } = this;
    const lastRow = region.table ? region.rowsTo : actions.reduce((m, a) => Math.max(m, a.lastRow), region.headerRow);
    return {
      plan: {
        id: region.id,
        sheet: this.sheet.name,
        table: region.table,
        headerRow: region.headerRow,
        firstRow: region.headerRow + 1,
        lastRow,
        firstCol: region.firstCol,
        lastCol: region.lastCol,
        columns: this.cols,
        priorities,
        actions,
        owned: region.owned,
      },
      refsFromText: actions.filter((a) => a.refSource === 'action-text').length,
    };
  }
}

function describePlan(plan: Plan): string {
  return plan.table ? `The table "${plan.table}" on ${quoteSheet(plan.sheet)}` : `The plan with its header row at ${sheetAddress(plan.sheet, a1(plan.headerRow, plan.firstCol))}`;
}

function missingColumns(plan: Plan, refsFromText: number): Finding[] {
  const findings: Finding[] = [];
  const cell = a1(plan.headerRow, plan.firstCol);
  const fix = (f: Field) => `Add a column headed '${FIELD_LABELS[f]}' or map one in BoardPlan's Columns settings.`;
  for (const f of REQUIRED_FIELDS) {
    if (plan.columns[f]) continue;
    const why = f === 'timescale' ? 'BoardPlan needs it to rate the actions' : 'BoardPlan needs it to tell the actions apart';
    findings.push({ severity: 'error', rule: 'missing-column', sheet: plan.sheet, cell, message: `${describePlan(plan)} has no ${FIELD_LABELS[f]} column; ${why}. ${fix(f)}` });
  }
  for (const f of EXPECTED_FIELDS) {
    if (plan.columns[f]) continue;
    // Refs written at the start of the action text serve as well as a Ref column.
    if (f === 'ref' && plan.actions.length > 0 && refsFromText * 2 >= plan.actions.length) continue;
    findings.push({ severity: 'warning', rule: 'missing-column', sheet: plan.sheet, cell, message: `${describePlan(plan)} has no ${FIELD_LABELS[f]} column. ${fix(f)}` });
  }
  return findings;
}

/** Whether an action starts on a row; a plan's actions are in row order. */
function hasActionAt(actions: Action[], row: number): boolean {
  let lo = 0;
  let hi = actions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (actions[mid].row === row) return true;
    if (actions[mid].row < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function readPlans(snapshot: WorkbookSnapshot, opts: ReadPlansOptions): ReadPlansResult {
  const skip = new Set(opts.skipSheets ?? []);
  const overrides = opts.columns ?? {};
  const plans: Plan[] = [];
  const findings: Finding[] = [];
  const parser = new FieldParser(opts.planPeriod);

  for (const sheet of snapshot.sheets) {
    if (skip.has(sheet.name) || sheet.visibility !== 'visible' || isStateSheet(sheet)) continue;
    const tables = snapshot.tables.filter((t) => t.sheet === sheet.name);
    const regions = [
      ...tables.map((t) => tableRegion(sheet, t, overrides)).filter((r): r is Region => r !== null),
      ...plainRegions(sheet, tables, overrides),
    ].sort((a, b) => a.headerRow - b.headerRow || a.firstCol - b.firstCol);
    shareOwnedColumns(sheet, regions);
    // What BoardPlan wrote beside the plans read so far, which lie above the next: a rating and a
    // reason on each action's row. The officer's own cells in those columns are not BoardPlan's.
    const written: { cols: number[]; actions: Action[] }[] = [];
    const ownedCell = (row: number, col: number) => written.some((w) => w.cols.includes(col) && hasActionAt(w.actions, row));
    for (const region of regions) {
      const others = region.table ? [] : tables;
      const { plan, refsFromText } = new PlanReader(sheet, region, parser, others, ownedCell).read();
      const cols = [plan.owned.proposed, plan.owned.reason].filter((c): c is number => c !== null);
      if (cols.length) written.push({ cols, actions: plan.actions });
      plans.push(plan);
      findings.push(...missingColumns(plan, refsFromText));
    }
  }

  if (!plans.length) {
    const first = snapshot.sheets.find((s) => !skip.has(s.name) && s.visibility === 'visible') ?? snapshot.sheets[0];
    findings.push({
      severity: 'error',
      rule: 'no-plan',
      sheet: first ? first.name : '',
      cell: null,
      message:
        'No plan table found: BoardPlan looks for a header row with columns such as Ref, Action, Lead, Timescale and Progress in the first 30 rows of each sheet, or an Excel table.',
    });
  }
  return { plans, findings };
}
