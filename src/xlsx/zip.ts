import { promisify } from 'util';
import * as zlib from 'zlib';
import type { PackageParts } from './parts';

/**
 * An .xlsx package (a zip) read and written with Node's own zlib, for the command line. JSZip,
 * which ExcelJS uses, inflates and deflates in JavaScript and compresses every part again when it
 * writes a package; here a part is inflated only when it is read, a part that was not changed is
 * written back exactly as it was, and the rest are compressed natively, in parallel.
 *
 * Only what workbooks use: stored and deflated parts, ZIP64 when reading. No encryption.
 */

/** Why the bytes are not a zip this can read; the message completes "… is damaged (…)". */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/**
 * What a workbook may unpack to before it is refused unread. A plan workbook is rarely over 10 MB;
 * these leave room for the largest real ones while stopping a zip bomb (a few MB that unpack to
 * gigabytes) before it takes the machine's memory. Checked on the sizes the package declares, and
 * again while unpacking, so that a package cannot declare less than it holds.
 */
export const LIMITS = {
  /** Parts in the package. */
  parts: 10_000,
  /** One part, unpacked. */
  partBytes: 500 * 1024 * 1024,
  /** All parts, unpacked. */
  totalBytes: 1024 * 1024 * 1024,
  /**
   * How many times its packed size a large part may unpack to. Workbooks pack about 5 to 150 times
   * (a sheet of one text repeated, more); deflate cannot pack more than about 1,030 times.
   */
  ratio: 500,
  /** Parts smaller than this are not held to the ratio: small repetitive parts pack very well. */
  ratioFrom: 10 * 1024 * 1024,
} as const;

/** A package over one of the LIMITS; the message completes "<file> …". */
export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

const MB = 1024 * 1024;
/** How many parts' text a package keeps once read. */
const KEPT_TEXTS = 4;
/** How far past its declared size a part may unpack before it is taken for a bomb. */
const SIZE_SLACK = MB;
const megabytes = (n: number) => `${(n / MB).toLocaleString('en-GB', { maximumFractionDigits: n < 10 * MB ? 1 : 0 })} MB`;

const SIGNATURE = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
  end64: 0x06064b50,
  end64Locator: 0x07064b50,
} as const;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const ZIP64_EXTRA = 0x0001;
/** Version 2.0 of the format: deflate, folders; what Excel and JSZip write. */
const VERSION = 20;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;

const deflateRaw = promisify(zlib.deflateRaw);

/** zlib.crc32 came in Node 20.15; before it, the same sum computed here. */
export const crc32: (data: Buffer) => number = typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : tableCrc32;

let crcTable: Int32Array | undefined;

export function tableCrc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

interface Entry {
  /** The part as the package holds it: deflated or stored, as `method` says. */
  data: Buffer;
  method: number;
  crc: number;
  /** Size once inflated. */
  size: number;
  /** Modification time and date, in the zip's DOS form. */
  time: number;
  date: number;
}

export class ZipPackage implements PackageParts {
  /** Changed and added parts, uncompressed; they replace the entries of the same path. */
  private readonly changed = new Map<string, string | Buffer>();
  /** Parts taken out of the package. */
  private readonly removed = new Set<string>();

  private constructor(private readonly entries: Map<string, Entry>) {}

  /**
   * Reads the package's directory; parts are inflated only when read. Throws a ZipError for a
   * damaged package, a ZipLimitError for one over the LIMITS.
   */
  static read(data: Buffer): ZipPackage {
    const entries = readEntries(data);
    checkLimits(entries);
    return new ZipPackage(entries);
  }

  /** A package of these parts, by path, not yet compressed. */
  static of(parts: Iterable<[string, Buffer]>): ZipPackage {
    const pkg = new ZipPackage(new Map());
    for (const [path, content] of parts) pkg.changed.set(path, content);
    return pkg;
  }

  paths(): string[] {
    const out = [...this.entries.keys()].filter((path) => !this.removed.has(path));
    for (const path of this.changed.keys()) if (!this.entries.has(path)) out.push(path);
    return out;
  }

  has(path: string): boolean {
    return this.changed.has(path) || (this.entries.has(path) && !this.removed.has(path));
  }

  /** A part as text: UTF-8, or UTF-16 where it starts with that byte-order mark (written back the same way). */
  async read(path: string): Promise<string | undefined> {
    // A plan sheet is read for the snapshot, then to edit it: the text of the last parts read is kept.
    const kept = this.texts.get(path);
    if (kept !== undefined) return kept;
    const text = await this.decode(path);
    if (text !== undefined && this.isOriginal(path)) {
      if (this.texts.size >= KEPT_TEXTS) this.texts.delete(this.texts.keys().next().value!);
      this.texts.set(path, text);
    }
    return text;
  }

  /** The text of the last few original parts read, by path. */
  private readonly texts = new Map<string, string>();

