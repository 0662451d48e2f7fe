import { rangeA1 } from '../core/cells';
import type { GeneratedSheet, Style } from '../core/patch';
import { least, most, propertyBlocks } from './layout';
import { ACTION_BYTES, jsonBytes, RANGE_BYTES } from './payload';
import { areaLists, cellsOf, overlaps, unit, type Rect, type Unit, type Writer } from './writer';

/**
 * The look of BoardPlan's own sheets: each property set to one value over every rectangle that
 * takes it, sent as one RangeAreas (ExcelApi 1.9), and writes over the same rectangles sharing that
 * RangeAreas; what covers few cells, cell by cell in one call (Range.setCellProperties). Each area
 * of a RangeAreas is formatted on its own, as when an officer selects several blocks and applies a
 * border: each block gets its own outline.
 */

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

type StyleProp = Exclude<keyof Style, 'numberFormat'>;

/** One property set to one value over several rectangles; a border, one edge of it. */
interface StyleOp {
  prop: StyleProp;
  value: Style[StyleProp];
  rects: Rect[];
  edge?: Excel.BorderIndex;
}

const address = (r: Rect) => rangeA1(r.top, r.left, r.bottom, r.right);

/**
 * A generated sheet's styles as few writes as keep their meaning: each property's value over all the
 * rectangles that take it, in the order the styles come (a later style wins where two meet), and
 * the number formats apart (a RangeAreas has none; they go in with the values).
 */
export function styleOps(styles: GeneratedSheet['styles']): { ops: StyleOp[]; formats: { rect: Rect; format: string }[] } {
  const ops: StyleOp[] = [];
  const formats: { rect: Rect; format: string }[] = [];
  for (const { address: a, style } of styles) {
    const rect = cellsOf(a)!;
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

/** The edges a border draws on a block: inside lines only where it has more than one row or column. */
const edgesOf = (rect: Rect): Excel.BorderIndex[] => [
  'EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight',
  ...(rect.bottom > rect.top ? (['InsideHorizontal'] as const) : []),
  ...(rect.right > rect.left ? (['InsideVertical'] as const) : []),
] as Excel.BorderIndex[];

const contains = (a: Rect, b: Rect) => a.top <= b.top && a.left <= b.left && a.bottom >= b.bottom && a.right >= b.right;

/**
 * The blocks a grid of borders covers, as few as draw the same lines: a block inside another is
 * already ruled by its inside lines, and two blocks that meet along a whole side (a table's heading
 * row above its rows) are ruled as one, the line between them an inside line. For any other
 * property the same blocks cover the same cells.
 */
export function gridBlocks(rects: Rect[]): Rect[] {
  const blocks = rects.filter((r, i) => !rects.some((o, j) => j !== i && contains(o, r) && (!contains(r, o) || j < i)));
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < blocks.length && !merged; i++) {
      for (let j = 0; j < blocks.length && !merged; j++) {
        const [a, b] = [blocks[i], blocks[j]];
        const below = a.left === b.left && a.right === b.right && a.bottom + 1 === b.top;
        const beside = a.top === b.top && a.bottom === b.bottom && a.right + 1 === b.left;
        if (i !== j && (below || beside)) {
          blocks[i] = { top: a.top, left: a.left, bottom: b.bottom, right: b.right };
          blocks.splice(j, 1);
          merged = true;
        }
      }
    }
  }
  return blocks;
}

/** A border as one write per edge, each over the blocks that have that edge (so one-row blocks share the outline of taller ones). */
function byEdge(op: StyleOp): StyleOp[] {
  if (op.prop !== 'border' || !op.value) return op.prop === 'border' ? [] : [op];
  const edges = new Map<Excel.BorderIndex, Rect[]>();
  for (const r of gridBlocks(op.rects)) for (const edge of edgesOf(r)) edges.set(edge, [...(edges.get(edge) ?? []), r]);
  return [...edges].map(([edge, rects]) => ({ ...op, edge, rects }));
}

interface Group {
  key: string;
  rects: Rect[];
  ops: StyleOp[];
}

/**
 * Style writes over the same rectangles share one RangeAreas. A write moves to an earlier group
 * only when nothing between sets the same property (the same edge of a border) on cells it
 * touches, so a later style still wins. Groups of few cells (a rating's fill on two cells, say)
 * cost less written cell by cell: those go in one setCellProperties call per block of rows.
 */
