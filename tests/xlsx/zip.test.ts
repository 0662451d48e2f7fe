import { deflateRawSync } from 'zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { LIMITS, ZipError, ZipLimitError, ZipPackage, crc32, tableCrc32 } from '../../src/xlsx/zip';
import { zipBomb } from '../fixtures/corpus/files';

const WORKBOOK = '<workbook><sheets><sheet name="Plan – 2015/16"/></sheets></workbook>';
const PICTURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 250, 251]);

/** A package as another program writes it: deflated and stored parts, a folder entry. */
async function otherPackage(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('xl/workbook.xml', WORKBOOK);
  zip.file('xl/media/image1.png', PICTURE, { compression: 'STORE' });
  zip.folder('xl/worksheets');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function texts(data: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) out[name] = await zip.file(name)!.async('string');
  return out;
}

describe('ZipPackage', () => {
  it("reads the parts of another program's package, leaving out folders", async () => {
    const pkg = ZipPackage.read(await otherPackage());
    expect(pkg.paths()).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/media/image1.png']);
    expect(await pkg.read('xl/workbook.xml')).toBe(WORKBOOK);
    expect(pkg.has('xl/media/image1.png')).toBe(true);
    expect(pkg.has('xl/worksheets/sheet1.xml')).toBe(false);
    expect(await pkg.read('xl/worksheets/sheet1.xml')).toBeUndefined();
  });

  it('writes a package other programs read, with parts changed and added, in order', async () => {
    const pkg = ZipPackage.read(await otherPackage());
    pkg.write('xl/workbook.xml', '<workbook>changed – £5</workbook>');
    pkg.write('xl/worksheets/sheet1.xml', '<worksheet/>');
    for (const level of [0, 1, 6]) {
      const out = await pkg.toBuffer(level);
      expect(Object.keys((await JSZip.loadAsync(out)).files)).toEqual([
        '[Content_Types].xml',
        'xl/workbook.xml',
        'xl/media/image1.png',
        'xl/worksheets/sheet1.xml',
      ]);
      expect(await texts(out)).toMatchObject({
        '[Content_Types].xml': '<Types/>',
        'xl/workbook.xml': '<workbook>changed – £5</workbook>',
        'xl/worksheets/sheet1.xml': '<worksheet/>',
      });
      const picture = await (await JSZip.loadAsync(out)).file('xl/media/image1.png')!.async('nodebuffer');
      expect(picture.equals(PICTURE)).toBe(true);
    }
  });

  it('writes an unchanged part back as it was compressed, without compressing it again', async () => {
    const sheet = '<worksheet>' + '<row><c t="s"><v>1</v></c></row>'.repeat(500) + '</worksheet>';
    const first = ZipPackage.of([['xl/worksheets/sheet1.xml', Buffer.from(sheet)]]);
    const once = await first.toBuffer(1);
    const second = ZipPackage.read(once);
    second.write('xl/workbook.xml', WORKBOOK);
    const out = await second.toBuffer(9);
    expect(out.includes(deflateRawSync(sheet, { level: 1 }))).toBe(true);
    expect(out.includes(deflateRawSync(sheet, { level: 9 }))).toBe(false);
    expect((await texts(out))['xl/worksheets/sheet1.xml']).toBe(sheet);
  });

  it('stores changed parts uncompressed at level 0, for a reader that unpacks them at once', async () => {
    const pkg = ZipPackage.read(await otherPackage());
    pkg.write('xl/workbook.xml', WORKBOOK.replace('Plan', 'Business plan'));
    const out = await pkg.toBuffer(0);
    expect(out.includes(Buffer.from(WORKBOOK.replace('Plan', 'Business plan')))).toBe(true);
    expect((await texts(out))['xl/workbook.xml']).toBe(WORKBOOK.replace('Plan', 'Business plan'));
  });

  it('reads and writes part names outside plain ASCII', async () => {
    const zip = new JSZip();
    zip.file('xl/media/café – plan.png', PICTURE);
    const pkg = ZipPackage.read(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(pkg.paths()).toEqual(['xl/media/café – plan.png']);
    pkg.write('docProps/élan.xml', '<x/>');
    expect(Object.keys((await JSZip.loadAsync(await pkg.toBuffer(6))).files)).toEqual(['xl/media/café – plan.png', 'docProps/élan.xml']);
  });

  it('makes a package ExcelJS opens', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').addRow(['Ref', 'Action', 'Timescale']);
    const pkg = ZipPackage.read(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const xml = (await pkg.read('xl/worksheets/sheet1.xml'))!;
    pkg.write('xl/worksheets/sheet1.xml', xml);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await pkg.toBuffer(4)) as unknown as ExcelJS.Buffer);
    expect(again.getWorksheet('Plan')?.getRow(1).values).toEqual([undefined, 'Ref', 'Action', 'Timescale']);
  });

  it('reads a ZIP64 package, as some programs write even small workbooks', async () => {
    const data = zip64([
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', WORKBOOK],
    ]);
    // The hand-made package is a good one: JSZip reads it too.
    expect((await texts(data))['xl/workbook.xml']).toBe(WORKBOOK);
    const pkg = ZipPackage.read(data);
    expect(pkg.paths()).toEqual(['[Content_Types].xml', 'xl/workbook.xml']);
    expect(await pkg.read('xl/workbook.xml')).toBe(WORKBOOK);
  });

  describe('says what is wrong with a damaged package', () => {
    const reading = (data: Buffer) => () => ZipPackage.read(data);

    it('bytes that end without a zip directory', async () => {
      const whole = await otherPackage();
      expect(reading(whole.subarray(0, whole.length - 30))).toThrow(new ZipError('the end of its directory is missing'));
      expect(reading(Buffer.from('not a zip at all, just text'))).toThrow(ZipError);
    });

    it('a directory that is cut short', async () => {
      const whole = await otherPackage();
      const end = whole.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const damaged = Buffer.from(whole);
      damaged.writeUInt16LE(whole.readUInt16LE(end + 10) + 1, end + 10);
      expect(reading(damaged)).toThrow('its directory is cut short');
    });

    it('a part whose compressed data is damaged', async () => {
      const sheet = '<worksheet>' + '<row r="1"/>'.repeat(200) + '</worksheet>';
      const good = await ZipPackage.of([['xl/worksheets/sheet1.xml', Buffer.from(sheet)]]).toBuffer(6);
      const damaged = Buffer.from(good);
      // The deflated data starts after the 30-byte local header and the name.
      damaged.fill(0xff, 30 + 'xl/worksheets/sheet1.xml'.length, 40 + 'xl/worksheets/sheet1.xml'.length);
      const pkg = ZipPackage.read(damaged);
      await expect(pkg.read('xl/worksheets/sheet1.xml')).rejects.toThrow(/^the part xl\/worksheets\/sheet1\.xml cannot be unpacked/);
    });

    it('an encrypted part, or one packed in a way workbooks are not', async () => {
      const good = await ZipPackage.of([['xl/workbook.xml', Buffer.from(WORKBOOK)]]).toBuffer(6);
      const central = good.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      const encrypted = Buffer.from(good);
      encrypted.writeUInt16LE(1, central + 8);
      expect(reading(encrypted)).toThrow('the part xl/workbook.xml is encrypted');
      const bzip2 = Buffer.from(good);
      bzip2.writeUInt16LE(12, central + 10);
      expect(reading(bzip2)).toThrow('the part xl/workbook.xml is packed in a way workbooks are not (method 12)');
    });
  });
});

