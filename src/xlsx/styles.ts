import { isMain } from './package';
import { escapeXml } from './xml';
import { attrOf, nameIn, parseXml, spliced, type Splice, type XmlElement } from './xml-tree';

/**
 * The workbook's styles part, to which BoardPlan appends the formats its cells and rules need: a
 * font, fill, border, number format, cell format (xf) or rule format (dxf) is added at the end of
 * its list, never inserted or renumbered, so every index the user's cells hold keeps its meaning.
 * What is already there is found again rather than added twice, so a second refresh adds nothing.
 */

/** The lists of styles.xml, in the order the schema puts them. */
const LISTS = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'] as const;
type List = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs' | 'dxfs';
const ITEM: Record<List, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf' };

/** Number formats up to 163 are Excel's own; a workbook's own start at 164. */
const FIRST_CUSTOM_FORMAT = 164;

/** A cell format (xf) taken apart: its attributes in order, and its child elements as written. */
interface Xf {
  attrs: [string, string][];
  alignment: [string, string][] | null;
  /** Children other than <alignment>, as written (protection, extLst). */
  rest: string[];
}

/** A change to a cell format: the parts to replace; the rest is kept. */
export interface XfChange {
  numFmtId?: number;
  fontId?: number;
  fillId?: number;
  borderId?: number;
  /** Alignment attributes to set (wrapText, vertical, horizontal). */
  alignment?: Record<string, string>;
}

export const STYLES_XML_MINIMAL =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

export class StyleBook {
  private readonly root: XmlElement;
  /** Each list's items as written, then those added. */
  private readonly items = new Map<List, string[]>();
  private readonly added = new Map<List, string[]>();
  /** Where each item's text is found in its list, for finding it again. */
  private readonly index = new Map<List, Map<string, number>>();
  private readonly formats = new Map<number, string>();
  private readonly xfs: Xf[];
  /** Each cell format's index by its text as BoardPlan writes it, made when first needed. */
  private xfIndex: Map<string, number> | undefined;

  constructor(private readonly xml: string) {
    this.root = parseXml(xml);
    for (const list of Object.keys(ITEM) as List[]) {
      const el = this.list(list);
      const items = (el?.children ?? []).filter((c) => c.local === ITEM[list]).map((c) => xml.slice(c.start, c.end));
      this.items.set(list, items);
      this.added.set(list, []);
      const found = new Map<string, number>();
      items.forEach((text, i) => found.has(text) || found.set(text, i));
      this.index.set(list, found);
    }
    for (const el of this.list('numFmts')?.children ?? []) this.formats.set(Number(attrOf(el, 'numFmtId')), attrOf(el, 'formatCode') ?? '');
    this.xfs = (this.list('cellXfs')?.children ?? []).filter((c) => c.local === 'xf').map((c) => parseXf(xml, c));
    // A list the workbook left empty starts with Excel's defaults, so that what BoardPlan adds never
    // becomes the format of the cells that name none (index 0).
    const n = (local: string) => this.name(local);
    if (!this.items.get('fonts')!.length) this.add('fonts', `<${n('font')}><${n('sz')} val="11"/><${n('name')} val="Calibri"/></${n('font')}>`);
    if (!this.items.get('fills')!.length) {
      this.add('fills', `<${n('fill')}><${n('patternFill')} patternType="none"/></${n('fill')}>`);
      this.add('fills', `<${n('fill')}><${n('patternFill')} patternType="gray125"/></${n('fill')}>`);
    }
    if (!this.items.get('borders')!.length) this.add('borders', `<${n('border')}><${n('left')}/><${n('right')}/><${n('top')}/><${n('bottom')}/><${n('diagonal')}/></${n('border')}>`);
    if (!this.xfs.length) {
      const plain: Xf = { attrs: [['numFmtId', '0'], ['fontId', '0'], ['fillId', '0'], ['borderId', '0'], ['xfId', '0']], alignment: null, rest: [] };
      this.xfs.push(plain);
      this.add('cellXfs', this.xfText(plain));
    }
  }

