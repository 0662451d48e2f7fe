import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PlanFileError } from '../../src/xlsx/open';
import { XlsxHost } from '../../src/xlsx/host';
import { WorkbookPatchSchema } from '../../src/core/patch';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-file-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Opening a file as a refresh does: its package, its workbook part, its snapshot. */
async function openWorkbook(file: string): Promise<XlsxHost> {
  const host = await XlsxHost.open(file);
  await host.snapshot();
  return host;
}

async function failure(file: string): Promise<PlanFileError> {
  try {
    await openWorkbook(file);
  } catch (err) {
    if (err instanceof PlanFileError) return err;
    throw err;
  }
  throw new Error(`${file} opened without an error`);
}

async function write(name: string, data: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, data);
  return file;
}

async function planBuffer(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Plan').addRow(['Ref', 'Action', 'Timescale']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('opening a workbook file', () => {
  it('opens an .xlsx workbook', async () => {
    const file = await write('plan.xlsx', await planBuffer());
    const snapshot = await (await openWorkbook(file)).snapshot();
    expect(snapshot.sheets[0]).toMatchObject({ name: 'Plan', values: [['Ref', 'Action', 'Timescale']] });
  });

  it('says when the file does not exist', async () => {
    const file = path.join(dir, 'plan.xlsx');
    const err = await failure(file);
    expect(err.code).toBe('missing');
    expect(err.message).toBe(`File not found: ${file}`);
  });

  it('says when the path is a folder', async () => {
    const err = await failure(dir);
    expect(err.code).toBe('not-xlsx');
    expect(err.message).toBe(`${dir} is a folder, not an .xlsx workbook: give the path of the workbook file.`);
  });

  it('says a CSV file renamed to .xlsx is not a workbook and how to make one', async () => {
    const file = await write('plan.xlsx', 'Ref,Action,Timescale\n1.1,Audit,Jun-16\n');
    const err = await failure(file);
    expect(err.code).toBe('not-xlsx');
    expect(err.message).toBe('plan.xlsx is not an .xlsx workbook: open it in Excel and save it as Excel Workbook (.xlsx).');
  });

  it('says an old .xls workbook must be saved as .xlsx', async () => {
    // An .xls file is a Compound File holding a "Workbook" stream.
    const xls = Buffer.concat([OLE, Buffer.alloc(504), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(1024)]);
    const err = await failure(await write('plan.xls', xls));
    expect(err.code).toBe('not-xlsx');
    expect(err.message).toBe('plan.xls is not an .xlsx workbook: open it in Excel and save it as Excel Workbook (.xlsx).');
  });

  it('says a password-protected workbook must have its password removed', async () => {
    const err = await failure(await write('plan.xlsx', Buffer.concat([OLE, Buffer.alloc(2048)])));
    expect(err.code).toBe('encrypted');
    expect(err.message).toBe(
      'plan.xlsx is password-protected: remove the password in Excel (File > Info > Protect Workbook) and try again.',
    );
  });

  it('recognises an encrypted package by its EncryptionInfo stream whatever its name', async () => {
    const data = Buffer.concat([OLE, Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(512)]);
    const err = await failure(await write('plan copy', data));
    expect(err.code).toBe('encrypted');
  });

  it('says a damaged workbook could not be read', async () => {
    const whole = await planBuffer();
    const err = await failure(await write('plan.xlsx', whole.subarray(0, Math.floor(whole.length / 2))));
    expect(err.code).toBe('unreadable');
    expect(err.message).toMatch(/^plan\.xlsx is damaged \(.+\): open it in Excel, let it repair the file, and save it again\.$/);
  });

  it('says which part of a damaged workbook could not be unpacked', async () => {
    const whole = await planBuffer();
    const zip = await JSZip.loadAsync(whole);
    // A worksheet whose compressed data is garbage, in an otherwise sound package.
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('nodebuffer');
    const at = whole.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 'xl/worksheets/sheet1.xml'.length;
    const damaged = Buffer.from(whole);
    damaged.fill(0xff, at, at + Math.min(12, sheet.length));
    const err = await failure(await write('plan.xlsx', damaged));
    expect(err.code).toBe('unreadable');
    expect(err.message).toMatch(/^plan\.xlsx is damaged \(the part xl\/worksheets\/sheet1\.xml cannot be unpacked: .+\): open it in Excel/);
  });

  it('says a zip that holds no workbook (such as a Word document) is not one', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    zip.file('[Content_Types].xml', '<Types/>');
    const err = await failure(await write('plan.xlsx', await zip.generateAsync({ type: 'nodebuffer' })));
    expect(err.code).toBe('not-xlsx');
    expect(err.message).toContain('plan.xlsx is not an .xlsx workbook');
  });

  it('says an empty file is not a workbook', async () => {
    const err = await failure(await write('plan.xlsx', ''));
    expect(err.code).toBe('unreadable');
    expect(err.message).toBe('plan.xlsx is empty (0 bytes): it is not a workbook.');
  });

  it('gives every failure as a single line', async () => {
    const files = [
      path.join(dir, 'none.xlsx'),
      dir,
      await write('a.xlsx', 'x,y\n'),
      await write('b.xlsx', Buffer.concat([OLE, Buffer.alloc(600)])),
      await write('c.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)])),
    ];
    for (const file of files) expect((await failure(file)).message).not.toMatch(/\n/);
  });
});

describe('saving a refreshed workbook', () => {
  const note = WorkbookPatchSchema.parse({ sheets: [{ name: 'Notes', rows: [['1.1']] }] });

  it('writes a workbook that opens again, leaving no temporary files beside it', async () => {
    const host = await openWorkbook(await write('plan.xlsx', await planBuffer()));
    await host.apply(note);
    const out = path.join(dir, 'plan-refreshed.xlsx');
    await host.save(out);
    const again = await (await openWorkbook(out)).snapshot();
    expect(again.sheets.map((s) => [s.name, s.values[0][0]])).toEqual([['Plan', 'Ref'], ['Notes', '1.1']]);
    expect((await fs.readdir(dir)).sort()).toEqual(['plan-refreshed.xlsx', 'plan.xlsx']);
  });

  it('replaces an existing file, keeping the old one as .bak when asked', async () => {
    const file = await write('plan.xlsx', await planBuffer());
    const before = await fs.readFile(file);
    const host = await openWorkbook(file);
    await host.apply(note);
    await host.save(file, { backup: true });
    expect((await (await openWorkbook(file)).snapshot()).sheets.map((s) => s.name)).toEqual(['Plan', 'Notes']);
    expect((await fs.readFile(`${file}.bak`)).equals(before)).toBe(true);
    expect((await fs.readdir(dir)).sort()).toEqual(['plan.xlsx', 'plan.xlsx.bak']);
  });

  it('says when the folder to write into does not exist', async () => {
    const host = await openWorkbook(await write('plan.xlsx', await planBuffer()));
    const out = path.join(dir, 'missing', 'plan.xlsx');
    await expect(host.save(out)).rejects.toMatchObject({
      code: 'write-failed',
      message: `Could not save ${out}: the folder does not exist.`,
    });
  });

  it('says when the target is a folder, and leaves nothing behind', async () => {
    const host = await openWorkbook(await write('plan.xlsx', await planBuffer()));
    const target = path.join(dir, 'reports');
    await fs.mkdir(target);
    await expect(host.save(target)).rejects.toMatchObject({ code: 'write-failed' });
    expect((await fs.readdir(dir)).sort()).toEqual(['plan.xlsx', 'reports']);
  });
});
