import { columnLetter, rangeA1 } from './cells';
import { textWidth } from './fonts';
import type { AssessedPlan, Plan } from './model';
import { unitsFor } from './paper';
import { CF_MARKER, OWNED_HEADERS, type ConditionalFormat, type OwnedColumn, type SheetRules, type Style } from './patch';
import { ratingByLabel, recogniseRating, type Rating, type Scheme } from './schemes';
import type { Settings } from './settings';
import { cellAt, type SheetSnapshot, type TableSnapshot, type WorkbookSnapshot } from './snapshot';

/**
 * What a refresh writes into the plan sheets: BoardPlan's two columns beside each plan and the
 * conditional formats that colour the ratings. Colours come from live conditional formats, keyed on
 * the text of the cells, so a board that types its own rating later sees it coloured at once.
 */

export interface FormattingContext {
  snapshot: WorkbookSnapshot;
  scheme: Scheme;
  format: Settings['format'];
}

export interface PlanFormatting {
  columns: OwnedColumn[];
  rules: SheetRules[];
}

export const PROPOSED_WIDTH = 14;
export const REASON_WIDTH = 60;
/**
 * BoardPlan's own headings beside a plan: dark text on a light fill (contrast about 15:1), whatever
 * the plan's header row looks like. On one line, since the row's height is the user's.
 */
export const OWNED_HEADER_STYLE: Style = { bold: true, font: '#000000', fill: '#D9E1F2', wrap: false };
/** The plan's own heading size is not known: the column leaves room for a heading up to this size. */
const HEADER_SIZE = 12;

/** Excel's own dialog refuses longer conditional-format formulas, so extra words are dropped past this. */
export const MAX_RULE_FORMULA = 255;

/** What a rating cell shows: the label, with the scheme's symbol first when symbols are on ("● Green"). */
export function ratingText(rating: Rating, symbols: boolean): string {
  return symbols && rating.symbol ? `${rating.symbol} ${rating.label}` : rating.label;
}

/** Where each plan's proposed and reason columns are. */
interface Placement {
  proposed: number;
  reason: number;
}

/** A column span on a sheet already spoken for by a plan's owned column in this refresh. */
interface Claim {
  col: number;
  top: number;
  bottom: number;
}

export function planFormatting(plans: AssessedPlan[], ctx: FormattingContext): PlanFormatting {
  const sheets = new Map(ctx.snapshot.sheets.map((s) => [s.name, s]));
  const claims = new Map<string, Claim[]>();
  const claim = (sheet: string, c: Claim) => claims.set(sheet, [...(claims.get(sheet) ?? []), c]);
  // Columns a plan already owns are claimed first, so no other plan on the sheet takes them.
  for (const { plan } of plans) {
    for (const col of [plan.owned.proposed, plan.owned.reason]) {
      if (col !== null) claim(plan.sheet, { col, top: plan.headerRow, bottom: plan.lastRow });
    }
  }

  const columns: OwnedColumn[] = [];
  const strong = new Map<string, ConditionalFormat[]>();
  const tints = new Map<string, ConditionalFormat[]>();
  const push = (map: Map<string, ConditionalFormat[]>, sheet: string, rules: ConditionalFormat[]) =>
    map.set(sheet, [...(map.get(sheet) ?? []), ...rules]);

  for (const assessed of plans) {
    const { plan } = assessed;
    const sheet = sheets.get(plan.sheet);
    const table = plan.table === null ? undefined : ctx.snapshot.tables.find((t) => t.sheet === plan.sheet && t.name === plan.table);
    const placement = place(plan, sheet, [...(claims.get(plan.sheet) ?? []), ...otherTables(ctx.snapshot.tables, plan)], table?.right);
    for (const col of [placement.proposed, placement.reason]) claim(plan.sheet, { col, top: plan.headerRow, bottom: plan.lastRow });

    const ours = oursBelow(plan, sheet, nextPlanBelow(plan, plans), ctx.scheme);
    // A column newly taken holds nothing of BoardPlan's below the plan.
    const clearTo = (owned: number | null) => (owned === null ? plan.lastRow : ours);
    columns.push(
      ownedColumn(plan, placement.proposed, OWNED_HEADERS.proposed, PROPOSED_WIDTH, proposedValues(assessed, ctx), clearTo(plan.owned.proposed)),
      ownedColumn(plan, placement.reason, OWNED_HEADERS.reason, REASON_WIDTH, reasonValues(assessed), clearTo(plan.owned.reason)),
    );
    const rules = planRules(assessed, placement, ctx);
    push(strong, plan.sheet, rules.strong);
    push(tints, plan.sheet, rules.tints);
  }

  // Hosts add rules in list order, first = highest priority: strong fills before tints so the
  // rating cell keeps its own colour inside a tinted row.
  const order = [...new Set(plans.map((p) => p.plan.sheet))];
  const rules = order.map((sheet) => ({ sheet, rules: [...(strong.get(sheet) ?? []), ...(tints.get(sheet) ?? [])] }));
  return { columns, rules };
}

// ---- columns ----------------------------------------------------------------------------------

