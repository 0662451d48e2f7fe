import {
  Button,
  Caption1,
  Divider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Subtitle2,
  tokens,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { CommandOutcome, OutcomeStore } from '../commands/outcome';
import type { IsoDate } from '../core/cells';
import { ColumnsEditor } from './ColumnsEditor';
import { FindingsList } from './FindingsList';
import { columnChoices } from './headers';
import { LeadsPanel } from './LeadsPanel';
import { Page } from './Page';
import { PlansPanel } from './PlansPanel';
import { PointAtPlan } from './PointAtPlan';
import { quarterlyView } from './quarterly';
import { ResultPanel } from './ResultPanel';
import { RunControls } from './RunControls';
import { SettingsForm } from './SettingsForm';
import { isRefreshResult, usePlan, type PaneHost } from './usePlan';
import { ViewTabs, type View } from './ViewTabs';

export type PaneTab = 'overview' | 'leads' | 'columns' | 'findings' | 'settings';

export interface AppProps {
  host: PaneHost;
  theme?: Theme;
  /** A fixed date for tests; the machine's date otherwise. */
  today?: IsoDate;
  initialTab?: PaneTab;
  /** The ribbon commands' outcomes (they share the pane's page), to show and to re-read after. */
  ribbon?: Pick<OutcomeStore, 'subscribe' | 'latest'>;
}

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, maxWidth: '560px' },
  header: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  heading: { margin: 0 },
  workbook: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  status: { position: 'sticky', top: 0, zIndex: 1, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  spinner: { justifyContent: 'flex-start', padding: tokens.spacingVerticalXS, backgroundColor: tokens.colorNeutralBackground2 },
});

