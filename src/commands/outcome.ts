import type { CheckResult } from '../core/refresh';

/**
 * What the ribbon's last command did, for the task pane to show. With a shared runtime the ribbon's
 * functions and the pane run in the same page, so a plain in-memory store is enough: the pane
 * subscribes (React's useSyncExternalStore fits `subscribe` and `latest`) and also reads the latest
 * outcome when it mounts after the command ran.
 */

export type CommandName = 'refreshStatus' | 'checkPlan';

export interface CommandOutcome {
  command: CommandName;
  ok: boolean;
  /** The summary line ("38 actions: 5 Red, … — 3 findings") or what went wrong. */
  message: string;
  /** Further sentences worth showing (notices from the refresh, stored settings that were ignored). */
  details: string[];
  /** The refresh's or check's result when it succeeded (a RefreshResult for refreshStatus). */
  result: CheckResult | null;
  /** The pane view the command asks for, e.g. the findings after "Check plan". */
  view: 'findings' | null;
  /** When the command finished (ms since the epoch); distinguishes two runs with the same message. */
  at: number;
}

export type OutcomeListener = (outcome: CommandOutcome) => void;

export class OutcomeStore {
  private current: CommandOutcome | null = null;
  private readonly listeners = new Set<OutcomeListener>();

  latest = (): CommandOutcome | null => this.current;

  /** Returns the function that unsubscribes. */
  subscribe = (listener: OutcomeListener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  publish(outcome: CommandOutcome): void {
    this.current = outcome;
    for (const listener of [...this.listeners]) {
      try {
        listener(outcome);
      } catch (e) {
        // One broken subscriber must not stop the others or the command.
        console.error('BoardPlan: a subscriber to command outcomes failed', e);
      }
    }
  }
}

/** The page's store: the ribbon's functions publish here and the pane subscribes. */
export const outcomes = new OutcomeStore();
