import { asOfFacts } from './as-of';
import type { IsoDate } from './cells';
import { actionKeys, currentDue, type History, type HistoryRow } from './history';
import { STATUSES, type Action, type AssessedAction, type AssessedPlan, type Status } from './model';
import { parseQuarterLabel } from './quarters';
import { ratingByLabel, recogniseRating, type Scheme } from './schemes';
import { hasDatedUpdates } from './progress';
import { staleSince } from './validate';

/**
 * What changed since the last quarterly review: each action's direction of travel against the last
 * recorded quarter, actions Red quarter after quarter, progress notes not updated, and dates that
 * have slipped (revised in the notes, or changed in the plan since it was recorded).
 */

export type Travel = 'improved' | 'worsened' | 'held' | 'new';

export const TRAVEL_TEXT: Record<Travel, string> = { improved: '↑ improved', worsened: '↓ worsened', held: '→ held', new: 'new' };

/** A group's overall direction: more improved than worsened is up, more worsened is down. */
export type Direction = 'up' | 'down' | 'level';
export const DIRECTION_TEXT: Record<Direction, string> = { up: '↑ improving', down: '↓ worsening', level: '→ steady' };

/**
 * How good a status is, best first. An action that cannot be rated (no usable timescale) is not
 * known to be in trouble but is not known to be on track either, so it ranks between the two:
 * Grey → Green is an improvement, Grey → Amber a worsening.
 */
export const STATUS_RANK: Record<Status, number> = { complete: 4, 'on-track': 3, 'not-assessed': 2, 'at-risk': 1, overdue: 0 };

/**
 * A rating's rank: the best status the scheme gives it (in "Red: Off Target" schemes Red covers both
 * overdue and at risk, and ranks as at risk). Null for a label the scheme does not know.
 */
export function ratingRank(scheme: Scheme, label: string): number | null {
  const rating = ratingByLabel(scheme, label) ?? recogniseRating(scheme, label);
  if (!rating) return null;
  const ranks = STATUSES.filter((s) => scheme.map[s] === rating.id).map((s) => STATUS_RANK[s]);
  return ranks.length ? Math.max(...ranks) : null;
}

/** Whether a label is the rating the scheme gives overdue actions (Red). */
export function isRed(scheme: Scheme, label: string): boolean {
  const rating = ratingByLabel(scheme, label) ?? recogniseRating(scheme, label);
  return rating !== null && rating !== undefined && rating.id === scheme.map.overdue;
}

/** Direction from one rating to another; labels the scheme does not know count as held when equal, else as new. */
export function compareRatings(scheme: Scheme, before: string, now: string): Travel {
  const a = ratingRank(scheme, before);
  const b = ratingRank(scheme, now);
  if (a === null || b === null) return before.trim().toLowerCase() === now.trim().toLowerCase() ? 'held' : 'new';
  return b > a ? 'improved' : b < a ? 'worsened' : 'held';
}

export interface TravelCounts {
  improved: number;
  worsened: number;
  held: number;
  new: number;
  /** Null when there is no earlier quarter to compare with. */
  direction: Direction | null;
  /** Actions Red now and at the last recorded quarter (and possibly before). */
  redTwoQuarters: number;
}

/** An action listed because its progress note has no recent update. */
export interface StaleUpdate {
  key: string;
  sheet: string;
  /** The progress cell. */
  cell: string | null;
  ref: string | null;
  action: string;
  lead: string;
  lastUpdate: IsoDate | null;
  /** No update on or after this date. */
  since: IsoDate;
}

/** An action whose date has moved. */
export interface Slip {
  key: string;
  sheet: string;
  /** The timescale cell (else the action cell). */
  cell: string | null;
  ref: string | null;
  action: string;
  lead: string;
  /** The date first recorded or, from the notes, the date before the revision. */
  original: IsoDate | null;
  /** The date the action is now due by. */
  current: IsoDate | null;
  /** 'notes': the progress note records a revised date; 'plan': the plan's date differs from the recorded one. */
  source: 'notes' | 'plan';
  /** The sentence of the note that records the revision. */
  note: string | null;
}

export interface ActionReview {
  key: string;
  /** Null when no earlier quarter is recorded. */
  travel: Travel | null;
  /** The rating recorded at the baseline quarter. */
  previous: string | null;
  /** Recorded quarters running, up to and including now, that the action has been Red (0 when it is not Red now). */
  redStreak: number;
  stale: StaleUpdate | null;
  slipped: Slip | null;
}

export interface PriorityTravel extends TravelCounts {
  plan: string;
  sheet: string;
  priority: string | null;
  title: string;
}

export interface Review {
  /** The quarter of the as-of date. */
  quarter: string;
  /** The recorded quarter compared with: the last one before the current quarter; null when none. */
  baseline: string | null;
  /** Each action's key (see history.actionKeys), by where the action starts (see placeOf). */
  keys: Record<string, string>;
  /** Per action key. */
  actions: Record<string, ActionReview>;
  byPriority: PriorityTravel[];
  totals: TravelCounts;
  stale: StaleUpdate[];
  slipped: Slip[];
}

export interface ReviewOptions {
  asOf: IsoDate;
  scheme: Scheme;
}

function quarterStart(label: string): string {
  return parseQuarterLabel(label)?.start ?? label;
}

function staleFor(a: AssessedAction, key: string, since: IsoDate | null): StaleUpdate | null {
  if (!since || a.assessment.effectiveStatus === 'complete') return null;
  const { action } = a;
  return { key, sheet: action.sheet, cell: action.cells.progress ?? null, ref: action.ref, action: action.action, lead: action.lead, lastUpdate: action.progress.lastUpdate, since };
}

