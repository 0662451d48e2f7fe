import JSZip from 'jszip';
import { NS, REL as REL_TYPE } from './package';
import { escapeXml, unescapeXml } from './xml';

export { escapeXml, unescapeXml };

/**
 * Small helpers over the parts of an .xlsx package (a zip of XML files linked by relationship
 * files). Only what chart injection and hyperlink repair need: the XML is edited as text, in
 * the exact forms ExcelJS and Excel write, so nothing else in a part is touched.
 */

// The package's namespaces, relationship types and content types are the package reader's.
export { CONTENT_TYPE, NS, REL as REL_TYPE } from './package';

export function attributes(tagText: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tagText))) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

/** Every start or empty tag named `name` (e.g. "Relationship", "xdr:cNvPr") with its position. */
export function tags(xml: string, name: string): { text: string; index: number; attrs: Record<string, string> }[] {
  const re = new RegExp(`<${name.replace(/[.:]/g, '\\$&')}(?=[\\s/>])([^>]*)>`, 'g');
  const out: { text: string; index: number; attrs: Record<string, string> }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push({ text: m[0], index: m.index, attrs: attributes(m[1]) });
  return out;
}

/**
 * The direct children of the document's root element, by name and position. Unlike tags(), it
 * does not mistake a nested element (an <extLst> inside a rule) for a child of the root.
 */
export function topLevelElements(xml: string): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;
  let depth = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (!m[2]) continue;
    if (m[1]) {
      depth--;
    } else {
      if (depth === 1) out.push({ name: m[2], index: m.index });
      if (!m[3]) depth++;
    }
  }
  return out;
}

/**
 * Puts an element among a worksheet's children where the schema wants it: before the first of
 * `followers` the sheet has, or else last. Only the children after the cells are looked through,
 * as none of these can come before them and the cells may run to megabytes.
 */
