import { UsageError } from './refresh';

/**
 * The one sentence the ribbon and the pane show for anything that stopped a check or a refresh: a
 * UsageError (a custom scheme that is not defined, say) is already a sentence for the officer;
 * anything else the host words, since only it knows what its errors mean.
 */
export function describeProblem(error: unknown, describeHostError: (error: unknown) => string): string {
  return error instanceof UsageError ? error.message : describeHostError(error);
}
