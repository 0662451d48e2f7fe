import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { AssessedPlan } from '../core/model';

/** The plans BoardPlan found: where each is, how many actions and priorities it has. */

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  plan: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  priorities: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  clip: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function PlansPanel({ plans }: { plans: AssessedPlan[] }) {
  const styles = useStyles();
  if (!plans.length) {
    return <Text>No plan found yet. See Findings for what BoardPlan looked for.</Text>;
  }
  return (
    <ul className={styles.list} aria-label="Plans found">
      {plans.map(({ plan }) => (
        <li key={plan.id} className={styles.plan}>
          <Text weight="semibold">
            {plan.sheet}
            {plan.table ? ` — table ${plan.table}` : ''}
          </Text>
          <Caption1>
            {count(plan.actions.length, 'action', 'actions')} · {count(plan.priorities.length, 'priority', 'priorities')} · rows{' '}
            {plan.firstRow}–{plan.lastRow}
          </Caption1>
          {plan.priorities.length > 0 && (
            <ul className={styles.priorities}>
              {plan.priorities.map((p) => (
                <li key={p.id} className={styles.clip} title={p.title}>
                  {p.title}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
