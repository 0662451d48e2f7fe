import { a1, cellAddressPrefix, formatDate, parseA1, quoteSheet, sheetAddress, type IsoDate } from './cells';
import { cellFinding, newFinding } from './finding';
import { FIELD_LABELS } from './columns';
import { clip, oneLine } from './markup';
import { EXPECTED_FIELDS, REQUIRED_FIELDS, type Action, type Field, type Finding, type Plan, type PlanPeriod, type Rule, type Severity, type Timescale } from './model';
import { refKey, refPriority } from './refs';
import { EXCEL_ERROR, MAYBE_FLAGGED, PLACEHOLDER_ANYWHERE, QUESTION } from './placeholder';
import { previousQuarter, quarterOf, type Quarter } from './quarters';

/**
 * Checks a plan the way a business manager would before a board meeting: blanks, placeholders,
 * timescales that name no date, numbering slips, dates outside the plan year, Excel errors and
 * notes that have not been updated. Every finding names the sheet and cell and says what to do.
 */

export interface ValidateOptions {
  planPeriod: PlanPeriod;
  asOf: IsoDate;
}

/**
 * The wordings that come before a cell's address, each with the sheet's name that starts the
 * address ("The progress note in 'Plan'!"): made once per sheet, so that a finding's message is
 * that, its cell, and the wording after.
 */
let prefixes: { sheet: string; byWording: Map<string, string> } = { sheet: '', byWording: new Map() };

/** A finding on one of an action's cells, its message written around the cell's address. */
function finding(severity: Severity, rule: Rule, action: Action, field: Field, before: string, after: string): Finding {
  const { sheet } = action;
  const cell = action.cells[field] ?? null;
  if (!cell) return newFinding(severity, rule, sheet, null, `${before}${sheetAddress(sheet)}${after}`);
  if (prefixes.sheet !== sheet || prefixes.byWording.size >= 10_000) prefixes = { sheet, byWording: new Map() };
  let prefix = prefixes.byWording.get(before);
  if (prefix === undefined) prefixes.byWording.set(before, (prefix = `${before}${cellAddressPrefix(sheet)}`));
  return cellFinding(severity, rule, sheet, cell, prefix, after);
}

/** The text of a field as it was read, for the checks that apply to every field. */
function fieldText(a: Action, field: Field): string {
  switch (field) {
    case 'ref':
      return a.ref ?? '';
    case 'action':
      return a.action;
    case 'outcome':
      return a.outcome;
    case 'lead':
      return a.lead;
    case 'timescale':
      return a.timescale.text;
    case 'progress':
      return a.progress.text;
    case 'rag':
      return a.agreedRag ?? '';
    case 'status':
      return a.statusText ?? '';
    default:
      return '';
  }
}

const CHECKED: Field[] = ['ref', 'action', 'outcome', 'lead', 'timescale', 'progress', 'rag', 'status'];

function quoteText(text: string, max = 60): string {
  return `"${clip(oneLine(text), max)}"`;
}

function blanks(plan: Plan, a: Action, out: Finding[]): void {
  if (plan.columns.action && !a.action.trim()) {
    out.push(finding('warning', 'blank-cell', a, 'action', 'The action in ', ' is blank. Describe what will be done, or delete the row if it is not needed.'));
  }
  if (plan.columns.timescale && !a.timescale.text.trim()) {
    out.push(
      finding('warning', 'blank-cell', a, 'timescale', 'The timescale in ', ' is blank, so the action cannot be rated. Write when it is due (e.g. "Jun 2016"), or "Ongoing".'),
    );
  }
  if (plan.columns.lead && !a.lead.trim()) {
    out.push(finding('warning', 'blank-cell', a, 'lead', 'No lead is named in ', '. Name the person, group or agency who will lead this action.'));
  }
}

/** The Excel error a text shows, if any; only a text with a # can show one. */
function excelError(text: string): string | null {
  return text.includes('#') ? (EXCEL_ERROR.exec(text)?.[0] ?? null) : null;
}

/** The fields whose cells are checked in a plan: those it has, and the ref, which may come from the action text. */
function checkedFields(plan: Plan): Field[] {
  return CHECKED.filter((field) => plan.columns[field] || field === 'ref');
}

