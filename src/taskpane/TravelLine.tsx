import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Direction, TravelCounts } from '../core/travel';
import { directionText, travelLine } from './travelText';

/** A group's direction of travel since the last recorded quarter: the overall direction, then the counts. */

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  counts: { fontSize: tokens.fontSizeBase200 },
  since: { color: tokens.colorNeutralForeground3 },
});

const COLOUR: Record<Direction, 'success' | 'danger' | 'informative'> = { up: 'success', down: 'danger', level: 'informative' };

export function TravelLine({ counts, since }: { counts: TravelCounts; since: string }) {
  const styles = useStyles();
  const line = travelLine(counts);
  if (!counts.direction || !line) return null;
  return (
    <div className={styles.root} data-testid="travel">
      <Badge appearance="tint" color={COLOUR[counts.direction]} shape="rounded">
        {directionText(counts.direction)}
      </Badge>
      <Text className={styles.counts}>
        {line} <span className={styles.since}>since {since}</span>
      </Text>
    </div>
  );
}
