import { z } from 'zod';
import { isIsoDate } from './cells';
import { FieldSchema } from './model';
import { SchemeSchema } from './schemes';

/**
 * Settings travel with the workbook (in BoardPlan's hidden sheet) so that the task pane, the ribbon
 * button and the command line all use the same mapping and scheme.
 */

const IsoDateSchema = z.string().refine(isIsoDate, 'a date of the calendar as YYYY-MM-DD');

export const PlanPeriodSchema = z
  .object({ start: IsoDateSchema, end: IsoDateSchema })
  .refine((p) => p.start <= p.end, { message: 'the plan period must end after it starts', path: ['end'] });

/** Column letter per field ("B"), or null to say the plan has no such column. */
export const ColumnOverrideSchema = z.partialRecord(FieldSchema, z.string().regex(/^[A-Z]{1,3}$/, 'a column letter such as B').nullable());
export type ColumnOverride = z.infer<typeof ColumnOverrideSchema>;

/** A plan the officer pointed at: its sheet, and its range ("A3:H40") or its header row ("A3:H3", or "A3" for the row from A). */
export const PlanPointerSchema = z.object({
  sheet: z.string().min(1, 'the name of a sheet'),
  range: z.string().regex(/^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$/, 'a range such as A3:H40'),
});
export type PlanPointer = z.infer<typeof PlanPointerSchema>;

export const FormatStyleSchema = z.enum(['cell', 'cell+progress', 'row']);
export type FormatStyle = z.infer<typeof FormatStyleSchema>;

export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  /** A preset's name ("brag", "off-target", "rag") or "custom" to use customScheme. */
  scheme: z.string().default('brag'),
  customScheme: SchemeSchema.optional(),
  dueSoonDays: z.number().int().min(0, 'cannot be negative').max(365, 'at most 365 days').default(30),
  /** null: read it from the workbook's title, else the financial year of the as-of date. */
  planPeriod: PlanPeriodSchema.nullable().default(null),
  /** 'today' or the end of the last completed UK financial quarter. */
  asOf: z.enum(['today', 'quarter-end']).default('today'),
  /** Keyed by plan id ("Sheet!Table" or "Sheet!A5"). */
  columns: z.record(z.string(), ColumnOverrideSchema).default({}),
  /** Plans the officer pointed at ("Use the selected range as a plan"), found whatever their headings. */
  plans: z.array(PlanPointerSchema).default([]),
  format: z
    .object({
      style: FormatStyleSchema.default('row'),
      symbols: z.boolean().default(false),
    })
    .prefault({}),
  summaries: z
    .object({
      perPriority: z.boolean().default(true),
      overview: z.boolean().default(true),
      exceptions: z.boolean().default(true),
      perLead: z.boolean().default(false),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** A readable list of what is wrong with settings input, one line per problem, naming the field. */
export function describeSettingsErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'settings'}: ${i.message}`);
}
