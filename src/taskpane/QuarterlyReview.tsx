import { Caption1, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { AssessedPlan } from '../core/model';
import { ratingFor, type Scheme } from '../core/schemes';
import type { Review } from '../core/travel';
import { NeedsAttention } from './NeedsAttention';
import { TravelLine } from './TravelLine';

/** The quarter at a glance: travel since the last recorded quarter, long-running Reds, and what to chase. */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  head: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  facts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface QuarterlyReviewProps {
  plans: AssessedPlan[];
  review: Review;
  scheme: Scheme;
  onSelect(sheet: string, cell: string): void;
}

export function QuarterlyReview({ plans, review, scheme, onSelect }: QuarterlyReviewProps) {
  const styles = useStyles();
  const red = ratingFor(scheme, 'overdue').label;
  return (
    <section className={styles.root} aria-label="Quarterly review">
      <div className={styles.head}>
        <Subtitle2 as="h3" className={styles.heading}>
          Quarterly review: {review.quarter}
        </Subtitle2>
        <Caption1>
          {review.baseline
            ? `Compared with ${review.baseline}, the last quarter recorded before this one.`
            : `No quarter before ${review.quarter} is recorded, so there is no direction of travel yet. Record each quarter to compare the next review with it.`}
        </Caption1>
      </div>
      {review.baseline && (
        <div className={styles.facts}>
          <TravelLine counts={review.totals} since={review.baseline} />
          <Text data-testid="red-quarters">
            {red} for two or more quarters: <Text weight="semibold">{review.totals.redTwoQuarters}</Text>
          </Text>
        </div>
      )}
      <NeedsAttention plans={plans} review={review} onSelect={onSelect} />
    </section>
  );
}