export function writeStyles(w: Writer, sheet: string, ops: StyleOp[], pieceBytes: number): void {
  const groups: Group[] = [];
  // A property's value over blocks that meet along a whole side is the same over their union.
  for (const op of ops.map((o) => (o.prop === 'border' ? o : { ...o, rects: gridBlocks(o.rects) })).flatMap(byEdge)) {
    const key = op.rects.map(address).join(',');
    const at = groups.findIndex((g) => g.key === key);
    const blocked = at < 0 || groups.slice(at + 1).some((g) => g.ops.some((o) => o.prop === op.prop && o.edge === op.edge && o.rects.some((r) => op.rects.some((x) => overlaps(r, x)))));
    if (at >= 0 && !blocked) groups[at].ops.push(op);
    else groups.push({ key, rects: op.rects, ops: [op] });
  }
  const byCell = cellByCell(sheet, groups, pieceBytes);
  for (const u of byCell.units) w.add(u);
  for (const g of groups) if (!byCell.moved.has(g)) for (const u of areasUnits(sheet, g)) w.add(u);
}

function areasUnits(sheet: string, g: Group): Unit[] {
  const edges = g.ops.filter((op) => op.edge).length;
  // The areas and their format; a font, fill or borders object as needed; a path per border edge.
  const parts = new Set(g.ops.map((op) => partOf(op.prop)).filter(Boolean)).size;
  const paths = 1 + parts + edges;
  return areaLists(g.rects.map(address)).map((list) =>
    unit(1, paths, g.ops.length, list.length + jsonBytes(g.ops.map((o) => o.value)), (r) => {
      const format = r.areas(sheet, list).format;
      for (const op of g.ops) setStyle(format, op);
    }),
  );
}

const bytesOf = (units: Unit[]) => units.reduce((n, u) => n + u.bytes, 0);

/**
 * The groups cheaper to write cell by cell, and the calls that write them. Only a group whose
 * properties no other group sets on the same cells can move, so that which comes first does not
 * matter; borders stay with their RangeAreas (an edge of a block is not a property of one cell).
 */
function cellByCell(sheet: string, groups: Group[], pieceBytes: number): { moved: Set<Group>; units: Unit[] } {
  const touches = (a: StyleOp, b: StyleOp) => a.prop === b.prop && a.rects.some((r) => b.rects.some((x) => overlaps(r, x)));
  const alone = (g: Group) => !g.ops.some((op) => op.prop === 'border') && groups.every((h) => h === g || !h.ops.some((o) => g.ops.some((op) => touches(o, op))));
  const cells = (g: Group) => g.rects.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
  const areasBytes = new Map(groups.map((g) => [g, bytesOf(areasUnits(sheet, g))]));
  // Those that cost less cell by cell, cheapest first; then as many as make the request smaller.
  const ratio = (g: Group) => (cells(g) * jsonBytes({ format: cellFormat(g.ops) })) / areasBytes.get(g)!;
  const candidates = groups.filter((g) => alone(g) && ratio(g) < 1).sort((a, b) => ratio(a) - ratio(b));
  let best = { saved: 0, count: 0, units: [] as Unit[] };
  for (let count = 1; count <= candidates.length; count++) {
    const chosen = candidates.slice(0, count);
    const units = cellUnits(sheet, chosen, pieceBytes);
    const saved = chosen.reduce((n, g) => n + areasBytes.get(g)!, 0) - bytesOf(units);
    if (saved > best.saved) best = { saved, count, units };
  }
  return { moved: new Set(candidates.slice(0, best.count)), units: best.units };
}

