import type ExcelJS from 'exceljs';
import { operationBytes } from '../excel/payload';
import { FakeOfficeError, propertyNotLoaded } from './errors';

/**
 * The request machinery of the fake Excel API, modelled on Office.js:
 *
 * - Every method call, property write and load on a proxy object is queued as one operation; nothing
 *   touches the workbook until `context.sync()`.
 * - At sync the queue runs in order. Objects returned by methods (getItem, getRange, add…) are
 *   resolved when their creating call runs, so a sheet added earlier in the same batch can be used.
 * - A failing operation rejects the sync with an OfficeExtension-like error; operations before it
 *   stay applied and nothing after it runs, as in Excel (a batch is not a transaction). Loaded
 *   values of a failed sync are not delivered.
 * - A property can be read only after it was loaded and a sync delivered it (or after the code
 *   itself set it, as Office.js keeps written values locally); otherwise PropertyNotLoaded.
 * - *OrNullObject calls give null objects (isNullObject true after sync). Calls on a null object give
 *   null objects too; writing to one fails with ItemNotFound.
 * - A request over the payload limit is rejected whole (nothing applied); a response over the limit,
 *   or a single range read over the cell limit, fails the sync.
 */

export interface FakeLimits {
  /** Bytes of queued operations one sync may send (Excel on the web: 5 MB). */
  requestBytes: number;
  /** Bytes of loaded data one sync may return (Excel on the web: 5 MB). */
  responseBytes: number;
  /** Cells one range load may read (Excel: 5,000,000). */
  cellsPerRead: number;
}

export interface SyncRecord {
  operations: number;
  bytes: number;
  /** Code of the error that rejected this sync, if any. */
  error?: string;
  /** Whether the batch suspended screen updating and API calculation. */
  suspended: { screen: boolean; calculation: boolean };
}

export interface FakeStats {
  syncs: number;
  operations: number;
  bytes: number;
  log: SyncRecord[];
}

/** A chart on a sheet, kept beside the ExcelJS workbook (ExcelJS does not model charts). */
export interface FakeChartModel {
  name: string;
  sheet: ExcelJS.Worksheet;
  type: string;
  title: string;
  series: {
    name: string;
    values: string | null;
    categories: string | null;
    colour: string | null;
    /** The series' data labels, once any of their properties is set. */
    labels?: { showValue?: boolean; showSeriesName?: boolean; position?: string; colour?: string };
    /** Points whose data label was turned off, by index. */
    unlabelled?: number[];
  }[];
  from: string | null;
  to: string | null;
}

export interface FakeState {
  workbook: ExcelJS.Workbook;
  name: string;
  charts: FakeChartModel[];
  selection: { sheet: string; address: string } | null;
  activeSheet: string | null;
  workbookProtected: boolean;
  calculationMode: string;
  /** While true every sync with operations fails as it does when the user is typing in a cell. */
  editingCell: boolean;
  /** Refuse load paths through *OrNullObject properties, for hosts that must cope with an Excel that does. */
  refuseNullObjectPaths: boolean;
  limits: FakeLimits;
  stats: FakeStats;
  ids: WeakMap<object, string>;
  nextId: number;
}

export function idOf(state: FakeState, thing: object): string {
  let id = state.ids.get(thing);
  if (!id) {
    id = String(state.nextId++);
    state.ids.set(thing, id);
  }
  return id;
}

interface Operation {
  run: () => void;
}

/** A parsed load request: property → sub-properties (empty for a scalar or "all scalars"). */
export type LoadTree = Map<string, LoadTree>;

export function parseLoad(spec: unknown): LoadTree | 'all' {
  let paths: string[] = [];
  if (spec === undefined || spec === null) return 'all';
  if (typeof spec === 'string') paths = spec.split(',');
  else if (Array.isArray(spec)) paths = spec.flatMap((s) => String(s).split(','));
  else if (typeof spec === 'object') {
    const o = spec as { select?: string; expand?: string };
    paths = [...(o.select ? o.select.split(',') : []), ...(o.expand ? o.expand.split(',') : [])];
  }
  paths = paths.map((p) => p.trim()).filter(Boolean);
  if (paths.length === 0) return 'all';
  const root: LoadTree = new Map();
  for (const p of paths) {
    let node = root;
    for (const seg of p.split('/')) {
      if (!node.has(seg)) node.set(seg, new Map());
      node = node.get(seg)!;
    }
  }
  return root;
}

export class FakeContext {
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private queue: Operation[] = [];
  private pendingBytes = 0;
  private staged: (() => void)[] = [];
  private responseBytes = 0;
  private current: SyncRecord | null = null;
  closed = false;
  workbook!: FakeObject;

  constructor(readonly state: FakeState) {}