/**
 * A revised date in the notes, or a due date that differs from the one first recorded. Complete
 * actions are not listed: their dates no longer matter to the board.
 */
function slipFor(a: AssessedAction, key: string, row: HistoryRow | undefined, before: string[]): Slip | null {
  const { action, assessment } = a;
  if (assessment.effectiveStatus === 'complete') return null;
  const current = currentDue(action);
  const revised = action.progress.revised;
  const recorded = row ? (before.map((q) => row.due[q]).find((d) => d) ?? null) : null;
  const base = { key, sheet: action.sheet, cell: action.cells.timescale ?? action.cells.action ?? null, ref: action.ref, action: action.action, lead: action.lead };
  // A yearly task's due date moves on by design each time it comes round.
  if (recorded && current && recorded !== current && !action.timescale.yearly) {
    return { ...base, original: recorded, current, source: revised ? 'notes' : 'plan', note: revised?.text ?? null };
  }
  if (revised) {
    const original = revised.originalDue ?? (action.timescale.due !== revised.newDue ? action.timescale.due : null);
    return { ...base, original, current: revised.newDue, source: 'notes', note: revised.text };
  }
  return null;
}

/** Counts of a set of actions' travel. */
export function travelCounts(reviews: ActionReview[], hasBaseline: boolean): TravelCounts {
  const count = (t: Travel) => reviews.filter((r) => r.travel === t).length;
  const improved = count('improved');
  const worsened = count('worsened');
  return {
    improved,
    worsened,
    held: count('held'),
    new: count('new'),
    direction: hasBaseline ? (improved > worsened ? 'up' : worsened > improved ? 'down' : 'level') : null,
    redTwoQuarters: reviews.filter((r) => r.redStreak >= 2).length,
  };
}

/** "2 improved, 1 worsened, 5 held, 1 new" (zero counts left out), or null with no baseline. */
export function travelSummary(counts: TravelCounts): string | null {
  if (!counts.direction) return null;
  const parts = (['improved', 'worsened', 'held', 'new'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return `${parts.join(', ') || 'no actions'} (${DIRECTION_TEXT[counts.direction]})`;
}

export function reviewPlans(plans: AssessedPlan[], history: History | null, opts: ReviewOptions): Review {
  const { scheme } = opts;
  const asOf = asOfFacts(opts.asOf);
  const { quarter } = asOf;
  const before = (history?.quarters ?? []).filter((q) => quarterStart(q) < quarter.start);
  const baseline = before.length ? before[before.length - 1] : null;
  const rows = new Map((history?.rows ?? []).map((r) => [r.key, r]));
  const keys = actionKeys(plans);

  const actions: ActionReview[] = [];
  const stale: StaleUpdate[] = [];
  const slipped: Slip[] = [];
  const byPriority: PriorityTravel[] = [];
  for (const { plan, actions: assessed } of plans) {
    const datedUpdates = hasDatedUpdates(plan);
    const groups = new Map<string | null, ActionReview[]>();
    for (const a of assessed) {
      const key = keys.get(a.action)!;
      const row = rows.get(key);
      const now = a.assessment.effective;
      const previous = baseline ? (row?.ratings[baseline] ?? null) : null;
      const travel: Travel | null = baseline === null ? null : previous ? compareRatings(scheme, previous, now) : 'new';
      let redStreak = 0;
      if (isRed(scheme, now)) {
        redStreak = 1;
        for (let i = before.length - 1; i >= 0; i--) {
          const label = row?.ratings[before[i]];
          if (!label || !isRed(scheme, label)) break;
          redStreak++;
        }
      }
      const review: ActionReview = {
        key,
        travel,
        previous,
        redStreak,
        stale: staleFor(a, key, staleSince(plan, a.action, asOf, datedUpdates)),
        slipped: slipFor(a, key, row, before),
      };
      actions.push(review);
      if (review.stale) stale.push(review.stale);
      if (review.slipped) slipped.push(review.slipped);
      const group = groups.get(a.action.priority);
      if (group) group.push(review);
      else groups.set(a.action.priority, [review]);
    }
    const titles = new Map(plan.priorities.map((p) => [p.id, p.title]));
    for (const [priority, reviews] of groups) {
      const title = (priority && titles.get(priority)) || (priority ? `Priority ${priority}` : plan.sheet);
      byPriority.push({ plan: plan.id, sheet: plan.sheet, priority, title, ...travelCounts(reviews, baseline !== null) });
    }
  }
  return {
    quarter: quarter.label,
    baseline,
    keys: Object.fromEntries([...keys].map(([action, key]) => [placeOf(action), key])),
    actions: Object.fromEntries(actions.map((r) => [r.key, r])),
    byPriority,
    totals: travelCounts(actions, baseline !== null),
    stale,
    slipped,
  };
}

/**
 * Where an action starts, as a key: its sheet and the first of its cells the plan reads ("Plan!A12").
 * Plans side by side on one row read different cells.
 */
function placeOf(action: Action): string {
  return `${action.sheet}!${Object.values(action.cells)[0] ?? `row ${action.row}`}`;
}

/** The review of one action, found through its key. */
export function reviewOf(review: Review | undefined, action: Action): ActionReview | null {
  const key = review?.keys[placeOf(action)];
  return (key !== undefined && review?.actions[key]) || null;
}

/** Direction of travel per action key, for the pane and the command line: only actions that have one. */
export function travelByKey(review: Review): Record<string, Travel> {
  return Object.fromEntries(Object.values(review.actions).flatMap((r) => (r.travel ? [[r.key, r.travel]] : [])));
}
