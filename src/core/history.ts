import { isDateFormat, isDateSerial, isoFromParts, isValidDate, quoteSheet, rangeA1, sheetAddress, a1, serialToIso, type IsoDate } from './cells';
import { ratingShown } from './formatting';
import type { Action, AssessedPlan } from './model';
import { DATE_FORMAT, type GeneratedSheet } from './patch';
import { refKey } from './refs';
import { parseQuarterLabel } from './quarters';
import { ratingByLabel, recogniseRating, type Rating, type Scheme } from './schemes';
import { BODY_STYLE, finishSheet, HEADER_STYLE, SheetBuilder, TITLE_STYLE, type ColumnSpec } from './sheet';
import { sheetKey } from './sheetname';
import { cellAt, formatAt, sheetBottom, sheetRight, type SheetSnapshot, type WorkbookSnapshot } from './snapshot';

/**
 * The RAG History: the effective rating of every action as recorded at each quarterly review, and
 * the date each action was due by at the time (so that a date moved in the plan shows as slippage).
 * It lives in a sheet BoardPlan owns and is read back from it on every refresh: the workbook is the
 * only store, so the history travels with the file and every host sees the same one.
 *
 * Layout (row 4 is the header; one row per action from row 5):
 *   Sheet | Ref | Action | Status | Q2 2015/16 | Q3 2015/16 … | Due Q2 2015/16 | Due Q3 2015/16 …
 * A1 holds HISTORY_TITLE, which (with the sheet being in BoardPlan's list of owned sheets) is how
 * the sheet is found again, whatever name it had to take.
 */

export const HISTORY_SHEET = 'RAG History';
export const HISTORY_TITLE = 'BoardPlan RAG History';
const HISTORY_NOTE =
  'Effective ratings recorded at each quarterly review, with the date each action was due by then. BoardPlan keeps this sheet: use Record quarter in BoardPlan to add or replace a quarter.';
const HEADER_ROW = 4;
const DUE_PREFIX = 'Due ';

export interface HistoryRow {
  /** The action's key (see actionKey). */
  key: string;
  sheet: string;
  ref: string | null;
  action: string;
  /** Rating label per quarter label, for the quarters the action was in the plan. */
  ratings: Record<string, string>;
  /** Due date per quarter label (null: the action had no date then). */
  due: Record<string, IsoDate | null>;
}

export interface History {
  /** The sheet it was read from; null when there is no history yet. */
  sheet: string | null;
  /** Recorded quarters' labels ("Q3 2015/16"), oldest first. */
  quarters: string[];
  rows: HistoryRow[];
  /** False when the sheet was found but its layout could not be read: it must then be left alone. */
  readable: boolean;
  /** Cells that could not be read, as sentences naming the cell. */
  problems: string[];
}

export function emptyHistory(): History {
  return { sheet: null, quarters: [], rows: [], readable: true, problems: [] };
}

// ---- keys --------------------------------------------------------------------------------------

/** Action text as compared: case, punctuation and spacing do not matter. */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** An action's identity from one quarter to the next: its sheet and ref, or its text when it has no ref. */
export function actionKey(sheet: string, ref: string | null, action: string): string {
  return ref ? `${sheet}!ref:${refKey(ref)}` : `${sheet}!text:${normaliseText(action)}`;
}

/** Keys for items in order; a repeated key (two actions sharing a ref) gets "#2", "#3"… in order. */
function uniqueKeys<T>(items: T[], base: (item: T) => string): Map<T, string> {
  const seen = new Map<string, number>();
  const out = new Map<T, string>();
  for (const item of items) {
    const k = base(item);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(item, n === 1 ? k : `${k}#${n}`);
  }
  return out;
}

/** The key of every action of the plans, in plan order. */
export function actionKeys(plans: AssessedPlan[]): Map<Action, string> {
  const actions = plans.flatMap((p) => p.actions.map((a) => a.action));
  return uniqueKeys(actions, (a) => actionKey(a.sheet, a.ref, a.action));
}

// ---- recording -----------------------------------------------------------------------------------

/** What one action contributes to a recorded quarter. */
export interface QuarterRecord {
  key: string;
  sheet: string;
  ref: string | null;
  action: string;
  rating: string;
  due: IsoDate | null;
}

/** The date an action is due by: a revised date in the progress notes replaces the plan's. */
export function currentDue(action: Action): IsoDate | null {
  return action.progress.revised?.newDue ?? action.timescale.due;
}

export function quarterRecords(plans: AssessedPlan[], keys: Map<Action, string> = actionKeys(plans)): QuarterRecord[] {
  return plans.flatMap((p) =>
    p.actions.map(({ action, assessment }) => ({
      key: keys.get(action) ?? actionKey(action.sheet, action.ref, action.action),
      sheet: action.sheet,
      ref: action.ref,
      action: action.action,
      rating: assessment.effective,
      due: currentDue(action),
    })),
  );
}

function quarterStart(label: string): string {
  return parseQuarterLabel(label)?.start ?? label;
}

