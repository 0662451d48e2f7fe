import ExcelJS from 'exceljs';
import { isValidDate, parseA1, parseIso, quoteSheet } from '../core/cells';
import type { ApplyStats } from '../core/host';
import {
  isOwnedRule,
  type ConditionalFormat,
  type GeneratedSheet,
  type OwnedColumn,
  type SheetRules,
  type Style,
  type WorkbookPatch,
} from '../core/patch';

/**
 * Writes a WorkbookPatch into an ExcelJS workbook. Everything here follows the patch literally:
 * the core has already decided what goes where. Only what the patch names is touched.
 *
 * ExcelJS shares one style object between cells read with the same style, so styles are always
 * replaced (never edited in place): changing one cell must not restyle others. The replacements are
 * shared too (see SharedStyles): ExcelJS looks each cell's style up when it saves, by the style
 * object's identity first, so ten thousand cells with one style object cost one look-up, not ten
 * thousand.
 */

/** The font ExcelJS gives a cell without one; a font with only "bold" set would show in a serif face. */
const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, family: 2 };
const BORDER_COLOUR = 'FFBFBFBF';
const LINK_COLOUR = 'FF0563C1';
const TEXT_FORMAT = '@';
const DATE_FORMAT = 'd mmm yyyy';
/** A4, in the paper sizes Excel numbers. */
const PAPER_A4 = 9;

export function applyPatch(workbook: ExcelJS.Workbook, patch: WorkbookPatch): ApplyStats {
  const styles = new SharedStyles();
  let operations = 0;
  for (const name of patch.deleteSheets ?? []) operations += deleteSheet(workbook, name);
  for (const sheet of patch.sheets ?? []) operations += writeSheet(workbook, sheet, styles);
  for (const column of patch.columns ?? []) operations += writeColumn(workbook, column, styles);
  for (const rules of patch.rules ?? []) operations += writeRules(workbook, rules);
  keepActiveSheetVisible(workbook);
  return { syncs: 0, operations, bytes: 0 };
}

function sheetNamed(workbook: ExcelJS.Workbook, name: string, what: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`Cannot write ${what}: the workbook has no sheet named "${name}".`);
  return sheet;
}

function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

function restyle(cell: ExcelJS.Cell, change: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...change };
}

type StyleParts = Partial<ExcelJS.Style>;
/** Separates the pieces of a style's key; no number format holds it. */
const SEP = '\u0000';

/**
 * Restyled cells share their style objects, as cells read from a file do: the cells that had the
 * same style and get the same change get one frozen object. Frozen so that nothing can edit one
 * cell's style in place and so restyle all the others.
 */
class SharedStyles {
  /** Styles made here, by the parts they were made from and the change's key. */
  private readonly made = new Map<string, ExcelJS.Style>();
  /** What each style made here became under each change: a cell restyled twice is found at once. */
  private readonly after = new WeakMap<object, Map<string, ExcelJS.Style>>();
  private readonly ids = new WeakMap<object, number>();
  private lastId = 0;

  /**
   * Gives the cell its style changed by `change`, which must depend only on the cell's current style
   * and on what `key` names (the same key, for a cell styled the same, always gives the same change).
   */
  restyle(cell: ExcelJS.Cell, key: string, change: (style: StyleParts) => StyleParts): void {
    const style = cell.style as StyleParts;
    const next = this.after.get(style);
    let shared = next?.get(key);
    if (!shared) {
      const id = `${key}${SEP}${this.partsKey(style)}`;
      shared = this.made.get(id);
      if (!shared) {
        shared = Object.freeze({ ...style, ...change(style) }) as ExcelJS.Style;
        this.made.set(id, shared);
        this.after.set(shared, new Map());
      }
      next?.set(key, shared);
    }
    cell.style = shared;
  }

  /** Two styles with the same number format and the same part objects are the same style. */
  private partsKey({ numFmt, font, alignment, border, fill, protection }: StyleParts): string {
    // Most new cells have no style at all.
    if (!numFmt && !font && !alignment && !border && !fill && !protection) return '';
    return [numFmt ?? '', this.idOf(font), this.idOf(alignment), this.idOf(border), this.idOf(fill), this.idOf(protection)].join(SEP);
  }

  private idOf(part: object | undefined): number {
    if (!part) return 0;
    let id = this.ids.get(part);
    if (id === undefined) this.ids.set(part, (id = ++this.lastId));
    return id;
  }
}

const asText = (): StyleParts => ({ numFmt: TEXT_FORMAT });
const asDate = (): StyleParts => ({ numFmt: DATE_FORMAT });

// ---- owned columns -----------------------------------------------------------------------------

