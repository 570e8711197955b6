// The Python front-end's lowering: a tracer, as torch.jit.trace and JAX tracing are. It runs the
// program with concrete values: numbers, strings, tuples, lists and dicts are interpreter values,
// every array operation appends an engine node (whose value is computed at once). Loops unroll,
// an `if` takes the branch its test has at trace time, user functions run inline (their nodes
// grouped under the call path), recursion and `while` loops are bounded. Straight-line code runs
// through here as well: top-level literal assignments and values given from outside are leaves.
import { LeafNames } from '../leaf-names';
import { InspectError, lineColumnAt, SourceRange } from '../../engine/errors';
import { excerpt } from '../../engine/excerpt';
import { NodeId } from '../../engine/graph';
import { Nested, ShapeError, Tensor } from '../../engine/tensor';
import {
  Assignment, CallExpr, ClassDef, Expr, FunctionDef, IndexExpr, IndexItem, KeywordArg, MethodExpr, Program, Statement, StoreStatement, Target,
} from '../ast';
import { attributeAlias, closestNames, functionAlias, knownFunctionNames, knownMethodNames, methodAlias, namedConstant } from '../aliases';
import { Bindings } from '../bindings';
import { literalArray } from '../static';
import { STORAGE_KEYWORDS } from '../constructors';
import { chooseOutput } from '../output';
import { binaryValue, compareValues, integerOpValue } from './arithmetic';
import { callBuiltin, callMethodBuiltin } from './builtins';
import { EvaluatedCall, RandomStream, TraceContext } from './context';
import { AutogradFunctions } from './autograd-function';
import { formatString } from './strings';
import { IndexError, IndexPart, planIndex } from './index-plan';
import { CallRecord, ParameterRecord, ReturnedRecord } from './records';
import { aliasCall, constructorTensor, isConstructor } from './tensor-calls';
import { TracingGraph } from './tracing-graph';
import {
  ContextValue, DictValue, FunctionValue, display, isDictKey, isSequence, isTensor, tensorValue, tuple, typeName, Value,
} from './values';

/** Deepest chain of user-function calls (recursion included). */
export const MAX_CALL_DEPTH = 64;
/** Most iterations of one `while` loop. */
export const MAX_WHILE_ITERATIONS = 10_000;
/** Most loop iterations (for and while together) one trace may unroll. */
export const MAX_LOOP_ITERATIONS = 100_000;
/** Most statements one trace may run. */
export const MAX_TRACE_STEPS = 5_000_000;
/** An assert's or raise's message is the user's own words: quoted longer than a name, but bounded. */
const MAX_USER_MESSAGE_CHARACTERS = 200;

export interface Traced {
  graph: TracingGraph;
  output: NodeId;
  notes: string[];
  calls: CallRecord[];
  autograd: AutogradFunctions;
}

type Signal = { kind: 'return'; value: Value; names: (string | undefined)[] } | { kind: 'break' } | { kind: 'continue' } | undefined;

interface Frame {
  vars: Map<string, Value>;
}

interface UserFunction extends FunctionValue { defaults: Map<string, Value> }

export function traceProgram(program: Program, bindings: Bindings, graph: TracingGraph): Traced {
  return new Tracer(program.text ?? '', bindings, graph).run(program.statements);
}

class Tracer implements TraceContext {
  readonly notes: string[] = [];
  private readonly leafNames = new LeafNames(this.notes);
  readonly calls: CallRecord[] = [];
  random: RandomStream | undefined;
  readonly autograd: AutogradFunctions;
  private readonly globals: Frame = { vars: new Map() };
  private readonly masks = new Set<NodeId>();
  private readonly usedBindings = new Set<string>();
  private readonly noted = new Set<string>();
  private callPath: string[] = [];
  /** Values of the operands down a long chain, computed innermost first (see eval). */
  private readonly chainValues = new Map<Expr, Value>();
  private steps = 0;
  private loopIterations = 0;
  /** The value of the last expression statement run at the top level (an output candidate). */
  private lastExpressionValue: Value | undefined;

  constructor(private readonly text: string, private readonly bindings: Bindings, readonly graph: TracingGraph) {
    this.autograd = new AutogradFunctions(this);
  }

  run(statements: readonly Statement[]): Traced {
    const choice = chooseOutput(statements);
    this.notes.push(...choice.notes);
    let output: Value | undefined;
    // When the output is an expression of the last statement (a print, a .backward() receiver), that statement is not run as such.
    for (const statement of statements.slice(0, choice.expr ? choice.index : choice.index + 1)) {
      const signal = this.exec(statement, this.globals);
      if (signal) { throw new InspectError(`'${signal.kind}' outside a function or loop`, 'syntax', statement.range, 'a statement'); }
      output = this.statementValue(statement);
    }
    if (choice.expr) { output = this.eval(choice.expr, this.globals); }
    for (const name of this.bindings.keys()) {
      if (!this.usedBindings.has(name)) { this.notes.push(`a value was given for ${excerpt(name)}, which the analysed text does not use`); }
    }
    const last = statements[choice.index];
    if (output === undefined || output === null) {
      throw new InspectError('nothing to analyse: the code ends without a value (end with an expression, an assignment, or calls of your functions)', 'unsupported', last.range, 'an expression or an assignment as the last statement');
    }
    return { graph: this.graph, output: this.toNode(output, last.range), notes: this.notes, calls: this.calls, autograd: this.autograd };
  }

