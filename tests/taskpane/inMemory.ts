import type ExcelJS from 'exceljs';
import type { WorkbookPatch } from '../../src/core/patch';
import { check, settingsPatch } from '../../src/core/refresh';
import { readState } from '../../src/core/state';
import { describeExcelError } from '../../src/excel/errors';
import type { PaneHost } from '../../src/taskpane/usePlan';
import { applyPatch } from '../fixtures/exceljs/apply';
import { snapshotFromWorkbook } from '../fixtures/exceljs/snapshot';
import { riverside } from '../e2e/riverside';
import { fixtureWorkbook, type FixtureWorkbook } from '../fixtures/workbook';

/** The pane on a real workbook in memory (the .xlsx host's read and write), recording where it sends Excel. */
export class WorkbookInMemory implements PaneHost {
  readonly workbook: ExcelJS.Workbook;
  readonly patches: WorkbookPatch[] = [];
  readonly selections: { sheet: string; cell: string }[] = [];
  failNextRead: Error | null = null;

  constructor(readonly fixture: FixtureWorkbook = riverside) {
    this.workbook = fixtureWorkbook(fixture);
  }

  async snapshot() {
    if (this.failNextRead) {
      const e = this.failNextRead;
      this.failNextRead = null;
      throw e;
    }
    return snapshotFromWorkbook(this.workbook, this.fixture.name);
  }

  async apply(patch: WorkbookPatch) {
    this.patches.push(patch);
    return applyPatch(this.workbook, patch);
  }

  /** The pane stands in for Excel here, so Excel's sentences. */
  describeError(error: unknown): string {
    return describeExcelError(error);
  }

  async select(sheet: string, cell: string) {
    this.selections.push({ sheet, cell });
  }

  /** Saves a lead column for the first plan, as the officer does in the Columns tab (not counted as a patch). */
  mapLead(column: string): this {
    const snapshot = snapshotFromWorkbook(this.workbook, this.fixture.name);
    const planId = check(snapshot).plans[0].plan.id;
    const settings = readState(snapshot).settings;
    applyPatch(this.workbook, settingsPatch(snapshot, { ...settings, columns: { ...settings.columns, [planId]: { lead: column } } }));
    return this;
  }

  /** Sets a cell of the workbook, as the officer types into Excel. */
  type(sheet: string, cell: string, value: string): void {
    this.workbook.getWorksheet(sheet)!.getCell(cell).value = value;
  }
}
