import { a1, columnLetter, isoToSerial, parseA1, quoteSheet, rangeA1 } from '../core/cells';
import type { ApplyStats } from '../core/host';
import {
  WorkbookPatchSchema, type Chart, type ConditionalFormat, type GeneratedSheet, type OwnedColumn, type PatchValue, type SheetRules, type Style, type WorkbookPatch,
} from '../core/patch';
import { describeExcelError, ExcelHostError, PROTECTED_WORKBOOK_MESSAGE, protectedSheetMessage } from './errors';
import { Meter } from './meter';
import { CHUNK_BUDGET } from './payload';
import type { ReadHandles, SheetHandle, SheetVisibility } from './snapshot';
import { widthToPoints } from './units';

/**
 * Writing a WorkbookPatch through Office.js: one round trip when the queued calls stay under the
 * chunk budget (4 MB), otherwise as many chunks as needed, each under it; big value writes are split
 * by rows so they can be spread over chunks. What is the same for many cells is sent once for the
 * range (a number format, a style, a conditional format), never once per cell. Each chunk suspends screen updating and API
 * calculation until its sync (Excel resumes both by itself after the sync, so the user's
 * calculation mode is never changed).
 *
 * Nothing is written when a precondition found during the read fails (a protected sheet the patch
 * would write to, a missing sheet, a protected workbook structure). Once writing has started, a
 * failure is reported as a partial update: Excel keeps what ran before the failing call.
 */

export interface ApplyOptions {
  /** Upper bound of the bytes one sync may carry (default 4 MB). */
  chunkBytes?: number;
  /** Largest single write of cell values (default 1 MB), so big columns spread over chunks. */
  pieceBytes?: number;
}

/** Number format of date cells in generated sheets unless a style gives one. */
export const DATE_FORMAT = 'd mmm yyyy';
/** Upper bound, in bytes, for a unit of a few short calls (addresses, colours, names). */
const SMALL = 2048;
const VISIBILITY: Record<SheetVisibility, 'Visible' | 'Hidden' | 'VeryHidden'> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
/** Excel clamps a priority past the end to the last place. */
const LAST_PRIORITY = 1_000_000;

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
 * Sets one number format on every cell of the range. Excel documents that setting `numberFormat` (or
 * `values`) to a single value applies it to all cells of the range ("Update all cells in a range",
 * Excel JavaScript API core concepts); the typings declare only the 2-D form.
 */
function setNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/** Split rows into runs whose JSON stays under `maxBytes`; each run with its size. */
function pieces<T>(rows: T[][], maxBytes: number): { start: number; rows: T[][]; bytes: number }[] {
  const out: { start: number; rows: T[][]; bytes: number }[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const cost = JSON.stringify(row).length + 1;
    if (i > start && bytes + cost > maxBytes) {
      out.push({ start, rows: rows.slice(start, i), bytes });
      start = i;
      bytes = 0;
    }
    bytes += cost;
  });
  if (rows.length > start) out.push({ start, rows: rows.slice(start), bytes });
  return out;
}

/** Queues calls, syncing whenever the next unit would take the pending request over the budget. */
class Writer {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  /** Whether the current chunk has suspended screen updating and calculation yet. */
  private begun = false;

  constructor(
    readonly ctx: Excel.RequestContext,
    private readonly meter: Meter,
    private readonly budget: number,
  ) {}

  /** Make room for a unit of about `bytes`; a new chunk starts by suspending screen updating and calculation. */
  async room(bytes: number): Promise<void> {
    if (this.meter.pendingOperations > 0 && this.meter.pendingBytes + bytes > this.budget) await this.flush();
    if (!this.begun) {
      const app = this.ctx.workbook.application;
      app.suspendApiCalculationUntilNextSync();
      app.suspendScreenUpdatingUntilNextSync();
      this.begun = true;
    }
  }

