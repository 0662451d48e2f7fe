import { cellFeatures, type CellFeatures } from '../../src/core/cell-features';
import { headerCells, isKnownHeading, isOwnedHeader, mapColumns, normaliseHeader, recogniseColumns, sameLayout } from '../../src/core/columns';
import { isHeaderRow } from '../../src/core/header-rows';
import type { Field } from '../../src/core/model';
import { OWNED_HEADERS } from '../../src/core/patch';

const single = (text: string) => mapColumns([{ col: 1, text }]);
const fieldOf = (text: string): Field | null => {
  const map = single(text);
  const hit = (Object.keys(map) as Field[]).filter((f) => map[f]);
  return hit.length === 1 ? hit[0] : null;
};

describe('normaliseHeader', () => {
  test.each([
    ['Ref. no.', 'ref no'],
    ['Who will lead?', 'who will lead'],
    ['Timescale/ Progress Review Points', 'timescale progress review points'],
    ['  Outcome/Evidence\nMeasure ', 'outcome evidence measure'],
    ['Progress (RAG)', 'progress rag'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseHeader(raw)).toBe(expected);
  });
});

describe('every header form boards use is recognised', () => {
  const forms: [Field, string[]][] = [
    ['ref', ['Ref', 'Ref.', 'Ref. no', 'Ref. no.', 'Ref no.', 'Reference', 'No.', 'Item', 'Issue']],
    [
      'action',
      ['In 2014/5 we will', 'In 2015/16 we will', 'In 2016/2017 we will', 'Actions for 2015-16', 'Actions for 2017-18', 'Action', 'Actions', 'TASKS', 'Task', 'Key Activity', 'Activity', 'What we will do', 'Objective'],
    ],
    ['outcome', ['Outcome/Evidence Measure', 'Outcome', 'Desired Outcome', 'Evidence', 'Success measure', 'Measure of success', 'Impact']],
    ['lead', ['Who will lead?', 'Sub group or Lead', 'LEAD RESPONSIBILITY', 'Responsible Lead', 'Lead', 'Lead officer', 'Owner', 'Responsible']],
    ['timescale', ['Timescale', 'Timescales', 'Completion Date', 'Timescale/ Progress Review Points', 'Target date', 'Due', 'Due date', 'Deadline', 'By when']],
    ['progress', ['Progress', 'Progress (RAG)', 'Progress update', 'Update', 'Comments', 'Progress to date']],
    ['priority', ['Priority', 'STRATEGIC PRIORITY AREA', 'Key Priority', 'Theme']],
    ['rag', ['RAG', 'RAG Rating', 'RAG status', 'Rating']],
    ['status', ['Status']],
  ];
  for (const [field, headers] of forms) {
    test.each(headers)(`"%s" is the ${field} column`, (header) => {
      expect(fieldOf(header)).toBe(field);
    });
  }

  test.each([
    ['Lead agency/officer', 'lead'],
    ['Target completion', 'timescale'],
    ['Latest progress', 'progress'],
    ['Outcomes expected', 'outcome'],
  ] as [string, Field][])('an unlisted heading "%s" is matched by its words (%s)', (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  test('long cell text is not read as a heading, whatever words it contains', () => {
    expect(fieldOf('Review the timescale and the progress of each lead agency with the partnership board')).toBeNull();
  });
});

describe('mapColumns', () => {
  const leics = headerCells(['Ref.', 'In 2014/5 we will', 'Outcome/Evidence Measure', 'Who will lead?', 'Timescale', 'Progress']);

  test('maps a whole header row, one column per field', () => {
    const map = mapColumns(leics);
    expect([map.ref?.letter, map.action?.letter, map.outcome?.letter, map.lead?.letter, map.timescale?.letter, map.progress?.letter]).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(map.action?.header).toBe('In 2014/5 we will');
    expect(map.priority).toBeNull();
    expect(map.rag).toBeNull();
  });

  test('"Objective" is the action only when no better column names it', () => {
    const map = mapColumns(headerCells(['STRATEGIC PRIORITY AREA', 'Objective', 'Key Activity', 'Responsible Lead', 'Desired Outcome', 'Timescale/ Progress Review Points']));
    expect(map.action?.letter).toBe('C');
    expect(map.priority?.letter).toBe('A');
    expect(map.timescale?.letter).toBe('F');
    expect(map.progress).toBeNull();
    expect(Object.values(map).some((m) => m?.letter === 'B')).toBe(false);
  });

  test('"Progress (RAG)" is the progress column, not by itself the RAG column', () => {
    const map = mapColumns(headerCells(['Issue', 'Sub group or Lead', 'Actions for 2015-16', 'Completion Date', 'Progress (RAG)']));
    expect(map.progress?.letter).toBe('E');
    expect(map.rag).toBeNull();
    expect(map.ref?.letter).toBe('A');
  });

  test("BoardPlan's own columns are never taken for the user's fields", () => {
    const map = mapColumns(headerCells(['Ref', 'Action', 'Timescale', OWNED_HEADERS.proposed, OWNED_HEADERS.reason]));
    expect(map.rag).toBeNull();
    expect(map.progress).toBeNull();
    expect(Object.values(map).filter(Boolean)).toHaveLength(3);
    expect(isOwnedHeader('rag (Proposed)')).toBe(true);
  });

  test('a field gets one column even when two headings could name it', () => {
    const map = mapColumns(headerCells(['Action', 'Timescale', 'Due date', 'Lead']));
    expect(map.timescale?.letter).toBe('B');
    expect(Object.values(map).filter((m) => m?.letter === 'C')).toHaveLength(0);
  });

  test('a known heading beats a keyword match for the same field', () => {
    const map = mapColumns(headerCells(['Lead agency/officer', 'Action', 'Who will lead?', 'Timescale']));
    expect(map.lead?.letter).toBe('C');
  });

  test('override letters win and null removes a field', () => {
    const headers = headerCells(['Ref', 'Action', 'Timescale', 'Notes', 'Progress']);
    const map = mapColumns(headers, { progress: 'D', ref: null });
    expect(map.progress).toEqual({ col: 4, letter: 'D', header: 'Notes', reason: "set in BoardPlan's Columns settings", source: 'settings' });
    expect(map.ref).toBeNull();
    expect(map.action?.letter).toBe('B');
    // Column E is still free for other fields, but it names progress only.
    expect(Object.values(map).some((m) => m?.letter === 'E')).toBe(false);
  });

  test('an override that takes a column away from a field leaves that field unmapped', () => {
    const map = mapColumns(headerCells(['Ref', 'Action', 'Timescale']), { action: 'C' });
    expect(map.action?.letter).toBe('C');
    expect(map.timescale).toBeNull();
  });
});

describe('recogniseColumns', () => {
  const PERIOD = { start: '2015-04-01', end: '2016-03-31' };
  const none = () => [];
  const texts = (cells: (string | null)[]): CellFeatures[] => cells.map((t) => cellFeatures({ value: t, format: 'General', text: t ?? '', markup: false }, PERIOD));
  const recognise = (headings: string[], cells: (col: number) => (string | null)[], pinned = {}) =>
    recogniseColumns(headerCells(headings), (col) => texts(cells(col)), PERIOD, pinned).columns;

  test('says for each field why its column was chosen', () => {
    const map = recogniseColumns(headerCells(['No.', 'Action', 'Lead agency/officer', 'Due']), none, PERIOD, { ref: { col: 1, source: 'settings' } }).columns;
    expect([map.ref?.reason, map.action?.reason, map.lead?.reason, map.timescale?.reason]).toEqual([
      "set in BoardPlan's Columns settings",
      "heading 'Action'",
      "the word 'lead' in heading 'Lead agency/officer'",
      "heading 'Due'",
    ]);
  });

  test('a "Priority" column that ranks each task High, Medium or Low is no priority of the plan; one of themes is', () => {
    const headings = ['Task', 'Owner', 'Due date', 'Priority'];
    const urgency = recognise(headings, (col) => (col === 4 ? ['High', 'Medium', 'High', 'Low', 'Urgent'] : []));
    expect(urgency.priority).toBeNull();
    const themes = recognise(headings, (col) => (col === 4 ? ['Prevention', 'Prevention', 'Early help', 'Early help', 'Neglect'] : []));
    expect(themes.priority?.col).toBe(4);
  });

  test('a "Progress (RAG)" column whose cells are mostly ratings is also the RAG column', () => {
    const headings = ['Action', 'Timescale', 'Progress (RAG)'];
    const rated = recognise(headings, (col) => (col === 3 ? ['Green', '', 'Amber', 'Update Mar 16: slow start'] : []));
    expect(rated.rag).toMatchObject({ col: 3, reason: "heading 'Progress (RAG)', and its cells are ratings: 2 of 3" });
    expect(rated.progress?.col).toBe(3);
    const notes = recognise(headings, (col) => (col === 3 ? ['Green', 'Update Mar 16: slow start', 'Not due'] : []));
    expect(notes.rag).toBeNull();
  });
});

describe('isHeaderRow', () => {
  test.each([
    [['Ref.', 'In 2014/5 we will', 'Outcome/Evidence Measure', 'Who will lead?', 'Timescale', 'Progress']],
    [['Issue', 'Sub group or Lead', 'Actions for 2015-16', 'Completion Date', 'Progress (RAG)']],
    [['STRATEGIC PRIORITY AREA', 'Objective', 'Key Activity', 'Responsible Lead', 'Desired Outcome', 'Timescale/ Progress Review Points']],
    [['Ref', 'TASKS', 'LEAD RESPONSIBILITY', 'Timescale', 'Progress']],
    [['TASKS', 'LEAD RESPONSIBILITY', 'Timescale', 'Progress']],
    [['', '', 'Ref', 'Action', 'Lead', 'Due']],
  ])('recognises %j', (texts) => {
    expect(isHeaderRow(texts)).toBe(true);
  });

  test.each([
    [['Business Plan 2014-15']],
    [['', 'Priority 2a: To be assured that children and young people are safe']],
    [['1.1', 'Carry out self-assessment audits', 'Both Boards know their gaps', 'SEG / Executive', 'June 2014', 'Audit plan agreed']],
    [['Ref', 'Lead', 'Outcome']],
    [['Name', 'Role', 'Agency']],
  ])('rejects %j', (texts) => {
    expect(isHeaderRow(texts)).toBe(false);
  });
});

test('sameLayout: a repeated header with a different wording for the same columns is the same plan', () => {
  const a = mapColumns(headerCells(['Issue', 'Sub group or Lead', 'Actions for 2015-16', 'Completion Date', 'Progress (RAG)']));
  const b = mapColumns(headerCells(['Issue', 'Sub group or Lead', 'Action', 'Completion Date', 'Progress (RAG)']));
  const c = mapColumns(headerCells(['Ref', 'Action', 'Lead', 'Timescale']));
  expect(sameLayout(a, b)).toBe(true);
  expect(sameLayout(a, c)).toBe(false);
});

describe('isKnownHeading', () => {
  test('knows the headings boards write, however they are cased and punctuated', () => {
    for (const h of ['Ref.', 'REF NO', 'Who will lead?', 'In 2014/5 we will', 'Actions for 2015-16', 'Outcome/Evidence Measure', ' Timescale/ Progress Review Points ', 'Progress (RAG)', 'RAG\nRating', '<b>Key Activity</b>']) {
      expect(isKnownHeading(h)).toBe(true);
    }
    for (const d of ['1.1', 'PPPG', 'End of Nov 15', 'Carry out action 1 for priority 1', 'Refer', 'Lead officer 2', '']) expect(isKnownHeading(d)).toBe(false);
  });
});

