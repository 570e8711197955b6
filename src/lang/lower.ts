// Program → engine graph. Python programs are run by the tracer (trace/tracer.ts), which keeps
// these rules for straight-line code; math and LaTeX programs are lowered here. Literal-valued assignments and values given from outside become leaves;
// other assignments are inlined (every later use shares the same nodes, so fan-out is real);
// the last statement is the output. Lowering only builds: values are computed by the forward pass.
import { LeafNames } from './leaf-names';
import { InspectError, SourceRange } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import { Graph, NodeId } from '../engine/graph';
import { Budget } from '../engine/limits';
import { Tensor } from '../engine/tensor';
import { Assignment, BinaryOperator, CallExpr, Expr, IndexItem, MethodExpr, NameExpr, Program, SimpleStatement, Statement } from './ast';
import { traceProgram, Traced } from './trace/tracer';
import { TracingGraph } from './trace/tracing-graph';
import {
  attributeAlias, closestNames, functionAlias, knownFunctionNames, knownMethodNames, methodAlias, namedConstant,
} from './aliases';
import { Bindings } from './bindings';
import { literalTensor } from './constructors';
import { lowerCall } from './lower-call';
import { chooseOutput, ignoredExpressionNote } from './output';
import { checkBound } from './unbound';
import { literalArray, requireInteger } from './static';

export interface Lowered {
  graph: Graph;
  output: NodeId;
  notes: string[];
  /** Python: the calls the tracer recorded, for the hand-written gradient checks. */
  trace?: Traced;
}

const BINARY_OPS: Record<BinaryOperator, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow', '@': 'matmul' };

/** Builds into a graph charged to `budget`: the node that crosses a limit is refused where it is. */
export function lowerProgram(program: Program, bindings: Bindings, budget: Budget = Budget.unlimited()): Lowered {
  const dialect = program.language === 'python' ? 'python' : 'math';
  checkBound(program.statements, bindings, dialect);
  if (dialect === 'python') {
    const trace = traceProgram(program, bindings, new TracingGraph(budget));
    return { graph: trace.graph, output: trace.output, notes: trace.notes, trace };
  }
  return new Lowering(dialect, bindings, new Graph(budget)).run(program.statements.filter(isSimple));
}

class Lowering {
  private readonly values = new Map<string, NodeId>();
  /** Sub-expressions already lowered on the way up a long chain. */
  private readonly lowered = new Map<Expr, NodeId>();
  private readonly notes: string[] = [];
  private readonly leafNames = new LeafNames(this.notes);

  constructor(private readonly dialect: 'math' | 'python', private readonly bindings: Bindings, readonly graph: Graph) {}

  run(statements: readonly SimpleStatement[]): Lowered {
    const choice = chooseOutput(statements);
    this.notes.push(...choice.notes);
    let output: NodeId | undefined;
    statements.slice(0, choice.index + 1).forEach((statement, i) => {
      if (statement.kind === 'assign') {
        output = this.assign(statement);
      } else if (i < choice.index) {
        this.notes.push(ignoredExpressionNote(statement));
      }
    });
    if (choice.expr) { output = this.lower(choice.expr); }
    for (const name of this.bindings.keys()) {
      if (!this.values.has(name)) { this.notes.push(`a value was given for ${excerpt(name)}, which the analysed text does not use`); }
    }
    return { graph: this.graph, output: output as NodeId, notes: this.notes };
  }

  private assign(s: Assignment): NodeId {
    const value = this.bindings.get(s.target) ?? literalTensor(s.value, s.target, this.graph.budget);
    if (!value) {
      const node = this.lower(s.value);
      this.values.set(s.target, node);
      return node;
    }
    const node = this.graph.leaf(this.leafNames.next(s.target), value, { range: s.range });
    this.values.set(s.target, node);
    return node;
  }

  /**
   * Long left-leaning chains (`a + b + c + …`, `x.exp().sum()…`) are walked down their spine
   * without recursion: the innermost operand is lowered first and remembered, then each level.
   */
  lower(expr: Expr): NodeId {
    const known = this.lowered.get(expr);
    if (known !== undefined) { return known; }
    const spine: Expr[] = [];
    for (let e: Expr | undefined = expr; e; e = spineChild(e)) { spine.push(e); }
    for (let i = spine.length - 1; i > 0; i--) { this.lowered.set(spine[i], this.lowerOne(spine[i])); }
    return this.lowerOne(expr);
  }

