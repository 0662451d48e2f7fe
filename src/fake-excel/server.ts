import { ActionError, FakeContext, FakeObject, FakeResult, parseQuery, type FakeState, type SyncRecord, type Target } from './base';
import { FakeOfficeError } from './errors';
import { FakeWorkbook } from './workbook';
import { utf8Bytes } from '../excel/payload';

/**
 * The fake Excel as a server: it answers the requests Microsoft's own Excel client (Office.js)
 * sends, in the client's wire format, against the in-memory workbook. What a request is and what
 * an answer must hold is read from the client's source (excel-web-16.00.debug.js):
 *
 * - a request is `{ ObjectPaths, Actions }`. Object paths say how to reach an object (the workbook,
 *   a property of another object, a method's result, an item by id, an object kept by reference);
 *   actions run in order: Instantiate an object path, Query (load) properties, call a Method, set
 *   a property (SetProperty);
 * - an answer is `{ Results: [{ ActionId, Value }] }`: for Instantiate, null for a null object or
 *   the ids the client keeps to find the object again (`_ReferenceId`, `_Id`); for Query, the
 *   properties under their wire names ("Values"), collections as `{ _Items: [...] }`; for a method
 *   that returns a value, the value;
 * - a failing action gives `{ Error: { Code, Message, Location, ActionIndex } }`; a request or
 *   answer over Excel on the web's size limits, or a request while a modal dialog is open, fails
 *   whole with an ErrorCode, as the client's RichApiMessageUtility reports it.
 *
 * It counts what it receives: requests, actions and bytes, each request's size as the client
 * serialised it.
 */

interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: unknown[];
}

export interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}

export interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select?: string[]; Expand?: string[] };
}

export interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export interface ActionResult {
  ActionId: number;
  Value: unknown;
}

export interface ResponseMessage {
  HttpStatusCode: number;
  ErrorCode: string;
  ErrorMessage: string;
  Headers: Record<string, string>;
  Body: { Results?: ActionResult[]; Error?: { Code: string; Message: string; Location: string; ActionIndex: number; HttpStatusCode: number } } | null;
}

// The client's ObjectPathType and ActionType numbers.
const PATH = { global: 1, method: 3, property: 4, indexer: 5, referenceId: 6, nullObject: 7 } as const;
const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4, trace: 5 } as const;
const KEEP = '_KeepReference';
const RELEASE = '_RemoveReference';

const STATUS: Record<string, number> = { ItemNotFound: 404, AccessDenied: 403, GeneralException: 500, InvalidOperationInCellEditMode: 400 };


/** The member a wire name stands for: "GetRange" → getRange. */
function memberName(wire: string): string {
  return wire.charAt(0).toLowerCase() + wire.slice(1);
}

function hasSetter(obj: object, name: string): boolean {
  for (let p: object | null = obj; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return typeof d.set === 'function';
  }
  return false;
}

/** An object no path leads to any more (a null object): every use of it fails. */
class NullObject extends FakeObject {
  readonly kind = 'Object';
  constructor(ctx: FakeContext) {
    super(ctx);
    this.resolveAs(null);
  }
  protected scalars(): string[] {
    return [];
  }
  protected scalar(): unknown {
    return null;
  }
}

type Constructor = new (ctx: FakeContext) => FakeObject;

export class FakeExcelServer {
  private readonly ctx: FakeContext;
  private readonly workbook: FakeWorkbook;
  /** Objects the client asked Excel to keep (ranges under Excel.run), by reference id. */
  private readonly kept = new Map<string, { kind: Constructor; target: Target }>();
  private nextReference = 1;

  constructor(
    readonly state: FakeState,
    /** Shown each request the host made (not the client's clean-up) as the client sent it, before it is answered. */
    private readonly observe?: (body: RequestBody) => void,
  ) {
    this.ctx = new FakeContext(state);
    this.workbook = new FakeWorkbook(this.ctx);
  }

