import type JSZip from 'jszip';
import { quoteSheet } from '../core/cells';
import {
  REL_TYPE,
  attributes,
  ensureRelationshipsNamespace,
  escapeXml,
  nextRelId,
  parseRels,
  partPaths,
  readText,
  relsPathFor,
  renderRels,
  sheetParts,
  writePart,
  type Package,
} from './parts';

/**
 * Corrections around ExcelJS, which round trips most of a workbook but not links within it: it
 * drops them when reading (Excel stores them as a `location`, which ExcelJS ignores) and writes
 * them as external links to "#Sheet!A1". These two passes turn one form into the other, so a
 * user's own internal links survive a refresh and BoardPlan's are written the way Excel writes
 * them. The second pass also corrects the print areas and titles ExcelJS writes.
 */

const INTERNAL_PREFIX = '#';

/**
 * Before ExcelJS reads a package: each internal link becomes an external-looking "#location"
 * link, which ExcelJS keeps as the cell's hyperlink. Returns the buffer untouched when there are none.
 */
export async function prepareForRead(xlsx: Buffer, zip: JSZip): Promise<Buffer> {
  return (await repairForRead(zip)) ? zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) : xlsx;
}

/** The repairs of prepareForRead, made in the package; whether it needed any. */
export async function repairForRead(zip: Package): Promise<boolean> {
  let changed = await defaultTableHeaders(zip);
  for (const sheet of await sheetParts(zip)) {
    const xml = await readText(zip, sheet.path);
    if (!xml || !xml.includes('location=')) continue;
    const relsPath = relsPathFor(sheet.path);
    const rels = parseRels(await readText(zip, relsPath));
    let touched = false;
    const out = xml.replace(/<hyperlink\s([^>]*?)\/>/g, (whole, attrText: string) => {
      const attrs = attributes(attrText);
      if (attrs['r:id'] || !attrs.location) return whole;
      const id = nextRelId(rels);
      rels.push({ Id: id, Type: REL_TYPE.hyperlink, Target: INTERNAL_PREFIX + attrs.location, TargetMode: 'External' });
      touched = true;
      return `<hyperlink ref="${escapeXml(attrs.ref)}" r:id="${id}"${attrs.tooltip ? ` tooltip="${escapeXml(attrs.tooltip)}"` : ''}/>`;
    });
    if (!touched) continue;
    writePart(zip, sheet.path, ensureRelationshipsNamespace(out));
    writePart(zip, relsPath, renderRels(rels));
    changed = true;
  }
  return changed;
}

/**
 * Excel leaves out `headerRowCount` when a table has its header row (1 is the schema's default),
 * but ExcelJS reads a missing attribute as "no header row", and would then write the table back
 * without one. Writing the default in before ExcelJS reads keeps the user's tables as they are.
 */
async function defaultTableHeaders(zip: Package): Promise<boolean> {
  let changed = false;
  for (const path of partPaths(zip).filter((p) => /^xl\/tables\/[^/]+\.xml$/i.test(p))) {
    const xml = await readText(zip, path);
    if (!xml) continue;
    const out = xml.replace(/<table\s([^>]*?)(\/?)>/, (whole, attrText: string, close: string) =>
      /\sheaderRowCount=|^headerRowCount=/.test(attrText) ? whole : `<table ${attrText} headerRowCount="1"${close}>`,
    );
    if (out !== xml) {
      writePart(zip, path, out);
      changed = true;
    }
  }
  return changed;
}

/**
 * After ExcelJS writes a package: "#location" links become proper internal links (a `location`
 * and no relationship), and print titles and areas of sheets whose names contain an apostrophe
 * are written the way Excel writes them.
 */
export async function repairAfterWrite(zip: Package): Promise<void> {
  for (const sheet of await sheetParts(zip)) {
    // ExcelJS gives every link a relationship, so a sheet without "#" ones has nothing to repair,
    // and its (perhaps large) XML need not be read.
    const relsPath = relsPathFor(sheet.path);
    const relsXml = await readText(zip, relsPath);
    if (!relsXml?.includes(INTERNAL_PREFIX)) continue;
    const locations = new Map<string, string>();
    const kept = relsXml.replace(/<Relationship\s([^>]*?)\/>/g, (tag, attrText: string) => {
      const rel = attributes(attrText);
      if (rel.Type !== REL_TYPE.hyperlink || !rel.Target?.startsWith(INTERNAL_PREFIX)) return tag;
      locations.set(rel.Id, rel.Target.slice(INTERNAL_PREFIX.length));
      return '';
    });
    if (locations.size === 0) continue;
    const xml = await readText(zip, sheet.path);
    if (!xml) continue;
    // The links come after the cells: only that end of the sheet is searched.
    const from = Math.max(0, xml.lastIndexOf('</sheetData>'));
    const links = xml.slice(from).replace(/<hyperlink\s([^>]*?)\/>/g, (whole, attrText: string) => {
      const attrs = attributes(attrText);
      const location = locations.get(attrs['r:id']);
      if (location === undefined) return whole;
      return `<hyperlink ref="${escapeXml(attrs.ref)}" location="${escapeXml(location)}"${attrs.tooltip ? ` tooltip="${escapeXml(attrs.tooltip)}"` : ''}/>`;
    });
    writePart(zip, sheet.path, xml.slice(0, from) + links);
    writePart(zip, relsPath, kept);
  }
  await fixPrintNames(zip);
}

/**
 * ExcelJS writes print areas as 'Summary'!$A1:$F28 and does not double an apostrophe in a sheet
 * name ('Chair's summary'!$1:$4); Excel writes 'Chair''s summary'!$A$1:$F$28.
 */
async function fixPrintNames(zip: Package): Promise<void> {
  const path = 'xl/workbook.xml';
  const xml = await readText(zip, path);
  if (!xml || !xml.includes('_xlnm.Print_')) return;
  const names = (await sheetParts(zip)).map((s) => s.name).filter((n) => n.includes("'"));
  const fixed = xml.replace(/(<definedName\b([^>]*)>)([^<]*)(<\/definedName>)/g, (whole, open: string, attrText: string, body: string, close: string) => {
    const name = attributes(attrText).name;
    if (name !== '_xlnm.Print_Area' && name !== '_xlnm.Print_Titles') return whole;
    let out = body;
    for (const sheet of names) out = out.split(escapeXml(`'${sheet}'!`)).join(escapeXml(`${quoteSheet(sheet)}!`));
    if (name === '_xlnm.Print_Area') out = out.replace(/\$([A-Z]{1,3})(?=\d)/g, '$$$1$$');
    return open + out + close;
  });
  if (fixed !== xml) writePart(zip, path, fixed);
}