export function App({ host, theme = webLightTheme, today, initialTab = 'overview', ribbon: commands }: AppProps) {
  const styles = useStyles();
  const plan = usePlan(host, { today });
  const { state } = plan;
  const [tab, setTab] = useState<PaneTab>(initialTab);
  const [ribbon, setRibbon] = useState<CommandOutcome | null>(() => commands?.latest() ?? null);

  useEffect(() => {
    void plan.open();
    // Opening reads the workbook once; later reads are the officer's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!commands) return;
    return commands.subscribe((outcome) => {
      setRibbon(outcome);
      if (outcome.view) setTab(outcome.view);
      // The ribbon may have changed the workbook: show what is there now.
      if (outcome.ok) void plan.open();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [commands]);

  const result = state.result;
  const columns = useMemo(
    () =>
      result && state.snapshot
        ? result.plans.map(({ plan: p }) => ({ plan: p, choices: columnChoices(state.snapshot!, p), override: result.settings.columns[p.id] ?? {} }))
        : [],
    [result, state.snapshot],
  );
  const quarterly = useMemo(() => (result && state.snapshot ? quarterlyView(state.snapshot, result) : null), [result, state.snapshot]);
  const busy = state.busy !== null;
  const pointing = { busy, onUseSelection: () => void plan.planFromSelection(), onForget: plan.forgetPlan };
  const findings = result?.findings ?? [];
  // In a narrow pane the columns, set once per plan, and the settings give up their tabs first.
  const views: View<PaneTab>[] = [
    { value: 'overview', label: 'Overview', keep: 5 },
    { value: 'leads', label: 'Leads', keep: 3 },
    { value: 'columns', label: 'Columns', keep: 1 },
    { value: 'findings', label: 'Findings', keep: 4, count: { n: findings.length, danger: findings.some((f) => f.severity === 'error') } },
    { value: 'settings', label: 'Settings', keep: 2 },
  ];

  return (
    <Page theme={theme}>
      <main className={styles.pane}>
        <header className={styles.header}>
          <Subtitle1 as="h1" className={styles.heading}>
            BoardPlan
          </Subtitle1>
          <Caption1 className={styles.workbook}>{state.snapshot ? state.snapshot.name : 'Safeguarding board business plans'}</Caption1>
        </header>

        <div className={styles.status} aria-live="polite">
          {state.busy && <Spinner className={styles.spinner} size="tiny" labelPosition="after" label={state.busy} />}
          {state.error && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Could not finish</MessageBarTitle>
                {state.error}
              </MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={result ? plan.dismissError : () => void plan.open()}>
                  {result ? 'Dismiss' : 'Try again'}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {state.notice && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{state.notice}</MessageBarBody>
            </MessageBar>
          )}
          {ribbon && (
            <MessageBar intent={ribbon.ok ? 'info' : 'error'} layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{ribbon.command === 'checkPlan' ? 'Check plan' : 'Refresh status'} (ribbon)</MessageBarTitle>
                {[ribbon.message, ...ribbon.details].join(' ')}
              </MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={() => setRibbon(null)}>
                  Dismiss
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {result && result.settingsProblems.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Stored settings not used</MessageBarTitle>
                {result.settingsProblems.join(' ')}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>

        <ViewTabs<PaneTab> views={views} selected={tab} onSelect={setTab} />

        {!result && !state.busy && !state.error && <Spinner size="small" label="Opening the workbook…" />}

        {tab === 'overview' && (
          <div role="tabpanel" aria-label="Overview" className={styles.panel}>
            <div className={styles.card}>
              <RunControls
                today={plan.today}
                asOf={state.asOf}
                scheme={state.scheme}
                current={result?.scheme ?? null}
                customDefined={!!result?.settings.customScheme}
                busy={busy}
                recorded={quarterly?.recorded ?? []}
                // A period taken from the as-of date moves with it: only one the workbook gives can be missed.
                planPeriod={result && result.planPeriodSource !== 'as-of' ? result.planPeriod : null}
                onAsOf={plan.setAsOf}
                onScheme={plan.setScheme}
                onRefresh={() => void plan.runRefresh()}
                onRecord={() => void plan.recordQuarter()}
                onCheck={() => void plan.checkOnly()}
              />
            </div>
            {result && (
              <div className={styles.card}>
                <ResultPanel
                  result={result}
                  refreshed={state.lastRun === 'refresh' && isRefreshResult(result)}
                  changes={state.changes}
                  review={quarterly?.review ?? null}
                  onSelect={plan.select}
                />
              </div>
            )}
            {result && result.plans.length === 0 && (
              <div className={styles.card}>
                <PointAtPlan none kept={result.settings.plans} {...pointing} />
              </div>
            )}
            {result && (
              <section className={styles.panel} aria-label="Plans found">
                <Divider />
                <Subtitle2 as="h2" className={styles.heading}>
                  Plans found
                </Subtitle2>
                <PlansPanel plans={result.plans} />
              </section>
            )}
          </div>
        )}
        {tab === 'leads' && (
          <div role="tabpanel" aria-label="Leads" className={styles.panel}>
            {result && quarterly ? (
              <LeadsPanel leads={quarterly.leads} plans={result.plans} scheme={result.scheme} review={quarterly.review} onSelect={plan.select} />
            ) : (
              <Caption1>Leads appear once the workbook has been read.</Caption1>
            )}
          </div>
        )}
        {tab === 'columns' && (
          <div role="tabpanel" aria-label="Columns" className={styles.panel}>
            <ColumnsEditor plans={columns} busy={busy} onSave={(id, o) => void plan.saveColumns(id, o)} />
            {result && (
              <>
                <Divider />
                <PointAtPlan none={result.plans.length === 0} kept={result.settings.plans} {...pointing} />
              </>
            )}
          </div>
        )}
        {tab === 'findings' && (
          <div role="tabpanel" aria-label="Findings" className={styles.panel}>
            {result ? <FindingsList findings={findings} onSelect={plan.select} /> : <Caption1>Findings appear once the workbook has been read.</Caption1>}
          </div>
        )}
        {tab === 'settings' && (
          <div role="tabpanel" aria-label="Settings" className={styles.panel}>
            {result ? (
              <SettingsForm key={JSON.stringify(result.settings)} settings={result.settings} busy={busy} onSave={(s) => void plan.saveSettings(s)} />
            ) : (
              <Caption1>Settings appear once the workbook has been read.</Caption1>
            )}
          </div>
        )}
      </main>
    </Page>
  );
}
