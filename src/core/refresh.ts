import { asOfFacts } from './as-of';
import { assessInto, type AssessContext } from './assess';
import { fitPatchText } from './celltext';
import { isIsoDate, todayIso, type IsoDate } from './cells';
import { EXCEPTIONS_SHEET, exceptionsSheet } from './exceptions';
import { planFormatting } from './formatting';
import { emptyHistory, HISTORY_SHEET, historySheet, quarterRecords, readHistory, recordQuarter, type History } from './history';
import { BY_LEAD_SHEET, byLead, leadsSheet, type LeadGroup } from './leads';
import type { WorkbookHost, ApplyStats } from './host';
import type { AssessedPlan, Finding, PlanPeriod } from './model';
import { planPeriodFromWorkbook } from './period';
import type { ColumnNames } from './pointed-plans';
import { readPlans } from './plan';
import { hasDatedUpdates } from './progress';
import { keyFor, readKeys, schemeFromKey } from './ragkey';
import type { WorkbookPatch } from './patch';
import { financialYear, lastCompletedQuarterEnd, quarterOf } from './quarters';
import { presetScheme, PRESET_NAMES, SchemeSchema, type Scheme } from './schemes';
import { SettingsSchema, type PlanPointer, type Settings } from './settings';
import type { WorkbookSnapshot } from './snapshot';
import { readState, stateSheet } from './state';
import { sheetNamer, summarySheets } from './summary';
import { reviewPlans, travelByKey, type Review, type Slip, type StaleUpdate, type Travel } from './travel';
import { findingsOf, sortFindings } from './validate';
import { planAsOf } from './yearly';

/**
 * The use cases every host shares: check (read, assess, validate) and refresh (check, then build
 * the patch that colours the plan and writes the summaries). Pure: the host reads and writes.
 */

export interface RunInput {
  /** An ISO date, 'today' or 'quarter-end'; default: the workbook's setting. */
  asOf?: string;
  planPeriod?: PlanPeriod;
  dueSoonDays?: number;
  /** A preset name or 'custom'. */
  scheme?: string;
  /** Settings to use instead of the workbook's (the pane passes what the officer is editing). */
  settings?: Settings;
  /** Today's date, for tests and for a fixed clock; default: the machine's date. */
  today?: IsoDate;
  /** Plans pointed at for this run only (`--plan`), besides those in the settings. */
  plans?: PlanPointer[];
  /** Columns named for this run only (`--map lead=Owner`): a heading or a column letter per field, null for none. */
  map?: ColumnNames;
  /**
   * Record this refresh's effective ratings as the as-of date's quarter in the RAG History
   * (replacing that quarter if it was recorded before). Refresh only.
   */
  record?: boolean;
}

/** A problem with the request itself (an unknown scheme name, an impossible date): nothing was read. */
export class UsageError extends Error {}

export interface RatingCount {
  label: string;
  count: number;
}

export interface PriorityCount {
  plan: string;
  sheet: string;
  priority: string | null;
  title: string;
  total: number;
  /** Effective ratings, in scheme order, zero counts included. */
  ratings: RatingCount[];
}

export interface CheckResult {
  asOf: IsoDate;
  planPeriod: PlanPeriod;
  planPeriodSource: 'input' | 'settings' | 'workbook' | 'as-of';
  scheme: Scheme;
  settings: Settings;
  plans: AssessedPlan[];
  findings: Finding[];
  byPriority: PriorityCount[];
  totals: RatingCount[];
  actionCount: number;
  ownedSheets: string[];
  /** The name of BoardPlan's state sheet: the one the workbook has, or the one a refresh writes. */
  stateSheet: string;
  /** Stored settings that could not be used (defaults applied), as readable lines. */
  settingsProblems: string[];
}

/**
 * The quarterly review: what the RAG History says about the ratings of a check. A refresh always
 * carries it; a check leaves it to whoever shows it (the pane), as `boardplan check` never does.
 */
export interface QuarterlyReview {
  /** Direction of travel per action key (see history.actionKeys), for actions that have one. */
  travel: Record<string, Travel>;
  /** Actions Red now and at the last recorded quarter before this one. */
  redTwoQuarters: number;
  /** Actions whose progress notes have no recent dated update. */
  stale: StaleUpdate[];
  /** Actions whose date has moved (in the notes, or in the plan since it was recorded). */
  slipped: Slip[];
  byLead: LeadGroup[];
  /** The RAG History: as the workbook holds it, or for a refresh as it wrote it (empty when none is recorded). */
  history: History;
  /** Cells of the RAG History that could not be read, as sentences. */
  historyProblems: string[];
  /** Everything the quarterly review computed, per action and per priority. */
  review: Review;
}

