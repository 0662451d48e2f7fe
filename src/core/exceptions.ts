import { a1, formatDate, rangeA1, type IsoDate } from './cells';
import { ratingShown, ratingText } from './formatting';
import { currentDue } from './history';
import { leadKey, leadNames, NO_LEAD } from './leads';
import type { AssessedAction, AssessedPlan, Status } from './model';
import { DATE_FORMAT, type GeneratedSheet, type PatchValue } from './patch';
import { quarterOf } from './quarters';
import { ratingByLabel, ratingFor, type Rating, type Scheme } from './schemes';
import { BODY_STYLE, finishSheet, GROUP_STYLE, HEADER_STYLE, PLAN_STYLE, SECTION_STYLE, SheetBuilder, TITLE_STYLE, type ColumnSpec } from './sheet';
import { planNames, summaryUnits } from './units';
import { reviewOf, TRAVEL_TEXT, type ActionReview, type Review } from './travel';

/**
 * The exception report for the board paper: only what needs the board's attention — actions
 * overdue or at risk, progress notes with no recent update, and dates that have moved — grouped by
 * priority, each with the reasons it is listed, followed by the same exceptions counted per lead.
 */

export const EXCEPTIONS_SHEET = 'Exceptions';

/** Why an action is on the report. */
export type ExceptionReason = 'overdue' | 'at-risk' | 'stale' | 'slipped';

export const REASON_TEXT: Record<ExceptionReason, string> = {
  overdue: 'Overdue',
  'at-risk': 'At risk',
  stale: 'No recent update',
  slipped: 'Date revised',
};

export interface ExceptionItem {
  key: string;
  sheet: string;
  /** Cell to go to in the plan: the ref, else the action. */
  cell: string;
  ref: string | null;
  action: string;
  lead: string;
  effective: string;
  effectiveStatus: Status;
  due: IsoDate | null;
  reasons: ExceptionReason[];
  /** Sentences explaining each reason, in order. */
  details: string[];
  latest: string | null;
  assessed: AssessedAction;
  review: ActionReview | null;
}

export interface ExceptionGroup {
  /** The plan's name as a heading (see planNames). */
  plan: string;
  /** "P1", "Adults P1", or a sheet name. */
  label: string;
  /** The priority as a heading: "Priority 1: Early help". */
  title: string;
  items: ExceptionItem[];
}

export interface LeadExceptions {
  lead: string;
  overdueOrAtRisk: number;
  stale: number;
  slipped: number;
  refs: string[];
}

const SEVERITY: Record<Status, number> = { overdue: 0, 'at-risk': 1, 'on-track': 2, 'not-assessed': 3, complete: 4 };

function item(a: AssessedAction, review: Review): ExceptionItem | null {
  const { action, assessment } = a;
  const ar = reviewOf(review, action);
  const reasons: ExceptionReason[] = [];
  const details: string[] = [];
  const status = assessment.effectiveStatus;
  if (status === 'overdue' || status === 'at-risk') {
    reasons.push(status);
    details.push(`${assessment.effective}: ${assessment.reason}`);
    if (ar && ar.redStreak >= 2) details.push(`Red for ${ar.redStreak} quarters running.`);
  }
  if (ar?.stale) {
    reasons.push('stale');
    const last = ar.stale.lastUpdate ? `the last is dated ${formatDate(ar.stale.lastUpdate)}` : 'none is dated';
    details.push(`No progress update since ${formatDate(ar.stale.since)} (${last}).`);
  }
  // An at-risk rating from a revision in the notes already gives both dates in its reason.
  const said = status === 'at-risk' && assessment.status === 'at-risk' && ar?.slipped?.source === 'notes';
  if (ar?.slipped) reasons.push('slipped');
  if (ar?.slipped && !said) {
    const s = ar.slipped;
    const moved =
      s.original && s.current ? `from ${formatDate(s.original)} to ${formatDate(s.current)}` : s.current ? `to ${formatDate(s.current)}` : s.note ? `("${s.note}")` : '';
    const how = s.source === 'notes' ? 'in the progress notes' : review.baseline ? 'in the plan since it was recorded' : 'in the plan';
    details.push(`Date revised ${moved} ${how}.`.replace(/\s+/g, ' ').replace(' .', '.'));
  }
  if (!reasons.length) return null;
  const { lastUpdate, lastUpdateText, text } = action.progress;
  return {
    key: ar?.key ?? '',
    sheet: action.sheet,
    cell: action.cells.ref ?? action.cells.action ?? a1(action.row, 1),
    ref: action.ref,
    action: action.action,
    lead: action.lead,
    effective: assessment.effective,
    effectiveStatus: status,
    due: currentDue(action),
    reasons,
    details,
    latest: lastUpdate && lastUpdateText ? `${formatDate(lastUpdate)}: ${lastUpdateText}` : text || null,
    assessed: a,
    review: ar,
  };
}

