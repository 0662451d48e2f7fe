import * as v8 from 'v8';
import * as vm from 'vm';
import { check } from '../src/core/refresh';
import { syntheticSnapshot } from './synthetic';

/** Core throughput: read + assess + validate of synthetic plans, in actions per second, and peak heap. */

export interface CoreFigure {
  actions: number;
  ms: number;
  perSecond: number;
  peakHeapMb: number;
}

// Collect garbage between runs so that the heap figure is this run's own (no --expose-gc needed).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export function measureCore(sizes: number[], repeat = 3): CoreFigure[] {
  const out: CoreFigure[] = [];
  for (const n of sizes) {
    const snapshot = syntheticSnapshot(n);
    check(snapshot, { today: '2016-03-31' }); // warm up the JIT on this shape
    let best = Infinity;
    let peak = 0;
    for (let i = 0; i < repeat; i++) {
      gc();
      const base = process.memoryUsage().heapUsed;
      const t0 = process.hrtime.bigint();
      const result = check(snapshot, { today: '2016-03-31' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      if (result.actionCount !== n) throw new Error(`expected ${n} actions, read ${result.actionCount}`);
      best = Math.min(best, ms);
    }
    out.push({ actions: n, ms: best, perSecond: Math.round((n / best) * 1000), peakHeapMb: peak / 1048576 });
  }
  return out;
}

if (require.main === module) {
  for (const f of measureCore([1000, 10000])) console.log(f);
}
