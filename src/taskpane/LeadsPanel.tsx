import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  makeStyles,
  Text,
  tokens,
  type AccordionToggleData,
} from '@fluentui/react-components';
import { useState } from 'react';
import { formatDate, quoteSheet } from '../core/cells';
import type { LeadAction, LeadGroup } from '../core/leads';
import type { AssessedPlan } from '../core/model';
import { ratingByLabel, ratingFor, type Scheme } from '../core/schemes';
import { TRAVEL_TEXT, type Review } from '../core/travel';
import { RatingTag } from './RatingBar';
import { cellButton, plainList } from './listStyles';

/**
 * Each lead with their actions, so that an officer can chase the updates before the board meets:
 * rating, due date, last update and whether an update is needed. Each action takes Excel to its row.
 */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  tools: { display: 'flex', gap: tokens.spacingHorizontalXS },
  header: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: { ...plainList, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  action: cellButton,
  text: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS, minWidth: 0, width: '100%' },
  what: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '100%' },
  ref: { fontWeight: tokens.fontWeightSemibold },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  empty: { padding: tokens.spacingVerticalM },
});

export interface LeadsPanelProps {
  leads: LeadGroup[];
  plans: AssessedPlan[];
  scheme: Scheme;
  review: Review;
  onSelect(sheet: string, cell: string): void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const needing = (g: LeadGroup) => g.actions.filter((a) => a.stale).length;

export function LeadsPanel({ leads, plans, scheme, review, onSelect }: LeadsPanelProps) {
  const styles = useStyles();
  // The leads who owe an update start open: they are the ones to chase.
  const [open, setOpen] = useState<string[]>(() => leads.filter((g) => needing(g) > 0).map((g) => g.lead));
  if (!plans.length) {
    return <Text className={styles.empty}>No plan found yet, so there are no leads to list. See Findings for what BoardPlan looked for.</Text>;
  }
  const noLeadColumn = plans.filter(({ plan }) => !plan.columns.lead).map(({ plan }) => quoteSheet(plan.sheet));
  const owing = leads.filter((g) => needing(g) > 0).length;
  return (
    <section className={styles.root} aria-label="Actions by lead">
      {noLeadColumn.length > 0 && (
        <Caption1>
          No lead column was found in {noLeadColumn.join(', ')}: choose it in the Columns tab to list those actions by lead.
        </Caption1>
      )}
      <div className={styles.bar}>
        <Text>
          {plural(leads.length, 'lead', 'leads')} · {owing === 0 ? 'no update needed' : `${plural(owing, 'lead needs', 'leads need')} to update`}
        </Text>
        <div className={styles.tools}>
          <Button size="small" appearance="subtle" onClick={() => setOpen(leads.map((g) => g.lead))}>
            Open all
          </Button>
          <Button size="small" appearance="subtle" onClick={() => setOpen([])}>
            Close all
          </Button>
        </div>
      </div>
      <Accordion multiple collapsible openItems={open} onToggle={(_, d: AccordionToggleData<string>) => setOpen(d.openItems)}>
        {leads.map((g) => (
          <AccordionItem key={g.lead} value={g.lead}>
            <AccordionHeader>
              <span className={styles.header}>
                <Text weight="semibold">{g.lead}</Text>
                <Badge appearance="tint" color="informative">
                  {plural(g.actions.length, 'action', 'actions')}
                </Badge>
                {needing(g) > 0 && (
                  <Badge appearance="tint" color="warning">
                    {plural(needing(g), 'update', 'updates')} needed
                  </Badge>
                )}
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list} aria-label={`Actions led by ${g.lead}`}>
                {g.actions.map((a) => (
                  <li key={`${a.sheet}|${a.cell}`}>
                    <LeadActionButton action={a} scheme={scheme} review={review} onSelect={onSelect} />
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

function LeadActionButton({ action: a, scheme, review, onSelect }: { action: LeadAction; scheme: Scheme; review: Review; onSelect: LeadsPanelProps['onSelect'] }) {
  const styles = useStyles();
  const fill = (ratingByLabel(scheme, a.effective) ?? ratingFor(scheme, a.effectiveStatus)).fill;
  const travel = review.actions[a.key]?.travel;
  return (
    <Button appearance="subtle" className={styles.action} onClick={() => onSelect(a.sheet, a.cell)}>
      <span className={styles.text}>
        <span className={styles.what} title={a.action}>
          <span className={styles.ref}>{a.ref ?? `Row ${a.cell.replace(/^[A-Z]+/, '')}`} </span>
          {a.action}
        </span>
        <span className={styles.facts}>
          <RatingTag fill={fill} label={a.effective} />
          {travel && travel !== 'new' && <span>{TRAVEL_TEXT[travel]}</span>}
          <span>{a.due ? `Due ${formatDate(a.due)}` : 'No due date'}</span>
          <span>{a.lastUpdate ? `Last update ${formatDate(a.lastUpdate)}` : 'No dated update'}</span>
          {a.stale && (
            <Badge appearance="filled" color="warning" size="small">
              Update needed
            </Badge>
          )}
        </span>
      </span>
    </Button>
  );
}
