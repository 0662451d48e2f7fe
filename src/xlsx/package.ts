import { attrOf, childOf, childrenOf, parseXml, type XmlElement } from './xml-tree';
import type { ZipPackage } from './zip';

/**
 * A workbook package as its relationships describe it: `_rels/.rels` names the workbook part,
 * whose relationships name its sheets, shared strings and styles, whatever those parts are called
 * and whatever prefixes their XML uses. Both readings (check) and edits (refresh) start here.
 */

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  /** Strict Open XML (ISO 29500 strict): read, never edited. */
  strictMain: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  relationships: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  strictRelationships: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  packageRels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  docPropsVTypes: 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
  spreadsheetDrawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  drawingMain: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  x14: 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main',
  markupCompatibility: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
} as const;

/** Relationship types BoardPlan writes. */
export const REL = {
  worksheet: `${NS.relationships}/worksheet`,
  drawing: `${NS.relationships}/drawing`,
  chart: `${NS.relationships}/chart`,
  hyperlink: `${NS.relationships}/hyperlink`,
  styles: `${NS.relationships}/styles`,
  sharedStrings: `${NS.relationships}/sharedStrings`,
} as const;

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
} as const;

/** Whether an element is SpreadsheetML's, in either the transitional or the strict namespace. */
export function isMain(el: { ns: string }): boolean {
  return el.ns === NS.main || el.ns === NS.strictMain;
}

/** The kind a relationship type names, by its last word: "worksheet", "xlMacrosheet", "styles"… */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

export interface Relationship {
  id: string;
  type: string;
  /** As written. */
  target: string;
  /** The part it points at, as the package names it; undefined for an external target. */
  path: string | undefined;
}

