// Before lowering: every variable must have a value, assigned earlier in the text or given from
// outside. All missing names are reported at once, in order of first use.
import { InspectError, SourceRange } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import { Expr, IndexItem, Statement, Target } from './ast';
import { namedConstant } from './aliases';
import { Bindings } from './bindings';
import { chooseOutput } from './output';
import { STORAGE_KEYWORDS } from './constructors';

const PYTHON_LITERAL_NAMES = new Set(['True', 'False', 'None']);

export function checkBound(statements: readonly Statement[], bindings: Bindings, dialect: 'math' | 'python'): void {
  const defined = new Set<string>();
  const missing = new Map<string, SourceRange>();
  const visit = (name: string, range: SourceRange): void => {
    if (defined.has(name) || bindings.has(name) || missing.has(name) || name.includes('.') || PYTHON_LITERAL_NAMES.has(name)) { return; }
    if (namedConstant(name, dialect) !== undefined) { return; }
    missing.set(name, range);
  };
  const { index, expr } = chooseOutput(statements);
  for (const statement of statements.slice(0, expr ? index : index + 1)) {
    switch (statement.kind) {
      case 'assign':
        // A value given from outside replaces the expression, so its names need no values.
        if (!bindings.has(statement.target)) { walkNames(statement.value, visit); }
        defined.add(statement.target);
        break;
      case 'store':
        walkNames(statement.value, visit);
        if (statement.op) { walkNames(statement.target as Expr, visit); }
        for (const name of boundNames([statement])) { defined.add(name); }
        break;
      case 'expr': walkNames(statement.expr, visit); break;
      // Names used inside blocks are checked when the tracer reaches them; names they bind count as defined.
      default: for (const name of boundNames([statement])) { defined.add(name); }
    }
  }
  if (expr) { walkNames(expr, visit); }
  if (missing.size === 0) { return; }
  const names = [...missing.keys()];
  const message = `unbound variable${names.length === 1 ? '' : 's'}: ${names.map(name => excerpt(name)).join(', ')} (give values with --at NAME=VALUE)`;
  throw new InspectError(message, 'unbound', missing.get(names[0]), 'a value for every variable', undefined, names);
}

/** Names a statement binds at its own level: assignment targets, loop variables, defs, and those of nested blocks. */
function boundNames(statements: readonly Statement[]): string[] {
  const names: string[] = [];
  const ofTarget = (t: Target): void => {
    if (t.kind === 'name') { names.push(t.name); }
    if (t.kind === 'tuple') { t.items.forEach(ofTarget); }
  };
  for (const s of statements) {
    switch (s.kind) {
      case 'assign': names.push(s.target); break;
      case 'store': ofTarget(s.target); break;
      case 'def': case 'class': names.push(s.name); break;
      case 'for': ofTarget(s.target); names.push(...boundNames(s.body)); break;
      case 'while': names.push(...boundNames(s.body)); break;
      case 'if': names.push(...s.branches.flatMap(b => boundNames(b.body)), ...boundNames(s.otherwise ?? [])); break;
      default: break;
    }
  }
  return names;
}

/** Names in order of appearance, left to right; iterative, so long chains cannot exhaust the stack. */
function walkNames(root: Expr, visit: (name: string, range: SourceRange) => void): void {
  const pending: Expr[] = [root];
  for (let expr = pending.pop(); expr; expr = pending.pop()) {
    if (expr.kind === 'name') {
      visit(expr.name, expr.range);
    } else {
      const next = children(expr);
      for (let i = next.length - 1; i >= 0; i--) { pending.push(next[i]); }
    }
  }
}

function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'unary': return [expr.operand];
    case 'binary': return [expr.left, expr.right];
    case 'call': case 'method': {
      const kwargs = expr.kwargs.filter(kw => !STORAGE_KEYWORDS.has(kw.name)).map(kw => kw.value);
      return [...(expr.kind === 'method' ? [expr.object] : []), ...expr.args, ...kwargs];
    }
    case 'attribute': return [expr.object];
    case 'index': return [expr.object, ...expr.items.flatMap(indexParts)];
    case 'list': return expr.items;
    case 'compare': return expr.operands;
    case 'bool': return [expr.left, expr.right];
    case 'intop': return [expr.left, expr.right];
    case 'not': return [expr.operand];
    case 'conditional': return [expr.test, expr.then, expr.otherwise];
    case 'dict': return [...expr.keys, ...expr.values];
    case 'starred': return [expr.value];
    case 'name': case 'number': case 'string': return [];
  }
}

function indexParts(item: IndexItem): Expr[] {
  if (item.kind === 'newaxis') { return []; }
  if (item.kind === 'slice') { return [item.start, item.stop, item.step].filter((e): e is Expr => e !== undefined); }
  return [item];
}
