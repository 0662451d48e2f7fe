import { a1, formatDate, rangeA1, type IsoDate } from './cells';
import { ratingShown, ratingText } from './formatting';
import { currentDue } from './history';
import type { AssessedPlan, Status } from './model';
import { DATE_FORMAT, type GeneratedSheet, type PatchValue } from './patch';
import { quarterOf } from './quarters';
import { ratingByLabel, ratingFor, type Scheme } from './schemes';
import { BODY_STYLE, finishSheet, GROUP_STYLE, HEADER_STYLE, PLAN_STYLE, SECTION_STYLE, SheetBuilder, TITLE_STYLE, type ColumnSpec } from './sheet';
import { reviewOf, TRAVEL_TEXT, type Review, type Travel } from './travel';
import { planNames, priorityHeading } from './units';

/**
 * Actions grouped by who leads them, for a lead's own to-do list and the "By Lead" sheet. Lead
 * cells are written loosely ("CSE Sub group", "CSE Subgroup", "PPPG / CSE Group"), so names are
 * compared loosely and a cell naming two leads puts the action under both.
 */

export interface LeadAction {
  key: string;
  /** The plan's id (see Plan.id) and the action's priority there, to group a lead's actions under them. */
  plan: string;
  priority: string | null;
  sheet: string;
  /** Cell to go to: the ref, else the action. */
  cell: string;
  ref: string | null;
  action: string;
  effective: string;
  effectiveStatus: Status;
  due: IsoDate | null;
  lastUpdate: IsoDate | null;
  stale: boolean;
}

export interface LeadGroup {
  /** The name as most often written (the first seen, on a tie); "No lead named" for blank cells. */
  lead: string;
  actions: LeadAction[];
}

export const NO_LEAD = 'No lead named';
export const BY_LEAD_SHEET = 'By Lead';

/** Separators between leads in one cell. "&" and "and" are kept: "Head of Safeguarding & QA" is one role. */
const SEPARATORS = /\s*(?:[\/;,\n]|\s\+\s)\s*/;

/** The leads a cell names: "PPPG / CSE Group" → ["PPPG", "CSE Group"]. */
export function leadNames(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The form two spellings of a lead share: case, spacing and "Sub group"/"Sub-group"/"Subgroup" do not matter. */
export function leadKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsub[\s-]+/g, 'sub')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A name that is other leads written side by side without a separator ("PPPG CSE Group", when
 * "PPPG" and "CSE Group" each lead actions of their own) split into them; otherwise the name alone.
 */
function splitKnown(name: string, known: Set<string>): string[] {
  const words = name.split(' ');
  if (words.length < 2) return [name];
  // parts[i]: a split of words[i..] into known names, fewest parts first.
  const parts: (string[] | null)[] = new Array(words.length + 1).fill(null);
  parts[words.length] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    for (let j = words.length; j > i; j--) {
      if (i === 0 && j === words.length) continue; // the name itself is not a split
      const rest = parts[j];
      const head = words.slice(i, j).join(' ');
      if (rest && known.has(leadKey(head)) && (!parts[i] || parts[i]!.length > rest.length + 1)) parts[i] = [head, ...rest];
    }
  }
  const split = parts[0];
  return split && split.length > 1 ? split : [name];
}

/**
 * Every lead with their actions, leads in alphabetical order (blank leads last), actions in plan
 * order. Whether an update is needed comes from the review (the exception report's rule).
 */
export function byLead(plans: AssessedPlan[], review: Review): LeadGroup[] {
  // Lead cells repeat: each distinct one is split once.
  const cellsSeen = new Set<string>();
  const known = new Set<string>();
  for (const p of plans) {
    for (const { action } of p.actions) {
      if (cellsSeen.has(action.lead)) continue;
      cellsSeen.add(action.lead);
      for (const name of leadNames(action.lead)) known.add(leadKey(name));
    }
  }
  const groups = new Map<string, { spellings: Map<string, number>; actions: LeadAction[] }>();
  // The same lead cell is split once, however many actions it leads.
  const namesOf = new Map<string, string[]>();
  for (const { plan, actions } of plans) {
    for (const { action, assessment } of actions) {
      const ar = reviewOf(review, action);
      const item: LeadAction = {
        key: ar?.key ?? '',
        plan: plan.id,
        priority: action.priority,
        sheet: action.sheet,
        cell: action.cells.ref ?? action.cells.action ?? a1(action.row, 1),
        ref: action.ref,
        action: action.action,
        effective: assessment.effective,
        effectiveStatus: assessment.effectiveStatus,
        due: currentDue(action),
        lastUpdate: action.progress.lastUpdate,
        stale: Boolean(ar?.stale),
      };
      let names = namesOf.get(action.lead);
      if (!names) namesOf.set(action.lead, (names = leadNames(action.lead).flatMap((n) => splitKnown(n, known))));
      const seen = new Set<string>();
      for (const name of names.length ? names : [NO_LEAD]) {
        const key = name === NO_LEAD ? '' : leadKey(name);
        if (seen.has(key)) continue;
        seen.add(key);
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { spellings: new Map(), actions: [] }));
        g.spellings.set(name, (g.spellings.get(name) ?? 0) + 1);
        g.actions.push(item);
      }
    }
  }
  const out = [...groups.entries()].map(([key, g]) => {
    let best = '';
    let count = 0;
    for (const [name, n] of g.spellings) if (n > count) [best, count] = [name, n];
    return { key, lead: best, actions: g.actions };
  });
  out.sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out.map(({ lead, actions }) => ({ lead, actions }));
}

// ---- the sheet -----------------------------------------------------------------------------------

