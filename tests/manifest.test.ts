import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ts from 'typescript';
import { registerCommands } from '../src/commands/commands';

/**
 * The manifest is what Excel reads before any of our code runs: a broken resid, an icon of the wrong
 * size or a ribbon function nobody registered shows up only as a silently missing button. These
 * checks run offline (Microsoft's validation service is `npm run validate`).
 */

const ROOT = join(__dirname, '..');
const DEV_ORIGIN = 'https://localhost:3000';
const xml = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

type OrderedNode = Record<string, unknown>;

function toElements(nodes: OrderedNode[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '?xml' || name === '#comment') continue;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    const attrs = Object.fromEntries(Object.entries(rawAttrs).map(([k, v]) => [k.replace(/^@_/, ''), String(v)]));
    const kids = node[name] as OrderedNode[];
    const text = kids
      .filter((k) => '#text' in k)
      .map((k) => String(k['#text']))
      .join('')
      .trim();
    out.push({ name, attrs, children: toElements(kids), text });
  }
  return out;
}

const tree = toElements(
  new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, parseTagValue: false, commentPropName: '#comment' }).parse(xml),
);
const root = tree.find((e) => e.name === 'OfficeApp');

function all(el: Element | undefined, pred: (e: Element) => boolean): Element[] {
  if (!el) return [];
  return [...(pred(el) ? [el] : []), ...el.children.flatMap((c) => all(c, pred))];
}

function child(el: Element | undefined, name: string): Element | undefined {
  return el?.children.find((c) => c.name === name);
}

function path(...names: string[]): Element | undefined {
  let el = root;
  for (const n of names) el = child(el, n);
  return el;
}

const overrides = path('VersionOverrides');
const resources = child(overrides, 'Resources');

/** Resource kind → id → every definition (to catch duplicates). */
function definitions(): Map<string, Map<string, Element[]>> {
  const kinds = new Map<string, Map<string, Element[]>>();
  for (const [group, item] of [
    ['bt:Images', 'bt:Image'],
    ['bt:Urls', 'bt:Url'],
    ['bt:ShortStrings', 'bt:String'],
    ['bt:LongStrings', 'bt:String'],
  ] as const) {
    const byId = new Map<string, Element[]>();
    for (const el of child(resources, group)?.children.filter((c) => c.name === item) ?? []) {
      byId.set(el.attrs.id, [...(byId.get(el.attrs.id) ?? []), el]);
    }
    kinds.set(group, byId);
  }
  return kinds;
}

/** Which resource list a resid must point into, by the element that carries it. */
function kindOf(el: Element): string {
  if (el.name === 'bt:Image') return 'bt:Images';
  if (['Runtime', 'FunctionFile', 'SourceLocation', 'LearnMoreUrl'].includes(el.name)) return 'bt:Urls';
  if (['Label', 'Title'].includes(el.name)) return 'bt:ShortStrings';
  if (el.name === 'Description') return 'bt:LongStrings';
  throw new Error(`Unexpected element <${el.name}> with a resid`);
}

const defs = definitions();
const references = all(overrides, (e) => 'resid' in e.attrs);

