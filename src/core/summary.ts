import { a1, columnLetter, formatDate, rangeA1, type IsoDate } from './cells';
import { ratingCellRules, ratingText } from './formatting';
import type { Action, AssessedAction, AssessedPlan, Finding, PlanPeriod, Priority, Status } from './model';
import type { Chart, ConditionalFormat, GeneratedSheet, Link, PatchValue, Style } from './patch';
import { nextQuarter, quarterOf } from './quarters';
import { ratingByLabel, ratingFor, type Rating, type Scheme } from './schemes';
import type { Settings } from './settings';
import { cleanSheetName, MAX_SHEET_NAME, safeSheetName, sheetKey } from './sheetname';
import type { WorkbookSnapshot } from './snapshot';
import { stateSheetName } from './state';
import { DIRECTION_TEXT, reviewOf, TRAVEL_TEXT, travelCounts, travelSummary, type Review } from './travel';

/**
 * The sheets a chair reads: one summary per priority (counts by rating, the exceptions, what falls
 * due before the next quarterly review) and a Board Overview across all priorities with a chart.
 * Everything here is values, styles and conditional formats; no formulas in cells, so text from the
 * plan stays text.
 */

export interface SummaryContext {
  snapshot: WorkbookSnapshot;
  scheme: Scheme;
  settings: Settings;
  asOf: IsoDate;
  planPeriod: PlanPeriod;
  findings: Finding[];
  /** Sheets BoardPlan created earlier (from its hidden sheet): these it may replace. */
  ownedSheets: string[];
  /** Direction of travel since the last recorded quarter; without it the Travel cells stay blank. */
  review?: Review;
}

export interface Summaries {
  sheets: GeneratedSheet[];
  notices: string[];
}

export const OVERVIEW_SHEET = 'Board Overview';
const SUMMARY_SUFFIX = ' Summary';

const HEADER_STYLE: Style = { bold: true, fill: '#D9E1F2', border: true, wrap: true };
const TITLE_STYLE: Style = { bold: true, size: 14 };
const SECTION_STYLE: Style = { bold: true, size: 12 };
const DATE_FORMAT = 'd mmm yyyy';
const PERCENT_FORMAT = '0%';

/** A group of actions one summary sheet (and one overview row) reports on. */
export interface Unit {
  assessed: AssessedPlan;
  priority: Priority | null;
  actions: AssessedAction[];
  /** Short label: "P1", "Adults P1", or the sheet name for a plan without priorities. */
  label: string;
  title: string;
}

export function summarySheets(plans: AssessedPlan[], ctx: SummaryContext): Summaries {
  const sheets: GeneratedSheet[] = [];
  const notices: string[] = [];
  if (!plans.length) return { sheets, notices };

  const units = summaryUnits(plans);
  const namer = sheetNamer(ctx, notices);

  // The overview is named first so that it keeps its natural name; its rows link to the summaries.
  const overviewName = ctx.settings.summaries.overview ? namer(OVERVIEW_SHEET, 'overview') : null;
  const summaryNames = ctx.settings.summaries.perPriority ? units.map((u) => namer(summaryName(u.label), 'summary')) : null;
  if (overviewName) sheets.push(overviewSheet(overviewName, units, summaryNames, ctx));
  if (summaryNames) units.forEach((unit, i) => sheets.push(prioritySheet(summaryNames[i], unit, ctx)));
  return { sheets, notices };
}

// ---- units and names --------------------------------------------------------------------------

/** Priority ids that start with a number read as "P1", "P2a"; a slug of a title is used as it is. */
export function priorityLabel(id: string): string {
  return /^\d/.test(id) ? `P${id}` : id;
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
      units.push({ assessed, priority, actions: actions.filter((a) => a.action.priority === priority.id), label, title });
    }
    // Actions outside any priority still need a home: one summary named after the sheet.
    const rest = actions.filter((a) => a.action.priority === null || !known.has(a.action.priority));
    if (!plan.priorities.length || rest.length) {
      const title = plan.priorities.length ? `${plan.sheet}: actions without a priority` : plan.sheet;
      units.push({ assessed, priority: null, actions: rest, label: plan.sheet, title });
    }
  }
  return units;
}

