/**
 * Writes samples/sample-plan.xlsx: a fictional board's business plan in the shapes real plans
 * take (section rows, date cells and free-text timescales, dated progress notes, an Excel table
 * with a hand-kept RAG column). Checked as of 31 March 2016 it gives a mix of Blue, Green, Amber,
 * Red and Grey ratings and a few findings.
 *
 *   npx ts-node --transpile-only -O '{"module":"commonjs","moduleResolution":"node"}' scripts/make-sample.ts
 */
import * as ExcelJS from 'exceljs';
import * as path from 'path';

type Cell = string | number | null | { date: string; format: string };

const month = (iso: string): Cell => ({ date: iso, format: 'mmm-yy' });
const day = (iso: string): Cell => ({ date: iso, format: 'dd/mm/yyyy' });

const TITLE = 'Northfield Safeguarding Children Board — Business Plan 2015-16';
const HEADER = ['Ref', 'Action', 'Outcome', 'Lead', 'Timescale', 'Progress'];

/** A section row (a priority) or an action row. */
type Row = { section: string } | Cell[];

const childrenPlan: Row[] = [
  { section: 'Priority 1: Early help — children and families get help as soon as problems emerge' },
  ['1.1', 'Launch the Early Help Assessment across all partner agencies', 'All partners use one assessment', 'Head of Early Help', month('2015-09-30'), 'Update Oct 15: Launched in September. Complete'],
  ['1.2', 'Train 300 practitioners to use the Early Help Assessment', 'Practitioners are confident to assess and plan', 'Workforce Development Manager', 'End of Dec 15', 'Update Dec 15: 210 trained.  Update Mar 16: 260 trained; final sessions booked for April.'],
  ['1.3', 'Set up a multi-agency early help panel', 'Families get one coordinated offer', 'Early Help Panel Chair', 'Ongoing', 'Update Feb 16: Panel meets fortnightly; 48 families discussed so far.'],
  ['1.4', 'Report early help performance to the Board', 'The Board sees demand and outcomes', 'Performance Manager', 'Quarterly', 'Update Jan 16: Quarter 3 report presented.'],
  ['1.5', 'Review the thresholds guidance with schools', 'Schools apply thresholds consistently', 'Education Safeguarding Lead', 'April 2016', 'Update Mar 16: Draft circulated to head teachers for comment.'],
  ['1.6', 'Evaluate the impact of the family support service', 'Evidence shows what works for families', 'Commissioning Manager', 'TBC', null],
  ['1.7', 'Publish an early help guide for families', 'Families know where to go for help', 'Communications Officer', day('2015-11-30'), 'Complete'],
  ['1.8', 'Map the early help services run by the voluntary sector', 'Gaps in provision are known', null, month('2016-06-30'), 'Not due'],
  { section: 'Priority 2: Child sexual exploitation and children who go missing' },
  ['2.1', 'Agree the Board’s CSE strategy and action plan', 'Partners share one approach to exploitation', 'CSE Sub Group', month('2015-07-31'), 'Update Sept 15: Strategy signed off by the Board. Complete'],
  ['2.2', 'Train taxi drivers and hotel staff to spot exploitation', 'Concerns are reported sooner', 'Licensing Manager', 'End of Mar 16', 'Update Dec 15: 120 drivers trained.  Update Mar 16: Hotel sessions postponed; revised date June 16.'],
  ['2.3', 'Offer a return home interview to every child reported missing', 'Reasons for going missing are understood', 'Missing Children Coordinator', 'Ongoing', 'Update Sep 15: Service commissioned from a children’s charity.'],
  ['2.4', 'Share CSE intelligence with the police every month', 'Hotspots and perpetrators are disrupted', 'CSE Coordinator', 'Monthly', '<b>Update Mar 16</b>: Monthly meeting established; data shared since January.'],
  ['2.5', 'Audit a sample of CSE cases', 'The Board knows how well risk is managed', 'Quality Assurance Manager', month('2016-02-29'), 'Update Jan 16: Audit tool agreed.'],
  ['2.6', 'Run awareness sessions in every secondary school', 'Young people know the signs and where to go', 'Education Safeguarding Lead', 'Autumn term 2015', 'Update Dec 15: 14 of 18 schools visited.'],
  ['2.7', 'Review the missing children protocol', 'The protocol reflects current guidance', 'Missing Children Coordinator', 'At a date to be agreed with the police', null],
  ['2.7', 'Report missing children data to the Board', 'Patterns are seen and acted on', 'Performance Manager', 'Quarterly', 'Update Mar 16: Quarter 3 data reported.'],
  { section: 'Priority 3: Neglect' },
  ['3.1', 'Adopt a neglect screening tool', 'Neglect is recognised earlier', 'Neglect Working Group', month('2015-10-31'), 'Update Nov 15: Tool adopted by all agencies. Complete'],
  ['3.2', 'Train 150 staff to use the neglect tool', 'Staff use the tool with confidence', 'Workforce Development Manager', 'March 2016', 'Update Jan 16: 90 staff trained; more dates set for March.'],
  ['3.3', 'Audit neglect cases open to children’s social care', 'The Board knows the quality of neglect work', 'Quality Assurance Manager', month('2015-12-31'), 'Update Dec 15: Completed; findings reported to the Board.'],
  ['3.4', 'Develop a neglect strategy with partners', 'One strategy owned by every agency', 'Head of Children’s Services', 'Sep 2015 Jan 2016 Mar 2016', 'Update Sep 15: First draft written.  Update Jan 16: 40 consultation responses received; redraft under way.'],
  ['3.5', 'Report neglect indicators to the Board', 'Trends are seen early', 'Performance Manager', 'Quarterly', null],
  ['3.6', 'Hold a neglect learning event for practitioners', 'Practitioners share what works', 'Learning and Improvement Sub Group', 'Nov 15', 'Held on 19 November; 120 attended. Complete'],
  ['3.7', 'Review the impact of the neglect strategy', 'The Board knows whether the strategy works', 'Neglect Working Group', '2016-17', 'Not due'],
  { section: 'Priority 4: Learning and improvement' },
  ['4.1', 'Publish the serious case review on Child F with its action plan', 'Lessons are shared openly', 'SCR Sub Group', day('2015-07-31'), 'Complete'],
  ['4.2', 'Deliver the Child F action plan', 'Practice changes as the review recommended', 'SCR Sub Group', month('2015-12-31'), 'Update Dec 15: 9 of 12 actions met.  Update Mar 16: 11 of 12 met; the last waits for the new case recording system.'],
  ['4.3', 'Run a multi-agency audit programme', 'Audits drive improvement in practice', 'Quality Assurance Manager', 'Quarterly', 'Update Dec 15: Audit of domestic abuse cases presented to the Board.'],
  ['4.4', 'Collect children’s views of child protection conferences', 'Conferences change in response to children', 'Participation Officer', 'End of Jan 16', null],
  ['4.5', 'Review the Board’s multi-agency training offer', 'Training meets practitioners’ needs', 'Workforce Development Manager', month('2016-06-30'), 'Update Feb 16: Training needs survey sent out.'],
  ['4.6', 'Evaluate the impact of learning events', 'The Board knows what changed in practice', 'Learning and Improvement Sub Group', null, null],
  ['4.7', 'Publish the Board’s annual report', 'Partners and the public can see the Board’s work', 'Board Business Manager', 'Sept 2015', 'Update Oct 15: Published on the website. Complete'],
];

