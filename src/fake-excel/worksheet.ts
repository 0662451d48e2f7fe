import type ExcelJS from 'exceljs';
import type { Rect } from './address';
import { FakeCollection, FakeObject, idOf, navFrom, type FakeState, type Target } from './base';
import { hasValue, isMergeSlave } from './cells';
import { FakeChartCollection } from './chart';
import { FakeOfficeError } from './errors';
import { FakePageBreakCollection, FakePageLayout } from './page-layout';
import { areasFromAddress, FakeRange, FakeRangeAreas, rangeFromAddress, sheetAlive, type RangeTarget } from './range';
import { FakeTableCollection } from './table';

/** Worksheets over ExcelJS worksheets: order, visibility, protection, freeze panes, print setup, tables. */

const VISIBILITY: Record<string, 'visible' | 'hidden' | 'veryHidden'> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

export function sheetsOf(state: FakeState): ExcelJS.Worksheet[] {
  return state.workbook.worksheets;
}

export function findSheet(state: FakeState, name: string): ExcelJS.Worksheet | null {
  const lower = name.toLowerCase();
  return sheetsOf(state).find((ws) => ws.name.toLowerCase() === lower) ?? null;
}

/** A sheet's id as Excel gives it ("{…}"). */
export function sheetId(state: FakeState, ws: ExcelJS.Worksheet): string {
  return `{00000000-0001-0000-0000-${idOf(state, ws).padStart(12, '0')}}`;
}

/** By name or by id, as Worksheets.getItem takes either. */
function sheetByKey(state: FakeState, key: string): ExcelJS.Worksheet | null {
  return findSheet(state, key) ?? sheetsOf(state).find((ws) => sheetId(state, ws) === key) ?? null;
}

function visibleSheets(state: FakeState): ExcelJS.Worksheet[] {
  return sheetsOf(state).filter((ws) => (ws.state ?? 'visible') === 'visible');
}

function assertStructureWritable(state: FakeState, where: string): void {
  if (state.workbookProtected) {
    throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.', where);
  }
}

/** Why Excel would refuse a sheet name, or null when it is fine. */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'A sheet name cannot be blank.';
  if (name.length > 31) return 'A sheet name cannot be longer than 31 characters.';
  if (/[\\/?*[\]:]/.test(name)) return 'A sheet name cannot contain \\ / ? * [ ] or :.';
  if (name.startsWith("'") || name.endsWith("'")) return 'A sheet name cannot begin or end with an apostrophe.';
  if (name.toLowerCase() === 'history') return "'History' is reserved by Excel.";
  return null;
}

/** Cells with values (valuesOnly) or with anything (values or formats): the used range's rectangle. */
export function usedRect(ws: ExcelJS.Worksheet, valuesOnly: boolean): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: !valuesOnly }, (cell, col) => {
      const used = valuesOnly ? hasValue(cell) && !isMergeSlave(cell) : hasValue(cell) || Object.keys(cell.style ?? {}).length > 0;
      if (!used) return;
      top = Math.min(top, rowNumber);
      bottom = Math.max(bottom, rowNumber);
      left = Math.min(left, col);
      right = Math.max(right, col);
    });
  });
  return bottom === 0 ? null : { top, left, bottom, right };
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  readonly kind = 'WorksheetCollection';

  protected members(): FakeWorksheet[] {
    return sheetsOf(this.state).map((ws) => new FakeWorksheet(this.ctx).resolveAs(ws));
  }

  getItem(key: string): FakeWorksheet {
    return this.make('getItem', Array.from(arguments), new FakeWorksheet(this.ctx), () => {
      const ws = sheetByKey(this.state, key);
      if (!ws) throw new FakeOfficeError('ItemNotFound', `There is no sheet named '${key}'.`, 'WorksheetCollection.getItem');
      return ws;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return this.make('getItemOrNullObject', Array.from(arguments), new FakeWorksheet(this.ctx), () => sheetByKey(this.state, key));
  }

  getFirst(visibleOnly = false): FakeWorksheet {
    return this.make('getFirst', Array.from(arguments), new FakeWorksheet(this.ctx), () => {
      const list = visibleOnly ? visibleSheets(this.state) : sheetsOf(this.state);
      if (!list.length) throw new FakeOfficeError('ItemNotFound', undefined, 'WorksheetCollection.getFirst');
      return list[0];
    });
  }

  getLast(visibleOnly = false): FakeWorksheet {
    return this.make('getLast', Array.from(arguments), new FakeWorksheet(this.ctx), () => {
      const list = visibleOnly ? visibleSheets(this.state) : sheetsOf(this.state);
      if (!list.length) throw new FakeOfficeError('ItemNotFound', undefined, 'WorksheetCollection.getLast');
      return list[list.length - 1];
    });
  }

  getActiveWorksheet(): FakeWorksheet {
    return this.make('getActiveWorksheet', Array.from(arguments), new FakeWorksheet(this.ctx), () => {
      const active = this.state.activeSheet ? findSheet(this.state, this.state.activeSheet) : null;
      return active ?? visibleSheets(this.state)[0];
    });
  }

  add(name?: string): FakeWorksheet {
    return this.make('add', Array.from(arguments), new FakeWorksheet(this.ctx), () => {
      assertStructureWritable(this.state, 'WorksheetCollection.add');
      let sheetName = name;
      if (sheetName === undefined || sheetName === null) {
        let n = sheetsOf(this.state).length + 1;
        while (findSheet(this.state, `Sheet${n}`)) n++;
        sheetName = `Sheet${n}`;
      }
      const problem = sheetNameProblem(sheetName);
      if (problem) throw new FakeOfficeError('InvalidArgument', problem, 'WorksheetCollection.add');
      if (findSheet(this.state, sheetName)) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${sheetName}' already exists.`, 'WorksheetCollection.add');
      }
      return this.state.workbook.addWorksheet(sheetName);
    });
  }
}

