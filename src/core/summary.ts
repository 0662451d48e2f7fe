import { a1, formatDate, rangeA1, type IsoDate } from './cells';
import { ratingShown, ratingText } from './formatting';
import type { Action, AssessedAction, AssessedPlan, Finding, PlanPeriod, Status } from './model';
import { OVERVIEW_SHEET, overviewSheet } from './overview';
import { DATE_FORMAT, type GeneratedSheet, type PatchValue } from './patch';
import { nextQuarter, quarterOf } from './quarters';
import type { Scheme } from './schemes';
import type { Settings } from './settings';
import { BODY_STYLE, finishSheet, HEADER_STYLE, PERCENT_FORMAT, ratingStyle, SECTION_STYLE, share, SheetBuilder, TITLE_STYLE, type ColumnSpec } from './sheet';
import { cleanSheetName, MAX_SHEET_NAME, safeSheetName, sheetKey } from './sheetname';
import type { WorkbookSnapshot } from './snapshot';
import { stateSheetName } from './state';
import { reviewOf, TRAVEL_TEXT, type Review } from './travel';
import { ratingOf, summaryUnits, travelLine, type Unit } from './units';

export { priorityLabel, summaryUnits, type Unit } from './units';

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

export { OVERVIEW_SHEET };
const SUMMARY_SUFFIX = ' Summary';

const PRIORITY_TITLE_ROWS = 4;

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

// ---- names --------------------------------------------------------------------------------------

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

// ---- one summary per priority -----------------------------------------------------------------

const SEVERITY: Record<Status, number> = { overdue: 0, 'at-risk': 1, 'on-track': 2, 'not-assessed': 3, complete: 4 };

/** The date the action is now due: a revised date in the notes replaces the plan's. */
function dueDate(action: Action): IsoDate | null {
  return action.progress.revised?.newDue ?? action.timescale.due;
}


/** A column of the summaries' action tables: its heading, how it is sized, and what it shows. */
interface ActionColumn {
  header: string;
  spec: ColumnSpec;
  value: (a: AssessedAction, ctx: SummaryContext) => PatchValue;
  /** Where the rating colours go. */
  rating?: true;
  date?: true;
  /** Shown only once a quarter has been recorded to compare with. */
  travel?: true;
}

/** The columns, left to right; the widest text (action, reason, update) wraps in the widest columns. */
const ACTION_COLUMNS: ActionColumn[] = [
  { header: 'Ref', spec: {}, value: (a) => a.action.ref ?? `Row ${a.action.row}` },
  { header: 'Action', spec: { grow: 1 }, value: (a) => a.action.action || null },
  { header: 'Lead', spec: { grow: 0.45 }, value: (a) => a.action.lead || null },
  { header: 'Timescale', spec: { grow: 0.35 }, value: (a) => a.action.timescale.text || null },
  { header: 'Due', spec: {}, date: true, value: (a) => dateValue(dueDate(a.action)) },
  { header: 'Rating', spec: {}, rating: true, value: (a, ctx) => ratingText(ratingOf(ctx.scheme, a), ctx.settings.format.symbols) },
  { header: 'Travel', spec: {}, travel: true, value: (a, ctx) => travelText(ctx.review, a.action) },
  { header: 'Reason', spec: { grow: 1 }, value: (a) => a.assessment.reason },
  { header: 'Latest update', spec: { grow: 1 }, value: (a) => latestUpdate(a.action) },
];

function dateValue(iso: IsoDate | null): PatchValue {
  return iso ? { date: iso } : null;
}

function latestUpdate(action: Action): string | null {
  const { lastUpdate, lastUpdateText, text } = action.progress;
  return lastUpdate && lastUpdateText ? `${formatDate(lastUpdate)}: ${lastUpdateText}` : text || null;
}

/** An action's direction of travel as shown: "↑ improved"…, blank when there is nothing to compare with. */
function travelText(review: Review | undefined, action: Action): string | null {
  const travel = reviewOf(review, action)?.travel;
  return travel ? TRAVEL_TEXT[travel] : null;
}

/** The columns this workbook fills: Travel only once a quarter has been recorded. */
function actionColumns(ctx: SummaryContext): ActionColumn[] {
  return ACTION_COLUMNS.filter((c) => !c.travel || ctx.review?.baseline);
}

/** The key's table sits in the first columns: the rating across two, its count, its share. */
const KEY_SPANS = [2, 1, 1];

