import { Writable } from 'stream';
import ExcelJS from 'exceljs';
import { escapeXml, insertWorksheetChild, sheetParts, worksheetChildrenAfter } from './parts';
import { ZipPackage } from './zip';

/**
 * The parts ExcelJS writes for a workbook, not yet compressed: what saving starts from. What is in
 * them is what ExcelJS writes, but for links within the workbook, which are in the form Excel
 * writes (ExcelJS writes them as links to web pages named "#Sheet!A1"; see repairAfterWrite).
 * Three costs of ExcelJS's own writing are avoided on the way: see setAside and partsBeforeZipping.
 */
export async function renderParts(workbook: ExcelJS.Workbook): Promise<ZipPackage> {
  // The cells are changed while ExcelJS writes them, so two saves of one workbook take turns.
  const run = (rendering.get(workbook) ?? Promise.resolve()).then(() => render(workbook));
  rendering.set(workbook, run.then(settled, settled));
  return run;
}

/** Each workbook's last save, to wait for (settled either way). */
const rendering = new WeakMap<ExcelJS.Workbook, Promise<void>>();
const settled = (): void => undefined;

async function render(workbook: ExcelJS.Workbook): Promise<ZipPackage> {
  const aside = setAside(workbook);
  let pkg: ZipPackage;
  try {
    pkg = (await partsBeforeZipping(workbook)) ?? (await partsFromPackage(workbook));
  } finally {
    aside.restore();
  }
  await addInternalLinks(pkg, aside.links);
  return pkg;
}

/** ExcelJS's writer, as far as it is used here. */
interface XlsxWriter {
  write(stream: NodeJS.WritableStream): Promise<unknown>;
  /** Zips the parts the writer has rendered into its JSZip, once they are all there. */
  _finalize?: (writer: { zip?: RenderedParts }) => Promise<unknown>;
}

/** A JSZip, as far as it is used here. */
interface RenderedParts {
  files: Record<string, { dir: boolean; async(type: 'nodebuffer'): Promise<Buffer> }>;
}

function isRenderedParts(zip: unknown): zip is RenderedParts {
  return typeof zip === 'object' && zip !== null && typeof (zip as RenderedParts).files === 'object';
}

/**
 * ExcelJS renders every part into a JSZip, then zips it, computing checksums and compressing in
 * JavaScript. The parts are taken just before that step, by standing in for its `_finalize` for
 * one write: they are compressed once, by zlib, when saved. `_finalize` is not part of ExcelJS's
 * published interface, so this gives undefined should a version of ExcelJS not work that way.
 */
async function partsBeforeZipping(workbook: ExcelJS.Workbook): Promise<ZipPackage | undefined> {
  const xlsx = workbook.xlsx as unknown as XlsxWriter;
  if (typeof xlsx._finalize !== 'function') return undefined;
  let parts: RenderedParts | undefined;
  xlsx._finalize = async (writer) => {
    if (isRenderedParts(writer?.zip)) parts = writer.zip;
    return xlsx;
  };
  try {
    await xlsx.write(new Writable({ write: (_chunk, _encoding, done) => done() }));
  } finally {
    delete xlsx._finalize;
  }
  if (!parts) return undefined;
  const files = Object.entries(parts.files).filter(([, file]) => !file.dir);
  return ZipPackage.of(await Promise.all(files.map(async ([path, file]): Promise<[string, Buffer]> => [path, await file.async('nodebuffer')])));
}

/** The same parts, the slower way: from the package ExcelJS writes, asked for uncompressed. */
export async function partsFromPackage(workbook: ExcelJS.Workbook): Promise<ZipPackage> {
  const written = (await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } })) as unknown as Uint8Array;
  return ZipPackage.read(Buffer.from(written.buffer, written.byteOffset, written.byteLength));
}

/** A link to a place in the workbook, as a sheet's <hyperlink> element holds it. */
interface InternalLink {
  ref: string;
  location: string;
  tooltip?: string;
}

/**
 * Two things ExcelJS is slow to write are set aside while it writes, and put back afterwards:
 *
 * - Links within the workbook. ExcelJS writes each with a relationship of its own, which would then
 *   be read back and turned into the form Excel writes. Instead the cells hold their text while
 *   ExcelJS writes, and the links are added to the sheets in Excel's form afterwards.
 * - Empty styles. ExcelJS gives every cell read without a style an empty style object of its own,
 *   and when it writes it looks each cell's style up, by the object first and then by rendering it
 *   as XML: tens of thousands of look-ups for a plan's plain cells. While it writes, those cells
 *   share one empty style, so the look-up is made once; then each gets its own back, so that a
 *   later change to one cell's style cannot reach the others. Dates and formulas keep theirs:
 *   ExcelJS gives a date without a number format a date format, which a shared style would give
 *   other cells too.
 */
function setAside(workbook: ExcelJS.Workbook): { links: Map<string, InternalLink[]>; restore: () => void } {
  const empty: Partial<ExcelJS.Style> = {};
  const links = new Map<string, InternalLink[]>();
  const styled: ExcelJS.Cell[] = [];
  const styles: Partial<ExcelJS.Style>[] = [];
  const linked: ExcelJS.Cell[] = [];
  const values: ExcelJS.CellHyperlinkValue[] = [];
  for (const sheet of workbook.worksheets) {
    const onSheet: InternalLink[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.type === ExcelJS.ValueType.Hyperlink ? (cell.value as ExcelJS.CellHyperlinkValue) : undefined;
        if (typeof value?.text === 'string' && value.hyperlink?.startsWith('#')) {
          onSheet.push({ ref: cell.address, location: value.hyperlink.slice(1), ...(value.tooltip ? { tooltip: value.tooltip } : {}) });
          linked.push(cell);
          values.push(value);
          cell.value = value.text;
        }
        const style = cell.style;
        if (!isEmpty(style) || cell.type === ExcelJS.ValueType.Date || cell.type === ExcelJS.ValueType.Formula) return;
        styled.push(cell);
        styles.push(style);
        cell.style = empty;
      }),
    );
    if (onSheet.length) links.set(sheet.name, onSheet);
  }
  return {
    links,
    restore: () => {
      styled.forEach((cell, i) => (cell.style = styles[i]));
      linked.forEach((cell, i) => (cell.value = values[i]));
    },
  };
}

/** A worksheet's children that come after <hyperlinks>, in the schema's order. */
const AFTER_HYPERLINKS = worksheetChildrenAfter('hyperlinks');

/** Adds the links set aside to their sheets, after any links to web pages ExcelJS has written. */
async function addInternalLinks(pkg: ZipPackage, links: Map<string, InternalLink[]>): Promise<void> {
  if (links.size === 0) return;
  for (const { name, path } of await sheetParts(pkg)) {
    const onSheet = links.get(name);
    const xml = onSheet && (await pkg.read(path));
    if (!xml) continue;
    const elements = onSheet
      .map(({ ref, location, tooltip }) => `<hyperlink ref="${escapeXml(ref)}" location="${escapeXml(location)}"${tooltip ? ` tooltip="${escapeXml(tooltip)}"` : ''}/>`)
      .join('');
    const close = xml.indexOf('</hyperlinks>');
    pkg.write(
      path,
      close >= 0
        ? xml.slice(0, close) + elements + xml.slice(close)
        : insertWorksheetChild(xml, `<hyperlinks>${elements}</hyperlinks>`, AFTER_HYPERLINKS),
    );
  }
}

function isEmpty(style: object): boolean {
  for (const _ in style) return false;
  return true;
}
