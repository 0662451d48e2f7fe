import JSZip from 'jszip';
import {
  REL_TYPE,
  attributes,
  ensureRelationshipsNamespace,
  escapeXml,
  nextRelId,
  parseRels,
  readText,
  relsPathFor,
  renderRels,
  sheetParts,
  writePart,
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
  return changed ? zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) : xlsx;
}

/**
 * Excel leaves out `headerRowCount` when a table has its header row (1 is the schema's default),
 * but ExcelJS reads a missing attribute as "no header row", and would then write the table back
 * without one. Writing the default in before ExcelJS reads keeps the user's tables as they are.
 */
async function defaultTableHeaders(zip: JSZip): Promise<boolean> {
  let changed = false;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/i.test(p))) {
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
export async function repairAfterWrite(zip: JSZip): Promise<void> {
  for (const sheet of await sheetParts(zip)) {
    const xml = await readText(zip, sheet.path);
    if (!xml || !xml.includes('<hyperlink ')) continue;
    const relsPath = relsPathFor(sheet.path);
    const rels = parseRels(await readText(zip, relsPath));
    const internal = new Map(
      rels.filter((r) => r.Type === REL_TYPE.hyperlink && r.Target.startsWith(INTERNAL_PREFIX)).map((r) => [r.Id, r]),
    );
    if (internal.size === 0) continue;
    const out = xml.replace(/<hyperlink\s([^>]*?)\/>/g, (whole, attrText: string) => {
      const attrs = attributes(attrText);
      const rel = internal.get(attrs['r:id']);
      if (!rel) return whole;
      const location = rel.Target.slice(INTERNAL_PREFIX.length);
      return `<hyperlink ref="${escapeXml(attrs.ref)}" location="${escapeXml(location)}"${attrs.tooltip ? ` tooltip="${escapeXml(attrs.tooltip)}"` : ''}/>`;
    });
    writePart(zip, sheet.path, out);
    writePart(zip, relsPath, renderRels(rels.filter((r) => !internal.has(r.Id))));
  }
  await fixPrintNames(zip);
}

/**
 * ExcelJS writes print areas as 'Summary'!$A1:$F28 and does not double an apostrophe in a sheet
 * name ('Chair's summary'!$1:$4); Excel writes 'Chair''s summary'!$A$1:$F$28.
 */
async function fixPrintNames(zip: JSZip): Promise<void> {
  const path = 'xl/workbook.xml';
  const xml = await readText(zip, path);
  if (!xml || !xml.includes('_xlnm.Print_')) return;
  const names = (await sheetParts(zip)).map((s) => s.name).filter((n) => n.includes("'"));
  const fixed = xml.replace(/(<definedName\b([^>]*)>)([^<]*)(<\/definedName>)/g, (whole, open: string, attrText: string, body: string, close: string) => {
    const name = attributes(attrText).name;
    if (name !== '_xlnm.Print_Area' && name !== '_xlnm.Print_Titles') return whole;
    let out = body;
    for (const sheet of names) out = out.split(escapeXml(`'${sheet}'!`)).join(escapeXml(`'${sheet.replace(/'/g, "''")}'!`));
    if (name === '_xlnm.Print_Area') out = out.replace(/\$([A-Z]{1,3})(?=\d)/g, '$$$1$$');
    return open + out + close;
  });
  if (fixed !== xml) writePart(zip, path, fixed);
}
