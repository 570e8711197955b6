// The syntax tree shared by every text front-end (math, python, latex). Every node carries the
// source range it was parsed from (UTF-16 offsets into the analysed text).
import { SourceRange } from '../engine/errors';

export type Language = 'math' | 'python' | 'latex';

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '@';

export interface NumberLiteral { kind: 'number'; value: number; range: SourceRange }
/** A quoted string, as written (quotes included): an option value (`reduction='sum'`, an ignored `dtype='float64'`). */
export interface StringLiteral { kind: 'string'; text: string; range: SourceRange }
/** A variable, or a named constant (pi, e) resolved at lowering. */
export interface NameExpr { kind: 'name'; name: string; range: SourceRange }
export interface UnaryExpr { kind: 'unary'; op: '-' | '+'; operand: Expr; range: SourceRange }
export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
  range: SourceRange;
  /** Range of the operator token; for implicit multiplication, the gap between the operands. */
  opRange: SourceRange;
  /** `2x`, `x y`, `x(y + 1)`: multiplication written without an operator. */
  implicit?: boolean;
}
export interface KeywordArg { name: string; value: Expr; range: SourceRange }
/**
 * A call of a function by (possibly dotted) name: `exp(x)`, `np.maximum(x, 0)`, `F.relu(x)`.
 * `callee` is the name as written, module prefix included; the alias table resolves it.
 */
export interface CallExpr {
  kind: 'call';
  callee: string;
  calleeRange: SourceRange;
  args: Expr[];
  kwargs: KeywordArg[];
  range: SourceRange;
}
/** A method call on a value: `x.sum(axis=0)`, `W.reshape(2, 3)`. */
export interface MethodExpr {
  kind: 'method';
  object: Expr;
  method: string;
  methodRange: SourceRange;
  args: Expr[];
  kwargs: KeywordArg[];
  range: SourceRange;
}
/** An attribute of a value: `x.T`. (Module attributes such as `np.pi` are NameExpr `np.pi`.) */
export interface AttributeExpr { kind: 'attribute'; object: Expr; name: string; nameRange: SourceRange; range: SourceRange }
export interface SliceItem { kind: 'slice'; start?: Expr; stop?: Expr; step?: Expr; range: SourceRange }
export interface NewAxisItem { kind: 'newaxis'; range: SourceRange }
export type IndexItem = Expr | SliceItem | NewAxisItem;
export interface IndexExpr { kind: 'index'; object: Expr; items: IndexItem[]; range: SourceRange }
/** `[1, 2, 3]` or `(1, 2)` as values (nested lists make array literals; tuples give shapes). */
export interface ListExpr { kind: 'list'; items: Expr[]; tuple: boolean; range: SourceRange }

/** `a < b`, `x is None`, `k in d`: a chain such as `0 <= i < n` holds its operands in order. */
export type CompareOperator = '<' | '>' | '<=' | '>=' | '==' | '!=' | 'is' | 'is not' | 'in' | 'not in';
export interface CompareExpr { kind: 'compare'; operands: Expr[]; ops: CompareOperator[]; range: SourceRange }
/** `a and b`, `a or b`, `not a` (Python). */
export interface BoolExpr { kind: 'bool'; op: 'and' | 'or'; left: Expr; right: Expr; range: SourceRange }
export interface NotExpr { kind: 'not'; operand: Expr; range: SourceRange }
/** `a if test else b`. */
export interface ConditionalExpr { kind: 'conditional'; test: Expr; then: Expr; otherwise: Expr; range: SourceRange }
/** Floor division and remainder (integers, shapes; `%` also formats a name). */
export interface IntegerOpExpr { kind: 'intop'; op: '//' | '%'; left: Expr; right: Expr; range: SourceRange; opRange: SourceRange }
export interface DictExpr { kind: 'dict'; keys: Expr[]; values: Expr[]; range: SourceRange }
/** `*shape` in a call's arguments. */
export interface StarredExpr { kind: 'starred'; value: Expr; range: SourceRange }

export type Expr =
  | CompareExpr
  | BoolExpr
  | NotExpr
  | ConditionalExpr
  | IntegerOpExpr
  | DictExpr
  | StarredExpr
  | NumberLiteral
  | StringLiteral
  | NameExpr
  | UnaryExpr
  | BinaryExpr
  | CallExpr
  | MethodExpr
  | AttributeExpr
  | IndexExpr
  | ListExpr;

export interface Assignment { kind: 'assign'; target: string; targetRange: SourceRange; value: Expr; range: SourceRange }
export interface ExprStatement { kind: 'expr'; expr: Expr; range: SourceRange }
/** The straight-line statements math and LaTeX text are made of. */
export type SimpleStatement = Assignment | ExprStatement;

// ---- Python statements beyond straight-line code (run by the tracer, src/lang/trace)

/** What an assignment, a `for` or an augmented assignment stores into. */
export type Target =
  | NameExpr
  | { kind: 'tuple'; items: Target[]; range: SourceRange }
  | IndexExpr
  | AttributeExpr;
/** `a, b = f()`, `dx[mask] = 0`, `ctx.k = 3`, and augmented forms `x += 1` (`op` set). */
export interface StoreStatement { kind: 'store'; target: Target; op?: BinaryOperator | '//' | '%'; value: Expr; range: SourceRange }
export interface Parameter { name: string; default?: Expr; range: SourceRange }
export interface FunctionDef { kind: 'def'; name: string; nameRange: SourceRange; params: Parameter[]; body: Statement[]; range: SourceRange }
export interface ReturnStatement { kind: 'return'; value?: Expr; range: SourceRange }
export interface IfStatement { kind: 'if'; branches: { test: Expr; body: Statement[] }[]; otherwise?: Statement[]; range: SourceRange }
export interface ForStatement { kind: 'for'; target: Target; iterable: Expr; body: Statement[]; range: SourceRange }
export interface WhileStatement { kind: 'while'; test: Expr; body: Statement[]; range: SourceRange }
export interface AssertStatement { kind: 'assert'; test: Expr; message?: Expr; range: SourceRange }
/** `pass`, `break`, `continue`. */
export interface KeywordStatement { kind: 'pass' | 'break' | 'continue'; range: SourceRange }
/** `raise E(...)`: an error when the trace reaches it. */
export interface RaiseStatement { kind: 'raise'; value?: Expr; range: SourceRange }
/** A class: only `torch.autograd.Function` subclasses, with methods. */
export interface ClassDef { kind: 'class'; name: string; nameRange: SourceRange; bases: Expr[]; methods: FunctionDef[]; range: SourceRange }

export type Statement =
  | SimpleStatement
  | StoreStatement
  | FunctionDef
  | ReturnStatement
  | IfStatement
  | ForStatement
  | WhileStatement
  | AssertStatement
  | KeywordStatement
  | RaiseStatement
  | ClassDef;

/** A parsed text: statements; the last one is the output. */
export interface Program {
  language: Language;
  statements: Statement[];
  /** The parsed text (Python), for the places the tracer names in its notes. */
  text?: string;
  /** Things the front-end decided that the user should know (ambiguities resolved, lines skipped). */
  notes: string[];
}
