import { asOfFacts, type AsOf } from './as-of';
import { a1, formatDate, parseA1, quoteSheet, sheetAddress, type IsoDate } from './cells';
import { FIELD_LABELS } from './columns';
import { clip, oneLine } from './markup';
import { EXPECTED_FIELDS, REQUIRED_FIELDS, type Action, type Field, type Finding, type Plan, type PlanPeriod, type Rule, type Severity } from './model';
import { EXCEL_ERROR, PLACEHOLDER_ANYWHERE, QUESTION } from './placeholder';
import { hasDatedUpdates } from './progress';
import { refKey, refPriority } from './refs';

/**
 * Checks a plan the way a business manager would before a board meeting: missing columns, blanks,
 * placeholders, timescales that name no date, numbering slips, dates outside the plan year, Excel
 * errors and notes that have not been updated. Every finding names the sheet and cell and says
 * what to do.
 */

export interface ValidateOptions {
  planPeriod: PlanPeriod;
  asOf: IsoDate;
}

/** The cell a field of an action was read from: for a ref written at the start of the action text, the action's. */
function cellOf(a: Action, field: Field): string | null {
  if (field === 'ref' && a.refSource === 'action-text') return a.cells.action ?? null;
  return a.cells[field] ?? null;
}

/** A finding on one of an action's cells, its message written around the cell's address ("'Plan'!E9"). */
function onCell(severity: Severity, rule: Rule, a: Action, field: Field, message: (where: string) => string): Finding {
  const cell = cellOf(a, field);
  return { severity, rule, sheet: a.sheet, cell, message: message(sheetAddress(a.sheet, cell)) };
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
/** Fields where any question mark ("EXEC?", "Jun 16?") means the officer was not sure. */
const UNSURE_IF_QUESTIONED: Field[] = ['lead', 'ref', 'timescale'];

function quoteText(text: string, max = 60): string {
  return `"${clip(oneLine(text), max)}"`;
}

function blanks(plan: Plan, a: Action, out: Finding[]): void {
  if (plan.columns.action && !a.action.trim()) {
    out.push(onCell('warning', 'blank-cell', a, 'action', (at) => `The action in ${at} is blank. Describe what will be done, or delete the row if it is not needed.`));
  }
  if (plan.columns.timescale && !a.timescale.text.trim()) {
    out.push(onCell('warning', 'blank-cell', a, 'timescale', (at) => `The timescale in ${at} is blank, so the action cannot be rated. Write when it is due (e.g. "Jun 2016"), or "Ongoing".`));
  }
  if (plan.columns.lead && !a.lead.trim()) {
    out.push(onCell('warning', 'blank-cell', a, 'lead', (at) => `No lead is named in ${at}. Name the person, group or agency who will lead this action.`));
  }
}

/** The Excel error a text shows, if any. */
function excelError(text: string): string | null {
  return EXCEL_ERROR.exec(text)?.[0] ?? null;
}

/** The fields whose cells are checked in a plan: those it has, and the ref, which may come from the action text. */
function checkedFields(plan: Plan): Field[] {
  return CHECKED.filter((field) => plan.columns[field] || field === 'ref');
}

/** Excel errors and placeholders ("TBC", "???", "EXEC?") in any field. */
function cellChecks(a: Action, fields: Field[], out: Finding[]): void {
  for (const field of fields) {
    const text = fieldText(a, field);
    if (!text) continue;
    const label = FIELD_LABELS[field];
    const error = excelError(text);
    if (error) {
      out.push(onCell('error', 'excel-error', a, field, (at) => `${at} shows the Excel error ${error} instead of a ${label.toLowerCase()}. Correct the formula or type the value in.`));
      continue;
    }
    // The timescale's reader knows placeholders of its own ("to be agreed").
    const placeholder =
      PLACEHOLDER_ANYWHERE.test(text) || (UNSURE_IF_QUESTIONED.includes(field) && QUESTION.test(text)) || (field === 'timescale' && a.timescale.placeholder);
    if (!placeholder) continue;
    const fix =
      field === 'timescale'
        ? 'Replace it with the date the action is due by.'
        : field === 'lead'
          ? 'Replace it with the name or role of who will lead.'
          : 'Replace it with the agreed wording.';
    out.push(onCell('warning', 'placeholder', a, field, (at) => `${label} ${quoteText(text)} in ${at} holds a placeholder. ${fix}`));
  }
}

function timescaleChecks(a: Action, period: PlanPeriod, out: Finding[]): void {
  const ts = a.timescale;
  if (ts.text.trim() && ts.kind === 'unknown' && !ts.placeholder && !excelError(ts.text)) {
    out.push(
      onCell('warning', 'timescale-unknown', a, 'timescale', (at) => `Timescale ${quoteText(ts.text)} in ${at} is not a date. Write a month and year (e.g. "Jun 2016") or a date (e.g. "30/06/2016").`),
    );
  }
  // Ongoing work may have started before the plan, but not after it ends.
  const start = ts.start;
  const outside = start && start > period.end && !ts.outOfPeriod.includes(start) ? [...ts.outOfPeriod, start] : ts.outOfPeriod;
  if (!outside.length) return;
  const dates = [...outside].sort().map(formatDate).join(', ');
  out.push(
    onCell(
      'warning',
      'date-outside-period',
      a,
      'timescale',
      (at) =>
        `Timescale ${quoteText(ts.text)} in ${at} names ${dates}, outside the plan period (${formatDate(period.start)} to ${formatDate(period.end)}). Check the date, or move the action to the plan for that year.`,
    ),
  );
}

/**
 * The date since which an action's progress note has had no dated update, when that makes it stale
 * as of the as-of date (not complete, due by the end of its quarter or continuing, nothing since the
 * start of the previous quarter); null when it is not stale. The exception report lists the same
 * actions. In a plan whose notes carry no dated updates at all, an undated note counts as current
 * (as it does when the action is rated); only a blank note is then reported.
 */
export function staleSince(plan: Plan, a: Action, asOf: AsOf, datedUpdates: boolean): IsoDate | null {
  if (!plan.columns.progress || a.progress.complete) return null;
  if (!datedUpdates && a.progress.text.trim()) return null;
  const since = asOf.previousQuarter.start;
  const ts = a.timescale;
  const dueByNow = ts.due !== null && ts.due <= asOf.quarter.end;
  const continuing = ts.kind === 'ongoing' || ts.kind === 'recurring';
  if (!dueByNow && !continuing) return null;
  const last = a.progress.lastUpdate;
  if (last && last >= since) return null;
  return since;
}

/** The stale-update finding for an action whose progress note has no recent dated update (see staleSince). */
function staleUpdate(plan: Plan, a: Action, asOf: AsOf, datedUpdates: boolean): Finding | null {
  const since = staleSince(plan, a, asOf, datedUpdates);
  if (!since) return null;
  const last = a.progress.lastUpdate;
  const lastText = last ? `the last is dated ${formatDate(last)}` : 'none is dated';
  return onCell(
    'info',
    'stale-update',
    a,
    'progress',
    (at) => `The progress note in ${at} has no update since ${formatDate(since)} (${lastText}). Add an update headed with its date, e.g. "Update ${asOf.updateMonth}: …".`,
  );
}

/** Refs used twice, and two-level refs numbered for another priority than the one they sit under. */
function refChecks(plan: Plan): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, Action>();
  const sourceOf = new Map(plan.priorities.map((p) => [p.id, p.source]));
  for (const a of plan.actions) {
    if (!a.ref) continue;
    const ref = a.ref;
    const fromRef = refPriority(ref);
    // Single numbers ("4") often restart under each priority: compare them within their priority.
    const key = fromRef ? refKey(ref) : `${a.priority ?? ''}\u0000${refKey(ref)}`;
    const first = seen.get(key);
    if (first) {
      const firstAt = sheetAddress(first.sheet, cellOf(first, 'ref'));
      out.push(onCell('warning', 'duplicate-ref', a, 'ref', (at) => `Ref "${ref}" in ${at} is also used in ${firstAt}. Give each action its own ref so the board can tell them apart.`));
    } else {
      seen.set(key, a);
    }
    if (fromRef && a.priority && sourceOf.get(a.priority) !== 'ref' && !sameFamily(fromRef, a.priority)) {
      out.push(
        onCell(
          'warning',
          'ref-priority-mismatch',
          a,
          'ref',
          (at) => `Ref "${ref}" in ${at} is numbered for priority ${fromRef} but sits under priority ${a.priority}. Move the row under priority ${fromRef} or correct its ref.`,
        ),
      );
    }
  }
  return out;
}