function sortQuarters(labels: string[]): string[] {
  return [...new Set(labels)].sort((a, b) => (quarterStart(a) < quarterStart(b) ? -1 : quarterStart(a) > quarterStart(b) ? 1 : 0));
}

/**
 * The history with `label`'s column set to the records: an existing column for the quarter is
 * replaced, never duplicated. Actions seen before keep their rows (and their earlier ratings, even
 * when they have left the plan); new actions are added at the end. Rows left with no rating at all
 * (an action recorded only in the replaced column) are dropped.
 */
export function recordQuarter(history: History, label: string, records: QuarterRecord[]): History {
  const quarter = parseQuarterLabel(label);
  if (!quarter) throw new Error(`"${label}" is not a quarter label such as "Q3 2015/16"`);
  const q = quarter.label;
  const rows: HistoryRow[] = history.rows.map((r) => {
    const { [q]: _r, ...ratings } = r.ratings;
    const { [q]: _d, ...due } = r.due;
    return { ...r, ratings, due };
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const rec of records) {
    let row = byKey.get(rec.key);
    if (!row) {
      row = { key: rec.key, sheet: rec.sheet, ref: rec.ref, action: rec.action, ratings: {}, due: {} };
      rows.push(row);
      byKey.set(rec.key, row);
    } else {
      // The plan's current wording is shown.
      row.ref = rec.ref;
      row.action = rec.action;
    }
    row.ratings[q] = rec.rating;
    row.due[q] = rec.due;
  }
  return {
    ...history,
    quarters: sortQuarters([...history.quarters, q]),
    rows: rows.filter((r) => Object.keys(r.ratings).length > 0),
  };
}

/** "added in Q4 2015/16", "removed after Q3 2015/16", both, or "recorded since Q2 2015/16" for an action in every recorded quarter. */
export function rowStatus(row: HistoryRow, quarters: string[]): string {
  const present = quarters.filter((q) => row.ratings[q]);
  if (!present.length) return '';
  const parts: string[] = [];
  if (present[0] !== quarters[0]) parts.push(`added in ${present[0]}`);
  const last = present[present.length - 1];
  if (last !== quarters[quarters.length - 1]) parts.push(`removed after ${last}`);
  return parts.join('; ') || `recorded since ${present[0]}`;
}

// ---- the sheet -----------------------------------------------------------------------------------

const FIXED = ['Sheet', 'Ref', 'Action', 'Status'] as const;
const FIXED_COLUMNS: ColumnSpec[] = [{ grow: 0.3 }, {}, { grow: 1 }, { grow: 0.4 }];

/** The history as a sheet: frozen header, a coloured and labelled cell per recorded rating. */
export function historySheet(history: History, scheme: Scheme, name: string = history.sheet ?? HISTORY_SHEET): GeneratedSheet {
  const { quarters } = history;
  const ratingCol = (i: number) => FIXED.length + 1 + i;
  const dueCol = (i: number) => FIXED.length + 1 + quarters.length + i;
  const lastCol = FIXED.length + quarters.length * 2;
  const b = new SheetBuilder(lastCol);

  // The title stays in A1: it is how the sheet is found again.
  b.line(HISTORY_TITLE, TITLE_STYLE);
  b.line(HISTORY_NOTE, { italic: true });
  b.gap();
  b.add([...FIXED, ...quarters, ...quarters.map((q) => `${DUE_PREFIX}${q}`)]);
  b.style(rangeA1(HEADER_ROW, 1, HEADER_ROW, lastCol), HEADER_STYLE);
  for (const row of history.rows) {
    b.add([
      row.sheet,
      row.ref,
      row.action || null,
      rowStatus(row, quarters) || null,
      ...quarters.map((q) => row.ratings[q] ?? null),
      ...quarters.map((q) => {
        const due = row.due[q];
        return due ? { date: due } : null;
      }),
    ]);
  }
  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + history.rows.length;
  if (history.rows.length) {
    b.style(rangeA1(first, 1, last, lastCol), BODY_STYLE);
    if (quarters.length) b.style(rangeA1(first, dueCol(0), last, lastCol), { numberFormat: DATE_FORMAT });
  }
  // The recorded ratings: centred, each in its rating's colours, known by its label as it was
  // recorded (an earlier scheme's spelling still takes its colour).
  if (history.rows.length && quarters.length) {
    const block = rangeA1(first, ratingCol(0), last, ratingCol(quarters.length - 1));
    b.style(block, { align: 'center' });
    const recorded = new Map<string, string[]>();
    for (const label of new Set(history.rows.flatMap((r) => Object.values(r.ratings)))) {
      const rating = ratingByLabel(scheme, label) ?? recogniseRating(scheme, label);
      if (rating) recorded.set(rating.id, [...(recorded.get(rating.id) ?? []), label]);
    }
    const texts = (r: Rating) => {
      const labels = recorded.get(r.id) ?? [];
      return labels.includes(r.label) ? [r.label, ...labels.filter((l) => l !== r.label)] : labels;
    };
    b.rateCells(block, ratingShown(scheme.ratings, texts));
  }
  const columns = [...FIXED_COLUMNS, ...Array.from({ length: quarters.length * 2 }, () => ({}))];
  return finishSheet(b, { name, columns, titleRows: HEADER_ROW });
}

// ---- reading it back -----------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A due cell: a date serial, or text as ISO or as "30 Nov 2015" (how BoardPlan shows dates). */
function readDue(value: unknown, format: string): IsoDate | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value === 'number' && isDateSerial(value) && (isDateFormat(format) || (value > 0 && value < 120000))) return serialToIso(value);
  if (typeof value === 'string') {
    const t = value.trim();
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) return t;
    m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})$/.exec(t);
    const month = m ? MONTHS.indexOf(m[2].toLowerCase()) + 1 : 0;
    if (m && month && isValidDate(Number(m[3]), month, Number(m[1]))) return isoFromParts(Number(m[3]), month, Number(m[1]));
  }
  return undefined;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function findHeader(sheet: SheetSnapshot): number | null {
  const right = sheetRight(sheet);
  for (let row = sheet.top; row <= Math.min(sheetBottom(sheet), sheet.top + 10); row++) {
    const texts = Array.from({ length: right }, (_, i) => text(cellAt(sheet, row, i + 1)).toLowerCase());
    if (texts.includes('ref') && texts.includes('action') && texts.includes('sheet')) return row;
  }
  return null;
}