export interface RefreshResult extends CheckResult, QuarterlyReview {
  patch: WorkbookPatch;
  /** Plain sentences about what the refresh did differently from the obvious (a renamed sheet…). */
  notices: string[];
  /** The quarter this refresh recorded in the RAG History, or null when it recorded none. */
  recordedQuarter: string | null;
  /** True when that quarter was already in the RAG History: its ratings were replaced by this refresh's. */
  replacedQuarter: boolean;
}

export function resolveScheme(settings: Settings, name?: string): Scheme {
  const wanted = (name ?? settings.scheme).toLowerCase();
  if (wanted === 'custom') {
    if (!settings.customScheme) throw new UsageError('The scheme is set to "custom" but no custom scheme is defined: define one in BoardPlan\'s Settings or choose a preset.');
    return SchemeSchema.parse(settings.customScheme);
  }
  const preset = presetScheme(wanted);
  if (!preset) throw new UsageError(`Unknown scheme "${name ?? settings.scheme}": use one of ${[...PRESET_NAMES, 'custom'].join(', ')}.`);
  return preset;
}

export function resolveAsOf(asOf: string, today: IsoDate): IsoDate {
  if (asOf === 'today') return today;
  if (asOf === 'quarter-end') return lastCompletedQuarterEnd(today);
  if (isIsoDate(asOf)) return asOf;
  throw new UsageError(`"${asOf}" is not a date: write the as-of date as YYYY-MM-DD (e.g. 2016-03-31), "today" or "quarter-end".`);
}

export function check(snapshot: WorkbookSnapshot, input: RunInput = {}): CheckResult {
  const state = readState(snapshot);
  let settings = SettingsSchema.parse({
    ...(input.settings ?? state.settings),
    ...(input.dueSoonDays !== undefined ? { dueSoonDays: input.dueSoonDays } : {}),
  });
  // A workbook that has never had BoardPlan settings keeps the RAG key it prints, if it is a preset's.
  // Saved with the settings, so later refreshes keep it.
  const printedKey = !input.scheme && !input.settings && !state.present ? schemeFromKey(snapshot) : null;
  if (printedKey) settings = { ...settings, scheme: printedKey };
  const scheme = resolveScheme(settings, input.scheme);
  const today = input.today ?? todayIso();
  const asOf = resolveAsOf(input.asOf ?? settings.asOf, today);

  let planPeriod: PlanPeriod;
  let planPeriodSource: CheckResult['planPeriodSource'];
  const fromWorkbook = input.planPeriod || settings.planPeriod ? null : planPeriodFromWorkbook(snapshot, state.ownedSheets);
  if (input.planPeriod) [planPeriod, planPeriodSource] = [input.planPeriod, 'input'];
  else if (settings.planPeriod) [planPeriod, planPeriodSource] = [settings.planPeriod, 'settings'];
  else if (fromWorkbook) [planPeriod, planPeriodSource] = [fromWorkbook, 'workbook'];
  else [planPeriod, planPeriodSource] = [financialYear(asOf), 'as-of'];

  // The state sheet itself readPlans knows by its title.
  const read = readPlans(snapshot, {
    planPeriod,
    asOf,
    columns: settings.columns,
    plans: settings.plans,
    options: { plans: input.plans, map: input.map },
    skipSheets: state.ownedSheets,
  });
  if (read.unmapped.length) {
    const names = read.unmapped.map((f) => `${f}=${input.map?.[f]}`).join(', ');
    throw new UsageError(`--map ${names}: no plan found has a column with that heading. Name a heading as it is written in the plan's header row, or a column letter such as F.`);
  }
  // A yearly task ("each April") is due on its next occurrence as of the run's date.
  const planned = read.plans.map((plan) => planAsOf(plan, asOf));
  const findings: Finding[] = read.findings.concat(findingsOf(planned, { planPeriod, asOf }));

  const facts = asOfFacts(asOf);
  // Keys printed above or beside the plans say what the board's own codes mean ("C", "1").
  const keys = readKeys(snapshot, planned, state.ownedSheets);
  const plans: AssessedPlan[] = planned.map((plan) => {
    const ctx: AssessContext = {
      asOf: facts,
      dueSoonDays: settings.dueSoonDays,
      scheme,
      datedUpdates: hasDatedUpdates(plan),
      key: keyFor(keys, plan.sheet),
      headings: { rag: plan.columns.rag?.header ?? null, status: plan.columns.status?.header ?? null },
    };
    return {
      plan,
      actions: plan.actions.map((action) => ({ action, assessment: assessInto(action, ctx, findings) })),
    };
  });

  const { byPriority, totals } = countRatings(plans, scheme);
  return {
    asOf,
    planPeriod,
    planPeriodSource,
    scheme,
    settings,
    plans,
    findings: sortFindings(findings, snapshot.sheets.map((s) => s.name)),
    byPriority,
    totals,
    actionCount: plans.reduce((n, p) => n + p.actions.length, 0),
    ownedSheets: state.ownedSheets,
    stateSheet: state.sheet,
    settingsProblems: state.problems,
  };
}

