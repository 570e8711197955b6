// Reads every formula of a document once for its definitions (`g(x, y, z) = …`, `g_1(a, b) = …`,
// `\mathcal{L} = …`). Two passes: the heads first (a head is recognised by its shape alone), then
// the bodies again knowing every defined function, so `g_2(g_1(x, y), z)` reads as calls wherever
// g_1 and g_2 are defined. A formula that does not parse defines nothing here; it is reported
// where it is analysed.
import { InspectError } from '../engine/errors';
import { LatexDefinition, LatexDocument } from './latex-definitions';
import { LatexContext, LatexFormula, NO_CONTEXT } from './latex-formula';
import { parseLatexFormula } from './latex';

export interface DocumentFormula {
  text: string;
  /** Offset of the formula's text in the document. */
  offset: number;
  /** 1-based line of that offset. */
  line: number;
}

/** At most this many formulas are read for definitions: a larger document is read up to there. */
export const MAX_DOCUMENT_FORMULAS = 5000;

export function readLatexDocument(formulas: readonly DocumentFormula[]): LatexDocument {
  const read = formulas.slice(0, MAX_DOCUMENT_FORMULAS);
  const functions = new Set<string>();
  for (const f of read) {
    const head = tryParse(f.text, { ...NO_CONTEXT, headOnly: true })?.head;
    if (head) { functions.add(head.name); }
  }
  const definitions: LatexDefinition[] = [];
  for (const f of read) {
    const formula = tryParse(f.text, { functions });
    const definition = formula && definitionOf(formula, f);
    if (definition) { definitions.push(definition); }
  }
  return { definitions, functions };
}

function definitionOf(formula: LatexFormula, at: DocumentFormula): LatexDefinition | undefined {
  const place = { offset: at.offset, line: at.line };
  if (formula.head && formula.body) { return { name: formula.head.name, params: formula.head.params, body: formula.body, ...place }; }
  const [assign] = formula.program.statements;
  if (assign?.kind === 'assign') { return { name: assign.target, params: [], body: assign.value, ...place }; }
  return undefined;
}

function tryParse(text: string, context: LatexContext): LatexFormula | undefined {
  try {
    return parseLatexFormula(text, context);
  } catch (err) {
    if (err instanceof InspectError) { return undefined; }
    throw err;
  }
}
