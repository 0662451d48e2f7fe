import { parseA1 } from '../core/cells';
import { describeExcelError, ExcelHostError, rulesMessage } from './errors';
import { jsonBytes, requestBytes } from './payload';
import { Syncs } from './syncs';

/**
 * How a write goes to Excel: a list of units (a block of values, a style, a rule…), each with a bound
 * of the bytes it adds to a request (payload.ts), sent in as few requests as stay under the budget.
 * A request Excel still finds too large was not applied, and is split and sent again.
 */

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Whether two blocks share a cell. */
export const overlaps = (a: Rect, b: Rect): boolean => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** "B5" or "A3:H40" on a sheet; null for anything else. */
export function cellsOf(address: string): Rect | null {
  const [a, b, extra] = address.split(':');
  if (extra !== undefined) return null;
  const from = parseA1(a);
  const to = parseA1(b ?? a);
  if (!from || !to) return null;
  return { top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) };
}

/**
 * Sets one number format (or value) on every cell of the range. Excel documents that setting
 * `numberFormat` or `values` to a single value applies it to all cells of the range ("Update all
 * cells in a range", Excel JavaScript API core concepts); the typings declare only the 2-D form.
 */
export function setNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/** Split rows into runs whose JSON stays under `maxBytes`. */
export function pieces<T>(rows: T[][], maxBytes: number): { start: number; rows: T[][] }[] {
  const out: { start: number; rows: T[][] }[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const cost = jsonBytes(row) + 1;
    if (i > start && bytes + cost > maxBytes) {
      out.push({ start, rows: rows.slice(start, i) });
      start = i;
      bytes = 0;
    }
    bytes += cost;
  });
  if (rows.length > start) out.push({ start, rows: rows.slice(start) });
  return out;
}

/** What one request holds: the sheets and ranges it has reached, so each is reached once. */
export class Request {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  private readonly ranges = new Map<string, Excel.Range>();
  private readonly rangeAreas = new Map<string, Excel.RangeAreas>();

  constructor(readonly ctx: Excel.RequestContext) {
    const app = ctx.workbook.application;
    app.suspendApiCalculationUntilNextSync();
    app.suspendScreenUpdatingUntilNextSync();
  }

  sheet(name: string): Excel.Worksheet {
    const key = name.toLowerCase();
    let ws = this.sheets.get(key);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.sheets.set(key, ws);
    }
    return ws;
  }

  addSheet(name: string): Excel.Worksheet {
    const ws = this.ctx.workbook.worksheets.add(name);
    this.sheets.set(name.toLowerCase(), ws);
    return ws;
  }

  /** Several areas of a sheet formatted together (ExcelApi 1.9), used only within this request. */
  areas(sheet: string, addresses: string): Excel.RangeAreas {
    const key = `${sheet.toLowerCase()}!${addresses}`;
    let areas = this.rangeAreas.get(key);
    if (!areas) {
      areas = this.sheet(sheet).getRanges(addresses).untrack();
      this.rangeAreas.set(key, areas);
    }
    return areas;
  }

  /** A range used only within this request: untracked, so Office.js neither keeps it nor releases it afterwards. */
  range(sheet: string, address: string): Excel.Range {
    const key = `${sheet.toLowerCase()}!${address}`;
    let range = this.ranges.get(key);
    if (!range) {
      const ws = this.sheet(sheet);
      range = (address ? ws.getRange(address) : ws.getRange()).untrack();
      this.ranges.set(key, range);
    }
    return range;
  }
}

/** RangeAreas address lists are kept short, each well within what Excel parses in one address. */
export const MAX_AREAS_ADDRESS = 2000;