const ADULTS_HEADER = ['Ref', 'Priority', 'Action', 'Lead', 'Due', 'Progress', 'RAG Rating'];
const adultsPlan: Cell[][] = [
  ['A1.1', '1. Making safeguarding personal', 'Ask every adult at the start of an enquiry what outcome they want', 'Head of Adult Safeguarding', month('2015-06-30'), 'Complete', 'Blue'],
  ['A1.2', '1. Making safeguarding personal', 'Report how often adults’ outcomes were met', 'Performance Manager', 'Quarterly', 'Update Feb 16: Quarter 3 data reported.', 'Green'],
  ['A2.1', '2. Self-neglect and hoarding', 'Agree a self-neglect and hoarding protocol', 'Adults Procedures Group', month('2015-12-31'), 'Update Jan 16: Final draft with legal services.', 'Amber'],
  ['A2.2', '2. Self-neglect and hoarding', 'Train housing officers to recognise self-neglect', 'Housing Safeguarding Lead', 'April 2016', null, null],
  ['A3.1', '3. Care homes', 'Share concerns about care homes between agencies every month', 'Quality Lead', 'Monthly', 'Update Mar 16: Monthly meeting running since January.', 'Green'],
  ['A3.2', '3. Care homes', 'Audit safeguarding referrals from care homes', 'Safeguarding Adults Manager', day('2016-01-31'), null, null],
  ['A4.1', '4. Domestic abuse', 'Join up MARAC referrals with adult safeguarding', 'Community Safety Manager', month('2016-03-31'), 'Update Mar 16: New referral route live.', 'G'],
  ['A4.2', '4. Domestic abuse', 'Share the learning from domestic homicide reviews', 'DHR Panel', 'TBA', null, null],
];

