import { escapeXml } from './xml';
import { parseXml, spliced, type Splice, type XmlElement } from './xml-tree';

/**
 * Changes to one small part (the workbook, a relationships part, the content types), made as
 * splices into its text: elements removed or added, attributes set, and everything else left
 * exactly as written, the user's spacing and prefixes included.
 */
export class PartEdit {
  readonly root: XmlElement;
  private readonly splices: Splice[] = [];
  private readonly retags = new Map<XmlElement, Map<string, string | null>>();
  private readonly appends = new Map<XmlElement, string[]>();
  private readonly removed = new Set<XmlElement>();

  constructor(readonly xml: string) {
    this.root = parseXml(xml);
  }

  get changed(): boolean {
    return this.splices.length > 0 || this.retags.size > 0 || this.appends.size > 0 || this.removed.size > 0;
  }

  remove(el: XmlElement): void {
    if (this.removed.has(el)) return;
    this.removed.add(el);
    this.splices.push({ start: el.start, end: el.end, text: '' });
  }

  isRemoved(el: XmlElement): boolean {
    return this.removed.has(el);
  }

  /** Adds text as the element's last content. */
  append(el: XmlElement, text: string): void {
    const list = this.appends.get(el) ?? [];
    list.push(text);
    this.appends.set(el, list);
  }

  /** Inserts text before an element. */
  before(el: XmlElement, text: string): void {
    this.splices.push({ start: el.start, end: el.start, text });
  }

  /** Sets (or, with null, removes) an attribute, by its name as written ("localSheetId", "r:id"). */
  setAttr(el: XmlElement, name: string, value: string | null): void {
    const changes = this.retags.get(el) ?? new Map<string, string | null>();
    changes.set(name, value);
    this.retags.set(el, changes);
  }

  text(): string {
    const splices = [...this.splices];
    for (const [el, texts] of this.appends) {
      if (el.empty) splices.push({ start: el.start, end: el.end, text: `${this.openTag(el).replace(/\s*\/>$/, '>')}${texts.join('')}</${el.name}>` });
      else splices.push({ start: el.closeStart, end: el.closeStart, text: texts.join('') });
    }
    for (const el of this.retags.keys()) {
      if (this.removed.has(el) || (el.empty && this.appends.has(el))) continue;
      splices.push({ start: el.start, end: el.openEnd, text: this.openTag(el) });
    }
    // What was to change inside an element that goes, goes with it.
    const gone = [...this.removed];
    const inside = (s: Splice) =>
      gone.some((el) => {
        if (el.start === s.start && el.end === s.end && s.text === '') return false; // its own removal
        // An insertion at an element's edge is beside it, not in it.
        return s.start === s.end ? el.start < s.start && s.start < el.end : el.start <= s.start && s.end <= el.end;
      });
    return spliced(this.xml, splices.filter((s) => !inside(s)));
  }

  /** The element's start tag with its attribute changes made. */
  private openTag(el: XmlElement): string {
    let tag = this.xml.slice(el.start, el.openEnd);
    for (const [name, value] of this.retags.get(el) ?? []) tag = withAttribute(tag, name, value);
    return tag;
  }
}

/** A start tag with an attribute set, added (before its end) or, for null, removed. */
export function withAttribute(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`(\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (re.test(tag)) return value === null ? tag.replace(re, '') : tag.replace(re, `$1${name}="${escapeXml(value)}"`);
  if (value === null) return tag;
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${escapeXml(value)}"$1>`);
}
