import { z } from 'zod';
import { parseA1 } from './cells';

/**
 * A WorkbookPatch is everything a refresh writes, as plain data. It names only what BoardPlan owns:
 * its columns beside each plan, its conditional-format rules, its own sheets. Hosts apply it as it
 * is; every decision (where a column goes, which sheet name is free) was made in the core.
 *
 * Strings are always written as text, never parsed as formulas or numbers.
 */

/** The number format every string value is stored under: text, so Excel never reads it as a number, date or formula. */
export const TEXT_FORMAT = '@';

/** The number format of a date value whose style gives none. */
export const DATE_FORMAT = 'd mmm yyyy';

/** Marker inside every conditional-format formula BoardPlan writes: N("…") is 0, so it changes nothing. */
export const CF_MARKER = 'N("BoardPlan")=0';

/** Whether a conditional-format formula is one of BoardPlan's: a refresh replaces those and no others. */
export function isOwnedRule(formula: unknown): boolean {
  return typeof formula === 'string' && formula.includes(CF_MARKER);
}

export const OWNED_HEADERS = { proposed: 'RAG (proposed)', reason: 'RAG reason' } as const;

/** Name of BoardPlan's hidden sheet (settings and the list of sheets it owns). */
export const STATE_SHEET = 'BoardPlan';

const Hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/);

export const StyleSchema = z.object({
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  /** A single underline (a link's look). */
  underline: z.boolean().optional(),
  size: z.number().optional(),
  fill: Hex.optional(),
  font: Hex.optional(),
  wrap: z.boolean().optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
  valign: z.enum(['top', 'center', 'bottom']).optional(),
  border: z.boolean().optional(),
  /** Only for number and date cells. */
  numberFormat: z.string().optional(),
});
export type Style = z.infer<typeof StyleSchema>;

/** A cell value: text, a number, a date (ISO, written as a real date), or empty. */
export const PatchValueSchema = z.union([z.string(), z.number(), z.object({ date: z.string() }), z.null()]);
export type PatchValue = z.infer<typeof PatchValueSchema>;

/** BoardPlan's column beside a plan: header cell plus one value per row from firstRow. */
export const OwnedColumnSchema = z.object({
  sheet: z.string(),
  col: z.number().int().min(1),
  headerRow: z.number().int().min(1),
  header: z.string(),
  firstRow: z.number().int().min(1),
  values: z.array(z.string().nullable()),
  /** Cells below the values, down to this row, are cleared (the plan got shorter). */
  clearToRow: z.number().int().min(0),
  width: z.number().optional(),
  /**
   * How the heading cell looks, whatever the plan's own headings look like (their typeface and size
   * are kept). The plan's header row is the user's: its height is never changed, so the heading
   * must fit the column on one line.
   */
  headerStyle: StyleSchema.optional(),
});
export type OwnedColumn = z.infer<typeof OwnedColumnSchema>;

export const ConditionalFormatSchema = z.object({
  /** "A5:H40" on the sheet. */
  address: z.string(),
  /** Excel formula relative to the range's top-left cell; always contains CF_MARKER. */
  formula: z.string(),
  fill: Hex.optional(),
  font: Hex.optional(),
  bold: z.boolean().optional(),
});
export type ConditionalFormat = z.infer<typeof ConditionalFormatSchema>;

/** The full set of BoardPlan's rules for a sheet: hosts remove its old marked rules and add these. */
export const SheetRulesSchema = z.object({
  sheet: z.string(),
  rules: z.array(ConditionalFormatSchema),
});
export type SheetRules = z.infer<typeof SheetRulesSchema>;

export const LinkSchema = z.object({
  /** Cell on the generated sheet that holds the link. */
  cell: z.string(),
  /** Target sheet and cell in the workbook. */
  sheet: z.string(),
  target: z.string(),
});
export type Link = z.infer<typeof LinkSchema>;

/** What a link shows: its cell's value, or the name of the sheet it goes to when the cell is empty. */
export function linkText(rows: PatchValue[][], link: Link): string {
  const at = parseA1(link.cell);
  const v = at ? rows[at.row - 1]?.[at.col - 1] : null;
  if (v === null || v === undefined || v === '') return link.sheet;
  return typeof v === 'object' ? v.date : String(v);
}

export const ChartSchema = z.object({
  type: z.literal('barStacked'),
  title: z.string(),
  /** Categories, e.g. priority names: "A5:A9". */
  categories: z.string(),
  series: z.array(
    z.object({
      name: z.string(),
      values: z.string(),
      colour: Hex,
      /** Colour of the series' data labels, readable on its fill. */
      labelColour: Hex.optional(),
      /** Points (0-based, in category order) left without a label, such as a count of 0. */
      unlabelled: z.array(z.number().int().min(0)).optional(),
    }),
  ),
  /** What each bar segment is labelled with, so the chart reads in grey print; none when absent. */
  labels: z.enum(['value', 'name-and-value']).optional(),
  /** Top-left and bottom-right cells the chart covers. */
  from: z.string(),
  to: z.string(),
});
export type Chart = z.infer<typeof ChartSchema>;

export const GeneratedSheetSchema = z.object({
  name: z.string().min(1).max(31),
  visibility: z.enum(['visible', 'hidden', 'veryHidden']).default('visible'),
  /** Values from A1, row by row. */
  rows: z.array(z.array(PatchValueSchema)),
  styles: z.array(z.object({ address: z.string(), style: StyleSchema })).default([]),
  links: z.array(LinkSchema).default([]),
  merges: z.array(z.string()).default([]),
  widths: z.array(z.object({ col: z.number().int().min(1), width: z.number() })).default([]),
  /** Row heights in points, set from the wrapped text: written, so that no program has to guess them. */
  heights: z.array(z.object({ row: z.number().int().min(1), height: z.number().positive() })).optional(),
  /** The typeface and size every cell of the sheet starts from (styles may change the size). */
  font: z.object({ name: z.string().min(1), size: z.number().positive() }).optional(),
  freezeRows: z.number().int().min(0).default(0),
  tabColor: Hex.optional(),
  chart: ChartSchema.optional(),
  print: z
    .object({
      orientation: z.enum(['portrait', 'landscape']),
      fitToWidth: z.boolean(),
      /** Rows repeated at the top of each printed page: "1:4". */
      titleRows: z.string().optional(),
      area: z.string().optional(),
      /** Rows that start a new printed page (manual page breaks above them). */
      breaks: z.array(z.number().int().min(2)).optional(),
    })
    .optional(),
});
export type GeneratedSheet = z.infer<typeof GeneratedSheetSchema>;

export const WorkbookPatchSchema = z.object({
  columns: z.array(OwnedColumnSchema).default([]),
  rules: z.array(SheetRulesSchema).default([]),
  /** Created, or replaced when BoardPlan already owns a sheet of that name. */
  sheets: z.array(GeneratedSheetSchema).default([]),
  /** BoardPlan's own sheets that this refresh no longer produces. */
  deleteSheets: z.array(z.string()).default([]),
});
export type WorkbookPatch = z.infer<typeof WorkbookPatchSchema>;