/** "<label> Summary", the label shortened so the suffix survives Excel's 31-character limit. */
function summaryName(label: string): string {
  const room = MAX_SHEET_NAME - SUMMARY_SUFFIX.length;
  const cleaned = cleanSheetName(label);
  return `${cleaned.length > room ? cleaned.slice(0, room).trimEnd() : cleaned}${SUMMARY_SUFFIX}`;
}

/**
 * Chooses each sheet's name in turn, noting when a user's sheet forced a different one.
 * @param chosen names already given to other sheets of this refresh
 */
export function sheetNamer(
  ctx: Pick<SummaryContext, 'snapshot' | 'ownedSheets'>,
  notices: string[],
  chosen: string[] = [],
): (wanted: string, what: string) => string {
  const existing = [...ctx.snapshot.sheets.map((s) => s.name), stateSheetName(ctx.snapshot)];
  const owned = new Set(ctx.ownedSheets.map(sheetKey));
  return (wanted, what) => {
    const chosenKeys = new Set(chosen.map(sheetKey));
    // An owned sheet already used in this refresh is no longer free to reuse.
    const free = ctx.ownedSheets.filter((n) => !chosenKeys.has(sheetKey(n)));
    const name = safeSheetName(wanted, [...existing, ...chosen], free);
    chosen.push(name);
    const natural = cleanSheetName(wanted);
    const userHasIt = existing.some((n) => sheetKey(n) === sheetKey(natural) && !owned.has(sheetKey(n)));
    if (sheetKey(name) !== sheetKey(natural) && userHasIt) {
      notices.push(`A sheet named '${natural}' already exists and is not BoardPlan's, so the ${what} was written to '${name}'.`);
    }
    return name;
  };
}

// ---- shared pieces ----------------------------------------------------------------------------

function ratingOf(scheme: Scheme, a: AssessedAction): Rating {
  return ratingByLabel(scheme, a.assessment.effective) ?? ratingFor(scheme, a.assessment.effectiveStatus);
}

function ratingStyle(r: Rating): Style {
  return { fill: r.fill, font: r.font, bold: true };
}

/** The date the action is now due: a revised date in the notes replaces the plan's. */
function dueDate(action: Action): IsoDate | null {
  return action.progress.revised?.newDue ?? action.timescale.due;
}

function percent(part: number, whole: number): PatchValue {
  return whole ? part / whole : null;
}

/** An action's direction of travel as shown: "↑ improved"…, blank when there is nothing to compare with. */
function travelText(review: Review | undefined, action: Action): string | null {
  const travel = reviewOf(review, action)?.travel;
  return travel ? TRAVEL_TEXT[travel] : null;
}

function unitTravel(actions: AssessedAction[], review: Review | undefined) {
  const reviews = review ? actions.map((a) => reviewOf(review, a.action)).filter((r) => r !== null) : [];
  return travelCounts(reviews, Boolean(review?.baseline));
}

/** One line on a priority's direction of travel since the last recorded quarter. */
function travelLine(actions: AssessedAction[], review: Review | undefined): string {
  const counts = unitTravel(actions, review);
  const summary = travelSummary(counts);
  if (!review?.baseline || !summary) return 'Direction of travel: no earlier quarter has been recorded yet (use Record quarter in BoardPlan at each quarterly review).';
  const red = counts.redTwoQuarters ? `; ${counts.redTwoQuarters} Red for two quarters or more` : '';
  return `Direction of travel since ${review.baseline}: ${summary}${red}.`;
}

/** Builds a sheet row by row, collecting styles, links and rules as it goes. */
class SheetBuilder {
  rows: PatchValue[][] = [];
  styles: { address: string; style: Style }[] = [];
  links: Link[] = [];
  rules: ConditionalFormat[] = [];