/**
 * Whether a cell is covered by a merged area that starts in another cell: writing to it would write
 * to that cell (ExcelJS passes the value to the merge's top-left cell), such as a section title
 * merged across the plan and BoardPlan's columns. Those cells are the user's; they are left alone.
 */
function insideUserMerge(cell: ExcelJS.Cell): boolean {
  return cell.type === ExcelJS.ValueType.Merge && cell.master !== cell;
}

function writeColumn(workbook: ExcelJS.Workbook, column: OwnedColumn, styles: SharedStyles): number {
  const sheet = sheetNamed(workbook, column.sheet, `the column "${column.header}"`);
  let operations = 0;
  const header = sheet.getCell(column.headerRow, column.col);
  if (!insideUserMerge(header)) {
    header.value = column.header;
    headerLook(sheet, header, column);
    operations++;
  }
  column.values.forEach((value, i) => {
    const cell = sheet.getCell(column.firstRow + i, column.col);
    if (insideUserMerge(cell)) return;
    // Text, never a formula or a number, whatever it looks like.
    cell.value = value;
    if (cell.numFmt !== TEXT_FORMAT) styles.restyle(cell, 'text', asText);
    operations++;
  });
  for (let row = column.firstRow + column.values.length; row <= column.clearToRow; row++) {
    const cell = sheet.findCell(row, column.col);
    if (cell && cell.value !== null && !insideUserMerge(cell)) {
      cell.value = null;
      operations++;
    }
  }
  if (column.width !== undefined) sheet.getColumn(column.col).width = column.width;
  return operations;
}

/**
 * The heading cell takes the patch's look, in the plan's own typeface and size (the cell's, or the
 * heading beside it when the cell has none yet).
 */
function headerLook(sheet: ExcelJS.Worksheet, header: ExcelJS.Cell, column: OwnedColumn): void {
  const beside = column.col > 1 ? sheet.findCell(column.headerRow, column.col - 1) : undefined;
  const current = { ...header.style, font: header.font ?? beside?.font ?? DEFAULT_FONT };
  restyle(header, { font: current.font, ...styleChange(current, column.headerStyle ?? { bold: true }, false, DEFAULT_FONT) });
}

// ---- conditional formats -----------------------------------------------------------------------

function isOurs(rule: ExcelJS.ConditionalFormattingRule): boolean {
  const formulae = (rule as { formulae?: unknown[] }).formulae;
  return Array.isArray(formulae) && formulae.some(isOwnedRule);
}

/** ExcelJS keeps a sheet's rules in this list (read from the file, or added), though its types omit it. */
type WithRules = ExcelJS.Worksheet & { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };

function writeRules(workbook: ExcelJS.Workbook, sheetRules: SheetRules): number {
  const sheet = sheetNamed(workbook, sheetRules.sheet, 'the conditional formats') as WithRules;
  let operations = 0;
  const kept: ExcelJS.ConditionalFormattingOptions[] = [];
  for (const entry of sheet.conditionalFormattings ?? []) {
    const rules = entry.rules.filter((rule) => !isOurs(rule));
    operations += entry.rules.length - rules.length;
    if (rules.length === entry.rules.length) kept.push(entry);
    else if (rules.length) kept.push({ ...entry, rules });
  }
  sheet.conditionalFormattings = kept;

  // One entry per range, rules in the patch's order (earlier rules win where they overlap). They
  // rank after the user's own rules, numbered explicitly: ExcelJS would reuse the user's numbers.
  type Ranked = { priority?: number };
  let priority = kept.reduce((max, entry) => Math.max(max, ...entry.rules.map((r) => (r as Ranked).priority ?? 0)), 0);
  // Rules added in this session have no number yet; give them theirs first, as ExcelJS would.
  for (const entry of kept) for (const rule of entry.rules as Ranked[]) rule.priority ??= ++priority;
  return operations + addRules(sheet, sheetRules.rules, priority);
}

/** Adds the rules after any numbered up to `priority`, one entry per range, in the patch's order. */
function addRules(sheet: ExcelJS.Worksheet, rules: ConditionalFormat[], priority: number): number {
  const byRange = new Map<string, ExcelJS.ConditionalFormattingRule[]>();
  for (const rule of rules) {
    const list = byRange.get(rule.address) ?? [];
    list.push(expressionRule(rule, ++priority));
    byRange.set(rule.address, list);
  }
  for (const [ref, list] of byRange) sheet.addConditionalFormatting({ ref, rules: list });
  return rules.length;
}

