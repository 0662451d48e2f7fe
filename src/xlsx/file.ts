import { promises as fs } from 'fs';
import * as nodePath from 'path';
import { randomBytes } from 'crypto';
import ExcelJS from 'exceljs';
import { parseA1 } from '../core/cells';
import type { WorkbookPatch } from '../core/patch';
import { addCharts, type CellValues, type SheetChart } from './chart';
import { renderParts } from './render';
import { repairAfterWrite, repairForRead } from './repairs';
import { cellValue } from './snapshot';
import { contentNotKept, type UnkeptContent } from './unkept';
import { ZipError, ZipPackage } from './zip';

/** Why a workbook file could not be opened or saved; the message is one line the user can act on. */
export type PlanFileErrorCode = 'missing' | 'not-xlsx' | 'encrypted' | 'unreadable' | 'write-failed';

export class PlanFileError extends Error {
  constructor(
    readonly code: PlanFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlanFileError';
  }
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** Compound File (OLE) header: old .xls files, and .xlsx files saved with a password. */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const SAVE_AS_XLSX = 'open it in Excel and save it as Excel Workbook (.xlsx)';

export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const name = nodePath.basename(path);
  const data = await readFileClassified(path, name);
  const zip = openPackage(data, name);
  let repaired: Buffer;
  try {
    // Parts changed by the repairs are stored uncompressed, the rest passed on as they were.
    repaired = (await repairForRead(zip)) ? await zip.toBuffer(0) : data;
  } catch (err) {
    throw damaged(name, err);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(repaired as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new PlanFileError(
      'unreadable',
      `${name} could not be read as a workbook (${reason(err)}): open it in Excel, check it, and save it again.`,
    );
  }
  notKept.set(workbook, await contentNotKept(zip));
  return workbook;
}

const notKept = new WeakMap<ExcelJS.Workbook, UnkeptContent[]>();

/**
 * What the file held that saving this workbook will leave out (charts, pivot tables, shapes…),
 * so the caller can warn before writing over the original. Empty for a workbook not read by openWorkbook.
 */
export function contentLostOnSave(workbook: ExcelJS.Workbook): UnkeptContent[] {
  return notKept.get(workbook) ?? [];
}

async function readFileClassified(path: string, name: string): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PlanFileError('missing', `File not found: ${path}`);
    throw new PlanFileError('unreadable', `Cannot read ${path}: ${reason(err)}.`);
  }
  if (stat.isDirectory()) {
    throw new PlanFileError('not-xlsx', `${path} is a folder, not an .xlsx workbook: give the path of the workbook file.`);
  }
  try {
    return await fs.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new PlanFileError('unreadable', `Cannot read ${name}: permission denied. Check you can open it, then try again.`);
    }
    throw new PlanFileError('unreadable', `Cannot read ${name}: ${reason(err)}.`);
  }
}

/** Checks the bytes really are an .xlsx package before ExcelJS sees them. */
function openPackage(data: Buffer, name: string): ZipPackage {
  if (data.length === 0) throw new PlanFileError('unreadable', `${name} is empty (0 bytes): it is not a workbook.`);
  const head = data.subarray(0, 8);
  if (head.equals(OLE_SIGNATURE)) {
    if (isEncryptedPackage(data, name)) {
      throw new PlanFileError(
        'encrypted',
        `${name} is password-protected: remove the password in Excel (File > Info > Protect Workbook) and try again.`,
      );
    }
    throw new PlanFileError('not-xlsx', `${name} is not an .xlsx workbook: ${SAVE_AS_XLSX}.`);
  }
  if (!head.subarray(0, 4).equals(ZIP_SIGNATURE) && !head.subarray(0, 4).equals(EMPTY_ZIP_SIGNATURE)) {
    throw new PlanFileError('not-xlsx', `${name} is not an .xlsx workbook: ${SAVE_AS_XLSX}.`);
  }
  let zip: ZipPackage;
  try {
    zip = ZipPackage.read(data);
  } catch (err) {
    throw damaged(name, err);
  }
  if (!zip.has('xl/workbook.xml')) {
    throw new PlanFileError('not-xlsx', `${name} is not an .xlsx workbook (it is another kind of Office file): ${SAVE_AS_XLSX}.`);
  }
  return zip;
}

function damaged(name: string, err: unknown): Error {
  if (!(err instanceof ZipError)) return err instanceof Error ? err : new Error(String(err));
  return new PlanFileError('unreadable', `${name} is damaged (${reason(err)}): open it in Excel, let it repair the file, and save it again.`);
}

/**
 * A Compound File is a password-protected workbook when it holds an EncryptionInfo stream. Old
 * .xls workbooks hold a "Workbook" (or "Book") stream instead. Stream names are UTF-16 in the
 * file's directory; a bare signature with neither, named .xlsx, is treated as protected.
 */
function isEncryptedPackage(data: Buffer, name: string): boolean {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  if (data.includes(utf16('EncryptionInfo'))) return true;
  if (data.includes(utf16('Workbook')) || data.includes(utf16('Book'))) return false;
  return /\.xls[xmb]$/i.test(name);
}

/**
 * Writes the workbook, adds the patch's charts (which ExcelJS cannot write), and replaces the file
 * at `path` in one step: the data goes to a temporary file beside it that is then renamed.
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string, patch?: WorkbookPatch): Promise<void> {
  const charts: SheetChart[] = (patch?.sheets ?? []).flatMap((s) => (s.chart ? [{ sheet: s.name, chart: s.chart }] : []));
  await saveWorkbookWithCharts(workbook, path, charts);
}

export async function saveWorkbookWithCharts(workbook: ExcelJS.Workbook, path: string, charts: SheetChart[]): Promise<void> {
  const name = nodePath.basename(path);
  const data = await workbookBuffer(workbook, charts);
  const temp = nodePath.join(nodePath.dirname(path), `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, path);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new PlanFileError('write-failed', `Could not save ${path}: ${writeReason(err)}`);
  }
}

/**
 * How hard the saved package is compressed: a little below zlib's default of 6, which takes about
 * twice as long for a file about 6% smaller.
 */
const DEFLATE_LEVEL = 4;

/**
 * The finished .xlsx bytes: ExcelJS's output with links repaired and charts added. Its parts are
 * compressed once, at the end, by zlib.
 */
export async function workbookBuffer(workbook: ExcelJS.Workbook, charts: SheetChart[]): Promise<Buffer> {
  const zip = await renderParts(workbook);
  // Links within the workbook are already in Excel's form (renderParts); print areas are not.
  await repairAfterWrite(zip);
  await addCharts(zip, charts, chartValues(workbook));
  return zip.toBuffer(DEFLATE_LEVEL);
}

/** The charts' cached figures, from the workbook's cells rather than from the XML just written. */
function chartValues(workbook: ExcelJS.Workbook): CellValues {
  return (sheet, address) => {
    const at = parseA1(address);
    const cell = at ? workbook.getWorksheet(sheet)?.findCell(at.row, at.col) : undefined;
    const value = cell ? cellValue(cell) : null;
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  };
}

function writeReason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'the folder does not exist.';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (is the file open in Excel or read-only, or the folder protected?).';
    case 'EBUSY':
      return 'the file is in use: close it in Excel and try again.';
    case 'EISDIR':
      return 'that path is a folder: give a file name ending in .xlsx.';
    case 'ENOSPC':
      return 'the disk is full.';
    default:
      return `${reason(err)}.`;
  }
}

function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].replace(/\.$/, '');
}
