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
import { PlanFileError, damaged, openPackageFile, reason } from './open';

// Saving fails with the same kind of error as opening.
export { PlanFileError, type PlanFileErrorCode } from './open';

export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const { name, data, zip } = await openPackageFile(path);
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

/**
 * Writes the workbook, adds the patch's charts (which ExcelJS cannot write), and replaces the file
 * at `path` in one step: the data goes to a temporary file beside it that is then renamed.
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string, patch?: WorkbookPatch): Promise<void> {
  const charts: SheetChart[] = (patch?.sheets ?? []).flatMap((s) => (s.chart ? [{ sheet: s.name, chart: s.chart, font: s.font }] : []));
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
