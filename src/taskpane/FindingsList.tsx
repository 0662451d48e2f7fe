import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  CounterBadge,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { sheetAddress } from '../core/cells';
import type { Finding, Severity } from '../core/model';
import { groupFindings, type RuleGroup } from './findingGroups';
import { RULE_LABELS, SEVERITY_LABELS } from './labels';
import { cellButton, plainList } from './listStyles';

/** Findings by severity, then by rule; each one a button that takes Excel to its cell. */

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  rule: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalM },
  ruleHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  list: plainList,
  finding: cellButton,
  findingText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  where: { color: tokens.colorBrandForeground1, fontSize: tokens.fontSizeBase200 },
  plain: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, display: 'block' },
  clean: { padding: tokens.spacingVerticalM },
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };
/** Long lists stay quick to render and to scan; the rest is one click away. */
const FIRST = 50;

export interface FindingsListProps {
  findings: Finding[];
  onSelect(sheet: string, cell: string): void;
}

export function FindingsList({ findings, onSelect }: FindingsListProps) {
  const styles = useStyles();
  const groups = groupFindings(findings);
  if (!groups.length) {
    return (
      <Text as="p" className={styles.clean}>
        No findings: every plan reads cleanly.
      </Text>
    );
  }
  return (
    <Accordion multiple collapsible defaultOpenItems={groups.map((g) => g.severity)}>
      {groups.map((g) => (
        <AccordionItem key={g.severity} value={g.severity}>
          <AccordionHeader>
            <span className={styles.header}>
              {SEVERITY_LABELS[g.severity]}
              <CounterBadge count={g.count} overflowCount={9999} color={g.severity === 'error' ? 'danger' : 'informative'} aria-label={`${g.count} ${SEVERITY_LABELS[g.severity].toLowerCase()}`} />
            </span>
          </AccordionHeader>
          <AccordionPanel>
            {g.rules.map((r) => (
              <RuleFindings key={r.rule} group={r} severity={g.severity} onSelect={onSelect} />
            ))}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}

function RuleFindings({ group, severity, onSelect }: { group: RuleGroup; severity: Severity; onSelect: FindingsListProps['onSelect'] }) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const shown = all ? group.findings : group.findings.slice(0, FIRST);
  const label = RULE_LABELS[group.rule];
  return (
    <section className={styles.rule} aria-label={label} data-rule={group.rule}>
      <div className={styles.ruleHead}>
        <Text weight="semibold">{label}</Text>
        <Badge appearance="tint" color={BADGE[severity]} aria-label={`${group.findings.length} finding${group.findings.length === 1 ? '' : 's'}`}>
          {group.findings.length}
        </Badge>
      </div>
      <ul className={styles.list}>
        {shown.map((f, i) => (
          <li key={`${f.sheet}|${f.cell}|${i}`}>
            {f.sheet ? (
              <Button appearance="subtle" className={styles.finding} onClick={() => onSelect(f.sheet, f.cell ?? 'A1')}>
                <span className={styles.findingText}>
                  <span>{f.message}</span>
                  <span className={styles.where}>Go to {sheetAddress(f.sheet, f.cell)}</span>
                </span>
              </Button>
            ) : (
              <Text className={styles.plain}>{f.message}</Text>
            )}
          </li>
        ))}
      </ul>
      {shown.length < group.findings.length && (
        <Button size="small" appearance="transparent" onClick={() => setAll(true)}>
          Show all {group.findings.length}
        </Button>
      )}
    </section>
  );
}
