import { a1, formatDate, rangeA1 } from './cells';
import { textWidth } from './fonts';
import type { AssessedAction } from './model';
import { PAGE, textRoom } from './paper';
import type { Chart, GeneratedSheet, PatchValue } from './patch';
import type { Rating } from './schemes';
import { BODY_STYLE, finishSheet, HEADER_STYLE, measure, PERCENT_FORMAT, ratingStyle, share, SheetBuilder, textColourOn, TITLE_STYLE, type ColumnSpec } from './sheet';
import type { SummaryContext } from './summary';
import { DIRECTION_TEXT, travelCounts, travelSummary } from './travel';
import { bareTitle, ratingOf, unitTravel, type Unit } from './units';

/**
 * The Board Overview: one row per priority with its counts by rating (and, once a quarter has been
 * recorded, its direction of travel), the totals, and below them a chart of the same counts that
 * fills the rest of the page. Each bar segment is labelled, so the chart reads in grey print too.
 */

export const OVERVIEW_SHEET = 'Board Overview';

const HEADER_ROW = 5;
const TRAVEL_COLUMNS = ['Improved', 'Worsened', 'Held', 'New', 'Travel', 'Red 2+ quarters'];
/** A chart shorter than this goes to a page of its own, where it has the whole page. */
const CHART_MIN_HEIGHT = 200;
/** The chart's rows: about this tall each, so that its edges fall close to where it was sized. */
const CHART_ROW = 18;
const CHART_TEXT_SIZE = 10;

/** A group's travel cells: blank until a quarter has been recorded to compare with. */
function travelCells(counts: ReturnType<typeof travelCounts>): PatchValue[] {
  if (!counts.direction) return TRAVEL_COLUMNS.map(() => null);
  return [counts.improved, counts.worsened, counts.held, counts.new, DIRECTION_TEXT[counts.direction], counts.redTwoQuarters];
}

/** @param summaryNames each unit's summary sheet, when they are written: the overview links to them, else to the plan. */
export function overviewSheet(name: string, units: Unit[], summaryNames: string[] | null, ctx: SummaryContext): GeneratedSheet {
  const { scheme, asOf, findings } = ctx;
  const withTravel = Boolean(ctx.review?.baseline);
  // Columns: Priority, Title, one per rating, Total, % complete, then the direction of travel.
  const ratingCol = (i: number) => 3 + i;
  const totalCol = ratingCol(scheme.ratings.length);
  const completeCol = totalCol + 1;
  const lastCol = withTravel ? completeCol + TRAVEL_COLUMNS.length : completeCol;
  const b = new SheetBuilder(lastCol);

  b.line('Board Overview', TITLE_STYLE);
  b.line(`As of ${formatDate(asOf)} (plan period ${formatDate(ctx.planPeriod.start)} to ${formatDate(ctx.planPeriod.end)})`);
  b.line(`Key: ${scheme.title}`);
  b.gap();
  const head = b.add(['Priority', 'Title', ...scheme.ratings.map((r) => r.label), 'Total', '% complete', ...(withTravel ? TRAVEL_COLUMNS : [])]);
  b.style(rangeA1(head, 1, head, lastCol), HEADER_STYLE);
  scheme.ratings.forEach((r, i) => b.style(a1(head, ratingCol(i)), { ...ratingStyle(r), border: true }));

  const counts = units.map((unit) => scheme.ratings.map((r) => unit.actions.filter((a) => ratingOf(scheme, a).id === r.id).length));
  const complete = (actions: AssessedAction[]) => actions.filter((a) => a.assessment.effectiveStatus === 'complete').length;
  const travel = (actions: AssessedAction[]) => (withTravel ? travelCells(unitTravel(actions, ctx.review)) : []);
  const firstData = b.last + 1;
  units.forEach((unit, u) => {
    const title = unit.priority ? bareTitle(unit.priority.id, unit.title) : unit.title;
    const total = unit.actions.length;
    const row = b.add([unit.label, title, ...counts[u], total, share(complete(unit.actions), total), ...travel(unit.actions)]);
    const { plan } = unit.assessed;
    b.links.push(
      summaryNames
        ? { cell: a1(row, 1), sheet: summaryNames[u], target: 'A1' }
        : { cell: a1(row, 1), sheet: plan.sheet, target: unit.actions[0]?.action.cells.ref ?? a1(plan.headerRow, plan.firstCol) },
    );
  });
  const lastData = b.last;
  const all = units.flatMap((u) => u.actions);
  const sums = scheme.ratings.map((_, i) => counts.reduce((s, c) => s + c[i], 0));
  const totals = b.add(['Totals', null, ...sums, all.length, share(complete(all), all.length), ...travel(all)]);
  b.style(rangeA1(firstData, 1, totals, lastCol), BODY_STYLE);
  b.style(rangeA1(totals, 1, totals, lastCol), { bold: true });
  b.style(rangeA1(firstData, completeCol, totals, completeCol), { numberFormat: PERCENT_FORMAT });

  b.gap();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const errorText = errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'no errors';
  b.line(findings.length ? `Findings: ${findings.length} (${errorText}) — run Check in BoardPlan for details` : 'Findings: none — every plan passed its checks');
  const allTravel = unitTravel(all, ctx.review);
  b.line(
    ctx.review?.baseline
      ? `Direction of travel since ${ctx.review.baseline}: ${travelSummary(allTravel)}. Red for two quarters or more: ${allTravel.redTwoQuarters}.`
      : 'Direction of travel: no earlier quarter has been recorded yet (use Record quarter in BoardPlan at each quarterly review).',
  );
  b.gap();

  const columns: ColumnSpec[] = [{}, { grow: 1 }, ...Array.from({ length: lastCol - 2 }, () => ({}))];
  const { widths, heights } = measure(b, columns);
  // The column headings repeat on every page only when the table itself runs over a page; a chart
  // on a page of its own is headed by the title alone.
  const tableLong = heights.slice(0, totals).reduce((s, h) => s + h, 0) > PAGE.height - 12;
  const titleRows = tableLong ? HEADER_ROW : HEADER_ROW - 2;
  const chart = chartBelow(b, widths, heights, titleRows, units, counts, scheme.ratings, { firstData, lastData, ratingCol });
  return finishSheet(b, { name, columns, titleRows, freezeRows: HEADER_ROW, chart });
}

