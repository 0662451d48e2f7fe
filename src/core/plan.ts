import { isStateSheet } from './state';
import type { Action, Finding, Plan, PlanPeriod } from './model';
import { FieldParser } from './actions';
import { findRegions } from './regions';
import { PlanReader } from './rows';
import type { Settings } from './settings';
import type { WorkbookSnapshot } from './snapshot';
import { missingColumns } from './validate';

/**
 * Finds the plans in a workbook snapshot and reads their actions.
 *
 * A plan is an Excel table whose headings name plan fields, or a plain range under such a header
 * row within the first 30 rows of a sheet. Boards lay plans out in a few recurring ways, read here
 * as follows:
 *
 * - Stacked sections: a section row ("Priority 2a: To be assured …", "Key Priority 1", "Strategic
 *   Priority (1) …", or a row with text in a single cell of the ref or an unnamed column) starts a
 *   priority; a repeated header row under it is skipped. A section row that only gives a number
 *   ("Key Priority 1") takes the single-text row under it as the rest of its title.
 * - Continuation rows, read the way a board officer reads them:
 *   - a row with a blank ref (or Issue) cell but its own action text is a separate action, under the
 *     same priority, with no ref of its own (it does not inherit the item's number, so numbering
 *     checks never report it as a duplicate);
 *   - a row with neither ref nor action text but other cells filled adds its timescale, progress,
 *     lead and outcome to the action above (that action's lastRow grows);
 *   - a row with only text in the ref column, followed by such ref-less actions, is a heading for
 *     them, not an action.
 * - Refs: the ref column's text; an Issue-style cell that starts with a number ("4. Gather assurance
 *   …") gives the number as the ref and, when the action cell is blank, its text as the action; else
 *   a numeric ref at the start of the action text ("1.1.1 To develop …").
 * - Priorities come from a priority column, else section rows, else a sheet or table name such as
 *   "Priority 2", else the first part of a two-level ref ("2a.1" → "2a").
 *
 * Hidden sheets, BoardPlan's own sheets and the sheets in skipSheets are not read.
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

/** Whether an action starts on a row; a plan's actions are in row order. */
function hasActionAt(actions: Action[], row: number): boolean {
  let lo = 0;
  let hi = actions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (actions[mid].row === row) return true;
    if (actions[mid].row < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function readPlans(snapshot: WorkbookSnapshot, opts: ReadPlansOptions): ReadPlansResult {
  const skip = new Set(opts.skipSheets ?? []);
  const overrides = opts.columns ?? {};
  const plans: Plan[] = [];
  const findings: Finding[] = [];
  const parser = new FieldParser(opts.planPeriod);

  for (const sheet of snapshot.sheets) {
    if (skip.has(sheet.name) || sheet.visibility !== 'visible' || isStateSheet(sheet)) continue;
    const tables = snapshot.tables.filter((t) => t.sheet === sheet.name);
    const regions = findRegions(sheet, tables, overrides);
    // What BoardPlan wrote beside the plans read so far, which lie above the next: a rating and a
    // reason on each action's row. The officer's own cells in those columns are not BoardPlan's.
    const written: { cols: number[]; actions: Action[] }[] = [];
    const ownedCell = (row: number, col: number) => written.some((w) => w.cols.includes(col) && hasActionAt(w.actions, row));
    for (const region of regions) {
      const others = region.table ? [] : tables;
      const { plan, refsFromText } = new PlanReader(sheet, region, parser, others, ownedCell).read();
      const cols = [plan.owned.proposed, plan.owned.reason].filter((c): c is number => c !== null);
      if (cols.length) written.push({ cols, actions: plan.actions });
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
