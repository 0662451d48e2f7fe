import { columnLetter } from '../core/cells';
import { escapeXml } from './xml';
import { parseXml, spliced } from './xml-tree';
import type { StyleBook } from './styles';

/**
 * The XML of the cells and formats BoardPlan writes. Text is written as an inline string, so the
 * workbook's shared strings are left as they are; a text is always text, never a formula.
 */

/** "#C00000" → "FFC00000", the ARGB form SpreadsheetML writes colours in. */
export function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/**
 * A text as a <t> element's content. Characters XML cannot hold (control characters) are written
 * _xHHHH_, as Excel writes them, and an "_x" that would read as such an escape is itself escaped,
 * so the cell reads back exactly as written.
 */
export function cellText(text: string): string {
  // Most texts hold nothing to escape.
  // eslint-disable-next-line no-control-regex
  if (!/[_&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/.test(text)) return text;
  // Every underscore that would start an escape, overlapping ones too ("_x005F_x0041_").
  let out = text.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(out).replace(/\r/g, '&#13;');
}

/** An inline-string cell. `p` is the prefix the sheet gives SpreadsheetML's elements ('' or 'x:'). */
export function textCell(p: string, ref: string, s: number, text: string): string {
  const preserve = /^\s|\s$|[\n\t]/.test(text) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${styleAttr(s)} t="inlineStr"><${p}is><${p}t${preserve}>${cellText(text)}</${p}t></${p}is></${p}c>`;
}

export function numberCell(p: string, ref: string, s: number, value: number): string {
  return `<${p}c r="${ref}"${styleAttr(s)}><${p}v>${String(value)}</${p}v></${p}c>`;
}

/** A cell with a format and no value. */
export function emptyCell(p: string, ref: string, s: number): string {
  return `<${p}c r="${ref}"${styleAttr(s)}/>`;
}

function styleAttr(s: number): string {
  return s ? ` s="${s}"` : '';
}

// ---- formats ----------------------------------------------------------------------------------

/**
 * A header font for BoardPlan's column: the plan header's face and size, bold as the patch says, in
 * the patch's colour or else the automatic one (a colour chosen for the plan header's own fill,
 * white on dark blue, would not show on BoardPlan's light fill).
 */
export function headerFont(font: string, bold = true, color?: string): string {
  const el = parseXml(font, true);
  const name = (local: string) => (el.name.includes(':') ? `${el.name.slice(0, el.name.indexOf(':'))}:${local}` : local);
  const splices = el.children.filter((c) => c.local === 'color' || c.local === 'b').map((c) => ({ start: c.start, end: c.end, text: '' }));
  // A font's elements may come in any order (CT_Font is a choice), so the new ones lead.
  const added = `${bold ? `<${name('b')}/>` : ''}${color ? `<${name('color')} rgb="${color}"/>` : ''}`;
  if (el.empty) return `${font.replace(/\s*\/>$/, '>')}${added}</${el.name}>`;
  return spliced(font, [{ start: el.openEnd, end: el.openEnd, text: added }, ...splices]);
}

/** What a font may hold, in BoardPlan's own sheets. */
export interface FontChange {
  /** The typeface, when not the workbook's default. */
  name?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** ARGB. */
  color?: string;
  underline?: boolean;
}

/**
 * A font for BoardPlan's own sheets: the workbook's default font (its name, family and scheme)
 * with the change made. Written in one order, so that it is found again on the next refresh.
 */
export function ownFont(book: StyleBook, change: FontChange): string {
  const base = parseXml(book.fontOf(0), true);
  const keep = (local: string) => {
    const el = base.children.find((c) => c.local === local);
    return el ? el.attrs.find((a) => a.local === 'val')?.value : undefined;
  };
  const n = (local: string) => book.name(local);
  const size = change.size ?? Number(keep('sz') ?? 11);
  const parts = [
    change.bold ? `<${n('b')}/>` : '',
    change.italic ? `<${n('i')}/>` : '',
    change.underline ? `<${n('u')}/>` : '',
    `<${n('sz')} val="${size}"/>`,
    change.color ? `<${n('color')} rgb="${change.color}"/>` : '',
    `<${n('name')} val="${escapeXml(change.name ?? keep('name') ?? 'Calibri')}"/>`,
    // Another typeface is not the theme's: its family is Swiss (sans serif) and it takes no scheme.
    change.name ? `<${n('family')} val="2"/>` : keep('family') !== undefined ? `<${n('family')} val="${keep('family')}"/>` : '',
    !change.name && keep('charset') !== undefined ? `<${n('charset')} val="${keep('charset')}"/>` : '',
    !change.name && keep('scheme') !== undefined && !change.color ? `<${n('scheme')} val="${keep('scheme')}"/>` : '',
  ];
  return `<${n('font')}>${parts.join('')}</${n('font')}>`;
}

/** A solid fill of one colour (ARGB). */
export function solidFill(book: StyleBook, color: string): string {
  const n = (local: string) => book.name(local);
  return `<${n('fill')}><${n('patternFill')} patternType="solid"><${n('fgColor')} rgb="${color}"/><${n('bgColor')} indexed="64"/></${n('patternFill')}></${n('fill')}>`;
}

/** A thin border on every side, in one colour (ARGB). */
export function thinBorder(book: StyleBook, color: string): string {
  const n = (local: string) => book.name(local);
  const side = (local: string) => `<${n(local)} style="thin"><${n('color')} rgb="${color}"/></${n(local)}>`;
  return `<${n('border')}>${side('left')}${side('right')}${side('top')}${side('bottom')}<${n('diagonal')}/></${n('border')}>`;
}

/** A conditional format's look: a solid fill (Excel reads its colour from bgColor, LibreOffice from fgColor), a font colour, bold. */
export function ruleFormat(book: StyleBook, look: { fill?: string; font?: string; bold?: boolean }): string {
  const n = (local: string) => book.name(local);
  const font =
    look.font || look.bold
      ? `<${n('font')}>${look.bold ? `<${n('b')}/>` : ''}${look.font ? `<${n('color')} rgb="${argb(look.font)}"/>` : ''}</${n('font')}>`
      : '';
  const fill = look.fill
    ? `<${n('fill')}><${n('patternFill')} patternType="solid"><${n('fgColor')} rgb="${argb(look.fill)}"/><${n('bgColor')} rgb="${argb(look.fill)}"/></${n('patternFill')}></${n('fill')}>`
    : '';
  return `<${n('dxf')}>${font}${fill}</${n('dxf')}>`;
}
