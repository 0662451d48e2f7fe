import { daysBetween, type IsoDate } from './cells';
import { sheetFeatures } from './cell-features';
import type { Field, Finding, Plan, PlanPeriod } from './model';
import { pointedPlans, type ColumnNames } from './pointed-plans';
import { financialYear } from './quarters';
import { findRegions } from './regions';
import { readPlan } from './rows';
import type { PlanPointer, Settings } from './settings';
import { showSheet } from './sheet-cells';
import type { WorkbookSnapshot } from './snapshot';
import { isStateSheet } from './state';
import { missingColumns } from './validate';

/**
 * Finds the plans in a workbook snapshot and reads their actions: regions.ts finds where each plan
 * sits, columns.ts which column is which field, rows.ts what each row is and actions.ts each
 * action's fields. Hidden sheets, BoardPlan's own sheets and the sheets in skipSheets are not read.
 */

export interface ReadPlansOptions {
  planPeriod: PlanPeriod;
  /** The date the plan is read at: in a plan of several years, a progress heading's yearless date ("Q2 update") is in its financial year. */
  asOf?: IsoDate;
  /** Column overrides keyed by plan id. */
  columns?: Settings['columns'];
  /** Plans the officer pointed at in the pane, kept in the settings. */
  plans?: PlanPointer[];
  /** This run's options: plans pointed at (--plan) and columns named (--map), over the settings. */
  options?: { plans?: PlanPointer[]; map?: ColumnNames };
  /** BoardPlan's own sheets (its state sheet is always skipped). */
  skipSheets?: string[];
}

export interface ReadPlansResult {
  plans: Plan[];
  findings: Finding[];
  /** Fields whose --map column names no heading of any plan found. */
  unmapped: Field[];
}

export function readPlans(snapshot: WorkbookSnapshot, opts: ReadPlansOptions): ReadPlansResult {
  const skip = new Set(opts.skipSheets ?? []);
  const overrides = opts.columns ?? {};
  const pointers = pointedPlans({ columns: overrides, plans: opts.plans ?? [] }, opts.options?.plans);
  const map = opts.options?.map ?? {};
  const plans: Plan[] = [];
  const findings: Finding[] = [];
  const unmapped = new Map<Field, number>();
  const severalYears = daysBetween(opts.planPeriod.start, opts.planPeriod.end) > 366;
  const headingPeriod = opts.asOf && severalYears ? financialYear(opts.asOf) : opts.planPeriod;

  for (const sheet of snapshot.sheets) {
    const pointedHere = pointers.some((p) => p.sheet === sheet.name);
    if ((skip.has(sheet.name) && !pointedHere) || sheet.visibility !== 'visible' || isStateSheet(sheet)) continue;
    const tables = snapshot.tables.filter((t) => t.sheet === sheet.name);
    const shown = showSheet(sheet);
    const ctx = { overrides, pointers, map, headingPeriod, features: sheetFeatures(shown, opts.planPeriod) };
    // What BoardPlan wrote beside the plans read so far, which lie above the next: its headings on
    // the header row, and a rating and a reason on each action's row. The officer's own cells in
    // those columns are not BoardPlan's.
    const read: Plan[] = [];
    const ownedCell = (row: number, col: number) =>
      read.some((p) => (col === p.owned.proposed || col === p.owned.reason) && (row === p.headerRow || p.actions.some((a) => a.row === row)));
    for (const region of findRegions(shown, tables, ctx)) {
      const above = read.filter((p) => p.headerRow < region.headerRow && p.firstCol <= region.lastCol && p.lastCol >= region.firstCol);
      const searchFrom = Math.max(1, ...above.map((p) => p.lastRow + 1));
      const { plan, refsFromText } = readPlan(shown, region, { planPeriod: opts.planPeriod, ownedCell, searchFrom });
      read.push(plan);
      plans.push(plan);
      findings.push(...missingColumns(plan, refsFromText));
      for (const field of region.unmapped) unmapped.set(field, (unmapped.get(field) ?? 0) + 1);
    }
  }

  if (!plans.length) {
    const first = snapshot.sheets.find((s) => !skip.has(s.name) && s.visibility === 'visible') ?? snapshot.sheets[0];
    findings.push({
      severity: 'error',
      rule: 'no-plan',
      sheet: first ? first.name : '',
      cell: null,
      message:
        'No plan table found: BoardPlan looks for a row of headings over the plan\'s actions (such as Ref, Action, Lead, Timescale and Progress, or columns whose cells hold actions, dates and names) in the first 30 rows of each sheet, or an Excel table. Point at the plan: select it and choose "Use the selected range as a plan" in the pane, or run boardplan with --plan "\'Sheet name\'!A3:H40".',
    });
  }
  const everyPlan = [...unmapped.entries()].filter(([, n]) => n === plans.length).map(([f]) => f);
  return { plans, findings, unmapped: plans.length ? everyPlan : Object.keys(map).filter((f) => map[f as Field]) as Field[] };
}