  /** The value a top-level statement leaves as the output if it is the last one. */
  private statementValue(statement: Statement): Value | undefined {
    switch (statement.kind) {
      case 'assign': return this.globals.vars.get(statement.target);
      case 'store': return firstArray(this.targetValue(statement.target));
      case 'expr': return this.lastExpressionValue;
      default: return undefined;
    }
  }

  // ---- statements

  private exec(statement: Statement, frame: Frame): Signal {
    if (++this.steps > MAX_TRACE_STEPS) {
      throw new InspectError(`the trace ran more than ${MAX_TRACE_STEPS.toLocaleString('en-US')} statements`, 'limit', statement.range);
    }
    switch (statement.kind) {
      case 'assign': this.assign(statement, frame); return undefined;
      case 'store': this.store(statement.target, statement.op, statement.value, frame, statement.range); return undefined;
      case 'expr': this.lastExpressionValue = this.eval(statement.expr, frame); return undefined;
      case 'def': frame.vars.set(statement.name, this.defineFunction(statement, frame)); return undefined;
      case 'class': frame.vars.set(statement.name, this.defineClass(statement)); return undefined;
      case 'return': return this.returnSignal(statement.value, frame);
      case 'if': return this.branch(statement.branches, statement.otherwise, frame);
      case 'for': return this.forLoop(statement.target, statement.iterable, statement.body, frame);
      case 'while': return this.whileLoop(statement.test, statement.body, frame, statement.range);
      case 'assert': this.assert(statement.test, statement.message, frame, statement.range); return undefined;
      case 'pass': return undefined;
      case 'break': case 'continue': return { kind: statement.kind };
      case 'raise': {
        const what = statement.value ? this.raisedMessage(statement.value, frame) : '';
        throw new InspectError(`the trace reached a raise statement${what ? `: ${what}` : ''}`, 'value', statement.range, 'inputs for which the code does not raise');
      }
    }
  }

  private execBlock(statements: readonly Statement[], frame: Frame): Signal {
    for (const s of statements) {
      const signal = this.exec(s, frame);
      if (signal) { return signal; }
    }
    return undefined;
  }

  /** At the top level a literal or a value given from outside makes a leaf, as in straight-line code. */
  private assign(s: Assignment, frame: Frame): void {
    if (frame === this.globals) {
      const given = this.bindings.get(s.target);
      if (given) {
        this.usedBindings.add(s.target);
        frame.vars.set(s.target, tensorValue(this.graph.leaf(this.leafNames.next(s.target), given, { range: s.range })));
        return;
      }
      const literal = this.literalValue(s.value, s.target, frame);
      if (literal) {
        frame.vars.set(s.target, tensorValue(this.graph.leaf(this.leafNames.next(s.target), literal, { range: s.range })));
        return;
      }
    }
    frame.vars.set(s.target, this.eval(s.value, frame, s.target));
  }

  /** The tensor of a literal: a number, a nested list of numbers, or a constructor call. */
  private literalValue(expr: Expr, seedName: string, frame: Frame): Tensor | undefined {
    if (expr.kind === 'number' || expr.kind === 'list' || (expr.kind === 'unary' && expr.operand.kind === 'number')) {
      return literalArray(expr);
    }
    if (expr.kind !== 'call') { return undefined; }
    const alias = functionAlias(expr.callee);
    if (!alias || !isConstructor(alias) || frame.vars.has(expr.callee)) { return undefined; }
    return constructorTensor(alias, this.evaluateCall(expr.callee, expr.range, expr.args, expr.kwargs, frame, seedName, true), this);
  }

  private store(target: Target, op: StoreStatement['op'], valueExpr: Expr, frame: Frame, range: SourceRange): void {
    const value = this.eval(valueExpr, frame);
    if (!op) {
      this.storeInto(target, value, frame, range);
      return;
    }
    const current = this.eval(target as Expr, frame);
    const updated = op === '//' || op === '%' ? integerOpValue(op, current, value, range) : binaryValue(op, current, value, range, this);
    // `x += …` on an array is in place in NumPy: every alias of x sees it.
    if (target.kind === 'name' && isTensor(current) && isTensor(updated)) {
      current.node = updated.node;
      return;
    }
    this.storeInto(target, updated, frame, range);
  }

  private storeInto(target: Target, value: Value, frame: Frame, range: SourceRange): void {
    switch (target.kind) {
      case 'name': frame.vars.set(target.name, value); return;
      case 'tuple': {
        const items = this.unpack(value, target.items.length, target.range);
        target.items.forEach((t, i) => this.storeInto(t, items[i], frame, range));
        return;
      }
      case 'index': this.setItem(target, value, frame); return;
      case 'attribute': {
        const object = this.eval(target.object, frame);
        if (!isContext(object)) { throw new InspectError(`setting attribute .${target.name} of a ${typeName(object)} is not supported`, 'unsupported', target.range, 'ctx.name = value in an autograd.Function'); }
        object.attributes.set(target.name, value);
        return;
      }
    }
  }