  /** Answer one request as Excel would. */
  handle(body: RequestBody): ResponseMessage {
    const bytes = utf8Bytes(JSON.stringify(body));
    const actions = body.Actions ?? [];
    const cleanup = actions.length > 0 && actions.every((a) => a.ActionType === ACTION.instantiate || a.Name === RELEASE);
    const record: SyncRecord = { operations: actions.length, bytes, responseBytes: 0, suspended: { screen: false, calculation: false }, cleanup, nullObjectCalls: 0 };
    const { stats, limits } = this.state;
    stats.log.push(record);
    if (!cleanup) {
      this.observe?.(body);
      stats.syncs += 1;
      stats.operations += actions.length;
      stats.bytes += bytes;
    }
    const refuse = (code: string, message: string): ResponseMessage => {
      record.error = code;
      return { HttpStatusCode: 400, ErrorCode: code, ErrorMessage: message, Headers: {}, Body: null };
    };
    if (bytes > limits.requestBytes) {
      return refuse('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${bytes} bytes; the limit is ${limits.requestBytes}).`);
    }
    if (this.state.modalDialogOpen && !cleanup) {
      return refuse('WriteNotSupportedWhenModalDialogOpen', 'The operation is not supported while a modal dialog is open.');
    }
    if (this.state.editingCell && !cleanup) {
      record.error = 'InvalidOperationInCellEditMode';
      const e = new FakeOfficeError('InvalidOperationInCellEditMode');
      return this.failed(e, -1);
    }

    const results: ActionResult[] = [];
    try {
      this.queue(body, results, record);
      this.ctx.runQueued();
    } catch (e) {
      const failure = e instanceof ActionError ? e : new ActionError(new FakeOfficeError('GeneralException', String(e)), -1);
      record.error = failure.error.code;
      return this.failed(failure.error, failure.action);
    } finally {
      record.suspended = { ...this.ctx.suspended };
    }
    const answer = { Results: results };
    record.responseBytes = utf8Bytes(JSON.stringify(answer));
    if (record.responseBytes > limits.responseBytes) {
      return refuse('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${record.responseBytes} bytes).`);
    }
    return { HttpStatusCode: 200, ErrorCode: '', ErrorMessage: '', Headers: {}, Body: answer };
  }

  private failed(e: FakeOfficeError, action: number): ResponseMessage {
    const Location = e.debugInfo.errorLocation ?? '';
    const HttpStatusCode = STATUS[e.code] ?? 400;
    return { HttpStatusCode: 200, ErrorCode: '', ErrorMessage: '', Headers: {}, Body: { Error: { Code: e.code, Message: e.message, Location, ActionIndex: action, HttpStatusCode } } };
  }

  /** Turn the request's actions into queued operations of the model, in order. */
  private queue(body: RequestBody, results: ActionResult[], record: SyncRecord): void {
    const ctx = this.ctx;
    const objects = new Map<number, FakeObject>();
    const references = new Map<number, string>();

    const object = (id: number): FakeObject => {
      const known = objects.get(id);
      if (known) return known;
      const path = body.ObjectPaths[String(id)];
      if (!path) throw new FakeOfficeError('InvalidObjectPath', `The request names an object path (${id}) it does not describe.`);
      const made = this.reach(path, object);
      objects.set(id, made);
      return made;
    };

    const args = (info: ArgumentInfo | undefined): unknown[] => {
      const list = [...(info?.Arguments ?? [])];
      (info?.ReferencedObjectPathIds ?? []).forEach((ref, i) => {
        if (typeof ref === 'number' && ref > 0) list[i] = object(ref);
      });
      return list;
    };

    body.Actions.forEach((action, index) => {
      ctx.action = index;
      try {
        const target = object(action.ObjectPathId);
        switch (action.ActionType) {
          case ACTION.instantiate:
            ctx.enqueue('instantiate', [], () => {
              const t = target.target();
              const parentId = body.ObjectPaths[String(action.ObjectPathId)]?.ParentObjectPathId;
              if (t === null && parentId !== undefined && objects.get(parentId)?.target() === null) record.nullObjectCalls += 1;
              const reference = references.get(action.ObjectPathId);
              const id = t === null ? null : target.instanceId(t);
              results.push({ ActionId: action.Id, Value: t === null ? null : reference ? { _ReferenceId: reference } : id !== null ? { _Id: id } : {} });
            });
            break;
          case ACTION.query: {
            const tree = parseQuery([...(action.QueryInfo?.Select ?? []), ...(action.QueryInfo?.Expand ?? [])]);
            ctx.enqueue('load', [], () => results.push({ ActionId: action.Id, Value: target.query(tree) }));
            break;
          }
          case ACTION.method:
            this.method(action, target, args(action.ArgumentInfo), references, results);
            break;
          case ACTION.setProperty: {
            const name = memberName(action.Name);
            if (!hasSetter(target, name)) throw new FakeOfficeError('ApiNotFound', `The fake Excel does not model setting ${target.kind}.${name}.`, `${target.kind}.${name}`);
            (target as unknown as Record<string, unknown>)[name] = args(action.ArgumentInfo)[0];
            break;
          }
          case ACTION.trace:
            break;
          default:
            throw new FakeOfficeError('InvalidArgument', `The fake Excel does not answer actions of type ${action.ActionType}.`);
        }
      } catch (e) {
        // Raised while reading the request: it fails at this action, after the ones before it ran.
        ctx.enqueue('fail', [], () => {
          throw e;
        });
      }
    });
  }

  private method(action: ActionInfo, target: FakeObject, list: unknown[], references: Map<number, string>, results: ActionResult[]): void {
    if (action.Name === KEEP) {
      const reference = `{ref-${this.nextReference++}}`;
      references.set(action.ObjectPathId, reference);
      this.ctx.enqueue(KEEP, [], () => this.kept.set(reference, { kind: target.constructor as Constructor, target: target.target() }));
      return;
    }
    if (action.Name === RELEASE) {
      this.ctx.enqueue(RELEASE, [], () => {
        for (const [id, kept] of this.kept) if (kept.target === target.target()) this.kept.delete(id);
      });
      return;
    }
    const name = memberName(action.Name);
    const fn = (target as unknown as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new FakeOfficeError('ApiNotFound', `The fake Excel does not model ${target.kind}.${name}().`, `${target.kind}.${name}`);
    const value = (fn as (...a: unknown[]) => unknown).apply(target, list);
    if (value instanceof FakeResult) this.ctx.enqueue('result', [], () => results.push({ ActionId: action.Id, Value: value.value }));
  }

  /** The object an object path leads to, made from its parent's. */
  private reach(path: ObjectPathInfo, object: (id: number) => FakeObject): FakeObject {
    const parent = () => object(path.ParentObjectPathId ?? -1);
    const list = [...(path.ArgumentInfo?.Arguments ?? [])];
    (path.ArgumentInfo?.ReferencedObjectPathIds ?? []).forEach((ref, i) => {
      if (typeof ref === 'number' && ref > 0) list[i] = object(ref);
    });
    switch (path.ObjectPathType) {
      case PATH.global:
        return this.workbook;
      case PATH.property: {
        const p = parent();
        const child = (p as unknown as Record<string, unknown>)[memberName(path.Name)];
        if (!(child instanceof FakeObject)) throw new FakeOfficeError('ApiNotFound', `The fake Excel does not model ${p.kind}.${memberName(path.Name)}.`, `${p.kind}.${memberName(path.Name)}`);
        return child;
      }
      case PATH.method: {
        const p = parent();
        const fn = (p as unknown as Record<string, unknown>)[memberName(path.Name)];
        if (typeof fn !== 'function') throw new FakeOfficeError('ApiNotFound', `The fake Excel does not model ${p.kind}.${memberName(path.Name)}().`, `${p.kind}.${memberName(path.Name)}`);
        const made = (fn as (...a: unknown[]) => unknown).apply(p, list);
        if (!(made instanceof FakeObject)) throw new FakeOfficeError('InvalidArgument', `${p.kind}.${memberName(path.Name)}() does not give an object.`);
        return made;
      }
      case PATH.indexer: {
        const p = parent() as unknown as { getItem?: (...a: unknown[]) => FakeObject; kind: string };
        if (typeof p.getItem !== 'function') throw new FakeOfficeError('ApiNotFound', `The fake Excel does not model items of ${p.kind}.`);
        return p.getItem(...list);
      }
      case PATH.referenceId: {
        const kept = this.kept.get(path.Name);
        if (!kept) throw new FakeOfficeError('InvalidObjectPath', `The object kept as ${path.Name} was released.`);
        return new kept.kind(this.ctx).resolveAs(kept.target);
      }
      case PATH.nullObject:
        return new NullObject(this.ctx);
      default:
        throw new FakeOfficeError('InvalidArgument', `The fake Excel does not follow object paths of type ${path.ObjectPathType}.`);
    }
  }
}
