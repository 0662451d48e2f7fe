import { columnLetter, isoToSerial, parseA1, quoteSheet, rangeA1 } from '../core/cells';
import type { ApplyStats } from '../core/host';
import {
  isOwnedRule, WorkbookPatchSchema, type ConditionalFormat, type GeneratedSheet, type OwnedColumn, type PatchValue, type Style, type WorkbookPatch,
} from '../core/patch';
import { describeExcelError, ExcelHostError, PROTECTED_WORKBOOK_MESSAGE, protectedSheetMessage, rulesMessage } from './errors';
import { gridBytes, jsonBytes, RANGE_BYTES, REQUEST_BUDGET, requestBytes } from './payload';
import type { ReadHandles, SheetHandle, SheetVisibility } from './snapshot';
import { Syncs } from './syncs';
import { widthToPoints } from './units';

/**
 * Writing a WorkbookPatch through Office.js. The write is a list of units (a block of values, a
 * style, a rule…), each with a bound of the bytes it adds to a request (payload.ts); units go to
 * Excel in as few requests as stay under 4.5 MB, and a request Excel still finds too large is split
 * and sent again. What is the same for many cells is sent once for the range: one grid of values
 * and one of number formats per block, one number format for a whole column, a conditional format
 * over a whole range, never a call per cell. Each request suspends screen updating and API
 * calculation until it is done (Excel resumes both by itself, so the user's calculation mode is
 * never changed).
 *
 * BoardPlan's conditional formats on a plan sheet are found by their mark, in this write's own
 * batch, just before they are replaced: an id is only a position in the sheet's list of rules, so
 * one read earlier (before a rule of the user's was added, say) could name the user's rule.
 *
 * Nothing is written when a precondition found during the read fails (a protected sheet the patch
 * would write to, a missing sheet, a protected workbook structure). Once writing has started, a
 * failure is reported as a partial update: Excel keeps what ran before the failing call.
 */

export interface ApplyOptions {
  /** Upper bound of the bytes one request may carry (default 4.5 MB). */
  requestBytes?: number;
  /** Largest single write of cell values (default 1 MB), so big columns spread over requests. */
  pieceBytes?: number;
}

/** Number format of date cells in generated sheets unless a style gives one. */
export const DATE_FORMAT = 'd mmm yyyy';
const VISIBILITY: Record<SheetVisibility, 'Visible' | 'Hidden' | 'VeryHidden'> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
/** Excel clamps a priority past the end to the last place. */
const LAST_PRIORITY = 1_000_000;
const RULE_MARKS = 'items/id,items/type,items/customOrNullObject/rule/formula';

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B5" or "A3:H40" on a sheet; null for anything else. */
function cellsOf(address: string): Rect | null {
  const [a, b, extra] = address.split(':');
  if (extra !== undefined) return null;
  const from = parseA1(a);
  const to = parseA1(b ?? a);
  if (!from || !to) return null;
  return { top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) };
}

/**
 * Sets one number format (or value) on every cell of the range. Excel documents that setting
 * `numberFormat` or `values` to a single value applies it to all cells of the range ("Update all
 * cells in a range", Excel JavaScript API core concepts); the typings declare only the 2-D form.
 */
function setNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/** Split rows into runs whose JSON stays under `maxBytes`. */
function pieces<T>(rows: T[][], maxBytes: number): { start: number; rows: T[][] }[] {
  const out: { start: number; rows: T[][] }[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const cost = jsonBytes(row) + 1;
    if (i > start && bytes + cost > maxBytes) {
      out.push({ start, rows: rows.slice(start, i) });
      start = i;
      bytes = 0;
    }
    bytes += cost;
  });
  if (rows.length > start) out.push({ start, rows: rows.slice(start) });
  return out;
}

/** What one request holds: the sheets and ranges it has reached, so each is reached once. */
class Request {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  private readonly ranges = new Map<string, Excel.Range>();

