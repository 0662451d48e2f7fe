import { formatDate, type IsoDate } from './cells';
import { previousQuarter, quarterOf, type Quarter } from './quarters';

/**
 * The date a run rates and checks every action as of, with what follows from it for every action
 * alike. Each run works it out once (check for the ratings, validate and the quarterly review for
 * theirs) and hands it to the calls it makes for each action.
 */

export interface AsOf {
  date: IsoDate;
  /** "31 Mar 2016", as reasons and messages show it. */
  shown: string;
  quarter: Quarter;
  /** The quarter before the as-of date's: an update since its start is a recent one. */
  previousQuarter: Quarter;
  /** "Mar 16": how an officer would head an update written as of this date. */
  updateMonth: string;
}

export function asOfFacts(date: IsoDate): AsOf {
  const quarter = quarterOf(date);
  const shown = formatDate(date);
  return {
    date,
    shown,
    quarter,
    previousQuarter: previousQuarter(quarter),
    updateMonth: shown.split(' ').slice(1).join(' ').replace(/ \d\d(\d\d)$/, ' $1'),
  };
}