/**
 * The chart, in rows added below the table: the rest of the page when that leaves it room enough,
 * otherwise the whole of the next page, as wide as the table.
 */
function chartBelow(
  b: SheetBuilder,
  widths: number[],
  heights: number[],
  titleRows: number,
  units: Unit[],
  counts: number[][],
  ratings: readonly Rating[],
  at: { firstData: number; lastData: number; ratingCol: (i: number) => number },
): Chart {
  const used = heights.reduce((s, h) => s + h, 0);
  const titles = heights.slice(0, titleRows).reduce((s, h) => s + h, 0);
  // Short of the page by a little, as pageBreaks measures it, so the chart never spills over.
  const page = PAGE.height - 12;
  const height = page - used >= CHART_MIN_HEIGHT ? page - used : page - titles;
  const rows = Math.max(1, Math.round(height / CHART_ROW));
  const each = Math.floor((height / rows) * 4) / 4;
  const top = b.last + 1;
  for (let i = 0; i < rows; i++) b.gap(each);
  b.keepTogether(top, b.last);

  const width = widths.reduce((s, w) => s + w, 0);
  return {
    type: 'barStacked',
    title: 'Actions by priority and rating',
    categories: rangeA1(at.firstData, 1, at.lastData, 1),
    series: ratings.map((r, i) => ({
      name: r.label,
      values: rangeA1(at.firstData, at.ratingCol(i), at.lastData, at.ratingCol(i)),
      colour: r.fill,
      // Black or white, whichever reads better on the rating's fill (white on grey would not).
      labelColour: textColourOn(r.fill),
      unlabelled: counts.flatMap((c, u) => (c[i] === 0 ? [u] : [])),
    })),
    labels: segmentLabels(units, counts, ratings, textRoom(width)),
    from: a1(top, 1),
    to: a1(b.last, b.width),
  };
}

/**
 * The rating's name with each count ("Amber 2") when every segment has room for it, so that a
 * chart printed in grey still says which segment is which; otherwise the count alone.
 */
function segmentLabels(units: Unit[], counts: number[][], ratings: readonly Rating[], chartWidth: number): 'value' | 'name-and-value' {
  const categoryWidth = Math.max(...units.map((u) => textWidth(u.label, CHART_TEXT_SIZE))) + 12;
  // The plot: the chart less the category labels and the margins Excel and LibreOffice keep.
  const plot = chartWidth - categoryWidth - 40;
  // The value axis runs a step or so past the largest bar.
  const axis = Math.max(1, ...counts.map((c) => c.reduce((s, n) => s + n, 0))) * 1.25 + 1;
  const fits = counts.every((c) => c.every((n, i) => n === 0 || textWidth(`${ratings[i].label} ${n}`, CHART_TEXT_SIZE) + 8 <= (plot * n) / axis));
  return fits ? 'name-and-value' : 'value';
}