/** The quarterly review of a check, against the RAG History the workbook holds. */
export function quarterlyReview(snapshot: WorkbookSnapshot, result: CheckResult): QuarterlyReview {
  const found = readHistory(snapshot, result.ownedSheets);
  return { ...reviewAgainst(result.plans, found ?? emptyHistory(), result.asOf, result.scheme), historyProblems: found?.problems ?? [] };
}

export function refresh(snapshot: WorkbookSnapshot, input: RunInput = {}): RefreshResult {
  const result = check(snapshot, input);
  const { scheme, settings, asOf } = result;
  const notices: string[] = [];

  // The history was read from the workbook; recording replaces the as-of quarter's column.
  let quarterly = quarterlyReview(snapshot, result);
  let recordedQuarter: string | null = null;
  let replacedQuarter = false;
  notices.push(...quarterly.historyProblems);
  if (input.record) {
    const label = quarterOf(asOf).label;
    if (!quarterly.history.readable) notices.push(`${label} was not recorded: BoardPlan could not read its history sheet '${quarterly.history.sheet}'.`);
    else if (!result.plans.length) notices.push(`${label} was not recorded: no plan was found to record.`);
    else {
      recordedQuarter = label;
      replacedQuarter = quarterly.history.quarters.includes(label);
      const recorded = recordQuarter(quarterly.history, label, quarterRecords(result.plans));
      quarterly = { ...reviewAgainst(result.plans, recorded, asOf, scheme), historyProblems: quarterly.historyProblems };
    }
  }
  const { review } = quarterly;
  let { history } = quarterly;

  const { columns, rules } = planFormatting(result.plans, { snapshot, scheme, format: settings.format });
  const summaries = summarySheets(result.plans, {
    snapshot,
    scheme,
    settings,
    asOf,
    planPeriod: result.planPeriod,
    findings: result.findings,
    ownedSheets: result.ownedSheets,
    review,
  });
  notices.push(...summaries.notices);

  // BoardPlan's other sheets take names the summaries left free; an existing history keeps its own.
  const sheets = [...summaries.sheets];
  const namer = sheetNamer({ snapshot, ownedSheets: result.ownedSheets }, notices, [...sheets.map((s) => s.name), ...(history.sheet ? [history.sheet] : [])]);
  const sheetContext = { scheme, asOf, symbols: settings.format.symbols, review, plans: result.plans };
  if (result.plans.length && settings.summaries.exceptions) sheets.push(exceptionsSheet(result.plans, sheetContext, namer(EXCEPTIONS_SHEET, 'exception report')));
  if (result.plans.length && settings.summaries.perLead) sheets.push(leadsSheet(quarterly.byLead, sheetContext, namer(BY_LEAD_SHEET, 'view by lead')));
  // The history is always written back when it exists, so that it is never deleted as no longer
  // produced; one BoardPlan cannot read is left as it is, and still counted as its own.
  const keep: string[] = [];
  if (!history.sheet && history.quarters.length) history = { ...history, sheet: namer(HISTORY_SHEET, 'RAG History') };
  if (history.sheet && !history.readable) keep.push(history.sheet);
  else if (history.sheet) sheets.push(historySheet(history, scheme, history.sheet));

  const produced = [...sheets.map((s) => s.name), ...keep];
  const existing = new Set(snapshot.sheets.map((s) => s.name));
  // Only sheets BoardPlan made and still lists as its own are removed when no longer produced.
  const unproduced = result.ownedSheets.filter((n) => !produced.includes(n) && n !== result.stateSheet && existing.has(n));
  // Excel keeps at least one sheet of a workbook visible: BoardPlan's own sheets stay when they are
  // the last visible ones (the plan has gone, or is not recognised for now).
  const visibleLeft =
    sheets.some((s) => (s.visibility ?? 'visible') === 'visible') ||
    snapshot.sheets.some((s) => s.visibility === 'visible' && !unproduced.includes(s.name) && !sheets.some((g) => g.name === s.name));
  const lastVisible = visibleLeft ? [] : unproduced.filter((n) => snapshot.sheets.find((s) => s.name === n)?.visibility === 'visible');
  const deleteSheets = unproduced.filter((n) => !lastVisible.includes(n));
  const built: WorkbookPatch = {
    columns,
    rules,
    // Sheets kept as the last visible ones are still BoardPlan's, for the next refresh to replace.
    sheets: [...sheets, stateSheet(settings, [...produced, ...lastVisible], result.stateSheet)],
    deleteSheets,
  };
  // A cell holds at most 32,767 characters: longer texts are cut, and the refresh says so.
  const { patch, notices: cut } = fitPatchText(built);
  notices.push(...cut);
  return { ...result, ...quarterly, history, patch, notices, recordedQuarter, replacedQuarter };
}

