import * as v8 from 'v8';
import * as vm from 'vm';
import { check } from '../src/core/refresh';
import { syntheticSnapshot } from './synthetic';

/**
 * Core throughput: read + assess + validate of synthetic plans, in actions per second, and the heap
 * a run grows by, for the record. Each run reads a snapshot of its own, as a host hands over a
 * fresh one each time.
 */

export interface CoreFigure {
  actions: number;
  /** The best run. */
  ms: number;
  /** The median run. */
  medianMs: number;
  /** How many runs were timed. */
  runs: number;
  perSecond: number;
  /** Heap grown by a run of its own after a full collection, garbage not yet collected included. */
  heapMb: number;
}

// A full collection before the heap figure's run, so that it is that run's own (no --expose-gc needed).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * Timed runs of each size: at least MIN_RUNS, and more until MIN_TIMED_MS of runs have been timed
 * (at most MAX_RUNS). A best of seven 5 ms runs would say more about the machine's moment than
 * about the engine: small plans get as many runs as fit in a second.
 */
const MIN_RUNS = 7;
const MIN_TIMED_MS = 1000;
const MAX_RUNS = 200;

export function measureCore(sizes: number[]): CoreFigure[] {
  const out: CoreFigure[] = [];
  for (const n of sizes) {
    // Warm up on this size, for 300 ms and at least two runs: the JIT, and the heap, which the
    // first runs of a size in a process grow to what the size needs, asking the system for new
    // pages as they go (the first runs of 100,000 actions take several times the page faults of later ones).
    const warmUntil = Date.now() + 300;
    for (let i = 0; i < 2 || Date.now() < warmUntil; i++) check(syntheticSnapshot(n), { today: '2016-03-31' });
    // Timed runs follow one another as in a working process: a collection forced before each
    // would shrink the young generation and time the collector growing it back.
    const times: number[] = [];
    let timed = 0;
    while (times.length < MAX_RUNS && (times.length < MIN_RUNS || timed < MIN_TIMED_MS)) {
      const snapshot = syntheticSnapshot(n);
      const t0 = process.hrtime.bigint();
      const result = check(snapshot, { today: '2016-03-31' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      times.push(ms);
      timed += ms;
      if (result.actionCount !== n) throw new Error(`expected ${n} actions, read ${result.actionCount}`);
    }
    times.sort((a, b) => a - b);
    const snapshot = syntheticSnapshot(n);
    gc();
    const base = process.memoryUsage().heapUsed;
    check(snapshot, { today: '2016-03-31' });
    const heapMb = (process.memoryUsage().heapUsed - base) / 1048576;
    const best = times[0];
    out.push({ actions: n, ms: best, medianMs: times[times.length >> 1], runs: times.length, perSecond: Math.round((n / best) * 1000), heapMb });
  }
  return out;
}

if (require.main === module) {
  for (const f of measureCore([1000, 10000])) console.log(f);
}
