import { Badge, Button, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { formatDate } from '../core/cells';
import { REASON_TEXT } from '../core/exceptions';
import type { Slip, StaleUpdate } from '../core/travel';
import { cellButton, plainList } from './listStyles';

/**
 * What the officer has to chase before the board meets: progress notes with no recent update and
 * dates that have moved. Each one takes Excel to its cell.
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
});

export interface NeedsAttentionProps {
  stale: StaleUpdate[];
  slipped: Slip[];
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

export function NeedsAttention({ stale, slipped, onSelect }: NeedsAttentionProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label="Needs attention">
      <Subtitle2 as="h3" className={styles.heading}>
        Needs attention
      </Subtitle2>
      {!stale.length && !slipped.length && <Text>Nothing to chase: every progress note has a recent update and no date has moved.</Text>}
      <Group title={REASON_TEXT.stale} items={stale.map((s) => ({ ...s, detail: staleText(s) }))} onSelect={onSelect} />
      <Group title={REASON_TEXT.slipped} items={slipped.map((s) => ({ ...s, detail: slipText(s) }))} onSelect={onSelect} />
    </section>
  );
}

/** What a stale update and a slipped date have in common, with the sentence shown under it. */
type Item = Pick<StaleUpdate, 'key' | 'sheet' | 'cell' | 'ref' | 'action' | 'lead'> & { detail: string };

function Group({ title, items, onSelect }: { title: string; items: Item[]; onSelect: NeedsAttentionProps['onSelect'] }) {
  const styles = useStyles();
  if (!items.length) return null;
  return (
    <section className={styles.group} aria-label={title}>
      <div className={styles.groupHead}>
        <Text weight="semibold">{title}</Text>
        <Badge appearance="tint" color="warning" aria-label={`${items.length} action${items.length === 1 ? '' : 's'}`}>
          {items.length}
        </Badge>
      </div>
      <ul className={styles.list}>
        {items.map((it) => (
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
    </section>
  );
}
