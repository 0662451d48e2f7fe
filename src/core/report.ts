import { z } from 'zod';
import { FindingSchema, SourceSchema, StatusSchema, TimescaleKindSchema, type ColumnMatch } from './model';
import type { CheckResult } from './refresh';

/** The JSON `boardplan check --json` prints: a documented, stable contract for scripts. */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A column a field was read from: its letter, its heading, why it was chosen and by whom. */
const Column = z.object({ column: z.string(), header: z.string(), reason: z.string(), source: SourceSchema });
const ColumnRef = Column.nullable();

export const REPORT_FIELDS = ['ref', 'action', 'outcome', 'lead', 'timescale', 'progress', 'priority', 'rag', 'status'] as const;

export const ReportActionSchema = z.object({
  row: z.number().int(),
  ref: z.string().nullable(),
  priority: z.string().nullable(),
  action: z.string(),
  lead: z.string(),
  timescale: z.object({
    text: z.string(),
    kind: TimescaleKindSchema,
    due: IsoDate.nullable(),
    milestones: z.array(IsoDate),
  }),
  progress: z.object({ lastUpdate: IsoDate.nullable(), complete: z.boolean() }),
  status: StatusSchema,
  rag: z.object({ proposed: z.string(), agreed: z.string().nullable(), effective: z.string() }),
  reason: z.string(),
});

export const ReportPlanSchema = z.object({
  sheet: z.string(),
  table: z.string().nullable(),
  headerRow: z.number().int(),
  /** Whether BoardPlan recognised the plan or the officer pointed at it (settings, or --plan). */
  source: SourceSchema,
  columns: z.object({
    ...(Object.fromEntries(REPORT_FIELDS.map((f) => [f, ColumnRef])) as Record<(typeof REPORT_FIELDS)[number], typeof ColumnRef>),
    /** Older progress columns beside the latest (progress), oldest first: "Q1 update", "Q2 update". */
    progressHistory: z.array(Column),
  }),
  actions: z.array(ReportActionSchema),
});

export const CheckReportSchema = z.object({
  file: z.string(),
  asOf: IsoDate,
  scheme: z.string(),
  planPeriod: z.object({ start: IsoDate, end: IsoDate }),
  plans: z.array(ReportPlanSchema),
  issues: z.array(FindingSchema),
});
export type CheckReport = z.infer<typeof CheckReportSchema>;

function columnRef(m: ColumnMatch): z.infer<typeof Column> {
  return { column: m.letter, header: m.header, reason: m.reason ?? '', source: m.source ?? 'recognised' };
}

export function toReport(result: CheckResult, file: string): CheckReport {
  return {
    file,
    asOf: result.asOf,
    scheme: result.scheme.name,
    planPeriod: { start: result.planPeriod.start, end: result.planPeriod.end },
    plans: result.plans.map(({ plan, actions }) => ({
      sheet: plan.sheet,
      table: plan.table,
      headerRow: plan.headerRow,
      source: plan.source ?? 'recognised',
      columns: {
        ...(Object.fromEntries(
          REPORT_FIELDS.map((f) => {
            const m = plan.columns[f];
            return [f, m ? columnRef(m) : null];
          }),
        ) as Record<(typeof REPORT_FIELDS)[number], z.infer<typeof ColumnRef>>),
        progressHistory: (plan.progressHistory ?? []).map(columnRef),
      },
      actions: actions.map(({ action, assessment }) => ({
        row: action.row,
        ref: action.ref,
        priority: action.priority,
        action: action.action,
        lead: action.lead,
        timescale: {
          text: action.timescale.text,
          kind: action.timescale.kind,
          due: action.timescale.due,
          milestones: action.timescale.milestones,
        },
        progress: { lastUpdate: action.progress.lastUpdate, complete: action.progress.complete },
        status: assessment.status,
        rag: { proposed: assessment.proposed, agreed: assessment.agreed, effective: assessment.effective },
        reason: assessment.reason,
      })),
    })),
    issues: result.findings.map((f) => ({ severity: f.severity, rule: f.rule, sheet: f.sheet, cell: f.cell, message: f.message })),
  };
}