/** Lead first (so each lead's exceptions sit together within a priority), then severity, then due date. */
function compareItems(x: ExceptionItem, y: ExceptionItem): number {
  const lx = leadKey(x.lead) || '\uffff';
  const ly = leadKey(y.lead) || '\uffff';
  if (lx !== ly) return lx < ly ? -1 : 1;
  const sev = SEVERITY[x.effectiveStatus] - SEVERITY[y.effectiveStatus];
  if (sev) return sev;
  const dx = x.due ?? '9999-12-31';
  const dy = y.due ?? '9999-12-31';
  return dx < dy ? -1 : dx > dy ? 1 : x.assessed.action.row - y.assessed.action.row;
}

/** The exceptions grouped by priority, in plan order; priorities with none are left out. */
export function exceptionGroups(plans: AssessedPlan[], review: Review): ExceptionGroup[] {
  const names = planNames(plans);
  return summaryUnits(plans)
    .map((unit) => ({
      plan: names.get(unit.assessed) ?? unit.assessed.plan.sheet,
      label: unit.label,
      title: unit.heading,
      items: unit.actions
        .map((a) => item(a, review))
        .filter((x): x is ExceptionItem => x !== null)
        .sort(compareItems),
    }))
    .filter((g) => g.items.length > 0);
}

