import type { Scan, ColInfo } from './sheet-scan';
import { insertionPoint } from './sheet-scan';
import { escapeXml } from './xml';
import { type Splice } from './xml-tree';

/**
 * The widths of BoardPlan's own columns in a plan sheet. A user's <col> that spans one of them is
 * split around it, each part keeping the user's settings; BoardPlan's part gets its width.
 */

/** The worksheet's children that come after <cols>. */
const AFTER_COLS = ['sheetData'];

export function writeWidths(xml: string, scan: Scan, widths: { col: number; width: number }[], splices: Splice[]): void {
  const { p } = scan;
  type Piece = { min: number; max: number; attrs: [string, string][] };
  // The pieces each of the user's <col> elements becomes, and the new ones.
  const pieces = new Map<ColInfo, Piece[]>(scan.cols.map((c) => [c, [{ min: c.min, max: c.max, attrs: c.attrs }]]));
  const added: Piece[] = [];
  for (const { col, width } of [...widths].sort((a, b) => a.col - b.col)) {
    const set = (attrs: [string, string][]) => withAttrs(attrs, { min: String(col), max: String(col), width: String(width), customWidth: '1' });
    const owner = scan.cols.find((c) => col >= c.min && col <= c.max);
    if (!owner) {
      added.push({ min: col, max: col, attrs: set([]) });
      continue;
    }
    const list = pieces.get(owner)!;
    const i = list.findIndex((piece) => col >= piece.min && col <= piece.max);
    const piece = list[i];
    const split: Piece[] = [];
    if (piece.min < col) split.push({ min: piece.min, max: col - 1, attrs: withAttrs(piece.attrs, { max: String(col - 1) }) });
    split.push({ min: col, max: col, attrs: set(piece.attrs) });
    if (piece.max > col) split.push({ min: col + 1, max: piece.max, attrs: withAttrs(piece.attrs, { min: String(col + 1) }) });
    list.splice(i, 1, ...split);
  }
  const colXml = (piece: Piece) => `<${p}col${piece.attrs.map(([n, v]) => ` ${n}="${escapeXml(v)}"`).join('')}/>`;
  for (const [info, list] of pieces) {
    if (list.length === 1 && list[0].attrs === info.attrs) continue;
    const text = list.map(colXml).join('');
    if (text !== xml.slice(info.start, info.end)) splices.push({ start: info.start, end: info.end, text });
  }
  if (!added.length) return;
  if (!scan.colsEl) {
    const at = insertionPoint(scan, AFTER_COLS);
    splices.push({ start: at, end: at, text: `<${p}cols>${added.map(colXml).join('')}</${p}cols>` });
    return;
  }
  for (const piece of added) {
    const next = scan.cols.find((c) => c.min > piece.min);
    if (next) {
      splices.push({ start: next.start, end: next.start, text: colXml(piece) });
    } else if (scan.colsEl.empty) {
      const open = xml.slice(scan.colsEl.start, scan.colsEl.end).replace(/\s*\/>$/, '>');
      splices.push({ start: scan.colsEl.start, end: scan.colsEl.end, text: `${open}${colXml(piece)}</${scan.colsEl.name}>` });
    } else {
      splices.push({ start: scan.colsEl.closeStart, end: scan.colsEl.closeStart, text: colXml(piece) });
    }
  }
}

/** Attributes with some set: those present keep their place, new ones go after min and max. */
function withAttrs(attrs: [string, string][], set: Record<string, string>): [string, string][] {
  const out: [string, string][] = attrs.map(([n, v]) => [n, n in set ? set[n] : v]);
  for (const [n, v] of Object.entries(set)) if (!out.some(([m]) => m === n)) out.push([n, v]);
  const order = (n: string) => (n === 'min' ? 0 : n === 'max' ? 1 : 2);
  return out.sort((a, b) => order(a[0]) - order(b[0]));
}
