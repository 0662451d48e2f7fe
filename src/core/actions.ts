import { datePatterns, type Pattern } from './date-patterns';
import { columnLetter, endOfMonth, isoFromParts, isValidDate, parseIso, type IsoDate } from './cells';
import type { ColumnMap } from './columns';
import { formatHint, spellByHint, type FormatHint } from './format-hints';
import { oneLine } from './markup';
import { FIELDS, type Action, type ColumnMatch, type Field, type PlanPeriod, type Progress, type Timescale } from './model';
import { parseProgress, parseProgressText } from './progress';
import { EMPTY_CELL, readCell, type Cell, type ShownSheet } from './sheet-cells';
import { parseTimescale } from './timescale';

/**
 * An action's fields, read from the cells of its row or rows once rows.ts has said which rows
 * make the action and what its ref, action text and priority are.
 */

/** What rows.ts decides about an action before its other fields are read. */
export interface Draft {
  /** The action's first row, then its continuation rows. */
  rows: number[];
  ref: string | null;
  refSource: Action['refSource'];
  priority: string | null;
  action: string;
}

/** Fields a continuation row can add to: its timescale, progress, lead and outcome join the action above. */
const CONTINUED = ['outcome', 'lead', 'timescale', 'progress', 'rag', 'status'] as const;
type Continued = (typeof CONTINUED)[number];

/** What is read once per plan and used for each of its actions. */
export interface PlanReading {
  /** The date format the timescale's heading gives ("Target date (MM/YY)"), if any. */
  timescaleHint: FormatHint | null;
  /** Progress columns, the latest first: where several stand side by side, an action's latest note is in the first that holds one. */
  progressColumns: ColumnMatch[];
  /** The date patterns every timescale and note of the plan is read with, built once for the plan. */
  patterns: Pattern[];
}

export function planReading(columns: ColumnMap, progressHistory: ColumnMatch[]): PlanReading {
  return {
    timescaleHint: columns.timescale ? formatHint(columns.timescale.header) : null,
    progressColumns: columns.progress ? [columns.progress, ...[...progressHistory].reverse()] : [],
    patterns: datePatterns(),
  };
}

/** A timescale written over one or more cells: over several, read as one text ("Contract signed July 15" + "First review Dec 15"). */
function timescaleOf(cells: Cell[], period: PlanPeriod, reading: PlanReading): Timescale {
  const { timescaleHint: hint, patterns } = reading;
  if (cells.length === 0) return parseTimescale(null, 'General', period, patterns);
  const text = cells.map((c) => c.text).join(' ');
  // "06/20" under "Target date (MM/YY)" is June 2020: read as spelt out, shown as written.
  const spelt = hint && cells.every((c) => typeof c.value === 'string') ? spellByHint(text, hint) : null;
  if (spelt) return { ...parseTimescale(spelt, 'General', period, patterns), text: oneLine(text) };
  if (cells.length === 1) return parseTimescale(cells[0].value, cells[0].format, period, patterns);
  return parseTimescale(text, 'General', period, patterns);
}

/** A progress note written in one cell (read as it shows, markup stripped) or over several (as one note). */
function progressOf(cells: Cell[], period: PlanPeriod, patterns: Pattern[]): Progress {
  if (cells.length > 1) return parseProgress(cells.map((c) => (typeof c.value === 'string' ? c.value : c.text)).join('\n'), period, patterns);
  const cell = cells[0] ?? EMPTY_CELL;
  if (typeof cell.value === 'string') return parseProgressText(cell.text, cell.markup, period, patterns);
  return parseProgress(cell.text ? cell.value : null, period, patterns);
}

/**
 * An action's progress where a plan keeps several progress columns ("Q1 update", "Q2 update"), or
 * one dated by its heading ("Latest position (Jan 2026)"): the latest note is read; a column dated
 * by its heading dates the note when it has no date of its own, and the older columns' dated notes
 * are its earlier updates.
 */
