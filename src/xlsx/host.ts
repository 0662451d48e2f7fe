import { promises as fs } from 'fs';
import * as nodePath from 'path';
import { randomBytes } from 'crypto';
import type { ApplyStats, WorkbookHost } from '../core/host';
import type { WorkbookPatch } from '../core/patch';
import type { WorkbookSnapshot } from '../core/snapshot';
import { differences, type Ownership } from './compare';
import { editPackage } from './edit';
import { PlanFileError, damaged, openPackageFile, reason } from './open';
import { RefusedEdit } from './refused';
import { snapshotFromPackage } from './values';
import { ZipPackage } from './zip';

/**
 * An .xlsx file as a WorkbookHost: its snapshot is read from the package's XML, and a patch is
 * written into the package as edits (edit.ts), which save() then writes out: the parts BoardPlan
 * did not change are copied as they were read, byte for byte. Before anything is written, the new
 * package is checked against the one read (compare.ts): should it differ by anything but
 * BoardPlan's additions, nothing is written.
 */
export class XlsxHost implements WorkbookHost {
  /** What the patches applied so far own: checked on save. */
  private readonly own: Ownership = { columns: new Map(), sheets: new Set() };

  private constructor(
    private readonly zip: ZipPackage,
    /** The bytes the file was read from, to check the new package against. */
    private readonly data: Buffer,
    readonly path: string,
    readonly name: string,
  ) {}

  static async open(path: string): Promise<XlsxHost> {
    const { name, data, zip } = await openPackageFile(path);
    return new XlsxHost(zip, data, path, name);
  }

  async snapshot(): Promise<WorkbookSnapshot> {
    try {
      return await snapshotFromPackage(this.zip, this.name);
    } catch (err) {
      throw damaged(this.name, err);
    }
  }

  async apply(patch: WorkbookPatch): Promise<ApplyStats> {
    for (const column of patch.columns ?? []) {
      const cols = this.own.columns.get(column.sheet) ?? new Set<number>();
      cols.add(column.col);
      this.own.columns.set(column.sheet, cols);
    }
    for (const rules of patch.rules ?? []) if (!this.own.columns.has(rules.sheet)) this.own.columns.set(rules.sheet, new Set());
    for (const sheet of patch.sheets ?? []) this.own.sheets.add(sheet.name);
    for (const name of patch.deleteSheets ?? []) this.own.sheets.add(name);
    try {
      return { syncs: 0, operations: await editPackage(this.zip, patch), bytes: 0 };
    } catch (err) {
      if (err instanceof RefusedEdit) throw refused(this.name, err.message);
      throw damaged(this.name, err);
    }
  }

  /** The package as it stands, checked to keep everything of the user's. */
  async bytes(): Promise<Buffer> {
    const problems = await differences(ZipPackage.read(this.data), this.zip, this.own);
    if (problems.length) {
      throw refused(this.name, `a check before writing found that ${problems.slice(0, 3).join('; ')}; this is a fault in BoardPlan, please report it`);
    }
    return this.zip.toBuffer(DEFLATE_LEVEL);
  }

  /**
   * Writes the workbook to `path` in one step: to a temporary file beside it, then renamed over it.
   * With `backup`, a file already at `path` is first copied to `path`.bak.
   */
  async save(path: string, options: { backup?: boolean } = {}): Promise<void> {
    const data = await this.bytes();
    await writeAtomically(path, data, options.backup === true);
  }
}

/** How hard changed parts are compressed: zlib's default; only BoardPlan's parts are compressed anew. */
const DEFLATE_LEVEL = 6;

function refused(name: string, message: string): PlanFileError {
  return new PlanFileError('refused', `${name} was not refreshed, and nothing was written: ${message.replace(/\.$/, '')}.`);
}

export async function writeAtomically(path: string, data: Buffer, backup: boolean): Promise<void> {
  const name = nodePath.basename(path);
  const temp = nodePath.join(nodePath.dirname(path), `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (backup) await fs.copyFile(path, `${path}.bak`).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await fs.writeFile(temp, data);
    await fs.rename(temp, path);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new PlanFileError('write-failed', `Could not save ${path}: ${writeReason(err)}`);
  }
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

export { PlanFileError };