  private lowerOne(expr: Expr): NodeId {
    switch (expr.kind) {
      case 'number': return this.graph.constant(Tensor.scalar(expr.value), { range: expr.range });
      case 'string': throw new InspectError('a string is not a numeric value', 'unsupported', expr.range, 'a number or an array');
      case 'name': return this.name(expr);
      case 'unary': return this.unary(expr.op, expr.operand, expr.range);
      case 'binary': return this.binary(expr.op, expr.left, expr.right, expr.range);
      case 'call': return this.call(expr);
      case 'method': return this.method(expr);
      case 'attribute': {
        const alias = attributeAlias(expr.name);
        if (!alias) { throw unknown(`attribute .${excerpt(expr.name)}`, expr.name, knownMethodNames(), expr.nameRange); }
        return lowerCall(alias, { name: `.${expr.name}`, range: expr.range, args: [expr.object], kwargs: [], plain: false }, this);
      }
      case 'index': return this.graph.apply('index', [this.lower(expr.object)], { items: expr.items.map(indexSpec) }, { range: expr.range });
      case 'compare': case 'bool': case 'not': case 'conditional': case 'intop': case 'dict': case 'starred':
        throw new InspectError('this Python construct is not part of math text', 'unsupported', expr.range, 'an arithmetic expression');
      case 'list': {
        const value = literalArray(expr);
        if (!value) { throw new InspectError('lists of computed values are not supported: only lists of numbers', 'unsupported', expr.range, 'a nested list of numbers'); }
        return this.graph.constant(value, { range: expr.range });
      }
    }
  }

  private name(expr: NameExpr): NodeId {
    const known = this.values.get(expr.name);
    if (known !== undefined) { return known; }
    const given = this.bindings.get(expr.name);
    if (given) {
      const leaf = this.graph.leaf(this.leafNames.next(expr.name), given, { range: expr.range });
      this.values.set(expr.name, leaf);
      return leaf;
    }
    if (expr.name === 'True' || expr.name === 'False') {
      return this.graph.constant(Tensor.scalar(expr.name === 'True' ? 1 : 0), { range: expr.range, label: expr.name });
    }
    const constant = namedConstant(expr.name, this.dialect);
    if (constant !== undefined) {
      return this.graph.constant(Tensor.scalar(constant), { range: expr.range, label: expr.name.replace(/^.*\./, '') });
    }
    throw new InspectError(`unknown name ${excerpt(expr.name)}`, 'unsupported', expr.range, 'a variable or a constant');
  }

  private unary(op: '-' | '+', operand: Expr, range: SourceRange): NodeId {
    if (op === '+') { return this.lower(operand); }
    if (operand.kind === 'number') { return this.graph.constant(Tensor.scalar(-operand.value), { range }); }
    return this.graph.apply('neg', [this.lower(operand)], {}, { range });
  }

  private binary(op: BinaryOperator, left: Expr, right: Expr, range: SourceRange): NodeId {
    // e^x is exp(x) when e is Euler's number (math text, not a variable): same value, a clearer graph.
    if (op === '^' && left.kind === 'name' && left.name === 'e' && this.isEulerConstant()) {
      return this.graph.apply('exp', [this.lower(right)], {}, { range });
    }
    const a = this.lower(left);
    const b = this.lower(right);
    return this.graph.apply(BINARY_OPS[op], [a, b], {}, { range });
  }

  private isEulerConstant(): boolean {
    return this.dialect === 'math' && !this.values.has('e') && !this.bindings.has('e');
  }

  private call(expr: CallExpr): NodeId {
    const literal = literalTensor(expr, `${expr.callee}@${expr.range.start}`, this.graph.budget);
    if (literal) { return this.graph.constant(literal, { range: expr.range }); }
    const alias = functionAlias(expr.callee);
    if (!alias) { throw unknown(`function ${excerpt(expr.callee)}`, expr.callee, knownFunctionNames(), expr.calleeRange); }
    return lowerCall(alias, { name: expr.callee, range: expr.range, args: expr.args, kwargs: expr.kwargs, plain: !expr.callee.includes('.') }, this);
  }

  private method(expr: MethodExpr): NodeId {
    const alias = methodAlias(expr.method);
    if (!alias) { throw unknown(`method .${excerpt(expr.method)}()`, expr.method, knownMethodNames(), expr.methodRange); }
    return lowerCall(alias, { name: `.${expr.method}`, range: expr.range, args: [expr.object, ...expr.args], kwargs: expr.kwargs, plain: false }, this);
  }
}

/** Math and LaTeX text has only assignments and expressions. */
function isSimple(statement: Statement): statement is SimpleStatement {
  return statement.kind === 'assign' || statement.kind === 'expr';
}

/** The operand a chain continues through: the left of a left-associative operator, the receiver of a method. */
function spineChild(expr: Expr): Expr | undefined {
  switch (expr.kind) {
    case 'binary': return expr.op === '^' ? undefined : expr.left;
    case 'method': case 'attribute': case 'index': return expr.object;
    default: return undefined;
  }
}

function indexSpec(item: IndexItem): { kind: 'int'; value: number } | { kind: 'slice'; start: number | null; stop: number | null; step: number | null } | { kind: 'newaxis' } {
  if (item.kind === 'newaxis') { return { kind: 'newaxis' }; }
  if (item.kind === 'slice') {
    const part = (e: Expr | undefined, what: string): number | null => (e ? requireInteger(e, what) : null);
    return { kind: 'slice', start: part(item.start, 'a slice start'), stop: part(item.stop, 'a slice stop'), step: part(item.step, 'a slice step') };
  }
  return { kind: 'int', value: requireInteger(item, 'an index') };
}

function unknown(what: string, name: string, candidates: readonly string[], range: SourceRange): InspectError {
  const close = closestNames(name, candidates);
  const hint = close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : '';
  return new InspectError(`unknown ${what}${hint}`, 'unsupported', range, close.length > 0 ? close.join(', ') : 'a known function');
}
