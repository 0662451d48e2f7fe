import { z } from 'zod';
import type { IsoDate } from './cells';

/**
 * The engine's vocabulary: fields of a plan table, the parsed action, the status it gets and the
 * findings about it. Types that cross a boundary (JSON output, settings) come from zod schemas.
 */

export const FIELDS = ['ref', 'action', 'outcome', 'lead', 'timescale', 'progress', 'priority', 'rag', 'status'] as const;
export const FieldSchema = z.enum(FIELDS);
export type Field = z.infer<typeof FieldSchema>;

/** Without these a plan cannot be assessed. */
export const REQUIRED_FIELDS: readonly Field[] = ['action', 'timescale'];
/** Expected in every plan; their absence is a warning. */
export const EXPECTED_FIELDS: readonly Field[] = ['ref', 'lead', 'progress', 'outcome'];

export const STATUSES = ['complete', 'overdue', 'at-risk', 'on-track', 'not-assessed'] as const;
export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

export const TIMESCALE_KINDS = ['date', 'month', 'range', 'multi', 'quarter', 'fy', 'season', 'recurring', 'ongoing', 'unknown'] as const;
export const TimescaleKindSchema = z.enum(TIMESCALE_KINDS);
export type TimescaleKind = z.infer<typeof TimescaleKindSchema>;

export interface PlanPeriod {
  start: IsoDate;
  end: IsoDate;
}

export interface Timescale {
  /** The cell's text as shown (a date cell is shown in its number format's sense). */
  text: string;
  kind: TimescaleKind;
  /** The date the action is due by; null for recurring, ongoing and unknown. */
  due: IsoDate | null;
  /** Every date named in the cell, in order; due is the last. */
  milestones: IsoDate[];
  /** high: a full date; medium: month/quarter/year given; low: year inferred or guessed. */
  confidence: 'high' | 'medium' | 'low';
  /** Milestones that fall outside the plan period (kept, but worth checking). */
  outOfPeriod: IsoDate[];
  /** The text holds a placeholder such as ???, TBC or TBA. */
  placeholder: boolean;
  /** "From 01.04.11", "March 2015 – Ongoing": when ongoing work started. */
  start: IsoDate | null;
  /** "31 August (annually)", "each April": the days of the year a yearly task comes round on. */
  yearly?: YearlyDate[];
}

/** A day of the year a task comes round on: a month, or a day of it ("31 August"). */
export interface YearlyDate {
  month: number;
  /** null: by the month's end. */
  day: number | null;
}

export interface ProgressUpdate {
  /** Date the update was written for; a month-only heading ("Update Dec 15") is the month's last day. */
  date: IsoDate;
  text: string;
}

export interface Progress {
  /** The note with markup removed and whitespace tidied: safe to show. */
  text: string;
  updates: ProgressUpdate[];
  lastUpdate: IsoDate | null;
  lastUpdateText: string | null;
  complete: boolean;
  notStarted: boolean;
  notDue: boolean;
  /** Words that say the work has fallen behind ("behind schedule", "on hold"); null when none. */
  setback?: string | null;
  /** How far through the note says the work is ("75% complete"); null when it says not. */
  percent?: number | null;
  /** The note records a revised or slipped date. */
  revised: {
    text: string;
    originalDue: IsoDate | null;
    newDue: IsoDate | null;
    /** The new date was written without its year ("postponed to May"): it falls after the date it replaces. */
    yearless?: true;
  } | null;
  /** The raw note contained markup such as <b>. */
  hadMarkup: boolean;
}

/** Where a plan or a column choice came from: BoardPlan's recognition, the workbook's settings, or a command-line option. */
export const SOURCES = ['recognised', 'settings', 'option'] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

export interface ColumnMatch {
  col: number;
  letter: string;
  header: string;
  /** Why the reader chose this column for its field: "heading 'Who will lead?'", "set in BoardPlan's Columns settings". */
  reason?: string;
  /** Who chose it; recognised when absent. */
  source?: Source;
  /** A progress column dated by its heading ("Q2 update", "Progress at March 2014"): the date its notes were written for. */
  dated?: IsoDate;
}

export interface Priority {
  /** Short id: "1", "2a", or a slug of the title when the plan numbers nothing. */
  id: string;
  title: string;
  sheet: string;
  source: 'column' | 'section' | 'table' | 'sheet' | 'ref';
}

export interface Action {
  sheet: string;
  /** First row of the action; continuation rows run to lastRow. */
  row: number;
  lastRow: number;
  ref: string | null;
  refSource: 'column' | 'action-text' | null;
  /** Id of the priority it belongs to. */
  priority: string | null;
  action: string;
  outcome: string;
  lead: string;
  timescale: Timescale;
  progress: Progress;
  /** Text of the board's own RAG cell, if the plan has one. */
  agreedRag: string | null;
  /** The board's RAG cells on the action's further rows (one per milestone), where they hold any. */
  milestoneRags: { text: string; cell: string }[];
  statusText: string | null;
  /** A1 address of each field's cell on the action's first row. */
  cells: Partial<Record<Field, string>>;
  /** Fields whose cell held markup (<p>, <b>, &amp;…) that is shown without it. */
  markup?: Field[];
}

export interface Plan {
  /** Stable id: "Sheet!Table" or "Sheet!A5" (the header row's first cell). */
  id: string;
  sheet: string;
  table: string | null;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
  columns: Record<Field, ColumnMatch | null>;
  /** Progress columns before the latest (columns.progress), oldest first: "Quarter 1 update", "Q2 update". */
  progressHistory?: ColumnMatch[];
  /** Whether BoardPlan found the plan or the officer pointed at it (settings, or --plan); recognised when absent. */
  source?: Source;
  priorities: Priority[];
  actions: Action[];
  /** BoardPlan's own columns already present next to the plan (found by their headers). */
  owned: { proposed: number | null; reason: number | null };
}

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const RULES = [
  'no-plan',
  'missing-column',
  'blank-cell',
  'timescale-unknown',
  'placeholder',
  'duplicate-ref',
  'ref-priority-mismatch',
  'date-outside-period',
  'stale-update',
  'excel-error',
  'markup',
  'rag-disagreement',
  'rag-unrecognised',
] as const;
export const RuleSchema = z.enum(RULES);
export type Rule = z.infer<typeof RuleSchema>;

export const FindingSchema = z.object({
  severity: SeveritySchema,
  rule: RuleSchema,
  sheet: z.string(),
  cell: z.string().nullable(),
  message: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export interface Assessment {
  status: Status;
  /** Label of the rating the engine proposes, in the scheme. */
  proposed: string;
  /** Label of the rating the board agreed by hand, if any and recognised. */
  agreed: string | null;
  /** The rating that counts: agreed when present, else proposed. */
  effective: string;
  /** The status the effective rating stands for (agreed ratings map back through the scheme). */
  effectiveStatus: Status;
  /** One plain-English sentence. */
  reason: string;
}

export interface AssessedAction {
  action: Action;
  assessment: Assessment;
}

export interface AssessedPlan {
  plan: Plan;
  actions: AssessedAction[];
}