/** The same exceptions per lead (an action with two leads counts for both), leads in alphabetical order. */
export function exceptionsByLead(groups: ExceptionGroup[]): LeadExceptions[] {
  const byKey = new Map<string, LeadExceptions & { spellings: Map<string, number> }>();
  for (const it of groups.flatMap((g) => g.items)) {
    const names = leadNames(it.lead);
    const seen = new Set<string>();
    for (const name of names.length ? names : [NO_LEAD]) {
      const key = name === NO_LEAD ? '' : leadKey(name);
      if (seen.has(key)) continue;
      seen.add(key);
      let e = byKey.get(key);
      if (!e) byKey.set(key, (e = { lead: name, overdueOrAtRisk: 0, stale: 0, slipped: 0, refs: [], spellings: new Map() }));
      e.spellings.set(name, (e.spellings.get(name) ?? 0) + 1);
      if (it.reasons.includes('overdue') || it.reasons.includes('at-risk')) e.overdueOrAtRisk++;
      if (it.reasons.includes('stale')) e.stale++;
      if (it.reasons.includes('slipped')) e.slipped++;
      e.refs.push(it.ref ?? `row ${it.assessed.action.row}`);
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([, { spellings, ...e }]) => {
      let lead = e.lead;
      let count = 0;
      for (const [name, n] of spellings) if (n > count) [lead, count] = [name, n];
      return { ...e, lead };
    });
}

// ---- the sheet -----------------------------------------------------------------------------------

export interface ExceptionsContext {
  scheme: Scheme;
  asOf: IsoDate;
  symbols: boolean;
  review: Review;
}

/** A column of the exception report: its heading, how it is sized, and what it shows. */
interface ExceptionColumn {
  header: string;
  spec: ColumnSpec;
  value: (it: ExceptionItem, ctx: ExceptionsContext) => PatchValue;
  rating?: true;
  date?: true;
  /** Shown only once a quarter has been recorded to compare with. */
  travel?: true;
}

const COLUMNS: ExceptionColumn[] = [
  { header: 'Ref', spec: {}, value: (it) => it.ref ?? `Row ${it.assessed.action.row}` },
  { header: 'Action', spec: { grow: 1 }, value: (it) => it.action || null },
  { header: 'Lead', spec: { grow: 0.45 }, value: (it) => it.lead || null },
  { header: 'Rating', spec: {}, rating: true, value: (it, ctx) => ratingText(ratingOf(ctx.scheme, it), ctx.symbols) },
  { header: 'Travel', spec: {}, travel: true, value: (it) => (it.review?.travel ? TRAVEL_TEXT[it.review.travel] : null) },
  { header: 'Due', spec: {}, date: true, value: (it) => (it.due ? { date: it.due } : null) },
  { header: 'Listed for', spec: { grow: 0.3 }, value: (it) => it.reasons.map((r) => REASON_TEXT[r]).join(', ') },
  { header: 'Details', spec: { grow: 1 }, value: (it) => it.details.join(' ') },
  { header: 'Latest update', spec: { grow: 1 }, value: (it) => it.latest },
];
const LEAD_COLUMNS = ['Lead', 'Overdue or at risk', 'No recent update', 'Date revised', 'Refs'];
const TITLE_ROWS = 4;

function ratingOf(scheme: Scheme, it: ExceptionItem): Rating {
  return ratingByLabel(scheme, it.effective) ?? ratingFor(scheme, it.effectiveStatus);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The printable Exceptions sheet: A4 landscape, its title rows and column headings on every page;
 * a heading per plan when there is more than one, then per priority, each kept on one page when
 * it fits; then the same exceptions counted per lead.
 */
export function exceptionsSheet(plans: AssessedPlan[], ctx: ExceptionsContext, name: string = EXCEPTIONS_SHEET): GeneratedSheet {
  const { scheme, review } = ctx;
  const groups = exceptionGroups(plans, review);
  const items = groups.flatMap((g) => g.items);
  const columns = COLUMNS.filter((c) => !c.travel || review.baseline);
  const b = new SheetBuilder(columns.length);

  b.line('Exceptions for the board', TITLE_STYLE);
  const travel = review.baseline ? `; direction of travel since ${review.baseline}` : '';
  b.line(`As of ${formatDate(ctx.asOf)} (${quarterOf(ctx.asOf).label})${travel}. Key: ${scheme.title}`);
  const count = (r: ExceptionReason) => items.filter((i) => i.reasons.includes(r)).length;
  const redTwo = items.filter((i) => (i.review?.redStreak ?? 0) >= 2).length;
  b.line(
    [
      `${plural(count('overdue'), 'action')} overdue`,
      `${count('at-risk')} at risk`,
      `${plural(count('stale'), 'progress note')} without a recent update`,
      `${plural(count('slipped'), 'date')} revised`,
      ...(review.baseline ? [`${redTwo} Red for two quarters or more`] : []),
    ].join('; ') + '.',
  );
  b.gap();

  if (!items.length) {
    b.line('No action is overdue or at risk, every progress note has a recent update and no date has moved.');
    return finishSheet(b, { name, columns: columns.map((c) => c.spec), titleRows: TITLE_ROWS });
  }
  const head = b.add(columns.map((c) => c.header));
  b.style(rangeA1(head, 1, head, columns.length), HEADER_STYLE);
  const headed = new Set(groups.map((g) => g.plan)).size > 1;
  let plan: string | null = null;
  for (const group of groups) {
    // A plan's heading stays on the page of its first priority.
    const top = b.last + 1;
    if (headed && group.plan !== plan) b.spanned([group.plan], [columns.length], PLAN_STYLE);
    plan = group.plan;
    b.spanned([group.title], [columns.length], GROUP_STYLE);
    const first = b.last + 1;
    for (const it of group.items) {
      const row = b.add(columns.map((c) => c.value(it, ctx)));
      b.links.push({ cell: a1(row, 1), sheet: it.sheet, target: it.cell });
    }
    b.style(rangeA1(first, 1, b.last, columns.length), BODY_STYLE);
    columns.forEach((c, i) => c.date && b.style(rangeA1(first, i + 1, b.last, i + 1), { numberFormat: DATE_FORMAT }));
    b.keepTogether(top, b.last);
  }
  // The Rating column of every group in its ratings' colours (the heading rows between groups hold
  // nothing there, so they keep their own fill).
  const ratingCol = columns.findIndex((c) => c.rating) + 1;
  b.rateCells(rangeA1(head + 1, ratingCol, b.last, ratingCol), ratingShown(scheme.ratings, (r) => [ratingText(r, ctx.symbols)]));

  leadTable(b, exceptionsByLead(groups));
  return finishSheet(b, { name, columns: columns.map((c) => c.spec), titleRows: head });
}

/** The exceptions counted per lead, set into the columns of the table above: the lead across two, the refs across the rest. */
function leadTable(b: SheetBuilder, leads: LeadExceptions[]): void {
  const spans = [2, 1, 1, 1, b.width - 5];
  const title = b.gap();
  b.line('Exceptions by lead', SECTION_STYLE);
  b.insetRow([...LEAD_COLUMNS], spans, HEADER_STYLE);
  for (const l of leads) b.insetRow([l.lead, l.overdueOrAtRisk, l.stale, l.slipped, l.refs.join(', ')], spans, BODY_STYLE);
  b.keepTogether(title, b.last);
}