  constructor(readonly ctx: Excel.RequestContext) {
    const app = ctx.workbook.application;
    app.suspendApiCalculationUntilNextSync();
    app.suspendScreenUpdatingUntilNextSync();
  }

  sheet(name: string): Excel.Worksheet {
    const key = name.toLowerCase();
    let ws = this.sheets.get(key);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.sheets.set(key, ws);
    }
    return ws;
  }

  addSheet(name: string): Excel.Worksheet {
    const ws = this.ctx.workbook.worksheets.add(name);
    this.sheets.set(name.toLowerCase(), ws);
    return ws;
  }

  /** Several areas of a sheet formatted together (ExcelApi 1.9), used only within this request. */
  areas(sheet: string, addresses: string): Excel.RangeAreas {
    return this.sheet(sheet).getRanges(addresses).untrack();
  }

  /** A range used only within this request: untracked, so Office.js neither keeps it nor releases it afterwards. */
  range(sheet: string, address: string): Excel.Range {
    const key = `${sheet.toLowerCase()}!${address}`;
    let range = this.ranges.get(key);
    if (!range) {
      const ws = this.sheet(sheet);
      range = (address ? ws.getRange(address) : ws.getRange()).untrack();
      this.ranges.set(key, range);
    }
    return range;
  }
}

/** RangeAreas address lists are kept short, each well within what Excel parses in one address. */
const MAX_AREAS_ADDRESS = 2000;

