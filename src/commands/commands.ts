import type { IsoDate } from '../core/cells';
import { describeProblem } from '../core/problem';
import { check, runRefresh, summaryLine, type CheckResult } from '../core/refresh';
import { describeExcelError } from '../excel/errors';
import { ExcelHost, type ExcelRun } from '../excel/host';
import { dialogNotifier, type Notice, type Notify } from './notify';
import { oneAtATime } from './queue';
import { outcomes as pageOutcomes, type CommandName, type CommandOutcome, type OutcomeStore } from './outcome';

/**
 * The ribbon's functions (manifest.xml: ExecuteFunction "refreshStatus" and "checkPlan"). With the
 * shared runtime they run in the task pane's page, so the pane's entry registers them once Office is
 * ready. Everything Office- or Excel-specific comes in through CommandDeps, so tests run the same
 * code against the in-memory fake of Excel.
 */

/** The event Office passes to a ribbon function; completed() must be called exactly once. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

export interface CommandDeps {
  /** Excel.run, or the fake's run in tests. */
  run: ExcelRun;
  /** Office.actions, where the functions are registered by name. */
  actions: { associate(name: string, action: (event: CommandEvent) => unknown): void };
  /** Tells the officer the outcome when the pane may be closed. */
  notify: Notify;
  /** Opens the task pane (Office.addin.showAsTaskpane). */
  showTaskpane(): Promise<void>;
  outcomes: OutcomeStore;
  /** Today's date for a fixed clock; default: the machine's date. */
  today?: IsoDate;
}

let office: CommandDeps | null = null;

/** Made once: the notifier remembers the dialog it has open, and Office allows only one. */
function officeDeps(): CommandDeps {
  office ??= {
    run: (batch) => Excel.run(batch),
    actions: Office.actions,
    notify: dialogNotifier(Office.context.ui, window.location.href),
    showTaskpane: () => Office.addin.showAsTaskpane(),
    outcomes: pageOutcomes,
  };
  return office;
}

/** Office globals are read only when a command runs, so importing this module never needs them. */
function withDefaults(deps: Partial<CommandDeps>): CommandDeps {
  const needed: (keyof CommandDeps)[] = ['run', 'actions', 'notify', 'showTaskpane', 'outcomes'];
  if (needed.every((k) => deps[k] !== undefined)) return deps as CommandDeps;
  return { ...officeDeps(), ...deps };
}

function errorMessage(e: unknown): string {
  return describeProblem(e, describeExcelError);
}

function details(result: CheckResult & { notices?: string[] }): string[] {
  return [...(result.notices ?? []), ...result.settingsProblems];
}

/** Notifying is a courtesy: its failure is logged, never turned into a failed command. */
async function tell(deps: CommandDeps, notice: Notice): Promise<void> {
  try {
    await deps.notify(notice);
  } catch (e) {
    console.warn('BoardPlan could not show its message:', e, notice);
  }
}

// Ribbon clicks can arrive while a refresh, the ribbon's or the pane's, is still writing: they wait their turn.

/** "Refresh status": refresh the whole workbook with its saved settings, then report the counts. */
export function refreshStatus(event: CommandEvent, deps: Partial<CommandDeps> = {}): Promise<void> {
  return oneAtATime(async () => {
    try {
      const d = withDefaults(deps);
      let outcome: CommandOutcome;
      try {
        const { result } = await runRefresh(new ExcelHost(d.run), d.today ? { today: d.today } : {});
        outcome = { command: 'refreshStatus', ok: true, message: summaryLine(result), details: details(result), result, view: null, at: Date.now() };
      } catch (e) {
        outcome = { command: 'refreshStatus', ok: false, message: errorMessage(e), details: [], result: null, view: null, at: Date.now() };
      }
      d.outcomes.publish(outcome);
      await tell(d, {
        tone: outcome.ok ? 'success' : 'error',
        title: outcome.ok ? 'BoardPlan refreshed the plan' : 'BoardPlan could not refresh the plan',
        lines: [outcome.message, ...outcome.details],
      });
    } catch (e) {
      console.error('BoardPlan: Refresh status failed', e);
    } finally {
      event.completed();
    }
  });
}

/** "Check plan": check without writing anything, then open the pane on the findings. */
export function checkPlan(event: CommandEvent, deps: Partial<CommandDeps> = {}): Promise<void> {
  return oneAtATime(async () => {
    try {
      const d = withDefaults(deps);
      let outcome: CommandOutcome;
      try {
        const snapshot = await new ExcelHost(d.run).snapshot();
        const result = check(snapshot, d.today ? { today: d.today } : {});
        outcome = { command: 'checkPlan', ok: true, message: summaryLine(result), details: details(result), result, view: 'findings', at: Date.now() };
      } catch (e) {
        outcome = { command: 'checkPlan', ok: false, message: errorMessage(e), details: [], result: null, view: 'findings', at: Date.now() };
      }
      d.outcomes.publish(outcome);
      try {
        await d.showTaskpane();
      } catch (e) {
        // Where the pane cannot be opened from code, the officer still gets the outcome.
        console.warn('BoardPlan could not open its task pane:', e);
        await tell(d, {
          tone: outcome.ok ? 'success' : 'error',
          title: outcome.ok ? 'BoardPlan checked the plan' : 'BoardPlan could not check the plan',
          lines: [outcome.message, ...outcome.details, ...(outcome.ok ? ['Open BoardPlan to see the findings.'] : [])],
        });
      }
    } catch (e) {
      console.error('BoardPlan: Check plan failed', e);
    } finally {
      event.completed();
    }
  });
}

/**
 * Registers the ribbon's functions with Office. Call once Office is ready (Office.onReady). Returns
 * the names registered; none when Office is not there (the pane opened in a plain browser).
 */
export function registerCommands(deps: Partial<CommandDeps> = {}): CommandName[] {
  const actions = deps.actions ?? (typeof Office !== 'undefined' ? Office.actions : undefined);
  if (!actions) return [];
  // Written out name by name: these strings must match <FunctionName> in manifest.xml.
  actions.associate('refreshStatus', (event: CommandEvent) => refreshStatus(event, deps));
  actions.associate('checkPlan', (event: CommandEvent) => checkPlan(event, deps));
  return ['refreshStatus', 'checkPlan'];
}
