import { z } from 'zod';
import { FindingSchema, StatusSchema, TimescaleKindSchema } from './model';
import type { CheckResult } from './refresh';

/** The JSON `boardplan check --json` prints: a documented, stable contract for scripts. */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const ColumnRef = z.object({ column: z.string(), header: z.string() }).nullable();

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
  columns: z.object(Object.fromEntries(REPORT_FIELDS.map((f) => [f, ColumnRef])) as Record<(typeof REPORT_FIELDS)[number], typeof ColumnRef>),
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
      columns: Object.fromEntries(
        REPORT_FIELDS.map((f) => {
          const m = plan.columns[f];
          return [f, m ? { column: m.letter, header: m.header } : null];
        }),
      ) as CheckReport['plans'][number]['columns'],
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
