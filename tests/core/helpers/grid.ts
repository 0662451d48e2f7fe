import type { CellValue, WorkbookSnapshot } from '../../../src/core/snapshot';

/** A workbook of one sheet holding these rows from A1, every cell in the General format. */
export function gridSnapshot(rows: CellValue[][], sheet = 'Data'): WorkbookSnapshot {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const values = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  return { name: 'grid.xlsx', sheets: [{ name: sheet, visibility: 'visible', top: 1, left: 1, values, numberFormats: values.map((r) => r.map(() => 'General')) }], tables: [] };
}
