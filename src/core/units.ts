import type { AssessedAction, AssessedPlan, Priority } from './model';
import { ratingByLabel, ratingFor, type Rating, type Scheme } from './schemes';
import { sheetKey } from './sheetname';
import { reviewOf, travelCounts, travelSummary, type Review } from './travel';

/**
 * The groups of actions BoardPlan reports on: one per priority of each plan (and one for a plan's
 * actions outside any priority), with the names a chair reads them by.
 */

/** A group of actions one summary sheet (and one overview row) reports on. */
export interface Unit {
  assessed: AssessedPlan;
  priority: Priority | null;
  actions: AssessedAction[];
  /** Short label: "P1", "Adults P1", or the sheet name for a plan without priorities. */
  label: string;
  /** The priority's title as the plan writes it ("Priority 1: Early help"), or the sheet's name. */
  title: string;
  /** The title as a heading: "Priority 1: Early help", however the plan wrote it. */
  heading: string;
}

/** Priority ids that start with a number read as "P1", "P2a"; a slug of a title is used as it is. */
export function priorityLabel(id: string): string {
  return /^\d/.test(id) ? `P${id}` : id;
}

/** Words a plan starts a priority's title with ("Key Priority 2", "Theme 3"), followed by its id. */
function namesItself(id: string, title: string): RegExpMatchArray | null {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const prefix = new RegExp(String.raw`^(?:[a-z]+\s+)?(?:priority|priorities|theme|workstream|strand)\s*(?:no\.?\s*)?\(?\s*${escaped}\b\s*\)?\s*[:.\-–—]?\s*`, 'i');
  return title.match(prefix);
}

/**
 * A priority in a list of them: "2a Self-neglect", or the title alone when it already names the
 * priority ("Priority 2a: …", "Theme 1: …", or the title an id such as "making-safeguarding-personal" was made from).
 */
export function priorityName(id: string | null, title: string): string {
  const words = (text: string) => ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
  if (!id || /priority/i.test(title) || words(title).includes(words(id))) return title;
  return `${id} ${title}`;
}

/** "Priority 1: Early help": the plan's own heading when it names the priority, never "P1: Priority 1: …". */
export function priorityHeading(id: string, title: string): string {
  if (!title) return /^\d/.test(id) ? `Priority ${id}` : id;
  if (namesItself(id, title) || !/^\d/.test(id)) return title;
  return `Priority ${id}: ${title}`;
}

/** The title without the plan's "Priority 1:" in front, for a table whose first column says "P1". */
export function bareTitle(id: string, title: string): string {
  const m = namesItself(id, title);
  return m && title.length > m[0].length ? title.slice(m[0].length) : title;
}

/** A short form of a plan's name, to tell apart plans whose priorities share ids. */
function planShortNames(plans: AssessedPlan[]): Map<AssessedPlan, string> {
  const firstWord = (p: AssessedPlan) => p.plan.sheet.trim().split(/\s+/)[0].slice(0, 12);
  const full = (p: AssessedPlan) => p.plan.sheet.trim();
  const withTable = (p: AssessedPlan) => `${p.plan.sheet.trim()} ${p.plan.table ?? p.plan.id.split('!').pop()}`;
  for (const form of [firstWord, full, withTable]) {
    const names = plans.map(form);
    if (new Set(names.map(sheetKey)).size === names.length) return new Map(plans.map((p, i) => [p, names[i]]));
  }
  return new Map(plans.map((p, i) => [p, `Plan ${i + 1}`]));
}

/** Each plan's name as a heading: its sheet, with its table or first cell when a sheet holds two. */
export function planNames(plans: AssessedPlan[]): Map<AssessedPlan, string> {
  const perSheet = new Map<string, number>();
  for (const { plan } of plans) perSheet.set(plan.sheet, (perSheet.get(plan.sheet) ?? 0) + 1);
  return new Map(
    plans.map((p) => [p, (perSheet.get(p.plan.sheet) ?? 0) > 1 ? `${p.plan.sheet} (${p.plan.table ?? p.plan.id.split('!').pop()})` : p.plan.sheet]),
  );
}

export function summaryUnits(plans: AssessedPlan[]): Unit[] {
  const idUse = new Map<string, number>();
  for (const { plan } of plans) for (const p of plan.priorities) idUse.set(p.id, (idUse.get(p.id) ?? 0) + 1);
  const shared = plans.filter(({ plan }) => plan.priorities.some((p) => (idUse.get(p.id) ?? 0) > 1));
  const short = planShortNames(shared);

  const units: Unit[] = [];
  for (const assessed of plans) {
    const { plan, actions } = assessed;
    const known = new Set(plan.priorities.map((p) => p.id));
    for (const priority of plan.priorities) {
      const base = priorityLabel(priority.id);
      const label = (idUse.get(priority.id) ?? 0) > 1 ? `${short.get(assessed)} ${base}` : base;
      const title = priority.title || `Priority ${priority.id}`;
      const heading = priorityHeading(priority.id, priority.title);
      units.push({ assessed, priority, actions: actions.filter((a) => a.action.priority === priority.id), label, title, heading });
    }
    // Actions outside any priority still need a home: one summary named after the sheet.
    const rest = actions.filter((a) => a.action.priority === null || !known.has(a.action.priority));
    if (!plan.priorities.length || rest.length) {
      const title = plan.priorities.length ? `${plan.sheet}: actions without a priority` : plan.sheet;
      units.push({ assessed, priority: null, actions: rest, label: plan.sheet, title, heading: title });
    }
  }
  return units;
}

// ---- what a unit counts ----------------------------------------------------------------------------

export function ratingOf(scheme: Scheme, a: AssessedAction): Rating {
  return ratingByLabel(scheme, a.assessment.effective) ?? ratingFor(scheme, a.assessment.effectiveStatus);
}

/** The direction of travel of a group of actions since the last recorded quarter. */
export function unitTravel(actions: AssessedAction[], review: Review | undefined) {
  const reviews = review ? actions.map((a) => reviewOf(review, a.action)).filter((r) => r !== null) : [];
  return travelCounts(reviews, Boolean(review?.baseline));
}

/** One line on a group's direction of travel since the last recorded quarter. */
export function travelLine(actions: AssessedAction[], review: Review | undefined): string {
  const counts = unitTravel(actions, review);
  const summary = travelSummary(counts);
  if (!review?.baseline || !summary) return 'Direction of travel: no earlier quarter has been recorded yet (use Record quarter in BoardPlan at each quarterly review).';
  const red = counts.redTwoQuarters ? `; ${counts.redTwoQuarters} Red for two quarters or more` : '';
  return `Direction of travel since ${review.baseline}: ${summary}${red}.`;
}
