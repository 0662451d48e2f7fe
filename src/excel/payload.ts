/**
 * How BoardPlan measures what a batch of Office.js calls sends to Excel. Excel does not report the
 * size of a request, so the host and the test fake share one estimate: every queued call (a method
 * call, a property write or a load) is one operation, and its size is the JSON length of its name
 * and arguments. Real requests carry some object-path overhead on top, which is why the host writes
 * in chunks well under Excel on the web's limit.
 */

/** Excel on the web rejects a request or a response over 5 MB. */
export const EXCEL_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** The host keeps each write sync under this, leaving room for Office.js's own envelope. */
export const CHUNK_BUDGET = 4 * 1024 * 1024;
/** Excel refuses to read more than this many cells of one range in a single load. */
export const EXCEL_MAX_CELLS_PER_READ = 5_000_000;

/** An Office.js proxy object (Range, Worksheet…): it has a load method. */
export function isApiObject(value: unknown): value is { load: (...args: unknown[]) => unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { load?: unknown }).load === 'function';
}

/** Size in bytes of one queued operation. Proxy objects passed as arguments count as a reference. */
export function operationBytes(name: string, args: readonly unknown[]): number {
  const plain = args.map((a) => (isApiObject(a) ? '#ref' : a === undefined ? null : a));
  return JSON.stringify([name, plain]).length;
}
