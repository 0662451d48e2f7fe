import { check } from './src/core/refresh';
import { syntheticSnapshot } from './bench/synthetic';
const snaps = Array.from({ length: 6 }, () => syntheticSnapshot(10000));
for (const s of snaps) check(s, { today: '2016-03-31', asOf: '2016-03-31' });
