import { a1, formatDate, rangeA1, type IsoDate } from './cells';
import { ratingCellRules, ratingText } from './formatting';
import { currentDue } from './history';
import { leadKey, leadNames, NO_LEAD } from './leads';
import type { AssessedAction, AssessedPlan, Status } from './model';
import type { ConditionalFormat, GeneratedSheet, Link, PatchValue, Style } from './patch';
import { quarterOf } from './quarters';
import { ratingByLabel, ratingFor, type Rating, type Scheme } from './schemes';
import { priorityLabel, summaryUnits } from './summary';
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
  /** "P1", "Adults P1", or a sheet name. */
  label: string;
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
  return summaryUnits(plans)
    .map((unit) => ({
      label: unit.label,
      title: unit.priority ? `${priorityLabel(unit.priority.id)}: ${unit.title}` : unit.title,
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

const COLUMNS = ['Ref', 'Action', 'Lead', 'Rating', 'Travel', 'Due', 'Listed for', 'Details', 'Latest update'];
const WIDTHS = [10, 45, 20, 11, 13, 13, 18, 55, 50];
const LEAD_COLUMNS = ['Lead', 'Overdue or at risk', 'No recent update', 'Date revised', 'Refs'];
const TITLE_ROWS = 4;
const TITLE_STYLE: Style = { bold: true, size: 14 };
const SECTION_STYLE: Style = { bold: true, size: 12 };
const HEADER_STYLE: Style = { bold: true, fill: '#D9E1F2', border: true, wrap: true };
const PRIORITY_STYLE: Style = { bold: true, fill: '#EDEDED', border: true };
const DATE_FORMAT = 'd mmm yyyy';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The printable Exceptions sheet: A4 landscape, fit to width, its title rows on every page. */
export function exceptionsSheet(plans: AssessedPlan[], ctx: ExceptionsContext, name: string = EXCEPTIONS_SHEET): GeneratedSheet {
  const { scheme, review } = ctx;
  const groups = exceptionGroups(plans, review);
  const items = groups.flatMap((g) => g.items);
  const rows: PatchValue[][] = [];
  const styles: GeneratedSheet['styles'] = [];
  const links: Link[] = [];
  const rules: ConditionalFormat[] = [];
  const add = (values: PatchValue[] = []) => {
    rows.push(values);
    return rows.length;
  };
  const ratingOf = (it: ExceptionItem): Rating => ratingByLabel(scheme, it.effective) ?? ratingFor(scheme, it.effectiveStatus);

  add(['Exceptions for the board']);
  styles.push({ address: 'A1', style: TITLE_STYLE });
  const travel = review.baseline ? `; direction of travel since ${review.baseline}` : '';
  add([`As of ${formatDate(ctx.asOf)} (${quarterOf(ctx.asOf).label})${travel}. Key: ${scheme.title}`]);
  const count = (r: ExceptionReason) => items.filter((i) => i.reasons.includes(r)).length;
  const redTwo = items.filter((i) => (i.review?.redStreak ?? 0) >= 2).length;
  add([
    [
      `${plural(count('overdue'), 'action')} overdue`,
      `${count('at-risk')} at risk`,
      `${plural(count('stale'), 'progress note')} without a recent update`,
      `${plural(count('slipped'), 'date')} revised`,
      ...(review.baseline ? [`${redTwo} Red for two quarters or more`] : []),
    ].join('; ') + '.',
  ]);
  add();

  if (!items.length) {
    add(['No action is overdue or at risk, every progress note has a recent update and no date has moved.']);
  } else {
    const head = add([...COLUMNS]);
    styles.push({ address: rangeA1(head, 1, head, COLUMNS.length), style: HEADER_STYLE });
    for (const group of groups) {
      const g = add([group.title]);
      styles.push({ address: rangeA1(g, 1, g, COLUMNS.length), style: PRIORITY_STYLE });
      const first = rows.length + 1;
      const last = rows.length + group.items.length;
      styles.push({ address: rangeA1(first, 1, last, COLUMNS.length), style: { wrap: true, border: true } });
      styles.push({ address: rangeA1(first, 6, last, 6), style: { numberFormat: DATE_FORMAT } });
      for (const it of group.items) {
        const rating = ratingOf(it);
        const travelled = it.review?.travel;
        const row = add([
          it.ref ?? `Row ${it.assessed.action.row}`,
          it.action || null,
          it.lead || null,
          ratingText(rating, ctx.symbols),
          travelled ? TRAVEL_TEXT[travelled] : null,
          it.due ? { date: it.due } : null,
          it.reasons.map((r) => REASON_TEXT[r]).join(', '),
          it.details.join(' '),
          it.latest,
        ]);
        links.push({ cell: a1(row, 1), sheet: it.sheet, target: it.cell });
      }
    }
    // One rule per rating colours the Rating column of every group (the priority rows between
    // groups leave it blank, so they stay grey).
    rules.push(...ratingCellRules(rangeA1(head + 2, 4, rows.length, 4), scheme.ratings, (r) => [ratingText(r, ctx.symbols)]));

    add();
    const t = add(['Exceptions by lead']);
    styles.push({ address: a1(t, 1), style: SECTION_STYLE });
    const lh = add([...LEAD_COLUMNS]);
    styles.push({ address: rangeA1(lh, 1, lh, LEAD_COLUMNS.length), style: HEADER_STYLE });
    const leads = exceptionsByLead(groups);
    for (const l of leads) add([l.lead, l.overdueOrAtRisk, l.stale, l.slipped, l.refs.join(', ')]);
    styles.push({ address: rangeA1(lh + 1, 1, lh + leads.length, LEAD_COLUMNS.length), style: { wrap: true, border: true } });
  }

  return {
    name,
    visibility: 'visible',
    rows,
    styles,
    links,
    merges: [],
    rules,
    widths: WIDTHS.map((width, i) => ({ col: i + 1, width })),
    freezeRows: TITLE_ROWS + (items.length ? 1 : 0),
    print: { orientation: 'landscape', fitToWidth: true, titleRows: `1:${TITLE_ROWS + (items.length ? 1 : 0)}`, area: rangeA1(1, 1, rows.length, COLUMNS.length) },
  };
}
