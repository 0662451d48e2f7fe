/**
 * A namespace-aware XML reader for the parts of an .xlsx package, that also says where each tag
 * starts and ends, so that a part can be edited by splicing text in and out around the user's XML
 * (which stays exactly as it was).
 *
 * Elements are known by their namespace and local name, whatever prefix a file gives them:
 * `<worksheet>`, `<x:worksheet>` and `<ss:worksheet>` are the same element when the prefix is bound
 * to SpreadsheetML's namespace. Only the five predefined entities and character references are
 * decoded; a DOCTYPE is skipped, never expanded (Office packages may not use one).
 */

/** Why a part cannot be read as XML; the message completes "… is damaged (…)". */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Prefix → namespace, as declared on an element and its ancestors. */
type Scope = Map<string, string>;
const ROOT_SCOPE: Scope = new Map([
  ['xml', XML_NS],
  ['xmlns', XMLNS_NS],
]);

export interface XmlAttribute {
  /** As written: "r:id", "ref". */
  name: string;
  /** Namespace of a prefixed attribute; '' for an unprefixed one (the default namespace does not apply). */
  ns: string;
  local: string;
  /** Unescaped. */
  value: string;
}

/**
 * A pull reader over the tags of a document (or of a slice of one). Each call to next() moves to
 * the next start or end tag; text is read on demand with text(). Comments, processing
 * instructions and the DOCTYPE are passed over.
 */
export class XmlCursor {
  /** 'start' (an empty tag too: see `empty`), 'end', or 'eof'. */
  kind: 'start' | 'end' | 'eof' = 'eof';
  /** The tag as written, from "<" to ">". */
  start = 0;
  end = 0;
  /** The element's name as written ("x:c"), its namespace and local name ("c"). */
  name = '';
  ns = '';
  local = '';
  /** Whether a start tag is an empty element (<c/>): no end tag follows it. */
  empty = false;
  /** The element's depth: 0 for the root, 1 for its children. */
  depth = -1;

  private pos: number;
  private scopes: Scope[] = [];
  private attrCache: XmlAttribute[] | null = null;

  /** A cursor started inside a document does not know the prefixes declared above it: it leaves them unresolved. */
  private readonly inside: boolean;

  constructor(
    readonly xml: string,
    from = 0,
    private readonly limit = xml.length,
    /** A piece cut out of a part (a <font> of styles.xml): its prefixes were declared around it. */
    fragment = false,
  ) {
    this.pos = from;
    this.inside = from > 0 || fragment;
  }