/** A package holding no such workbook as BoardPlan reads; the message completes "<file> is …". */
export class NotWorkbookError extends Error {
  constructor(
    message: string,
    readonly other = false,
  ) {
    super(message);
    this.name = 'NotWorkbookError';
  }
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathFor(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship's target resolved against the folder of the part that owns it ('' for the package). */
export function resolveTarget(partPath: string, target: string): string {
  let decoded = target.split('#')[0];
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A target with a stray % is taken as written.
  }
  if (decoded.startsWith('/')) return decoded.slice(1);
  const parts = partPath.split('/').slice(0, -1);
  for (const seg of decoded.split(/[/\\]/)) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The target to write in `fromPart`'s relationships for `toPart`: relative, as Excel writes it. */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** The package's part of that name; part names are case-insensitive (OPC), zip entries are not. */
export function findPart(zip: ZipPackage, path: string): string | undefined {
  if (zip.has(path)) return path;
  const lower = path.toLowerCase();
  return zip.paths().find((p) => p.toLowerCase() === lower);
}

export async function readRels(zip: ZipPackage, partPath: string): Promise<Relationship[]> {
  const relsPath = findPart(zip, partPath === '' ? '_rels/.rels' : relsPathFor(partPath));
  const xml = relsPath ? await zip.read(relsPath) : undefined;
  if (!xml) return [];
  const root = parseXml(xml);
  return childrenOf(root, NS.packageRels, 'Relationship').map((el) => {
    const target = attrOf(el, 'Target') ?? '';
    const external = attrOf(el, 'TargetMode') === 'External';
    const resolved = external ? undefined : resolveTarget(partPath, target);
    return { id: attrOf(el, 'Id') ?? '', type: attrOf(el, 'Type') ?? '', target, path: resolved === undefined ? undefined : (findPart(zip, resolved) ?? resolved) };
  });
}

export type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet' | 'other';

export interface SheetEntry {
  name: string;
  sheetId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  relId: string;
  kind: SheetKind;
  /** Its part; undefined when the relationship is missing or points nowhere. */
  path: string | undefined;
}

export interface WorkbookParts {
  path: string;
  xml: string;
  root: XmlElement;
  rels: Relationship[];
  /** Strict Open XML: read, never edited. */
  strict: boolean;
  date1904: boolean;
  sheets: SheetEntry[];
  sharedStrings: string | undefined;
  styles: string | undefined;
}

const SHEET_KINDS: Record<string, SheetKind> = {
  worksheet: 'worksheet',
  chartsheet: 'chartsheet',
  dialogsheet: 'dialogsheet',
  xlMacrosheet: 'macrosheet',
  xlIntlMacrosheet: 'macrosheet',
};

/** The workbook part, through the package's relationships (or where Excel puts it, for a package without them). */
export async function workbookPath(zip: ZipPackage): Promise<string> {
  const root = await readRels(zip, '');
  const office = root.find((r) => relKind(r.type) === 'officeDocument' && r.path && zip.has(r.path));
  if (office?.path) return office.path;
  const usual = findPart(zip, 'xl/workbook.xml');
  if (usual) return usual;
  if (zip.has('word/document.xml') || zip.has('ppt/presentation.xml') || root.some((r) => relKind(r.type) === 'officeDocument')) {
    throw new NotWorkbookError('another kind of Office file', true);
  }
  throw new NotWorkbookError('not a workbook: it holds no workbook part');
}

export async function readWorkbook(zip: ZipPackage): Promise<WorkbookParts> {
  const path = await workbookPath(zip);
  const xml = (await zip.read(path)) ?? '';
  const root = parseXml(xml);
  if (root.local !== 'workbook' || !isMain(root)) {
    throw new NotWorkbookError(root.local === 'document' || root.local === 'presentation' ? 'another kind of Office file' : 'not a workbook', true);
  }
  const strict = root.ns === NS.strictMain;
  const rels = await readRels(zip, path);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const pr = childOf(root, root.ns, 'workbookPr');
  const date1904 = pr ? isTrue(attrOf(pr, 'date1904')) : false;
  const sheetsEl = childOf(root, root.ns, 'sheets');
  const sheets: SheetEntry[] = (sheetsEl ? childrenOf(sheetsEl, root.ns, 'sheet') : []).map((el) => {
    const relId = el.attrs.find((a) => a.local === 'id' && (a.ns === NS.relationships || a.ns === NS.strictRelationships))?.value ?? '';
    const rel = byId.get(relId);
    const state = attrOf(el, 'state');
    return {
      name: attrOf(el, 'name') ?? '',
      sheetId: attrOf(el, 'sheetId') ?? '',
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      relId,
      kind: rel ? (SHEET_KINDS[relKind(rel.type)] ?? 'other') : 'other',
      path: rel?.path && zip.has(rel.path) ? rel.path : undefined,
    };
  });
  const partOf = (kind: string) => rels.find((r) => relKind(r.type) === kind && r.path && zip.has(r.path))?.path;
  return { path, xml, root, rels, strict, date1904, sheets, sharedStrings: partOf('sharedStrings'), styles: partOf('styles') };
}

/** An XML boolean: "1" or "true". */
export function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** Which parts each part's relationships point at (targetsOf), and which parts point at each (from). */
export interface PartGraph {
  targetsOf: Map<string, string[]>;
  from: Map<string, Set<string>>;
}

export async function partGraph(zip: ZipPackage): Promise<PartGraph> {
  const targetsOf = new Map<string, string[]>();
  const from = new Map<string, Set<string>>();
  for (const relsPath of zip.paths().filter((p) => /(^|\/)_rels\/[^/]*\.rels$/i.test(p))) {
    const source = relsPath.replace(/(^|\/)_rels\/([^/]*)\.rels$/i, '$1$2');
    const xml = await zip.read(relsPath);
    let root: XmlElement;
    try {
      root = parseXml(xml ?? '');
    } catch {
      continue;
    }
    const targets: string[] = [];
    for (const el of root.children) {
      if (attrOf(el, 'TargetMode') === 'External') continue;
      const target = findPart(zip, resolveTarget(source, attrOf(el, 'Target') ?? ''));
      if (!target) continue;
      targets.push(target);
      const set = from.get(target) ?? new Set();
      set.add(source);
      from.set(target, set);
    }
    targetsOf.set(source, targets);
  }
  return { targetsOf, from };
}

/**
 * The parts that hang from these alone: reached through their relationships, and pointed at by no
 * part outside the set (a drawing and its charts, for a sheet's part). The roots are included.
 */
export function hangingFrom(graph: PartGraph, roots: string[]): Set<string> {
  const set = new Set(roots);
  const queue = [...roots];
  while (queue.length) {
    const part = queue.pop()!;
    for (const target of graph.targetsOf.get(part) ?? []) {
      if (set.has(target)) continue;
      if ([...(graph.from.get(target) ?? [])].every((source) => set.has(source))) {
        set.add(target);
        queue.push(target);
      }
    }
  }
  return set;
}
