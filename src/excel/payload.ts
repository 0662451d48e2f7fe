/**
 * How big a request to Excel gets. Excel does not report it, so the host bounds it from the format
 * Office.js sends (a JSON body of object paths and actions, as read in Microsoft's client): every
 * call queues at most one object path and a few actions around its arguments, and the client
 * slices a grid of values over 1,500 cells into pieces, each reached through three more paths.
 * The tests hold these bounds against the requests Microsoft's client really sends.
 */

/** Excel on the web rejects a request or a response over 5 MB. */
export const EXCEL_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** The host keeps every request under this, a margin below Excel's limit. */
export const REQUEST_BUDGET = 4.5 * 1024 * 1024;
/** Excel reads at most about this many cells of one range at a time; a bigger range comes back with null values. */
export const EXCEL_MAX_CELLS_PER_READ = 5_000_000;

/**
 * Upper bound of one call's own bytes: its object path (e.g. `{"Id":1234,"ObjectPathType":3,
 * "Name":"GetRange","ParentObjectPathId":1233,"ArgumentInfo":{"Arguments":[…]}}`, about 110 bytes
 * without the arguments), the action that instantiates it (about 60) and the action itself with the
 * client's list of paths it last uses (about 110).
 */
export const CALL_BYTES = 300;
/** The client slices a grid write into pieces of this many cells… */
const SLICE_CELLS = 1500;
/** …each costing three object paths, their instantiation and the write. */
const SLICE_BYTES = 700;

/** Bytes of a text in UTF-8, as it goes over the wire. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: one character of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes of a value as the client serialises it (JSON, UTF-8). */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? 'null');
}

/** Bound of `calls` calls whose arguments serialise to `argumentBytes`. */
export function callBytes(calls: number, argumentBytes = 0): number {
  return calls * CALL_BYTES + argumentBytes;
}

/** Bound of writing a grid (values or number formats) to a range. */
export function gridBytes(rows: readonly unknown[][], serialised = jsonBytes(rows)): number {
  const cells = rows.reduce((n, r) => n + r.length, 0);
  return CALL_BYTES + serialised + Math.ceil(cells / SLICE_CELLS) * SLICE_BYTES;
}