/** Addresses joined into lists for Worksheet.getRanges, each under MAX_AREAS_ADDRESS characters. */
function areaLists(addresses: string[]): string[] {
  const lists: string[] = [];
  let current = '';
  for (const a of addresses) {
    if (current && current.length + a.length + 1 > MAX_AREAS_ADDRESS) {
      lists.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) lists.push(current);
  return lists;
}

interface Unit {
  /** Bound of the bytes it adds to a request. */
  bytes: number;
  /** Calls it queues. */
  calls: number;
  queue(r: Request): void;
  /** Replacing BoardPlan's rules on a plan sheet: a failure there has its own message. */
  rules?: string;
  /** The same writes as smaller units (a block of rows in two halves), for a request Excel finds too large. */
  split?: () => Unit[];
}

/** A block of rows written by `write` from row `start`; it splits in two halves by rows. */
function blockUnit<T>(rows: T[][], start: number, bytes: (rows: T[][]) => number, calls: number, write: (r: Request, rows: T[][], start: number) => void): Unit {
  return {
    bytes: bytes(rows),
    calls,
    queue: (r) => write(r, rows, start),
    split:
      rows.length > 1
        ? () => {
            const half = Math.ceil(rows.length / 2);
            return [blockUnit(rows.slice(0, half), start, bytes, calls, write), blockUnit(rows.slice(half), start + half, bytes, calls, write)];
          }
        : undefined,
  };
}

/** A unit that reaches `ranges` ranges and `paths` other objects and runs `actions` on them (their long arguments apart). */
const unit = (ranges: number, paths: number, actions: number, argumentBytes: number, queue: (r: Request) => void, rules?: string): Unit => ({
  bytes: requestBytes(ranges, paths, actions, argumentBytes),
  calls: actions,
  queue,
  rules,
});
/** The sheet a unit works on, reached once more in each request (its Worksheets path and item). */
const SHEET = 2;

/** Sends units in as few requests as stay under the budget; splits a request Excel still finds too large. */
class Writer {
  readonly syncs: Syncs;
  private readonly units: Unit[] = [];

  constructor(
    ctx: Excel.RequestContext,
    private readonly budget: number,
  ) {
    this.syncs = new Syncs(ctx);
  }

  add(u: Unit): void {
    this.units.push(u);
  }

  async run(): Promise<void> {
    // The application and its two calls, and the sheet a request goes on with from the one before.
    const opening = requestBytes(0, 1 + SHEET, 2);
    let chunk: Unit[] = [];
    let bytes = opening;
    for (const u of this.units) {
      if (chunk.length && bytes + u.bytes > this.budget) {
        await this.send(chunk);
        chunk = [];
        bytes = opening;
      }
      chunk.push(u);
      bytes += u.bytes;
    }
    if (chunk.length) await this.send(chunk);
  }

  private async send(units: Unit[]): Promise<void> {
    const r = new Request(this.syncs.context);
    for (const u of units) u.queue(r);
    try {
      await this.syncs.sync();
    } catch (e) {
      // Rejected whole, so nothing of it was applied: send it again in two halves.
      if ((e as { code?: unknown }).code === 'RequestPayloadSizeLimitExceeded') {
        const parts = units.length > 1 ? [units.slice(0, Math.ceil(units.length / 2)), units.slice(Math.ceil(units.length / 2))] : (units[0].split?.() ?? []).map((u) => [u]);
        if (parts.length) {
          for (const part of parts) await this.send(part);
          return;
        }
      }
      const rules = units.find((u) => u.rules)?.rules;
      if (rules && isRuleFailure(e)) throw new ExcelHostError('partial-update', rulesMessage(rules), { cause: e, partial: true });
      throw new ExcelHostError('partial-update', `The workbook may be only partly refreshed: ${describeExcelError(e)}`, { cause: e, partial: true });
    }
    this.syncs.operations += units.reduce((n, u) => n + u.calls, 0);
    this.syncs.bytes += units.reduce((n, u) => n + u.bytes, 0);
  }
}

/** Excel's failures with several conditional formats on one range (office-js issues 5222, 6827, 6835). */
function isRuleFailure(e: unknown): boolean {
  const { code, debugInfo } = (e ?? {}) as { code?: unknown; debugInfo?: { errorLocation?: unknown } };
  const where = typeof debugInfo?.errorLocation === 'string' ? debugInfo.errorLocation : '';
  return (code === 'ItemNotFound' || code === 'GeneralException' || code === 'InvalidOperation') && where.startsWith('ConditionalFormat');
}

function handleOf(handles: ReadHandles, name: string): SheetHandle | undefined {
  const lower = name.toLowerCase();
  return handles.sheets.find((s) => s.name.toLowerCase() === lower);
}

/** Everything that can be known to fail is checked before the first write. */
function checkPreconditions(patch: WorkbookPatch, handles: ReadHandles): void {
  const written = new Set([...patch.columns.map((c) => c.sheet), ...patch.rules.map((r) => r.sheet)]);
  for (const name of written) {
    const h = handleOf(handles, name);
    if (!h) {
      throw new ExcelHostError('missing-sheet', `Sheet '${name}' is no longer in the workbook (it may have been renamed or deleted): run Refresh again.`);
    }
    if (h.protected) throw new ExcelHostError('protected-sheet', protectedSheetMessage(h.name));
  }
  for (const s of patch.sheets) {
    const h = handleOf(handles, s.name);
    if (h?.protected) throw new ExcelHostError('protected-sheet', protectedSheetMessage(h.name));
  }
  const structural =
    patch.sheets.some((s) => {
      const h = handleOf(handles, s.name);
      return !h || h.visibility !== s.visibility;
    }) || patch.deleteSheets.some((n) => handleOf(handles, n));
  if (structural && handles.workbookProtected) throw new ExcelHostError('protected-workbook', PROTECTED_WORKBOOK_MESSAGE);

  const addresses = [
    ...patch.rules.flatMap((r) => r.rules.map((rule) => [r.sheet, rule.address])),
    ...patch.sheets.flatMap((s) => [
      ...s.styles.map((st) => [s.name, st.address]),
      ...(s.rules ?? []).map((rule) => [s.name, rule.address]),
      ...s.merges.map((m) => [s.name, m]),
      ...s.links.map((l) => [s.name, l.cell]),
      ...(s.chart ? [s.chart.categories, s.chart.from, s.chart.to, ...s.chart.series.map((x) => x.values)].map((a) => [s.name, a]) : []),
    ]),
  ];
  for (const [sheet, address] of addresses) {
    if (!cellsOf(address)) {
      throw new ExcelHostError('invalid-patch', `BoardPlan built an address it cannot write on sheet '${sheet}' ('${address}'): please report this; nothing was changed.`);
    }
  }
}

/** Apply the patch; `handles` come from the read that the patch was computed from. */
export async function applyPatch(context: Excel.RequestContext, patchInput: WorkbookPatch, handles: ReadHandles, options: ApplyOptions = {}): Promise<ApplyStats> {
  const parsed = WorkbookPatchSchema.safeParse(patchInput);
  if (!parsed.success) {
    throw new ExcelHostError('invalid-patch', `BoardPlan built an update it cannot write (${parsed.error.issues[0]?.message ?? 'invalid'}): please report this; nothing was changed.`);
  }
  const patch = parsed.data;
  checkPreconditions(patch, handles);

  const budget = options.requestBytes ?? REQUEST_BUDGET;
  const pieceBytes = Math.min(options.pieceBytes ?? 1024 * 1024, Math.floor(budget / 2));
  const w = new Writer(context, budget);
  // BoardPlan's rules as they are now, found by their mark, in this batch.
  const ours = patch.rules.length ? await findOwnRules(w.syncs, patch.rules.map((r) => r.sheet)) : new Map<string, string[]>();

  for (const sheet of patch.sheets) writeSheet(w, sheet, handleOf(handles, sheet.name), pieceBytes);
  for (const group of columnGroups(patch.columns)) writeColumns(w, group, pieceBytes);
  for (const name of patch.deleteSheets) {
    const h = handleOf(handles, name);
    if (!h) continue;
    w.add(
      unit(0, SHEET, 2, jsonBytes(name), (r) => {
        const ws = r.sheet(name);
        // Excel will not delete a very hidden sheet.
        if (h.visibility === 'veryHidden') ws.visibility = 'Visible';
        ws.delete();
      }),
    );
  }
  for (const { sheet, rules } of patch.rules) {
    const old = ours.get(sheet) ?? [];
    // Highest position first, so that each deletion leaves the positions still to delete as they were.
    const positions = [...old].sort((a, b) => Number(b) - Number(a));
    w.add(
      unit(1, SHEET + 1 + positions.length, positions.length, 0, (r) => {
        const formats = r.sheet(sheet).getRange().conditionalFormats;
        for (const id of positions) formats.getItem(id).delete();
      }, sheet),
    );
    addRules(w, sheet, rules, sheet);
  }
  await w.run();
  return w.syncs.stats();
}

/** Positions of BoardPlan's conditional formats on each sheet, by the mark in their formulas. */
async function findOwnRules(syncs: Syncs, sheets: string[]): Promise<Map<string, string[]>> {
  const ctx = syncs.context;
  const loads = sheets.map((name) => ({ name, formats: ctx.workbook.worksheets.getItem(name).getRange().conditionalFormats.load(RULE_MARKS) }));
  try {
    await syncs.sync();
  } catch (e) {
    if (!isRuleFailure(e)) throw e;
    throw new ExcelHostError('partial-update', rulesMessage(sheets.join("', '"), false), { cause: e });
  }
  return new Map(
    loads.map(({ name, formats }) => [
      name,
      formats.items.filter((f) => f.type === 'Custom' && !f.customOrNullObject.isNullObject && isOwnedRule(f.customOrNullObject.rule.formula)).map((f) => f.id),
    ]),
  );
}

// ---- owned columns ---------------------------------------------------------------------------------

/** BoardPlan's columns side by side over the same rows, written as one block. */
function columnGroups(columns: OwnedColumn[]): OwnedColumn[][] {
  const groups: OwnedColumn[][] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    const fits = prev && prev.sheet === c.sheet && prev.col + 1 === c.col && prev.headerRow === c.headerRow && prev.firstRow === c.firstRow && prev.values.length === c.values.length;
    if (fits) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

function writeColumns(w: Writer, group: OwnedColumn[], pieceBytes: number): void {
  const { sheet, headerRow, firstRow } = group[0];
  const left = group[0].col;
  const right = group[group.length - 1].col;
  const headers = [group.map((c) => c.header)];
  // Text format first, so that a value such as "=SUM(A1)" or "+44 …" is stored as text.
  w.add(
    unit(1, SHEET + 2, 3, jsonBytes(headers), (r) => {
      const range = r.range(sheet, rangeA1(headerRow, left, headerRow, right));
      setNumberFormat(range, '@');
      range.values = headers;
      range.format.font.bold = true;
    }),
  );
  const widths = group.filter((c) => c.width !== undefined);
  if (widths.length) {
    w.add(
      unit(widths.length, widths.length, widths.length, 0, (r) => {
        for (const c of widths) r.range(sheet, `${columnLetter(c.col)}:${columnLetter(c.col)}`).format.columnWidth = widthToPoints(c.width!);
      }),
    );
  }
  const rows = group[0].values.map((_, i) => group.map((c) => c.values[i] ?? ''));
  for (const piece of pieces(rows, pieceBytes)) {
    w.add(
      blockUnit(piece.rows, firstRow + piece.start, (b) => RANGE_BYTES + gridBytes(b) + gridBytes([['@']]), 2, (r, block, top) => {
        const range = r.range(sheet, rangeA1(top, left, top + block.length - 1, right));
        setNumberFormat(range, '@');
        range.values = block;
      }),
    );
  }
  const below = firstRow + group[0].values.length;
  const clears = group.filter((c) => c.clearToRow >= below);
  if (clears.length) {
    w.add(
      unit(clears.length, 0, clears.length, 0, (r) => {
        for (const c of clears) r.range(sheet, rangeA1(below, c.col, c.clearToRow, c.col)).clear('Contents');
      }),
    );
  }
}

// ---- conditional formats -----------------------------------------------------------------------------

/**
 * Adds rules, first = highest priority. Excel adds a rule at the top; each is moved to the end so
 * that the patch's rules keep their order and rank after the user's own, as the .xlsx host writes
 * them. The move comes last: after a priority change Excel's reference says the object must be
 * fetched again before it is changed further.
 */
function addRules(w: Writer, sheet: string, rules: ConditionalFormat[], owner?: string): void {
  for (const rule of rules) w.add(ruleUnit(sheet, rule, true, owner));
}

/** On BoardPlan's own (emptied) sheet there are no rules of the user's: added last first, they end in the patch's order with no move. */
function addOwnSheetRules(w: Writer, sheet: string, rules: ConditionalFormat[]): void {
  for (const rule of [...rules].reverse()) w.add(ruleUnit(sheet, rule, false));
}

function ruleUnit(sheet: string, rule: ConditionalFormat, toEnd: boolean, owner?: string): Unit {
  const formula = rule.formula.startsWith('=') ? rule.formula : `=${rule.formula}`;
  return unit(1, 7, toEnd ? 5 : 4, jsonBytes(formula) + 40, (r) => {
    const cf = r.range(sheet, rule.address).conditionalFormats.add('Custom');
    const custom = cf.custom;
    custom.rule.formula = formula;
    if (rule.fill) custom.format.fill.color = rule.fill;
    if (rule.font) custom.format.font.color = rule.font;
    if (rule.bold !== undefined) custom.format.font.bold = rule.bold;
    if (toEnd) cf.priority = LAST_PRIORITY;
  }, owner);
}

// ---- generated sheets ------------------------------------------------------------------------------

function valueOf(v: PatchValue | undefined): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return v;
  return isoToSerial(v.date);
}

/** The number format a cell needs before its value arrives: '@' keeps text as text; null leaves General. */
function formatOf(v: PatchValue | undefined): string | null {
  if (typeof v === 'string') return '@';
  if (v !== null && typeof v === 'object') return DATE_FORMAT;
  return null;
}

function displayed(sheet: GeneratedSheet, address: string): string | null {
  const p = parseA1(address);
  const v = p ? sheet.rows[p.row - 1]?.[p.col - 1] : undefined;
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? v.date : String(v);
}

function writeSheet(w: Writer, s: GeneratedSheet, existing: SheetHandle | undefined, pieceBytes: number): void {
  const name = s.name;
  if (existing) {
    // BoardPlan's own sheet from an earlier refresh: emptied, then written like a new one.
    w.add(
      unit(1, SHEET + 3 + existing.charts.length, 5 + existing.charts.length, jsonBytes(existing.charts) + jsonBytes(s.tabColor ?? ''), (r) => {
        const ws = r.sheet(name);
        const all = r.range(name, '');
        all.clear('All');
        all.unmerge();
        all.conditionalFormats.clearAll();
        ws.freezePanes.unfreeze();
        for (const chart of existing.charts) ws.charts.getItem(chart).delete();
        ws.tabColor = s.tabColor ?? '';
      }),
    );
  } else {
    w.add(
      unit(0, 2, 1, jsonBytes(name) + 20, (r) => {
        const ws = r.addSheet(name);
        if (s.tabColor) ws.tabColor = s.tabColor;
      }),
    );
  }

  const width = s.rows.reduce((m, row) => Math.max(m, row.length), 0);
  const { ops, formats: styled } = styleOps(s.styles);
  const outside = styled.filter(({ rect }) => rect.bottom > s.rows.length || rect.right > width);
  if (width > 0) {
    const grid = s.rows.map((row) => Array.from({ length: width }, (_, j) => row[j]));
    const formatGrid = grid.map((row) => row.map(formatOf));
    // A style's number format goes in with the cell's own (numbers and dates only: text keeps '@').
    for (const { rect, format } of styled) {
      if (outside.some((o) => o.rect === rect)) continue;
      for (let i = rect.top; i <= rect.bottom; i++) for (let j = rect.left; j <= rect.right; j++) if (typeof grid[i - 1][j - 1] !== 'string') formatGrid[i - 1][j - 1] = format;
    }
    // Number formats before values, so that text arrives in cells that already keep it as text.
    const cells = grid.map((row, i) => row.map((v, j) => ({ value: valueOf(v), format: formatGrid[i][j] })));
    const sizes = (block: typeof cells) => gridBytes(block.map((row) => row.map((c) => c.value))) + gridBytes(block.map((row) => row.map((c) => c.format)));
    for (const piece of pieces(cells, pieceBytes)) {
      w.add(
        blockUnit(piece.rows, 1 + piece.start, (b) => RANGE_BYTES + sizes(b), 2, (r, block, top) => {
          const range = r.range(name, rangeA1(top, 1, top + block.length - 1, width));
          if (block.some((row) => row.some((c) => c.format !== null))) range.numberFormat = block.map((row) => row.map((c) => c.format)) as string[][];
          range.values = block.map((row) => row.map((c) => c.value));
        }),
      );
    }
  }

  writeStyles(w, name, ops);
  for (const { rect, format } of outside) w.add(unit(1, 0, 1, jsonBytes(format), (r) => setNumberFormat(r.range(name, rangeA1(rect.top, rect.left, rect.bottom, rect.right)), format)));
  addOwnSheetRules(w, name, s.rules ?? []);
  // One link per ref, so each carries only what it needs: Excel's own tip already names the target.
  for (const link of s.links) {
    const hyperlink = { documentReference: `${quoteSheet(link.sheet)}!${link.target}`, textToDisplay: displayed(s, link.cell) ?? link.target };
    w.add(unit(1, 0, 1, jsonBytes(hyperlink), (r) => (r.range(name, link.cell).hyperlink = hyperlink)));
  }
  if (s.merges.length) w.add(unit(s.merges.length, 0, s.merges.length, jsonBytes(s.merges), (r) => s.merges.forEach((m) => r.range(name, m).merge(false))));
  // Columns of one width are set together.
  for (const [chars, runs] of widthGroups(s.widths)) {
    const addresses = runs.map(({ from, to }) => `${columnLetter(from)}:${columnLetter(to)}`);
    for (const list of areaLists(addresses)) w.add(unit(1, 1, 1, list.length, (r) => (r.areas(name, list).format.columnWidth = widthToPoints(chars))));
  }
  w.add(
    unit(1, 3, 10, jsonBytes(s.print ?? null) + 20, (r) => {
      const ws = r.sheet(name);
      // Wrapped texts need taller rows; Excel only grows them by itself when a user types.
      if (s.rows.length) r.range(name, `1:${s.rows.length}`).format.autofitRows();
      if (s.freezeRows > 0) ws.freezePanes.freezeRows(s.freezeRows);
      if (s.print) {
        const layout = ws.pageLayout;
        layout.orientation = s.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        layout.paperSize = 'A4';
        if (s.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        if (s.print.titleRows) layout.setPrintTitleRows(s.print.titleRows.split(':').map((row) => `$${row.replace(/\$/g, '')}`).join(':'));
        if (s.print.area) layout.setPrintArea(s.print.area);
      }
      if ((existing?.visibility ?? 'visible') !== s.visibility) ws.visibility = VISIBILITY[s.visibility];
    }),
  );
  const c = s.chart;
  if (c) {
    w.add(
      unit(2 + c.series.length, 4 + 3 * c.series.length, 3 + 4 * c.series.length, jsonBytes(c), (r) => {
        const ws = r.sheet(name);
        const chart = ws.charts.add('BarStacked', r.range(name, c.series[0]?.values ?? c.categories), 'Columns');
        chart.title.text = c.title;
        chart.setPosition(c.from, c.to);
        const categories = r.range(name, c.categories);
        c.series.forEach((series, i) => {
          const item = i === 0 ? chart.series.getItemAt(0) : chart.series.add(series.name);
          if (i === 0) item.name = series.name;
          else item.setValues(r.range(name, series.values));
          item.setXAxisValues(categories);
          item.format.fill.setSolidColor(series.colour);
        });
      }),
    );
  }
}

/** Columns by width, neighbours of one width joined: "C:G". */
function widthGroups(widths: GeneratedSheet['widths']): Map<number, { from: number; to: number }[]> {
  const groups = new Map<number, { from: number; to: number }[]>();
  for (const { col, width } of [...widths].sort((a, b) => a.col - b.col)) {
    const runs = groups.get(width) ?? [];
    const last = runs[runs.length - 1];
    if (last && last.to + 1 === col) last.to = col;
    else runs.push({ from: col, to: col });
    groups.set(width, runs);
  }
  return groups;
}

type StyleProp = Exclude<keyof Style, 'numberFormat'>;

/** One property set to one value over several rectangles, sent as one RangeAreas. */
interface StyleOp {
  prop: StyleProp;
  value: Style[StyleProp];
  rects: Rect[];
}

const overlaps = (a: Rect, b: Rect) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/**
 * A generated sheet's styles as few writes as keep their meaning: each property's value over all the
 * rectangles that take it, in the order the styles come (a later style wins where two meet), and
 * the number formats apart (a RangeAreas has none; they go in with the values).
 */
function styleOps(styles: GeneratedSheet['styles']): { ops: StyleOp[]; formats: { rect: Rect; format: string }[] } {
  const ops: StyleOp[] = [];
  const formats: { rect: Rect; format: string }[] = [];
  for (const { address, style } of styles) {
    const rect = cellsOf(address)!;
    if (style.numberFormat) formats.push({ rect, format: style.numberFormat });
    for (const prop of Object.keys(style) as (keyof Style)[]) {
      if (prop === 'numberFormat' || style[prop] === undefined) continue;
      const value = style[prop];
      // Join the latest write of this value unless a later write of another value meets this rectangle.
      let joined = false;
      for (let i = ops.length - 1; i >= 0; i--) {
        const op = ops[i];
        if (op.prop !== prop) continue;
        if (op.value === value) {
          op.rects.push(rect);
          joined = true;
          break;
        }
        if (op.rects.some((r) => overlaps(r, rect))) break;
      }
      if (!joined) ops.push({ prop, value, rects: [rect] });
    }
  }
  return { ops, formats };
}

const edgesOf = (rect: Rect): Excel.BorderIndex[] => [
  'EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight',
  ...(rect.bottom > rect.top ? (['InsideHorizontal'] as const) : []),
  ...(rect.right > rect.left ? (['InsideVertical'] as const) : []),
] as Excel.BorderIndex[];

/**
 * Style writes over the same rectangles share one RangeAreas. A write moves to an earlier group
 * only when nothing between sets the same property on cells it touches, so a later style still wins.
 */
function writeStyles(w: Writer, sheet: string, ops: StyleOp[]): void {
  const address = (r: Rect) => rangeA1(r.top, r.left, r.bottom, r.right);
  // Borders inside a block only where it has more than one row or column.
  const split = ops.flatMap((op) => {
    if (op.prop !== 'border') return [op];
    const byEdges = new Map<string, Rect[]>();
    for (const r of op.rects) byEdges.set(edgesOf(r).join(), [...(byEdges.get(edgesOf(r).join()) ?? []), r]);
    return [...byEdges.values()].map((rects) => ({ ...op, rects }));
  });
  const groups: { key: string; rects: Rect[]; ops: StyleOp[] }[] = [];
  for (const op of split) {
    const key = op.rects.map(address).join(',');
    const at = groups.findIndex((g) => g.key === key);
    const blocked = at < 0 || groups.slice(at + 1).some((g) => g.ops.some((o) => o.prop === op.prop && o.rects.some((r) => op.rects.some((x) => overlaps(r, x)))));
    if (at >= 0 && !blocked) groups[at].ops.push(op);
    else groups.push({ key, rects: op.rects, ops: [op] });
  }
  for (const g of groups) {
    const edges = edgesOf(g.rects[0]);
    // The areas and their format; a font, fill or borders object for each write; a path per border edge.
    const paths = 1 + g.ops.reduce((n, op) => n + (op.prop === 'border' ? 1 + edges.length : 1), 0);
    const actions = g.ops.reduce((n, op) => n + (op.prop === 'border' ? edges.length : 1), 0);
    for (const list of areaLists(g.rects.map(address))) {
      w.add(unit(1, paths, actions, list.length + jsonBytes(g.ops.map((o) => o.value)), (r) => {
        const format = r.areas(sheet, list).format;
        for (const op of g.ops) setStyle(format, op, edges);
      }));
    }
  }
}

function setStyle(f: Excel.RangeFormat, { prop, value }: StyleOp, edges: Excel.BorderIndex[]): void {
  switch (prop) {
    case 'bold': f.font.bold = value as boolean; break;
    case 'italic': f.font.italic = value as boolean; break;
    case 'size': f.font.size = value as number; break;
    case 'font': f.font.color = value as string; break;
    case 'fill': f.fill.color = value as string; break;
    case 'wrap': f.wrapText = value as boolean; break;
    case 'align': f.horizontalAlignment = ALIGN[value as keyof typeof ALIGN]; break;
    case 'border': if (value) for (const edge of edges) f.borders.getItem(edge).style = 'Continuous'; break;
  }
}