export class FakeWorksheet extends FakeObject {
  readonly kind = 'Worksheet';
  private protectionObj?: FakeWorksheetProtection;
  private freezeObj?: FakeFreezePanes;
  private layoutObj?: FakePageLayout;
  private tablesObj?: FakeTableCollection;
  private chartsObj?: FakeChartCollection;

  protected override checkAlive(t: Target): void {
    if (!sheetAlive(this.state, t as ExcelJS.Worksheet)) throw new FakeOfficeError('ItemNotFound', 'The sheet no longer exists.', 'Worksheet');
  }

  protected scalars(): string[] {
    return ['name', 'id', 'position', 'visibility', 'tabColor'];
  }

  override instanceId(t: Target): string | null {
    return sheetId(this.state, t as ExcelJS.Worksheet);
  }

  protected scalar(prop: string, target: Target): unknown {
    const ws = target as ExcelJS.Worksheet;
    switch (prop) {
      case 'name': return ws.name;
      case 'id': return sheetId(this.state, ws);
      case 'position': return sheetsOf(this.state).indexOf(ws);
      case 'visibility': return Object.keys(VISIBILITY).find((k) => VISIBILITY[k] === (ws.state ?? 'visible'));
      default: {
        const c = (ws.properties as { tabColor?: { argb?: string } }).tabColor?.argb;
        return c ? `#${c.slice(-6).toUpperCase()}` : '';
      }
    }
  }

  protected override nav(prop: string): FakeObject | undefined {
    switch (prop) {
      case 'protection': return this.protection;
      case 'freezePanes': return this.freezePanes;
      case 'pageLayout': return this.pageLayout;
      case 'tables': return this.tables;
      case 'charts': return this.charts;
      case 'horizontalPageBreaks': return this.horizontalPageBreaks;
      default: return undefined;
    }
  }

  set name(value: string) {
    this.write('name', value, (t) => {
      const ws = t as ExcelJS.Worksheet;
      assertStructureWritable(this.state, 'Worksheet.name');
      const problem = sheetNameProblem(value);
      if (problem) throw new FakeOfficeError('InvalidArgument', problem, 'Worksheet.name');
      const other = findSheet(this.state, value);
      if (other && other !== ws) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${value}' already exists.`, 'Worksheet.name');
      ws.name = value;
    });
  }


  set position(value: number) {
    this.write('position', value, (t) => {
      assertStructureWritable(this.state, 'Worksheet.position');
      const list = sheetsOf(this.state).filter((w) => w !== t);
      list.splice(Math.max(0, Math.min(value, list.length)), 0, t as ExcelJS.Worksheet);
      list.forEach((w, i) => ((w as unknown as { orderNo: number }).orderNo = i + 1));
    });
  }