/**
 * The officer's other tables on the plan's sheet, as claimed columns: BoardPlan's columns go
 * neither into one (its cells are the officer's) nor right beside it, where Excel grows a table
 * over what is written next to it.
 */
function otherTables(tables: TableSnapshot[], plan: Plan): Claim[] {
  return tables
    .filter((t) => t.sheet === plan.sheet && t.name !== plan.table)
    .flatMap((t) => Array.from({ length: t.right - t.left + 2 }, (_, i) => ({ col: t.left + i, top: t.top, bottom: t.bottom })));
}

/**
 * Reuse the plan's owned columns; otherwise the first free columns to the right of the plan. Beside
 * an Excel table one column is left empty: Excel grows a table over a column written right next to
 * it, and the officer's table would take BoardPlan's columns in.
 */
function place(plan: Plan, sheet: SheetSnapshot | undefined, claims: Claim[], tableRight?: number): Placement {
  const used = new Set<number>();
  const pick = (existing: number | null): number => {
    if (existing !== null) return existing;
    const edge = Math.max(plan.lastCol, tableRight ?? 0);
    const from = Math.max(edge + (tableRight === undefined ? 1 : 2), (plan.owned.proposed ?? 0) + 1, (plan.owned.reason ?? 0) + 1);
    for (let col = from; ; col++) {
      if (used.has(col)) continue;
      if (claims.some((c) => c.col === col && c.top <= plan.lastRow && c.bottom >= plan.headerRow)) continue;
      if (columnEmpty(sheet, col, plan.headerRow, plan.lastRow)) return col;
    }
  };
  const proposed = pick(plan.owned.proposed);
  used.add(proposed);
  const reason = pick(plan.owned.reason);
  return { proposed, reason };
}

function isBlank(v: unknown): boolean {
  return v === null || v === '';
}

function columnEmpty(sheet: SheetSnapshot | undefined, col: number, top: number, bottom: number): boolean {
  if (!sheet) return true;
  for (let row = top; row <= bottom; row++) if (!isBlank(cellAt(sheet, row, col))) return false;
  return true;
}

/** The header row of the nearest plan below this one on the same sheet, if any. */
function nextPlanBelow(plan: Plan, plans: AssessedPlan[]): number | null {
  const below = plans.map((p) => p.plan).filter((p) => p.sheet === plan.sheet && p.headerRow > plan.lastRow);
  return below.length ? Math.min(...below.map((p) => p.headerRow)) : null;
}

/**
 * The last row below a plan that still holds a rating of a previous refresh, or the plan's last row.
 * A plan that got shorter leaves its old ratings and reasons below it in BoardPlan's columns, and
 * those are cleared; but an officer may also type there (a note under the plan, a total, the rating
 * the board agreed for the whole plan), so a row counts as BoardPlan's only when its proposed cell
 * shows a rating of the scheme with a reason beside it, as BoardPlan writes every rating, and the
 * first row that holds anything else ends the search. It never reaches the next plan down.
 */
function oursBelow(plan: Plan, sheet: SheetSnapshot | undefined, nextPlanHeader: number | null, scheme: Scheme): number {
  const { proposed, reason } = plan.owned;
  if (!sheet || proposed === null) return plan.lastRow;
  const stop = nextPlanHeader === null ? sheet.top + sheet.values.length - 1 : nextPlanHeader - 1;
  const ratings = new Set(scheme.ratings.flatMap((r) => [r.label, ratingText(r, true)]));
  let last = plan.lastRow;
  for (let row = plan.lastRow + 1; row <= stop; row++) {
    const rating = cellAt(sheet, row, proposed);
    const why = reason === null ? null : cellAt(sheet, row, reason);
    const ours = typeof rating === 'string' && ratings.has(rating) && (reason === null || !isBlank(why));
    if (ours) last = row;
    else if (!isBlank(rating) || !isBlank(why)) break;
  }
  return last;
}

function ownedColumn(plan: Plan, col: number, header: string, width: number, values: (string | null)[], clearToRow: number): OwnedColumn {
  // Wide enough for the heading on one line.
  const fit = Math.max(width, Math.ceil(unitsFor(textWidth(header, HEADER_SIZE, true))));
  return { sheet: plan.sheet, col, headerRow: plan.headerRow, header, firstRow: plan.firstRow, values, clearToRow, width: fit, headerStyle: OWNED_HEADER_STYLE };
}

function rowValues(plan: Plan): (string | null)[] {
  return new Array<string | null>(Math.max(0, plan.lastRow - plan.firstRow + 1)).fill(null);
}

function proposedValues({ plan, actions }: AssessedPlan, ctx: FormattingContext): (string | null)[] {
  const values = rowValues(plan);
  for (const { action, assessment } of actions) {
    const rating = ratingByLabel(ctx.scheme, assessment.proposed);
    const i = action.row - plan.firstRow;
    if (i >= 0 && i < values.length) values[i] = rating ? ratingText(rating, ctx.format.symbols) : assessment.proposed;
  }
  return values;
}

