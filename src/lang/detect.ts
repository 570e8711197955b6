// `auto` language choice: LaTeX when the text has backslash commands, Python when it looks like
// Python/NumPy/PyTorch code, else math.
import { Language } from './ast';

const LATEX = /\\(?:[a-zA-Z]+|[,;!{}|])/;

/** Signs only Python code has. */
const PYTHON_SIGNS: readonly RegExp[] = [
  /\*\*/, // power
  /@/, // matrix product
  /\b(?:np|numpy|torch|math|F|scipy|nn)\.\w/, // module prefixes
  /^\s*(?:import|from)\s+\w/m,
  /[\w)\]]\.[A-Za-z_]\w*\s*\(/, // method calls: x.sum(…)
  /[\w)\]]\.T\b/, // transpose attribute
  /\b(?:True|False|None)\b/,
  /^\s*#/m, // comments
  // Statements: their parser says which are not supported yet, at the keyword.
  /^\s*(?:async\s+)?(?:def|class)\s+[A-Za-z_]\w*/m,
  /^\s*(?:for|while|if|elif|with|assert|raise|del|global|nonlocal|yield|await|return)\s+\S/m,
  /^\s*(?:else|try|finally|except)\b[^\n\r]*:/m,
  /^\s*(?:return|pass|break|continue)\s*$/m,
  /\blambda\b[^:\n\r]*:/, // lambda x: … (a variable named lambda has no colon after it)
  /:[ \t]*(?:#[^\n\r]*)?$/m, // a block opens at the end of a line
  /^\s*[A-Za-z_]\w*\s*:\s*[A-Za-z_][\w.]*(?:\[[^\]\n\r]*\])?\s*=(?!=)/m, // annotated assignment: x: float = 2.0
];

/** `name = …` lines: Python, unless the text also writes powers with ^ (math statements). */
const ASSIGNMENT = /^\s*[A-Za-z_]\w*\s*=(?!=)/m;
const CARET_POWER = /\^/;

export function detectLanguage(text: string): Language {
  if (LATEX.test(text)) { return 'latex'; }
  if (PYTHON_SIGNS.some(sign => sign.test(text))) { return 'python'; }
  if (ASSIGNMENT.test(text) && !CARET_POWER.test(text)) { return 'python'; }
  return 'math';
}
