// Text → the program to lower and the values to lower it at. LaTeX is read in its document (defined
// functions expanded, claims prepared); a formula with claims, a definition, or any formula under
// --random has its variables without values bound to seeded random values, with a note naming them.
import { InspectError } from '../engine/errors';
import { Language, Program } from './ast';
import { Bindings } from './bindings';
import { ClaimResult, verifyClaim } from './latex-claims';
import { randomPoint } from './latex-claim-points';
import { LatexScope, readLatex } from './latex-reader';
import { indexClaim, indexEntries, lengthValues } from './latex-indexing';
import { parseProgram } from './parse';
import { checkBound } from './unbound';

export interface TextProgramOptions {
  bindings?: Bindings;
  latex?: LatexScope;
  randomUnbound?: boolean;
}

export interface TextProgram {
  program: Program;
  bindings: Bindings;
  verifyClaims?: () => ClaimResult[];
}

export function readTextProgram(text: string, language: Language, options: TextProgramOptions): TextProgram {
  const given = options.bindings ?? new Map();
  if (language !== 'latex') { return { program: parseProgram(text, language), bindings: given }; }
  const reading = readLatex(text, options.latex);
  const notes = new Set<string>();
  const withLengths = new Map([...given, ...lengthValues(reading.lengths, given, notes)]);
  const program = indexProgram(reading.program, withLengths, notes);
  const claims = reading.claims.map(c => indexClaim(c, withLengths, notes));
  program.notes.push(...notes);
  const bindRandomly = options.randomUnbound === true || claims.length > 0 || reading.defines;
  const bindings = bindRandomly ? withRandomValues(program, withLengths, text) : withLengths;
  // Values drawn only to analyse the subject are not the document's values: claims draw their own.
  const claimValues = options.randomUnbound === true ? bindings : withLengths;
  const verifyClaims = claims.length > 0 ? () => claims.map(c => verifyClaim(c, claimValues)) : undefined;
  return { program, bindings, verifyClaims };
}

function indexProgram(program: Program, bindings: Bindings, notes: Set<string>): Program {
  const statements = program.statements.map(st => (st.kind === 'assign'
    ? { ...st, value: indexEntries(st.value, bindings, notes) }
    : st.kind === 'expr' ? { ...st, expr: indexEntries(st.expr, bindings, notes) } : st));
  return { ...program, statements, notes: [...program.notes] };
}

/** The bindings, plus seeded random values for the names still without one (noted in the program). */
function withRandomValues(program: Program, given: Bindings, text: string): Bindings {
  const missing = unboundNames(program, given);
  if (missing.length === 0) { return given; }
  const bindings = new Map([...given, ...randomPoint(missing, given, text)]);
  program.notes.push(`${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no value: seeded random value${missing.length === 1 ? '' : 's'} ${missing.map(n => `${n}=${(bindings.get(n)?.data[0] ?? NaN).toPrecision(4)}`).join(', ')}`);
  return bindings;
}

function unboundNames(program: Program, bindings: Bindings): string[] {
  try {
    checkBound(program.statements, bindings, 'math');
    return [];
  } catch (err) {
    if (err instanceof InspectError && err.kind === 'unbound') { return [...(err.detail ?? [])]; }
    throw err;
  }
}