  set visibility(value: string) {
    this.write('visibility', value, (t) => {
      const ws = t as ExcelJS.Worksheet;
      const state = VISIBILITY[value];
      if (!state) throw new FakeOfficeError('InvalidArgument', `Unknown visibility '${value}'.`, 'Worksheet.visibility');
      if ((ws.state ?? 'visible') === state) return;
      assertStructureWritable(this.state, 'Worksheet.visibility');
      if (state !== 'visible' && visibleSheets(this.state).filter((w) => w !== ws).length === 0) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must keep at least one visible sheet.', 'Worksheet.visibility');
      }
      ws.state = state;
      if (state !== 'visible' && this.state.activeSheet?.toLowerCase() === ws.name.toLowerCase()) {
        this.state.activeSheet = visibleSheets(this.state)[0]?.name ?? null;
      }
    });
  }

  set tabColor(value: string) {
    this.write('tabColor', value, (t) => {
      const ws = t as ExcelJS.Worksheet;
      const props = ws.properties as { tabColor?: { argb: string } };
      if (value === '' || value === null) {
        delete props.tabColor;
        return;
      }
      if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw new FakeOfficeError('InvalidArgument', `'${value}' is not a colour Excel knows.`, 'Worksheet.tabColor');
      props.tabColor = { argb: `FF${value.slice(1).toUpperCase()}` };
    });
  }

  get protection(): FakeWorksheetProtection {
    return (this.protectionObj ??= new FakeWorksheetProtection(this.ctx, navFrom(this)));
  }
  get freezePanes(): FakeFreezePanes {
    return (this.freezeObj ??= new FakeFreezePanes(this.ctx, navFrom(this)));
  }
  get pageLayout(): FakePageLayout {
    return (this.layoutObj ??= new FakePageLayout(this.ctx, navFrom(this)));
  }
  get tables(): FakeTableCollection {
    return (this.tablesObj ??= new FakeTableCollection(this.ctx, navFrom(this)));
  }
  get charts(): FakeChartCollection {
    return (this.chartsObj ??= new FakeChartCollection(this.ctx, navFrom(this)));
  }
  private breaksObj?: FakePageBreakCollection;
  get horizontalPageBreaks(): FakePageBreakCollection {
    return (this.breaksObj ??= new FakePageBreakCollection(this.ctx, navFrom(this)));
  }

  getRange(address?: string): FakeRange {
    return this.make('getRange', Array.from(arguments), new FakeRange(this.ctx), (t) =>
      rangeFromAddress(t as ExcelJS.Worksheet, address, 'Worksheet.getRange'),
    );
  }

  getRanges(address: string): FakeRangeAreas {
    return this.make('getRanges', Array.from(arguments), new FakeRangeAreas(this.ctx), (t) => areasFromAddress(t as ExcelJS.Worksheet, address, 'Worksheet.getRanges'));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.make('getRangeByIndexes', Array.from(arguments), new FakeRange(this.ctx), (t) => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1) {
        throw new FakeOfficeError('InvalidArgument', 'The range is outside the sheet.', 'Worksheet.getRangeByIndexes');
      }
      const rect = { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount };
      return { ws: t as ExcelJS.Worksheet, rect } satisfies RangeTarget;
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.make('getCell', Array.from(arguments), new FakeRange(this.ctx), (t) => ({
      ws: t as ExcelJS.Worksheet,
      rect: { top: row + 1, left: column + 1, bottom: row + 1, right: column + 1 },
    }));
  }

  /** The used range; on an empty sheet Excel gives A1. */
  getUsedRange(valuesOnly = false): FakeRange {
    return this.make('getUsedRange', Array.from(arguments), new FakeRange(this.ctx), (t) => {
      const ws = t as ExcelJS.Worksheet;
      return { ws, rect: usedRect(ws, valuesOnly) ?? { top: 1, left: 1, bottom: 1, right: 1 } } satisfies RangeTarget;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.make('getUsedRangeOrNullObject', Array.from(arguments), new FakeRange(this.ctx), (t) => {
      const ws = t as ExcelJS.Worksheet;
      const rect = usedRect(ws, valuesOnly);
      return rect ? ({ ws, rect } satisfies RangeTarget) : null;
    });
  }

  private neighbour(name: string, args: unknown[], step: 1 | -1, orNull: boolean, visibleOnly: boolean): FakeWorksheet {
    return this.make(name, args, new FakeWorksheet(this.ctx), (t) => {
      const list = sheetsOf(this.state);
      let i = list.indexOf(t as ExcelJS.Worksheet) + step;
      while (i >= 0 && i < list.length && visibleOnly && (list[i].state ?? 'visible') !== 'visible') i += step;
      const ws = list[i];
      if (!ws && !orNull) throw new FakeOfficeError('ItemNotFound', 'There is no sheet there.', `Worksheet.${name}`);
      return ws ?? null;
    });
  }

  getNext(visibleOnly = false): FakeWorksheet {
    return this.neighbour('getNext', Array.from(arguments), 1, false, visibleOnly);
  }
  getNextOrNullObject(visibleOnly = false): FakeWorksheet {
    return this.neighbour('getNextOrNullObject', Array.from(arguments), 1, true, visibleOnly);
  }
  getPrevious(visibleOnly = false): FakeWorksheet {
    return this.neighbour('getPrevious', Array.from(arguments), -1, false, visibleOnly);
  }
  getPreviousOrNullObject(visibleOnly = false): FakeWorksheet {
    return this.neighbour('getPreviousOrNullObject', Array.from(arguments), -1, true, visibleOnly);
  }

  activate(): void {
    this.call('activate', Array.from(arguments), (t) => {
      const ws = t as ExcelJS.Worksheet;
      if ((ws.state ?? 'visible') !== 'visible') throw new FakeOfficeError('InvalidOperation', `Sheet '${ws.name}' is hidden and cannot be activated.`, 'Worksheet.activate');
      this.state.activeSheet = ws.name;
    });
  }

  delete(): void {
    this.call('delete', Array.from(arguments), (t) => {
      const ws = t as ExcelJS.Worksheet;
      assertStructureWritable(this.state, 'Worksheet.delete');
      // Excel does not delete a very hidden sheet: it must be made visible (or hidden) first.
      if (ws.state === 'veryHidden') throw new FakeOfficeError('InvalidOperation', `Sheet '${ws.name}' is very hidden and cannot be deleted.`, 'Worksheet.delete');
      const visible = visibleSheets(this.state);
      if (visible.length === 1 && visible[0] === ws) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must keep at least one visible sheet.', 'Worksheet.delete');
      }
      this.state.charts = this.state.charts.filter((c) => c.sheet !== ws);
      this.state.workbook.removeWorksheet(ws.id);
      if (this.state.activeSheet?.toLowerCase() === ws.name.toLowerCase()) this.state.activeSheet = visibleSheets(this.state)[0]?.name ?? null;
      if (this.state.selection?.sheet.toLowerCase() === ws.name.toLowerCase()) this.state.selection = null;
    });
  }
}