function keyTable(b: SheetBuilder, unit: Unit, scheme: Scheme): void {
  const total = unit.actions.length;
  b.insetRow(['Rating', 'Actions', '% of actions'], KEY_SPANS, HEADER_STYLE);
  const first = b.last + 1;
  for (const r of scheme.ratings) {
    const count = unit.actions.filter((a) => ratingOf(scheme, a).id === r.id).length;
    const row = b.insetRow([ratingText(r, true), count, share(count, total)], KEY_SPANS);
    // The key's own cells: one fixed colour each, so a style rather than a rule.
    b.style(rangeA1(row, 1, row, 2), ratingStyle(r));
  }
  const totalRow = b.insetRow(['Total', total, share(total, total)], KEY_SPANS);
  b.style(rangeA1(first, 1, totalRow, 4), { border: true });
  b.style(rangeA1(totalRow, 1, totalRow, 4), { bold: true });
  b.style(rangeA1(first, 4, totalRow, 4), { numberFormat: PERCENT_FORMAT });
}

function prioritySheet(name: string, unit: Unit, ctx: SummaryContext): GeneratedSheet {
  const { settings, asOf } = ctx;
  const { plan } = unit.assessed;
  const columns = actionColumns(ctx);
  const b = new SheetBuilder(columns.length);

  b.line(unit.heading, TITLE_STYLE);
  const planRow = b.line(`Plan: ${plan.sheet}`);
  b.links.push({ cell: a1(planRow, 1), sheet: plan.sheet, target: a1(plan.headerRow, plan.firstCol) });
  b.line(`As of ${formatDate(asOf)} (plan period ${formatDate(ctx.planPeriod.start)} to ${formatDate(ctx.planPeriod.end)})`);
  b.line(`Key: ${ctx.scheme.title}`);
  b.gap();
  keyTable(b, unit, ctx.scheme);
  b.gap();
  b.line(travelLine(unit.actions, ctx.review));

  const byDue = (x: AssessedAction, y: AssessedAction) => {
    const dx = dueDate(x.action) ?? '9999-12-31';
    const dy = dueDate(y.action) ?? '9999-12-31';
    return dx < dy ? -1 : dx > dy ? 1 : x.action.row - y.action.row;
  };

  if (settings.summaries.exceptions) {
    const exceptions = unit.actions
      .filter((a) => a.assessment.effectiveStatus === 'overdue' || a.assessment.effectiveStatus === 'at-risk')
      .sort((x, y) => SEVERITY[x.assessment.effectiveStatus] - SEVERITY[y.assessment.effectiveStatus] || byDue(x, y));
    actionTable(b, columns, 'Exceptions: overdue or at risk', exceptions, 'No action is overdue or at risk.', ctx);
  }

  const reviewBy = nextQuarter(quarterOf(asOf)).end;
  const dueSoon = unit.actions
    .filter((a) => {
      const due = dueDate(a.action);
      return a.assessment.effectiveStatus !== 'complete' && due !== null && due >= asOf && due <= reviewBy;
    })
    .sort(byDue);
  actionTable(b, columns, `Due before the next quarterly review (by ${formatDate(reviewBy)})`, dueSoon, 'Nothing falls due before then.', ctx);

  return finishSheet(b, { name, columns: columns.map((c) => c.spec), titleRows: PRIORITY_TITLE_ROWS });
}

/**
 * A titled table of actions after a gap, each Ref linked back to the action in the plan; kept on
 * one page when it fits (a page that starts with it starts with the gap, below the title rows).
 */
function actionTable(b: SheetBuilder, columns: ActionColumn[], title: string, actions: AssessedAction[], none: string, ctx: SummaryContext): void {
  const t = b.gap();
  b.line(title, SECTION_STYLE);
  if (!actions.length) {
    b.keepTogether(t, b.line(none));
    return;
  }
  const head = b.add(columns.map((c) => c.header));
  b.style(rangeA1(head, 1, head, columns.length), HEADER_STYLE);
  const first = head + 1;
  const last = head + actions.length;
  b.style(rangeA1(first, 1, last, columns.length), BODY_STYLE);
  columns.forEach((c, i) => {
    if (c.date) b.style(rangeA1(first, i + 1, last, i + 1), { numberFormat: DATE_FORMAT });
  });
  for (const a of actions) {
    const row = b.add(columns.map((c) => c.value(a, ctx)));
    const target = a.action.cells.ref ?? a.action.cells.action ?? a1(a.action.row, 1);
    b.links.push({ cell: a1(row, 1), sheet: a.action.sheet, target });
  }
  // Each rating cell in its rating's colours.
  const shown = ratingShown(ctx.scheme.ratings, (r) => [ratingText(r, ctx.settings.format.symbols)]);
  columns.forEach((c, i) => c.rating && b.rateCells(rangeA1(first, i + 1, last, i + 1), shown));
  b.keepTogether(t, last);
}