function expressionRule(rule: ConditionalFormat, priority: number): ExcelJS.ConditionalFormattingRule {
  const style: Partial<ExcelJS.Style> = {};
  if (rule.fill) {
    // A solid dxf fill: Excel takes the colour from bgColor, LibreOffice from fgColor.
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(rule.fill) }, bgColor: { argb: argb(rule.fill) } };
  }
  if (rule.font || rule.bold) {
    style.font = { ...(rule.font ? { color: { argb: argb(rule.font) } } : {}), ...(rule.bold ? { bold: true } : {}) };
  }
  return {
    type: 'expression',
    // Stored without the leading "=", as Excel does.
    formulae: [rule.formula.replace(/^=/, '')],
    style,
    priority,
  } as ExcelJS.ConditionalFormattingRule;
}

// ---- generated sheets --------------------------------------------------------------------------

function deleteSheet(workbook: ExcelJS.Workbook, name: string): number {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) return 0;
  workbook.removeWorksheet(sheet.id);
  return 1;
}

type Ordered = ExcelJS.Worksheet & { orderNo: number };

function writeSheet(workbook: ExcelJS.Workbook, generated: GeneratedSheet, styles: SharedStyles): number {
  const existing = workbook.getWorksheet(generated.name) as Ordered | undefined;
  // Replace an old sheet entirely, keeping its place among the tabs.
  const orderNo = existing?.orderNo;
  if (existing) workbook.removeWorksheet(existing.id);
  const freeze = generated.freezeRows ?? 0;
  let sheet: Ordered;
  try {
    sheet = workbook.addWorksheet(generated.name, {
      state: generated.visibility ?? 'visible',
      properties: generated.tabColor ? { tabColor: { argb: argb(generated.tabColor) } } : {},
      views: freeze > 0 ? [{ state: 'frozen', ySplit: freeze, topLeftCell: `A${freeze + 1}`, activeCell: 'A1' }] : [],
      pageSetup: pageSetup(generated),
    }) as Ordered;
  } catch (err) {
    throw new Error(`Cannot create the sheet "${generated.name}": ${err instanceof Error ? err.message : String(err)}`);
  }
  if (orderNo !== undefined) sheet.orderNo = orderNo;

  let operations = 1;
  const font = sheetFont(generated);
  generated.rows.forEach((values, r) => {
    const row = sheet.getRow(r + 1);
    values.forEach((value, c) => {
      if (value === null) return;
      const cell = row.getCell(c + 1);
      if (generated.font) styles.restyle(cell, `font ${font.name} ${font.size}`, () => ({ font }));
      if (typeof value === 'string') {
        cell.value = value;
        if (mightBeReadAsData(value)) styles.restyle(cell, 'text', asText);
      } else if (typeof value === 'number') {
        cell.value = value;
      } else {
        const { year, month, day } = parseIso(value.date);
        if (isValidDate(year, month, day)) {
          cell.value = new Date(Date.UTC(year, month - 1, day));
          styles.restyle(cell, 'date', asDate);
        } else {
          cell.value = value.date;
          styles.restyle(cell, 'text', asText);
        }
      }
      operations++;
    });
  });
  for (const { address, style } of generated.styles ?? []) {
    const key = `style ${JSON.stringify(style)} ${font.name} ${font.size}`;
    forEachCell(sheet, address, (cell) => applyStyle(cell, style, key, styles, font));
    operations++;
  }
  // The sheet is new, so its rules are the only ones.
  operations += addRules(sheet, generated.rules ?? [], 0);
  for (const link of generated.links ?? []) {
    const cell = cellAt(sheet, link.cell);
    const text = cell.value === null || cell.value === undefined ? link.sheet : String(cell.value);
    // No tooltip of our own, as in the Office.js host: Excel's own tip names the target.
    cell.value = { text, hyperlink: `#${quoteSheet(link.sheet)}!${link.target}` };
    styles.restyle(cell, 'link', (s) => ({ font: { ...(s.font ?? DEFAULT_FONT), color: { argb: LINK_COLOUR }, underline: true } }));
    operations++;
  }
  for (const range of generated.merges ?? []) {
    sheet.mergeCells(range);
    operations++;
  }
  for (const { col, width } of generated.widths ?? []) {
    sheet.getColumn(col).width = width;
    operations++;
  }
  operations += rowHeights(sheet, generated);
  operations += pageBreaks(sheet, generated);
  return operations;
}

/** The typeface every cell of the sheet starts from: the patch's, or the one ExcelJS would give. */
function sheetFont(generated: GeneratedSheet): Partial<ExcelJS.Font> {
  return generated.font ? { name: generated.font.name, size: generated.font.size, family: 2 } : DEFAULT_FONT;
}

/** Heights as the patch sets them; written as custom heights, so no program fits them again. */
function rowHeights(sheet: ExcelJS.Worksheet, generated: GeneratedSheet): number {
  for (const { row, height } of generated.heights ?? []) sheet.getRow(row).height = height;
  return generated.heights?.length ?? 0;
}

