import { useCallback, useRef, useState } from 'react';
import { quoteSheet, todayIso, type IsoDate } from '../core/cells';
import type { WorkbookHost } from '../core/host';
import { oneAtATime } from '../commands/queue';
import { describeProblem } from '../core/problem';
import { planAtAddress } from '../core/pointed-plans';
import { check, refresh, settingsPatch, UsageError, type CheckResult, type RefreshResult, type RunInput } from '../core/refresh';
import type { ColumnOverride, PlanPointer, Settings } from '../core/settings';
import type { WorkbookSnapshot } from '../core/snapshot';
import { readState } from '../core/state';
import { ratingChanges, type RatingChange } from './changes';

/**
 * The pane's controller: it reads the workbook, calls the use cases and writes their patch. Every
 * decision is the core's; this only sequences the steps and keeps what the officer sees.
 */

/** What the pane needs from a host: the two verbs, selecting a cell for navigation, the selection's address, and the sentence for its failures. */
export interface PaneHost extends WorkbookHost {
  select(sheet: string, cell: string): Promise<void>;
  /** The officer's selection as Excel writes its address ("'Delivery plan'!A3:H40"), for "Use the selected range as a plan". */
  selectedRange(): Promise<string>;
  describeError(error: unknown): string;
}

export interface PaneState {
  snapshot: WorkbookSnapshot | null;
  /** The latest check or refresh. */
  result: CheckResult | RefreshResult | null;
  lastRun: 'open' | 'check' | 'refresh' | 'save' | null;
  /** Rating changes since the previous refresh in this session; null before a second refresh. */
  changes: RatingChange[] | null;
  /** Name of the step under way, for the progress indicator. */
  busy: string | null;
  error: string | null;
  /** A short confirmation ("Column choices saved to the workbook."). */
  notice: string | null;
  /** The as-of date the next run uses, as YYYY-MM-DD. */
  asOf: string;
  /** The scheme the next run uses. */
  scheme: string;
}

export interface PlanController {
  state: PaneState;
  today: IsoDate;
  open(): Promise<void>;
  checkOnly(): Promise<void>;
  runRefresh(): Promise<void>;
  /** Refresh and record the as-of date's quarter in the RAG History (replacing it if it was recorded). */
  recordQuarter(): Promise<void>;
  saveColumns(planId: string, override: ColumnOverride): Promise<void>;
  saveSettings(settings: Settings): Promise<void>;
  /** "Use the selected range as a plan": keeps the selection's range in the settings and reads the workbook again. */
  planFromSelection(): Promise<void>;
  /** Forgets a plan the officer pointed at. */
  forgetPlan(pointer: PlanPointer): Promise<void>;
  select(sheet: string, cell: string): Promise<void>;
  setAsOf(asOf: string): void;
  setScheme(scheme: string): void;
  dismissError(): void;
}

export function isRefreshResult(r: CheckResult | null): r is RefreshResult {
  return !!r && 'patch' in r;
}

/** Let the browser paint the progress indicator before a long synchronous step. */
const paint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const INITIAL: PaneState = {
  snapshot: null,
  result: null,
  lastRun: null,
  changes: null,
  busy: null,
  error: null,
  notice: null,
  asOf: '',
  scheme: 'brag',
};