function parseHistory(sheet: SheetSnapshot): History {
  const where = (row: number, col: number) => sheetAddress(sheet.name, a1(row, col));
  const header = findHeader(sheet);
  if (header === null) {
    return {
      sheet: sheet.name,
      quarters: [],
      rows: [],
      readable: false,
      problems: [
        `The header row of BoardPlan's history sheet ${quoteSheet(sheet.name)} (Sheet, Ref, Action and a column per quarter) is missing, so BoardPlan left the sheet as it is and recorded nothing. Undo the change to the sheet, or delete it to start a new history.`,
      ],
    };
  }
  const cols: Partial<Record<'sheet' | 'ref' | 'action', number>> = {};
  const ratingCols = new Map<string, number>();
  const dueCols = new Map<string, number>();
  const problems: string[] = [];
  for (let col = 1; col <= sheetRight(sheet); col++) {
    const h = text(cellAt(sheet, header, col));
    const lower = h.toLowerCase();
    if (lower === 'sheet' || lower === 'ref' || lower === 'action') cols[lower] ??= col;
    else if (lower.startsWith(DUE_PREFIX.toLowerCase()) && parseQuarterLabel(h.slice(DUE_PREFIX.length))) dueCols.set(parseQuarterLabel(h.slice(DUE_PREFIX.length))!.label, col);
    else if (parseQuarterLabel(h)) ratingCols.set(parseQuarterLabel(h)!.label, col);
  }
  const quarters = sortQuarters([...ratingCols.keys()]);

  const raw: Omit<HistoryRow, 'key'>[] = [];
  for (let row = header + 1; row <= sheetBottom(sheet); row++) {
    const ref = text(cellAt(sheet, row, cols.ref!)) || null;
    const action = text(cellAt(sheet, row, cols.action!));
    if (!ref && !action) continue;
    const ratings: Record<string, string> = {};
    const due: Record<string, IsoDate | null> = {};
    for (const q of quarters) {
      const label = text(cellAt(sheet, row, ratingCols.get(q)!));
      if (!label) continue;
      ratings[q] = label;
      const col = dueCols.get(q);
      const value = col ? readDue(cellAt(sheet, row, col), formatAt(sheet, row, col)) : null;
      if (value === undefined) {
        problems.push(`${where(row, col!)} holds "${text(cellAt(sheet, row, col!))}", which is not a date; BoardPlan read it as no due date. Write the date (e.g. 30/11/2015) or clear the cell.`);
      }
      due[q] = value ?? null;
    }
    raw.push({ sheet: text(cellAt(sheet, row, cols.sheet!)), ref, action, ratings, due });
  }
  const keys = uniqueKeys(raw, (r) => actionKey(r.sheet, r.ref, r.action));
  const rows = raw.map((r) => ({ key: keys.get(r)!, ...r })).filter((r) => Object.keys(r.ratings).length > 0);
  return { sheet: sheet.name, quarters, rows, readable: true, problems };
}

/**
 * The history recorded in the workbook: the first sheet BoardPlan owns whose A1 is HISTORY_TITLE.
 * Null when there is none. A sheet the user copied (not in the owned list) is not read.
 */
export function readHistory(snapshot: WorkbookSnapshot, ownedSheets: string[]): History | null {
  const owned = new Set(ownedSheets.map(sheetKey));
  const sheet = snapshot.sheets.find((s) => owned.has(sheetKey(s.name)) && text(cellAt(s, 1, 1)) === HISTORY_TITLE);
  return sheet ? parseHistory(sheet) : null;
}
