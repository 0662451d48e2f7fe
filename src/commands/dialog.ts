import { CLOSE_MESSAGE } from './notify';

/**
 * The notification dialog's page: shows the title and lines passed in its URL (as text, never as
 * HTML) and asks the ribbon side to close it when Close is pressed.
 */

function show(): void {
  const params = new URLSearchParams(window.location.search);
  const tone = params.get('tone') === 'error' ? 'error' : 'success';
  document.body.classList.add(tone);
  const title = document.getElementById('title');
  if (title) title.textContent = params.get('title') || 'BoardPlan';
  document.title = params.get('title') || 'BoardPlan';
  const lines = document.getElementById('lines');
  for (const line of params.getAll('line')) {
    const p = document.createElement('p');
    p.textContent = line;
    lines?.appendChild(p);
  }
  const notice = document.getElementById('notice');
  if (notice && tone === 'error') notice.setAttribute('role', 'alert');
  const button = document.getElementById('close');
  button?.addEventListener('click', () => {
    if (typeof Office !== 'undefined' && Office.context?.ui?.messageParent) Office.context.ui.messageParent(CLOSE_MESSAGE);
    else window.close();
  });
  button?.focus();
}

show();
// messageParent works only once Office has initialised the dialog.
if (typeof Office !== 'undefined') void Office.onReady();
