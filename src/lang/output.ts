// Which statement is the output: the last one, or — in PyTorch training code — the value
// `.backward()` is called on (statements after it, like `print(w.grad)`, only read results).
import { Expr, SimpleStatement, Statement } from './ast';

export interface OutputChoice {
  /** Index of the output statement; later statements are not analysed. */
  index: number;
  /** The output expression (an assignment's target when the output statement assigns). */
  expr?: Expr;
  notes: string[];
}

export function chooseOutput(statements: readonly Statement[]): OutputChoice {
  const notes: string[] = [];
  let index = statements.length - 1;
  for (let i = statements.length - 1; i >= 0; i--) {
    if (backwardReceiver(statements[i])) {
      index = i;
      notes.push('.backward() read as: the output is the value it is called on');
      if (i < statements.length - 1) { notes.push(`the ${statements.length - 1 - i} statement(s) after .backward() are not analysed`); }
      break;
    }
  }
  const statement = statements[index];
  if (statement.kind !== 'expr') { return { index, notes }; }
  const receiver = backwardReceiver(statement);
  if (receiver) { return { index, expr: receiver, notes }; }
  const printed = printedValue(statement.expr);
  if (printed) {
    notes.push('print(…) read as: the output is the printed value');
    return { index, expr: printed, notes };
  }
  return { index, expr: statement.expr, notes };
}

/** Statements before the output: assignments are analysed, other expressions are not. */
export function ignoredExpressionNote(statement: SimpleStatement): string {
  const e = statement.kind === 'expr' ? statement.expr : statement.value;
  const what = e.kind === 'call' ? `${e.callee}(…)` : e.kind === 'method' ? `.${e.method}(…)` : e.kind;
  return `an expression statement before the output is ignored (${what})`;
}

function backwardReceiver(statement: Statement): Expr | undefined {
  if (statement.kind !== 'expr') { return undefined; }
  const e = statement.expr;
  return e.kind === 'method' && e.method === 'backward' && e.args.length === 0 ? e.object : undefined;
}

function printedValue(expr: Expr): Expr | undefined {
  return expr.kind === 'call' && expr.callee === 'print' && expr.args.length === 1 && expr.kwargs.length === 0 ? expr.args[0] : undefined;
}
