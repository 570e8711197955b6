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

export type Expr =
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
export type Statement = Assignment | ExprStatement;

/** A parsed text: straight-line statements; the last one is the output. */
export interface Program {
  language: Language;
  statements: Statement[];
  /** Things the front-end decided that the user should know (ambiguities resolved, lines skipped). */
  notes: string[];
}
