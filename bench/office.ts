import * as ExcelJS from 'exceljs';
import { refresh } from '../src/core/refresh';
import { ExcelHost } from '../src/excel/host';
import { fakeFromXlsx } from '../src/fake-excel/xlsx';
import { syntheticRows } from './synthetic';

/**
 * The Office.js host on the in-memory Excel: round trips, operations and bytes per refresh, and
 * where the time goes (the host's queuing and the fake's bookkeeping vs the core's deciding).
 */

export interface OfficeFigures {
  actions: number;
  readSyncs: number;
  writeSyncs: number;
  operations: number;
  bytes: number;
  largestSyncBytes: number;
  hostMs: number;
  coreMs: number;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function measureOffice(actions: number): Promise<OfficeFigures> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  for (const row of syntheticRows(actions)) ws.addRow(row);
  const fake = await fakeFromXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  const host = new ExcelHost(fake.run);

  const before = fake.stats.syncs;
  let t0 = process.hrtime.bigint();
  const snapshot = await host.snapshot();
  let hostMs = ms(t0);
  const readSyncs = fake.stats.syncs - before;

  t0 = process.hrtime.bigint();
  const { patch } = refresh(snapshot, { today: '2016-03-31' });
  const coreMs = ms(t0);

  const logFrom = fake.stats.log.length;
  t0 = process.hrtime.bigint();
  await host.apply(patch);
  hostMs += ms(t0);
  const writes = fake.stats.log.slice(logFrom);
  return {
    actions,
    readSyncs,
    writeSyncs: writes.length,
    operations: writes.reduce((n, s) => n + s.operations, 0),
    bytes: writes.reduce((n, s) => n + s.bytes, 0),
    largestSyncBytes: Math.max(...writes.map((s) => s.bytes)),
    hostMs,
    coreMs,
  };
}