describe('the limits that keep a zip bomb from taking the machine', () => {
  const refusal = (data: Buffer) => {
    try {
      ZipPackage.read(data);
    } catch (err) {
      if (err instanceof ZipLimitError) return err.message;
      throw err;
    }
    return null;
  };

  it('refuses a part that would unpack past 500 MB, before unpacking anything', async () => {
    expect(refusal(await zipBomb(600))).toBe('would unpack its part xl/worksheets/sheet1.xml to 600 MB, more than the 500 MB BoardPlan reads in one part: it was not read.');
  });

  it('refuses parts that together would unpack past 1 GB', async () => {
    expect(refusal(await zipBomb(400, 3))).toBe('would unpack to 1,200 MB, more than the 1,024 MB BoardPlan reads in one workbook: it was not read.');
  });

  it('refuses a large part packed a thousand times smaller than it unpacks, as only a bomb is', async () => {
    expect(refusal(await zipBomb(20))).toMatch(/^would unpack its part xl\/worksheets\/sheet1\.xml to 1,0\d\d times its packed size \(20 MB\), as a zip bomb does/);
  });

  it('stops unpacking a part that holds far more than its directory says', async () => {
    const pkg = ZipPackage.read(await zipBomb(20, 1, 1000));
    await expect(pkg.read('xl/workbook.xml')).resolves.toContain('<sheets>');
    await expect(pkg.read('xl/worksheets/sheet1.xml')).rejects.toThrow(/holds far more in its part xl\/worksheets\/sheet1\.xml than its directory says/);
  });

  it(`refuses a package of more than ${LIMITS.parts.toLocaleString('en-GB')} parts`, async () => {
    const parts: [string, Buffer][] = Array.from({ length: LIMITS.parts + 1 }, (_, i) => [`xl/media/image${i}.png`, PICTURE]);
    expect(refusal(await ZipPackage.of(parts).toBuffer(0))).toBe('has 10,001 parts, more than the 10,000 BoardPlan reads: it was not read.');
  });

  it('reads a real sheet that packs very well, when it is not a bomb', async () => {
    const sheet = Buffer.from('<row><c t="s"><v>1</v></c></row>'.repeat(400_000));
    const pkg = ZipPackage.read(await ZipPackage.of([['xl/worksheets/sheet1.xml', sheet]]).toBuffer(9));
    expect((await pkg.readBytes('xl/worksheets/sheet1.xml'))!.equals(sheet)).toBe(true);
  });
});

