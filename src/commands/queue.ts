/**
 * One piece of work on the workbook at a time, in the page. With the shared runtime the ribbon's
 * functions and the task pane run in one page: a refresh from the ribbon while the pane's is writing
 * (or the other way round) would read a workbook half written, and each would take the other's
 * conditional formats for its own. The ribbon's commands and the pane's controller both go
 * through this queue, which is the page's only one.
 */

let last: Promise<unknown> = Promise.resolve();
/** Pieces of work queued or running. */
let pending = 0;

function start<T>(work: () => Promise<T>): Promise<T> {
  try {
    return work();
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * Runs `work` once everything queued before it has finished, whether that succeeded or not; at once
 * when nothing is (so the pane shows its first step without waiting a turn).
 */
export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = pending === 0 ? start(work) : last.then(() => start(work), () => start(work));
  pending += 1;
  last = next.then(
    () => void (pending -= 1),
    () => void (pending -= 1),
  );
  return next;
}
