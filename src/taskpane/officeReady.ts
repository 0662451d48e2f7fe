/**
 * Waiting for Office before the pane and the ribbon's functions start. There is no time limit: in a
 * cold shared runtime Office.onReady can take well over three seconds, and a pane that gave up would
 * show "runs inside Excel" and never register the ribbon's buttons. Outside Office, office.js
 * answers onReady with no host, and when office.js is not there at all there is nothing to wait for.
 */

export interface OfficeLike {
  onReady(): Promise<{ host: Office.HostType | null } | undefined>;
}

/** The host Office reports once it is ready, or null outside Office. */
export async function officeReady(office: OfficeLike | undefined): Promise<Office.HostType | null> {
  if (!office) return null;
  const info = await office.onReady();
  return info?.host ?? null;
}
