import { columnLetter } from './cells';
import type { ColumnMap } from './columns';
import { FIELDS, type Action, type Field, type PlanPeriod, type Progress, type Timescale } from './model';
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

/** A timescale written over one or more cells: over several, read as one text ("Contract signed July 15" + "First review Dec 15"). */
function timescaleOf(cells: Cell[], period: PlanPeriod): Timescale {
  if (cells.length === 0) return parseTimescale(null, 'General', period);
  if (cells.length === 1) return parseTimescale(cells[0].value, cells[0].format, period);
  return parseTimescale(cells.map((c) => c.text).join(' '), 'General', period);
}

/** A progress note written in one cell (read as it shows, markup stripped) or over several (as one note). */
function progressOf(cells: Cell[], period: PlanPeriod): Progress {
  if (cells.length > 1) return parseProgress(cells.map((c) => (typeof c.value === 'string' ? c.value : c.text)).join('\n'), period);
  const cell = cells[0] ?? EMPTY_CELL;
  if (typeof cell.value === 'string') return parseProgressText(cell.text, cell.markup, period);
  return parseProgress(cell.text ? cell.value : null, period);
}

/** An action from its draft: each field's cells over the action's rows, read and joined. */
export function toAction(sheet: ShownSheet, columns: ColumnMap, d: Draft, period: PlanPeriod): Action {
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
    timescale: timescaleOf(parts.timescale, period),
    progress: progressOf(parts.progress, period),
    agreedRag: texts('rag')[0] ?? null,
    statusText: texts('status')[0] ?? null,
    cells,
    markup,
  };
}
