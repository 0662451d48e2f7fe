import type ExcelJS from 'exceljs';
import { EXCEL_MAX_CELLS_PER_READ, EXCEL_PAYLOAD_LIMIT } from '../excel/payload';
import type { FakeChartModel, FakeLimits, FakeState, FakeStats } from './base';
import { clientRun, type ExcelClient } from './client';
import { microsoftExcelClient } from './jsdom-client';
import { FakeExcelServer, type RequestBody } from './server';

/**
 * An in-memory Excel for tests, the bench and the pane's test mode: a workbook model over an
 * ExcelJS workbook (base.ts and the files beside it), answering the requests of Microsoft's own
 * Excel client (server.ts), which the host talks to as it does in Excel (client.ts). Load and sync
 * rules, PropertyNotLoaded, null objects, request sizes and error objects all come from
 * Microsoft's code; the model applies the writes, follows the Excel JavaScript API reference where
 * BoardPlan depends on it, and counts requests, actions and bytes.
 */

export type { FakeChartModel, FakeLimits, FakeStats, SyncRecord } from './base';
export { FakeOfficeError } from './errors';
export type { ExcelClient } from './client';
export type { RequestBody } from './server';

export interface FakeExcelOptions {
  /** Workbook name reported by `workbook.name`. */
  name?: string;
  limits?: Partial<FakeLimits>;
  charts?: FakeChartModel[];
  /** Shown each request the host made (not the client's clean-up) as Microsoft's client sent it, before it is answered. */
  onRequest?: (body: RequestBody) => void;
  /** Microsoft's Excel client; by default the one loaded in the page, else in jsdom. */
  client?: ExcelClient;
}

export interface FakeExcel {
  /** Like Excel.run, through Microsoft's client: a fresh request context per batch. */
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
  /** Simulates the user typing in a cell: every request fails. */
  editingCell: boolean;
  /** Simulates a modal dialog open in Excel: every request fails with WriteNotSupportedWhenModalDialogOpen. */
  modalDialogOpen: boolean;
  /** Excel's bugs with several conditional formats on one range (see FakeState). */
  sharedRangeRuleBug: boolean;
  resetStats(): void;
}

/** The client already in the page (the browser test build loads it), else Microsoft's file in jsdom. */
function defaultClient(): ExcelClient {
  const loaded = (globalThis as { Excel?: ExcelClient }).Excel;
  return loaded && typeof loaded.RequestContext === 'function' ? loaded : microsoftExcelClient();
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
    modalDialogOpen: false,
    sharedRangeRuleBug: false,
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
  const server = new FakeExcelServer(state, options.onRequest);
  let run: (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>) | null = null;

  const flag = <K extends 'workbookProtected' | 'editingCell' | 'modalDialogOpen' | 'sharedRangeRuleBug'>(key: K) => ({
    get: () => state[key],
    set: (v: boolean) => void (state[key] = v),
  });

  const fake = {
    run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      run ??= clientRun(options.client ?? defaultClient(), server);
      return run(batch);
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
    resetStats() {
      state.stats = { syncs: 0, operations: 0, bytes: 0, log: [] };
    },
  };
  for (const key of ['workbookProtected', 'editingCell', 'modalDialogOpen', 'sharedRangeRuleBug'] as const) Object.defineProperty(fake, key, { ...flag(key), enumerable: true });
  return fake as FakeExcel;
}