export function insertWorksheetChild(sheetXml: string, element: string, followers: readonly string[]): string {
  const close = sheetXml.indexOf('</sheetData>');
  const empty = close < 0 ? /<sheetData\s*\/>/.exec(sheetXml) : null;
  const from = close >= 0 ? close + '</sheetData>'.length : empty ? empty.index + empty[0].length : 0;
  // Read as the children of a root of their own, so that nested elements are not taken for them.
  const root = '<worksheet>';
  const after = topLevelElements(root + sheetXml.slice(from)).find((e) => followers.includes(e.name));
  const at = after ? from + after.index - root.length : sheetXml.lastIndexOf('</worksheet>');
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

// ---- relationships ---------------------------------------------------------------------------

export interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathFor(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the folder of the part that owns it. */
export function resolveTarget(partPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = partPath.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function parseRels(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  return tags(xml, 'Relationship').map(({ attrs }) => ({
    Id: attrs.Id,
    Type: attrs.Type,
    Target: attrs.Target,
    ...(attrs.TargetMode ? { TargetMode: attrs.TargetMode } : {}),
  }));
}

export function renderRels(rels: Relationship[]): string {
  const body = rels
    .map(
      (r) =>
        `<Relationship Id="${escapeXml(r.Id)}" Type="${escapeXml(r.Type)}" Target="${escapeXml(r.Target)}"` +
        (r.TargetMode ? ` TargetMode="${escapeXml(r.TargetMode)}"` : '') +
        '/>',
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRels}">${body}</Relationships>`;
}

/** An Id not yet used in the list: rId1, rId2, … */
export function nextRelId(rels: Relationship[]): string {
  const used = new Set(rels.map((r) => r.Id));
  let n = rels.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

// ---- package access -------------------------------------------------------------------------

/**
 * A package's parts by path, as text. A JSZip is one (it works in the browser too); the command
 * line uses its own (see zip.ts), which reads only the parts asked for and writes back unchanged
 * parts as they were, without compressing them again.
 */
export interface PackageParts {
  /** Every part's path, in package order (no folders). */
  paths(): string[];
  has(path: string): boolean;
  read(path: string): Promise<string | undefined>;
  /** Adds or replaces a part. */
  write(path: string, text: string): void;
}

export type Package = JSZip | PackageParts;

/** A JSZip seen as PackageParts. No folder entries are written: Excel's own packages have none. */
export function jszipParts(zip: JSZip): PackageParts {
  return {
    paths: () => Object.keys(zip.files).filter((p) => !zip.files[p].dir),
    has: (path) => zip.file(path) !== null,
    read: async (path) => {
      const file = zip.file(path);
      return file ? file.async('string') : undefined;
    },
    write: (path, text) => void zip.file(path, text, { createFolders: false }),
  };
}

function partsOf(pkg: Package): PackageParts {
  return pkg instanceof JSZip ? jszipParts(pkg) : pkg;
}

/** Adds or replaces a part. */
export function writePart(pkg: Package, path: string, text: string): void {
  partsOf(pkg).write(path, text);
}

export async function readText(pkg: Package, path: string): Promise<string | undefined> {
  return partsOf(pkg).read(path);
}

export function hasPart(pkg: Package, path: string): boolean {
  return partsOf(pkg).has(path);
}

export function partPaths(pkg: Package): string[] {
  return partsOf(pkg).paths();
}

export interface SheetPart {
  name: string;
  /** Path of the worksheet XML inside the package, e.g. "xl/worksheets/sheet2.xml". */
  path: string;
}

/** Worksheets in workbook order, with the package path of each. */
export async function sheetParts(zip: Package): Promise<SheetPart[]> {
  const workbook = (await readText(zip, 'xl/workbook.xml')) ?? '';
  const rels = parseRels(await readText(zip, 'xl/_rels/workbook.xml.rels'));
  const byId = new Map(rels.map((r) => [r.Id, r]));
  const out: SheetPart[] = [];
  for (const { attrs } of tags(workbook, 'sheet')) {
    const rel = byId.get(attrs['r:id']);
    if (rel && rel.Type === REL_TYPE.worksheet) {
      out.push({ name: attrs.name, path: resolveTarget('xl/workbook.xml', rel.Target) });
    }
  }
  return out;
}

/** Adds an Override to [Content_Types].xml unless the part already has one. */
export async function addContentType(zip: Package, partPath: string, contentType: string): Promise<void> {
  const path = '[Content_Types].xml';
  const xml = (await readText(zip, path)) ?? '';
  const partName = `/${partPath}`;
  if (tags(xml, 'Override').some((t) => t.attrs.PartName === partName)) return;
  const override = `<Override PartName="${escapeXml(partName)}" ContentType="${contentType}"/>`;
  writePart(zip, path, xml.replace('</Types>', `${override}</Types>`));
}

/** The lowest N for which `${prefix}N${suffix}` is not a part yet (e.g. xl/charts/chart3.xml). */
export function freePartName(zip: Package, prefix: string, suffix: string): string {
  let n = 1;
  while (hasPart(zip, `${prefix}${n}${suffix}`)) n++;
  return `${prefix}${n}${suffix}`;
}

/** Declares the r: prefix on a worksheet's root element when it is missing. */
export function ensureRelationshipsNamespace(sheetXml: string): string {
  const root = tags(sheetXml, 'worksheet')[0];
  if (!root || root.attrs['xmlns:r']) return sheetXml;
  const opened = root.text.replace(/^<worksheet/, `<worksheet xmlns:r="${NS.relationships}"`);
  return sheetXml.slice(0, root.index) + opened + sheetXml.slice(root.index + root.text.length);
}

/** The children of <worksheet> from <hyperlinks> on, in the order the schema requires them. */
const WORKSHEET_TAIL = [
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** The worksheet children that must follow the given one, in schema order. */
export function worksheetChildrenAfter(element: string): string[] {
  return WORKSHEET_TAIL.slice(WORKSHEET_TAIL.indexOf(element) + 1);
}