function urlOf(resid: string): string {
  const el = defs.get('bt:Urls')?.get(resid)?.[0];
  if (!el) throw new Error(`No bt:Url ${resid}`);
  return el.attrs.DefaultValue;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error(`${file} has no IHDR chunk first`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function assetFor(url: string): string {
  expect(url.startsWith(`${DEV_ORIGIN}/`)).toBe(true);
  return join(ROOT, url.slice(DEV_ORIGIN.length + 1));
}

describe('manifest.xml', () => {
  test('is well-formed XML with an OfficeApp task pane add-in for workbooks', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(root?.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(path('Id')?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(path('ProviderName')?.text).toBe('BoardPlan');
    expect(path('DisplayName')?.attrs.DefaultValue).toBe('BoardPlan');
    expect(path('Permissions')?.text).toBe('ReadWriteDocument');
    expect(child(path('Hosts'), 'Host')?.attrs.Name).toBe('Workbook');
    expect(child(child(overrides, 'Hosts'), 'Host')?.attrs['xsi:type']).toBe('Workbook');
  });

  test('every resid used is defined exactly once, in the list its element reads from', () => {
    expect(references.length).toBeGreaterThan(10);
    for (const ref of references) {
      const resid = ref.attrs.resid;
      expect({ resid, length: resid.length <= 32 }).toEqual({ resid, length: true });
      const kind = kindOf(ref);
      expect({ resid, kind, defined: defs.get(kind)?.get(resid)?.length ?? 0 }).toEqual({ resid, kind, defined: 1 });
    }
  });

  test('every resource defined is used, and no id is defined twice anywhere', () => {
    const used = new Set(references.map((r) => r.attrs.resid));
    const everyId: string[] = [];
    for (const [kind, byId] of defs) {
      for (const [id, els] of byId) {
        everyId.push(...els.map(() => id));
        expect({ kind, id, used: used.has(id) }).toEqual({ kind, id, used: true });
      }
    }
    expect(everyId.length).toBeGreaterThan(0);
    expect(new Set(everyId).size).toBe(everyId.length);
  });

  test('the shared runtime, the function file and every task pane load the same page', () => {
    const page = path('DefaultSettings', 'SourceLocation')?.attrs.DefaultValue;
    expect(page).toBe(`${DEV_ORIGIN}/taskpane.html`);
    const runtimes = all(overrides, (e) => e.name === 'Runtime');
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].attrs.lifetime).toBe('long');
    expect(urlOf(runtimes[0].attrs.resid)).toBe(page);
    const functionFiles = all(overrides, (e) => e.name === 'FunctionFile');
    expect(functionFiles).toHaveLength(1);
    expect(functionFiles[0].attrs.resid).toBe(runtimes[0].attrs.resid);
    const panes = all(overrides, (e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ShowTaskpane');
    expect(panes.length).toBeGreaterThan(0);
    for (const pane of panes) {
      // One runtime has one pane: every ShowTaskpane names the same TaskpaneId and page.
      expect(child(pane, 'TaskpaneId')?.text).toBe('ButtonId1');
      expect(child(pane, 'SourceLocation')?.attrs.resid).toBe(runtimes[0].attrs.resid);
    }
  });

  test('the custom tab holds Refresh status, Open BoardPlan and Check plan, each with a supertip and icons', () => {
    const tab = all(overrides, (e) => e.name === 'CustomTab')[0];
    expect(tab?.attrs.id).toBe('BoardPlan.Tab');
    const shortString = (id: string) => defs.get('bt:ShortStrings')?.get(id)?.[0]?.attrs.DefaultValue;
    expect(shortString(child(tab, 'Label')!.attrs.resid)).toBe('Board Plan');
    // The tab's label comes after its groups (schema order).
    expect(tab.children[tab.children.length - 1].name).toBe('Label');
    const controls = all(tab, (e) => e.name === 'Control');
    expect(controls.map((c) => shortString(child(c, 'Label')!.attrs.resid))).toEqual(['Refresh status', 'Open BoardPlan', 'Check plan']);
    expect(new Set(all(overrides, (e) => 'id' in e.attrs && ['Control', 'Group', 'CustomTab'].includes(e.name)).map((e) => e.attrs.id)).size).toBe(5);
    for (const holder of [...all(tab, (e) => e.name === 'Group'), ...controls]) {
      expect(child(holder, 'Icon')?.children.map((i) => i.attrs.size)).toEqual(['16', '32', '80']);
    }
    for (const control of controls) {
      expect(child(child(control, 'Supertip'), 'Title')).toBeDefined();
      expect(child(child(control, 'Supertip'), 'Description')).toBeDefined();
    }
    const refresh = child(controls[0], 'Action');
    expect(refresh?.attrs['xsi:type']).toBe('ExecuteFunction');
    expect(child(refresh, 'FunctionName')?.text).toBe('refreshStatus');
    expect(child(controls[1], 'Action')?.attrs['xsi:type']).toBe('ShowTaskpane');
  });

  test('every ExecuteFunction is registered with Office.actions.associate', () => {
    const inManifest = all(overrides, (e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ExecuteFunction')
      .map((a) => child(a, 'FunctionName')?.text ?? '')
      .sort();
    expect(inManifest).toEqual(['checkPlan', 'refreshStatus']);

    // In the source, as Office needs it: associate('name', …) with the literal name.
    const dir = join(ROOT, 'src', 'commands');
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const inSource = [...source.matchAll(/\bassociate\(\s*['"]([A-Za-z_$][\w$]*)['"]/g)].map((m) => m[1]);
    for (const name of inManifest) expect(inSource).toContain(name);

    // And at run time, against a stand-in for Office.actions.
    const registered: string[] = [];
    const returned = registerCommands({ actions: { associate: (name: string, fn: unknown) => void (typeof fn === 'function' && registered.push(name)) } });
    expect([...registered].sort()).toEqual(inManifest);
    expect([...returned].sort()).toEqual(inManifest);
  });

  test('icon files exist with the sizes the manifest declares', () => {
    const images = defs.get('bt:Images')!;
    const declared = all(overrides, (e) => e.name === 'bt:Image' && 'resid' in e.attrs);
    expect(declared.length).toBeGreaterThan(0);
    for (const use of declared) {
      const file = assetFor(images.get(use.attrs.resid)![0].attrs.DefaultValue);
      expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
      const size = Number(use.attrs.size);
      expect({ file, ...pngSize(file) }).toEqual({ file, width: size, height: size });
    }
    for (const [tag, size] of [
      ['IconUrl', 32],
      ['HighResolutionIconUrl', 64],
    ] as const) {
      const file = assetFor(path(tag)!.attrs.DefaultValue);
      expect({ file, ...pngSize(file) }).toEqual({ file, width: size, height: size });
    }
    // Every icon in assets/ is as big as its name says (icon-128.png is for the store listing).
    for (const name of readdirSync(join(ROOT, 'assets')).filter((f) => f.endsWith('.png'))) {
      const n = Number(/-(\d+)\.png$/.exec(name)?.[1]);
      expect({ name, ...pngSize(join(ROOT, 'assets', name)) }).toEqual({ name, width: n, height: n });
    }
    expect(readdirSync(join(ROOT, 'assets'))).toEqual(expect.arrayContaining(['icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png', 'icon-128.png']));
  });

  test('strings fit Office limits: short strings 125 characters, long strings 250', () => {
    for (const [kind, limit] of [
      ['bt:ShortStrings', 125],
      ['bt:LongStrings', 250],
    ] as const) {
      const byId = defs.get(kind)!;
      expect(byId.size).toBeGreaterThan(0);
      for (const [id, [el]] of byId) {
        const value = el.attrs.DefaultValue;
        expect({ id, fits: value.length > 0 && value.length <= limit }).toEqual({ id, fits: true });
      }
    }
    expect(path('Description')!.attrs.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  test('every address is https on the development origin, and the support page exists', () => {
    const urls = [
      ...all(root, (e) => typeof e.attrs.DefaultValue === 'string' && /^https?:/.test(e.attrs.DefaultValue)).map((e) => e.attrs.DefaultValue),
      ...all(root, (e) => e.name === 'AppDomain').map((e) => e.text),
    ];
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url.startsWith(DEV_ORIGIN)).toBe(true);
    expect(existsSync(assetFor(path('SupportUrl')!.attrs.DefaultValue))).toBe(true);
  });

  test('requirements: the ExcelApi set in the base manifest, and SharedRuntime 1.1 for the ribbon', () => {
    const base = all(path('Requirements'), (e) => e.name === 'Set');
    expect(base.map((s) => s.attrs.Name)).toEqual(['ExcelApi']);
    const excelApi = base[0].attrs.MinVersion;
    expect(excelApi).toMatch(/^1\.\d+$/);
    const ribbon = all(child(overrides, 'Requirements'), (e) => e.name === 'bt:Set');
    expect(Object.fromEntries(ribbon.map((s) => [s.attrs.Name, s.attrs.MinVersion]))).toEqual({ ExcelApi: excelApi, SharedRuntime: '1.1' });
    // The comment at the top says which set and why.
    expect(xml.slice(0, xml.indexOf('<OfficeApp'))).toContain(`ExcelApi ${excelApi}`);
  });

  test('the ExcelApi set is the lowest that has every Excel API the Office host calls', () => {
    const declared = all(path('Requirements'), (e) => e.name === 'Set' && e.attrs.Name === 'ExcelApi')[0].attrs.MinVersion;
    const { version, members, notInExcelApi } = requiredExcelApi();
    expect(members.length).toBeGreaterThan(5);
    expect(notInExcelApi).toEqual([]);
    const top = members.filter((m) => m.version === version).map((m) => m.member);
    expect({ declared, needed: version, by: declared === version ? [] : top }).toEqual({ declared: version, needed: version, by: [] });
  });
});

describe('the production manifest', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../webpack.config.js') as { rewriteManifest(xml: string, baseUrl: string): string; readBaseUrl(v: unknown): string | null };

  test('points every address at --env baseUrl and each app domain at its origin', () => {
    const base = config.readBaseUrl('https://plans.example.org/boardplan/')!;
    expect(base).toBe('https://plans.example.org/boardplan');
    const out = config.rewriteManifest(xml, base);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).not.toContain('localhost');
    expect(out).toContain('<SourceLocation DefaultValue="https://plans.example.org/boardplan/taskpane.html"/>');
    expect(out).toContain('<AppDomain>https://plans.example.org</AppDomain>');
    expect(out).toContain('DefaultValue="https://plans.example.org/boardplan/assets/icon-80.png"');
  });

  test('refuses a base URL that is not https, saying what to give', () => {
    expect(() => config.readBaseUrl('http://plans.example.org/boardplan')).toThrow(/must start with https:\/\//);
    expect(() => config.readBaseUrl('plans.example.org')).toThrow(/is not a URL/);
    expect(config.readBaseUrl(undefined)).toBeNull();
  });
});

// --- Which ExcelApi set the Office host needs, from the API sets documented in @types/office-js ---

interface MemberNeed {
  member: string;
  version: string;
}

function versionKey(v: string): number {
  const [major, minor] = v.split('.').map(Number);
  return major * 1000 + minor;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) && !/\.d\.ts$/.test(f) ? [p] : [];
  });
}

/**
 * Every Excel API member the Office host (src/excel) touches, resolved by the type checker, with
 * the API set its declaration in @types/office-js documents ("[Api set: ExcelApi 1.7]").
 */
function requiredExcelApi(): { version: string; members: MemberNeed[]; notInExcelApi: string[] } {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const files = sourceFiles(join(ROOT, 'src', 'excel'));
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const found = new Map<string, string>();
  const notInExcelApi = new Set<string>();

  const apiSet = (decl: ts.Declaration): { set: string; version: string } | null => {
    const sf = decl.getSourceFile();
    if (!/[\\/]@types[\\/]office-js[\\/]/.test(sf.fileName)) return null;
    const comments = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
    for (const c of comments) {
      const m = /\[Api set: (\w+) ([\d.]+)/.exec(sf.text.slice(c.pos, c.end));
      if (m) return { set: m[1], version: m[2] };
    }
    return null;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const symbol = checker.getSymbolAtLocation(node.name);
      for (const decl of symbol?.declarations ?? []) {
        const set = apiSet(decl);
        if (!set) continue;
        const owner = ts.isClassDeclaration(decl.parent) || ts.isInterfaceDeclaration(decl.parent) ? decl.parent.name?.text : undefined;
        const member = `${owner ? `${owner}.` : ''}${node.name.text}`;
        if (set.set !== 'ExcelApi') notInExcelApi.add(`${member} (${set.set} ${set.version})`);
        else if (!found.has(member) || versionKey(set.version) > versionKey(found.get(member)!)) found.set(member, set.version);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) visit(program.getSourceFile(file)!);

  const members = [...found].map(([member, version]) => ({ member, version }));
  const version = members.reduce((v, m) => (versionKey(m.version) > versionKey(v) ? m.version : v), '1.1');
  return { version, members, notInExcelApi: [...notInExcelApi] };
}
