import type ExcelJS from 'exceljs';
import { FakeOfficeError } from './errors';

/**
 * The workbook model behind the fake Excel server (server.ts). Each object of the Excel JavaScript
 * API that BoardPlan reaches (a range, a sheet, a conditional format…) is a FakeObject over the
 * ExcelJS workbook. The server turns the real client's object paths into these objects and its
 * actions into their methods and property writes, which queue an operation each; the queue then
 * runs in the request's order:
 *
 * - Objects returned by methods (getItem, getRange, add…) are resolved when their creating call
 *   runs, so a sheet added earlier in the same request can be used later in it.
 * - A failing operation stops the request: operations before it stay applied and nothing after it
 *   runs, as in Excel (a request is not a transaction). The error names the action that failed.
 * - *OrNullObject calls give null objects; calls on a null object give null objects too, and
 *   writing to one fails with ItemNotFound.
 */

export interface FakeLimits {
  /** Bytes one request may carry (Excel on the web: 5 MB). */
  requestBytes: number;
  /** Bytes one response may carry (Excel on the web: 5 MB). */
  responseBytes: number;
  /** Cells one range load may read; a bigger range gives null for its cells, as current Excel does. */
  cellsPerRead: number;
}

export interface SyncRecord {
  /** Actions in the request. */
  operations: number;
  /** Size of the request as the client sent it (its JSON, in UTF-8 bytes). */
  bytes: number;
  /** Size of the response. */
  responseBytes: number;
  /** Code of the error that rejected this request, if any. */
  error?: string;
  /** Whether the request suspended screen updating and API calculation. */
  suspended: { screen: boolean; calculation: boolean };
  /** A request Office.js sends after Excel.run to release the objects it kept. */
  cleanup: boolean;
  /** Objects the request reached through an object that does not exist (a method of a null object). */
  nullObjectCalls: number;
}

export interface FakeStats {
  /** Requests the host made (Office.js's own clean-up requests are in the log, not counted here). */
  syncs: number;
  operations: number;
  /** Bytes of the requests the host made. */
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
  /** While true every request with actions fails as it does when the user is typing in a cell. */
  editingCell: boolean;
  /** While true every request fails as Excel's do while a modal dialog is open. */
  modalDialogOpen: boolean;
  /**
   * Excel's open bugs with several conditional formats on one range (office-js issues 5222, 6827,
   * 6835): reading the formula of, or deleting, a rule that shares its exact range with another fails
   * with ItemNotFound. Off unless a test turns it on.
   */
  sharedRangeRuleBug: boolean;
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
  /** Index of the request action that queued it. */
  action: number;
}

/** A parsed load request: property → sub-properties (empty for a scalar or "all scalars"). */
export type LoadTree = Map<string, LoadTree>;

/** The real client's QueryInfo ("Select": ["address", "format/font/bold"]) as a tree. */
export function parseQuery(paths: readonly string[] | undefined): LoadTree | 'all' {
  const list = (paths ?? []).map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) return 'all';
  const root: LoadTree = new Map();
  for (const p of list) {
    let node = root;
    for (const seg of p.split('/')) {
      if (!node.has(seg)) node.set(seg, new Map());
      node = node.get(seg)!;
    }
  }
  return root;
}

/** "numberFormat" → "NumberFormat": the property names of Excel's wire format. */
export function wireName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** An error that knows which action of the request raised it. */
export class ActionError extends Error {
  constructor(
    readonly error: FakeOfficeError,
    readonly action: number,
  ) {
    super(error.message);
  }
}

export class FakeContext {
  private queue: Operation[] = [];
  /** The request action whose calls are being queued. */
  action = -1;
  /** What the request being run asked Excel to suspend. */
  suspended = { screen: false, calculation: false };

  constructor(readonly state: FakeState) {}

  enqueue(_name: string, _args: readonly unknown[], run: () => void): void {
    this.queue.push({ run, action: this.action });
  }

  markSuspended(kind: 'screen' | 'calculation'): void {
    this.suspended[kind] = true;
  }

  /** Run what was queued, in order; the first failure stops the rest and names its action. */
  runQueued(): void {
    const ops = this.queue;
    this.queue = [];
    for (const op of ops) {
      try {
        op.run();
      } catch (e) {
        const error = e instanceof FakeOfficeError ? e : new FakeOfficeError('GeneralException', e instanceof Error ? e.message : String(e));
        throw new ActionError(error, op.action);
      }
    }
  }
}

/** A value a method returns (getCount): set when its operation runs. */
export class FakeResult<T> {
  loaded = false;
  value: T | undefined;
  set(value: T): void {
    this.value = value;
    this.loaded = true;
  }
}