  private async decode(path: string): Promise<string | undefined> {
    const bytes = await this.readBytes(path);
    if (!bytes) return undefined;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.utf16.add(path);
      return bytes.subarray(2).toString('utf16le');
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      this.utf16.add(path);
      return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
    }
    return bytes.toString('utf8');
  }

  /** Parts read as UTF-16 text. */
  private readonly utf16 = new Set<string>();

  /** A part's bytes, unpacked. */
  async readBytes(path: string): Promise<Buffer | undefined> {
    const content = this.changed.get(path);
    if (content !== undefined) return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const entry = this.removed.has(path) ? undefined : this.entries.get(path);
    return entry ? contentOf(path, entry) : undefined;
  }

  /** Whether a part is the one the package was read with, untouched. */
  isOriginal(path: string): boolean {
    return this.entries.has(path) && !this.changed.has(path) && !this.removed.has(path);
  }

  write(path: string, text: string | Buffer): void {
    this.texts.delete(path);
    this.removed.delete(path);
    const utf16 = typeof text === 'string' && this.utf16.has(path);
    this.changed.set(path, utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text);
  }

  remove(path: string): void {
    this.texts.delete(path);
    this.changed.delete(path);
    if (this.entries.has(path)) this.removed.add(path);
  }

  /**
   * The package as bytes: parts not changed are copied as they were read, still packed; changed and
   * new parts are deflated at `level` (stored, at level 0).
   */
  async toBuffer(level: number): Promise<Buffer> {
    const now = dosDateTime(new Date());
    const parts = await Promise.all(
      this.paths().map(async (path): Promise<[string, Entry]> => {
        const changed = this.changed.get(path);
        const entry = this.entries.get(path);
        if (changed === undefined) return [path, entry!];
        const content = typeof changed === 'string' ? Buffer.from(changed, 'utf8') : changed;
        const crc = crc32(content);
        const { time, date } = now;
        if (level === 0) return [path, { data: content, method: STORED, crc, size: content.length, time, date }];
        return [path, { data: await deflateRaw(content, { level }), method: DEFLATED, crc, size: content.length, time, date }];
      }),
    );
    return writeEntries(parts);
  }
}

/** A part's bytes, unpacked to no more than it declared (a package cannot hide a bomb behind small sizes). */
function contentOf(path: string, entry: Entry): Buffer {
  if (entry.method === STORED) return entry.data;
  let out: Buffer;
  try {
    // A damaged directory may be a few bytes out; a package that hides a bomb behind small sizes is not let past them.
    out = zlib.inflateRawSync(entry.data, { maxOutputLength: entry.size + SIZE_SLACK });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipLimitError(`holds far more in its part ${path} than its directory says (over ${megabytes(entry.size + SIZE_SLACK)}), as a zip bomb does: it was not read further.`);
    }
    throw new ZipError(`the part ${path} cannot be unpacked: ${err instanceof Error ? err.message : String(err)}`);
  }
  return out;
}

/** The LIMITS, on the sizes the package's directory declares: the number of parts, their total, each part. */
function checkLimits(entries: Map<string, Entry>): void {
  if (entries.size > LIMITS.parts) {
    throw new ZipLimitError(`has ${entries.size.toLocaleString('en-GB')} parts, more than the ${LIMITS.parts.toLocaleString('en-GB')} BoardPlan reads: it was not read.`);
  }
  let total = 0;
  for (const entry of entries.values()) total += entry.size;
  if (total > LIMITS.totalBytes) {
    throw new ZipLimitError(`would unpack to ${megabytes(total)}, more than the ${megabytes(LIMITS.totalBytes)} BoardPlan reads in one workbook: it was not read.`);
  }
  for (const [path, entry] of entries) {
    if (entry.size > LIMITS.partBytes) {
      throw new ZipLimitError(`would unpack its part ${path} to ${megabytes(entry.size)}, more than the ${megabytes(LIMITS.partBytes)} BoardPlan reads in one part: it was not read.`);
    }
    const packed = Math.max(1, entry.data.length);
    if (entry.method === DEFLATED && entry.size >= LIMITS.ratioFrom && entry.size / packed > LIMITS.ratio) {
      throw new ZipLimitError(
        `would unpack its part ${path} to ${Math.round(entry.size / packed).toLocaleString('en-GB')} times its packed size (${megabytes(entry.size)}), as a zip bomb does: it was not read.`,
      );
    }
  }
}

// ---- reading ------------------------------------------------------------------------------------

