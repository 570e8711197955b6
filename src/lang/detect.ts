// `auto` language choice: LaTeX when the text has backslash commands, Python when it looks like
// Python/NumPy/PyTorch code, else math.
import { Language } from './ast';

const LATEX = /\\(?:[a-zA-Z]+|[,;!{}|])/;

/**
 * Signs only Python code has. Indentation and the gaps inside a line are `[ \t\f]`, never `\s`:
 * with the m flag `^` matches after every line terminator, and `^\s*` over a long run of them
 * (U+2028 counts) rescans the run from each one, quadratic in its length.
 */
const PYTHON_SIGNS: readonly RegExp[] = [
  /\*\*/, // power
  /@/, // matrix product
  /\b(?:np|numpy|torch|math|F|scipy|nn)\.\w/, // module prefixes
  /^[ \t\f]*(?:import|from)[ \t]+\w/m,
  /[\w)\]]\.[A-Za-z_]\w*\s*\(/, // method calls: x.sum(…)
  /[\w)\]]\.T\b/, // transpose attribute
  /\b(?:True|False|None)\b/,
  /^[ \t\f]*#/m, // comments
  // Statements: their parser says which are not supported yet, at the keyword.
  /^[ \t\f]*(?:async[ \t]+)?(?:def|class)[ \t]+[A-Za-z_]\w*/m,
  /^[ \t\f]*(?:for|while|if|elif|with|assert|raise|del|global|nonlocal|yield|await|return)[ \t]+\S/m,
  /^[ \t\f]*(?:else|try|finally|except)\b[^\n\r]*:/m,
  /^[ \t\f]*(?:return|pass|break|continue)[ \t]*$/m,
  /\blambda\b[^:\n\r]*:/, // lambda x: … (a variable named lambda has no colon after it)
  /:[ \t]*(?:#[^\n\r]*)?$/m, // a block opens at the end of a line
  /^[ \t\f]*[A-Za-z_]\w*[ \t]*:[ \t]*[A-Za-z_][\w.]*(?:\[[^\]\n\r]*\])?[ \t]*=(?!=)/m, // annotated assignment: x: float = 2.0
];

/** `name = …` lines: Python, unless the text also writes powers with ^ (math statements). */
const ASSIGNMENT = /^[ \t\f]*[A-Za-z_]\w*[ \t]*=(?!=)/m;
const CARET_POWER = /\^/;

export function detectLanguage(text: string): Language {
  if (LATEX.test(text)) { return 'latex'; }
  if (PYTHON_SIGNS.some(sign => sign.test(text))) { return 'python'; }
  if (ASSIGNMENT.test(text) && !CARET_POWER.test(text)) { return 'python'; }
  return 'math';
}