export function usePlan(host: PaneHost, options: { today?: IsoDate } = {}): PlanController {
  const today = options.today ?? todayIso();
  const [state, setState] = useState<PaneState>({ ...INITIAL, asOf: today });
  const current = useRef(state);
  current.current = state;
  const lastRefresh = useRef<RefreshResult | null>(null);

  const update = useCallback((changes: Partial<PaneState>) => {
    setState((s) => {
      const next = { ...s, ...changes };
      current.current = next;
      return next;
    });
  }, []);

  /** Runs one piece of work with progress and error reporting; the pane is never left blank. */
  const work = useCallback(
    async (body: (step: (name: string) => Promise<void>) => Promise<Partial<PaneState>>) => {
      if (current.current.busy) return;
      const step = async (name: string) => {
        update({ busy: name });
        await paint();
      };
      update({ error: null, notice: null });
      try {
        // One at a time with the ribbon's commands, which share this page.
        const changes = await oneAtATime(() => body(step));
        update({ ...changes, busy: null });
      } catch (e) {
        update({ busy: null, error: describeProblem(e, host.describeError.bind(host)) });
      }
    },
    [update, host],
  );

  const read = useCallback(
    async (step: (name: string) => Promise<void>) => {
      await step('Reading workbook…');
      return host.snapshot();
    },
    [host],
  );

  const assessing = (n: number | undefined) => (n ? `Assessing ${n} action${n === 1 ? '' : 's'}…` : 'Assessing actions…');

  const input = useCallback(
    (snapshot: WorkbookSnapshot, record = false): RunInput => ({
      asOf: current.current.asOf,
      today,
      settings: { ...readState(snapshot).settings, scheme: current.current.scheme },
      record,
    }),
    [today],
  );

  const open = useCallback(
    () =>
      work(async (step) => {
        const snapshot = await read(step);
        await step(assessing(current.current.result?.actionCount));
        // The first look uses the workbook's own settings, including its as-of default; a later
        // re-read (after the ribbon ran) keeps the date and scheme the officer chose.
        if (current.current.result) return { snapshot, result: check(snapshot, input(snapshot)), lastRun: 'open' };
        const result = check(snapshot, { today });
        return { snapshot, result, lastRun: 'open', asOf: result.asOf, scheme: result.settings.scheme };
      }),
    [work, read, input, today],
  );

  const checkOnly = useCallback(
    () =>
      work(async (step) => {
        const snapshot = await read(step);
        await step(assessing(current.current.result?.actionCount));
        return { snapshot, result: check(snapshot, input(snapshot)), lastRun: 'check' };
      }),
    [work, read, input],
  );

  const refreshing = useCallback(
    (record: boolean) =>
      work(async (step) => {
        const snapshot = await read(step);
        await step(assessing(current.current.result?.actionCount));
        const result = refresh(snapshot, input(snapshot, record));
        await step(result.recordedQuarter ? 'Writing colours, summaries and the RAG History…' : 'Writing colours and summaries…');
        await host.apply(result.patch);
        const before = lastRefresh.current;
        lastRefresh.current = result;
        return { snapshot, result, lastRun: 'refresh', changes: before ? ratingChanges(before.plans, result.plans) : null };
      }),
    [work, read, input, host],
  );
  const runRefresh = useCallback(() => refreshing(false), [refreshing]);
  const recordQuarter = useCallback(() => refreshing(true), [refreshing]);

  const save = useCallback(
    (change: (stored: Settings) => Settings | Promise<Settings>, notice: string | ((result: CheckResult) => string)) =>
      work(async (step) => {
        const before = await read(step);
        const settings = await change(readState(before).settings);
        await step('Saving settings to the workbook…');
        await host.apply(settingsPatch(before, settings));
        const snapshot = await read(step);
        await step(assessing(current.current.result?.actionCount));
        const asOf = settings.asOf !== readState(before).settings.asOf ? settings.asOf : current.current.asOf;
        const result = check(snapshot, { today, asOf });
        return { snapshot, result, lastRun: 'save', notice: typeof notice === 'string' ? notice : notice(result), asOf: result.asOf, scheme: settings.scheme };
      }),
    [work, read, host, today],
  );

  const saveColumns = useCallback(
    (planId: string, override: ColumnOverride) =>
      save((stored) => {
        const columns = { ...stored.columns };
        if (Object.keys(override).length) columns[planId] = override;
        else delete columns[planId];
        return { ...stored, columns };
      }, 'Column choices saved to the workbook. Refresh, the ribbon button and the command line will use them.'),
    [save],
  );

  const saveSettings = useCallback(
    // Column choices and pointed plans are edited in the Columns tab: keep the workbook's, whatever the form started from.
    (settings: Settings) => save((stored) => ({ ...settings, columns: stored.columns, plans: stored.plans }), 'Settings saved to the workbook.'),
    [save],
  );

  const planFromSelection = useCallback(() => {
    let pointer: PlanPointer | null = null;
    return save(
      async (stored) => {
        const address = await host.selectedRange();
        pointer = planAtAddress(address);
        if (!pointer) throw new UsageError(`The selection (${address}) is not a range of cells: select the plan's header row, or the whole plan, and try again.`);
        const { sheet, range } = pointer;
        // The same sheet and header row again replaces the range kept before: the officer is correcting it.
        const row = (r: string) => /\d+/.exec(r)?.[0];
        const others = stored.plans.filter((p) => p.sheet !== sheet || row(p.range) !== row(range));
        return { ...stored, plans: [...others, { sheet, range }] };
      },
      (result) => {
        const where = `${quoteSheet(pointer!.sheet)}!${pointer!.range}`;
        const found = result.plans.find((p) => p.plan.source === 'settings' && p.plan.sheet === pointer!.sheet);
        return found
          ? `The plan at ${where} is saved in the workbook: ${found.actions.length} action${found.actions.length === 1 ? '' : 's'} read. Refresh, the ribbon button and the command line will use it.`
          : `The range ${where} is saved in the workbook, but no actions were read under it: select the plan's header row and its rows, and try again.`;
      },
    );
  }, [save, host]);

  const forgetPlan = useCallback(
    (pointer: PlanPointer) =>
      save(
        (stored) => ({ ...stored, plans: stored.plans.filter((p) => p.sheet !== pointer.sheet || p.range !== pointer.range) }),
        `BoardPlan no longer reads a plan at ${quoteSheet(pointer.sheet)}!${pointer.range} unless it finds one there itself.`,
      ),
    [save],
  );

  const select = useCallback(
    async (sheet: string, cell: string) => {
      try {
        await host.select(sheet, cell);
      } catch (e) {
        update({ error: describeProblem(e, host.describeError.bind(host)) });
      }
    },
    [host, update],
  );

  return {
    state,
    today,
    open,
    checkOnly,
    runRefresh,
    recordQuarter,
    saveColumns,
    saveSettings,
    planFromSelection,
    forgetPlan,
    select,
    setAsOf: useCallback((asOf: string) => update({ asOf }), [update]),
    setScheme: useCallback((scheme: string) => update({ scheme }), [update]),
    dismissError: useCallback(() => update({ error: null }), [update]),
  };
}
