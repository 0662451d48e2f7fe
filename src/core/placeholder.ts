/**
 * What an officer types where the answer is not yet known ("???", "TBC", "EXEC?"), and what Excel
 * shows where a formula broke ("#REF!"). The plan reader looks for their marks as it reads each
 * cell, in the same search as its look for markup; validation reports what they are.
 */

export const EXCEL_ERROR = /#(?:REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!)/i;
export const PLACEHOLDER_ANYWHERE = /\?{2,}|\b(?:TBC|TBA|TBD)\b/i;
/** In a lead, ref or timescale any question mark ("EXEC?") means the officer was not sure. */
export const QUESTION = /\?/;
/**
 * What an error (a '#') or a placeholder (a '?', or PLACEHOLDER_ANYWHERE) needs, but for a
 * timescale's own placeholders: most texts have none of it.
 */
export const MAYBE_FLAGGED = new RegExp(`[#?]|${PLACEHOLDER_ANYWHERE.source}`, 'i');