  async flush(): Promise<void> {
    if (this.meter.pendingOperations === 0) return;
    this.begun = false;
    try {
      await this.ctx.sync();
    } catch (e) {
      throw new ExcelHostError('partial-update', `The workbook may be only partly refreshed: ${describeExcelError(e)}`, { cause: e, partial: true });
    }
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

  const meter = new Meter();
  const budget = options.chunkBytes ?? CHUNK_BUDGET;
  const pieceBytes = Math.min(options.pieceBytes ?? 1024 * 1024, Math.floor(budget / 2));
  const w = new Writer(meter.wrap(context), meter, budget);

  for (const sheet of patch.sheets) await writeSheet(w, sheet, handleOf(handles, sheet.name), pieceBytes);
  for (const column of patch.columns) await writeColumn(w, column, pieceBytes);
  for (const rules of patch.rules) await writeRules(w, rules, handleOf(handles, rules.sheet)!);
  for (const name of patch.deleteSheets) {
    if (!handleOf(handles, name)) continue;
    await w.room(SMALL);
    w.sheet(name).delete();
  }
  await w.flush();
  return { ...meter.totals };
}

// ---- owned columns ---------------------------------------------------------------------------------

async function writeColumn(w: Writer, c: OwnedColumn, pieceBytes: number): Promise<void> {
  const ws = w.sheet(c.sheet);
  await w.room(SMALL + c.header.length * 2);
  // Text format first, so that a value such as "=SUM(A1)" or "+44 …" is stored as text.
  const header = ws.getRange(a1(c.headerRow, c.col));
  setNumberFormat(header, '@');
  header.values = [[c.header]];
  // The patch's look; the typeface and size stay the plan's, and the row's height is the user's.
  writeStyle(ws, a1(c.headerRow, c.col), c.headerStyle ?? { bold: true });
  if (c.width !== undefined) {
    const letter = columnLetter(c.col);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = widthToPoints(c.width);
  }

  const rows = c.values.map((v) => [v ?? '']);
  for (const piece of pieces(rows, pieceBytes)) {
    await w.room(SMALL + piece.bytes);
    const top = c.firstRow + piece.start;
    const range = ws.getRange(rangeA1(top, c.col, top + piece.rows.length - 1, c.col));
    setNumberFormat(range, '@');
    range.values = piece.rows;
  }

  const below = c.firstRow + c.values.length;
  if (c.clearToRow >= below) {
    await w.room(SMALL);
    ws.getRange(rangeA1(below, c.col, c.clearToRow, c.col)).clear('Contents');
  }
}

// ---- conditional formats -----------------------------------------------------------------------------

/** Ids deleted from the highest down: should Excel number rules by position, earlier deletions cannot shift later ids. */
function deletionOrder(ids: string[]): string[] {
  const numeric = ids.every((id) => /^\d+$/.test(id));
  return numeric ? [...ids].sort((a, b) => Number(b) - Number(a)) : [...ids].reverse();
}

async function writeRules(w: Writer, sheetRules: SheetRules, handle: SheetHandle): Promise<void> {
  const ws = w.sheet(sheetRules.sheet);
  if (handle.ourRules.length) {
    await w.room(SMALL);
    const formats = ws.getRange().conditionalFormats;
    for (const id of deletionOrder(handle.ourRules)) {
      await w.room(SMALL);
      formats.getItem(id).delete();
    }
  }
  for (const rule of sheetRules.rules) await addRule(w, ws, rule);
}

async function addRule(w: Writer, ws: Excel.Worksheet, rule: ConditionalFormat): Promise<void> {
  await w.room(SMALL + rule.formula.length * 2);
  const cf = ws.getRange(rule.address).conditionalFormats.add('Custom');
  // Excel adds a rule at the top; moved to the end, the patch's rules keep their order (first
  // wins) and rank after the user's own rules, as the .xlsx host writes them.
  cf.priority = LAST_PRIORITY;
  cf.custom.rule.formula = rule.formula.startsWith('=') ? rule.formula : `=${rule.formula}`;
  if (rule.fill) cf.custom.format.fill.color = rule.fill;
  if (rule.font) cf.custom.format.font.color = rule.font;
  if (rule.bold !== undefined) cf.custom.format.font.bold = rule.bold;
}

// ---- generated sheets ------------------------------------------------------------------------------

interface Cell {
  value: string | number;
  format: string | null;
}

function cellOf(v: PatchValue | undefined): Cell {
  if (v === null || v === undefined) return { value: '', format: null };
  if (typeof v === 'string') return { value: v, format: '@' };
  if (typeof v === 'number') return { value: v, format: null };
  return { value: isoToSerial(v.date), format: DATE_FORMAT };
}

function displayed(sheet: GeneratedSheet, address: string): string | null {
  const p = parseA1(address);
  const v = p ? sheet.rows[p.row - 1]?.[p.col - 1] : undefined;
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? v.date : String(v);
}

async function writeSheet(w: Writer, s: GeneratedSheet, existing: SheetHandle | undefined, pieceBytes: number): Promise<void> {
  let ws: Excel.Worksheet;
  if (existing) {
    // BoardPlan's own sheet from an earlier refresh: emptied, then written like a new one.
    await w.room(SMALL + existing.charts.join('').length * 2);
    ws = w.sheet(s.name);
    const all = ws.getRange();
    all.clear('All');
    all.unmerge();
    all.conditionalFormats.clearAll();
    ws.freezePanes.unfreeze();
    ws.horizontalPageBreaks.removePageBreaks();
    for (const chart of existing.charts) ws.charts.getItem(chart).delete();
    ws.tabColor = s.tabColor ?? '';
  } else {
    await w.room(SMALL);
    ws = w.addSheet(s.name);
    if (s.tabColor) ws.tabColor = s.tabColor;
  }

  const width = s.rows.reduce((m, r) => Math.max(m, r.length), 0);
  if (width > 0) {
    const cells = s.rows.map((r) => Array.from({ length: width }, (_, j) => cellOf(r[j])));
    // Formats before any value, so that text arrives in cells that already keep it as text.
    const blocks = formatBlocks(cells);
    await w.room(SMALL + JSON.stringify(blocks).length * 2);
    for (const { rect, format } of blocks) setNumberFormat(ws.getRange(rangeA1(rect.top, rect.left, rect.bottom, rect.right)), format);
    const values = cells.map((r) => r.map((c) => c.value));
    for (const piece of pieces(values, pieceBytes)) {
      await w.room(SMALL + piece.bytes);
      const range = ws.getRange(rangeA1(1 + piece.start, 1, piece.start + piece.rows.length, width));
      range.values = piece.rows;
    }
  }

  if (s.font && width > 0) {
    await w.room(SMALL);
    writeSheetFont(ws, s.font, rangeA1(1, 1, Math.max(1, s.rows.length), width));
  }
  for (const { address, style } of s.styles) {
    await w.room(SMALL);
    writeStyle(ws, address, style);
  }
  for (const rule of s.rules ?? []) await addRule(w, ws, rule);
  // One link per ref, so each carries only what it needs: Excel's own tip already names the target.
  for (const link of s.links) {
    const text = displayed(s, link.cell) ?? link.target;
    await w.room(SMALL + text.length * 2);
    ws.getRange(link.cell).hyperlink = { documentReference: `${quoteSheet(link.sheet)}!${link.target}`, textToDisplay: text };
  }
  if (s.merges.length) {
    await w.room(SMALL * s.merges.length);
    for (const m of s.merges) ws.getRange(m).merge(false);
  }
  if (s.widths.length) {
    await w.room(SMALL * s.widths.length);
    for (const { col, width: chars } of s.widths) {
      const letter = columnLetter(col);
      ws.getRange(`${letter}:${letter}`).format.columnWidth = widthToPoints(chars);
    }
  }
  if (s.heights?.length) {
    for (const run of heightRuns(s.heights)) {
      await w.room(SMALL);
      ws.getRange(`${run.first}:${run.last}`).format.rowHeight = run.height;
    }
  } else if (s.rows.length) {
    // Wrapped texts need taller rows; Excel only grows them by itself when a user types.
    await w.room(SMALL);
    ws.getRange(`1:${s.rows.length}`).format.autofitRows();
  }
  if (s.freezeRows > 0) {
    await w.room(SMALL);
    ws.freezePanes.freezeRows(s.freezeRows);
  }
  if (s.print) {
    await w.room(SMALL);
    const layout = ws.pageLayout;
    layout.orientation = s.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
    layout.paperSize = 'A4';
    if (s.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (s.print.titleRows) layout.setPrintTitleRows(s.print.titleRows.split(':').map((r) => `$${r.replace(/\$/g, '')}`).join(':'));
    if (s.print.area) layout.setPrintArea(s.print.area);
    for (const row of s.print.breaks ?? []) ws.horizontalPageBreaks.add(a1(row, 1));
  }
  if (s.chart) {
    const c = s.chart;
    await w.room(SMALL * (2 + c.series.length));
    const chart = ws.charts.add('BarStacked', ws.getRange(c.series[0]?.values ?? c.categories), 'Columns');
    chart.title.text = c.title;
    chart.setPosition(c.from, c.to);
    const categories = ws.getRange(c.categories);
    c.series.forEach((series, i) => {
      const item = i === 0 ? chart.series.getItemAt(0) : chart.series.add(series.name);
      if (i === 0) item.name = series.name;
      else item.setValues(ws.getRange(series.values));
      item.setXAxisValues(categories);
      item.format.fill.setSolidColor(series.colour);
      if (c.labels) writeDataLabels(item, c.labels, series);
    });
  }
  if ((existing?.visibility ?? 'visible') !== s.visibility) {
    await w.room(SMALL);
    ws.visibility = VISIBILITY[s.visibility];
  }
}

/**
 * The number formats a generated sheet's cells need before their values arrive, as few rectangles as
 * possible: '@' for text (so it stays text), the date format for dates. Numbers keep General, as
 * the sheet is new or cleared; an empty cell takes whatever its run needs. Runs go down each column,
 * then runs alike in neighbouring columns join.
 */
function formatBlocks(cells: Cell[][]): { rect: Rect; format: string }[] {
  const width = cells[0]?.length ?? 0;
  const runs = new Map<string, { top: number; bottom: number; format: string; cols: number[] }>();
  const close = (col: number, top: number, bottom: number, format: string | null) => {
    if (format === null) return;
    const key = `${top}:${bottom}:${format}`;
    const run = runs.get(key) ?? { top, bottom, format, cols: [] };
    run.cols.push(col);
    runs.set(key, run);
  };
  for (let col = 0; col < width; col++) {
    let top = 0;
    let format: string | null | undefined;
    cells.forEach((row, i) => {
      const cell = row[col];
      if (cell.value === '') return;
      if (format === undefined) {
        [top, format] = [i, cell.format];
      } else if (cell.format !== format) {
        close(col, top, i - 1, format);
        [top, format] = [i, cell.format];
      }
    });
    if (format !== undefined) close(col, top, cells.length - 1, format);
  }
  const blocks: { rect: Rect; format: string }[] = [];
  for (const run of runs.values()) {
    run.cols.forEach((col, i) => {
      const last = blocks[blocks.length - 1];
      if (i > 0 && last.rect.right === col) last.rect.right = col + 1;
      else blocks.push({ rect: { top: run.top + 1, bottom: run.bottom + 1, left: col + 1, right: col + 1 }, format: run.format });
    });
  }
  return blocks;
}

/** The typeface and size every cell of a generated sheet starts from; its styles come after. */
function writeSheetFont(ws: Excel.Worksheet, font: NonNullable<GeneratedSheet['font']>, address: string): void {
  const f = ws.getRange(address).format.font;
  f.name = font.name;
  f.size = font.size;
}

/** Row heights from the patch as runs of neighbouring rows of the same height: one call each. */
function heightRuns(heights: NonNullable<GeneratedSheet['heights']>): { first: number; last: number; height: number }[] {
  const runs: { first: number; last: number; height: number }[] = [];
  for (const { row, height } of [...heights].sort((a, b) => a.row - b.row)) {
    const run = runs[runs.length - 1];
    if (run && run.height === height && run.last === row - 1) run.last = row;
    else runs.push({ first: row, last: row, height });
  }
  return runs;
}

/** Each segment labelled with its count (and the rating's name, when asked), centred; none on the points the patch leaves out. */
function writeDataLabels(item: Excel.ChartSeries, labels: NonNullable<Chart['labels']>, series: Chart['series'][number]): void {
  const d = item.dataLabels;
  d.showValue = true;
  d.showSeriesName = labels === 'name-and-value';
  d.position = 'Center';
  if (series.labelColour) d.format.font.color = series.labelColour;
  for (const k of series.unlabelled ?? []) item.points.getItemAt(k).hasDataLabel = false;
}

const VALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

function writeStyle(ws: Excel.Worksheet, address: string, style: Style): void {
  const range = ws.getRange(address);
  const f = range.format;
  if (style.bold !== undefined) f.font.bold = style.bold;
  if (style.italic !== undefined) f.font.italic = style.italic;
  if (style.size !== undefined) f.font.size = style.size;
  if (style.font) f.font.color = style.font;
  if (style.fill) f.fill.color = style.fill;
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.align) f.horizontalAlignment = ALIGN[style.align];
  if (style.valign) f.verticalAlignment = VALIGN[style.valign];
  const r = cellsOf(address)!;
  if (style.border) {
    const edges = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
    const inside = [...(r.bottom > r.top ? (['InsideHorizontal'] as const) : []), ...(r.right > r.left ? (['InsideVertical'] as const) : [])];
    for (const edge of [...edges, ...inside]) f.borders.getItem(edge).style = 'Continuous';
  }
  if (style.numberFormat) setNumberFormat(range, style.numberFormat);
}
