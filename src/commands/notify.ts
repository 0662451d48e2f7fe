import { clip } from '../core/markup';
/**
 * How a ribbon command tells the officer what happened when the task pane may be closed.
 *
 * A small Office dialog (dialog.html) rather than opening the task pane: "Refresh status" exists to
 * work without the pane, and a dialog is the one notification that Excel on Windows, on the Mac and
 * on the web all show from a ribbon function. `displayInIframe` keeps Excel on the web from treating
 * it as a pop-up. A dialog cannot close itself, so this side closes it: a success after a few
 * seconds, an error only when the officer presses Close (an error must not vanish unread).
 */

export interface Notice {
  tone: 'success' | 'error';
  title: string;
  lines: string[];
}

export type Notify = (notice: Notice) => Promise<void>;

/** How long a success message stays up. */
export const SUCCESS_SECONDS = 6;

/** Dialog size, in percent of the Excel window. */
const SIZE = { height: 28, width: 32 };

/** Kept short: the message travels in the dialog's URL. */
const MAX_LINES = 6;
const MAX_LINE = 300;

/** Office's error while an add-in's earlier dialog has not finished closing. */
const DIALOG_ALREADY_OPEN = 12007;
/** How long to wait between tries while Office finishes closing the earlier dialog, and how many tries. */
const RETRY_MS = 250;
const RETRIES = 20;

/** The message the dialog page sends when its Close button is pressed. */
export const CLOSE_MESSAGE = 'close';

export function dialogUrl(notice: Notice, pageUrl: string): string {
  const url = new URL('dialog.html', pageUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('tone', notice.tone);
  url.searchParams.set('title', notice.title);
  const lines = notice.lines.slice(0, MAX_LINES).map((l) => clip(l, MAX_LINE));
  if (notice.lines.length > MAX_LINES) lines.push(`and ${notice.lines.length - MAX_LINES} more: open BoardPlan to see them all.`);
  for (const line of lines) url.searchParams.append('line', line);
  return url.toString();
}

/** The slice of Office.context.ui that the notifier uses (a stand-in in tests). */
export interface DialogUi {
  displayDialogAsync(url: string, options: Office.DialogOptions, callback: (result: Office.AsyncResult<Office.Dialog>) => void): void;
}

export function dialogNotifier(ui: DialogUi, pageUrl: string, successSeconds = SUCCESS_SECONDS): Notify {
  // Office allows one dialog per add-in at a time: a new notice replaces the one still showing.
  let showing: { dialog: Office.Dialog; timer: ReturnType<typeof setTimeout> | null } | null = null;
  // Notices are shown one after another, each once the one before is up.
  let last: Promise<void> = Promise.resolve();

  const close = (dialog: Office.Dialog) => {
    if (showing?.dialog !== dialog) return;
    if (showing.timer) clearTimeout(showing.timer);
    showing = null;
    try {
      dialog.close();
    } catch {
      // Already closed by the officer.
    }
  };

  const open = (url: string): Promise<Office.Dialog> =>
    new Promise((resolve, reject) => {
      let tries = 0;
      const attempt = () =>
        ui.displayDialogAsync(url, { ...SIZE, displayInIframe: true }, (result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) {
            resolve(result.value);
            return;
          }
          // The dialog closed just before is still closing: wait for it, then try again.
          if (result.error?.code === DIALOG_ALREADY_OPEN && ++tries < RETRIES) {
            setTimeout(attempt, RETRY_MS);
            return;
          }
          reject(new Error(`The message could not be shown (${result.error?.message ?? 'unknown reason'}).`));
        });
      attempt();
    });

  const show = async (notice: Notice): Promise<void> => {
    if (showing) close(showing.dialog);
    const dialog = await open(dialogUrl(notice, pageUrl));
    const timer = notice.tone === 'success' ? setTimeout(() => close(dialog), successSeconds * 1000) : null;
    showing = { dialog, timer };
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
      if ('message' in arg && arg.message === CLOSE_MESSAGE) close(dialog);
    });
    // Closed with its own ✕: forget it so the next notice does not try to close it again.
    dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
      if (showing?.dialog !== dialog) return;
      if (showing.timer) clearTimeout(showing.timer);
      showing = null;
    });
  };

  return (notice) => {
    const next = last.then(() => show(notice));
    last = next.catch(() => undefined);
    return next;
  };
}
