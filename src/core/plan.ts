import type { Finding, Plan, PlanPeriod } from './model';
import { findRegions } from './regions';
import { readPlan } from './rows';
import type { Settings } from './settings';
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
  /** Column overrides keyed by plan id. */
  columns?: Settings['columns'];
  /** BoardPlan's own sheets (its state sheet is always skipped). */
  skipSheets?: string[];
}

export interface ReadPlansResult {
  plans: Plan[];
  findings: Finding[];
}

export function readPlans(snapshot: WorkbookSnapshot, opts: ReadPlansOptions): ReadPlansResult {
  const skip = new Set(opts.skipSheets ?? []);
  const overrides = opts.columns ?? {};
  const plans: Plan[] = [];
  const findings: Finding[] = [];

  for (const sheet of snapshot.sheets) {
    if (skip.has(sheet.name) || sheet.visibility !== 'visible' || isStateSheet(sheet)) continue;
    const tables = snapshot.tables.filter((t) => t.sheet === sheet.name);
    const shown = showSheet(sheet);
    // What BoardPlan wrote beside the plans read so far, which lie above the next: its headings on
    // the header row, and a rating and a reason on each action's row. The officer's own cells in
    // those columns are not BoardPlan's.
    const read: Plan[] = [];
    const ownedCell = (row: number, col: number) =>
      read.some((p) => (col === p.owned.proposed || col === p.owned.reason) && (row === p.headerRow || p.actions.some((a) => a.row === row)));
    for (const region of findRegions(shown, tables, overrides)) {
      const { plan, refsFromText } = readPlan(shown, region, { planPeriod: opts.planPeriod, ownedCell });
      read.push(plan);
      plans.push(plan);
      findings.push(...missingColumns(plan, refsFromText));
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
        'No plan table found: BoardPlan looks for a header row with columns such as Ref, Action, Lead, Timescale and Progress in the first 30 rows of each sheet, or an Excel table.',
    });
  }
  return { plans, findings };
}
