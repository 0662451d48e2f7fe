import { a1, columnLetter } from '../../../src/core/cells';
import type { Action, AssessedPlan, ColumnMatch, Field, Plan, Priority, Progress, Status, Timescale } from '../../../src/core/model';
import { FIELDS } from '../../../src/core/model';
import { ratingFor, recogniseRating, statusForRating, type Scheme } from '../../../src/core/schemes';
import type { CellValue, SheetSnapshot } from '../../../src/core/snapshot';

/**
 * Small assessed plans built by hand for the formatting and summary tests: the shapes the plan
 * reader and the assessor produce, without running them.
 */

export interface ActionSpec {
  row: number;
  lastRow?: number;
  ref?: string | null;
  priority?: string | null;
  action?: string;
  lead?: string;
  timescale?: string;
  due?: string | null;
  status: Status;
  /** What the board typed in its own RAG cell. */
  agreed?: string | null;
  reason?: string;
  update?: { date: string; text: string };
  revisedDue?: string;
  progressText?: string;
}

export interface PlanSpec {
  sheet: string;
  table?: string | null;
  headerRow: number;
  lastRow: number;
  firstCol?: number;
  lastCol: number;
  /** Column number per field. */
  columns: Partial<Record<Field, number>>;
  priorities?: [id: string, title: string][];
  owned?: { proposed: number | null; reason: number | null };
}

function timescale(text: string, due: string | null): Timescale {
  return { text, kind: due ? 'month' : 'unknown', due, milestones: due ? [due] : [], confidence: 'medium', outOfPeriod: [], placeholder: false, start: null };
}

function progress(spec: ActionSpec): Progress {
  const updates = spec.update ? [spec.update] : [];
  return {
    text: spec.progressText ?? (spec.update ? `Update: ${spec.update.text}` : ''),
    updates,
    lastUpdate: spec.update?.date ?? null,
    lastUpdateText: spec.update?.text ?? null,
    complete: spec.status === 'complete',
    notStarted: false,
    notDue: false,
    revised: spec.revisedDue ? { text: `revised to ${spec.revisedDue}`, originalDue: spec.due ?? null, newDue: spec.revisedDue } : null,
    hadMarkup: false,
  };
}

export function buildPlan(spec: PlanSpec, actions: ActionSpec[], scheme: Scheme): AssessedPlan {
  const firstCol = spec.firstCol ?? 1;
  const columns = Object.fromEntries(
    FIELDS.map((f) => {
      const col = spec.columns[f];
      const match: ColumnMatch | null = col ? { col, letter: columnLetter(col), header: f } : null;
      return [f, match];
    }),
  ) as Record<Field, ColumnMatch | null>;
  const priorities: Priority[] = (spec.priorities ?? []).map(([id, title]) => ({ id, title, sheet: spec.sheet, source: 'section' }));
  const built: Action[] = actions.map((a) => {
    const cells: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) if (spec.columns[f]) cells[f] = a1(a.row, spec.columns[f]!);
    return {
      sheet: spec.sheet,
      row: a.row,
      lastRow: a.lastRow ?? a.row,
      ref: a.ref === undefined ? `R${a.row}` : a.ref,
      refSource: 'column',
      priority: a.priority === undefined ? (priorities[0]?.id ?? null) : a.priority,
      action: a.action ?? `Action on row ${a.row}`,
      outcome: '',
      lead: a.lead ?? 'Lead officer',
      timescale: timescale(a.timescale ?? (a.due ?? 'TBC'), a.due ?? null),
      progress: progress(a),
      agreedRag: a.agreed ?? null,
      milestoneRags: [],
      statusText: null,
      cells,
    };
  });
  const plan: Plan = {
    id: `${spec.sheet}!${a1(spec.headerRow, firstCol)}`,
    sheet: spec.sheet,
    table: spec.table ?? null,
    headerRow: spec.headerRow,
    firstRow: spec.headerRow + 1,
    lastRow: spec.lastRow,
    firstCol,
    lastCol: spec.lastCol,
    columns,
    priorities,
    actions: built,
    owned: spec.owned ?? { proposed: null, reason: null },
  };
  return {
    plan,
    actions: built.map((action, i) => {
      const status = actions[i].status;
      const proposed = ratingFor(scheme, status);
      const agreed = action.agreedRag ? recogniseRating(scheme, action.agreedRag) : null;
      return {
        action,
        assessment: {
          status,
          proposed: proposed.label,
          agreed: agreed?.label ?? null,
          effective: (agreed ?? proposed).label,
          effectiveStatus: agreed ? statusForRating(scheme, agreed) : status,
          reason: actions[i].reason ?? `Reason for row ${action.row}.`,
        },
      };
    }),
  };
}

/** A sheet snapshot whose values start at A1 (null for empty cells). */
export function sheetFrom(name: string, rows: CellValue[][]): SheetSnapshot {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const values = rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] === undefined ? null : r[i])));
  return { name, visibility: 'visible', top: 1, left: 1, values, numberFormats: values.map((r) => r.map(() => 'General')) };
}

/** Puts a value into a grid of rows (1-based row and column), growing it as needed. */
export function put(rows: CellValue[][], row: number, col: number, value: CellValue): void {
  while (rows.length < row) rows.push([]);
  const r = rows[row - 1];
  while (r.length < col) r.push(null);
  r[col - 1] = value;
}
