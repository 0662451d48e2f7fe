import { comparePlanSheets, whereDiffer } from './compare-sheet';
import { findPart, hangingFrom, isMain, partGraph, readWorkbook, relKind, relsPathFor, resolveTarget, type WorkbookParts } from './package';
import { attrOf, parseXml, textOf, type XmlElement } from './xml-tree';
import type { ZipPackage } from './zip';

/**
 * What a refresh promises the user, checked on the package it wrote against the one it read:
 * every part BoardPlan does not own is byte for byte the same; the few it edits (the workbook
 * part, its relationships, the content types, docProps/app.xml, styles.xml, the plan sheets) differ
 * only by BoardPlan's additions, found by reading both and comparing everything else: the sheets
 * and their order, defined names, cells, formulas and cached values, validations, conditional
 * formats, merged areas, the widths of the user's columns, the user's formats.
 *
 * The host checks it before writing a file; the tests and `npm run corpus` check it on every
 * workbook they refresh.
 */

/** What BoardPlan owns: its columns on each plan sheet, and its own sheets (written or deleted). */
export interface Ownership {
  columns: Map<string, Set<number>>;
  sheets: Set<string>;
}

/** How the output differs from the input beyond BoardPlan's additions: empty when it keeps everything. */
export async function differences(before: ZipPackage, after: ZipPackage, own: Ownership): Promise<string[]> {
  const problems: string[] = [];
  const a = await readWorkbook(before);
  const b = await readWorkbook(after);
  const edited = new Set<string>([a.path, relsPathFor(a.path), '[Content_Types].xml']);
  const app = await appPath(before);
  if (app) edited.add(app);
  if (a.styles) edited.add(a.styles);
  const calcChain = a.rels.find((r) => relKind(r.type) === 'calcChain')?.path;
  const planPaths = new Map<string, string>();
  for (const [name] of own.columns) {
    const path = a.sheets.find((s) => s.name === name)?.path;
    if (path) planPaths.set(path, name);
  }
  const ownBefore = await ownParts(before, a, own.sheets);
  const ownAfter = await ownParts(after, b, own.sheets);

  for (const path of before.paths()) {
    if (ownBefore.has(path) || planPaths.has(path) || edited.has(path)) continue;
    if (path === calcChain && !after.has(path)) continue;
    const was = await before.readBytes(path);
    const now = after.has(path) ? await after.readBytes(path) : undefined;
    if (!now) problems.push(`the part ${path} is missing`);
    else if (!was!.equals(now)) problems.push(`the part ${path} changed`);
  }
  for (const path of after.paths()) {
    if (before.has(path) || ownAfter.has(path) || edited.has(path) || path === b.styles) continue;
    problems.push(`the part ${path} was added`);
  }

  problems.push(...compareWorkbooks(a, b, own.sheets));
  problems.push(...(await compareRels(before, after, relsPathFor(a.path), ownBefore, ownAfter, calcChain, b.styles)));
  problems.push(...(await compareContentTypes(before, after, ownBefore, ownAfter, calcChain, b.styles)));
  if (app) problems.push(...(await compareParts(before, after, app, (el) => el.local === 'HeadingPairs' || el.local === 'TitlesOfParts')));
  if (a.styles) problems.push(...(await compareStyles(before, after, a.styles, b.styles ?? a.styles)));
  for (const [path, name] of planPaths) {
    const was = (await before.read(path)) ?? '';
    const now = (await after.read(path)) ?? '';
    if (was !== now) problems.push(...comparePlanSheets(was, now, name, own.columns.get(name) ?? new Set()));
  }
  return problems;
}

async function appPath(zip: ZipPackage): Promise<string | undefined> {
  const rels = await zip.read(findPart(zip, '_rels/.rels') ?? '_rels/.rels');
  if (!rels) return undefined;
  const rel = parseXml(rels).children.find((c) => relKind(attrOf(c, 'Type') ?? '') === 'extended-properties');
  return rel ? findPart(zip, resolveTarget('', attrOf(rel, 'Target') ?? '')) : undefined;
}

/** BoardPlan's own sheets' parts and what hangs from them alone. */
async function ownParts(zip: ZipPackage, wb: WorkbookParts, names: Set<string>): Promise<Set<string>> {
  const roots = wb.sheets.filter((s) => names.has(s.name) && s.path).map((s) => s.path!);
  const parts = hangingFrom(await partGraph(zip), roots);
  for (const part of [...parts]) {
    const rels = findPart(zip, relsPathFor(part));
    if (rels) parts.add(rels);
  }
  return parts;
}

// ---- trees ------------------------------------------------------------------------------------

/** An element and all it holds as one string, attributes in order of name: two equal elements give the same. */
function canonical(xml: string, el: XmlElement, skip?: (el: XmlElement) => boolean): string {
  const attrs = el.attrs
    .filter((at) => at.name !== 'xmlns' && !at.name.startsWith('xmlns:'))
    .map((at) => `${at.ns}|${at.local}=${at.value}`)
    .sort()
    .join(' ');
  const children = el.children.filter((c) => !skip?.(c));
  const body = el.children.length ? children.map((c) => canonical(xml, c, skip)).join('') : textOf(xml, el).trim();
  return `<${el.ns}|${el.local} ${attrs}>${body}</>`;
}

