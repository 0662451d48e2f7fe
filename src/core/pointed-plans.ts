import { columnNumber } from './cells';
import type { HeaderCell } from './columns';
import { normaliseHeader } from './heading-words';
import { FIELDS, type Field, type Source } from './model';
import { PlanPointerSchema, type PlanPointer, type Settings } from './settings';

/**
 * Plans the officer points at when recognition finds none or finds the wrong one: a range selected
 * in the pane ("Use the selected range as a plan", kept in the settings), a header row chosen in
 * the Columns settings ("Sheet!A5"), or `--plan "'Sheet name'!A3:H40"` on the command line. And the
 * columns named for a field by `--map lead=Owner`: a heading of the plan, or a column letter.
 */

export interface PointedPlan extends PlanPointer {
  source: Exclude<Source, 'recognised'>;
}

/** Where a pointer lies on its sheet: its first row and column, and its last when it gives them. */
export interface PointedRange {
  top: number;
  left: number;
  /** Null when the officer gave only the header row (or its first cell): the plan runs down as far as a found one would. */
  bottom: number | null;
  right: number | null;
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d+)$/;

export function pointedRange(range: string): PointedRange | null {
  const [from, to] = range.toUpperCase().split(':');
  const a = CELL.exec(from);
  const b = to === undefined ? null : CELL.exec(to);
  if (!a || (to !== undefined && !b)) return null;
  const top = Number(a[2]);
  const left = columnNumber(a[1]);
  if (!b) return { top, left, bottom: null, right: null };
  const [bottom, right] = [Number(b[2]), columnNumber(b[1])];
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    // A single row is the header row: the plan runs on under it.
    bottom: bottom === top ? null : Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

/** The plans pointed at: the settings' ranges, the header rows keyed in its Columns settings, then the options'. */
export function pointedPlans(settings: Pick<Settings, 'plans' | 'columns'>, options: PlanPointer[] = []): PointedPlan[] {
  const keyed = Object.keys(settings.columns).flatMap((id) => {
    const bang = id.lastIndexOf('!');
    const cell = id.slice(bang + 1);
    return bang > 0 && CELL.test(cell) ? [{ sheet: id.slice(0, bang), range: cell.replace(/\$/g, ''), source: 'settings' as const }] : [];
  });
  return [...settings.plans.map((p) => ({ ...p, source: 'settings' as const })), ...keyed, ...options.map((p) => ({ ...p, source: 'option' as const }))];
}

/**
 * A range as Excel writes its address, or as the officer types it: "'Sheet name'!A3:H40",
 * "Plan!A3:H3", "Plan!A3", or whole rows ("Plan!3:3", "Plan!3:40": the plan's header row is the
 * first, from column A). Null when it names no sheet or no cells.
 */
export function planAtAddress(text: string): PlanPointer | null {
  const bang = text.lastIndexOf('!');
  if (bang <= 0) return null;
  let sheet = text.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  let range = text.slice(bang + 1).trim().toUpperCase().replace(/\$/g, '');
  const rows = /^(\d+):(\d+)$/.exec(range);
  if (rows) range = `A${Math.min(Number(rows[1]), Number(rows[2]))}`;
  const parsed = PlanPointerSchema.safeParse({ sheet, range });
  return parsed.success ? parsed.data : null;
}

/** `--plan` as the officer types it (see planAtAddress): a pointer, or a sentence saying what to type. */
export function parsePlanOption(text: string): PlanPointer | string {
  return (
    planAtAddress(text) ??
    `--plan needs a sheet and a range, like --plan "'Delivery plan'!A5:H40" (the whole plan) or --plan "'Delivery plan'!A5:H5" (its header row), not "${text}".`
  );
}

/** `--map field=…` entries: the column a field is in (a heading or a letter), or null for none. */
export type ColumnNames = Partial<Record<Field, string | null>>;

/**
 * `--map` as the officer types it: "lead=Owner", "timescale=F", "outcome=none". The result is the
 * field and its column, or a sentence saying what to type.
 */
export function parseMapOption(text: string): { field: Field; column: string | null } | string {
  const eq = text.indexOf('=');
  const field = text.slice(0, Math.max(0, eq)).trim().toLowerCase() as Field;
  const column = text.slice(eq + 1).trim();
  if (eq < 0 || !FIELDS.includes(field) || !column) {
    return `--map needs a field and a column, like --map lead=Owner or --map timescale=F (fields: ${FIELDS.join(', ')}; "none" for no such column), not "${text}".`;
  }
  return { field, column: column.toLowerCase() === 'none' ? null : column };
}

/** The column an officer named: a heading of the plan (as written, in any case), else a column letter. */
export function resolveColumn(name: string, headings: HeaderCell[]): number | null {
  const wanted = normaliseHeader(name);
  const heading = headings.find((h) => normaliseHeader(h.text) === wanted);
  if (heading) return heading.col;
  return /^[A-Za-z]{1,3}$/.test(name.trim()) ? columnNumber(name.trim()) : null;
}
