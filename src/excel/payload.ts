/**
 * How big a request to Excel gets. Excel does not report it, so the host bounds it from the format
 * Office.js sends (a JSON body of object paths and actions, as read in Microsoft's client): every
 * unit of the write reaches a few objects (each an object path and its Instantiate action) and runs a
 * few actions (a property set, a method call), and the client slices a grid of values over 1,500
 * cells into pieces, each reached through three more paths.
 * The tests hold these bounds against the requests Microsoft's client really sends.
 */

/** Excel on the web rejects a request or a response over 5 MB. */
export const EXCEL_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** The host keeps every request under this, a margin below Excel's limit. */
export const REQUEST_BUDGET = 4.5 * 1024 * 1024;
/** Excel reads at most about this many cells of one range at a time; a bigger range comes back with null values. */
export const EXCEL_MAX_CELLS_PER_READ = 5_000_000;

/**
 * Upper bounds, each with short arguments (an address, a name) included: what one object path adds
 * (e.g. `{"Id":1234,"ObjectPathType":4,"Name":"Format","ParentObjectPathId":1233}` and its
 * Instantiate action); what a range adds (`GetRange` with its address, instantiated twice, as
 * Excel.run keeps track of ranges); and one action that sets a property or calls a method, with the
 * client's list of the paths it last uses.
 */
export const PATH_BYTES = 150;
export const RANGE_BYTES = 260;
export const ACTION_BYTES = 150;
/** The client slices a grid write into pieces of this many cells… */
const SLICE_CELLS = 1500;
/** …each reached through three more object paths, and written by an action of its own. */
const SLICE_BYTES = 3 * RANGE_BYTES + ACTION_BYTES;

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

/** Bound of reaching `ranges` ranges and `paths` other objects and running `actions` on them, with arguments of `argumentBytes`. */
export function requestBytes(ranges: number, paths: number, actions: number, argumentBytes = 0): number {
  return ranges * RANGE_BYTES + paths * PATH_BYTES + actions * ACTION_BYTES + argumentBytes;
}

/** Bound of one write of a grid (values or number formats) to a range already reached. */
export function gridBytes(rows: readonly unknown[][], serialised = jsonBytes(rows)): number {
  const cells = rows.reduce((n, r) => n + r.length, 0);
  return ACTION_BYTES + serialised + Math.ceil(cells / SLICE_CELLS) * SLICE_BYTES;
}