function value(cell: Cell): ExcelJS.CellValue {
  if (cell && typeof cell === 'object') {
    const [y, m, d] = cell.date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  return cell;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, cell: Cell): ExcelJS.Cell {
  const c = ws.getCell(row, col);
  c.value = value(cell);
  if (cell && typeof cell === 'object') c.numFmt = cell.format;
  c.alignment = { wrapText: true, vertical: 'top' };
  return c;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

function childrenSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Business Plan', { views: [{ state: 'frozen', ySplit: 5 }] });
  ws.columns = [{ width: 7 }, { width: 48 }, { width: 36 }, { width: 26 }, { width: 22 }, { width: 60 }];
  ws.getCell('A1').value = TITLE;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = 'Updated March 2016';
  ws.getCell('A3').value = 'RAG key: Blue: Complete; Green: On track; Amber: At risk; Red: Overdue';
  ws.getCell('A3').font = { italic: true };
  HEADER.forEach((h, i) => {
    const c = ws.getCell(5, i + 1);
    c.value = h;
    c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = HEADER_FILL;
  });
  let row = 6;
  for (const r of childrenPlan) {
    if ('section' in r) {
      ws.getCell(row, 1).value = r.section;
      ws.getCell(row, 1).font = { bold: true };
      for (let col = 1; col <= HEADER.length; col++) ws.getCell(row, col).fill = SECTION_FILL;
    } else {
      r.forEach((cell, i) => put(ws, row, i + 1, cell));
    }
    row++;
  }
}

function adultsSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Adults Plan');
  ws.columns = [{ width: 7 }, { width: 30 }, { width: 48 }, { width: 26 }, { width: 14 }, { width: 50 }, { width: 12 }];
  ws.getCell('A1').value = 'Northfield Safeguarding Adults Board — joint priorities 2015-16';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.addTable({
    name: 'AdultsPlan',
    ref: 'A3',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: ADULTS_HEADER.map((name) => ({ name })),
    rows: adultsPlan.map((r) => r.map(value)),
  });
  adultsPlan.forEach((r, i) =>
    r.forEach((cell, j) => {
      const c = ws.getCell(4 + i, j + 1);
      if (cell && typeof cell === 'object') c.numFmt = cell.format;
      c.alignment = { wrapText: true, vertical: 'top' };
    }),
  );
}

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Northfield Safeguarding Children Board';
  // Fixed dates keep the file the same from one run to the next.
  wb.created = new Date(Date.UTC(2016, 2, 31));
  wb.modified = new Date(Date.UTC(2016, 2, 31));
  childrenSheet(wb);
  adultsSheet(wb);
  const out = path.resolve(__dirname, '..', 'samples', 'sample-plan.xlsx');
  await wb.xlsx.writeFile(out);
  console.log(`Wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
