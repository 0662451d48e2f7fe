import { parseA1, rangeA1 } from '../core/cells';
import type { CellValue, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { EXCEL_MAX_CELLS_PER_READ } from './payload';
import { loadRuleMarks, ownRuleIds } from './rules';
import { Syncs, type SyncStats } from './syncs';
import { isRuleFailure } from './writer';

/**
 * Reading the workbook through Office.js in two round trips: first the list of sheets and tables
 * (with the workbook's name and protection), then for each sheet that exists what the engine
 * needs (its used range's values and number formats, its protection, its charts, whether it holds
 * BoardPlan's conditional formats) and each table's range. A sheet whose used range is too big for one answer (Excel answers null values past about
 * five million cells, and refuses an answer over 5 MB) is read again in blocks of rows.
 */

export type SheetVisibility = SheetSnapshot['visibility'];

export interface SheetHandle {
  name: string;
  visibility: SheetVisibility;
  protected: boolean;
  /** Names of the sheet's charts. */
  charts: string[];
  /**
   * How many of BoardPlan's conditional formats the sheet had when it was read, or null when Excel
   * could not say (its bug with rules sharing a range). None means a write only adds rules there.
   */
  ownRules: number | null;
}

/** What apply needs from the read: which sheets exist, are protected, or hold charts. */
export interface ReadHandles {
  workbookProtected: boolean;
  sheets: SheetHandle[];
}

export interface ReadOptions {
  /** Cells per round trip once a sheet has to be read in blocks (default 200,000; halved while Excel refuses). */
  blockCells?: number;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  handles: ReadHandles;
  stats: SyncStats;
}

const VISIBILITY: Record<string, SheetVisibility> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };
const OUTLINE = 'address,rowCount,columnCount';

interface Extent {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

interface ReadSheet {
  sheet: Excel.Worksheet;
  snapshot: SheetSnapshot;
  handle: SheetHandle;
  /** Used range still to be read in blocks. */
  pending: Extent | null;
}

export function isSizeError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
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

const cellValue = (v: unknown): CellValue => (v === '' || v === undefined ? null : (v as CellValue));
const formatOf = (f: unknown): string => String(f ?? 'General');

/** Read every sheet and table; two round trips for an ordinary workbook. */
export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  const syncs = new Syncs(context);
  const wb = context.workbook;

  // First: what exists (ExcelApi 1.1 for the list and visibility).
  const book = wb.load('name');
  const bookProtection = wb.protection.load('protected');
  const sheetList = wb.worksheets.load('items/name,items/visibility');
  const tableList = wb.tables.load('items/name,items/showHeaders,items/worksheet/name');
  await syncs.sync();

  // Then what each sheet and table needs, with the marks of each sheet's conditional formats. If
  // Excel refuses the size of the answer, again without the cells; if it cannot read the rules
  // (its bug with rules sharing a range), again without them.
  const second = (withValues: boolean, withRules: boolean) => {
    const sheets = sheetList.items.map((item) => {
      const sheet = wb.worksheets.getItem(item.name);
      return {
        sheet,
        name: item.name,
        visibility: VISIBILITY[item.visibility] ?? 'visible',
        protection: sheet.protection.load('protected'),
        used: sheet.getUsedRangeOrNullObject(true).load(withValues ? `${OUTLINE},values,numberFormat` : OUTLINE),
        charts: sheet.charts.load('items/name'),
        rules: withRules ? loadRuleMarks(sheet) : null,
      };
    });
    const tables = tableList.items.map((t) => wb.tables.getItem(t.name).getRange().load('address'));
    return { sheets, tables };
  };
  let withValues = true;
  let withRules = true;
  let queued = second(withValues, withRules);
  for (;;) {
    try {
      await syncs.sync();
      break;
    } catch (e) {
      if (withValues && isSizeError(e)) withValues = false;
      else if (withRules && isRuleFailure(e)) withRules = false;
      else throw e;
      queued = second(withValues, withRules);
    }
  }

  const sheets: ReadSheet[] = queued.sheets.map((q) => {
    const handle: SheetHandle = {
      name: q.name,
      visibility: q.visibility,
      protected: q.protection.protected,
      charts: q.charts.items.map((c) => c.name),
      ownRules: q.rules ? ownRuleIds(q.rules).length : null,
    };
    const snapshot: SheetSnapshot = { name: q.name, visibility: q.visibility, top: 1, left: 1, values: [], numberFormats: [] };
    let pending: Extent | null = null;
    if (!q.used.isNullObject) {
      const { top, left } = addressBounds(q.used.address);
      snapshot.top = top;
      snapshot.left = left;
      // Past Excel's cell limit the values come back null: read in blocks.
      if (withValues && q.used.values && q.used.numberFormat) {
        snapshot.values = q.used.values.map((row) => row.map(cellValue));
        snapshot.numberFormats = q.used.numberFormat.map((row) => row.map(formatOf));
      } else {
        pending = { top, left, rows: q.used.rowCount, cols: q.used.columnCount };
      }
    }
    return { sheet: q.sheet, snapshot, handle, pending };
  });
  const tables: TableSnapshot[] = tableList.items.map((t, i) => ({
    name: t.name,
    sheet: t.worksheet.name,
    ...addressBounds(queued.tables[i].address),
    showHeaders: t.showHeaders,
  }));

  await readBlocks(syncs, sheets, Math.min(EXCEL_MAX_CELLS_PER_READ, options.blockCells ?? 200_000));

  return {
    snapshot: { name: book.name, sheets: sheets.map((s) => s.snapshot), tables },
    handles: { workbookProtected: bookProtection.protected, sheets: sheets.map((s) => s.handle) },
    stats: syncs.stats(),
  };
}

interface Block {
  sheet: ReadSheet;
  top: number;
  rows: number;
}

/** Cells of sheets too large for one answer, in blocks of rows; a block Excel refuses or answers null for is split. */
async function readBlocks(syncs: Syncs, sheets: ReadSheet[], blockCells: number): Promise<void> {
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
  const halve = (blocks: Block[]): Block[] =>
    blocks.flatMap((block) => {
      if (block.rows === 1) return [block];
      const half = Math.ceil(block.rows / 2);
      return [
        { ...block, rows: half },
        { ...block, top: block.top + half, rows: block.rows - half },
      ];
    });
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
      const range = b.sheet.sheet.getRange(rangeA1(b.top, p.left, b.top + b.rows - 1, p.left + p.cols - 1)).load('values,numberFormat');
      batch.push({ block: b, range });
    }
    try {
      await syncs.sync();
    } catch (e) {
      if (!isSizeError(e) || (batch.length === 1 && batch[0].block.rows === 1)) throw e;
      budget = Math.max(1, Math.floor(cells / 2));
      todo.unshift(...halve(batch.map((b) => b.block)));
      continue;
    }
    const unread = batch.filter(({ range }) => !range.values || !range.numberFormat).map(({ block }) => block);
    if (unread.length) {
      if (unread.every((b) => b.rows === 1)) throw new Error('Excel gave no values for a row of the plan: try again.');
      budget = Math.max(1, Math.floor(cells / 2));
      todo.unshift(...halve(unread));
    }
    for (const { block, range } of batch) {
      if (!range.values || !range.numberFormat) continue;
      const offset = block.top - block.sheet.pending!.top;
      range.values.forEach((row, i) => (block.sheet.snapshot.values[offset + i] = row.map(cellValue)));
      range.numberFormat.forEach((row, i) => (block.sheet.snapshot.numberFormats[offset + i] = row.map(formatOf)));
    }
  }
}
