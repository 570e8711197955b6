// The definitions of a document (a Markdown file, a notebook's Markdown cells) and how a use finds
// its definition: the nearest one above the use, else the first one below it (a note says which
// when there is a choice). Calls of defined functions are expanded into their bodies, parameters
// replaced by the arguments; a cycle, an undefined function or a wrong argument count is reported
// by name at the use.
import { InspectError, SourceRange } from '../engine/errors';
import { Expr } from './ast';
import { derivativeTerm, someNode } from './latex-derivative-terms';
import { rebuildTree, TreeMeasure } from './latex-tree';

export interface LatexDefinition {
  name: string;
  /** Empty for `\mathcal{L} = …` (a defined name, differentiable but not callable). */
  params: string[];
  body: Expr;
  /** Where the formula starts in the document, and its line (1-based), for choosing and for notes. */
  offset: number;
  line: number;
}

export interface LatexDocument {
  definitions: readonly LatexDefinition[];
  /** Names defined with parameters: a `name(` there is a call. */
  functions: ReadonlySet<string>;
}

export const EMPTY_DOCUMENT: LatexDocument = { definitions: [], functions: new Set() };

/** How many definitions an expansion may enter, one inside another (a chain of definitions each using the previous). */
export const MAX_EXPANSION_DEPTH = 64;
const EXPANDED = 'with its definitions expanded';

/** The definition of `name` a use at `offset` means, with a note when another one was passed over. */
export function resolveDefinition(document: LatexDocument, name: string, offset: number): { definition: LatexDefinition; note?: string } | undefined {
  const exact = document.definitions.filter(d => d.name === name);
  const candidates = exact.length > 0 ? exact : subscripted(document, name);
  if (candidates.length === 0) { return undefined; }
  const found = chosen(candidates, offset);
  if (exact.length > 0) { return found; }
  const read = `${name} read as ${found.definition.name}, the only function named ${name} with a subscript`;
  return { definition: found.definition, note: found.note ? `${read}; ${found.note}` : read };
}

/** `f` for `f_{\mathbf{w}}`: the definitions named `f_…`, when they all define one name. */
function subscripted(document: LatexDocument, name: string): LatexDefinition[] {
  const found = document.definitions.filter(d => d.name.startsWith(`${name}_`));
  return new Set(found.map(d => d.name)).size === 1 ? found : [];
}

function chosen(candidates: readonly LatexDefinition[], offset: number): { definition: LatexDefinition; note?: string } {
  const above = candidates.filter(d => d.offset < offset);
  const definition = above.length > 0 ? above[above.length - 1] : candidates[0];
  if (candidates.length === 1 && above.length === 1) { return { definition }; }
  const where = above.length > 0 ? 'the nearest above' : 'none is above: the first below';
  const count = candidates.length === 1 ? 'its only definition' : `one of ${candidates.length} definitions`;
  return { definition, note: `${signature(definition)} is the definition at line ${definition.line} (${count}; ${where})` };
}

export function signature(d: LatexDefinition): string {
  return d.params.length > 0 ? `${d.name}(${d.params.join(', ')})` : d.name;
}

/**
 * Expands every call of a defined function in `expr`, written at document offset `offset`. A call
 * without arguments (the subject of g'(x) and \frac{\partial g}{\partial x}) keeps the parameters
 * as variables. Derivative terms are kept, their arguments expanded.
 */
export class Expander {
  readonly notes = new Set<string>();
  /** Expansions share their arguments: the trees they make are measured once per shared node. */
  private readonly measure = new TreeMeasure();

  constructor(private readonly document: LatexDocument) {}

  expand(expr: Expr, offset: number): Expr {
    // Only a tree with a call of a defined function is rebuilt (recursively, so not a long product).
    if (!someNode(expr, e => e.kind === 'call' && this.document.functions.has(e.callee))) { return expr; }
    const expanded = this.walk(expr, offset, [], expr.range);
    this.measure.require(expanded, expr.range, EXPANDED);
    return expanded;
  }

