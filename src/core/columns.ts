import { columnNumber } from './cells';
import type { CellFeatures } from './cell-features';
import { assignFields, type Assignment, type ColumnMap, type Pinned } from './field-assignment';
import { isPassage, normaliseHeader } from './heading-words';
import { FIELDS, type Field, type PlanPeriod } from './model';
import { OWNED_HEADERS } from './patch';
import { presetScheme, recogniseRating } from './schemes';
import type { ColumnOverride } from './settings';

/**
 * Which column of a plan holds which field. Boards head their columns in many ways ("Who will
 * lead?", "Accountable partner", "Milestone"), so a column is known by its heading's words
 * (heading-words.ts) and by what its cells hold (column-evidence.ts), weighed together
 * (field-assignment.ts), each column with the reason it was chosen.
 *
 * The seam: regions.ts finds where a plan's header row is and asks here, with the row's headings
 * and the cells under each, which column is which field (recogniseColumns). rows.ts then reads the
 * rows.
 */

export { normaliseHeader, isKnownHeading } from './heading-words';
export type { ColumnMap } from './field-assignment';

export interface HeaderCell {
  col: number;
  text: string;
}

/** BoardPlan's own headings as headings are compared, each with the column it names. */
const OWNED = (Object.entries(OWNED_HEADERS) as [keyof typeof OWNED_HEADERS, string][]).map(([kind, header]) => ({ kind, key: normaliseHeader(header) }));

/** BoardPlan's own column headings ("RAG (proposed)", "RAG reason"): never a user's field. */
export function isOwnedHeader(text: string): boolean {
  return ownedHeaderKind(text) !== null;
}

/** Which owned column a heading names, if any. The plan finder asks it of the cells of every row it looks down. */
export function ownedHeaderKind(text: string): keyof typeof OWNED_HEADERS | null {
  const key = normaliseHeader(text);
  return OWNED.find((o) => o.key === key)?.kind ?? null;
}

/** The officer's column letters from the workbook's settings, as pinned fields. */
export function pinnedBySettings(override: ColumnOverride | undefined): Pinned {
  const pinned: Pinned = {};
  for (const field of FIELDS) {
    if (!override || !(field in override)) continue;
    const letter = override[field];
    pinned[field] = { col: letter ? columnNumber(letter) : null, source: 'settings' };
  }
  return pinned;
}

/** A period for headings read without a plan around them; only progress headings' dates depend on it. */
const ANY_PERIOD: PlanPeriod = { start: '2000-04-01', end: '2001-03-31' };

/**
 * Field → column by the headings alone: one column per field and one field per column, best
 * matches first. Letters in the override win; an override of null says the plan has no such column.
 */
export function mapColumns(headers: HeaderCell[], override?: ColumnOverride): ColumnMap {
  const owned = headers.filter((h) => !isOwnedHeader(h.text));
  return assignFields(owned.map((h) => ({ col: h.col, header: h.text, cells: [] })), ANY_PERIOD, pinnedBySettings(override)).columns;
}

const BRAG = presetScheme('brag')!;

/**
 * A "Progress (RAG)" column whose cells are mostly ratings ("Green", "A") is also the plan's RAG
 * column, when no other column is: boards that keep one column for both rate in it.
 */
function ratingsInProgress(columns: ColumnMap, cells: (col: number) => CellFeatures[]): ColumnMap {
  const progress = columns.progress;
  if (columns.rag || !progress || !/\brag\b/.test(normaliseHeader(progress.header))) return columns;
  const filled = cells(progress.col).filter((c) => c.filled);
  const ratings = filled.filter((c) => recogniseRating(BRAG, c.text)).length;
  if (filled.length === 0 || ratings / filled.length <= 0.5) return columns;
  return { ...columns, rag: { ...progress, reason: `heading '${progress.header}', and its cells are ratings: ${ratings} of ${filled.length}` } };
}

/**
 * Which column of a plan holds which field, from its headings and the features of the cells under
 * each (in the plan's rows), with the officer's choices applied.
 */
export function recogniseColumns(headings: HeaderCell[], cells: (col: number) => CellFeatures[], period: PlanPeriod, pinned: Pinned = {}): Assignment {
  const owned = headings.filter((h) => !isOwnedHeader(h.text));
  const assigned = assignFields(
    owned.map((h) => ({ col: h.col, header: h.text, cells: cells(h.col) })),
    period,
    pinned,
  );
  return { ...assigned, columns: ratingsInProgress(assigned.columns, cells) };
}

/** Headings from a row of cell texts, columns numbered from firstCol. */
export function headerCells(texts: string[], firstCol = 1): HeaderCell[] {
  // A longer text is a passage, not a heading.
  return texts.map((text, i) => ({ col: firstCol + i, text })).filter((h) => h.text.trim() !== '' && !isPassage(h.text));
}

/** Two header rows read the same fields from the same columns: the second is a repeat, not a new plan. */
export function sameLayout(a: ColumnMap, b: ColumnMap): boolean {
  let shared = 0;
  for (const f of FIELDS) {
    const x = a[f];
    const y = b[f];
    if (x && y) {
      if (x.col !== y.col) return false;
      shared++;
    }
  }
  return shared >= 3;
}

export const FIELD_LABELS: Record<Field, string> = {
  ref: 'Ref',
  action: 'Action',
  outcome: 'Outcome',
  lead: 'Lead',
  timescale: 'Timescale',
  progress: 'Progress',
  priority: 'Priority',
  rag: 'RAG',
  status: 'Status',
};
