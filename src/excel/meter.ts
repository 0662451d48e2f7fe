import { isApiObject, operationBytes } from './payload';

/**
 * Counts what the host sends to Excel: it wraps a request context so that every call made through it
 * (method calls, property writes, loads) is counted and sized with the same rule the tests' fake Excel
 * uses, and every sync that carries operations is recorded. The host uses the running total to split
 * a large write into chunks, and reports the totals as its stats.
 *
 * Objects are wrapped in a Proxy that forwards to the real Office.js object; arguments are unwrapped
 * before they reach Office.js, so Office.js never sees a wrapper.
 */

export interface MeterStats {
  syncs: number;
  operations: number;
  bytes: number;
}

const NOT_OPERATIONS = new Set(['sync', 'toJSON', 'track', 'untrack', 'constructor']);

export class Meter {
  readonly totals: MeterStats = { syncs: 0, operations: 0, bytes: 0 };
  /** Queued since the last sync. */
  pendingOperations = 0;
  pendingBytes = 0;
  /** Operations and bytes of each sync, in order. */
  readonly perSync: { operations: number; bytes: number }[] = [];

  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  /** The context, wrapped so that what goes through it is counted. */
  wrap<T extends object>(context: T): T {
    return this.proxy(context) as T;
  }

  private record(name: string, args: readonly unknown[]): void {
    this.pendingOperations += 1;
    this.pendingBytes += operationBytes(name, args);
  }

  private async sync(target: { sync: (v?: unknown) => Promise<unknown> }, args: unknown[]): Promise<unknown> {
    const operations = this.pendingOperations;
    const bytes = this.pendingBytes;
    this.pendingOperations = 0;
    this.pendingBytes = 0;
    if (operations > 0) {
      this.totals.syncs += 1;
      this.totals.operations += operations;
      this.totals.bytes += bytes;
      this.perSync.push({ operations, bytes });
    }
    return target.sync(...args);
  }

  private unwrap(value: unknown): unknown {
    if (typeof value === 'object' && value !== null) return this.targets.get(value) ?? value;
    return value;
  }

  private wrapResult(value: unknown): unknown {
    if (isApiObject(value)) return this.proxy(value);
    if (Array.isArray(value) && value.length > 0 && value.every(isApiObject)) return value.map((v) => this.proxy(v));
    return value;
  }

  private proxy(target: object): object {
    const known = this.proxies.get(target);
    if (known) return known;
    const proxy = new Proxy(target, {
      get: (t, prop, receiver) => {
        const value = Reflect.get(t, prop, t);
        if (typeof prop !== 'string') return value;
        if (typeof value === 'function') {
          if (prop === 'sync') return (...args: unknown[]) => this.sync(t as { sync: (v?: unknown) => Promise<unknown> }, args);
          if (NOT_OPERATIONS.has(prop)) return value.bind(t);
          return (...args: unknown[]) => {
            const raw = args.map((a) => this.unwrap(a));
            this.record(prop, raw);
            const result = (value as (...a: unknown[]) => unknown).apply(t, raw);
            return result === t ? receiver : this.wrapResult(result);
          };
        }
        return this.wrapResult(value);
      },
      set: (t, prop, value) => {
        const raw = this.unwrap(value);
        if (typeof prop === 'string') this.record(prop, [raw]);
        return Reflect.set(t, prop, raw, t);
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }
}
