import { isOwnedRule } from '../core/patch';
import { parseA1, rangeA1 } from '../core/cells';
import type { CellValue, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { Meter, type MeterStats } from './meter';
import { EXCEL_MAX_CELLS_PER_READ } from './payload';

/**
 * Reading the workbook through Office.js in one round trip. Sheets cannot be listed before a sync,
 * so the read queues a chain: the first sheet, then each next sheet as a null-able object, up to a
 * cap; for each, its used range (values and number formats), protection, charts, and its
 * conditional formats (id, type and, through customOrNullObject, the formula: loading `custom` on a
 * rule of another type would fail the whole read).
 *
 * More round trips only when a workbook needs them: more sheets than the cap; tables (Office.js
 * gives a table's position only through Table.getRange(), which needs the table's name first);
 * and a response too large for one sync, after which cells are read in blocks.
 */

export type SheetVisibility = SheetSnapshot['visibility'];

export interface SheetHandle {
  name: string;
  visibility: SheetVisibility;
  protected: boolean;
  /** Ids of BoardPlan's conditional-format rules on the sheet (their formula holds CF_MARKER). */
  ourRules: string[];
  /** Names of the sheet's charts. */
  charts: string[];
}

/** What apply needs from the read: which sheets exist and are protected, and which rules are ours. */
export interface ReadHandles {
  workbookProtected: boolean;
  sheets: SheetHandle[];
}

export interface ReadOptions {
  /** Sheets queued per round trip (default 64). */
  sheetsPerRead?: number;
  /** Cells Excel lets one range load read (default 5,000,000). */
  maxCellsPerRead?: number;
  /** Cells per round trip once a read has to go in blocks (default 200,000; halved while Excel refuses). */
  blockCells?: number;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  handles: ReadHandles;
  stats: MeterStats;
}

const VISIBILITY: Record<string, SheetVisibility> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };
const USED_OUTLINE = 'address,rowCount,columnCount';
const USED_FULL = `${USED_OUTLINE},values,numberFormat`;

interface QueuedSheet {
  sheet: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
  used: Excel.Range;
  formats: Excel.ConditionalFormatCollection;
  charts: Excel.ChartCollection;
  withValues: boolean;
  /** Whether the rules' formulas came with the read (else they are read in a second step). */
  withFormulas: boolean;
}

interface ReadSheet {
  queued: QueuedSheet;
  snapshot: SheetSnapshot;
  handle: SheetHandle;
  /** Used range still to be read in blocks. */
  pending: { top: number; left: number; rows: number; cols: number } | null;
}

/** Excel refusing a load path (the way formulas are read in one go is the least documented part of the read). */
function isRefusedLoad(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'InvalidArgument' || code === 'InvalidOperation' || code === 'GeneralException' || code === 'ApiNotFound' || code === 'NotImplemented';
}

function isSizeError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded' || code === 'PayloadTooLarge';
}