export class FakeWorksheetProtection extends FakeObject {
  readonly kind = 'WorksheetProtection';
  protected scalars(): string[] {
    return ['protected'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    const p = (t as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection;
    return !!p && p.sheet !== false;
  }
  protect(options?: unknown, password?: string): void {
    this.call('protect', Array.from(arguments), (t) => {
      (t as unknown as { sheetProtection: object | null }).sheetProtection = { sheet: true, ...(typeof options === 'object' && options ? options : {}) };
    });
  }
  unprotect(password?: string): void {
    this.call('unprotect', Array.from(arguments), (t) => {
      (t as unknown as { sheetProtection: object | null }).sheetProtection = null;
    });
  }
}

function frozenRows(ws: ExcelJS.Worksheet): number {
  const v = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
  return v?.state === 'frozen' ? v.ySplit ?? 0 : 0;
}

export class FakeFreezePanes extends FakeObject {
  readonly kind = 'WorksheetFreezePanes';
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on WorksheetFreezePanes.`);
  }
  private setView(ws: ExcelJS.Worksheet, rows: number, cols: number): void {
    if (rows === 0 && cols === 0 && (ws.views?.[0] as { state?: string } | undefined)?.state !== 'frozen') return;
    const rest = { ...(ws.views?.[0] ?? {}) } as Record<string, unknown>;
    delete rest.state; delete rest.xSplit; delete rest.ySplit; delete rest.topLeftCell;
    if (rows === 0 && cols === 0) ws.views = [{ ...rest, state: 'normal' } as ExcelJS.WorksheetView];
    else ws.views = [{ ...rest, state: 'frozen', xSplit: cols, ySplit: rows, topLeftCell: `${String.fromCharCode(65 + Math.min(cols, 25))}${rows + 1}` } as ExcelJS.WorksheetView];
  }
  freezeRows(count = 1): void {
    this.call('freezeRows', Array.from(arguments), (t) => {
      if (!Number.isInteger(count) || count < 0) throw new FakeOfficeError('InvalidArgument', 'The number of rows to freeze must be a whole number.', 'WorksheetFreezePanes.freezeRows');
      this.setView(t as ExcelJS.Worksheet, count, 0);
    });
  }
  freezeColumns(count = 1): void {
    this.call('freezeColumns', Array.from(arguments), (t) => this.setView(t as ExcelJS.Worksheet, 0, count));
  }
  unfreeze(): void {
    this.call('unfreeze', Array.from(arguments), (t) => this.setView(t as ExcelJS.Worksheet, 0, 0));
  }
  getLocationOrNullObject(): FakeRange {
    return this.make('getLocationOrNullObject', Array.from(arguments), new FakeRange(this.ctx), (t) => {
      const ws = t as ExcelJS.Worksheet;
      const rows = frozenRows(ws);
      return rows ? ({ ws, rect: { top: 1, left: 1, bottom: rows, right: 16_384 } } satisfies RangeTarget) : null;
    });
  }
}
