import type { WorkbookSnapshot } from './snapshot';
import type { WorkbookPatch } from './patch';

/** What a host (Excel through Office.js, or an .xlsx file through ExcelJS) offers the use cases. */
export interface WorkbookHost {
  /** Read everything the engine needs in one round trip. */
  snapshot(): Promise<WorkbookSnapshot>;
  /** Write a patch; only what the patch names is touched. */
  apply(patch: WorkbookPatch): Promise<ApplyStats>;
}

export interface ApplyStats {
  /** Round trips to the workbook (syncs for Office.js; 0 for a file). */
  syncs: number;
  operations: number;
  bytes: number;
}