/** "Sheet1!B3:F40" → top-left and bottom-right (the sheet part may contain "!" only inside quotes, so take the last). */
export function addressBounds(address: string): { top: number; left: number; bottom: number; right: number } {
  const cells = address.slice(address.lastIndexOf('!') + 1);
  const [a, b] = cells.split(':');
  const from = parseA1(a);
  const to = parseA1(b ?? a);
  if (!from || !to) throw new Error(`Excel gave an address BoardPlan cannot read: ${address}`);
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

function queueSheet(sheet: Excel.Worksheet, withValues: boolean, withFormulas: boolean): QueuedSheet {
  sheet.load('name,visibility');
  const protection = sheet.protection.load('protected');
  const used = sheet.getUsedRangeOrNullObject(true).load(withValues ? USED_FULL : USED_OUTLINE);
  const formats = sheet.getRange().conditionalFormats.load(withFormulas ? 'items/id,items/type,items/customOrNullObject/rule/formula' : 'items/id,items/type');
  const charts = sheet.charts.load('items/name');
  return { sheet, protection, used, formats, charts, withValues, withFormulas };
}

function queueChain(first: Excel.Worksheet, count: number, withValues: boolean, withFormulas: boolean): QueuedSheet[] {
  const chain = [queueSheet(first, withValues, withFormulas)];
  for (let i = 1; i < count; i++) chain.push(queueSheet(chain[i - 1].sheet.getNextOrNullObject(), withValues, withFormulas));
  return chain;
}

function ourRuleIds(formats: { id: string; formula: unknown }[]): string[] {
  return formats.filter((f) => isOwnedRule(f.formula)).map((f) => f.id);
}

const cellValue = (v: unknown): CellValue => (v === '' || v === undefined ? null : (v as CellValue));

function readSheet(q: QueuedSheet): ReadSheet {
  const name = q.sheet.name;
  const ourRules = q.withFormulas
    ? ourRuleIds(
        q.formats.items
          .filter((f) => f.type === 'Custom' && !f.customOrNullObject.isNullObject)
          .map((f) => ({ id: f.id, formula: f.customOrNullObject.rule.formula })),
      )
    : [];
  const handle: SheetHandle = {
    name,
    visibility: VISIBILITY[q.sheet.visibility] ?? 'visible',
    protected: q.protection.protected,
    ourRules,
    charts: q.charts.items.map((c) => c.name),
  };
  const snapshot: SheetSnapshot = { name, visibility: handle.visibility, top: 1, left: 1, values: [], numberFormats: [] };
  let pending: ReadSheet['pending'] = null;
  if (!q.used.isNullObject) {
    const { top, left } = addressBounds(q.used.address);
    snapshot.top = top;
    snapshot.left = left;
    if (q.withValues) {
      snapshot.values = q.used.values.map((row) => row.map(cellValue));
      snapshot.numberFormats = q.used.numberFormat.map((row) => row.map((f) => String(f ?? 'General')));
    } else {
      pending = { top, left, rows: q.used.rowCount, cols: q.used.columnCount };
    }
  }
  return { queued: q, snapshot, handle, pending };
}

/** Read every sheet, table and BoardPlan rule; one sync for an ordinary workbook. */
export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  const meter = new Meter();
  const ctx = meter.wrap(context);
  const perRead = Math.max(1, options.sheetsPerRead ?? 64);
  const maxCells = options.maxCellsPerRead ?? EXCEL_MAX_CELLS_PER_READ;
  const wb = ctx.workbook;

  let book: Excel.Workbook | undefined;
  let bookProtection: Excel.WorkbookProtection | undefined;
  let tables: Excel.TableCollection | undefined;
  const queueWorkbook = (): void => {
    book = wb.load('name');
    bookProtection = wb.protection.load('protected');
    tables = wb.tables.load('items/name,items/showHeaders,items/worksheet/name');
  };

  let withFormulas = true;
  /**
   * One part of the chain. If Excel refuses the size of the answer, again without the cells; if it
   * refuses to give rule formulas through customOrNullObject, again without them (read next).
   */
  const readPart = async (start: () => Excel.Worksheet, withWorkbook: boolean): Promise<QueuedSheet[]> => {
    let withValues = true;
    for (;;) {
      if (withWorkbook) queueWorkbook();
      const chain = queueChain(start(), perRead, withValues, withFormulas);
      try {
        await ctx.sync();
        return chain;
      } catch (e) {
        if (withValues && isSizeError(e)) withValues = false;
        else if (withFormulas && isRefusedLoad(e)) withFormulas = false;
        else throw e;
      }
    }
  };

  const sheets: ReadSheet[] = [];
  let chain = await readPart(() => wb.worksheets.getFirst(), true);
  for (;;) {
    const present = chain.filter((q) => !q.sheet.isNullObject);
    sheets.push(...present.map(readSheet));
    const last = chain[chain.length - 1];
    if (last.sheet.isNullObject) break;
    chain = await readPart(() => last.sheet.getNextOrNullObject(), false);
  }

  // Tables: their names came with the first read; their ranges need one more round trip, which
  // also fetches rule formulas if they could not come with the first.
  const tableItems = tables!.items;
  const tableRanges = tableItems.map((t) => t.getRange().load('address'));
  const rules = sheets
    .filter((s) => !s.queued.withFormulas)
    .map((s) => ({ sheet: s, custom: s.queued.formats.items.filter((f) => f.type === 'Custom').map((f) => ({ id: f.id, rule: f.custom.rule.load('formula') })) }));
  if (tableRanges.length || rules.some((r) => r.custom.length)) await ctx.sync();
  for (const { sheet, custom } of rules) sheet.handle.ourRules = ourRuleIds(custom.map((c) => ({ id: c.id, formula: c.rule.formula })));
  const tableSnapshots: TableSnapshot[] = tableItems.map((t, i) => ({
    name: t.name,
    sheet: t.worksheet.name,
    ...addressBounds(tableRanges[i].address),
    showHeaders: t.showHeaders,
  }));

  await readBlocks(ctx, sheets, Math.min(maxCells, options.blockCells ?? 200_000));

  return {
    snapshot: { name: book!.name, sheets: sheets.map((s) => s.snapshot), tables: tableSnapshots },
    handles: { workbookProtected: bookProtection!.protected, sheets: sheets.map((s) => s.handle) },
    stats: { ...meter.totals },
  };
}