  get changed(): boolean {
    return [...this.added.values()].some((a) => a.length > 0);
  }

  /** The number of cell formats: a cell's `s` beyond it is read as 0, as Excel does. */
  get xfCount(): number {
    return this.xfs.length;
  }

  /** The font a cell format uses, as written (the workbook's default font for an unknown one). */
  fontOf(xfIndex: number): string {
    const fonts = this.items.get('fonts')!;
    const id = Number(this.xfAttr(xfIndex, 'fontId') ?? 0);
    return fonts[id] ?? fonts[0] ?? `<${this.itemName('fonts')}/>`;
  }

  xfAttr(xfIndex: number, name: string): string | undefined {
    return (this.xfs[xfIndex] ?? this.xfs[0])?.attrs.find(([n]) => n === name)?.[1];
  }

  /** A number format's id: a built-in one's, or the workbook's own (added when it has none). */
  formatId(code: string, builtIn?: number): number {
    if (builtIn !== undefined) return builtIn;
    for (const [id, c] of this.formats) if (c === code) return id;
    const id = Math.max(FIRST_CUSTOM_FORMAT - 1, ...this.formats.keys()) + 1;
    this.formats.set(id, code);
    this.add('numFmts', `<${this.itemName('numFmts')} numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  font(text: string): number {
    return this.add('fonts', text);
  }

  fill(text: string): number {
    return this.add('fills', text);
  }

  border(text: string): number {
    return this.add('borders', text);
  }

  dxf(text: string): number {
    return this.add('dxfs', text);
  }

  /**
   * The cell format that is `base` with the change made: `base` itself when the change changes
   * nothing, an equal format already there, or one added.
   */
  derive(base: number, change: XfChange): number {
    // Thousands of cells ask for the same change to the same format.
    const key = `${base} ${JSON.stringify(change)}`;
    let known = this.derived.get(key);
    if (known === undefined) this.derived.set(key, (known = this.deriveOnce(base, change)));
    return known;
  }

  private readonly derived = new Map<string, number>();

  private deriveOnce(base: number, change: XfChange): number {
    const from = this.xfs[base] ?? this.xfs[0] ?? { attrs: [['numFmtId', '0'], ['fontId', '0'], ['fillId', '0'], ['borderId', '0'], ['xfId', '0']], alignment: null, rest: [] };
    const next: Xf = { attrs: from.attrs.map(([n, v]) => [n, v]), alignment: from.alignment?.map(([n, v]) => [n, v]) ?? null, rest: from.rest };
    const set = (name: string, value: string) => {
      const at = next.attrs.find(([n]) => n === name);
      if (at) at[1] = value;
      else next.attrs.push([name, value]);
    };
    const parts: [keyof XfChange, string][] = [
      ['numFmtId', 'applyNumberFormat'],
      ['fontId', 'applyFont'],
      ['fillId', 'applyFill'],
      ['borderId', 'applyBorder'],
    ];
    for (const [key, apply] of parts) {
      const value = change[key];
      if (value === undefined) continue;
      set(key, String(value));
      set(apply, '1');
    }
    if (change.alignment) {
      next.alignment ??= [];
      for (const [name, value] of Object.entries(change.alignment)) {
        const at = next.alignment.find(([n]) => n === name);
        if (at) at[1] = value;
        else next.alignment.push([name, value]);
      }
      set('applyAlignment', '1');
    }
    const text = this.xfText(next);
    if (this.xfs[base] && text === this.xfText(this.xfs[base])) return base;
    if (!this.xfIndex) {
      this.xfIndex = new Map();
      for (let i = this.xfs.length - 1; i >= 0; i--) this.xfIndex.set(this.xfText(this.xfs[i]), i);
    }
    const known = this.xfIndex.get(text);
    if (known !== undefined) return known;
    this.xfs.push(next);
    const index = this.add('cellXfs', text);
    this.xfIndex.set(text, index);
    return index;
  }

  /** The element name for an item of a list, with the prefix the part uses. */
  itemName(list: List): string {
    return nameIn(this.root, ITEM[list]);
  }

  /** An element's name with the prefix the part uses ("x:fill" in a part that writes "x:styleSheet"). */
  name(local: string): string {
    return nameIn(this.root, local);
  }

  /** The styles part with what was added, the user's items untouched; undefined when nothing was. */
  text(): string | undefined {
    if (!this.changed) return undefined;
    const splices: Splice[] = [];
    for (const list of LISTS) {
      if (!(list in ITEM)) continue;
      const added = this.added.get(list as List)!;
      if (!added.length) continue;
      const el = this.list(list as List);
      const count = this.items.get(list as List)!.length + added.length;
      if (!el) {
        const at = this.insertAt(list);
        splices.push({ start: at, end: at, text: `<${this.name(list)} count="${count}">${added.join('')}</${this.name(list)}>` });
        continue;
      }
      splices.push(retagCount(this.xml, el, count, added.join('')));
    }
    if (this.root.empty) {
      // <styleSheet/>: opened, to hold the lists.
      const open = this.xml.slice(this.root.start, this.root.end).replace(/\s*\/>$/, '>');
      return `${this.xml.slice(0, this.root.start)}${open}${splices.map((sp) => sp.text).join('')}</${this.root.name}>${this.xml.slice(this.root.end)}`;
    }
    return spliced(this.xml, splices);
  }

  private list(list: List): XmlElement | undefined {
    return this.root.children.find((c) => c.local === list && isMain(c));
  }

  private add(list: List, text: string): number {
    const found = this.index.get(list)!;
    const known = found.get(text);
    if (known !== undefined) return known;
    const items = this.items.get(list)!;
    const added = this.added.get(list)!;
    const i = items.length + added.length;
    added.push(text);
    found.set(text, i);
    return list === 'numFmts' ? -1 : i;
  }

  /** Where a missing list goes: before the first list that follows it in the schema, or at the end. */
  private insertAt(list: string): number {
    const after = LISTS.slice(LISTS.indexOf(list as (typeof LISTS)[number]) + 1);
    const next = this.root.children.find((c) => isMain(c) && (after as readonly string[]).includes(c.local));
    return next ? next.start : this.root.closeStart;
  }

  private xfText(xf: Xf): string {
    const name = this.itemName('cellXfs');
    const attrs = xf.attrs.map(([n, v]) => ` ${n}="${escapeXml(v)}"`).join('');
    const alignment = xf.alignment ? `<${this.name('alignment')}${xf.alignment.map(([n, v]) => ` ${n}="${escapeXml(v)}"`).join('')}/>` : '';
    const children = alignment + xf.rest.join('');
    return children ? `<${name}${attrs}>${children}</${name}>` : `<${name}${attrs}/>`;
  }
}

function parseXf(xml: string, el: XmlElement): Xf {
  const alignment = el.children.find((c) => c.local === 'alignment');
  return {
    attrs: el.attrs.map((a) => [a.name, a.value]),
    alignment: alignment ? alignment.attrs.map((a) => [a.name, a.value]) : null,
    rest: el.children.filter((c) => c !== alignment).map((c) => xml.slice(c.start, c.end)),
  };
}

/** The list's start tag with its count, and the items added before its end. */
function retagCount(xml: string, el: XmlElement, count: number, items: string): Splice {
  let open = xml.slice(el.start, el.openEnd);
  if (/\scount\s*=\s*("[^"]*"|'[^']*')/.test(open)) open = open.replace(/(\scount\s*=\s*)("[^"]*"|'[^']*')/, `$1"${count}"`);
  if (el.empty) {
    return { start: el.start, end: el.end, text: `${open.replace(/\s*\/>$/, '>')}${items}</${el.name}>` };
  }
  return { start: el.start, end: el.closeStart, text: open + xml.slice(el.openEnd, el.closeStart) + items };
}
