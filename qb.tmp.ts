import { check } from './src/core/refresh';
import { syntheticSnapshot } from './bench/synthetic';
const n = Number(process.argv[2] ?? 1000);
const times: number[] = [];
for (let i = 0; i < 25; i++) {
  const snap = syntheticSnapshot(n);
  const t = process.hrtime.bigint();
  check(snap, { today: '2016-03-31', asOf: '2016-03-31' });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const sorted = times.slice(5).sort((a, b) => a - b);
console.log(`${n}: best ${sorted[0].toFixed(1)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms`);