describe('crc32', () => {
  it('gives the checksum zlib gives, also where Node has no zlib.crc32', () => {
    for (const text of ['', 'a', '<worksheet/>', 'Update Dec 15: “draft” – £5'.repeat(100)]) {
      const data = Buffer.from(text);
      expect(tableCrc32(data)).toBe(crc32(data));
    }
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

/** A package in the ZIP64 form, stored (not compressed), built by hand from its specification. */
function zip64(parts: [string, string][]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [path, text] of parts) {
    const name = Buffer.from(path);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30 + name.length + 20);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(0xffffffff, 18);
    local.writeUInt32LE(0xffffffff, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(20, 28);
    name.copy(local, 30);
    local.writeUInt16LE(1, 30 + name.length);
    local.writeUInt16LE(16, 32 + name.length);
    local.writeBigUInt64LE(BigInt(data.length), 34 + name.length);
    local.writeBigUInt64LE(BigInt(data.length), 42 + name.length);
    const entry = Buffer.alloc(46 + name.length + 28);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(45, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(0xffffffff, 20);
    entry.writeUInt32LE(0xffffffff, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(28, 30);
    entry.writeUInt32LE(0xffffffff, 42);
    name.copy(entry, 46);
    entry.writeUInt16LE(1, 46 + name.length);
    entry.writeUInt16LE(24, 48 + name.length);
    entry.writeBigUInt64LE(BigInt(data.length), 50 + name.length);
    entry.writeBigUInt64LE(BigInt(data.length), 58 + name.length);
    entry.writeBigUInt64LE(BigInt(offset), 66 + name.length);
    chunks.push(local, data);
    central.push(entry);
    offset += local.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(parts.length), 24);
  end64.writeBigUInt64LE(BigInt(parts.length), 32);
  end64.writeBigUInt64LE(BigInt(directory.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([...chunks, directory, end64, locator, end]);
}
