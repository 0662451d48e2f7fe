import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from '@fluentui/react-components';
import { quoteSheet } from '../core/cells';
import type { PlanPointer } from '../core/settings';

/**
 * When BoardPlan finds no plan, or reads the wrong one, the officer points at it: select the
 * plan's header row (or the whole plan) in Excel and press the button. The range is kept in the
 * workbook's settings, so Refresh, the ribbon button and the command line read it from then on.
 */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  kept: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  address: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
});

export interface PointAtPlanProps {
  /** No plan was found: say so first. */
  none: boolean;
  /** Plans kept in the settings. */
  kept: PlanPointer[];
  busy: boolean;
  onUseSelection(): void;
  onForget(pointer: PlanPointer): void;
}

export function PointAtPlan({ none, kept, busy, onUseSelection, onForget }: PointAtPlanProps) {
  const styles = useStyles();
  const button = (
    <Button appearance={none ? 'primary' : 'secondary'} disabled={busy} onClick={onUseSelection}>
      Use the selected range as a plan
    </Button>
  );
  return (
    <section className={styles.root} aria-label="Point at the plan">
      {none ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No plan found</MessageBarTitle>
            BoardPlan found no row of headings over actions in this workbook. Select the plan&apos;s header row, or the whole plan, in
            Excel, then:
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Caption1>Plan missing or read wrongly? Select its header row, or the whole plan, in Excel, then:</Caption1>
      )}
      <div>{button}</div>
      {kept.length > 0 && (
        <ul className={styles.list} aria-label="Plans you pointed at">
          {kept.map((p) => {
            const where = `${quoteSheet(p.sheet)}!${p.range}`;
            return (
              <li key={where} className={styles.kept}>
                <Text className={styles.address} title={where}>
                  {where}
                </Text>
                <Button size="small" appearance="subtle" disabled={busy} onClick={() => onForget(p)} aria-label={`Forget the plan at ${where}`}>
                  Forget
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
