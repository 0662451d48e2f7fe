import { BLANK_FEATURES, EXCEL_ERROR, type CellFeatures, type SheetFeatures } from './cell-features';
import { headerCells, isKnownHeading, mapColumns, type ColumnMap, type HeaderCell } from './columns';
import { headingEvidence, isPassage, namesAField } from './heading-words';
import { FIELDS } from './model';
import { parseRefCell } from './refs';
import { cellLine, readCell, type ShownSheet } from './sheet-cells';

/**
 * Which rows are a plan's headings. A row of headings is short labels ("Ref", "Who will lead?",
 * "Deliverable"), not data: no refs, dates, ratings or long sentences among them. Headings may
 * stand over two rows, a group heading over its sub-headings ("Progress update" over "Q1", "Q2",
 * "Q3"; "Timescale" over "Start" and "End"). Whether a row of headings heads a plan is for the
 * headings and the cells under them to say together (makesPlan).
 */

/** Whether a cell can be a column heading: a short text that is not a date, a ref, a rating or a sentence. */
export function isLabel(f: CellFeatures): boolean {
  if (f.kind !== 'text' || f.words > 10 || f.text.length > 70) return false;
  // "No." and "Status" name fields, though "No" is also a board's answer.
  if (f.ref || ((f.statusWord || f.colour || f.percent) && !namesAField(f.text))) return false;
  if (f.words >= 4 && /[.!]$/.test(f.text)) return false;
  if (PLACEHOLDER.test(f.text)) return false;
  return !f.timescale || namesAField(f.text);
}

/** What officers type where something is still to be decided: data, not a heading. */
const PLACEHOLDER = /^\s*(?:tbc|tba|tbd|n\/?a|\?+|-+)\s*$/i;

/** At least this many labels make a row of headings. */
const MIN_HEADINGS = 3;

/** A row's cells from `left` to `right`, blank where `skip` says the column is none of the plan's. */
function rowCells(features: SheetFeatures, row: number, left: number, right: number, skip: (col: number) => boolean): CellFeatures[] {
  const cells: CellFeatures[] = [];
  for (let col = left; col <= right; col++) cells.push(skip(col) ? BLANK_FEATURES : features(row, col));
  return cells;
}

/** Headings are a few words each: a row whose labels run longer is a row of short data. */
const MAX_MEAN_WORDS = 5;

/**
 * Whether a row reads as headings: three labels or more, a few words each, and at most one cell of
 * data for every three (a progress column headed by its date, "Jun-16"). Under a plan, where rows
 * of short texts abound, `strict` allows no data at all: a row holding a date is an action's.
 */
export function isLabelRow(features: SheetFeatures, row: number, left: number, right: number, skip: (col: number) => boolean, strict = false): boolean {
  let labels = 0;
  let data = 0;
  let words = 0;
  for (const c of rowCells(features, row, left, right, skip)) {
    if (!c.filled) continue;
    // A numbered ref never heads a column: the row is an action's.
    if (c.ref && c.kind === 'text') return false;
    if (isLabel(c)) {
      labels++;
      words += c.words;
    } else data++;
  }
  return labels >= MIN_HEADINGS && (strict ? data === 0 : data * 3 <= labels) && words <= MAX_MEAN_WORDS * labels;
}

/**
 * Whether a row cannot be headings, by its texts alone: it holds a numbered ref, an Excel error or
 * a sentence, or fewer than three short texts. Most rows of a plan are ruled out here, before their
 * cells are looked at any closer.
 */
export function cannotBeHeadings(sheet: ShownSheet, row: number, left: number, right: number, skip: (col: number) => boolean): boolean {
  let short = 0;
  for (let col = left; col <= right; col++) {
    // The cell first: whether to skip it costs more to ask (is it BoardPlan's heading?) and blank cells need no answer.
    const cell = readCell(sheet, row, col);
    if (typeof cell.value !== 'string' || cell.text === '') continue;
    // Longer than any heading: no heading of this row, whatever its words (a passage is not split into them).
    if (isPassage(cell.text) || skip(col)) continue;
    const text = cell.text.trim();
    const words = text.split(/\s+/).length;
    if (words > 12 || EXCEL_ERROR.test(text)) return true;
    if (words === 1 && parseRefCell(text).ref !== null) return true;
    if (words <= 10 && text.length <= 70) short++;
  }
  return short < MIN_HEADINGS;
}

/** How many of the headings name a field by their words. */
export function namedHeadings(headings: HeaderCell[]): number {
  return headings.filter((h) => namesAField(h.text)).length;
}