/** Addresses joined into lists for Worksheet.getRanges, each under MAX_AREAS_ADDRESS characters. */
export function areaLists(addresses: string[]): string[] {
  const lists: string[] = [];
  let current = '';
  for (const a of addresses) {
    if (current && current.length + a.length + 1 > MAX_AREAS_ADDRESS) {
      lists.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) lists.push(current);
  return lists;
}

export interface Unit {
  /** Bound of the bytes it adds to a request. */
  bytes: number;
  /** Calls it queues. */
  calls: number;
  queue(r: Request): void;
  /** Replacing BoardPlan's rules on a plan sheet: a failure there has its own message. */
  rules?: string;
  /** The same writes as smaller units (a block of rows in two halves), for a request Excel finds too large. */
  split?: () => Unit[];
}

/** A block of rows written by `write` from row `start`; it splits in two halves by rows. */
export function blockUnit<T>(rows: T[][], start: number, bytes: (rows: T[][]) => number, calls: number, write: (r: Request, rows: T[][], start: number) => void): Unit {
  return {
    bytes: bytes(rows),
    calls,
    queue: (r) => write(r, rows, start),
    split:
      rows.length > 1
        ? () => {
            const half = Math.ceil(rows.length / 2);
            return [blockUnit(rows.slice(0, half), start, bytes, calls, write), blockUnit(rows.slice(half), start + half, bytes, calls, write)];
          }
        : undefined,
  };
}

/** A unit that reaches `ranges` ranges and `paths` other objects and runs `actions` on them (their long arguments apart). */
export const unit = (ranges: number, paths: number, actions: number, argumentBytes: number, queue: (r: Request) => void, rules?: string): Unit => ({
  bytes: requestBytes(ranges, paths, actions, argumentBytes),
  calls: actions,
  queue,
  rules,
});
/** The sheet a unit works on, reached once more in each request (its Worksheets path and item). */
export const SHEET = 2;

/** Sends units in as few requests as stay under the budget; splits a request Excel still finds too large. */
export class Writer {
  readonly syncs: Syncs;
  private readonly units: Unit[] = [];

  constructor(
    ctx: Excel.RequestContext,
    private readonly budget: number,
  ) {
    this.syncs = new Syncs(ctx);
  }

  add(u: Unit): void {
    this.units.push(u);
  }

  async run(): Promise<void> {
    // The application and its two calls, and the sheet a request goes on with from the one before.
    const opening = requestBytes(0, 1 + SHEET, 2);
    let chunk: Unit[] = [];
    let bytes = opening;
    for (const u of this.units) {
      if (chunk.length && bytes + u.bytes > this.budget) {
        await this.send(chunk);
        chunk = [];
        bytes = opening;
      }
      chunk.push(u);
      bytes += u.bytes;
    }
    if (chunk.length) await this.send(chunk);
  }

  private async send(units: Unit[]): Promise<void> {
    const r = new Request(this.syncs.context);
    for (const u of units) u.queue(r);
    try {
      await this.syncs.sync();
    } catch (e) {
      // Rejected whole, so nothing of it was applied: send it again in two halves.
      if ((e as { code?: unknown }).code === 'RequestPayloadSizeLimitExceeded') {
        const parts = units.length > 1 ? [units.slice(0, Math.ceil(units.length / 2)), units.slice(Math.ceil(units.length / 2))] : (units[0].split?.() ?? []).map((u) => [u]);
        if (parts.length) {
          for (const part of parts) await this.send(part);
          return;
        }
      }
      const rules = units.find((u) => u.rules)?.rules;
      if (rules && isRuleFailure(e)) throw new ExcelHostError('partial-update', rulesMessage(rules), { cause: e, partial: true });
      throw new ExcelHostError('partial-update', `The workbook may be only partly refreshed: ${describeExcelError(e)}`, { cause: e, partial: true });
    }
    this.syncs.operations += units.reduce((n, u) => n + u.calls, 0);
    this.syncs.bytes += units.reduce((n, u) => n + u.bytes, 0);
  }
}

/** Excel's failures with several conditional formats on one range (office-js issues 5222, 6827, 6835). */
export function isRuleFailure(e: unknown): boolean {
  const { code, debugInfo } = (e ?? {}) as { code?: unknown; debugInfo?: { errorLocation?: unknown } };
  const where = typeof debugInfo?.errorLocation === 'string' ? debugInfo.errorLocation : '';
  return (code === 'ItemNotFound' || code === 'GeneralException' || code === 'InvalidOperation') && where.startsWith('ConditionalFormat');
}

