import { z } from 'zod';

/**
 * What a host reads from a workbook in one round trip: plain data, no Office or ExcelJS objects.
 * Rows and columns are 1-based, as Excel numbers them.
 *
 * Cell values are normalised by the host: dates become Excel serial numbers (their number format
 * says they are dates), error values become their text ("#REF!"), rich text becomes plain text.
 */
export const CellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValueSchema>;

export const SheetSnapshotSchema = z.object({
  name: z.string(),
  /** 'visible' | 'hidden' | 'veryHidden' */
  visibility: z.enum(['visible', 'hidden', 'veryHidden']).default('visible'),
  /** Row and column of values[0][0]: the top-left cell of the used range. */
  top: z.number().int().min(1),
  left: z.number().int().min(1),
  values: z.array(z.array(CellValueSchema)),
  /** Same shape as values; "General" where the cell has no particular format. */
  numberFormats: z.array(z.array(z.string())),
});
export type SheetSnapshot = z.infer<typeof SheetSnapshotSchema>;

/** An Excel table (ListObject). The range includes the header row when showHeaders is true. */
export const TableSnapshotSchema = z.object({
  name: z.string(),
  sheet: z.string(),
  top: z.number().int().min(1),
  left: z.number().int().min(1),
  bottom: z.number().int().min(1),
  right: z.number().int().min(1),
  showHeaders: z.boolean().default(true),
});
export type TableSnapshot = z.infer<typeof TableSnapshotSchema>;

export const WorkbookSnapshotSchema = z.object({
  /** File name or workbook name, for messages. */
  name: z.string(),
  sheets: z.array(SheetSnapshotSchema),
  tables: z.array(TableSnapshotSchema),
});
export type WorkbookSnapshot = z.infer<typeof WorkbookSnapshotSchema>;

/** The value at a 1-based row/column of a sheet snapshot, or null outside its used range. */
export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const r = sheet.values[row - sheet.top];
  if (!r) return null;
  const v = r[col - sheet.left];
  return v === undefined ? null : v;
}

export function formatAt(sheet: SheetSnapshot, row: number, col: number): string {
  const r = sheet.numberFormats[row - sheet.top];
  return (r && r[col - sheet.left]) || 'General';
}

/** Last used row and column of a sheet (0 when the sheet is empty). */
export function sheetBottom(sheet: SheetSnapshot): number {
  return sheet.values.length ? sheet.top + sheet.values.length - 1 : 0;
}
export function sheetRight(sheet: SheetSnapshot): number {
  let width = 0;
  for (const r of sheet.values) if (r.length > width) width = r.length;
  return width ? sheet.left + width - 1 : 0;
}
