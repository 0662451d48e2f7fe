import type { CellValue, WorkbookSnapshot } from '../src/core/snapshot';

/**
 * Synthetic plans of any size in the shape boards use (section rows, refs, free-text timescales,
 * dated progress notes), for the bench and for the size-independence tests.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Timescale text for the i-th action: the forms real plans use, with dates varying row by row. */
function timescale(i: number): CellValue {
  const m = MONTHS[i % 12];
  const yy = 15 + (i % 3);
  const d = (i % 28) + 1;
  switch (i % 12) {
    case 0: return `End of ${m} ${yy}`;
    case 1: return `${m}-${yy}`;
    case 2: return i % 24 === 2 ? 'Quarterly' : 'Reviewed annually';
    case 3: return 'On going';
    case 4: return `20${yy}-${yy + 1}`;
    case 5: return `${String(d).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/20${yy}`;
    case 6: return `Jan – ${m} 20${yy + 1}`;
    case 7: return `Audit plan by ${m} 20${yy} Implemented from October 20${yy} Report in January 20${yy + 1}`;
    case 8: return 'TBC';
    case 9: return `${m} ${yy}`;
    case 10: return `Q${(i % 4) + 1} 20${yy}/${yy + 1}`;
    default: return `${d}.${(i % 12) + 1}.${yy}`;
  }
}

/** Progress notes with dated updates, completion, markup and revised dates, varying row by row. */
function progress(i: number): CellValue {
  const m = MONTHS[(i * 5) % 12];
  const yy = 15 + (i % 2);
  switch (i % 7) {
    case 0: return `Update Dec 15: draft strategy ${i} presented to the board. Update ${m} ${yy}: approved and published.`;
    case 1: return 'Not due';
    case 2: return `Complete - signed off at the ${m} ${yy} meeting`;
    case 3: return `<b>Update ${m} ${yy}</b> : task and finish group ${i} set up; first meeting held.`;
    case 4: return '';
    case 5: return `Update Sept 15: scoping started. Revise date to ${m} ${yy + 1} agreed at the executive.`;
    default: return `Action plan ${i} monitored routinely at the sub group.`;
  }
}

const LEADS = ['PPPG', 'CSE Sub Group', 'Executive', 'Training Sub Group', 'Head of Safeguarding', 'SEG'];

export const SYNTHETIC_HEADERS = ['Ref', 'Action', 'Outcome/Evidence Measure', 'Who will lead?', 'Timescale', 'Progress'];

/** Rows from A1: a title, the header row, then eight priorities under section rows. */
export function syntheticRows(actions: number): CellValue[][] {
  const rows: CellValue[][] = [['Synthetic Safeguarding Board Business Plan 2015-16'], SYNTHETIC_HEADERS];
  // Eight priorities whatever the size, as boards have: a big plan has long priorities, not many.
  const perPriority = Math.max(1, Math.ceil(actions / 8));
  for (let i = 0; i < actions; i++) {
    const p = Math.floor(i / perPriority) + 1;
    if (i % perPriority === 0) rows.push([`Priority ${p}: To be assured that area ${p} is safe`, null, null, null, null, null]);
    rows.push([
      `${p}.${(i % perPriority) + 1}`,
      `Carry out action ${i + 1} for priority ${p} and report to the board`,
      `Evidence of improvement ${i + 1}`,
      LEADS[i % LEADS.length],
      timescale(i),
      progress(i),
    ]);
  }
  return rows;
}

/**
 * The snapshot a host would read for the synthetic plan. It goes through JSON, as the Office.js
 * host's values do, so that its texts are plain strings as a parser makes them rather than the
 * joined pieces of the templates above.
 */
export function syntheticSnapshot(actions: number): WorkbookSnapshot {
  const values = syntheticRows(actions).map((r) => {
    const row = r.slice();
    while (row.length < SYNTHETIC_HEADERS.length) row.push(null);
    return row;
  });
  const snapshot: WorkbookSnapshot = {
    name: `synthetic-${actions}.xlsx`,
    tables: [],
    sheets: [{ name: 'Plan', visibility: 'visible', top: 1, left: 1, values, numberFormats: values.map((r) => r.map(() => 'General')) }],
  };
  return JSON.parse(JSON.stringify(snapshot)) as WorkbookSnapshot;
}