  private unpack(value: Value, count: number, range: SourceRange): Value[] {
    if (!isSequence(value)) { throw new InspectError(`cannot unpack a ${typeName(value)} into ${count} names`, 'unsupported', range, 'a tuple or a list'); }
    if (value.items.length !== count) {
      throw new InspectError(`${value.items.length > count ? 'too many' : 'not enough'} values to unpack (expected ${count}, got ${value.items.length})`, 'value', range, `${count} values`);
    }
    return value.items;
  }

  /** `a[i] = v` on a list or dict; on an array a `put` node, which the name's box then holds. */
  private setItem(target: IndexExpr, value: Value, frame: Frame): void {
    const object = this.eval(target.object, frame);
    if (isTensor(object)) {
      const plan = this.indexPlan(object, target, frame);
      const node = this.graph.apply('put', [object.node, this.toNode(value, target.range)], plan, { range: target.range, label: '[…] =' });
      object.node = node;
      return;
    }
    const key = this.singleIndex(target, frame);
    if (isSequence(object) && object.kind === 'list' && typeof key === 'number') {
      object.items[this.listPosition(object.items.length, key, target.range)] = value;
      return;
    }
    if (isDict(object) && isDictKey(key)) {
      object.entries.set(key, value);
      return;
    }
    throw new InspectError(`item assignment on a ${typeName(object)} is not supported`, 'unsupported', target.range, 'a list, a dict or an array');
  }

  private defineFunction(def: FunctionDef, frame: Frame): UserFunction {
    const defaults = new Map<string, Value>();
    for (const p of def.params) { if (p.default) { defaults.set(p.name, this.eval(p.default, frame)); } }
    return { kind: 'function', def, defaults };
  }

  private defineClass(def: ClassDef): Value {
    const isFunction = def.bases.some(b => b.kind === 'name' && /(^|\.)Function$/.test(b.name));
    if (!isFunction) {
      throw new InspectError(`class ${excerpt(def.name)}: only torch.autograd.Function subclasses are supported`, 'unsupported', def.nameRange, 'class Name(torch.autograd.Function)');
    }
    return { kind: 'class', def };
  }

  private returnSignal(expr: Expr | undefined, frame: Frame): Signal {
    if (!expr) { return { kind: 'return', value: null, names: [] }; }
    const items = expr.kind === 'list' && expr.tuple ? expr.items : [expr];
    const names = items.map(e => (e.kind === 'name' ? e.name : undefined));
    return { kind: 'return', value: this.eval(expr, frame), names };
  }

  private branch(branches: readonly { test: Expr; body: Statement[] }[], otherwise: Statement[] | undefined, frame: Frame): Signal {
    for (const { test, body } of branches) {
      if (this.truthy(this.eval(test, frame), test)) { return this.execBlock(body, frame); }
    }
    return otherwise ? this.execBlock(otherwise, frame) : undefined;
  }

  private forLoop(target: Target, iterableExpr: Expr, body: readonly Statement[], frame: Frame): Signal {
    const iterable = this.eval(iterableExpr, frame);
    const items = this.iterate(iterable, iterableExpr.range);
    for (const item of items) {
      this.countIteration(iterableExpr.range);
      this.storeInto(target, item, frame, target.range);
      const signal = this.execBlock(body, frame);
      if (signal?.kind === 'break') { break; }
      if (signal?.kind === 'return') { return signal; }
    }
    return undefined;
  }

  private iterate(value: Value, range: SourceRange): readonly Value[] {
    if (isSequence(value)) { return [...value.items]; }
    if (isDict(value)) { return [...value.entries.keys()]; }
    if (typeof value === 'string') { return [...value]; }
    if (isTensor(value)) {
      throw new InspectError('iterating over an array is not supported: loop over range(x.shape[0]) and index it', 'unsupported', range, 'range(...), a list, a tuple, zip, enumerate or reversed');
    }
    throw new InspectError(`a ${typeName(value)} is not iterable`, 'unsupported', range, 'range(...), a list or a tuple');
  }

  private whileLoop(test: Expr, body: readonly Statement[], frame: Frame, range: SourceRange): Signal {
    for (let trips = 0; this.truthy(this.eval(test, frame), test); trips++) {
      if (trips >= MAX_WHILE_ITERATIONS) {
        throw new InspectError(`this while loop ran more than ${MAX_WHILE_ITERATIONS.toLocaleString('en-US')} iterations (the trip-count limit of a traced while loop)`, 'limit', range);
      }
      this.countIteration(range);
      const signal = this.execBlock(body, frame);
      if (signal?.kind === 'break') { break; }
      if (signal?.kind === 'return') { return signal; }
    }
    return undefined;
  }

  /** Unrolled loops are bounded in all, so nested loops cannot multiply past what a check can run. */
  private countIteration(range: SourceRange): void {
    if (++this.loopIterations > MAX_LOOP_ITERATIONS) {
      throw new InspectError(`the loops ran more than ${MAX_LOOP_ITERATIONS.toLocaleString('en-US')} iterations in all (the trace's unrolling limit)`, 'limit', range);
    }
  }