  enqueue(name: string, args: readonly unknown[], run: () => void): void {
    if (this.closed) {
      throw new FakeOfficeError('InvalidRequestContext', 'The request context is no longer valid: the Excel.run batch that created this object has finished.');
    }
    for (const a of args) {
      if (a instanceof FakeObject && a.ctx !== this) throw new FakeOfficeError('InvalidRequestContext');
    }
    this.pendingBytes += operationBytes(name, args);
    this.queue.push({ run });
  }

  /** Loaded data is delivered only if the whole sync succeeds. */
  stage(bytes: number, commit: () => void): void {
    this.responseBytes += bytes;
    this.staged.push(commit);
  }

  markSuspended(kind: 'screen' | 'calculation'): void {
    if (this.current) this.current.suspended[kind] = true;
  }

  async sync<T>(passThrough?: T): Promise<T> {
    const ops = this.queue;
    const bytes = this.pendingBytes;
    this.queue = [];
    this.pendingBytes = 0;
    await Promise.resolve();
    if (ops.length === 0) return passThrough as T;
    const { stats, limits } = this.state;
    const record: SyncRecord = { operations: ops.length, bytes, suspended: { screen: false, calculation: false } };
    stats.syncs += 1;
    stats.operations += ops.length;
    stats.bytes += bytes;
    stats.log.push(record);
    const fail = (e: FakeOfficeError): never => {
      record.error = e.code;
      throw e;
    };
    if (bytes > limits.requestBytes) {
      fail(new FakeOfficeError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${bytes} bytes; the limit is ${limits.requestBytes}).`));
    }
    if (this.state.editingCell) fail(new FakeOfficeError('InvalidOperationInCellEditMode'));
    this.staged = [];
    this.responseBytes = 0;
    this.current = record;
    try {
      for (const op of ops) {
        try {
          op.run();
        } catch (e) {
          fail(e instanceof FakeOfficeError ? e : new FakeOfficeError('GeneralException', e instanceof Error ? e.message : String(e)));
        }
      }
    } finally {
      this.current = null;
    }
    if (this.responseBytes > limits.responseBytes) {
      fail(new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${this.responseBytes} bytes).`));
    }
    for (const commit of this.staged) commit();
    this.staged = [];
    return passThrough as T;
  }
}

/** OfficeExtension.ClientResult: a value delivered by a sync. */
export class FakeResult<T> {
  private loaded = false;
  private v: T | undefined;
  set(value: T): void {
    this.v = value;
    this.loaded = true;
  }
  get value(): T {
    if (!this.loaded) throw propertyNotLoaded('value');
    return this.v as T;
  }
}

/** Target of an object: whatever the model holds for it, or null for a null object. */
export type Target = unknown;

/**
 * Base of every proxy. An object is either created by a queued call (its target is set when that
 * call runs at sync) or reached through a navigation property of a parent (its target is derived
 * from the parent's at the time of use).
 */
export abstract class FakeObject {
  readonly ctx: FakeContext;
  protected loaded = new Map<string, unknown>();
  private created: Target | undefined = undefined;
  private isNull: boolean | undefined = undefined;
  private readonly parent: FakeObject | undefined;
  private readonly derive: ((parentTarget: Target) => Target) | undefined;
  /** Type name for messages: "Range", "Worksheet". */
  abstract readonly kind: string;

  constructor(ctx: FakeContext, from?: { parent: FakeObject; derive: (parentTarget: Target) => Target }) {
    this.ctx = ctx;
    this.parent = from?.parent;
    this.derive = from?.derive;
  }

  get context(): FakeContext {
    return this.ctx;
  }

  protected get state(): FakeState {
    return this.ctx.state;
  }

  // ---- resolution -------------------------------------------------------------------------------

  /** Give an object its target directly (items of a loaded collection). */
  resolveAs(target: Target): this {
    this.created = target;
    this.isNull = target === null;
    return this;
  }

  /** The live target at this point of the batch: null for a null object; throws if it no longer exists. */
  target(): Target {
    let t: Target;
    if (this.derive && this.parent) {
      const pt = this.parent.target();
      t = pt === null ? null : this.derive(pt);
    } else {
      if (this.created === undefined) throw new FakeOfficeError('InvalidObjectPath', undefined, this.kind);
      t = this.created;
    }
    if (t !== null) this.checkAlive(t);
    return t;
  }

  /** Target that must exist (writes and actions). */
  protected live(what: string): Target {
    const t = this.target();
    if (t === null) throw new FakeOfficeError('ItemNotFound', undefined, `${this.kind}.${what}`);
    return t;
  }

  /** Throws ItemNotFound when the target was deleted. */
  protected checkAlive(_t: Target): void {}

  /** Queue a call that creates `child`; `resolve` computes its target at sync (null: a null object). */
  protected make<C extends FakeObject>(name: string, args: unknown[], child: C, resolve: (t: Target) => Target): C {
    this.ctx.enqueue(name, args, () => {
      const t = this.target();
      const ct = t === null ? null : resolve(t);
      child.resolveAs(ct);
    });
    return child;
  }

