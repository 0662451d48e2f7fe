import * as ExcelJS from 'exceljs';
import { refresh } from '../src/core/refresh';
import { ExcelHost } from '../src/excel/host';
import { anatomyOf, emptyAnatomy, type Anatomy } from '../src/fake-excel/anatomy';
import type { RequestBody } from '../src/fake-excel/server';
import { fakeFromXlsx } from '../src/fake-excel/xlsx';
import { syntheticRows } from './synthetic';

/**
 * The Office.js host through Microsoft's own Excel client, answered by the in-memory Excel: the
 * requests of one refresh (to read, to write) as the client serialised them, the largest against
 * Excel on the web's 5 MB limit, and where the time goes (the host and the client vs the core).
 */

export interface OfficeFigures {
  actions: number;
  readSyncs: number;
  writeSyncs: number;
  /** Actions in the requests (object instantiations, loads, calls, property writes). */
  operations: number;
  /** Bytes of every request of the refresh, read and write. */
  bytes: number;
  largestRequestBytes: number;
  largestResponseBytes: number;
  /** Where the bytes of the refresh's requests go, by kind and by part of the client's format. */
  anatomy: Anatomy;
  hostMs: number;
  coreMs: number;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function measureOffice(actions: number): Promise<OfficeFigures> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  for (const row of syntheticRows(actions)) ws.addRow(row);
  const anatomy = emptyAnatomy();
  // Measured as each request arrives: the client rewrites its paths once it has the answer.
  // Its own time is left out of the host's.
  let measuring = 0;
  const onRequest = (body: RequestBody) => {
    const t = process.hrtime.bigint();
    anatomyOf(body, anatomy);
    measuring += ms(t);
  };
  const fake = await fakeFromXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { onRequest });
  const host = new ExcelHost(fake.run);

  let t0 = process.hrtime.bigint();
  const snapshot = await host.snapshot();
  let hostMs = ms(t0);
  const readLog = fake.stats.log.length;

  t0 = process.hrtime.bigint();
  const { patch } = refresh(snapshot, { today: '2016-03-31' });
  const coreMs = ms(t0);

  t0 = process.hrtime.bigint();
  await host.apply(patch);
  hostMs += ms(t0) - measuring;
  // Office.js's own clean-up after each run is left out: the host does not send it.
  const requests = fake.stats.log.filter((r) => !r.cleanup);
  const reads = fake.stats.log.slice(0, readLog).filter((r) => !r.cleanup);
  return {
    actions,
    readSyncs: reads.length,
    writeSyncs: requests.length - reads.length,
    operations: requests.reduce((n, r) => n + r.operations, 0),
    bytes: requests.reduce((n, r) => n + r.bytes, 0),
    largestRequestBytes: Math.max(...requests.map((r) => r.bytes)),
    largestResponseBytes: Math.max(...requests.filter((r) => !r.error).map((r) => r.responseBytes)),
    anatomy,
    hostMs,
    coreMs,
  };
}