  /** Adds a row and returns its 1-based number. */
  add(values: PatchValue[] = []): number {
    this.rows.push(values);
    return this.rows.length;
  }
  style(address: string, style: Style): void {
    this.styles.push({ address, style });
  }
  get last(): number {
    return this.rows.length;
  }
}

// ---- one summary per priority -----------------------------------------------------------------

const ACTION_COLUMNS = ['Ref', 'Action', 'Lead', 'Timescale', 'Due', 'Rating', 'Travel', 'Reason', 'Latest update'];
const ACTION_WIDTHS = [10, 50, 20, 18, 13, 12, 13, 45, 60];
const PRIORITY_TITLE_ROWS = 4;
const SEVERITY: Record<Status, number> = { overdue: 0, 'at-risk': 1, 'on-track': 2, 'not-assessed': 3, complete: 4 };

function prioritySheet(name: string, unit: Unit, ctx: SummaryContext): GeneratedSheet {
  const { scheme, settings, asOf } = ctx;
  const { plan } = unit.assessed;
  const b = new SheetBuilder();
  const heading = unit.priority ? `${priorityLabel(unit.priority.id)}: ${unit.title}` : unit.title;

  b.add([heading]);
  b.style('A1', TITLE_STYLE);
  b.add([`Plan: ${plan.sheet}`]);
  b.links.push({ cell: 'A2', sheet: plan.sheet, target: a1(plan.headerRow, plan.firstCol) });
  b.add([`As of ${formatDate(asOf)} (plan period ${formatDate(ctx.planPeriod.start)} to ${formatDate(ctx.planPeriod.end)})`]);
  b.add([`Key: ${scheme.title}`]);
  b.add();

  // Counts by rating.
  const total = unit.actions.length;
  const head = b.add(['Rating', 'Symbol', 'Actions', '% of actions']);
  b.style(rangeA1(head, 1, head, 4), HEADER_STYLE);
  for (const r of scheme.ratings) {
    const count = unit.actions.filter((a) => ratingOf(scheme, a).id === r.id).length;
    const row = b.add([r.label, r.symbol || null, count, percent(count, total)]);
    // The key's own cells: one fixed colour each, so a style rather than a rule.
    b.style(a1(row, 1), ratingStyle(r));
  }
  const totalRow = b.add(['Total', null, total, percent(total, total)]);
  b.style(rangeA1(totalRow, 1, totalRow, 4), { bold: true });
  b.style(rangeA1(head + 1, 4, totalRow, 4), { numberFormat: PERCENT_FORMAT });
  b.add();
  b.add([travelLine(unit.actions, ctx.review)]);

  const byDue = (x: AssessedAction, y: AssessedAction) => {
    const dx = dueDate(x.action) ?? '9999-12-31';
    const dy = dueDate(y.action) ?? '9999-12-31';
    return dx < dy ? -1 : dx > dy ? 1 : x.action.row - y.action.row;
  };

  if (settings.summaries.exceptions) {
    const exceptions = unit.actions
      .filter((a) => a.assessment.effectiveStatus === 'overdue' || a.assessment.effectiveStatus === 'at-risk')
      .sort((x, y) => SEVERITY[x.assessment.effectiveStatus] - SEVERITY[y.assessment.effectiveStatus] || byDue(x, y));
    b.add();
    actionTable(b, 'Exceptions: overdue or at risk', exceptions, 'No action is overdue or at risk.', ctx);
  }

  const reviewBy = nextQuarter(quarterOf(asOf)).end;
  const dueSoon = unit.actions
    .filter((a) => {
      const due = dueDate(a.action);
      return a.assessment.effectiveStatus !== 'complete' && due !== null && due >= asOf && due <= reviewBy;
    })
    .sort(byDue);
  b.add();
  actionTable(b, `Due before the next quarterly review (by ${formatDate(reviewBy)})`, dueSoon, 'Nothing falls due before then.', ctx);

  return {
    name,
    visibility: 'visible',
    rows: b.rows,
    styles: b.styles,
    links: b.links,
    merges: [],
    rules: b.rules,
    widths: ACTION_WIDTHS.map((width, i) => ({ col: i + 1, width })),
    freezeRows: PRIORITY_TITLE_ROWS,
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      titleRows: `1:${PRIORITY_TITLE_ROWS}`,
      area: rangeA1(1, 1, b.last, ACTION_COLUMNS.length),
    },
  };
}