/** Target of an object: whatever the model holds for it, or null for a null object. */
export type Target = unknown;

/**
 * Base of every object of the model. An object is either created by a queued call (its target is
 * set when that call runs) or reached through a navigation property of a parent (its target is
 * derived from the parent's at the time of use).
 */
export abstract class FakeObject {
  readonly ctx: FakeContext;
  private created: Target | undefined = undefined;
  private readonly parent: FakeObject | undefined;
  private readonly derive: ((parentTarget: Target) => Target) | undefined;
  /** Type name for messages: "Range", "Worksheet". */
  abstract readonly kind: string;

  constructor(ctx: FakeContext, from?: { parent: FakeObject; derive: (parentTarget: Target) => Target }) {
    this.ctx = ctx;
    this.parent = from?.parent;
    this.derive = from?.derive;
  }

  protected get state(): FakeState {
    return this.ctx.state;
  }

  // ---- resolution -------------------------------------------------------------------------------

  /** Give an object its target directly (members of a collection, objects kept by reference). */
  resolveAs(target: Target): this {
    this.created = target;
    return this;
  }

  /** The live target at this point of the request: null for a null object; throws if it no longer exists. */
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

  /** Queue a call that creates `child`; `resolve` computes its target when it runs (null: a null object). */
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

  /** Queue a property write. */
  protected write(prop: string, value: unknown, apply: (t: Target) => void): void {
    this.ctx.enqueue(prop, [value], () => apply(this.live(prop)));
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Names of the scalar properties a load with no selection gives. */
  protected abstract scalars(): string[];
  /** Value of a scalar property of a (non-null) target. */
  protected abstract scalar(prop: string, t: Target): unknown;
  /** Navigation property → child object, or undefined. */
  protected nav(_prop: string): FakeObject | undefined {
    return undefined;
  }

  /**
   * The id Excel gives this object in an answer, by which the client finds it again (a sheet's
   * id; a conditional format's position), or null when it has none.
   */
  instanceId(_t: Target): string | null {
    return null;
  }

  /** What a Query action answers, read now: wire names ("Values"), nested objects, null for a null object. */
  query(tree: LoadTree | 'all'): unknown {
    const t = this.target();
    if (t === null) return null;
    const out: Record<string, unknown> = {};
    const scalars = this.scalars();
    for (const name of tree === 'all' ? scalars : [...tree.keys()]) {
      const sub = tree === 'all' ? undefined : tree.get(name);
      if (scalars.includes(name)) {
        out[wireName(name)] = this.scalar(name, t);
        continue;
      }
      const child = this.nav(name);
      if (!child) throw new FakeOfficeError('InvalidArgument', `The property '${name}' does not exist on ${this.kind}.`, `${this.kind}.load`);
      out[wireName(name)] = child.query(sub && sub.size ? sub : 'all');
    }
    return out;
  }
}

/** A collection: its members answer a query as "_Items". */
export abstract class FakeCollection<I extends FakeObject> extends FakeObject {
  /** Members of a (non-null) target, as resolved objects. */
  protected abstract members(t: Target): I[];

  protected scalars(): string[] {
    return [];
  }

  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on ${this.kind}.`);
  }

  override query(tree: LoadTree | 'all'): unknown {
    const t = this.target();
    if (t === null) return null;
    // The client sends "items/name" as "name"; both load the members' name.
    let itemTree: LoadTree | 'all' = 'all';
    if (tree !== 'all') {
      const merged: LoadTree = new Map();
      for (const [k, sub] of tree) {
        if (k === 'items') for (const [k2, s2] of sub) merged.set(k2, s2);
        else merged.set(k, sub);
      }
      if (merged.size) itemTree = merged;
    }
    const items = this.members(t).map((m) => {
      const id = m.instanceId(m.target());
      const value = m.query(itemTree) as Record<string, unknown>;
      return id === null ? value : { _Id: id, ...value };
    });
    return { _Items: items };
  }

  /** getCount(): its value is set when it runs. */
  getCount(): FakeResult<number> {
    const result = new FakeResult<number>();
    this.ctx.enqueue('getCount', [], () => {
      const t = this.target();
      result.set(t === null ? 0 : this.members(t).length);
    });
    return result;
  }
}

/** Shorthand for an object reached through a navigation property. */
export function navFrom(parent: FakeObject, derive: (t: Target) => Target = (t) => t): { parent: FakeObject; derive: (t: Target) => Target } {
  return { parent, derive };
}
