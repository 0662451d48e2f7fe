import { promises as fs } from 'fs';
import * as nodePath from 'path';
import type { WorkbookSnapshot } from '../core/snapshot';
import { NotWorkbookError, readWorkbook, type WorkbookParts } from './package';
import { snapshotFromPackage } from './values';
import { XmlError } from './xml';
import { ZipError, ZipLimitError, ZipPackage } from './zip';

/**
 * Opening a workbook file: what it is (missing, a folder, an old .xls, password-protected, damaged,
 * too large to read safely, or an .xlsx package), said in one line the user can act on. Check and
 * refresh read the same snapshot from here.
 */

/**
 * Why a workbook file could not be opened or saved; the message is one line the user can act on.
 * 'too-large': over the limits that keep a zip bomb from taking the machine's memory;
 * 'refused': a refresh that cannot be written without changing something of the user's.
 */
export type PlanFileErrorCode = 'missing' | 'not-xlsx' | 'encrypted' | 'unreadable' | 'too-large' | 'refused' | 'write-failed';

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

/**
 * A workbook file's package, checked to be an .xlsx (not missing, a folder, an old .xls, a
 * password-protected or damaged file), with the bytes it was read from.
 */
export async function openPackageFile(path: string): Promise<{ name: string; data: Buffer; zip: ZipPackage; workbook: WorkbookParts }> {
  const name = nodePath.basename(path);
  const data = await readFileClassified(path, name);
  const zip = openPackage(data, name);
  let workbook: WorkbookParts;
  try {
    workbook = await readWorkbook(zip);
  } catch (err) {
    if (err instanceof NotWorkbookError) {
      throw new PlanFileError('not-xlsx', `${name} is not an .xlsx workbook${err.other ? ' (it is another kind of Office file)' : ''}: ${SAVE_AS_XLSX}.`);
    }
    throw damaged(name, err);
  }
  return { name, data, zip, workbook };
}

/** The snapshot of a workbook file, read straight from its XML (values.ts): what check and refresh read. */
export async function readSnapshot(path: string): Promise<WorkbookSnapshot> {
  const { name, zip, workbook } = await openPackageFile(path);
  try {
    return await snapshotFromPackage(zip, name, workbook);
  } catch (err) {
    throw damaged(name, err);
  }
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
  try {
    return ZipPackage.read(data);
  } catch (err) {
    throw damaged(name, err);
  }
}

/**
 * An error met while reading a package, as one line: over a limit, or damaged (a broken zip, XML
 * that is not well formed). Anything else is passed on as it is.
 */
export function damaged(name: string, err: unknown): Error {
  if (err instanceof PlanFileError) return err;
  if (err instanceof ZipLimitError) {
    return new PlanFileError('too-large', `${name} ${err.message.replace(/\.$/, '')}; if it is a real workbook, remove what it does not need in Excel and save it again.`);
  }
  if (err instanceof XmlError) {
    return new PlanFileError('unreadable', `${name} is damaged (a part is not well-formed XML: ${reason(err)}): open it in Excel, let it repair the file, and save it again.`);
  }
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

/** An error's message as a clause: its first line, without a closing full stop. */
export function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].replace(/\.$/, '');
}
