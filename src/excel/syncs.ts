import type { ApplyStats } from '../core/host';

/** Round trips a read or a write made, with the calls and bytes it sent as far as the host bounds them. */
export type SyncStats = ApplyStats;

/** Counts the round trips made through a request context. */
export class Syncs {
  private count = 0;
  operations = 0;
  bytes = 0;

  constructor(readonly context: Excel.RequestContext) {}

  async sync(): Promise<void> {
    this.count += 1;
    await this.context.sync();
  }

  stats(): SyncStats {
    return { syncs: this.count, operations: this.operations, bytes: this.bytes };
  }
}
