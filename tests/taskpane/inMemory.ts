import type ExcelJS from 'exceljs';
import type { WorkbookPatch } from '../../src/core/patch';
import { quoteSheet } from '../../src/core/cells';
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
  /** The officer's selection, as Excel writes its address: A1 of the first sheet until the test selects. */
  selection: string;

  constructor(readonly fixture: FixtureWorkbook = riverside) {
    this.workbook = fixtureWorkbook(fixture);
    this.selection = `${quoteSheet(fixture.sheets[0].name)}!A1`;
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

  async selectedRange() {
    return this.selection;
  }

  /** Selects a range, as the officer does in Excel ("A35:D38" on a sheet). */
  selectRange(sheet: string, range: string): this {
    this.selection = `${quoteSheet(sheet)}!${range}`;
    return this;
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