  /** The definition a use means, or an error naming it at the use. */
  definition(name: string, offset: number, range: SourceRange): LatexDefinition {
    const found = resolveDefinition(this.document, name, offset);
    if (!found) {
      throw new InspectError(`${name} is not defined in this document`, 'unsupported', range, `a definition such as ${name}(x) = … in a formula of the document`);
    }
    if (found.note) { this.notes.add(found.note); }
    return found.definition;
  }

  /** The body of `definition` with its parameters replaced by `args` (none: kept as variables). */
  applied(definition: LatexDefinition, args: readonly Expr[], range: SourceRange, stack: readonly string[] = []): Expr {
    if (stack.includes(definition.name)) {
      const cycle = [...stack.slice(stack.indexOf(definition.name)), definition.name].join(' → ');
      throw new InspectError(`the definitions refer to each other without end: ${cycle}`, 'unsupported', range, 'definitions that end in expressions of variables');
    }
    if (stack.length >= MAX_EXPANSION_DEPTH) {
      throw new InspectError(`the definitions use one another more than ${MAX_EXPANSION_DEPTH} deep: ${chainText([...stack, definition.name])}`, 'limit', range,
        `definitions nested at most ${MAX_EXPANSION_DEPTH} deep`);
    }
    if (args.length > 0 && args.length !== definition.params.length) {
      throw new InspectError(`${definition.name} takes ${definition.params.length} argument${definition.params.length === 1 ? '' : 's'} (${signature(definition)} at line ${definition.line}), got ${args.length}`,
        'unsupported', range, `${definition.params.length} arguments`);
    }
    const body = this.walk(definition.body, definition.offset, [...stack, definition.name], range);
    const replacements = new Map(definition.params.map((p, i) => [p, args[i]]));
    // Measured at each use, before it is placed in the next: nested uses multiply the size.
    const applied = substitute(body, args.length === 0 ? new Map() : replacements, range);
    this.measure.require(applied, range, `${EXPANDED} (${signature(definition)} at line ${definition.line})`);
    return applied;
  }

  /**
   * In a claim's side: names the document defines without parameters (`q = x + y`) replaced by
   * their definitions, so `\underbrace{x + y}_{= q}` compares x + y with x + y. Derivative terms
   * are left alone: there the name is a variable to differentiate by.
   */
  expandNames(expr: Expr, offset: number, stack: readonly string[] = []): Expr {
    if (!someNode(expr, e => e.kind === 'name' && resolveDefinition(this.document, e.name, offset)?.definition.params.length === 0)) { return expr; }
    const expanded = rebuildTree(expr, e => {
      if (e.kind !== 'name') { return e; }
      const found = resolveDefinition(this.document, e.name, offset);
      if (!found || found.definition.params.length > 0) { return e; }
      if (found.note) { this.notes.add(found.note); }
      const body = this.applied(found.definition, [], e.range, stack);
      return this.expandNames(body, found.definition.offset, [...stack, e.name]);
    }, e => e.kind === 'call' && derivativeTerm(e) !== undefined);
    this.measure.require(expanded, expr.range, EXPANDED);
    return expanded;
  }

  private walk(expr: Expr, offset: number, stack: readonly string[], outer: SourceRange): Expr {
    return rebuildTree(expr, e => {
      if (e.kind !== 'call' || derivativeTerm(e) || !this.document.functions.has(e.callee)) { return e; }
      const definition = this.definition(e.callee, offset, stack.length > 0 ? outer : e.range);
      return this.applied(definition, e.args, stack.length > 0 ? outer : e.range, stack);
    });
  }
}

/** `a → b → c`, or its ends around an ellipsis when long. */
function chainText(names: readonly string[]): string {
  return names.length <= 6 ? names.join(' → ') : [...names.slice(0, 3), '…', ...names.slice(-2)].join(' → ');
}

/** The expression with `replacements` for its names; every node of the body takes the use's range. */
function substitute(body: Expr, replacements: ReadonlyMap<string, Expr>, range: SourceRange): Expr {
  return rebuildTree(body, e => {
    switch (e.kind) {
      case 'name': return replacements.get(e.name) ?? { ...e, range };
      case 'binary': return { ...e, range, opRange: range };
      case 'call': return { ...e, range, calleeRange: range };
      case 'number': case 'unary': case 'list': case 'index': return { ...e, range };
      default: return e;
    }
  });
}