function readEntries(data: Buffer): Map<string, Entry> {
  const end = findEnd(data);
  let count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  if (count === MAX_U16 || offset === MAX_U32) ({ count, offset } = readEnd64(data, end));

  const entries = new Map<string, Entry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== SIGNATURE.central) throw new ZipError('its directory is cut short');
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const name = data.toString(flags & FLAG_UTF8_NAME ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const sizes = {
      size: data.readUInt32LE(at + 24),
      compressed: data.readUInt32LE(at + 20),
      local: data.readUInt32LE(at + 42),
    };
    readZip64Sizes(data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), sizes);
    const entry: Entry = {
      data: localData(data, sizes.local, sizes.compressed, name),
      method,
      crc: data.readUInt32LE(at + 16),
      size: sizes.size,
      time: data.readUInt16LE(at + 12),
      date: data.readUInt16LE(at + 14),
    };
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // a folder: Excel's own packages have none
    if (flags & FLAG_ENCRYPTED) throw new ZipError(`the part ${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED) throw new ZipError(`the part ${name} is packed in a way workbooks are not (method ${method})`);
    entries.set(name, entry);
  }
  return entries;
}

/** The end-of-directory record: the last thing in the file, before a comment of up to 64 KB. */
function findEnd(data: Buffer): number {
  const last = data.length - 22;
  for (let at = last; at >= 0 && at >= last - MAX_U16; at--) {
    if (data.readUInt32LE(at) === SIGNATURE.end) return at;
  }
  throw new ZipError('the end of its directory is missing');
}

function readEnd64(data: Buffer, end: number): { count: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || data.readUInt32LE(locator) !== SIGNATURE.end64Locator) throw new ZipError('its directory is damaged');
  const end64 = Number(data.readBigUInt64LE(locator + 8));
  if (end64 + 56 > data.length || data.readUInt32LE(end64) !== SIGNATURE.end64) throw new ZipError('its directory is damaged');
  return { count: Number(data.readBigUInt64LE(end64 + 32)), offset: Number(data.readBigUInt64LE(end64 + 48)) };
}

/** Sizes too big for 32 bits are in a ZIP64 extra field, in this order, only where saturated. */
function readZip64Sizes(extra: Buffer, sizes: { size: number; compressed: number; local: number }): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      for (const key of ['size', 'compressed', 'local'] as const) {
        if (sizes[key] !== MAX_U32 || field + 8 > at + 4 + length) continue;
        sizes[key] = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
      return;
    }
    at += 4 + length;
  }
}

function localData(data: Buffer, local: number, compressed: number, name: string): Buffer {
  if (local + 30 > data.length || data.readUInt32LE(local) !== SIGNATURE.local) throw new ZipError(`the part ${name} is missing`);
  const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
  if (start + compressed > data.length) throw new ZipError(`the part ${name} is cut short`);
  return data.subarray(start, start + compressed);
}

// ---- writing ------------------------------------------------------------------------------------

function writeEntries(parts: [string, Entry][]): Buffer {
  const names = parts.map(([path]) => Buffer.from(path, 'utf8'));
  const localSize = parts.reduce((n, [, e], i) => n + 30 + names[i].length + e.data.length, 0);
  const centralSize = names.reduce((n, name) => n + 46 + name.length, 0);
  if (parts.length > MAX_U16 || localSize + centralSize > MAX_U32) {
    throw new Error('The workbook is too large to save: it would need a ZIP64 package, which BoardPlan does not write.');
  }
  const out = Buffer.alloc(localSize + centralSize + 22);
  const offsets: number[] = [];
  let at = 0;
  parts.forEach(([path, entry], i) => {
    offsets.push(at);
    at = header(out, at, SIGNATURE.local, entry, names[i], flagsFor(path, names[i]));
    at += entry.data.copy(out, at);
  });
  const centralStart = at;
  parts.forEach(([path, entry], i) => {
    at = header(out, at, SIGNATURE.central, entry, names[i], flagsFor(path, names[i]), offsets[i]);
  });
  out.writeUInt32LE(SIGNATURE.end, at);
  out.writeUInt16LE(parts.length, at + 8);
  out.writeUInt16LE(parts.length, at + 10);
  out.writeUInt32LE(at - centralStart, at + 12);
  out.writeUInt32LE(centralStart, at + 16);
  return out;
}

/** Names are written in UTF-8; the flag says so where that differs from plain ASCII. */
function flagsFor(path: string, name: Buffer): number {
  return name.length === path.length ? 0 : FLAG_UTF8_NAME;
}

/** Writes a local header (no offset) or a directory entry (with the offset of its local header). */
function header(out: Buffer, at: number, signature: number, entry: Entry, name: Buffer, flags: number, localOffset?: number): number {
  const central = localOffset !== undefined;
  out.writeUInt32LE(signature, at);
  let p = at + 4;
  if (central) p = out.writeUInt16LE(VERSION, p); // made by
  p = out.writeUInt16LE(VERSION, p); // needed to extract
  p = out.writeUInt16LE(flags, p);
  p = out.writeUInt16LE(entry.method, p);
  p = out.writeUInt16LE(entry.time, p);
  p = out.writeUInt16LE(entry.date, p);
  p = out.writeUInt32LE(entry.crc >>> 0, p);
  p = out.writeUInt32LE(entry.data.length, p);
  p = out.writeUInt32LE(entry.size, p);
  p = out.writeUInt16LE(name.length, p);
  p = out.writeUInt16LE(0, p); // extra field length
  if (central) {
    p = out.writeUInt16LE(0, p); // comment length
    p = out.writeUInt16LE(0, p); // disk number
    p = out.writeUInt16LE(0, p); // internal attributes
    p = out.writeUInt32LE(0, p); // external attributes
    p = out.writeUInt32LE(localOffset, p);
  }
  return p + name.copy(out, p);
}

/** A date in the zip's DOS form: local time, two-second steps, from 1980. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