interface Block {
  sheet: ReadSheet;
  top: number;
  rows: number;
}

/** Cells of sheets too large for one answer, in blocks of rows; a block Excel refuses is split. */
async function readBlocks(ctx: Excel.RequestContext, sheets: ReadSheet[], blockCells: number): Promise<void> {
  let budget = Math.max(1, blockCells);
  const todo: Block[] = [];
  for (const s of sheets) {
    if (!s.pending) continue;
    const rowsPerBlock = Math.max(1, Math.floor(budget / s.pending.cols));
    for (let r = 0; r < s.pending.rows; r += rowsPerBlock) {
      todo.push({ sheet: s, top: s.pending.top + r, rows: Math.min(rowsPerBlock, s.pending.rows - r) });
    }
    s.snapshot.values = new Array(s.pending.rows);
    s.snapshot.numberFormats = new Array(s.pending.rows);
  }
  while (todo.length) {
    // As many blocks as fit in the budget go in one round trip.
    const batch: { block: Block; range: Excel.Range }[] = [];
    let cells = 0;
    while (todo.length) {
      const b = todo[0];
      const n = b.rows * b.sheet.pending!.cols;
      if (batch.length && cells + n > budget) break;
      todo.shift();
      cells += n;
      const p = b.sheet.pending!;
      const address = rangeA1(b.top, p.left, b.top + b.rows - 1, p.left + p.cols - 1);
      batch.push({ block: b, range: b.sheet.queued.sheet.getRange(address).load('values,numberFormat') });
    }
    try {
      await ctx.sync();
    } catch (e) {
      if (!isSizeError(e) || (batch.length === 1 && batch[0].block.rows === 1)) throw e;
      budget = Math.max(1, Math.floor(cells / 2));
      const split = batch.flatMap(({ block }) => {
        if (block.rows === 1) return [block];
        const half = Math.ceil(block.rows / 2);
        return [
          { ...block, rows: half },
          { ...block, top: block.top + half, rows: block.rows - half },
        ];
      });
      todo.unshift(...split);
      continue;
    }
    for (const { block, range } of batch) {
      const offset = block.top - block.sheet.pending!.top;
      range.values.forEach((row, i) => (block.sheet.snapshot.values[offset + i] = row.map(cellValue)));
      range.numberFormat.forEach((row, i) => (block.sheet.snapshot.numberFormats[offset + i] = row.map((f) => String(f ?? 'General'))));
    }
  }
}
