import * as nodePath from 'path';
import type ExcelJS from 'exceljs';
import type { ApplyStats, WorkbookHost } from '../core/host';
import type { WorkbookPatch } from '../core/patch';
import type { WorkbookSnapshot } from '../core/snapshot';
import { applyPatch } from './apply';
import type { SheetChart } from './chart';
import { contentLostOnSave, openWorkbook, saveWorkbookWithCharts } from './file';
import { snapshotFromWorkbook } from './snapshot';
import type { UnkeptContent } from './unkept';

/** An .xlsx file as a WorkbookHost: read it, apply patches in memory, then save it somewhere. */
export class XlsxHost implements WorkbookHost {
  /** Charts of the generated sheets, by sheet name: ExcelJS cannot hold them, so they wait for save. */
  private readonly charts = new Map<string, SheetChart>();
  /** Sheets the applied patches created, replaced or deleted: what was on them is BoardPlan's own. */
  private readonly rewritten = new Set<string>();

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<XlsxHost> {
    return new XlsxHost(await openWorkbook(path), path);
  }

  /**
   * What the file holds that saving will leave out (ExcelJS cannot write it back): charts, pivot
   * tables, shapes… BoardPlan's own sheets are left out of the list, as their charts are written afresh.
   */
  get contentLostOnSave(): UnkeptContent[] {
    return contentLostOnSave(this.workbook).filter((item) => item.sheet === undefined || !this.rewritten.has(item.sheet));
  }

  async snapshot(): Promise<WorkbookSnapshot> {
    return snapshotFromWorkbook(this.workbook, nodePath.basename(this.path));
  }

  async apply(patch: WorkbookPatch): Promise<ApplyStats> {
    const stats = applyPatch(this.workbook, patch);
    for (const name of patch.deleteSheets ?? []) {
      this.charts.delete(name);
      this.rewritten.add(name);
    }
    for (const sheet of patch.sheets ?? []) {
      this.rewritten.add(sheet.name);
      // A rewritten sheet keeps only the chart its new version asks for.
      if (sheet.chart) this.charts.set(sheet.name, { sheet: sheet.name, chart: sheet.chart, font: sheet.font });
      else this.charts.delete(sheet.name);
    }
    return stats;
  }

  async save(path: string): Promise<void> {
    await saveWorkbookWithCharts(this.workbook, path, [...this.charts.values()]);
  }
}
