// Text → Program, for any text language. LaTeX has its own front-end; math and Python share
// the Pratt parser.
import { Program, Language, Expr, Statement } from './ast';
import { excerpt } from '../engine/excerpt';
import { isPlainFunction, namedConstant } from './aliases';
import { parseLatex } from './latex';
import { parseStatements } from './parser';

export function parseProgram(text: string, language: Language): Program {
  if (language === 'latex') { return parseLatex(text); }
  const statements = parseStatements(text, language);
  return { language, statements, text, notes: language === 'math' ? runTogetherNotes(statements) : [] };
}

/**
 * In math text a multi-letter name is one variable (`xy` is not x·y). When its letters are also
 * used as variables on their own, the user probably meant a product: say how it was read.
 */
function runTogetherNotes(statements: readonly Statement[]): string[] {
  const names = new Set<string>();
  for (const s of statements) {
    if (s.kind === 'assign') { collectNames(s.value, names); }
    if (s.kind === 'expr') { collectNames(s.expr, names); }
  }
  const notes: string[] = [];
  for (const name of names) {
    if (name.length < 2 || !/^\p{L}+$/u.test(name) || namedConstant(name, 'math') !== undefined || isPlainFunction(name)) { continue; }
    if ([...name].every(letter => names.has(letter))) {
      const shown = excerpt(name);
      notes.push(`'${shown}' is read as one variable named ${shown}; write ${[...shown].join('*')} (or ${[...shown].join(' ')}) for a product`);
    }
  }
  return notes;
}

/** Names of variables, skipping function names; iterative, so long sums cannot exhaust the stack. */
function collectNames(root: Expr, into: Set<string>): void {
  const pending: Expr[] = [root];
  for (let expr = pending.pop(); expr; expr = pending.pop()) {
    switch (expr.kind) {
      case 'name': into.add(expr.name); break;
      case 'unary': pending.push(expr.operand); break;
      case 'binary': pending.push(expr.left, expr.right); break;
      case 'call': pending.push(...expr.args); break;
      default: break;
    }
  }
}