function latestProgress(sheet: ShownSheet, rows: number[], reading: PlanReading, period: PlanPeriod): Progress {
  const filledIn = (m: ColumnMatch) => rows.map((r) => readCell(sheet, r, m.col)).filter((c) => c.text !== '');
  const [latest, ...older] = reading.progressColumns.filter((m) => filledIn(m).length > 0);
  if (!latest) return progressOf([], period, reading.patterns);
  const progress = progressOf(filledIn(latest), period, reading.patterns);
  if (!latest.dated && !older.some((m) => m.dated)) return progress;
  const earlier = older
    .filter((m) => m.dated)
    .map((m) => ({ date: m.dated!, text: filledIn(m).map((c) => c.text).join('\n') }))
    .reverse();
  const own = progress.updates.length || !latest.dated ? progress.updates : [{ date: latest.dated, text: progress.text }];
  const updates = [...earlier, ...own];
  const last = updates.reduce<(typeof updates)[number] | null>((a, u) => (!a || u.date >= a.date ? u : a), null);
  return { ...progress, updates, lastUpdate: last?.date ?? null, lastUpdateText: last?.text ?? null };
}

/** The filled cells of a column on the given rows, with their addresses. */
function milestoneCells(sheet: ShownSheet, rows: number[], col: number): { text: string; cell: string }[] {
  return rows.flatMap((r) => {
    const { text } = readCell(sheet, r, col);
    return text === '' ? [] : [{ text, cell: `${columnLetter(col)}${r}` }];
  });
}

/** An action from its draft: each field's cells over the action's rows, read and joined. */
export function toAction(sheet: ShownSheet, columns: ColumnMap, d: Draft, period: PlanPeriod, reading: PlanReading = planReading(columns, [])): Action {
  const [row] = d.rows;
  const lastRow = d.rows[d.rows.length - 1];
  /** The filled cells of a field over the action's rows. */
  const filled = (field: Continued): Cell[] => {
    const m = columns[field];
    return m ? d.rows.map((r) => readCell(sheet, r, m.col)).filter((c) => c.text !== '') : [];
  };
  const parts = Object.fromEntries(CONTINUED.map((f) => [f, filled(f)])) as Record<Continued, Cell[]>;
  const texts = (field: Continued) => parts[field].map((c) => c.text);

  // The ref and the action come from the first row alone; the other fields from every row.
  const firstRowMarkup = (field: 'ref' | 'action') => {
    const m = columns[field];
    return m !== null && readCell(sheet, row, m.col).markup;
  };
  const markup = FIELDS.filter((f) => (f === 'ref' || f === 'action' ? firstRowMarkup(f) : (CONTINUED as readonly Field[]).includes(f) && parts[f as Continued].some((c) => c.markup)));

  const cells: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const m = columns[f];
    if (m) cells[f] = `${columnLetter(m.col)}${row}`;
  }

  const timescale = timescaleOf(parts.timescale, period, reading);
  const progress = reading.progressColumns.length > 1 || reading.progressColumns[0]?.dated ? latestProgress(sheet, d.rows, reading, period) : progressOf(parts.progress, period, reading.patterns);
  return {
    sheet: sheet.name,
    row,
    lastRow,
    ref: d.ref,
    refSource: d.refSource,
    priority: d.priority,
    action: d.action,
    outcome: texts('outcome').join('\n'),
    lead: texts('lead').join('; '),
    timescale,
    progress: { ...progress, revised: afterDue(progress.revised, timescale.due) },
    agreedRag: texts('rag')[0] ?? null,
    milestoneRags: columns.rag ? milestoneCells(sheet, d.rows.slice(1), columns.rag.col) : [],
    statusText: texts('status')[0] ?? null,
    cells,
    markup,
  };
}

/**
 * A new date written without its year ("postponed to May") falls after the date it replaces: in a
 * plan due in January 2016, May is May 2016, though the plan period began in April 2015.
 */
function afterDue(revised: Progress['revised'], due: IsoDate | null): Progress['revised'] {
  if (!revised?.yearless) return revised;
  const { yearless: _, ...rest } = revised;
  let next = rest.newDue;
  while (next && due && next <= due) next = nextYear(next);
  return { ...rest, newDue: next };
}

/** The same day a year on; the end of February when the day is the 29th. */
function nextYear(iso: IsoDate): IsoDate {
  const { year, month, day } = parseIso(iso);
  return isValidDate(year + 1, month, day) ? isoFromParts(year + 1, month, day) : endOfMonth(year + 1, month);
}