  private assert(test: Expr, message: Expr | undefined, frame: Frame, range: SourceRange): void {
    if (this.truthy(this.eval(test, frame), test)) { return; }
    const why = message ? `: ${excerpt(display(this.eval(message, frame)), MAX_USER_MESSAGE_CHARACTERS)}` : '';
    throw new InspectError(`assertion failed${why}`, 'value', range, 'a true assertion');
  }

  private raisedMessage(expr: Expr, frame: Frame): string {
    if (expr.kind === 'call' && expr.args.length > 0) {
      try { return `${expr.callee}(${excerpt(display(this.eval(expr.args[0], frame)), MAX_USER_MESSAGE_CHARACTERS)})`; } catch { return expr.callee; }
    }
    return expr.kind === 'name' ? expr.name : '';
  }

  /** Python truth; an array of one entry decides by its traced value, which is noted. */
  truthy(value: Value, expr: Expr): boolean {
    if (value === null) { return false; }
    if (typeof value === 'number' || typeof value === 'boolean') { return Boolean(value); }
    if (typeof value === 'string') { return value.length > 0; }
    if (isSequence(value)) { return value.items.length > 0; }
    if (isDict(value)) { return value.entries.size > 0; }
    if (isTensor(value)) {
      const t = this.graph.value(value.node);
      if (t.size !== 1) {
        throw new InspectError(`the truth value of an array of ${t.size} entries is ambiguous`, 'value', expr.range, 'a number or a one-entry array');
      }
      const { line, column } = lineColumnAt(this.text, expr.range.start);
      this.noteOnce(`branch ${expr.range.start}`, `the condition at ${line}:${column} was decided by its traced value (${t.data[0] !== 0 ? 'true' : 'false'}); other values may take another branch`);
      return t.data[0] !== 0;
    }
    return true;
  }

  // ---- expressions

  /**
   * Long left-leaning chains (`a + b + c + …`, `x.exp().sum()…`) are walked down their spine
   * without recursion: the innermost operand is evaluated first and each level then finds its
   * operand's value waiting.
   */
  eval(expr: Expr, frame: Frame, seedName?: string): Value {
    const waiting = this.chainValues.get(expr);
    if (waiting !== undefined) {
      this.chainValues.delete(expr);
      return waiting;
    }
    const spine: Expr[] = [];
    for (let e = spineChild(expr); e; e = spineChild(e)) { spine.push(e); }
    for (let i = spine.length - 1; i >= 0; i--) { this.chainValues.set(spine[i], this.evalOne(spine[i], frame)); }
    return this.evalOne(expr, frame, seedName);
  }

  private evalOne(expr: Expr, frame: Frame, seedName?: string): Value {
    const waiting = this.chainValues.get(expr);
    if (waiting !== undefined) {
      this.chainValues.delete(expr);
      return waiting;
    }
    switch (expr.kind) {
      case 'number': return expr.value;
      case 'string': return formatString(expr.text, expr.range, e => this.eval(e, frame));
      case 'name': return this.lookup(expr.name, expr.range, frame);
      case 'unary': {
        const v = this.eval(expr.operand, frame);
        if (expr.op === '+') { return v; }
        if (typeof v === 'number' || typeof v === 'boolean') { return -Number(v); }
        return tensorValue(this.graph.apply('neg', [this.toNode(v, expr.range)], {}, { range: expr.range }));
      }
      case 'binary': return binaryValue(expr.op, this.eval(expr.left, frame), this.eval(expr.right, frame), expr.range, this);
      case 'intop': return integerOpValue(expr.op, this.eval(expr.left, frame), this.eval(expr.right, frame), expr.range);
      case 'compare': return this.comparison(expr.operands, expr.ops, frame);
      case 'bool': {
        const left = this.eval(expr.left, frame);
        const decided = this.truthy(left, expr.left) === (expr.op === 'or');
        return decided ? left : this.eval(expr.right, frame);
      }
      case 'not': return !this.truthy(this.eval(expr.operand, frame), expr.operand);
      case 'conditional': return this.truthy(this.eval(expr.test, frame), expr.test) ? this.eval(expr.then, frame) : this.eval(expr.otherwise, frame);
      case 'call': return this.call(expr, frame, seedName);
      case 'method': return this.method(expr, frame);
      case 'attribute': return this.attribute(this.eval(expr.object, frame), expr.name, expr.nameRange, expr.range, expr.object);
      case 'index': return this.index(expr, frame);
      case 'list': {
        const items = expr.items.map(e => this.eval(e, frame));
        return expr.tuple ? tuple(items) : { kind: 'list', items };
      }
      case 'dict': return this.dict(expr.keys, expr.values, frame);
      case 'starred': throw new InspectError("'*' unpacking is supported in call arguments only", 'unsupported', expr.range, 'f(*shape)');
    }
  }