/** The calls that write these groups cell by cell: one per block of rows, rows between sent as {} while that costs less than another call. */
function cellUnits(sheet: string, moved: Group[], pieceBytes: number): Unit[] {
  const formats = new Map<number, Map<number, Excel.CellPropertiesFormat>>();
  for (const g of moved) {
    for (const r of g.rects) {
      for (let row = r.top; row <= r.bottom; row++) {
        const line = formats.get(row) ?? new Map<number, Excel.CellPropertiesFormat>();
        formats.set(row, line);
        for (let col = r.left; col <= r.right; col++) line.set(col, cellFormat(g.ops, line.get(col)));
      }
    }
  }
  const rows = [...formats.keys()].sort((a, b) => a - b);
  const cols = [...formats.values()].flatMap((line) => [...line.keys()]);
  const left = least(cols);
  const right = most(cols);
  const grid = (top: number, bottom: number): Excel.SettableCellProperties[][] =>
    Array.from({ length: bottom - top + 1 }, (_, i) =>
      Array.from({ length: right - left + 1 }, (_, j) => {
        const format = formats.get(top + i)?.get(left + j);
        return format ? { format } : {};
      }),
    );
  const gapRow = 3 * (right - left + 1) + 3;
  const runs: { top: number; bottom: number }[] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && (row - last.bottom - 1) * gapRow < RANGE_BYTES + ACTION_BYTES) last.bottom = row;
    else runs.push({ top: row, bottom: row });
  }
  return runs.flatMap(({ top, bottom }) =>
    propertyBlocks(grid(top, bottom), pieceBytes).map(({ start, rows: block }): Unit => ({
      bytes: RANGE_BYTES + ACTION_BYTES + jsonBytes(block),
      calls: 1,
      queue: (r) => r.range(sheet, rangeA1(top + start, left, top + start + block.length - 1, right)).setCellProperties(block),
    })),
  );
}

/** Style writes as one cell's format for setCellProperties, added to what the cell already takes. */
function cellFormat(ops: StyleOp[], into: Excel.CellPropertiesFormat = {}): Excel.CellPropertiesFormat {
  const f: Excel.CellPropertiesFormat = { ...into, ...(into.font ? { font: { ...into.font } } : {}) };
  for (const { prop, value } of ops) {
    switch (prop) {
      case 'bold': f.font = { ...f.font, bold: value as boolean }; break;
      case 'italic': f.font = { ...f.font, italic: value as boolean }; break;
      case 'underline': f.font = { ...f.font, underline: value ? 'Single' : 'None' }; break;
      case 'size': f.font = { ...f.font, size: value as number }; break;
      case 'font': f.font = { ...f.font, color: value as string }; break;
      case 'fill': f.fill = { color: value as string }; break;
      case 'wrap': f.wrapText = value as boolean; break;
      case 'align': f.horizontalAlignment = ALIGN[value as keyof typeof ALIGN]; break;
      case 'valign': f.verticalAlignment = VALIGN[value as keyof typeof VALIGN]; break;
    }
  }
  return f;
}

const partOf = (prop: StyleProp): string | null => (prop === 'bold' || prop === 'italic' || prop === 'underline' || prop === 'size' || prop === 'font' ? 'font' : prop === 'fill' ? 'fill' : prop === 'border' ? 'borders' : null);

/** A whole style on one range (an owned column's heading); a number format is left to the caller. */
export function writeStyle(range: Excel.Range, style: Style, rect: Rect): void {
  for (const prop of Object.keys(style) as (keyof Style)[]) {
    if (prop === 'numberFormat' || style[prop] === undefined) continue;
    for (const op of byEdge({ prop, value: style[prop], rects: [rect] })) setStyle(range.format, op);
  }
}

/** Calls writeStyle makes for a style, for the request's size bound. */
export const styleCalls = (style: Style, rect: Rect): number =>
  (Object.keys(style) as (keyof Style)[]).reduce((n, p) => n + (p === 'numberFormat' || style[p] === undefined ? 0 : p === 'border' ? (style.border ? edgesOf(rect).length : 0) : 1), 0);

function setStyle(f: Excel.RangeFormat, { prop, value, edge }: StyleOp): void {
  switch (prop) {
    case 'bold': f.font.bold = value as boolean; break;
    case 'italic': f.font.italic = value as boolean; break;
    case 'underline': f.font.underline = value ? 'Single' : 'None'; break;
    case 'size': f.font.size = value as number; break;
    case 'font': f.font.color = value as string; break;
    case 'fill': f.fill.color = value as string; break;
    case 'wrap': f.wrapText = value as boolean; break;
    case 'align': f.horizontalAlignment = ALIGN[value as keyof typeof ALIGN]; break;
    case 'valign': f.verticalAlignment = VALIGN[value as keyof typeof VALIGN]; break;
    case 'border': if (edge) f.borders.getItem(edge).style = 'Continuous'; break;
  }
}