  /** Queue an action on the existing target. */
  protected call(name: string, args: unknown[], run: (t: Target) => void): void {
    this.ctx.enqueue(name, args, () => run(this.live(name)));
  }

  /** Queue a property write; the written value is readable at once, as in Office.js. */
  protected write(prop: string, value: unknown, apply: (t: Target) => void): void {
    this.loaded.set(prop, value);
    this.ctx.enqueue(prop, [value], () => apply(this.live(prop)));
  }

  protected read<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw propertyNotLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  get isNullObject(): boolean {
    if (this.isNull === undefined) throw propertyNotLoaded('isNullObject');
    return this.isNull;
  }

  // ---- loading -------------------------------------------------------------------------------

  /** Names of the scalar properties `load()` with no argument loads. */
  protected abstract scalars(): string[];
  /** Value of a scalar property of a (non-null) target. */
  protected abstract scalar(prop: string, t: Target): unknown;
  /** Navigation property → child object, or undefined. */
  protected nav(_prop: string): FakeObject | undefined {
    return undefined;
  }

  load(spec?: unknown): this {
    const tree = parseLoad(spec);
    this.ctx.enqueue('load', Array.from(arguments), () => {
      const { bytes, commit } = this.loadNow(tree);
      this.ctx.stage(bytes, commit);
    });
    return this;
  }

  /** Read now (at this point of the batch), deliver at commit. */
  loadNow(tree: LoadTree | 'all'): { bytes: number; commit: () => void } {
    const t = this.target();
    const names = tree === 'all' ? this.scalars() : [...tree.keys()];
    if (t === null) {
      return {
        bytes: 20,
        commit: () => {
          this.isNull = true;
          for (const n of names) if (!this.nav(n)) this.loaded.set(n, null);
        },
      };
    }
    const values: [string, unknown][] = [];
    const children: { commit: () => void }[] = [];
    let bytes = 2;
    for (const name of names) {
      const sub = tree === 'all' ? undefined : tree.get(name);
      if (this.scalars().includes(name)) {
        const v = this.scalar(name, t);
        values.push([name, v]);
        bytes += name.length + 3 + (JSON.stringify(v) ?? 'null').length;
        continue;
      }
      const child = this.nav(name);
      if (!child) throw new FakeOfficeError('InvalidArgument', `The property '${name}' does not exist on ${this.kind}.`, `${this.kind}.load`);
      if (this.state.refuseNullObjectPaths && name.endsWith('OrNullObject')) {
        throw new FakeOfficeError('InvalidArgument', `The property '${name}' cannot be loaded through a path.`, `${this.kind}.load`);
      }
      const r = child.loadNow(sub && sub.size ? sub : 'all');
      bytes += name.length + 3 + r.bytes;
      children.push(r);
    }
    return {
      bytes,
      commit: () => {
        this.isNull = false;
        for (const [n, v] of values) this.loaded.set(n, v);
        for (const c of children) c.commit();
      },
    };
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A collection: `items` holds proxies of its members after a load. */
export abstract class FakeCollection<I extends FakeObject> extends FakeObject {
  /** Members of a (non-null) target, as resolved proxies. */
  protected abstract members(t: Target): I[];

  protected scalars(): string[] {
    return [];
  }

  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on ${this.kind}.`);
  }

  get items(): I[] {
    return this.read<I[]>('items');
  }

  override loadNow(tree: LoadTree | 'all'): { bytes: number; commit: () => void } {
    const t = this.target();
    if (t === null) return { bytes: 20, commit: () => this.loaded.set('items', []) };
    // "items/name" and "name" both load the members' name.
    let itemTree: LoadTree | 'all' = 'all';
    if (tree !== 'all') {
      const merged: LoadTree = new Map();
      for (const [k, sub] of tree) {
        if (k === 'items') for (const [k2, s2] of sub) merged.set(k2, s2);
        else merged.set(k, sub);
      }
      if (merged.size) itemTree = merged;
    }
    const items = this.members(t);
    const loads = items.map((i) => i.loadNow(itemTree));
    const bytes = loads.reduce((n, l) => n + l.bytes + 1, 12);
    return {
      bytes,
      commit: () => {
        for (const l of loads) l.commit();
        this.loaded.set('items', items);
      },
    };
  }

  /** getCount(): delivered at sync. */
  getCount(): FakeResult<number> {
    const result = new FakeResult<number>();
    this.ctx.enqueue('getCount', [], () => {
      const t = this.target();
      const n = t === null ? 0 : this.members(t).length;
      this.ctx.stage(8, () => result.set(n));
    });
    return result;
  }
}

/** Shorthand for an object reached through a navigation property. */
export function navFrom(parent: FakeObject, derive: (t: Target) => Target = (t) => t): { parent: FakeObject; derive: (t: Target) => Target } {
  return { parent, derive };
}
