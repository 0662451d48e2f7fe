import type { ApplyStats, WorkbookHost } from '../core/host';
import type { WorkbookPatch } from '../core/patch';
import type { WorkbookSnapshot } from '../core/snapshot';
import { applyPatch, type ApplyOptions } from './apply';
import { describeExcelError } from './errors';
import { selectCell, selectedAddress } from './navigate';
import { readSnapshot, type ReadHandles, type ReadOptions } from './snapshot';
import type { SyncStats } from './syncs';

/** Excel.run, or the test fake's run: the only way the host reaches Excel. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  read?: ReadOptions;
  apply?: ApplyOptions;
}

/**
 * The Office.js host: reads a snapshot and applies patches. It keeps what the last read learnt
 * (which sheets exist, are protected or hold charts) for the next apply; an apply without a fresh
 * read reads first, since the workbook may have changed.
 */
export class ExcelHost implements WorkbookHost {
  private handles: ReadHandles | null = null;
  /** Round trips of the last read. */
  lastReadStats: SyncStats | null = null;

  constructor(
    private readonly run: ExcelRun,
    private readonly options: ExcelHostOptions = {},
  ) {}

  /** The sentence for a failure of this host, for the pane (PaneHost). */
  describeError(error: unknown): string {
    return describeExcelError(error);
  }

  async snapshot(): Promise<WorkbookSnapshot> {
    const result = await this.run((ctx) => readSnapshot(ctx, this.options.read));
    this.handles = result.handles;
    this.lastReadStats = result.stats;
    return result.snapshot;
  }

  async apply(patch: WorkbookPatch): Promise<ApplyStats> {
    // The handles describe the workbook as last read; after a write they are stale.
    const handles = this.handles;
    this.handles = null;
    return this.run(async (ctx) => {
      if (handles) return applyPatch(ctx, patch, handles, this.options.apply);
      const read = await readSnapshot(ctx, this.options.read);
      const written = await applyPatch(ctx, patch, read.handles, this.options.apply);
      return {
        syncs: read.stats.syncs + written.syncs,
        operations: read.stats.operations + written.operations,
        bytes: read.stats.bytes + written.bytes,
      };
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    await this.run((ctx) => selectCell(ctx, sheet, cell));
  }

  async selectedRange(): Promise<string> {
    return this.run(selectedAddress);
  }
}