/** A manual page break above each row the patch names (ExcelJS marks the row before it). */
function pageBreaks(sheet: ExcelJS.Worksheet, generated: GeneratedSheet): number {
  const breaks = generated.print?.breaks ?? [];
  for (const row of breaks) sheet.getRow(row - 1).addPageBreak();
  return breaks.length;
}

/** Text that Excel would take for a number, date, boolean or formula if it were typed in again. */
function mightBeReadAsData(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  return (
    /^[=+\-@]/.test(text) ||
    /^[-+]?(\d[\d,]*)?(\.\d+)?%?$/.test(t) ||
    /^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?$/.test(t) ||
    /^(true|false)$/i.test(t)
  );
}

function pageSetup(generated: GeneratedSheet): Partial<ExcelJS.PageSetup> {
  const print = generated.print;
  if (!print) return { paperSize: PAPER_A4 };
  return {
    paperSize: PAPER_A4,
    orientation: print.orientation,
    ...(print.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    ...(print.titleRows ? { printTitlesRow: print.titleRows } : {}),
    ...(print.area ? { printArea: print.area } : {}),
  };
}

function cellAt(sheet: ExcelJS.Worksheet, address: string): ExcelJS.Cell {
  const at = parseA1(address);
  if (!at) throw new Error(`Cannot write to "${address}" on the sheet "${sheet.name}": it is not a cell address such as "B5".`);
  return sheet.getCell(at.row, at.col);
}

function forEachCell(sheet: ExcelJS.Worksheet, address: string, visit: (cell: ExcelJS.Cell) => void): void {
  const [first, last = first] = address.split(':');
  const a = parseA1(first);
  const b = parseA1(last);
  if (!a || !b) {
    throw new Error(`Cannot style "${address}" on the sheet "${sheet.name}": it is not a range such as "A1:C4".`);
  }
  for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row++) {
    const cells = sheet.getRow(row);
    for (let col = Math.min(a.col, b.col); col <= Math.max(a.col, b.col); col++) visit(cells.getCell(col));
  }
}

/** Applies a patch style to a cell; `key` names the style and the sheet's font (the same key, the same style). */
function applyStyle(cell: ExcelJS.Cell, style: Style, key: string, styles: SharedStyles, font: Partial<ExcelJS.Font>): void {
  // The number format is for numbers and dates only, so the change depends on the value too.
  const dated = typeof cell.value === 'number' || cell.value instanceof Date;
  styles.restyle(cell, dated ? `${key} dated` : key, (current) => styleChange(current, style, dated, font));
}

const VERTICAL = { top: 'top', center: 'middle', bottom: 'bottom' } as const;

function styleChange(current: Partial<ExcelJS.Style>, style: Style, dated: boolean, font: Partial<ExcelJS.Font>): Partial<ExcelJS.Style> {
  const change: Partial<ExcelJS.Style> = {};
  if (style.bold !== undefined || style.italic !== undefined || style.size !== undefined || style.font) {
    change.font = {
      ...(current.font ?? font),
      ...(style.bold !== undefined ? { bold: style.bold } : {}),
      ...(style.italic !== undefined ? { italic: style.italic } : {}),
      ...(style.size !== undefined ? { size: style.size } : {}),
      ...(style.font ? { color: { argb: argb(style.font) } } : {}),
    };
  }
  if (style.fill) change.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.wrap !== undefined || style.align || style.valign) {
    // Wrapped text reads from the top unless the style says otherwise.
    const vertical = style.valign ? VERTICAL[style.valign] : style.wrap ? ('top' as const) : undefined;
    change.alignment = {
      ...current.alignment,
      ...(style.wrap !== undefined ? { wrapText: style.wrap } : {}),
      ...(vertical ? { vertical } : {}),
      ...(style.align ? { horizontal: style.align } : {}),
    };
  }
  if (style.border) {
    const side: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: BORDER_COLOUR } };
    change.border = { top: side, left: side, bottom: side, right: side };
  }
  if (style.numberFormat && dated) change.numFmt = style.numberFormat;
  return change;
}

/**
 * Excel opens on the workbook's active tab; if that tab is now hidden or gone (BoardPlan's
 * settings sheet is hidden), point it at the first visible sheet instead.
 */
function keepActiveSheetVisible(workbook: ExcelJS.Workbook): void {
  const sheets = workbook.worksheets;
  const views = workbook.views ?? [];
  if (views.length === 0 || sheets.length === 0) return;
  const active = views[0].activeTab ?? 0;
  if (sheets[active] && sheets[active].state === 'visible') return;
  const firstVisible = sheets.findIndex((s) => s.state === 'visible');
  views[0].activeTab = Math.max(0, firstVisible);
  if ((views[0].firstSheet ?? 0) > views[0].activeTab) views[0].firstSheet = views[0].activeTab;
}