function cellChecks(a: Action, fields: Field[], out: Finding[]): void {
  // The reader has looked for the marks already (Action.maybeFlagged): most actions have none.
  const flagged = a.maybeFlagged;
  const placeholderTimescale = a.timescale.placeholder;
  if (flagged?.length === 0 && !placeholderTimescale) return;
  for (const field of fields) {
    // The timescale's parser knows placeholders of its own ("to be agreed"), with none of the marks.
    const ownPlaceholder = field === 'timescale' && placeholderTimescale;
    if (flagged && !flagged.includes(field) && !ownPlaceholder) continue;
    const text = fieldText(a, field);
    if (!text || (!MAYBE_FLAGGED.test(text) && !ownPlaceholder)) continue;
    const error = excelError(text);
    const placeholder =
      !error && (PLACEHOLDER_ANYWHERE.test(text) || ((field === 'lead' || field === 'ref' || field === 'timescale') && QUESTION.test(text)) || ownPlaceholder);
    if (!error && !placeholder) continue;
    const cell = field === 'ref' ? refCell(a) : a.cells[field];
    const label = FIELD_LABELS[field];
    if (error) {
      out.push(
        newFinding(
          'error',
          'excel-error',
          a.sheet,
          cell ?? null,
          `${sheetAddress(a.sheet, cell)} shows the Excel error ${error} instead of a ${label.toLowerCase()}. Correct the formula or type the value in.`,
        ),
      );
      continue;
    }
    const fix =
      field === 'timescale'
        ? 'Replace it with the date the action is due by.'
        : field === 'lead'
          ? 'Replace it with the name or role of who will lead.'
          : 'Replace it with the agreed wording.';
    out.push(newFinding('warning', 'placeholder', a.sheet, cell ?? null, `${label} ${quoteText(text)} in ${sheetAddress(a.sheet, cell)} holds a placeholder. ${fix}`));
  }
}

function timescaleChecks(a: Action, period: PlanPeriod, out: Finding[]): void {
  const ts = a.timescale;
  if (ts.text.trim() && ts.kind === 'unknown' && !ts.placeholder && !excelError(ts.text)) {
    out.push(
      finding('warning', 'timescale-unknown', a, 'timescale', `Timescale ${quoteText(ts.text)} in `, ' is not a date. Write a month and year (e.g. "Jun 2016") or a date (e.g. "30/06/2016").'),
    );
  }
  const outside = outsideWording(ts, period);
  if (outside) out.push(finding('warning', 'date-outside-period', a, 'timescale', outside.before, outside.after));
}

/**
 * The date-outside-period message of a timescale, less its cell, or null when its dates are all in
 * the plan period. Actions with the same timescale text share its reading, and so this wording.
 */
const outsideWordings = new WeakMap<Timescale, { period: PlanPeriod; wording: { before: string; after: string } | null }>();

function outsideWording(ts: Timescale, period: PlanPeriod): { before: string; after: string } | null {
  const known = outsideWordings.get(ts);
  if (known?.period === period) return known.wording;
  // Ongoing work may have started before the plan, but not after it ends.
  const start = ts.start;
  const outside = start && start > period.end && !ts.outOfPeriod.includes(start) ? [...ts.outOfPeriod, start] : ts.outOfPeriod;
  let wording: { before: string; after: string } | null = null;
  if (outside.length) {
    const dates = outside.length === 1 ? formatDate(outside[0]) : [...outside].sort().map(formatDate).join(', ');
    wording = {
      before: `Timescale ${quoteText(ts.text)} in `,
      after: ` names ${dates}, outside the plan period (${formatDate(period.start)} to ${formatDate(period.end)}). Check the date, or move the action to the plan for that year.`,
    };
  }
  outsideWordings.set(ts, { period, wording });
  return wording;
}

/**
 * The date since which an action's progress note has had no dated update, when that makes it stale
 * as of asOf (not complete, due by the end of the quarter or continuing, nothing since the start of
 * the previous quarter); null when it is not stale. The exception report lists the same actions.
 * In a plan whose notes carry no dated updates at all, an undated note counts as current (as it
 * does when the action is rated); only a blank note is then reported.
 */
export function staleSince(plan: Plan, a: Action, asOf: IsoDate, datedUpdates: boolean): IsoDate | null {
  if (!plan.columns.progress || a.progress.complete) return null;
  if (!datedUpdates && a.progress.text.trim()) return null;
  const { current, since } = quartersAt(asOf);
  const ts = a.timescale;
  const dueByNow = ts.due !== null && ts.due <= current.end;
  const continuing = ts.kind === 'ongoing' || ts.kind === 'recurring';
  if (!dueByNow && !continuing) return null;
  const last = a.progress.lastUpdate;
  if (last && last >= since) return null;
  return since;
}

/** Every action of a run is judged as of the same date: its quarters are worked out once. */
let lastQuarters: { asOf: IsoDate; current: Quarter; since: IsoDate; month: string; wordings: Map<IsoDate | null, string> } | null = null;

