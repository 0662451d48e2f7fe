import { WorkbookPatchSchema, type ConditionalFormat, type GeneratedSheet, type OwnedColumn, type WorkbookPatch } from '../core/patch';
import { updateAppTitles } from './app-titles';
import { anchorXml, chartXml } from './chart-xml';
import { DRAWING_REL, writeOwnSheet } from './own-sheet';
import { CONTENT_TYPE, NS, REL, findPart, hangingFrom, isMain, partGraph, readWorkbook, relKind, relativeTarget, relsPathFor, type SheetEntry, type WorkbookParts } from './package';
import { PartEdit } from './part-edit';
import { editPlanSheet } from './plan-sheet';
import { RefusedEdit } from './refused';
import { STYLES_XML_MINIMAL, StyleBook } from './styles';
import { escapeXml } from './xml';
import { attrOf, childOf, childrenOf, nameIn, type XmlElement } from './xml-tree';
import type { ZipPackage } from './zip';

/**
 * A refresh written into the package as edits, never as a workbook rebuilt from a model. What
 * changes, and nothing else:
 *
 * - in each plan sheet, BoardPlan's own cells, rules and column widths (plan-sheet.ts);
 * - BoardPlan's own sheets, written whole as parts of their own (own-sheet.ts) with their drawings
 *   and charts, and the entries that point at them: the workbook's list of sheets and the print
 *   names local to them, its relationships, the content types, the sheet titles in docProps/app.xml;
 * - the formats BoardPlan's cells and rules use, added at the end of styles.xml (styles.ts).
 *
 * Every other part is left as it was read, and the zip layer copies it byte for byte.
 */

export async function editPackage(zip: ZipPackage, patchInput: WorkbookPatch): Promise<number> {
  const patch = WorkbookPatchSchema.parse(patchInput);
  const wb = await readWorkbook(zip);
  if (wb.strict) {
    throw new RefusedEdit('it is saved as Strict Open XML, which BoardPlan reads but does not write; save it in Excel as "Excel Workbook (.xlsx)" and refresh that copy');
  }
  const edit = new Edit(zip, wb);
  await edit.load();
  let operations = 0;
  operations += await edit.deleteSheets(patch.deleteSheets);
  for (const sheet of patch.sheets) operations += await edit.writeSheet(sheet);
  operations += await edit.planSheets(patch.columns, patch.rules);
  await edit.finish();
  return operations;
}

/** Elements of workbook.xml that follow <definedNames>, where one is added to a workbook without. */
const AFTER_NAMES = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

interface SheetSlot {
  entry: SheetEntry | undefined;
  el: XmlElement | undefined;
  name: string;
  state: SheetEntry['state'];
  deleted: boolean;
  /** Written by this refresh: its old print names go. */
  ours: boolean;
}

class Edit {
  private readonly dir: string;
  private workbook!: PartEdit;
  private rels!: PartEdit;
  private types!: PartEdit;
  private styles!: StyleBook;
  private stylesPath: string | undefined;
  private slots: SheetSlot[] = [];
  private names: { name: string; sheet: string; value: string }[] = [];
  private formulaReplaced = false;
  private nextSheetId = 1;
  /** Parts this refresh removed, for the content types. */
  private readonly removedParts = new Set<string>();
  /** Relationship ids added to the workbook's relationships. */
  private readonly addedRelIds = new Set<string>();

  constructor(
    private readonly zip: ZipPackage,
    private readonly wb: WorkbookParts,
  ) {
    this.dir = wb.path.includes('/') ? wb.path.slice(0, wb.path.lastIndexOf('/')) : '';
  }