  private comparison(operands: readonly Expr[], ops: readonly Parameters<typeof compareValues>[0][], frame: Frame): Value {
    let left = this.eval(operands[0], frame);
    let result: Value = true;
    for (let i = 0; i < ops.length; i++) {
      const right = this.eval(operands[i + 1], frame);
      const range = { start: operands[i].range.start, end: operands[i + 1].range.end };
      result = compareValues(ops[i], left, right, range, this);
      if (ops.length > 1 && !this.truthy(result, operands[i + 1])) { return result; }
      left = right;
    }
    return result;
  }

  private dict(keys: readonly Expr[], values: readonly Expr[], frame: Frame): DictValue {
    const entries = new Map<string | number | boolean | null, Value>();
    keys.forEach((k, i) => {
      const key = this.eval(k, frame);
      if (!isDictKey(key)) { throw new InspectError(`a ${typeName(key)} cannot be a dict key`, 'unsupported', k.range, 'a string or a number'); }
      entries.set(key, this.eval(values[i], frame));
    });
    return { kind: 'dict', entries };
  }

  private lookup(name: string, range: SourceRange, frame: Frame): Value {
    const local = frame.vars.get(name) ?? this.globals.vars.get(name);
    if (local !== undefined) { return local; }
    const given = this.bindings.get(name);
    if (given) {
      this.usedBindings.add(name);
      const leaf = tensorValue(this.graph.leaf(this.leafNames.next(name), given, { range }));
      this.globals.vars.set(name, leaf);
      return leaf;
    }
    if (name === 'True' || name === 'False') { return name === 'True'; }
    if (name === 'None' || name === 'np.newaxis' || name === 'numpy.newaxis') { return null; }
    const constant = namedConstant(name, 'python');
    if (constant !== undefined) { return tensorValue(this.graph.constant(Tensor.scalar(constant), { range, label: name.replace(/^.*\./, '') })); }
    if (name.includes('.')) {
      throw new InspectError(`unknown name ${excerpt(name)}`, 'unsupported', range, 'a variable or a constant');
    }
    throw new InspectError(`unbound variable: ${excerpt(name)} (give values with --at NAME=VALUE)`, 'unbound', range, 'a value for every variable', undefined, [name]);
  }

  // ---- calls

  private call(expr: CallExpr, frame: Frame, seedName: string | undefined): Value {
    const callee = frame.vars.get(expr.callee) ?? this.globals.vars.get(expr.callee);
    const call = this.evaluateCall(expr.callee, expr.range, expr.args, expr.kwargs, frame, seedName ?? `${expr.callee}@${expr.range.start}`, !expr.callee.includes('.'));
    if (callee && typeof callee === 'object' && callee.kind === 'function') { return this.callFunction(callee as UserFunction, call); }
    if (callee !== undefined) { throw new InspectError(`a ${typeName(callee)} is not callable`, 'unsupported', expr.calleeRange, 'a function'); }
    const builtin = callBuiltin(call, this);
    if (builtin !== undefined) { return builtin; }
    const alias = functionAlias(expr.callee);
    if (!alias) { throw unknown(`function ${excerpt(expr.callee)}`, expr.callee, knownFunctionNames(), expr.calleeRange); }
    return aliasCall(alias, call, this);
  }

  private method(expr: MethodExpr, frame: Frame): Value {
    const object = this.eval(expr.object, frame);
    if (typeof object === 'object' && object !== null && object.kind === 'class') {
      if (expr.method !== 'apply') { throw new InspectError(`${object.def.name}.${expr.method}: call an autograd.Function through .apply(...)`, 'unsupported', expr.methodRange, '.apply(...)'); }
      const call = this.evaluateCall(`${object.def.name}.apply`, expr.range, expr.args, expr.kwargs, frame, '', false);
      return this.autograd.apply(object.def, call, expr.args);
    }
    if (isContext(object)) { return this.autograd.contextMethod(object, expr.method, this.evaluateCall(expr.method, expr.range, expr.args, expr.kwargs, frame, '', false)); }
    const collection = this.collectionMethod(object, expr, frame);
    if (collection !== undefined) { return collection; }
    if (expr.method === 'backward') {
      throw new InspectError('.backward() is read only as the last statement at the top level (the output is the value it is called on)', 'unsupported', expr.methodRange, 'loss.backward() at the end');
    }
    const name = `.${expr.method}`;
    const call = this.evaluateCall(name, expr.range, [expr.object, ...expr.args], expr.kwargs, frame, `${name}@${expr.range.start}`, false, object);
    const builtin = callMethodBuiltin(call, this);
    if (builtin !== undefined) { return builtin; }
    const alias = methodAlias(expr.method);
    if (!alias) { throw unknown(`method .${excerpt(expr.method)}()`, expr.method, knownMethodNames(), expr.methodRange); }
    return aliasCall(alias, call, this);
  }