function quartersAt(asOf: IsoDate): { current: Quarter; since: IsoDate; month: string; wordings: Map<IsoDate | null, string> } {
  if (lastQuarters?.asOf !== asOf) {
    const current = quarterOf(asOf);
    lastQuarters = { asOf, current, since: previousQuarter(current).start, month: shortMonth(asOf), wordings: new Map() };
  }
  return lastQuarters;
}

/** The stale-update finding for an action whose progress note has no recent dated update (see staleSince). */
function staleUpdate(plan: Plan, a: Action, asOf: IsoDate, datedUpdates: boolean): Finding | null {
  const since = staleSince(plan, a, asOf, datedUpdates);
  if (!since) return null;
  // The wording after the cell depends only on the last update's date: notes with the same one share it.
  const last = a.progress.lastUpdate;
  const quarters = quartersAt(asOf);
  let after = quarters.wordings.get(last);
  if (after === undefined) {
    const lastText = last ? `the last is dated ${formatDate(last)}` : 'none is dated';
    after = ` has no update since ${formatDate(since)} (${lastText}). Add an update headed with its date, e.g. "Update ${quarters.month}: …".`;
    quarters.wordings.set(last, after);
  }
  return finding('info', 'stale-update', a, 'progress', 'The progress note in ', after);
}

function shortMonth(iso: IsoDate): string {
  return formatDate(iso).split(' ').slice(1).join(' ').replace(/ \d\d(\d\d)$/, ' $1');
}

/** The cell an action's ref was read from: its own, or the action's when the ref starts the action text. */
function refCell(a: Action): string | undefined {
  return a.refSource === 'action-text' ? a.cells.action : a.cells.ref;
}

function refChecks(plan: Plan): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, Action>();
  const sourceOf = new Map(plan.priorities.map((p) => [p.id, p.source]));
  for (let i = 0; i < plan.actions.length; i++) {
    const a = plan.actions[i];
    if (!a.ref) continue;
    const fromRef = refPriority(a.ref);
    // Single numbers ("4") often restart under each priority: compare them within their priority.
    const key = fromRef ? refKey(a.ref) : `${a.priority ?? ''}\u0000${refKey(a.ref)}`;
    const first = seen.get(key);
    if (first) {
      const cell = refCell(a);
      out.push(
        newFinding(
          'warning',
          'duplicate-ref',
          a.sheet,
          cell ?? null,
          `Ref "${a.ref}" in ${sheetAddress(a.sheet, cell)} is also used in ${sheetAddress(first.sheet, refCell(first))}. Give each action its own ref so the board can tell them apart.`,
        ),
      );
    } else {
      seen.set(key, a);
    }
    if (fromRef && a.priority && sourceOf.get(a.priority) !== 'ref' && !sameFamily(fromRef, a.priority)) {
      const cell = refCell(a);
      out.push(
        newFinding(
          'warning',
          'ref-priority-mismatch',
          a.sheet,
          cell ?? null,
          `Ref "${a.ref}" in ${sheetAddress(a.sheet, cell)} is numbered for priority ${fromRef} but sits under priority ${a.priority}. Move the row under priority ${fromRef} or correct its ref.`,
        ),
      );
    }
  }
  return out;
}

/** "3a" belongs to "3" and "3" to "3a"; "3a" and "3b" differ; slugs never match a number. */
function sameFamily(refPart: string, priority: string): boolean {
  const p = priority.toLowerCase();
  if (refPart === p) return true; // the usual case, decided before any pattern is run
  if (!/^\d/.test(p)) return true; // an unnumbered priority says nothing about numbering
  const num = (s: string) => /^\d+/.exec(s)![0];
  const letter = (s: string) => s.slice(num(s).length);
  return num(refPart) === num(p) && (!letter(refPart) || !letter(p));
}

/** Markup found in a field's cells, one finding per plan and column. */
function markupChecks(plan: Plan): Finding[] {
  const out: Finding[] = [];
  const byField = new Map<Field, Action[]>();
  const add = (f: Field, a: Action) => {
    const list = byField.get(f);
    if (list) list.push(a);
    else byField.set(f, [a]);
  };
  for (let k = 0; k < plan.actions.length; k++) {
    const a = plan.actions[k];
    // Each field once per action, in the order listed, then the progress note's own markup.
    const fields = a.markup;
    if (fields) for (let i = 0; i < fields.length; i++) if (fields.indexOf(fields[i]) === i) add(fields[i], a);
    if (a.progress.hadMarkup && !fields?.includes('progress')) add('progress', a);
  }
  for (const [field, actions] of byField) {
    const first = actions[0];
    const cell = first.cells[field];
    const more = actions.length > 1 ? ` and ${actions.length - 1} more ${FIELD_LABELS[field].toLowerCase()} cell${actions.length > 2 ? 's' : ''}` : '';
    out.push(
      newFinding(
        'info',
        'markup',
        first.sheet,
        cell ?? null,
        `${sheetAddress(first.sheet, cell)}${more} ${actions.length > 1 ? 'hold' : 'holds'} web formatting codes such as <p> or <b>; BoardPlan reads and shows them without the markup. Retype or paste the text as plain text to tidy the sheet.`,
      ),
    );
  }
  return out;
}