/** A titled table of actions, each Ref linked back to the action in the plan. */
function actionTable(b: SheetBuilder, title: string, actions: AssessedAction[], none: string, ctx: SummaryContext): void {
  const t = b.add([title]);
  b.style(a1(t, 1), SECTION_STYLE);
  if (!actions.length) {
    b.add([none]);
    return;
  }
  const head = b.add([...ACTION_COLUMNS]);
  b.style(rangeA1(head, 1, head, ACTION_COLUMNS.length), HEADER_STYLE);
  const first = head + 1;
  const last = head + actions.length;
  b.style(rangeA1(first, 1, last, ACTION_COLUMNS.length), { wrap: true, border: true });
  b.style(rangeA1(first, 5, last, 5), { numberFormat: DATE_FORMAT });
  // Each rating cell takes its rating's colours from one rule per rating over the column.
  b.rules.push(...ratingCellRules(rangeA1(first, 6, last, 6), ctx.scheme.ratings, (r) => [ratingText(r, ctx.settings.format.symbols)]));
  for (const a of actions) {
    const { action, assessment } = a;
    const rating = ratingOf(ctx.scheme, a);
    const due = dueDate(action);
    const { lastUpdate, lastUpdateText, text } = action.progress;
    const latest = lastUpdate && lastUpdateText ? `${formatDate(lastUpdate)}: ${lastUpdateText}` : text || null;
    const row = b.add([
      action.ref ?? `Row ${action.row}`,
      action.action || null,
      action.lead || null,
      action.timescale.text || null,
      due ? { date: due } : null,
      ratingText(rating, ctx.settings.format.symbols),
      travelText(ctx.review, action),
      assessment.reason,
      latest,
    ]);
    const target = action.cells.ref ?? action.cells.action ?? a1(action.row, 1);
    b.links.push({ cell: a1(row, 1), sheet: action.sheet, target });
  }
}

// ---- Board Overview ---------------------------------------------------------------------------

const OVERVIEW_HEADER_ROW = 5;
const TRAVEL_COLUMNS = ['Improved', 'Worsened', 'Held', 'New', 'Travel', 'Red 2+ quarters'];

/** A group's travel cells on the overview: blank until a quarter has been recorded to compare with. */
function travelCells(counts: ReturnType<typeof travelCounts>): PatchValue[] {
  if (!counts.direction) return TRAVEL_COLUMNS.map(() => null);
  return [counts.improved, counts.worsened, counts.held, counts.new, DIRECTION_TEXT[counts.direction], counts.redTwoQuarters];
}
const CHART_WIDTH_COLS = 8;
const CHART_MIN_ROWS = 18;