/** A column of the By Lead sheet: its heading, how it is sized, and what it shows. */
interface LeadColumn {
  header: string;
  spec: ColumnSpec;
  value: (a: LeadAction, ctx: LeadSheetContext) => PatchValue;
  rating?: true;
  date?: true;
  /** Shown only once a quarter has been recorded to compare with. */
  travel?: true;
}

const COLUMNS: LeadColumn[] = [
  { header: 'Ref', spec: {}, value: (a) => a.ref ?? 'Go to' },
  { header: 'Action', spec: { grow: 1 }, value: (a) => a.action || null },
  {
    header: 'Rating',
    spec: {},
    rating: true,
    value: (a, ctx) => ratingText(ratingByLabel(ctx.scheme, a.effective) ?? ratingFor(ctx.scheme, a.effectiveStatus), ctx.symbols),
  },
  { header: 'Travel', spec: {}, travel: true, value: (a, ctx) => travelText(ctx.review.actions[a.key]?.travel) },
  { header: 'Due', spec: {}, date: true, value: (a) => (a.due ? { date: a.due } : null) },
  { header: 'Last update', spec: {}, date: true, value: (a) => (a.lastUpdate ? { date: a.lastUpdate } : null) },
  { header: 'Update needed', spec: {}, value: (a) => (a.stale ? 'Yes' : null) },
];
function travelText(travel: Travel | null | undefined): string | null {
  return travel ? TRAVEL_TEXT[travel] : null;
}

const LEAD_STYLE = SECTION_STYLE;
const TITLE_ROWS = 3;

export interface LeadSheetContext {
  scheme: Scheme;
  asOf: IsoDate;
  symbols: boolean;
  review: Review;
  /** The plans the actions come from: their names and priorities head each lead's actions. */
  plans: AssessedPlan[];
}

/**
 * Where an action sits in the plans, for ordering a lead's actions: plan, then priority (a lead's
 * actions come in plan order, and the sort keeps that order within a priority).
 */
function placeOf(plans: AssessedPlan[]): (a: LeadAction) => number[] {
  const planIndex = new Map(plans.map((p, i) => [p.plan.id, i]));
  const priorityIndex = new Map(plans.map((p) => [p.plan.id, new Map(p.plan.priorities.map((q, i) => [q.id, i]))]));
  return (a) => [planIndex.get(a.plan) ?? plans.length, priorityIndex.get(a.plan)?.get(a.priority ?? '') ?? Number.MAX_SAFE_INTEGER];
}

/**
 * "By Lead": for each lead, their actions with rating, travel, due date and whether an update is
 * needed, under a heading per plan (when the workbook has more than one) and per priority.
 */
export function leadsSheet(groups: LeadGroup[], ctx: LeadSheetContext, name: string = BY_LEAD_SHEET): GeneratedSheet {
  const columns = COLUMNS.filter((c) => !c.travel || ctx.review.baseline);
  const b = new SheetBuilder(columns.length);
  const names = planNames(ctx.plans);
  const planName = new Map(ctx.plans.map((p) => [p.plan.id, names.get(p) ?? p.plan.sheet]));
  const priorities = new Map(ctx.plans.map((p) => [p.plan.id, new Map(p.plan.priorities.map((q) => [q.id, priorityHeading(q.id, q.title)]))]));
  const headed = ctx.plans.length > 1;
  const place = placeOf(ctx.plans);
  const before = (x: LeadAction, y: LeadAction) => {
    const [px, py] = [place(x), place(y)];
    return px[0] - py[0] || px[1] - py[1];
  };
  let firstAction = 0;

  b.line('Actions by lead', TITLE_STYLE);
  b.line(`As of ${formatDate(ctx.asOf)} (${quarterOf(ctx.asOf).label})${ctx.review.baseline ? `; travel since ${ctx.review.baseline}` : ''}`);
  b.line(`Key: ${ctx.scheme.title}`);
  if (!groups.length) b.line('No actions to list.');

  for (const group of groups) {
    // The gap goes with the lead, so a page that starts with one starts with the gap.
    const top = b.gap();
    const n = group.actions.length;
    b.line(`${group.lead} (${n} action${n === 1 ? '' : 's'})`, LEAD_STYLE);
    const head = b.add(columns.map((c) => c.header));
    b.style(rangeA1(head, 1, head, columns.length), HEADER_STYLE);
    let plan: string | null = null;
    let priority: string | null | undefined;
    for (const a of [...group.actions].sort(before)) {
      if (headed && a.plan !== plan) {
        b.spanned([planName.get(a.plan) ?? a.sheet], [columns.length], PLAN_STYLE);
        priority = undefined;
      }
      if (a.plan !== plan || a.priority !== priority) {
        const heading = (a.priority !== null && priorities.get(a.plan)?.get(a.priority)) || 'Actions without a priority';
        b.spanned([heading], [columns.length], GROUP_STYLE);
      }
      [plan, priority] = [a.plan, a.priority];
      const row = b.add(columns.map((c) => c.value(a, ctx)));
      firstAction ||= row;
      b.style(rangeA1(row, 1, row, columns.length), BODY_STYLE);
      columns.forEach((c, i) => c.date && b.style(a1(row, i + 1), { numberFormat: DATE_FORMAT }));
      b.links.push({ cell: a1(row, 1), sheet: a.sheet, target: a.cell });
    }
    b.keepTogether(top, b.last);
  }
  // The Rating column under every lead in its ratings' colours (the heading rows between tables
  // hold no rating there).
  const ratingCol = columns.findIndex((c) => c.rating) + 1;
  if (firstAction) b.rateCells(rangeA1(firstAction, ratingCol, b.last, ratingCol), ratingShown(ctx.scheme.ratings, (r) => [ratingText(r, ctx.symbols)]));
  return finishSheet(b, { name, columns: columns.map((c) => c.spec), titleRows: TITLE_ROWS });
}
