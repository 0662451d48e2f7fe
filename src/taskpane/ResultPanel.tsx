import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { formatDate, quoteSheet } from '../core/cells';
import { summaryLine, type CheckResult, type PriorityCount, type RefreshResult } from '../core/refresh';
import type { PriorityTravel, Review } from '../core/travel';
import type { RatingChange } from './changes';
import { QuarterlyReview } from './QuarterlyReview';
import { RatingBar, RatingLegend } from './RatingBar';
import { TravelLine } from './TravelLine';

/**
 * What a run found: counts by rating (and travel) per priority, the one-line summary, notices, the
 * quarterly review, changes and the summary sheets.
 */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  head: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  priority: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  titleRow: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  total: { flexShrink: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  links: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  changes: { margin: 0, padding: 0, listStyleType: 'none' },
  summary: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

export interface ResultPanelProps {
  result: CheckResult | RefreshResult;
  refreshed: boolean;
  changes: RatingChange[] | null;
  /** The quarterly review of the same run. */
  review: Review | null;
  onSelect(sheet: string, cell: string): void;
}

export function ResultPanel({ result, refreshed, changes, review, onSelect }: ResultPanelProps) {
  const styles = useStyles();
  const recorded =
    refreshed && 'recordedQuarter' in result && result.recordedQuarter
      ? { quarter: result.recordedQuarter, sheet: result.history.sheet, replaced: result.replacedQuarter }
      : null;
  const travelOf = (p: PriorityCount) => (review?.baseline ? review.byPriority.find((t) => t.plan === p.plan && t.priority === p.priority) : undefined);
  const summarySheets = 'patch' in result ? result.patch.sheets.filter((s) => s.name !== result.stateSheet).map((s) => s.name) : [];
  const notices = 'notices' in result ? result.notices : [];
  return (
    <section className={styles.root} aria-label="Result">
      <div className={styles.head}>
        <Subtitle2 as="h2" className={styles.heading}>{refreshed ? 'Refreshed' : 'Checked'} as of {formatDate(result.asOf)}</Subtitle2>
        <Caption1>
          {refreshed ? 'Colours and summary sheets written to the workbook.' : 'Nothing was written: run Refresh to colour the plan and write the summaries.'}
        </Caption1>
      </div>
      {recorded && (
        <MessageBar intent="success">
          <MessageBarBody>
            Recorded {recorded.quarter}
            {recorded.sheet ? ` in ${quoteSheet(recorded.sheet)}` : ''}
            {recorded.replaced ? ', replacing the ratings recorded for it before' : ''}.
          </MessageBarBody>
        </MessageBar>
      )}
      <Text className={styles.summary} data-testid="summary-line">
        {summaryLine(result)}
      </Text>
      {result.totals.some((t) => t.count > 0) && <RatingLegend scheme={result.scheme} ratings={result.totals} />}

      {result.byPriority.length > 0 && (
        <ul className={styles.list} aria-label="Ratings by priority">
          {result.byPriority.map((p) => (
            <li key={`${p.plan}|${p.priority}`} className={styles.priority} data-priority={p.priority ?? ''}>
              <div className={styles.titleRow}>
                <Text weight="semibold" className={styles.title} title={p.title}>
                  {p.title}
                </Text>
                <span className={styles.total}>
                  {p.total} action{p.total === 1 ? '' : 's'}
                </span>
              </div>
              <RatingBar scheme={result.scheme} ratings={p.ratings} total={p.total} />
              <RatingLegend scheme={result.scheme} ratings={p.ratings} />
              <PriorityTravelLine travel={travelOf(p)} since={review?.baseline} />
            </li>
          ))}
        </ul>
      )}

      {notices.map((n) => (
        <MessageBar key={n} intent="info">
          <MessageBarBody>{n}</MessageBarBody>
        </MessageBar>
      ))}

      {review && result.plans.length > 0 && <QuarterlyReview plans={result.plans} review={review} scheme={result.scheme} onSelect={onSelect} />}

      {refreshed && (
        <div className={styles.section}>
          <Subtitle2 as="h3" className={styles.heading}>
            Changes since the previous refresh
          </Subtitle2>
          {changes === null ? (
            <Caption1>This is the first refresh since the pane opened; the next one will list the ratings that changed.</Caption1>
          ) : changes.length === 0 ? (
            <Caption1>No rating changed.</Caption1>
          ) : (
            <ul className={styles.changes} aria-label="Rating changes">
              {changes.map((c) => (
                <li key={`${c.sheet}|${c.cell}|${c.name}`}>
                  <Button appearance="transparent" size="small" onClick={() => onSelect(c.sheet, c.cell)}>
                    {`${c.name} ${c.from} → ${c.to}`}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {summarySheets.length > 0 && (
        <div className={styles.section}>
          <Subtitle2 as="h3" className={styles.heading}>
            Summary sheets
          </Subtitle2>
          <div className={styles.links} role="group" aria-label="Summary sheets">
            {summarySheets.map((name) => (
              <Button key={name} size="small" appearance="outline" onClick={() => onSelect(name, 'A1')}>
                {name}
              </Button>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}

function PriorityTravelLine({ travel, since }: { travel: PriorityTravel | undefined; since: string | null | undefined }) {
  return travel && since ? <TravelLine counts={travel} since={since} /> : null;
}