  async load(): Promise<void> {
    const { zip, wb } = this;
    this.workbook = new PartEdit(wb.xml);
    this.rels = new PartEdit((await zip.read(this.relsPath)) ?? emptyRels());
    const typesPath = findPart(zip, '[Content_Types].xml');
    if (!typesPath) throw new RefusedEdit('its package has no list of content types ([Content_Types].xml); open it in Excel, save it, and refresh again');
    this.types = new PartEdit((await zip.read(typesPath))!);
    this.stylesPath = wb.styles;
    this.styles = new StyleBook((wb.styles && (await zip.read(wb.styles))) || STYLES_XML_MINIMAL);
    const sheetsEl = childOf(this.workbook.root, this.workbook.root.ns, 'sheets');
    const els = sheetsEl ? childrenOf(sheetsEl, this.workbook.root.ns, 'sheet') : [];
    this.slots = wb.sheets.map((entry, i) => ({ entry, el: els[i], name: entry.name, state: entry.state, deleted: false, ours: false }));
    this.nextSheetId = Math.max(0, ...wb.sheets.map((s) => Number(s.sheetId) || 0)) + 1;
  }

  private get relsPath(): string {
    return findPart(this.zip, relsPathFor(this.wb.path)) ?? relsPathFor(this.wb.path);
  }

  private slotNamed(name: string): SheetSlot | undefined {
    const lower = name.toLowerCase();
    return this.slots.find((s) => !s.deleted && s.name.toLowerCase() === lower);
  }

  // ---- BoardPlan's own sheets ------------------------------------------------------------------

  async deleteSheets(names: string[]): Promise<number> {
    let operations = 0;
    for (const name of names) {
      const slot = this.slotNamed(name);
      if (!slot?.entry) continue;
      if (slot.entry.kind !== 'worksheet') continue;
      slot.deleted = true;
      slot.ours = true;
      if (slot.el) this.workbook.remove(slot.el);
      this.removeRel(slot.entry.relId);
      if (slot.entry.path) await this.removePart(slot.entry.path, true);
      operations++;
    }
    return operations;
  }

  async writeSheet(sheet: GeneratedSheet): Promise<number> {
    const problem = sheetNameProblem(sheet.name);
    if (problem) throw new Error(`Cannot create the sheet "${sheet.name}": ${problem}.`);
    const own = writeOwnSheet(sheet, { styles: this.styles, date1904: this.wb.date1904 });
    let slot = this.slotNamed(sheet.name);
    let path: string;
    if (slot?.entry) {
      if (slot.entry.kind !== 'worksheet' || !slot.entry.path) {
        throw new RefusedEdit(`the workbook has a sheet named '${sheet.name}' that is not a worksheet, so BoardPlan cannot write its own sheet there; rename that sheet and refresh again`);
      }
      path = slot.entry.path;
      // Replaced whole: what hung from the old sheet (its drawing, charts) goes with it.
      await this.removePart(path, false);
      if (slot.el) this.workbook.setAttr(slot.el, 'state', sheet.visibility === 'visible' ? null : sheet.visibility);
      slot.state = sheet.visibility;
      slot.ours = true;
    } else {
      path = this.freePart(`${this.dir}/worksheets/sheet`, '.xml');
      const relId = this.addRel(REL.worksheet, relativeTarget(this.wb.path, path));
      this.addContentType(path, CONTENT_TYPE.worksheet);
      this.appendSheetEntry(sheet, relId);
      slot = { entry: undefined, el: undefined, name: sheet.name, state: sheet.visibility, deleted: false, ours: true };
      this.slots.push(slot);
    }
    this.zip.write(path, own.xml);
    if (own.chart) this.writeChart(path, sheet.name, own.chart, own.values, sheet.font);
    for (const name of own.names) this.names.push({ ...name, sheet: sheet.name });
    return own.operations;
  }