  /** list.append/extend/pop, dict.get/keys/values/items. */
  private collectionMethod(object: Value, expr: MethodExpr, frame: Frame): Value | undefined {
    const args = (): Value[] => expr.args.map(a => this.eval(a, frame));
    if (isSequence(object) && object.kind === 'list') {
      switch (expr.method) {
        case 'append': object.items.push(args()[0]); return null;
        case 'extend': object.items.push(...this.iterate(args()[0], expr.range)); return null;
        case 'pop': {
          const [at] = args();
          const i = this.listPosition(object.items.length, typeof at === 'number' ? at : -1, expr.range);
          return object.items.splice(i, 1)[0];
        }
        default: break;
      }
    }
    if (isDict(object)) {
      switch (expr.method) {
        case 'get': {
          const [key, fallback] = args();
          return (isDictKey(key) ? object.entries.get(key) : undefined) ?? fallback ?? null;
        }
        case 'keys': return { kind: 'list', items: [...object.entries.keys()] };
        case 'values': return { kind: 'list', items: [...object.entries.values()] };
        case 'items': return { kind: 'list', items: [...object.entries].map(([k, v]) => tuple([k, v])) };
        default: break;
      }
    }
    if (!isTensor(object) && !isSequence(object) && typeof object !== 'number') {
      throw new InspectError(`method .${expr.method}() of a ${typeName(object)} is not supported`, 'unsupported', expr.methodRange, 'a supported method');
    }
    return undefined;
  }

  /** Arguments evaluated left to right, `*args` expanded; `receiver` is the already evaluated first one. */
  evaluateCall(name: string, range: SourceRange, args: readonly Expr[], kwargs: readonly KeywordArg[], frame: Frame, seedName: string, plain: boolean, receiver?: Value): EvaluatedCall {
    const values: Value[] = [];
    const ranges: SourceRange[] = [];
    args.forEach((a, i) => {
      if (a.kind === 'starred') {
        const v = this.eval(a.value, frame);
        for (const item of this.iterate(v, a.range)) { values.push(item); ranges.push(a.range); }
        return;
      }
      values.push(i === 0 && receiver !== undefined ? receiver : this.eval(a, frame));
      ranges.push(a.range);
    });
    const keywords = new Map<string, { value: Value; range: SourceRange }>();
    for (const kw of kwargs) {
      // dtype=torch.float64, device=…: storage, not values; the engine computes in float64.
      keywords.set(kw.name, { value: STORAGE_KEYWORDS.has(kw.name) ? null : this.eval(kw.value, frame), range: kw.range });
    }
    return { name, range, args: values, argRanges: ranges, kwargs: keywords, plain, seedName };
  }

  /** Runs a user function inline; its nodes are grouped under the call path. */
  private callFunction(fn: UserFunction, call: EvaluatedCall): Value {
    const def = fn.def;
    if (this.callPath.length >= MAX_CALL_DEPTH) {
      throw new InspectError(`calls nested more than ${MAX_CALL_DEPTH} deep (recursion in ${excerpt(def.name)}?)`, 'limit', call.range, 'bounded recursion');
    }
    const frame: Frame = { vars: this.bindParameters(fn, call) };
    const params: ParameterRecord[] = def.params.map(p => {
      const value = frame.vars.get(p.name) as Value;
      return isTensor(value) ? { name: p.name, node: value.node, value } : { name: p.name, value };
    });
    this.callPath.push(def.name);
    const outerGroup = this.graph.group;
    this.graph.group = this.callPath.join('/');
    let signal: Signal;
    try {
      signal = this.execBlock(def.body, frame);
    } finally {
      this.callPath.pop();
      this.graph.group = outerGroup;
    }
    if (signal && signal.kind !== 'return') { throw new InspectError(`'${signal.kind}' outside a loop`, 'syntax', def.range, 'a loop around it'); }
    const result = signal?.value ?? null;
    this.calls.push({ function: def.name, range: call.range, definition: def.range, path: [...this.callPath, def.name].join('/'), params, result, returned: returnedRecords(result, signal?.names ?? []) });
    return result;
  }

  /** A method of an autograd.Function: its defaults are evaluated at the top level when it runs. */
  callUserFunction(fn: FunctionDef, call: EvaluatedCall): Value {
    return this.callFunction(this.defineFunction(fn, this.globals), call);
  }

  private bindParameters(fn: UserFunction, call: EvaluatedCall): Map<string, Value> {
    const params = fn.def.params;
    const vars = new Map<string, Value>();
    if (call.args.length > params.length) {
      throw new InspectError(`${fn.def.name}() takes ${params.length} positional argument${params.length === 1 ? '' : 's'} but ${call.args.length} were given`, 'value', call.range, `${params.length} arguments`);
    }
    call.args.forEach((v, i) => vars.set(params[i].name, v));
    for (const [name, kw] of call.kwargs) {
      if (!params.some(p => p.name === name)) { throw new InspectError(`${fn.def.name}() got an unexpected keyword argument '${name}'`, 'value', kw.range, params.map(p => p.name).join(', ')); }
      if (vars.has(name)) { throw new InspectError(`${fn.def.name}() got multiple values for argument '${name}'`, 'value', kw.range, 'one value per parameter'); }
      vars.set(name, kw.value);
    }
    for (const p of params) {
      if (vars.has(p.name)) { continue; }
      const fallback = fn.defaults.get(p.name);
      if (fallback === undefined) { throw new InspectError(`${fn.def.name}() missing required argument '${p.name}'`, 'value', call.range, `a value for ${p.name}`); }
      vars.set(p.name, fallback);
    }
    return vars;
  }

  // ---- attributes and indexing

