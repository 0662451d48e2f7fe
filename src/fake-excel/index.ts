import type ExcelJS from 'exceljs';
import { EXCEL_MAX_CELLS_PER_READ, EXCEL_PAYLOAD_LIMIT } from '../excel/payload';
import { FakeContext, type FakeChartModel, type FakeLimits, type FakeState, type FakeStats } from './base';
import { FakeWorkbook } from './workbook';

/**
 * An in-memory stand-in for the Excel JavaScript API over an ExcelJS workbook, for tests and for the
 * task pane's test mode. It behaves like Excel where the host depends on it: proxies and loads,
 * writes applied at sync, PropertyNotLoaded, null objects, errors raised at sync (earlier operations
 * in the failing batch stay applied, as in Excel), payload and read limits, and it counts syncs,
 * operations and bytes. See base.ts for the request model.
 */

export type { FakeChartModel, FakeLimits, FakeStats, SyncRecord } from './base';
export { FakeOfficeError } from './errors';

export interface FakeExcelOptions {
  /** Workbook name reported by `workbook.name`. */
  name?: string;
  limits?: Partial<FakeLimits>;
  charts?: FakeChartModel[];
  /** Refuse load paths through *OrNullObject properties (an Excel build that does not take them). */
  refuseNullObjectPaths?: boolean;
}

export interface FakeExcel {
  /** Like Excel.run: a fresh request context per batch; pending operations are synced when the batch ends. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  readonly workbook: ExcelJS.Workbook;
  readonly stats: FakeStats;
  readonly charts: FakeChartModel[];
  readonly selection: { sheet: string; address: string } | null;
  readonly activeSheet: string | null;
  readonly name: string;
  limits: FakeLimits;
  /** Structure protection (Review > Protect Workbook). */
  workbookProtected: boolean;
  /** Simulates the user typing in a cell: every sync that carries operations fails. */
  editingCell: boolean;
  resetStats(): void;
}

export function createFakeExcel(workbook: ExcelJS.Workbook, options: FakeExcelOptions = {}): FakeExcel {
  const firstVisible = workbook.worksheets.find((ws) => (ws.state ?? 'visible') === 'visible');
  const state: FakeState = {
    workbook,
    name: options.name ?? 'Book1.xlsx',
    charts: options.charts ?? [],
    selection: null,
    activeSheet: firstVisible?.name ?? null,
    workbookProtected: false,
    calculationMode: 'Automatic',
    editingCell: false,
    refuseNullObjectPaths: options.refuseNullObjectPaths ?? false,
    limits: {
      requestBytes: EXCEL_PAYLOAD_LIMIT,
      responseBytes: EXCEL_PAYLOAD_LIMIT,
      cellsPerRead: EXCEL_MAX_CELLS_PER_READ,
      ...options.limits,
    },
    stats: { syncs: 0, operations: 0, bytes: 0, log: [] },
    ids: new WeakMap(),
    nextId: 1,
  };

  return {
    async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      const ctx = new FakeContext(state);
      ctx.workbook = new FakeWorkbook(ctx);
      try {
        const result = await batch(ctx as unknown as Excel.RequestContext);
        await ctx.sync();
        return result;
      } finally {
        ctx.closed = true;
      }
    },
    get workbook() {
      return state.workbook;
    },
    get stats() {
      return state.stats;
    },
    get charts() {
      return state.charts;
    },
    get selection() {
      return state.selection;
    },
    get activeSheet() {
      return state.activeSheet;
    },
    get name() {
      return state.name;
    },
    get limits() {
      return state.limits;
    },
    set limits(l: FakeLimits) {
      state.limits = l;
    },
    get workbookProtected() {
      return state.workbookProtected;
    },
    set workbookProtected(v: boolean) {
      state.workbookProtected = v;
    },
    get editingCell() {
      return state.editingCell;
    },
    set editingCell(v: boolean) {
      state.editingCell = v;
    },
    resetStats() {
      state.stats = { syncs: 0, operations: 0, bytes: 0, log: [] };
    },
  };
}
