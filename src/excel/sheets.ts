import { columnLetter, isoToSerial, parseA1, quoteSheet, rangeA1 } from '../core/cells';
import type { Chart, GeneratedSheet, PatchValue, Style } from '../core/patch';
import { gridBytes, jsonBytes, RANGE_BYTES } from './payload';
import { addOwnSheetRules } from './rules';
import type { SheetHandle, SheetVisibility } from './snapshot';
import { widthToPoints } from './units';
import { areaLists, blockUnit, cellsOf, pieces, setNumberFormat, SHEET, unit, type Rect, type Writer } from './writer';

/**
 * BoardPlan's own sheets (summaries, Board Overview, Exceptions, its settings): created, or emptied
 * and written again. Values and number formats go as one grid per block of rows; styles as one
 * write per property and value over all the areas that take it; rating colours as conditional
 * formats over whole ranges.
 */

/** Number format of date cells in generated sheets unless a style gives one. */
export const DATE_FORMAT = 'd mmm yyyy';
const VISIBILITY: Record<SheetVisibility, 'Visible' | 'Hidden' | 'VeryHidden'> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

function valueOf(v: PatchValue | undefined): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return v;
  return isoToSerial(v.date);
}

/** The number format a cell needs before its value arrives: '@' keeps text as text; null leaves General. */
function formatOf(v: PatchValue | undefined): string | null {
  if (typeof v === 'string') return '@';
  if (v !== null && typeof v === 'object') return DATE_FORMAT;
  return null;
}

function displayed(sheet: GeneratedSheet, address: string): string | null {
  const p = parseA1(address);
  const v = p ? sheet.rows[p.row - 1]?.[p.col - 1] : undefined;
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? v.date : String(v);
}