  /** Moves to the next tag; returns its kind. */
  next(): 'start' | 'end' | 'eof' {
    const xml = this.xml;
    if (this.kind === 'start' && this.empty) this.depth--;
    else if (this.kind === 'end') this.depth--;
    this.attrCache = null;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0 || lt >= this.limit) {
        this.kind = 'eof';
        this.pos = this.limit;
        return this.kind;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        this.pos = this.skipDeclaration(lt);
        continue;
      }
      if (c === 63 /* ? */) {
        const close = xml.indexOf('?>', lt + 2);
        if (close < 0) throw new XmlError(`a processing instruction at ${lt} is not closed`);
        this.pos = close + 2;
        continue;
      }
      const gt = this.tagEnd(lt);
      if (gt < 0 || gt >= this.limit) throw new XmlError(`a tag at ${lt} is not closed`);
      this.start = lt;
      this.end = gt + 1;
      this.pos = gt + 1;
      if (c === 47 /* / */) {
        this.kind = 'end';
        this.empty = false;
        this.name = xml.slice(lt + 2, gt).trimEnd();
        const scope = this.scopes[this.depth];
        if (!scope) throw new XmlError(`the end tag </${this.name}> at ${lt} has no start tag`);
        this.resolve(scope);
        this.scopes.length = this.depth;
        return this.kind;
      }
      let nameEnd = lt + 1;
      while (nameEnd < gt && !isNameEnd(xml.charCodeAt(nameEnd))) nameEnd++;
      this.kind = 'start';
      this.name = xml.slice(lt + 1, nameEnd);
      if (!this.name) throw new XmlError(`a tag at ${lt} has no name`);
      this.empty = xml.charCodeAt(gt - 1) === 47;
      this.depth++;
      const parent = this.depth > 0 ? this.scopes[this.depth - 1] : ROOT_SCOPE;
      if (!parent) throw new XmlError(`a tag at ${lt} is out of place`);
      const scope = this.declares(nameEnd, gt) ? this.scopeWith(parent) : parent;
      this.scopes[this.depth] = scope;
      this.resolve(scope);
      return this.kind;
    }
  }

  /** Whether the current tag is named `local` (a method, so a test made earlier does not narrow it). */
  isNamed(local: string): boolean {
    return this.local === local;
  }

  /** Whether the cursor is on an end tag. */
  atEndTag(): boolean {
    return this.kind === 'end';
  }

  /** The current start tag's attributes, unescaped and with their namespaces. */
  attributes(): XmlAttribute[] {
    if (this.attrCache) return this.attrCache;
    const raw = rawAttributes(this.xml, this.start + 1 + this.name.length, this.empty ? this.end - 2 : this.end - 1);
    const scope = this.scopes[this.depth] ?? ROOT_SCOPE;
    this.attrCache = raw.map(([name, value]) => {
      const colon = name.indexOf(':');
      if (colon < 0) return { name, ns: '', local: name, value };
      const prefix = name.slice(0, colon);
      const ns = prefix === 'xmlns' ? XMLNS_NS : scope.get(prefix);
      if (ns === undefined && !this.inside) throw new XmlError(`the prefix "${prefix}" of the attribute ${name} is not declared`);
      return { name, ns: ns ?? '', local: name.slice(colon + 1), value };
    });
    return this.attrCache;
  }

  /** An attribute of the current start tag, by local name (and namespace, '' for unprefixed). */
  attr(local: string, ns = ''): string | undefined {
    // Most tags are cells with a handful of attributes: a plain loop over the raw text is quickest.
    if (!this.attrCache && ns === '') return plainAttribute(this.xml, this.start + 1 + this.name.length, this.end, local);
    for (const a of this.attributes()) if (a.local === local && a.ns === ns) return a.value;
    return undefined;
  }

  /**
   * From a start tag: the text inside the element (its descendants' text too, CDATA included),
   * decoded; the cursor moves to the element's end tag. Empty for an empty tag.
   */
  text(): string {
    if (this.kind !== 'start') return '';
    if (this.empty) return '';
    const depth = this.depth;
    let out = '';
    let from = this.end;
    for (;;) {
      const lt = this.xml.indexOf('<', from);
      if (lt < 0 || lt >= this.limit) throw new XmlError(`the element <${this.name}> is not closed`);
      out += decodeText(this.xml.slice(from, lt));
      if (this.xml.startsWith('<![CDATA[', lt)) {
        const close = this.xml.indexOf(']]>', lt + 9);
        if (close < 0) throw new XmlError(`a CDATA section at ${lt} is not closed`);
        out += this.xml.slice(lt + 9, close);
        from = close + 3;
        continue;
      }
      const c = this.xml.charCodeAt(lt + 1);
      if (c === 33 /* ! */ || c === 63 /* ? */) {
        from = c === 33 ? this.skipDeclaration(lt) : this.xml.indexOf('?>', lt) + 2;
        if (from < 2) throw new XmlError(`a processing instruction at ${lt} is not closed`);
        continue;
      }
      this.pos = lt;
      const kind = this.next();
      if (kind === 'end' && this.depth === depth) return out;
      if (kind === 'eof') throw new XmlError(`an element is not closed`);
      from = this.end;
    }
  }

  /**
   * From a start tag of an element that cannot hold another of its name (a row, a cell): moves to
   * its end tag by looking for it, without reading what is between.
   */
  skipPlain(): void {
    if (this.kind !== 'start' || this.empty) return;
    const close = `</${this.name}`;
    for (let at = this.xml.indexOf(close, this.end); at >= 0 && at < this.limit; at = this.xml.indexOf(close, at + 1)) {
      const c = this.xml.charCodeAt(at + close.length);
      if (c !== 62 && !isSpace(c)) continue;
      const gt = this.xml.indexOf('>', at);
      this.kind = 'end';
      this.start = at;
      this.end = gt + 1;
      this.pos = gt + 1;
      this.attrCache = null;
      this.scopes.length = this.depth;
      return;
    }
    throw new XmlError(`the element <${this.name}> is not closed`);
  }

  /** From a start tag: moves to its end tag (or stays, for an empty tag). */
  skip(): void {
    if (this.kind !== 'start' || this.empty) return;
    const depth = this.depth;
    for (let kind = this.next(); kind !== 'eof'; kind = this.next()) if (kind === 'end' && this.depth === depth) return;
    throw new XmlError(`the element <${this.name}> is not closed`);
  }

  /** The namespace a prefix has at the current tag. */
  namespaceOf(prefix: string): string | undefined {
    return (this.scopes[this.depth] ?? ROOT_SCOPE).get(prefix);
  }

  /** The prefixes bound to a namespace at the current tag ('' for the default namespace). */
  prefixesOf(ns: string): string[] {
    const out: string[] = [];
    for (const [prefix, uri] of this.scopes[this.depth] ?? ROOT_SCOPE) if (uri === ns) out.push(prefix);
    return out;
  }

  private resolve(scope: Scope): void {
    const colon = this.name.indexOf(':');
    const prefix = colon < 0 ? '' : this.name.slice(0, colon);
    this.local = colon < 0 ? this.name : this.name.slice(colon + 1);
    const ns = scope.get(prefix);
    if (ns === undefined && prefix && !this.inside) throw new XmlError(`the prefix "${prefix}" of <${this.name}> is not declared`);
    this.ns = ns ?? '';
  }

  /** Whether the start tag (attributes between `from` and `to`) declares a namespace. */
  private declares(from: number, to: number): boolean {
    return to > from && this.xml.substring(from, to).includes('xmlns');
  }

  /** The ">" that ends the tag starting at `lt`, past any ">" inside quoted attribute values. */
  private tagEnd(lt: number): number {
    const xml = this.xml;
    let quote = 0;
    for (let i = lt + 1; i < this.limit; i++) {
      const c = xml.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) return i;
    }
    return -1;
  }

  private scopeWith(parent: Scope): Scope {
    const scope = new Map(parent);
    for (const [name, value] of rawAttributes(this.xml, this.start + 1 + this.name.length, this.empty ? this.end - 2 : this.end - 1)) {
      if (name === 'xmlns') scope.set('', value);
      else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
    }
    return scope;
  }

  /** Past a comment, CDATA at the top level, or a DOCTYPE (with its internal subset). */
  private skipDeclaration(lt: number): number {
    const xml = this.xml;
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close < 0) throw new XmlError(`a comment at ${lt} is not closed`);
      return close + 3;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) throw new XmlError(`a CDATA section at ${lt} is not closed`);
      return close + 3;
    }
    // <!DOCTYPE name [ …internal subset… ]>
    let depth = 0;
    for (let i = lt + 2; i < xml.length; i++) {
      const c = xml.charCodeAt(i);
      if (c === 91 /* [ */) depth++;
      else if (c === 93 /* ] */) depth--;
      else if (c === 62 /* > */ && depth <= 0) return i + 1;
    }
    throw new XmlError(`a declaration at ${lt} is not closed`);
  }
}

