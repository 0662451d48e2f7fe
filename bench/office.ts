import * as ExcelJS from 'exceljs';
import { refresh } from '../src/core/refresh';
import { ExcelHost } from '../src/excel/host';
import { anatomyOf, emptyAnatomy, partsTotal, REQUEST_KINDS, type Anatomy, type RequestParts } from '../src/fake-excel/anatomy';
import type { RequestBody } from '../src/fake-excel/server';
import { fakeFromXlsx } from '../src/fake-excel/xlsx';
import { syntheticRows } from './synthetic';

/**
 * The Office.js host through Microsoft's own Excel client, answered by the in-memory Excel: the
 * requests of one refresh (to read, to write) as the client serialised them, the largest against
 * Excel on the web's 5 MB limit, where their bytes go, and where the time goes (the host and the
 * client vs the core).
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

/**
 * One refresh of a synthetic plan, measured: the plan's first (`refreshes` 1), or a later one
 * (2: the plan then has BoardPlan's rules, which the write replaces).
 */
export async function measureOffice(actions: number, refreshes = 1): Promise<OfficeFigures> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  for (const row of syntheticRows(actions)) ws.addRow(row);
  let anatomy = emptyAnatomy();
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
  for (let i = 1; i < refreshes; i++) await host.apply(refresh(await host.snapshot(), { today: '2016-03-31' }).patch);
  const start = fake.stats.log.length;
  anatomy = emptyAnatomy();
  measuring = 0;

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
  const requests = fake.stats.log.slice(start).filter((r) => !r.cleanup);
  const reads = fake.stats.log.slice(start, readLog).filter((r) => !r.cleanup);
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

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Where the refreshes' bytes go, side by side: KB by what they write, then by part of the client's request format. */
export function anatomyLines(figures: OfficeFigures[]): string[] {
  const cell = (bytes: number, all: number) => `${fmt(bytes / 1024, 1).padStart(9)} ${`(${Math.round((100 * bytes) / all)}%)`.padStart(6)}`;
  const totals = figures.map((f) => REQUEST_KINDS.reduce((n, k) => n + partsTotal(f.anatomy[k]), 0));
  const lines = ['Where the bytes go: KB sent by what they write (share of the refresh)', `${''.padEnd(22)}${figures.map((f) => `${fmt(f.actions).padStart(9)} actions`).join('')}`];
  for (const kind of REQUEST_KINDS) {
    if (figures.some((f) => partsTotal(f.anatomy[kind]) > 0)) lines.push(`${kind.padEnd(22)}${figures.map((f, i) => cell(partsTotal(f.anatomy[kind]), totals[i])).join('')}`);
  }
  lines.push('…and by part of the request: object paths, the actions that instantiate them, other actions, arguments');
  const parts: [string, keyof RequestParts][] = [['object paths', 'paths'], ['instantiations', 'instantiations'], ['actions', 'actions'], ['arguments', 'arguments']];
  for (const [label, part] of parts) lines.push(`${label.padEnd(22)}${figures.map((f, i) => cell(REQUEST_KINDS.reduce((n, k) => n + f.anatomy[k][part], 0), totals[i])).join('')}`);
  return lines;
}