/** "3a" belongs to "3" and "3" to "3a"; "3a" and "3b" differ; slugs never match a number. */
function sameFamily(refPart: string, priority: string): boolean {
  const p = priority.toLowerCase();
  if (refPart === p) return true;
  if (!/^\d/.test(p)) return true; // an unnumbered priority says nothing about numbering
  const num = (s: string) => /^\d+/.exec(s)![0];
  const letter = (s: string) => s.slice(num(s).length);
  return num(refPart) === num(p) && (!letter(refPart) || !letter(p));
}

/** Markup found in a field's cells, one finding per plan and column. */
function markupChecks(plan: Plan): Finding[] {
  const byField = new Map<Field, Action[]>();
  for (const a of plan.actions) {
    // Each field once per action, in the order listed, then the progress note's own markup.
    const fields = new Set(a.markup ?? []);
    if (a.progress.hadMarkup) fields.add('progress');
    for (const f of fields) {
      if (!byField.has(f)) byField.set(f, []);
      byField.get(f)!.push(a);
    }
  }
  return [...byField].map(([field, actions]) => {
    const more = actions.length > 1 ? ` and ${actions.length - 1} more ${FIELD_LABELS[field].toLowerCase()} cell${actions.length > 2 ? 's' : ''}` : '';
    const holds = actions.length > 1 ? 'hold' : 'holds';
    return {
      severity: 'info',
      rule: 'markup',
      sheet: actions[0].sheet,
      cell: actions[0].cells[field] ?? null,
      message: `${sheetAddress(actions[0].sheet, actions[0].cells[field])}${more} ${holds} web formatting codes such as <p> or <b>; BoardPlan reads and shows them without the markup. Retype or paste the text as plain text to tidy the sheet.`,
    };
  });
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

/** At the same cell, errors before warnings before notes. */
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings in reading order: sheet by sheet as the workbook orders them, then row, column and severity. */
export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const rank = (sheet: string) => (sheetOrder.includes(sheet) ? sheetOrder.indexOf(sheet) : sheetOrder.length);
  const place = (f: Finding) => (f.cell ? parseA1(f.cell) : null) ?? { row: 0, col: 0 };
  const byReadingOrder = (a: Finding, b: Finding) =>
    rank(a.sheet) - rank(b.sheet) ||
    (a.sheet === b.sheet ? 0 : a.sheet.localeCompare(b.sheet)) ||
    place(a).row - place(b).row ||
    place(a).col - place(b).col ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  return [...findings].sort(byReadingOrder);
}

/** The findings of every plan, plan by plan: for a caller that sorts them with others of its own. */
export function findingsOf(plans: Plan[], opts: ValidateOptions): Finding[] {
  const asOf = asOfFacts(opts.asOf);
  const findings: Finding[] = [];
  for (const plan of plans) {
    const datedUpdates = hasDatedUpdates(plan);
    const fields = checkedFields(plan);
    for (const a of plan.actions) {
      blanks(plan, a, findings);
      cellChecks(a, fields, findings);
      timescaleChecks(a, opts.planPeriod, findings);
      const stale = staleUpdate(plan, a, asOf, datedUpdates);
      if (stale) findings.push(stale);
    }
    findings.push(...refChecks(plan), ...markupChecks(plan));
  }
  return findings;
}

/** The findings of every plan, in reading order. */
export function validate(plans: Plan[], opts: ValidateOptions): Finding[] {
  return sortFindings(findingsOf(plans, opts), [...new Set(plans.map((p) => p.sheet))]);
}
