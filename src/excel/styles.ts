import { rangeA1 } from '../core/cells';
import type { GeneratedSheet, Style } from '../core/patch';
import { jsonBytes } from './payload';
import { areaLists, cellsOf, unit, type Rect, type Writer } from './writer';

/**
 * The look of BoardPlan's own sheets: each property set to one value over every rectangle that
 * takes it, sent as one RangeAreas (ExcelApi 1.9), and writes over the same rectangles sharing that
 * RangeAreas. Each area of a RangeAreas is formatted on its own, as when an officer selects several
 * blocks and applies a border: each block gets its own outline.
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

const overlaps = (a: Rect, b: Rect) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
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

/** A border as one write per edge, each over the blocks that have that edge (so one-row blocks share the outline of taller ones). */
function byEdge(op: StyleOp): StyleOp[] {
  if (op.prop !== 'border' || !op.value) return op.prop === 'border' ? [] : [op];
  const edges = new Map<Excel.BorderIndex, Rect[]>();
  for (const r of op.rects) for (const edge of edgesOf(r)) edges.set(edge, [...(edges.get(edge) ?? []), r]);
  return [...edges].map(([edge, rects]) => ({ ...op, edge, rects }));
}

/**
 * Style writes over the same rectangles share one RangeAreas. A write moves to an earlier group
 * only when nothing between sets the same property (the same edge of a border) on cells it
 * touches, so a later style still wins.
 */
export function writeStyles(w: Writer, sheet: string, ops: StyleOp[]): void {
  const groups: { key: string; rects: Rect[]; ops: StyleOp[] }[] = [];
  for (const op of ops.flatMap(byEdge)) {
    const key = op.rects.map(address).join(',');
    const at = groups.findIndex((g) => g.key === key);
    const blocked = at < 0 || groups.slice(at + 1).some((g) => g.ops.some((o) => o.prop === op.prop && o.edge === op.edge && o.rects.some((r) => op.rects.some((x) => overlaps(r, x)))));
    if (at >= 0 && !blocked) groups[at].ops.push(op);
    else groups.push({ key, rects: op.rects, ops: [op] });
  }
  for (const g of groups) {
    const edges = g.ops.filter((op) => op.edge).length;
    // The areas and their format; a font, fill or borders object as needed; a path per border edge.
    const parts = new Set(g.ops.map((op) => partOf(op.prop)).filter(Boolean)).size;
    const paths = 1 + parts + edges;
    for (const list of areaLists(g.rects.map(address))) {
      w.add(unit(1, paths, g.ops.length, list.length + jsonBytes(g.ops.map((o) => o.value)), (r) => {
        const format = r.areas(sheet, list).format;
        for (const op of g.ops) setStyle(format, op);
      }));
    }
  }
}

const partOf = (prop: StyleProp): string | null => (prop === 'bold' || prop === 'italic' || prop === 'size' || prop === 'font' ? 'font' : prop === 'fill' ? 'fill' : prop === 'border' ? 'borders' : null);

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
    case 'size': f.font.size = value as number; break;
    case 'font': f.font.color = value as string; break;
    case 'fill': f.fill.color = value as string; break;
    case 'wrap': f.wrapText = value as boolean; break;
    case 'align': f.horizontalAlignment = ALIGN[value as keyof typeof ALIGN]; break;
    case 'valign': f.verticalAlignment = VALIGN[value as keyof typeof VALIGN]; break;
    case 'border': if (edge) f.borders.getItem(edge).style = 'Continuous'; break;
  }
}
