// What the LaTeX parser reads from one formula beyond its statements: a definition head
// (`g(x, y, z) = …`), the relations it states (`a = b`, `a \approx b`, underbrace labels), and
// the subject analysed when the formula is a claim. The context says which names the document
// defines as functions, so `g(x, y)` is a call there and a product elsewhere.
import { SourceRange } from '../engine/errors';
import { Expr, Program } from './ast';

export interface LatexContext {
  /** Names defined with parameters somewhere in the document (`g`, `g_1`, `f_w`, `L`). */
  functions: ReadonlySet<string>;
  /** Read the definition head only (the document's first pass, before every function is known). */
  headOnly?: boolean;
}

export const NO_CONTEXT: LatexContext = { functions: new Set() };

export interface DefinitionHead {
  name: string;
  params: string[];
  /** The head as written (`g(x, y, z)`), for notes. */
  range: SourceRange;
}

export type RelationKind = 'equal' | 'approx';

/** `lhs = rhs` or `lhs \approx rhs` as written, to be verified. */
export interface LatexRelation {
  lhs: Expr;
  rhs: Expr;
  kind: RelationKind;
  range: SourceRange;
}

export interface LatexFormula {
  program: Program;
  head?: DefinitionHead;
  /** The body of a definition (also the program's output). */
  body?: Expr;
  relations: LatexRelation[];
  /** Symbolic bounds of sums (`n` in \sum_{i=1}^{n}) → the vectors indexed under them. */
  lengths: Map<string, string[]>;
}