function reasonValues({ plan, actions }: AssessedPlan): (string | null)[] {
  const values = rowValues(plan);
  for (const { action, assessment } of actions) {
    const i = action.row - plan.firstRow;
    if (i >= 0 && i < values.length) values[i] = assessment.reason;
  }
  return values;
}

// ---- conditional formats ----------------------------------------------------------------------

/** A text as an Excel string literal. */
function literal(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The form Excel's LOWER(TRIM(…)) gives a cell's text. */
function excelNorm(text: string): string {
  return text.replace(/ +/g, ' ').trim().toLowerCase();
}

function withMarker(condition: string): string {
  return `=AND(${condition},${CF_MARKER})`;
}

function anyOf(terms: string[]): string {
  return terms.length === 1 ? terms[0] : `OR(${terms.join(',')})`;
}

/** Everything the board might type for a rating: its label, meaning, aliases, and texts seen in this plan. */
function agreedWords(rating: Rating, seen: string[]): { standard: string[]; extra: string[] } {
  const standard = [...new Set([rating.label, rating.meaning, ...rating.aliases].map(excelNorm).filter(Boolean))];
  const extra = [...new Set(seen.map(excelNorm))].filter((w) => w && !standard.includes(w)).sort();
  return { standard, extra };
}

function planRules(assessed: AssessedPlan, placement: Placement, ctx: FormattingContext): { strong: ConditionalFormat[]; tints: ConditionalFormat[] } {
  const { plan, actions } = assessed;
  const { scheme, format } = ctx;
  const top = plan.firstRow;
  const bottom = Math.max(plan.firstRow, plan.lastRow);
  const ref = (col: number) => `$${columnLetter(col)}${top}`;
  const columnRange = (col: number) => rangeA1(top, col, bottom, col);
  const P = ref(placement.proposed);
  const agreedCol = plan.columns.rag?.col ?? null;

  // Texts the board typed that the engine recognised, so the colours agree with the engine's ratings.
  const seen = new Map<string, string[]>();
  if (agreedCol !== null) {
    for (const { action, assessment } of actions) {
      if (!action.agreedRag || !assessment.agreed) continue;
      const rating = ratingByLabel(scheme, assessment.agreed) ?? recogniseRating(scheme, action.agreedRag);
      if (rating) seen.set(rating.id, [...(seen.get(rating.id) ?? []), action.agreedRag]);
    }
  }

  const proposedIs = (rating: Rating) => `${P}=${literal(ratingText(rating, format.symbols))}`;
  const effectiveIs = (rating: Rating): string => {
    if (agreedCol === null) return withMarker(proposedIs(rating));
    const A = ref(agreedCol);
    const { standard, extra } = agreedWords(rating, seen.get(rating.id) ?? []);
    const build = (words: string[]) =>
      withMarker(`OR(${anyOf(words.map((w) => `LOWER(TRIM(${A}))=${literal(w)}`))},AND(TRIM(${A})="",${proposedIs(rating)}))`);
    // Keep as many of the seen texts as fit; the scheme's own words always stay.
    let words = [...standard, ...extra];
    while (words.length > standard.length && build(words).length > MAX_RULE_FORMULA) words = words.slice(0, -1);
    return build(words);
  };

  const ratingCol = agreedCol ?? placement.proposed;
  const strong: ConditionalFormat[] = scheme.ratings.map((r) => ({
    address: columnRange(ratingCol),
    formula: effectiveIs(r),
    fill: r.fill,
    font: r.font,
    bold: true,
  }));
  if (agreedCol !== null) {
    // Both ratings visible: the proposed cell carries its own colour beside the board's.
    for (const r of scheme.ratings) {
      strong.push({ address: columnRange(placement.proposed), formula: withMarker(proposedIs(r)), fill: r.fill, font: r.font, bold: true });
    }
  }

  const tints: ConditionalFormat[] = [];
  const tint = (address: string) => scheme.ratings.map((r) => ({ address, formula: effectiveIs(r), fill: r.tint }));
  if (format.style === 'cell+progress' && plan.columns.progress) {
    tints.push(...tint(columnRange(plan.columns.progress.col)));
  } else if (format.style === 'row') {
    const right = Math.max(plan.lastCol, placement.proposed, placement.reason);
    tints.push(...tint(rangeA1(top, plan.firstCol, bottom, right)));
  }
  return { strong, tints };
}


// ---- rating cells on BoardPlan's own sheets ---------------------------------------------------

/**
 * Which rating a cell on a sheet BoardPlan writes shows: the first rating one of whose texts it
 * holds, without regard to case or surrounding spaces (an earlier scheme's spelling in the RAG
 * History still counts as its rating).
 */
export function ratingShown(ratings: readonly Rating[], texts: (rating: Rating) => string[]): (text: string) => Rating | undefined {
  const byText = new Map<string, Rating>();
  for (const rating of ratings) {
    for (const text of texts(rating)) {
      const key = text.trim().toLowerCase();
      if (key && !byText.has(key)) byText.set(key, rating);
    }
  }
  return (text) => byText.get(text.trim().toLowerCase());
}
