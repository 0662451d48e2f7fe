import { a1, formatDate, rangeA1, type IsoDate } from './cells';
import { ratingCellRules, ratingText } from './formatting';
import { currentDue } from './history';
import type { AssessedPlan, Status } from './model';
import type { ConditionalFormat, GeneratedSheet, Link, PatchValue, Style } from './patch';
import { quarterOf } from './quarters';
import { ratingByLabel, ratingFor, type Scheme } from './schemes';
import { reviewOf, TRAVEL_TEXT, type Review } from './travel';

/**
 * Actions grouped by who leads them, for a lead's own to-do list and the "By Lead" sheet. Lead
 * cells are written loosely ("CSE Sub group", "CSE Subgroup", "PPPG / CSE Group"), so names are
 * compared loosely and a cell naming two leads puts the action under both.
 */

export interface LeadAction {
  key: string;
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
  for (const { actions } of plans) {
    for (const { action, assessment } of actions) {
      const ar = reviewOf(review, action);
      const item: LeadAction = {
        key: ar?.key ?? '',
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

const COLUMNS = ['Ref', 'Action', 'Rating', 'Travel', 'Due', 'Last update', 'Update needed'];
const WIDTHS = [10, 60, 12, 13, 13, 13, 16];
const HEADER_STYLE: Style = { bold: true, fill: '#D9E1F2', border: true, wrap: true };
const LEAD_STYLE: Style = { bold: true, size: 12, fill: '#EDEDED' };
const DATE_FORMAT = 'd mmm yyyy';
const TITLE_ROWS = 3;

export interface LeadSheetContext {
  scheme: Scheme;
  asOf: IsoDate;
  symbols: boolean;
  review: Review;
}

/** "By Lead": for each lead, their actions with rating, travel, due date and whether an update is needed. */
export function leadsSheet(groups: LeadGroup[], ctx: LeadSheetContext, name: string = BY_LEAD_SHEET): GeneratedSheet {
  const rows: PatchValue[][] = [];
  const styles: GeneratedSheet['styles'] = [];
  const links: Link[] = [];
  const add = (values: PatchValue[] = []) => rows.push(values);
  let firstAction = 0;

  add(['Actions by lead']);
  styles.push({ address: 'A1', style: { bold: true, size: 14 } });
  add([`As of ${formatDate(ctx.asOf)} (${quarterOf(ctx.asOf).label})${ctx.review.baseline ? `; travel since ${ctx.review.baseline}` : ''}`]);
  add([`Key: ${ctx.scheme.title}`]);
  if (!groups.length) add(['No actions to list.']);

  for (const group of groups) {
    add();
    const n = group.actions.length;
    add([`${group.lead} (${n} action${n === 1 ? '' : 's'})`]);
    styles.push({ address: rangeA1(rows.length, 1, rows.length, COLUMNS.length), style: LEAD_STYLE });
    add([...COLUMNS]);
    styles.push({ address: rangeA1(rows.length, 1, rows.length, COLUMNS.length), style: HEADER_STYLE });
    const first = rows.length + 1;
    const last = rows.length + group.actions.length;
    if (group.actions.length) firstAction ||= first;
    styles.push({ address: rangeA1(first, 1, last, COLUMNS.length), style: { border: true, wrap: true } });
    styles.push({ address: rangeA1(first, 5, last, 6), style: { numberFormat: DATE_FORMAT } });
    for (const a of group.actions) {
      const rating = ratingByLabel(ctx.scheme, a.effective) ?? ratingFor(ctx.scheme, a.effectiveStatus);
      const travel = ctx.review.actions[a.key]?.travel ?? null;
      add([
        a.ref ?? 'Go to',
        a.action || null,
        ratingText(rating, ctx.symbols),
        travel ? TRAVEL_TEXT[travel] : null,
        a.due ? { date: a.due } : null,
        a.lastUpdate ? { date: a.lastUpdate } : null,
        a.stale ? 'Yes' : null,
      ]);
      links.push({ cell: a1(rows.length, 1), sheet: a.sheet, target: a.cell });
    }
  }
  // One rule per rating colours the Rating column of every lead's table (the lead and header rows
  // between tables hold no rating there).
  const rules: ConditionalFormat[] = firstAction
    ? ratingCellRules(rangeA1(firstAction, 3, rows.length, 3), ctx.scheme.ratings, (r) => [ratingText(r, ctx.symbols)])
    : [];

  return {
    name,
    visibility: 'visible',
    rows,
    styles,
    links,
    merges: [],
    rules,
    widths: WIDTHS.map((width, i) => ({ col: i + 1, width })),
    freezeRows: TITLE_ROWS,
    print: { orientation: 'landscape', fitToWidth: true, titleRows: `1:${TITLE_ROWS}`, area: rangeA1(1, 1, rows.length, COLUMNS.length) },
  };
}
