import * as v8 from 'v8';
import * as vm from 'vm';
import { check } from '../src/core/refresh';
import { syntheticSnapshot } from './synthetic';

/**
 * Core throughput: read + assess + validate of synthetic plans, in actions per second, and the heap
 * a run grows by. Each run reads a snapshot of its own, as a host hands over a fresh one each time:
 * what the engine keeps per snapshot (the cells it has read) never carries over from a run before.
 */

export interface CoreFigure {
  actions: number;
  /** The best run. */
  ms: number;
  /** The median run. */
  medianMs: number;
  perSecond: number;
  /** Heap grown by a run of its own after a full collection, garbage not yet collected included. */
  heapMb: number;
}

// A full collection before the heap figure's run, so that it is that run's own (no --expose-gc needed).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export function measureCore(sizes: number[]): CoreFigure[] {
  const out: CoreFigure[] = [];
  for (const n of sizes) {
    const runs = n >= 100_000 ? 3 : 7;
    // Warm up the JIT on this size: a few runs, or one for the largest.
    const warmUntil = Date.now() + 300;
    do check(syntheticSnapshot(n), { today: '2016-03-31' });
    while (Date.now() < warmUntil);
    // Timed runs follow one another as in a working process: a collection forced before each
    // would shrink the young generation and time the collector growing it back.
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const snapshot = syntheticSnapshot(n);
      const t0 = process.hrtime.bigint();
      const result = check(snapshot, { today: '2016-03-31' });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (result.actionCount !== n) throw new Error(`expected ${n} actions, read ${result.actionCount}`);
    }
    times.sort((a, b) => a - b);
    const snapshot = syntheticSnapshot(n);
    gc();
    const base = process.memoryUsage().heapUsed;
    check(snapshot, { today: '2016-03-31' });
    const heapMb = (process.memoryUsage().heapUsed - base) / 1048576;
    const best = times[0];
    out.push({ actions: n, ms: best, medianMs: times[times.length >> 1], perSecond: Math.round((n / best) * 1000), heapMb });
  }
  return out;
}

if (require.main === module) {
  for (const f of measureCore([1000, 10000])) console.log(f);
}