async function compareParts(before: ZipPackage, after: ZipPackage, path: string, skip: (el: XmlElement) => boolean): Promise<string[]> {
  const was = await before.read(path);
  const now = await after.read(path);
  if (was === now) return [];
  if (was === undefined || now === undefined) return [`the part ${path} is missing`];
  return canonical(was, parseXml(was), skip) === canonical(now, parseXml(now), skip) ? [] : [`the part ${path} changed beyond BoardPlan's additions`];
}

/** The workbook part: the same sheets (but BoardPlan's), names, settings; the active tab may move to a visible sheet. */
function compareWorkbooks(a: WorkbookParts, b: WorkbookParts, own: Set<string>): string[] {
  const shape = (wb: WorkbookParts) => {
    const names = wb.sheets.map((s) => s.name);
    const skip = (el: XmlElement): boolean => {
      if (!isMain(el)) return false;
      if (el.local === 'sheet') return own.has(attrOf(el, 'name') ?? '');
      if (el.local === 'definedName') {
        const local = attrOf(el, 'localSheetId');
        return local !== undefined && own.has(names[Number(local)] ?? '');
      }
      // A list of names that holds only BoardPlan's (one the workbook did not have) is BoardPlan's.
      if (el.local === 'definedNames') return el.children.every(skip);
      return false;
    };
    // A name local to a sheet is compared by the sheet's name, not its place.
    const text = canonical(wb.xml, wb.root, skip).replace(/\|localSheetId=(\d+)/g, (_, i: string) => `|localSheet=${names[Number(i)]}`);
    return text.replace(/\|(activeTab|firstSheet)=\d+/g, '');
  };
  const was = shape(a);
  const now = shape(b);
  return was === now ? [] : [`the workbook's list of sheets, names or settings (${whereDiffer(was, now)})`];
}

async function compareRels(
  before: ZipPackage,
  after: ZipPackage,
  path: string,
  ownBefore: Set<string>,
  ownAfter: Set<string>,
  calcChain: string | undefined,
  styles: string | undefined,
): Promise<string[]> {
  const list = async (zip: ZipPackage, own: Set<string>) => {
    const xml = await zip.read(findPart(zip, path) ?? path);
    if (!xml) return [];
    return parseXml(xml)
      .children.filter((el) => {
        const target = attrOf(el, 'TargetMode') === 'External' ? undefined : findPart(zip, resolveTarget(path.replace(/_rels\/([^/]*)\.rels$/, '$1'), attrOf(el, 'Target') ?? ''));
        return !(target && (own.has(target) || target === calcChain || target === styles));
      })
      .map((el) => canonical(xml, el));
  };
  const was = await list(before, ownBefore);
  const now = await list(after, ownAfter);
  return was.join('') === now.join('') ? [] : [`the workbook's relationships changed beyond BoardPlan's additions`];
}

async function compareContentTypes(
  before: ZipPackage,
  after: ZipPackage,
  ownBefore: Set<string>,
  ownAfter: Set<string>,
  calcChain: string | undefined,
  styles: string | undefined,
): Promise<string[]> {
  const list = async (zip: ZipPackage, own: Set<string>) => {
    const path = findPart(zip, '[Content_Types].xml');
    const xml = path ? await zip.read(path) : undefined;
    if (!xml) return [];
    const ours = new Set([...own, calcChain, styles].filter(Boolean).map((p) => `/${p}`.toLowerCase()));
    return parseXml(xml)
      .children.filter((el) => !(el.local === 'Override' && ours.has((attrOf(el, 'PartName') ?? '').toLowerCase())))
      .map((el) => canonical(xml, el));
  };
  const was = await list(before, ownBefore);
  const now = await list(after, ownAfter);
  return was.join('') === now.join('') ? [] : ['the content types changed beyond BoardPlan\'s additions'];
}

/** styles.xml: every list starts with the user's items as they were, and nothing else changed. */
async function compareStyles(before: ZipPackage, after: ZipPackage, pathBefore: string, pathAfter: string): Promise<string[]> {
  const was = await before.read(pathBefore);
  const now = await after.read(pathAfter);
  if (was === now) return [];
  if (!was || !now) return ['styles.xml is missing'];
  const a = parseXml(was);
  const b = parseXml(now);
  const problems: string[] = [];
  const lists = (root: XmlElement) => new Map(root.children.map((c) => [c.local, c]));
  const listsB = lists(b);
  for (const [local, el] of lists(a)) {
    const other = listsB.get(local);
    if (!other) {
      problems.push(`styles.xml lost its ${local}`);
      continue;
    }
    const items = el.children.map((c) => canonical(was, c));
    const kept = other.children.slice(0, items.length).map((c) => canonical(now, c));
    const attrs = (x: XmlElement, text: string) => canonical(text, { ...x, children: [] }).replace(/ [^ >]*\|count=\d+/, '');
    if (items.join('') !== kept.join('') || attrs(el, was) !== attrs(other, now)) problems.push(`styles.xml changed the ${local} the workbook had`);
  }
  return problems;
}