/** A header row's headings, and the rows they take: one, or two when a group heading stands over sub-headings. */
export interface Headings {
  /** The first row of the headings. */
  top: number;
  /** The last row of the headings: the plan's rows start under it. */
  row: number;
  headings: HeaderCell[];
}

/** A short label under a group heading: "Q1", "Sept 25", "Lead officer"; a ref is none, though a quarter ("Q1") may look like one. */
const isSubLabel = (c: CellFeatures) => c.filled && (c.kind === 'text' || c.kind === 'date') && c.words <= 4 && c.text.length <= 30 && (!c.ref || c.timescale) && !c.statusWord && !c.colour;

/**
 * Joins a row of group headings over a row of headings: a group heading followed by blank cells
 * stands over every sub-heading under it ("Progress update" over "Q1", "Q2"), a heading with a
 * blank cell under it stands alone ("Ref" merged down two rows). Null when the rows do not pair
 * that way.
 */
function joined(upper: CellFeatures[], lower: CellFeatures[], left: number): HeaderCell[] | null {
  let groups = 0;
  let underBlank = 0;
  let group: string | null = null;
  const texts: string[] = [];
  for (let i = 0; i < upper.length; i++) {
    const u = upper[i];
    const l = lower[i];
    if (u.filled && !isLabel(u)) return null;
    if (u.filled) {
      const spans = i + 1 < upper.length && !upper[i + 1].filled && lower[i + 1].filled;
      group = spans && l.filled ? u.text : null;
      // Under a heading that is no group there is nothing: it is one heading over two rows.
      if (group === null && l.filled) return null;
      if (group !== null) groups++;
      texts.push(l.filled ? `${u.text} ${l.text}` : u.text);
    } else if (l.filled) {
      if (group === null && !isLabel(l)) return null;
      underBlank++;
      texts.push(group === null ? l.text : `${group} ${l.text}`);
    } else {
      group = null;
      texts.push('');
    }
  }
  const span = texts.filter(Boolean).length;
  return groups >= 1 && underBlank >= 1 && groups < span ? headerCells(texts, left) : null;
}

/** The headings of a row of labels, joined with the group headings over it or the sub-headings under it. */
export function headingsAt(sheet: ShownSheet, features: SheetFeatures, row: number, left: number, right: number, skip: (col: number) => boolean): Headings {
  const here = rowCells(features, row, left, right, skip);
  const below = row + 1 <= sheet.bottom ? rowCells(features, row + 1, left, right, skip) : [];
  if (below.filter((c) => c.filled).length >= 2 && below.every((c) => !c.filled || isSubLabel(c))) {
    const two = joined(here, below, left);
    if (two) return { top: row, row: row + 1, headings: two };
  }
  const above = row - 1 >= sheet.top ? rowCells(features, row - 1, left, right, skip) : [];
  if (above.filter((c) => c.filled).length >= 2) {
    const two = joined(above, here, left);
    if (two) return { top: row - 1, row, headings: two };
  }
  // Once a row is known for headings, each of its texts is one ("Done?", though "done" is also an answer).
  const texts: string[] = [];
  for (let col = left; col <= right; col++) texts.push(here[col - left].kind === 'text' ? cellLine(sheet, row, col) : '');
  return { top: row, row, headings: headerCells(texts, left) };
}

/**
 * A header row by its headings alone: at least three fields, one of them the action or the
 * timescale, and at least one named by a known heading (so a row of short data cells is not
 * mistaken for headings). Excel's error values (#REF!) are never headings.
 */
export function isHeaderRow(texts: string[]): boolean {
  const headings = headerCells(texts.map((t) => (EXCEL_ERROR.test(t.trim()) ? '' : t)));
  if (headings.length < MIN_HEADINGS || !headings.some((h) => isKnownHeading(h.text))) return false;
  const map = mapColumns(headings);
  return FIELDS.filter((f) => map[f]).length >= 3 && Boolean(map.action || map.timescale);
}

/**
 * Whether columns make a plan: something to be done (the action) and something to judge it by
 * (a timescale, progress, the board's own rating or status, or a lead its heading names). A
 * column of names beside a column of prose is a list of contacts, not a plan.
 */
export function makesPlan(columns: ColumnMap): boolean {
  if (!columns.action) return false;
  const namedLead = columns.lead !== null && (columns.lead.source !== undefined || (headingEvidence(columns.lead.header).lead?.score ?? 0) > 0);
  return Boolean(columns.timescale || columns.progress || columns.rag || columns.status || namedLead);
}