/** The quarterly review's figures against a history: travel, Red streaks, stale and slipped, by lead. */
function reviewAgainst(plans: AssessedPlan[], history: History, asOf: IsoDate, scheme: Scheme): Omit<QuarterlyReview, 'historyProblems'> {
  const review = reviewPlans(plans, history, { asOf, scheme });
  return {
    history,
    review,
    travel: travelByKey(review),
    redTwoQuarters: review.totals.redTwoQuarters,
    stale: review.stale,
    slipped: review.slipped,
    byLead: byLead(plans, review),
  };
}

/** Only the settings, for when the officer saves them without refreshing. */
export function settingsPatch(snapshot: WorkbookSnapshot, settings: Settings): WorkbookPatch {
  const state = readState(snapshot);
  return { columns: [], rules: [], sheets: [stateSheet(settings, state.ownedSheets, state.sheet)], deleteSheets: [] };
}

/** snapshot → refresh → apply, as the ribbon button and the CLI run it. */
export async function runRefresh(host: WorkbookHost, input: RunInput = {}): Promise<{ result: RefreshResult; stats: ApplyStats }> {
  const snapshot = await host.snapshot();
  const result = refresh(snapshot, input);
  const stats = await host.apply(result.patch);
  return { result, stats };
}

export function countRatings(plans: AssessedPlan[], scheme: Scheme): { byPriority: PriorityCount[]; totals: RatingCount[] } {
  const zero = () => scheme.ratings.map((r) => ({ label: r.label, count: 0 }));
  const totals = zero();
  const byPriority: PriorityCount[] = [];
  for (const { plan, actions } of plans) {
    const groups = new Map<string | null, PriorityCount>();
    const titles = new Map(plan.priorities.map((p) => [p.id, p.title]));
    for (const { action, assessment } of actions) {
      let g = groups.get(action.priority);
      if (!g) {
        g = {
          plan: plan.id,
          sheet: plan.sheet,
          priority: action.priority,
          title: (action.priority && titles.get(action.priority)) || (action.priority ? `Priority ${action.priority}` : plan.sheet),
          total: 0,
          ratings: zero(),
        };
        groups.set(action.priority, g);
      }
      g.total++;
      const i = scheme.ratings.findIndex((r) => r.label === assessment.effective);
      if (i !== -1) {
        g.ratings[i].count++;
        totals[i].count++;
      }
    }
    byPriority.push(...groups.values());
  }
  return { byPriority, totals };
}

/** "38 actions: 5 Red, 9 Amber, 20 Green, 4 Blue — 3 findings" */
export function summaryLine(result: CheckResult): string {
  const parts = result.totals.filter((t) => t.count > 0).map((t) => `${t.count} ${t.label}`);
  const n = result.findings.length;
  const actions = `${result.actionCount} action${result.actionCount === 1 ? '' : 's'}`;
  return `${actions}${parts.length ? `: ${parts.join(', ')}` : ''} — ${n} finding${n === 1 ? '' : 's'}`;
}
