/**
 * What a ref is: "2a. 1" in a Ref column, "4. Gather assurance …" in an Issue cell, "1.1.1 To
 * develop …" at the start of an action, and the priority a two-level ref is numbered for.
 */

/** A numbered ref, perhaps with spaces and a full stop: "1.1", "2a. 1", "4.". */
const NUMERIC_REF = /^(\d{1,3}[a-z]?(?:\s*\.\s*\d{1,3}[a-z]?)*)\.?$/i;
/** A short code without spaces that contains a digit: "A1", "S5", "CP-04". */
const CODE_REF = /^(?=[^\s]*\d)[a-z0-9][a-z0-9.\-/]{0,11}$/i;
/** "1.1.1 To develop…", "2a. 1 Develop…": two levels or more need no punctuation after them. */
const LEADING_MULTI = /^(\d{1,3}[a-z]?(?:\s*\.\s*\d{1,3}[a-z]?)+)\.?\s+(\S[\s\S]*)$/i;
/** "4. Gather assurance…", "4) Gather…": a single number needs its full stop or bracket. */
const LEADING_SINGLE = /^(\d{1,3}[a-z]?)\s*[.)]\s+(\S[\s\S]*)$/i;

/** Up to three digits and a letter, then a dot and a digit: "2a.1" names priority "2a". */
const TWO_LEVEL = /^(\d{1,3}[a-z]?)\.\d/i;

/** "2a. 1" → "2a.1", "4." → "4": the ref as shown. */
export function tidyRef(ref: string): string {
  return ref.replace(/\s+/g, '').replace(/\.+$/, '');
}

/** The ref as compared: tidy and lower-case, so "2A. 1" and "2a.1" are the same. */
export function refKey(ref: string): string {
  return tidyRef(ref).toLowerCase();
}

/** A numeric ref at the start of a text, and the text after it. */
export function leadingRef(text: string): { ref: string; rest: string } | null {
  const m = LEADING_MULTI.exec(text) ?? LEADING_SINGLE.exec(text);
  return m ? { ref: tidyRef(m[1]), rest: m[2].trim() } : null;
}

/** What a ref (or Issue) cell holds: a ref, an item title, or both ("4. Gather assurance …"). */
export function parseRefCell(text: string): { ref: string | null; title: string } {
  const t = text.trim();
  if (NUMERIC_REF.test(t) || CODE_REF.test(t)) return { ref: tidyRef(t), title: '' };
  const lead = leadingRef(t);
  if (lead) return { ref: lead.ref, title: lead.rest };
  return { ref: null, title: t };
}

/** The priority a two-level numeric ref names: "2a.1" → "2a", "3.4" → "3"; null for "4" or "A1". */
export function refPriority(ref: string): string | null {
  return TWO_LEVEL.exec(tidyRef(ref))?.[1].toLowerCase() ?? null;
}
