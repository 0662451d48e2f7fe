import type ExcelJS from 'exceljs';
import { parseAddress, type Rect } from './address';
import { FakeCollection, FakeObject, idOf, navFrom, type Target } from './base';
import { FakeOfficeError } from './errors';
import { FakeRange } from './range';
import { FakeWorksheet, sheetsOf } from './worksheet';

/** Excel tables over ExcelJS's table models: found by name or id, their ranges and their sheet. */

interface TableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
}

export interface TableTarget {
  ws: ExcelJS.Worksheet;
  table: { table: TableModel };
}

function tablesOf(ws: ExcelJS.Worksheet): TableTarget[] {
  const tables = (ws as unknown as { tables: Record<string, { table: TableModel }> }).tables ?? {};
  return Object.values(tables).map((table) => ({ ws, table }));
}

export function tableRect(t: TableTarget): Rect {
  const ref = t.table.table.tableRef ?? t.table.table.ref ?? 'A1';
  const parsed = parseAddress(ref);
  if (!parsed) throw new FakeOfficeError('GeneralException', `Table '${t.table.table.name}' has an unreadable range '${ref}'.`);
  return parsed.rect;
}

/** Tables of the workbook (target: the state) or of one sheet (target: the worksheet). */
export class FakeTableCollection extends FakeCollection<FakeTable> {
  readonly kind = 'TableCollection';

  private all(t: Target): TableTarget[] {
    if (t === this.state) return sheetsOf(this.state).flatMap(tablesOf);
    return tablesOf(t as ExcelJS.Worksheet);
  }

  protected members(t: Target): FakeTable[] {
    return this.all(t).map((tt) => new FakeTable(this.ctx).resolveAs(tt));
  }

  getItem(key: string): FakeTable {
    return this.make('getItem', Array.from(arguments), new FakeTable(this.ctx), (t) => {
      const found = this.all(t).find((tt) => tt.table.table.name.toLowerCase() === key.toLowerCase() || idOf(this.state, tt.table) === key);
      if (!found) throw new FakeOfficeError('ItemNotFound', `There is no table named '${key}'.`, 'TableCollection.getItem');
      return found;
    });
  }

  getItemOrNullObject(key: string): FakeTable {
    return this.make('getItemOrNullObject', Array.from(arguments), new FakeTable(this.ctx), (t) =>
      this.all(t).find((tt) => tt.table.table.name.toLowerCase() === key.toLowerCase()) ?? null,
    );
  }

  getItemAt(index: number): FakeTable {
    return this.make('getItemAt', Array.from(arguments), new FakeTable(this.ctx), (t) => {
      const found = this.all(t)[index];
      if (!found) throw new FakeOfficeError('ItemNotFound', `There is no table at index ${index}.`, 'TableCollection.getItemAt');
      return found;
    });
  }
}

export class FakeTable extends FakeObject {
  readonly kind = 'Table';
  private sheetObj?: FakeWorksheet;

  protected scalars(): string[] {
    return ['name', 'id', 'showHeaders', 'showTotals'];
  }

  override instanceId(t: Target): string | null {
    return idOf(this.state, (t as TableTarget).table);
  }
  protected scalar(prop: string, target: Target): unknown {
    const t = target as TableTarget;
    switch (prop) {
      case 'name': return t.table.table.name;
      case 'id': return idOf(this.state, t.table);
      case 'showHeaders': return t.table.table.headerRow !== false;
      default: return !!t.table.table.totalsRow;
    }
  }
  protected override nav(prop: string): FakeObject | undefined {
    return prop === 'worksheet' ? this.worksheet : undefined;
  }
  get worksheet(): FakeWorksheet {
    return (this.sheetObj ??= new FakeWorksheet(this.ctx, navFrom(this, (t) => (t as TableTarget).ws)));
  }
  getRange(): FakeRange {
    return this.make('getRange', Array.from(arguments), new FakeRange(this.ctx), (t) => ({ ws: (t as TableTarget).ws, rect: tableRect(t as TableTarget) }));
  }
  getHeaderRowRange(): FakeRange {
    return this.make('getHeaderRowRange', Array.from(arguments), new FakeRange(this.ctx), (t) => {
      const tt = t as TableTarget;
      const r = tableRect(tt);
      return { ws: tt.ws, rect: { ...r, bottom: r.top } };
    });
  }
  getDataBodyRange(): FakeRange {
    return this.make('getDataBodyRange', Array.from(arguments), new FakeRange(this.ctx), (t) => {
      const tt = t as TableTarget;
      const r = tableRect(tt);
      const top = tt.table.table.headerRow !== false ? r.top + 1 : r.top;
      const bottom = tt.table.table.totalsRow ? r.bottom - 1 : r.bottom;
      return { ws: tt.ws, rect: { ...r, top, bottom } };
    });
  }
}