/** @param summaryNames each unit's summary sheet, when they are written: the overview links to them, else to the plan. */
function overviewSheet(name: string, units: Unit[], summaryNames: string[] | null, ctx: SummaryContext): GeneratedSheet {
  const { scheme, asOf, findings } = ctx;
  const b = new SheetBuilder();
  b.add(['Board Overview']);
  b.style('A1', TITLE_STYLE);
  b.add([`As of ${formatDate(asOf)} (plan period ${formatDate(ctx.planPeriod.start)} to ${formatDate(ctx.planPeriod.end)})`]);
  b.add([`Key: ${scheme.title}`]);
  b.add();

  // Columns: Priority, Title, one per rating, Total, % complete, then the direction of travel.
  const ratingCol = (i: number) => 3 + i;
  const totalCol = ratingCol(scheme.ratings.length);
  const completeCol = totalCol + 1;
  const travelCol = completeCol + 1;
  const lastCol = travelCol + TRAVEL_COLUMNS.length - 1;
  const head = b.add(['Priority', 'Title', ...scheme.ratings.map((r) => r.label), 'Total', '% complete', ...TRAVEL_COLUMNS]);
  b.style(rangeA1(head, 1, head, lastCol), HEADER_STYLE);
  scheme.ratings.forEach((r, i) => b.style(a1(head, ratingCol(i)), { ...ratingStyle(r), border: true }));

  const sums = scheme.ratings.map(() => 0);
  let allTotal = 0;
  let allComplete = 0;
  const firstData = b.last + 1;
  for (const [u, unit] of units.entries()) {
    const counts = scheme.ratings.map((r) => unit.actions.filter((a) => ratingOf(scheme, a).id === r.id).length);
    const complete = unit.actions.filter((a) => a.assessment.effectiveStatus === 'complete').length;
    const total = unit.actions.length;
    counts.forEach((c, i) => (sums[i] += c));
    allTotal += total;
    allComplete += complete;
    const row = b.add([unit.label, unit.title, ...counts, total, percent(complete, total), ...travelCells(unitTravel(unit.actions, ctx.review))]);
    const { plan } = unit.assessed;
    b.links.push(
      summaryNames
        ? { cell: a1(row, 1), sheet: summaryNames[u], target: 'A1' }
        : { cell: a1(row, 1), sheet: plan.sheet, target: unit.actions[0]?.action.cells.ref ?? a1(plan.headerRow, plan.firstCol) },
    );
  }
  const lastData = b.last;
  const allTravel = unitTravel(units.flatMap((u) => u.actions), ctx.review);
  const totals = b.add(['Totals', null, ...sums, allTotal, percent(allComplete, allTotal), ...travelCells(allTravel)]);
  b.style(rangeA1(totals, 1, totals, lastCol), { bold: true, border: true });
  b.style(rangeA1(firstData, 1, lastData, lastCol), { border: true, wrap: true });
  b.style(rangeA1(firstData, completeCol, totals, completeCol), { numberFormat: PERCENT_FORMAT });

  b.add();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const errorText = errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'no errors';
  b.add([
    findings.length
      ? `Findings: ${findings.length} (${errorText}) — run Check in BoardPlan for details`
      : 'Findings: none — every plan passed its checks',
  ]);
  const review = ctx.review;
  b.add([
    review?.baseline
      ? `Direction of travel since ${review.baseline}: ${travelSummary(allTravel)}. Red for two quarters or more: ${allTravel.redTwoQuarters}.`
      : 'Direction of travel: no earlier quarter has been recorded yet (use Record quarter in BoardPlan at each quarterly review).',
  ]);

  // The chart sits to the right of the table, as tall as the table or a readable minimum.
  const chartLeft = lastCol + 2;
  const chartTop = OVERVIEW_HEADER_ROW;
  const chartBottom = Math.max(b.last, chartTop + CHART_MIN_ROWS - 1);
  const chartRight = chartLeft + CHART_WIDTH_COLS - 1;
  const chart: Chart = {
    type: 'barStacked',
    title: 'Actions by priority and rating',
    categories: rangeA1(firstData, 1, lastData, 1),
    series: scheme.ratings.map((r, i) => ({
      name: r.label,
      values: rangeA1(firstData, ratingCol(i), lastData, ratingCol(i)),
      colour: r.fill,
    })),
    from: a1(chartTop, chartLeft),
    to: a1(chartBottom, chartRight),
  };

  return {
    name,
    visibility: 'visible',
    rows: b.rows,
    styles: b.styles,
    links: b.links,
    merges: [],
    widths: [
      { col: 1, width: 16 },
      { col: 2, width: 50 },
      ...scheme.ratings.map((_, i) => ({ col: ratingCol(i), width: 10 })),
      { col: totalCol, width: 9 },
      { col: completeCol, width: 12 },
      ...TRAVEL_COLUMNS.map((_, i) => ({ col: travelCol + i, width: i === 4 ? 14 : 11 })),
    ],
    freezeRows: OVERVIEW_HEADER_ROW,
    chart,
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      titleRows: `1:${OVERVIEW_HEADER_ROW}`,
      area: `A1:${columnLetter(chartRight)}${chartBottom}`,
    },
  };
}