/** Where a finding's cell is, as row * 2^14 + column (Excel has 2^14 columns); 0 without a cell. */
function position(cell: string | null): number {
  const p = cell ? parseA1(cell) : null;
  return p ? p.row * 16384 + p.col : 0;
}

/** At the same cell, errors before warnings before notes. */
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Findings in reading order: sheet by sheet as the workbook orders them, then row, column and severity. */
export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const rank = new Map<string, number>();
  sheetOrder.forEach((s, i) => rank.has(s) || rank.set(s, i));
  // Each finding's place is worked out once, not at every comparison, into arrays by its index:
  // a large plan has thousands of findings, and an object each would be made only to be dropped.
  const n = findings.length;
  const sheet = new Float64Array(n);
  const at = new Float64Array(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    sheet[i] = rank.get(f.sheet) ?? sheetOrder.length;
    at[i] = position(f.cell);
    order[i] = i;
  }
  order.sort((a, b) => {
    const fa = findings[a];
    const fb = findings[b];
    return (
      sheet[a] - sheet[b] ||
      (fa.sheet === fb.sheet ? 0 : fa.sheet.localeCompare(fb.sheet)) ||
      at[a] - at[b] ||
      SEVERITY_ORDER[fa.severity] - SEVERITY_ORDER[fb.severity]
    );
  });
  const sorted: Finding[] = new Array<Finding>(n);
  for (let i = 0; i < n; i++) sorted[i] = findings[order[i]];
  return sorted;
}

/** The findings of every plan, in reading order. */
export function validate(plans: Plan[], opts: ValidateOptions): Finding[] {
  return sortFindings(findingsOf(plans, opts), [...new Set(plans.map((p) => p.sheet))]);
}

/** The findings of every plan, plan by plan: for a caller that sorts them with others of its own. */
export function findingsOf(plans: Plan[], opts: ValidateOptions): Finding[] {
  const findings: Finding[] = [];
  for (const plan of plans) {
    const datedUpdates = plan.actions.some((a) => a.progress.updates.length > 0);
    const fields = checkedFields(plan);
    // Indexed loops over the actions: each runs once per check, over every action of the plan.
    for (let i = 0; i < plan.actions.length; i++) {
      const a = plan.actions[i];
      blanks(plan, a, findings);
      cellChecks(a, fields, findings);
      timescaleChecks(a, opts.planPeriod, findings);
      const stale = staleUpdate(plan, a, opts.asOf, datedUpdates);
      if (stale) findings.push(stale);
    }
    findings.push(...refChecks(plan), ...markupChecks(plan));
  }
  return findings;
}

function describePlan(plan: Plan): string {
  return plan.table ? `The table "${plan.table}" on ${quoteSheet(plan.sheet)}` : `The plan with its header row at ${sheetAddress(plan.sheet, a1(plan.headerRow, plan.firstCol))}`;
}

/** The columns a plan lacks: an error for those it cannot be rated without, a warning for those expected. */
export function missingColumns(plan: Plan, refsFromText: number): Finding[] {
  const findings: Finding[] = [];
  const cell = a1(plan.headerRow, plan.firstCol);
  const fix = (f: Field) => `Add a column headed '${FIELD_LABELS[f]}' or map one in BoardPlan's Columns settings.`;
  for (const f of REQUIRED_FIELDS) {
    if (plan.columns[f]) continue;
    const why = f === 'timescale' ? 'BoardPlan needs it to rate the actions' : 'BoardPlan needs it to tell the actions apart';
    findings.push({ severity: 'error', rule: 'missing-column', sheet: plan.sheet, cell, message: `${describePlan(plan)} has no ${FIELD_LABELS[f]} column; ${why}. ${fix(f)}` });
  }
  for (const f of EXPECTED_FIELDS) {
    if (plan.columns[f]) continue;
    // Refs written at the start of the action text serve as well as a Ref column.
    if (f === 'ref' && plan.actions.length > 0 && refsFromText * 2 >= plan.actions.length) continue;
    findings.push({ severity: 'warning', rule: 'missing-column', sheet: plan.sheet, cell, message: `${describePlan(plan)} has no ${FIELD_LABELS[f]} column. ${fix(f)}` });
  }
  return findings;
}