  private attribute(object: Value, name: string, nameRange: SourceRange, range: SourceRange, objectExpr: Expr): Value {
    if (isContext(object)) { return this.autograd.contextAttribute(object, name, nameRange); }
    if (isTensor(object)) {
      const t = this.graph.value(object.node);
      switch (name) {
        case 'shape': return tuple([...t.shape]);
        case 'ndim': return t.rank;
        case 'size': return t.size;
        case 'dtype': return 'float64';
        case 'data': return object;
        default: break;
      }
    }
    const alias = attributeAlias(name);
    if (!alias) { throw unknown(`attribute .${excerpt(name)}`, name, [...knownMethodNames(), 'shape', 'ndim', 'size'], nameRange); }
    const call: EvaluatedCall = { name: `.${name}`, range, args: [object], argRanges: [objectExpr.range], kwargs: new Map(), plain: false, seedName: '' };
    return aliasCall(alias, call, this);
  }

  private index(expr: IndexExpr, frame: Frame): Value {
    const object = this.eval(expr.object, frame);
    if (isTensor(object)) {
      const plan = this.indexPlan(object, expr, frame);
      return tensorValue(this.graph.apply('take', [object.node], plan, { range: expr.range, label: '[…]' }));
    }
    if (expr.items.length === 1 && expr.items[0].kind === 'slice' && (isSequence(object) || typeof object === 'string')) {
      return this.sliceSequence(object, expr.items[0], frame);
    }
    const key = this.singleIndex(expr, frame);
    if (isSequence(object) && typeof key === 'number') { return object.items[this.listPosition(object.items.length, key, expr.range)]; }
    if (typeof object === 'string' && typeof key === 'number') { return object[this.listPosition(object.length, key, expr.range)]; }
    if (isDict(object) && isDictKey(key)) {
      const v = object.entries.get(key);
      if (v === undefined) { throw new InspectError(`key ${display(key)} is not in the dict`, 'value', expr.range, [...object.entries.keys()].map(display).join(', ')); }
      return v;
    }
    throw new InspectError(`indexing a ${typeName(object)} with a ${typeName(key)} is not supported`, 'unsupported', expr.range, 'an integer index of a list or tuple, a dict key, or an array index');
  }

