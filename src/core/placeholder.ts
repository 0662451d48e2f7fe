/**
 * What an officer types where the answer is not yet known ("???", "TBC", "EXEC?"), and what Excel
 * shows where a formula broke ("#REF!"): validation reports both, in any field of an action.
 */

export const EXCEL_ERROR = /#(?:REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!)/i;
export const PLACEHOLDER_ANYWHERE = /\?{2,}|\b(?:TBC|TBA|TBD)\b/i;
/** In a lead, ref or timescale any question mark ("EXEC?") means the officer was not sure. */
export const QUESTION = /\?/;