  private appendSheetEntry(sheet: GeneratedSheet, relId: string): void {
    const root = this.workbook.root;
    const sheetsEl = childOf(root, root.ns, 'sheets');
    if (!sheetsEl) throw new RefusedEdit('its workbook part lists no sheets; open it in Excel, save it, and refresh again');
    // The relationship attribute takes the prefix the workbook's own sheets use, declared where they declare it.
    const relAttr = this.slots.map((s) => s.el?.attrs.find((a) => a.local === 'id' && a.ns === NS.relationships)?.name).find(Boolean) ?? 'r:id';
    const prefix = relAttr.slice(0, relAttr.indexOf(':'));
    const declared = [root, sheetsEl].some((el) => el.attrs.some((a) => a.name === `xmlns:${prefix}` && a.value === NS.relationships));
    const rel = `${declared ? '' : `xmlns:${prefix}="${NS.relationships}" `}${relAttr}="${relId}"`;
    const state = sheet.visibility === 'visible' ? '' : ` state="${sheet.visibility}"`;
    this.workbook.append(sheetsEl, `<${nameIn(sheetsEl, 'sheet')} name="${escapeXml(sheet.name)}" sheetId="${this.nextSheetId++}"${state} ${rel}/>`);
  }

  private writeChart(
    sheetPath: string,
    sheetName: string,
    chart: NonNullable<GeneratedSheet['chart']>,
    values: (address: string) => string | number | undefined,
    font: GeneratedSheet['font'],
  ): void {
    const drawingPath = this.freePart(`${this.dir}/drawings/drawing`, '.xml');
    const chartPath = this.freePart(`${this.dir}/charts/chart`, '.xml');
    this.zip.write(chartPath, chartXml(sheetName, chart, values, this.wb.date1904, font));
    this.zip.write(
      drawingPath,
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}">${anchorXml(chart, 'rId1', 2)}</xdr:wsDr>`,
    );
    this.zip.write(relsPathFor(drawingPath), relsXml([{ id: 'rId1', type: REL.chart, target: relativeTarget(drawingPath, chartPath) }]));
    this.zip.write(relsPathFor(sheetPath), relsXml([{ id: DRAWING_REL, type: REL.drawing, target: relativeTarget(sheetPath, drawingPath) }]));
    this.addContentType(drawingPath, CONTENT_TYPE.drawing);
    this.addContentType(chartPath, CONTENT_TYPE.chart);
  }

  // ---- plan sheets -------------------------------------------------------------------------------

  async planSheets(columns: OwnedColumn[], rules: { sheet: string; rules: ConditionalFormat[] }[]): Promise<number> {
    const sheets = [...new Set([...columns.map((c) => c.sheet), ...rules.map((r) => r.sheet)])];
    let operations = 0;
    for (const name of sheets) {
      const slot = this.slotNamed(name);
      if (!slot?.entry?.path) {
        const column = columns.find((c) => c.sheet === name);
        const what = column ? `the column "${column.header}"` : 'the conditional formats';
        throw new Error(`Cannot write ${what}: the workbook has no sheet named "${name}".`);
      }
      const xml = (await this.zip.read(slot.entry.path)) ?? '';
      const sheetRules = rules.filter((r) => r.sheet === name);
      const result = editPlanSheet(
        xml,
        name,
        { columns: columns.filter((c) => c.sheet === name), rules: sheetRules.length ? sheetRules.flatMap((r) => r.rules) : undefined },
        this.styles,
      );
      if (result.xml !== xml) this.zip.write(slot.entry.path, result.xml);
      if (result.formulaReplaced) this.formulaReplaced = true;
      operations += result.operations;
    }
    return operations;
  }

  // ---- the entries that point at the sheets ------------------------------------------------------

  async finish(): Promise<void> {
    this.writeNames();
    this.keepActiveTabVisible();
    await this.writeStyles();
    // Excel's calculation chain lists the cells that hold formulas. It stays as it is unless a cell
    // it lists now holds BoardPlan's text instead: Excel then rebuilds the chain from the cells when
    // it opens the workbook, where a stale chain would make it report the file as damaged.
    if (this.formulaReplaced) await this.dropCalcChain();
    await updateAppTitles(
      this.zip,
      this.wb.sheets.filter((sh) => sh.kind === 'worksheet').map((sh) => sh.name),
      this.slots.filter((sl) => sl.deleted).map((sl) => sl.name),
      this.slots.filter((sl) => !sl.entry && !sl.deleted).map((sl) => sl.name),
    );
    if (this.workbook.changed) this.zip.write(this.wb.path, this.workbook.text());
    if (this.rels.changed) this.zip.write(this.relsPath, this.rels.text());
    for (const path of this.removedParts) this.removeContentType(path);
    if (this.types.changed) this.zip.write(findPart(this.zip, '[Content_Types].xml')!, this.types.text());
  }

  /** The final place of each sheet that stays, by its place before. */
  private newIndex(): (old: number) => number | undefined {
    const map = new Map<number, number>();
    let n = 0;
    this.slots.forEach((slot, i) => {
      if (!slot.deleted) map.set(i, n++);
    });
    return (old) => map.get(old);
  }

  /** Print names local to BoardPlan's sheets are replaced; those of sheets that moved follow them. */
  private writeNames(): void {
    const root = this.workbook.root;
    const namesEl = childOf(root, root.ns, 'definedNames');
    const index = this.newIndex();
    for (const el of namesEl ? childrenOf(namesEl, root.ns, 'definedName') : []) {
      const local = attrOf(el, 'localSheetId');
      if (local === undefined) continue;
      const old = Number(local);
      const slot = this.slots[old];
      if (slot?.ours) {
        this.workbook.remove(el);
        continue;
      }
      const now = index(old);
      if (now !== undefined && now !== old) this.workbook.setAttr(el, 'localSheetId', String(now));
    }
    if (!this.names.length) {
      // A list of names that held only BoardPlan's goes with them.
      const all = namesEl?.children ?? [];
      if (namesEl && all.length && all.every((el) => this.workbook.isRemoved(el))) this.workbook.remove(namesEl);
      return;
    }
    const live = this.slots.filter((s) => !s.deleted);
    const item = (localName: string) => (namesEl ? nameIn(namesEl, localName) : nameIn(root, localName));
    const text = this.names
      .map((n) => `<${item('definedName')} name="${n.name}" localSheetId="${live.findIndex((s) => s.name === n.sheet)}">${escapeXml(n.value)}</${item('definedName')}>`)
      .join('');
    if (namesEl) {
      this.workbook.append(namesEl, text);
      return;
    }
    const block = `<${nameIn(root, 'definedNames')}>${text}</${nameIn(root, 'definedNames')}>`;
    const next = root.children.find((c) => isMain(c) && AFTER_NAMES.includes(c.local));
    if (next) this.workbook.before(next, block);
    else this.workbook.append(root, block);
  }

  /** Excel opens on the active tab: it stays on the same sheet, or on the first visible one if that is gone or hidden. */
  private keepActiveTabVisible(): void {
    const root = this.workbook.root;
    const views = childOf(root, root.ns, 'bookViews');
    const index = this.newIndex();
    const live = this.slots.filter((s) => !s.deleted);
    const firstVisible = Math.max(0, live.findIndex((s) => s.state === 'visible'));
    for (const view of views ? childrenOf(views, root.ns, 'workbookView') : []) {
      const active = Number(attrOf(view, 'activeTab') ?? 0);
      let now = index(active);
      if (now === undefined || live[now]?.state !== 'visible') now = firstVisible;
      if (now !== active) this.workbook.setAttr(view, 'activeTab', String(now));
      const first = Number(attrOf(view, 'firstSheet') ?? 0);
      const firstNow = Math.min(index(first) ?? 0, now);
      if (firstNow !== first) this.workbook.setAttr(view, 'firstSheet', String(firstNow));
    }
  }

  private async writeStyles(): Promise<void> {
    const text = this.styles.text();
    if (text === undefined) return;
    if (!this.stylesPath) {
      this.stylesPath = this.freePart(`${this.dir}/styles`, '.xml', '');
      this.addRel(REL.styles, relativeTarget(this.wb.path, this.stylesPath));
      this.addContentType(this.stylesPath, CONTENT_TYPE.styles);
    }
    this.zip.write(this.stylesPath, text);
  }

  private async dropCalcChain(): Promise<void> {
    const rel = this.wb.rels.find((r) => relKind(r.type) === 'calcChain');
    if (!rel?.path) return;
    this.removeRel(rel.id);
    this.zip.remove(rel.path);
    this.removedParts.add(rel.path);
  }

  // ---- parts, relationships, content types -------------------------------------------------------

  /** The first free part name prefix + n + suffix (n from 1), or prefix + suffix when `first` is ''. */
  private freePart(prefix: string, suffix: string, first?: ''): string {
    const clean = prefix.replace(/^\//, '');
    // A name the content types still list (for a part long gone) is not taken up either.
    const listed = new Set(
      this.types.root.children.filter((c) => c.local === 'Override' && !this.types.isRemoved(c)).map((c) => (attrOf(c, 'PartName') ?? '').replace(/^\//, '').toLowerCase()),
    );
    const free = (name: string) => !findPart(this.zip, name) && (!listed.has(name.toLowerCase()) || this.removedParts.has(name));
    if (first === '' && free(`${clean}${suffix}`)) return `${clean}${suffix}`;
    for (let n = 1; ; n++) if (free(`${clean}${n}${suffix}`)) return `${clean}${n}${suffix}`;
  }

  private addRel(type: string, target: string): string {
    const used = new Set(this.rels.root.children.map((c) => attrOf(c, 'Id')));
    for (const added of this.addedRelIds) used.add(added);
    let n = 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.addedRelIds.add(id);
    this.rels.append(this.rels.root, `<${nameIn(this.rels.root, 'Relationship')} Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`);
    return id;
  }

  private removeRel(id: string): void {
    const el = this.rels.root.children.find((c) => attrOf(c, 'Id') === id);
    if (el) this.rels.remove(el);
  }

  private addContentType(path: string, type: string): void {
    const partName = `/${path}`;
    const existing = this.types.root.children.find((c) => c.local === 'Override' && (attrOf(c, 'PartName') ?? '').toLowerCase() === partName.toLowerCase());
    if (existing && !this.types.isRemoved(existing)) return;
    this.types.append(this.types.root, `<${nameIn(this.types.root, 'Override')} PartName="${escapeXml(partName)}" ContentType="${type}"/>`);
    this.removedParts.delete(path);
  }

  private removeContentType(path: string): void {
    if (this.zip.has(path)) return;
    const partName = `/${path}`.toLowerCase();
    for (const el of this.types.root.children) {
      if (el.local === 'Override' && (attrOf(el, 'PartName') ?? '').toLowerCase() === partName) this.types.remove(el);
    }
  }

  /**
   * Removes a sheet's part (or, with `self` false, only what hangs from it) and every part reached
   * through its relationships that no part left in the package points at.
   */
  private async removePart(path: string, self: boolean): Promise<void> {
    const gone = hangingFrom(await partGraph(this.zip), [path]);
    for (const part of gone) {
      const rels = findPart(this.zip, relsPathFor(part));
      if (rels) this.zip.remove(rels);
      if (part === path && !self) continue;
      this.zip.remove(part);
      this.removedParts.add(part);
    }
  }
}

/** Why Excel would not take a sheet name, or null. */
function sheetNameProblem(name: string): string | null {
  if (!name.trim()) return 'a sheet needs a name';
  if (name.length > 31) return 'a sheet name has at most 31 characters';
  if (/[[\]:*?/\\]/.test(name)) return 'a sheet name cannot hold any of [ ] : * ? / \\';
  if (name.startsWith("'") || name.endsWith("'")) return 'a sheet name cannot start or end with an apostrophe';
  if (name.toLowerCase() === 'history') return '"History" is a name Excel keeps for itself';
  return null;
}

function emptyRels(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRels}"></Relationships>`;
}

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  const body = rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRels}">${body}</Relationships>`;
}