function isNameEnd(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The attributes between `from` and `to` (a start tag's text after its name), values unescaped. */
export function rawAttributes(xml: string, from: number, to: number): [string, string][] {
  const out: [string, string][] = [];
  let i = from;
  for (;;) {
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    if (i >= to) return out;
    const eq = xml.indexOf('=', i);
    if (eq < 0 || eq >= to) throw new XmlError(`an attribute at ${i} has no value`);
    const name = xml.slice(i, eq).trim();
    let q = eq + 1;
    while (q < to && isSpace(xml.charCodeAt(q))) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") throw new XmlError(`the attribute ${name} at ${i} is not quoted`);
    const close = xml.indexOf(quote, q + 1);
    if (close < 0 || close >= to) throw new XmlError(`the attribute ${name} at ${i} is not closed`);
    out.push([name, unescapeXml(xml.slice(q + 1, close))]);
    i = close + 1;
  }
}

/** One unprefixed attribute's value in a start tag (from after its name to its ">"), unescaped. */
function plainAttribute(xml: string, from: number, to: number, name: string): string | undefined {
  let at = from;
  for (;;) {
    const eq = xml.indexOf('=', at);
    if (eq < 0 || eq >= to) return undefined;
    let nameEnd = eq;
    while (nameEnd > at && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > at && !isSpace(xml.charCodeAt(nameStart - 1))) nameStart--;
    let q = eq + 1;
    while (q < to && isSpace(xml.charCodeAt(q))) q++;
    const quote = xml.charCodeAt(q);
    if (quote !== 34 && quote !== 39) return undefined;
    const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (valueEnd < 0 || valueEnd > to) return undefined;
    if (nameEnd - nameStart === name.length && xml.startsWith(name, nameStart)) return unescapeXml(xml.slice(q + 1, valueEnd));
    at = valueEnd + 1;
  }
}

// ---- escaping ---------------------------------------------------------------------------------

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
    }
  });
}

/** Character data as XML reads it: line ends written as such normalised to "\n", then entities decoded (a "&#13;" stays a carriage return). */
function decodeText(text: string): string {
  return unescapeXml(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
}
