// Prints a syntax tree back as text the same dialect parses to the same tree, with parentheses
// only where precedence needs them. Implicit multiplication is printed with an explicit `*`.
import { BinaryOperator, Expr, IndexItem, KeywordArg } from './ast';
import { Dialect, Power } from './parser';

const LEVEL: Record<BinaryOperator, Power> = { '+': Power.Sum, '-': Power.Sum, '*': Power.Product, '/': Power.Product, '@': Power.Product, '^': Power.Exponent };

export function printExpr(expr: Expr, dialect: Dialect): string {
  return new Printer(dialect).print(expr);
}

class Printer {
  constructor(private readonly dialect: Dialect) {}

  print(expr: Expr): string {
    switch (expr.kind) {
      case 'number': return String(expr.value);
      case 'string': return expr.text;
      case 'name': return expr.name;
      case 'unary': return expr.op + this.operand(expr.operand, Power.Unary);
      case 'binary': return this.binary(expr.op, expr.left, expr.right);
      case 'call': return `${expr.callee}(${this.argumentList(expr.args, expr.kwargs)})`;
      case 'method': return `${this.receiver(expr.object)}.${expr.method}(${this.argumentList(expr.args, expr.kwargs)})`;
      case 'attribute': return `${this.receiver(expr.object)}.${expr.name}`;
      case 'index': return `${this.receiver(expr.object)}[${expr.items.map(i => this.indexItem(i)).join(', ')}]`;
      case 'compare': return expr.operands.map(o => this.operand(o, Power.Compare + 1)).reduce((text, o, i) => `${text} ${expr.ops[i - 1]} ${o}`);
      case 'bool': return `${this.operand(expr.left, Power.Or)} ${expr.op} ${this.operand(expr.right, expr.op === 'or' ? Power.Or + 1 : Power.And + 1)}`;
      case 'not': return `not ${this.operand(expr.operand, Power.Not)}`;
      case 'conditional': return `${this.operand(expr.then, Power.Or)} if ${this.operand(expr.test, Power.Or)} else ${this.print(expr.otherwise)}`;
      case 'intop': return `${this.operand(expr.left, Power.Product)} ${expr.op} ${this.operand(expr.right, Power.Product + 1)}`;
      case 'dict': return `{${expr.keys.map((k, i) => `${this.print(k)}: ${this.print(expr.values[i])}`).join(', ')}}`;
      case 'starred': return `*${this.operand(expr.value, Power.Unary)}`;
      case 'list': {
        const items = expr.items.map(i => this.print(i));
        if (!expr.tuple) { return `[${items.join(', ')}]`; }
        return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
      }
    }
  }

  private binary(op: BinaryOperator, left: Expr, right: Expr): string {
    const level = LEVEL[op];
    if (op === '^') {
      // Right-associative; the exponent may itself start with a sign (2^-x), the base may not.
      const symbol = this.dialect === 'python' ? ' ** ' : '^';
      return this.operand(left, Power.Exponent + 1) + symbol + this.operand(right, Power.Unary);
    }
    return `${this.operand(left, level)} ${op} ${this.operand(right, level + 1)}`;
  }

  /** Prints `expr`, parenthesised when it binds looser than `minimum`. */
  private operand(expr: Expr, minimum: number): string {
    const text = this.print(expr);
    return levelOf(expr) < minimum ? `(${text})` : text;
  }

  /**
   * The object of `.name`, `.method()` or `[…]`: operators need parentheses, and so do numbers
   * (`2.T`) and module names (`np.pi.sum()` would read as one dotted function name).
   */
  private receiver(expr: Expr): string {
    const text = this.print(expr);
    const bare = levelOf(expr) === Power.Postfix && expr.kind !== 'number' && !(expr.kind === 'name' && expr.name.includes('.'));
    return bare ? text : `(${text})`;
  }

  private argumentList(args: readonly Expr[], kwargs: readonly KeywordArg[]): string {
    return [...args.map(a => this.print(a)), ...kwargs.map(k => `${k.name}=${this.print(k.value)}`)].join(', ');
  }

  private indexItem(item: IndexItem): string {
    if (item.kind === 'newaxis') { return 'None'; }
    if (item.kind !== 'slice') { return this.print(item); }
    const part = (e: Expr | undefined): string => (e ? this.print(e) : '');
    return item.step ? `${part(item.start)}:${part(item.stop)}:${part(item.step)}` : `${part(item.start)}:${part(item.stop)}`;
  }
}

function levelOf(expr: Expr): number {
  switch (expr.kind) {
    case 'binary': return LEVEL[expr.op];
    case 'unary': return Power.Unary;
    case 'compare': return Power.Compare;
    case 'bool': return expr.op === 'or' ? Power.Or : Power.And;
    case 'not': return Power.Not;
    case 'conditional': return Power.Conditional;
    case 'intop': return Power.Product;
    default: return Power.Postfix;
  }
}
