import { utf8Bytes } from '../excel/payload';
import type { ActionInfo, ObjectPathInfo, RequestBody } from './server';

/**
 * Where the bytes of a request go: by what they write (values, number formats, styles, row heights,
 * column widths, hyperlinks, merges, conditional formats, charts, page layout, sheets) and by what
 * part of the wire format carries them (object paths, the actions that instantiate them, the actions
 * that load, call or set, and the arguments of both). Read from the request as Microsoft's client
 * sent it, so it measures the client's format, not the host's idea of it.
 */

export const REQUEST_KINDS = [
  'values', 'number formats', 'styles', 'row heights', 'column widths', 'hyperlinks', 'merges',
  'conditional formats', 'charts', 'page layout', 'sheets', 'reads', 'other',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface RequestParts {
  /** Object paths, their arguments apart. */
  paths: number;
  /** Instantiate actions, one or more per object path reached. */
  instantiations: number;
  /** Loads, method calls and property writes, their arguments apart. */
  actions: number;
  /** Arguments of paths and actions: addresses, values, formulas, colours. */
  arguments: number;
}

export type Anatomy = Record<RequestKind, RequestParts>;

export const emptyAnatomy = (): Anatomy => Object.fromEntries(REQUEST_KINDS.map((k) => [k, { paths: 0, instantiations: 0, actions: 0, arguments: 0 }])) as Anatomy;

const INSTANTIATE = 1;
const QUERY = 2;
const FORMAT_PARTS = new Set(['Font', 'Fill', 'Borders']);
const FORMAT_SETTINGS = new Set(['WrapText', 'HorizontalAlignment', 'VerticalAlignment']);
const PAGE_PARTS = new Set(['PageLayout', 'HorizontalPageBreaks', 'FreezePanes']);

/** What a call does, from its name, what it is called on (the names along its path) and its arguments. */
function kindOf(name: string, along: string[], args: unknown[] | undefined, type: number): RequestKind {
  if (along.includes('ConditionalFormats')) return 'conditional formats';
  if (along.includes('Charts')) return 'charts';
  if (type === QUERY) return 'reads';
  if (PAGE_PARTS.has(name) || along.some((n) => PAGE_PARTS.has(n))) return 'page layout';
  switch (name) {
    case 'Values':
    case '_ValidateArraySize':
      return 'values';
    case 'NumberFormat':
      return 'number formats';
    case 'Hyperlink':
      return 'hyperlinks';
    case 'SetCellProperties':
      return JSON.stringify(args ?? []).includes('"hyperlink"') ? 'hyperlinks' : 'styles';
    case 'RowHeight':
    case 'SetRowProperties':
    case 'AutofitRows':
      return 'row heights';
    case 'ColumnWidth':
    case 'SetColumnProperties':
      return 'column widths';
    case 'Merge':
    case 'Unmerge':
      return 'merges';
    case 'Clear':
      return args?.[0] === 'Contents' ? 'values' : 'sheets';
    case 'Add':
    case 'Delete':
    case 'TabColor':
    case 'Visibility':
      return 'sheets';
  }
  if (FORMAT_SETTINGS.has(name) || along.some((n) => FORMAT_PARTS.has(n))) return 'styles';
  return 'other';
}

const bytes = (value: unknown) => utf8Bytes(JSON.stringify(value));

/** One request's bytes by kind and part; their sum is the request's size less its few bytes of envelope. */
export function anatomyOf(body: RequestBody, into: Anatomy = emptyAnatomy()): Anatomy {
  const paths = body.ObjectPaths ?? {};
  const refs = (info: { ReferencedObjectPathIds?: unknown[] } | undefined): number[] => (info?.ReferencedObjectPathIds ?? []).filter((r): r is number => typeof r === 'number' && r > 0);
  // The paths a call goes through: its object's, their parents', and those they take as arguments (a slice of a range, say).
  const reached = (ids: number[]): ObjectPathInfo[] => {
    const out: ObjectPathInfo[] = [];
    const seen = new Set<number>();
    for (const todo = [...ids]; todo.length; ) {
      const p = paths[String(todo.pop())];
      if (!p || seen.has(p.Id)) continue;
      seen.add(p.Id);
      out.push(p);
      if (p.ParentObjectPathId !== undefined) todo.push(p.ParentObjectPathId);
      todo.push(...refs(p.ArgumentInfo));
    }
    return out;
  };
  const chain = (id: number) => reached([id]);
  // A path counts for the first call that goes through it; one only instantiated counts for what its own names say.
  const owner = new Map<number, RequestKind>();
  const calls = body.Actions.filter((a) => a.ActionType !== INSTANTIATE);
  for (const a of calls) {
    const along = reached([a.ObjectPathId, ...refs(a.ArgumentInfo)]);
    const kind = kindOf(a.Name, along.map((p) => p.Name), a.ArgumentInfo?.Arguments, a.ActionType);
    for (const p of along) if (!owner.has(p.Id)) owner.set(p.Id, kind);
    const argumentBytes = a.ArgumentInfo?.Arguments?.length ? bytes(a.ArgumentInfo.Arguments) : 0;
    into[kind].actions += bytes(a) + 1 - argumentBytes;
    into[kind].arguments += argumentBytes;
  }
  const ownKind = (id: number): RequestKind => {
    const along = chain(id);
    return owner.get(id) ?? kindOf(along[0]?.Name ?? '', along.map((p) => p.Name), along[0]?.ArgumentInfo?.Arguments, 0);
  };
  for (const a of body.Actions as ActionInfo[]) {
    if (a.ActionType === INSTANTIATE) into[ownKind(a.ObjectPathId)].instantiations += bytes(a) + 1;
  }
  for (const [key, p] of Object.entries(paths)) {
    const kind = ownKind(p.Id);
    const argumentBytes = p.ArgumentInfo?.Arguments?.length ? bytes(p.ArgumentInfo.Arguments) : 0;
    into[kind].paths += bytes(key) + 1 + bytes(p) + 1 - argumentBytes;
    into[kind].arguments += argumentBytes;
  }
  return into;
}

/** Adds one anatomy to another. */
export function addAnatomy(into: Anatomy, more: Anatomy): Anatomy {
  for (const k of REQUEST_KINDS) for (const part of Object.keys(into[k]) as (keyof RequestParts)[]) into[k][part] += more[k][part];
  return into;
}

export const partsTotal = (p: RequestParts): number => p.paths + p.instantiations + p.actions + p.arguments;