  private sliceSequence(object: Value, item: Extract<IndexItem, { kind: 'slice' }>, frame: Frame): Value {
    const part = (e: Expr | undefined): number | undefined => (e ? this.scalar(this.eval(e, frame), e.range, 'a slice bound') : undefined);
    const items = isSequence(object) ? object.items : [...(object as string)];
    const step = part(item.step) ?? 1;
    const picked: Value[] = [];
    const n = items.length;
    const clamp = (v: number | undefined, fallback: number): number => (v === undefined ? fallback : v < 0 ? Math.max(v + n, step > 0 ? 0 : -1) : Math.min(v, step > 0 ? n : n - 1));
    const start = clamp(part(item.start), step > 0 ? 0 : n - 1);
    const stop = clamp(part(item.stop), step > 0 ? n : -1);
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) { picked.push(items[i]); }
    if (typeof object === 'string') { return (picked as string[]).join(''); }
    return { kind: (object as { kind: 'list' | 'tuple' }).kind, items: picked };
  }

  private singleIndex(expr: IndexExpr, frame: Frame): Value {
    const [item] = expr.items;
    if (expr.items.length !== 1 || item.kind === 'slice' || item.kind === 'newaxis') {
      throw new InspectError('lists, tuples and dicts take one index here', 'unsupported', expr.range, 'one index');
    }
    return this.eval(item, frame);
  }

  private listPosition(length: number, index: number, range: SourceRange): number {
    const i = index < 0 ? index + length : index;
    if (!Number.isInteger(i) || i < 0 || i >= length) { throw new InspectError(`index ${index} is out of range for a sequence of ${length} items`, 'value', range, `an index below ${length}`); }
    return i;
  }

  /** The `take`/`put` attributes of an array index: its selection shape and flat offsets. */
  private indexPlan(object: { node: NodeId }, expr: IndexExpr, frame: Frame): { shape: number[]; offsets: Tensor } {
    const parts = expr.items.flatMap(item => this.indexParts(item, frame));
    try {
      const plan = planIndex(this.graph.value(object.node).shape, parts);
      this.graph.budget.requireEntries(plan.offsets.length, 'the selected entries', { range: expr.range });
      return { shape: plan.shape, offsets: new Tensor([plan.offsets.length], plan.offsets) };
    } catch (e) {
      if (e instanceof IndexError || e instanceof ShapeError) { throw new InspectError(`index: ${e.message}`, 'shape', expr.range, 'an index within the shape'); }
      throw e;
    }
  }

  private indexParts(item: IndexItem, frame: Frame): IndexPart[] {
    if (item.kind === 'newaxis') { return [{ kind: 'newaxis' }]; }
    if (item.kind === 'slice') {
      const part = (e: Expr | undefined): number | null => {
        if (!e) { return null; }
        const v = this.eval(e, frame);
        if (v === null) { return null; }
        const n = this.scalar(v, e.range, 'a slice bound');
        if (!Number.isInteger(n)) { throw new InspectError(`a slice bound must be an integer, got ${n}`, 'value', e.range, 'an integer'); }
        return n;
      };
      return [{ kind: 'slice', start: part(item.start), stop: part(item.stop), step: part(item.step) }];
    }
    const v = this.eval(item, frame);
    if (v === null) { return [{ kind: 'newaxis' }]; }
    if (typeof v === 'number') { return [{ kind: 'int', value: v }]; }
    if (isSequence(v) && v.kind === 'tuple') { return v.items.map(i => this.indexValuePart(i, item.range)); }
    return [this.indexValuePart(v, item.range)];
  }

  private indexValuePart(v: Value, range: SourceRange): IndexPart {
    if (typeof v === 'number') { return { kind: 'int', value: v }; }
    if (v === null) { return { kind: 'newaxis' }; }
    if (isTensor(v)) { return { kind: 'array', value: this.graph.value(v.node), mask: this.masks.has(v.node) }; }
    if (isSequence(v)) {
      const mask = v.items.every(i => typeof i === 'boolean');
      return { kind: 'array', value: this.toTensor(v, range), mask };
    }
    throw new InspectError(`a ${typeName(v)} cannot index an array`, 'unsupported', range, 'an integer, a slice, None, an integer array or a boolean mask');
  }

  private targetValue(target: Target): Value | undefined {
    if (target.kind === 'name') { return this.globals.vars.get(target.name); }
    if (target.kind === 'tuple') { return tuple(target.items.map(t => this.targetValue(t) ?? null)); }
    return undefined;
  }

  // ---- TraceContext

  toNode(value: Value, range: SourceRange): NodeId {
    if (isTensor(value)) { return value.node; }
    if (typeof value === 'number' || typeof value === 'boolean') { return this.graph.constant(Tensor.scalar(Number(value)), { range }); }
    return this.graph.constant(this.toTensor(value, range), { range });
  }

  toTensor(value: Value, range: SourceRange): Tensor {
    if (isTensor(value)) { return this.graph.value(value.node); }
    if (typeof value === 'number' || typeof value === 'boolean') { return Tensor.scalar(Number(value)); }
    if (isSequence(value)) {
      try {
        return Tensor.fromNested(this.nested(value, range));
      } catch (e) {
        if (e instanceof ShapeError) { throw new InspectError(e.message, 'value', range, 'a rectangular nested list of numbers'); }
        throw e;
      }
    }
    throw new InspectError(`a ${typeName(value)} is not an array`, 'unsupported', range, 'a number or an array');
  }

  private nested(value: Value, range: SourceRange): Nested {
    if (typeof value === 'number' || typeof value === 'boolean') { return Number(value); }
    if (isSequence(value)) { return value.items.map(v => this.nested(v, range)); }
    if (isTensor(value)) {
      const t = this.graph.value(value.node);
      if (t.size === 1) { return t.data[0]; }
    }
    throw new InspectError(`a list holding a ${typeName(value)} cannot be an array here (use np.stack)`, 'unsupported', range, 'a nested list of numbers');
  }

  scalar(value: Value, range: SourceRange, what: string): number {
    if (typeof value === 'number' || typeof value === 'boolean') { return Number(value); }
    if (isTensor(value)) {
      const t = this.graph.value(value.node);
      if (t.size === 1) { return t.data[0]; }
    }
    throw new InspectError(`${what}: expected a number, got a ${typeName(value)}`, 'unsupported', range, 'a number');
  }

  private noteOnce(key: string, text: string): void {
    if (this.noted.has(key)) { return; }
    this.noted.add(key);
    this.notes.push(text);
  }

  markMask(node: NodeId): void {
    this.masks.add(node);
  }
}

/** The operand a chain continues through: the left of a left-associative operator, the receiver of a method. */
function spineChild(expr: Expr): Expr | undefined {
  switch (expr.kind) {
    case 'binary': return expr.op === '^' ? undefined : expr.left;
    case 'method': case 'attribute': case 'index': return expr.object;
    default: return undefined;
  }
}

function isDict(v: Value): v is DictValue {
  return typeof v === 'object' && v !== null && v.kind === 'dict';
}

function isContext(v: Value): v is ContextValue {
  return typeof v === 'object' && v !== null && v.kind === 'context';
}

function firstArray(v: Value | undefined): Value | undefined {
  if (v === undefined || isTensor(v)) { return v; }
  if (isSequence(v)) { return v.items.find(isTensor) ?? v.items[0]; }
  return v;
}

function returnedRecords(result: Value, names: readonly (string | undefined)[]): ReturnedRecord[] {
  const items = isSequence(result) && result.kind === 'tuple' ? result.items : [result];
  return items.map((value, i) => {
    const record: ReturnedRecord = { value };
    if (names.length === items.length && names[i] !== undefined) { record.name = names[i]; }
    if (isTensor(value)) { record.node = value.node; }
    return record;
  });
}

function unknown(what: string, name: string, candidates: readonly string[], range: SourceRange): InspectError {
  const close = closestNames(name, candidates);
  const hint = close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : '';
  return new InspectError(`unknown ${what}${hint}`, 'unsupported', range, close.length > 0 ? close.join(', ') : 'a known function');
}
