import { Badge, Button, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { formatDate } from '../core/cells';
import { exceptionGroups, REASON_TEXT, type ExceptionItem, type ExceptionReason } from '../core/exceptions';
import type { AssessedPlan } from '../core/model';
import type { Review, Slip, StaleUpdate } from '../core/travel';
import { cellButton, plainList } from './listStyles';

/**
 * What the officer has to chase before the board meets, as the Exceptions sheet lists it: actions
 * overdue or at risk, progress notes with no recent update and dates that have moved. Each one
 * takes Excel to its cell. It says "nothing to chase" only when there is nothing in any of them.
 */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  groupHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  list: plainList,
  item: cellButton,
  text: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', minWidth: 0, width: '100%' },
  what: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '100%' },
  ref: { fontWeight: tokens.fontWeightSemibold },
  detail: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  all: { alignSelf: 'flex-start' },
});

/** A long list shows its first few; the rest are one click away. */
const FIRST = 5;

export interface NeedsAttentionProps {
  plans: AssessedPlan[];
  review: Review;
  onSelect(sheet: string, cell: string): void;
}

/** "No progress update since 1 Jan 2016 (the last is dated 31 Dec 2015)", as the exception report says it. */
function staleText(s: StaleUpdate): string {
  const last = s.lastUpdate ? `the last is dated ${formatDate(s.lastUpdate)}` : 'none is dated';
  return `No progress update since ${formatDate(s.since)} (${last}).`;
}

/** "30 Sep 2016 → 31 Dec 2016, revised in the progress notes" */
function slipText(s: Slip): string {
  const from = s.original ? formatDate(s.original) : 'no date';
  const to = s.current ? formatDate(s.current) : 'no date';
  const how = s.source === 'notes' ? 'revised in the progress notes' : 'changed in the plan since it was recorded';
  return `${from} → ${to}, ${how}.`;
}

/** "Red: Due 31 Jan 2016 and not recorded as complete." — the rating and the chair's sentence. */
function ratedText(it: ExceptionItem): string {
  return `${it.effective}: ${it.assessed.assessment.reason}`;
}

export function NeedsAttention({ plans, review, onSelect }: NeedsAttentionProps) {
  const styles = useStyles();
  const exceptions = exceptionGroups(plans, review).flatMap((g) => g.items);
  const rated = (reason: ExceptionReason): Item[] =>
    exceptions.filter((it) => it.reasons.includes(reason)).map((it) => ({ ...it, key: `${it.sheet}|${it.cell}`, detail: ratedText(it) }));
  const groups: { reason: ExceptionReason; items: Item[] }[] = [
    { reason: 'overdue', items: rated('overdue') },
    { reason: 'at-risk', items: rated('at-risk') },
    { reason: 'stale', items: review.stale.map((s) => ({ ...s, detail: staleText(s) })) },
    { reason: 'slipped', items: review.slipped.map((s) => ({ ...s, detail: slipText(s) })) },
  ];
  const clear = groups.every((g) => !g.items.length);
  return (
    <section className={styles.root} aria-label="Needs attention">
      <Subtitle2 as="h3" className={styles.heading}>
        Needs attention
      </Subtitle2>
      {clear && <Text>Nothing to chase: no action is overdue or at risk, every progress note has a recent update and no date has moved.</Text>}
      {groups.map((g) => (
        <Group key={g.reason} title={REASON_TEXT[g.reason]} urgent={g.reason === 'overdue'} items={g.items} onSelect={onSelect} />
      ))}
    </section>
  );
}

/** What every kind of item has in common, with the sentence shown under it. */
type Item = Pick<StaleUpdate, 'key' | 'sheet' | 'cell' | 'ref' | 'action' | 'lead'> & { detail: string };

function Group({ title, urgent, items, onSelect }: { title: string; urgent: boolean; items: Item[]; onSelect: NeedsAttentionProps['onSelect'] }) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  if (!items.length) return null;
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <section className={styles.group} aria-label={title}>
      <div className={styles.groupHead}>
        <Text weight="semibold">{title}</Text>
        <Badge appearance="tint" color={urgent ? 'danger' : 'warning'} aria-label={`${items.length} action${items.length === 1 ? '' : 's'}`}>
          {items.length}
        </Badge>
      </div>
      <ul className={styles.list}>
        {shown.map((it) => (
          <li key={it.key}>
            <Button appearance="subtle" className={styles.item} onClick={() => onSelect(it.sheet, it.cell ?? 'A1')}>
              <span className={styles.text}>
                <span className={styles.what} title={it.action}>
                  {it.ref && <span className={styles.ref}>{it.ref} </span>}
                  {it.action}
                </span>
                <span className={styles.detail}>
                  {it.lead ? `${it.lead} · ` : ''}
                  {it.detail}
                </span>
              </span>
            </Button>
          </li>
        ))}
      </ul>
      {shown.length < items.length && (
        <Button size="small" appearance="transparent" className={styles.all} onClick={() => setAll(true)}>
          Show all {items.length}
        </Button>
      )}
    </section>
  );
}