export function writeSheet(w: Writer, s: GeneratedSheet, existing: SheetHandle | undefined, pieceBytes: number): void {
  const name = s.name;
  if (existing) {
    // BoardPlan's own sheet from an earlier refresh: emptied, then written like a new one.
    w.add(
      unit(1, SHEET + 4 + existing.charts.length, 6 + existing.charts.length, jsonBytes(existing.charts) + jsonBytes(s.tabColor ?? ''), (r) => {
        const ws = r.sheet(name);
        const all = r.range(name, '');
        all.clear('All');
        all.unmerge();
        all.conditionalFormats.clearAll();
        ws.freezePanes.unfreeze();
        ws.horizontalPageBreaks.removePageBreaks();
        for (const chart of existing.charts) ws.charts.getItem(chart).delete();
        ws.tabColor = s.tabColor ?? '';
      }),
    );
  } else {
    w.add(
      unit(0, 2, 1, jsonBytes(name) + 20, (r) => {
        const ws = r.addSheet(name);
        if (s.tabColor) ws.tabColor = s.tabColor;
      }),
    );
  }

  const width = s.rows.reduce((m, row) => Math.max(m, row.length), 0);
  const { ops, formats: styled } = styleOps(s.styles);
  const outside = styled.filter(({ rect }) => rect.bottom > s.rows.length || rect.right > width);
  if (width > 0) {
    const grid = s.rows.map((row) => Array.from({ length: width }, (_, j) => row[j]));
    const formatGrid = grid.map((row) => row.map(formatOf));
    // A style's number format goes in with the cell's own (numbers and dates only: text keeps '@').
    for (const { rect, format } of styled) {
      if (outside.some((o) => o.rect === rect)) continue;
      for (let i = rect.top; i <= rect.bottom; i++) for (let j = rect.left; j <= rect.right; j++) if (typeof grid[i - 1][j - 1] !== 'string') formatGrid[i - 1][j - 1] = format;
    }
    // Number formats before values, so that text arrives in cells that already keep it as text.
    const cells = grid.map((row, i) => row.map((v, j) => ({ value: valueOf(v), format: formatGrid[i][j] })));
    const sizes = (block: typeof cells) => gridBytes(block.map((row) => row.map((c) => c.value))) + gridBytes(block.map((row) => row.map((c) => c.format)));
    for (const piece of pieces(cells, pieceBytes)) {
      w.add(
        blockUnit(piece.rows, 1 + piece.start, (b) => RANGE_BYTES + sizes(b), 2, (r, block, top) => {
          const range = r.range(name, rangeA1(top, 1, top + block.length - 1, width));
          if (block.some((row) => row.some((c) => c.format !== null))) range.numberFormat = block.map((row) => row.map((c) => c.format)) as string[][];
          range.values = block.map((row) => row.map((c) => c.value));
        }),
      );
    }
  }

  // The typeface and size every cell starts from; the sheet's styles come after.
  if (s.font && width > 0) {
    const font = s.font;
    w.add(unit(1, 2, 2, jsonBytes(font), (r) => {
      const f = r.range(name, rangeA1(1, 1, Math.max(1, s.rows.length), width)).format.font;
      f.name = font.name;
      f.size = font.size;
    }));
  }
  writeStyles(w, name, ops);
  for (const { rect, format } of outside) w.add(unit(1, 0, 1, jsonBytes(format), (r) => setNumberFormat(r.range(name, rangeA1(rect.top, rect.left, rect.bottom, rect.right)), format)));
  addOwnSheetRules(w, name, s.rules ?? []);
  // One link per ref, so each carries only what it needs: Excel's own tip already names the target.
  for (const link of s.links) {
    const hyperlink = { documentReference: `${quoteSheet(link.sheet)}!${link.target}`, textToDisplay: displayed(s, link.cell) ?? link.target };
    w.add(unit(1, 0, 1, jsonBytes(hyperlink), (r) => (r.range(name, link.cell).hyperlink = hyperlink)));
  }
  if (s.merges.length) w.add(unit(s.merges.length, 0, s.merges.length, jsonBytes(s.merges), (r) => s.merges.forEach((m) => r.range(name, m).merge(false))));
  // Columns of one width are set together.
  for (const [chars, runs] of widthGroups(s.widths)) {
    const addresses = runs.map(({ from, to }) => `${columnLetter(from)}:${columnLetter(to)}`);
    for (const list of areaLists(addresses)) w.add(unit(1, 1, 1, list.length, (r) => (r.areas(name, list).format.columnWidth = widthToPoints(chars))));
  }
  // Row heights as the core measured them from the wrapped text, so Excel and LibreOffice agree.
  for (const run of heightRuns(s.heights ?? [])) {
    w.add(unit(1, 1, 1, 20, (r) => (r.range(name, `${run.first}:${run.last}`).format.rowHeight = run.height)));
  }
  const breaks = s.print?.breaks ?? [];
  w.add(
    unit(1 + breaks.length, 3 + breaks.length, 10 + breaks.length, jsonBytes(s.print ?? null) + 20, (r) => {
      const ws = r.sheet(name);
      // Wrapped texts need taller rows; Excel only grows them by itself when a user types.
      if (!s.heights?.length && s.rows.length) r.range(name, `1:${s.rows.length}`).format.autofitRows();
      if (s.freezeRows > 0) ws.freezePanes.freezeRows(s.freezeRows);
      if (s.print) {
        const layout = ws.pageLayout;
        layout.orientation = s.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        layout.paperSize = 'A4';
        if (s.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        if (s.print.titleRows) layout.setPrintTitleRows(s.print.titleRows.split(':').map((row) => `$${row.replace(/\$/g, '')}`).join(':'));
        if (s.print.area) layout.setPrintArea(s.print.area);
        for (const row of breaks) ws.horizontalPageBreaks.add(r.range(name, rangeA1(row, 1, row, 1)));
      }
      if ((existing?.visibility ?? 'visible') !== s.visibility) ws.visibility = VISIBILITY[s.visibility];
    }),
  );
  const c = s.chart;
  if (c) {
    w.add(
      unit(2 + c.series.length, 4 + (c.labels ? 6 : 3) * c.series.length, 3 + (c.labels ? 9 : 4) * c.series.length, jsonBytes(c), (r) => {
        const ws = r.sheet(name);
        const chart = ws.charts.add('BarStacked', r.range(name, c.series[0]?.values ?? c.categories), 'Columns');
        chart.title.text = c.title;
        chart.setPosition(c.from, c.to);
        const categories = r.range(name, c.categories);
        c.series.forEach((series, i) => {
          const item = i === 0 ? chart.series.getItemAt(0) : chart.series.add(series.name);
          if (i === 0) item.name = series.name;
          else item.setValues(r.range(name, series.values));
          item.setXAxisValues(categories);
          item.format.fill.setSolidColor(series.colour);
          if (c.labels) writeDataLabels(item, c.labels, series);
        });
      }),
    );
  }
}

/** Row heights from the patch as runs of neighbouring rows of the same height: one call each. */
function heightRuns(heights: NonNullable<GeneratedSheet['heights']>): { first: number; last: number; height: number }[] {
  const runs: { first: number; last: number; height: number }[] = [];
  for (const { row, height } of [...heights].sort((a, b) => a.row - b.row)) {
    const run = runs[runs.length - 1];
    if (run && run.height === height && run.last === row - 1) run.last = row;
    else runs.push({ first: row, last: row, height });
  }
  return runs;
}

/** Each segment labelled with its count (and the rating's name, when asked), centred; none on the points the patch leaves out. */
function writeDataLabels(item: Excel.ChartSeries, labels: NonNullable<Chart['labels']>, series: Chart['series'][number]): void {
  const d = item.dataLabels;
  d.showValue = true;
  d.showSeriesName = labels === 'name-and-value';
  d.position = 'Center';
  if (series.labelColour) d.format.font.color = series.labelColour;
  for (const k of series.unlabelled ?? []) item.points.getItemAt(k).hasDataLabel = false;
}

/** Columns by width, neighbours of one width joined: "C:G". */
function widthGroups(widths: GeneratedSheet['widths']): Map<number, { from: number; to: number }[]> {
  const groups = new Map<number, { from: number; to: number }[]>();
  for (const { col, width } of [...widths].sort((a, b) => a.col - b.col)) {
    const runs = groups.get(width) ?? [];
    const last = runs[runs.length - 1];
    if (last && last.to + 1 === col) last.to = col;
    else runs.push({ from: col, to: col });
    groups.set(width, runs);
  }
  return groups;
}

type StyleProp = Exclude<keyof Style, 'numberFormat'>;

/** One property set to one value over several rectangles, sent as one RangeAreas. */
interface StyleOp {
  prop: StyleProp;
  value: Style[StyleProp];
  rects: Rect[];
}

const overlaps = (a: Rect, b: Rect) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/**
 * A generated sheet's styles as few writes as keep their meaning: each property's value over all the
 * rectangles that take it, in the order the styles come (a later style wins where two meet), and
 * the number formats apart (a RangeAreas has none; they go in with the values).
 */
function styleOps(styles: GeneratedSheet['styles']): { ops: StyleOp[]; formats: { rect: Rect; format: string }[] } {
  const ops: StyleOp[] = [];
  const formats: { rect: Rect; format: string }[] = [];
  for (const { address, style } of styles) {
    const rect = cellsOf(address)!;
    if (style.numberFormat) formats.push({ rect, format: style.numberFormat });
    for (const prop of Object.keys(style) as (keyof Style)[]) {
      if (prop === 'numberFormat' || style[prop] === undefined) continue;
      const value = style[prop];
      // Join the latest write of this value unless a later write of another value meets this rectangle.
      let joined = false;
      for (let i = ops.length - 1; i >= 0; i--) {
        const op = ops[i];
        if (op.prop !== prop) continue;
        if (op.value === value) {
          op.rects.push(rect);
          joined = true;
          break;
        }
        if (op.rects.some((r) => overlaps(r, rect))) break;
      }
      if (!joined) ops.push({ prop, value, rects: [rect] });
    }
  }
  return { ops, formats };
}

const edgesOf = (rect: Rect): Excel.BorderIndex[] => [
  'EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight',
  ...(rect.bottom > rect.top ? (['InsideHorizontal'] as const) : []),
  ...(rect.right > rect.left ? (['InsideVertical'] as const) : []),
] as Excel.BorderIndex[];

/**
 * Style writes over the same rectangles share one RangeAreas. A write moves to an earlier group
 * only when nothing between sets the same property on cells it touches, so a later style still wins.
 */
function writeStyles(w: Writer, sheet: string, ops: StyleOp[]): void {
  const address = (r: Rect) => rangeA1(r.top, r.left, r.bottom, r.right);
  // Borders inside a block only where it has more than one row or column.
  const split = ops.flatMap((op) => {
    if (op.prop !== 'border') return [op];
    const byEdges = new Map<string, Rect[]>();
    for (const r of op.rects) byEdges.set(edgesOf(r).join(), [...(byEdges.get(edgesOf(r).join()) ?? []), r]);
    return [...byEdges.values()].map((rects) => ({ ...op, rects }));
  });
  const groups: { key: string; rects: Rect[]; ops: StyleOp[] }[] = [];
  for (const op of split) {
    const key = op.rects.map(address).join(',');
    const at = groups.findIndex((g) => g.key === key);
    const blocked = at < 0 || groups.slice(at + 1).some((g) => g.ops.some((o) => o.prop === op.prop && o.rects.some((r) => op.rects.some((x) => overlaps(r, x)))));
    if (at >= 0 && !blocked) groups[at].ops.push(op);
    else groups.push({ key, rects: op.rects, ops: [op] });
  }
  for (const g of groups) {
    const edges = edgesOf(g.rects[0]);
    // The areas and their format; a font, fill or borders object for each write; a path per border edge.
    const paths = 1 + g.ops.reduce((n, op) => n + (op.prop === 'border' ? 1 + edges.length : 1), 0);
    const actions = g.ops.reduce((n, op) => n + (op.prop === 'border' ? edges.length : 1), 0);
    for (const list of areaLists(g.rects.map(address))) {
      w.add(unit(1, paths, actions, list.length + jsonBytes(g.ops.map((o) => o.value)), (r) => {
        const format = r.areas(sheet, list).format;
        for (const op of g.ops) setStyle(format, op, edges);
      }));
    }
  }
}

/** A whole style on one range (an owned column's heading); a number format is left to the caller. */
export function writeStyle(range: Excel.Range, style: Style, rect: Rect): void {
  for (const prop of Object.keys(style) as (keyof Style)[]) {
    if (prop !== 'numberFormat' && style[prop] !== undefined) setStyle(range.format, { prop, value: style[prop], rects: [rect] }, edgesOf(rect));
  }
}

/** Calls writeStyle makes for a style, for the request's size bound. */
export const styleCalls = (style: Style): number => Object.keys(style).filter((p) => p !== 'numberFormat').length;

function setStyle(f: Excel.RangeFormat, { prop, value }: StyleOp, edges: Excel.BorderIndex[]): void {
  switch (prop) {
    case 'bold': f.font.bold = value as boolean; break;
    case 'italic': f.font.italic = value as boolean; break;
    case 'size': f.font.size = value as number; break;
    case 'font': f.font.color = value as string; break;
    case 'fill': f.fill.color = value as string; break;
    case 'wrap': f.wrapText = value as boolean; break;
    case 'align': f.horizontalAlignment = ALIGN[value as keyof typeof ALIGN]; break;
    case 'valign': f.verticalAlignment = VALIGN[value as keyof typeof VALIGN]; break;
    case 'border': if (value) for (const edge of edges) f.borders.getItem(edge).style = 'Continuous'; break;
  }
}
