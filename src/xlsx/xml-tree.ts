import { XmlCursor, XmlError, type XmlAttribute } from './xml';

/**
 * The small parts of a package (the workbook, relationships, content types, styles) read whole as
 * a tree of elements, each with its place in the text; and changes made to a part's text as
 * splices, so that what is not changed stays exactly as written.
 */

export interface XmlElement {
  name: string;
  ns: string;
  local: string;
  attrs: XmlAttribute[];
  children: XmlElement[];
  /** The start tag: [start, openEnd). */
  start: number;
  openEnd: number;
  /** The end tag: [closeStart, end); for an empty tag, closeStart = openEnd = end. */
  closeStart: number;
  end: number;
  empty: boolean;
}

/**
 * The whole document as a tree of elements with their places in the text: for the parts that are
 * small (the workbook, relationships, content types, styles). Text is read from the places (textOf).
 */
export function parseXml(xml: string, fragment = false): XmlElement {
  const cursor = new XmlCursor(xml, 0, xml.length, fragment);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (cursor.next() !== 'eof') {
    if (cursor.kind === 'start') {
      const el: XmlElement = {
        name: cursor.name,
        ns: cursor.ns,
        local: cursor.local,
        attrs: cursor.attributes(),
        children: [],
        start: cursor.start,
        openEnd: cursor.end,
        closeStart: cursor.end,
        end: cursor.end,
        empty: cursor.empty,
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new XmlError('the part has more than one root element');
      else root = el;
      if (!cursor.empty) stack.push(el);
    } else {
      const el = stack.pop();
      if (!el || el.name !== cursor.name) throw new XmlError(`the end tag </${cursor.name}> at ${cursor.start} does not match its start tag`);
      el.closeStart = cursor.start;
      el.end = cursor.end;
    }
  }
  if (stack.length) throw new XmlError(`the element <${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new XmlError('the part has no root element');
  return root;
}

/** An element's attribute by local name (and namespace, '' for unprefixed). */
export function attrOf(el: XmlElement, local: string, ns = ''): string | undefined {
  return el.attrs.find((a) => a.local === local && a.ns === ns)?.value;
}

export function childrenOf(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.local === local);
}

export function childOf(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.local === local);
}

/** The text inside an element (its descendants' text too), decoded. */
export function textOf(xml: string, el: XmlElement): string {
  if (el.empty) return '';
  const cursor = new XmlCursor(xml, el.start, el.end);
  cursor.next();
  return cursor.text();
}

/**
 * The name to write for an element of namespace `ns` inside `el`: its own prefix when the
 * element's prefix is bound to it (`x:sheet` inside `x:sheets`), else none (the default namespace).
 */
export function nameIn(el: XmlElement, local: string): string {
  const colon = el.name.indexOf(':');
  return colon < 0 ? local : `${el.name.slice(0, colon)}:${local}`;
}

// ---- splicing ---------------------------------------------------------------------------------

/** A change to a part's text: replace [start, end) with `text` (an insertion when start = end). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The text with the splices made; they must not overlap. Insertions at one place keep their order. */
export function spliced(xml: string, splices: Splice[]): string {
  if (!splices.length) return xml;
  const sorted = splices.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  const parts: string[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error('Two changes to one part overlap.');
    parts.push(xml.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(xml.slice(at));
  return parts.join('');
}
