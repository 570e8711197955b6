// Grammar-aware text inputs for the three dialects: valid-ish programs from a small grammar of each,
// then random damage (hostile characters, deleted and repeated slices, long runs of one token,
// other line endings, a byte-order mark). Most inputs get past the lexer, many past the parser,
// and some all the way to the gradient check, so every stage is exercised.
import { Random } from './random';

export interface GenerationLimits {
  /** Deepest nesting generated on purpose (wrapping an expression in calls, brackets, powers). */
  maxDepth: number;
  /** Longest run of one repeated token. */
  maxRun: number;
  /** Tensors and model inputs of millions of entries (np.ones((8192, 8192)), dims of 2^40). */
  hugeShapes: boolean;
}

/**
 * Inside `npm test`: below the depths and sizes of the known crash classes (stack overflow from
 * about 700 nested calls, tensors of millions of entries), which are regression cases of their own.
 */
export const SUITE_LIMITS: GenerationLimits = { maxDepth: 60, maxRun: 3000, hugeShapes: false };
/** `npm run fuzz`: up to and past the parsers' nesting limits, and huge shapes. */
export const CAMPAIGN_LIMITS: GenerationLimits = { maxDepth: 1200, maxRun: 40_000, hugeShapes: true };

/** Characters that have broken lexers elsewhere: controls, invisibles, surrogates, look-alikes. */
const HOSTILE = [
  '\u0000', '\u0007', '\u001b', '\u001b[2J', '\r', '\n', '\r\n', '\t', '\f', '\v', '\ufeff', '\ud800', '\udfff', '\udc00\ud800',
  '\u202e', '\u2066', '\u2028', '\u2029', '\u00a0', '\u200b', '😀', 'é', 'e\u0301', '²', '٣', '１', '∂', '∑', '−', '×', '·', '÷',
  'π', 'θ', '$', '\\', '{', '}', '(', ')', '[', ']', '|', '#', '%', '"', "'", '@', '`', '^', '_', '~', '&', '!', '?', ';', ':', ',',
  '.', '=', '<', '>', '1e', '1e+', 'e', 'E', '0x', '1j', '_', '9'.repeat(400), '1e999', '1e-999', '.', '..',
];

const LINE_BREAKS = ['\n', '\r\n', '\r', '\n\n', ' \\\n'];

const NUMBERS = ['0', '1', '2', '3.5', '.5', '5.', '0.1', '1e-3', '2E+2', '1_000', '1e308', '1e-320', '1.e5', '123456789012345678901234567890', '7'];
const SCALAR_NAMES = ['x', 'y', 'z', 'w', 'a', 'b'];

/** Values for the names the generators use, so that many inputs evaluate rather than stop as unbound. */
export const DEFAULT_BINDINGS: Record<string, number | number[] | number[][]> = {
  x: 0.7, y: -1.3, z: 2, w: 0.25, a: 3, b: -0.5, v: [0.5, -1, 2], W: [[1, 2, 0.5], [-1, 0.25, 3], [0, 1, -2]],
};

// ---- math -------------------------------------------------------------------------------------

const MATH_FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'relu', 'softplus', 'arcsin', 'sinh', 'foo'];

function mathExpression(r: Random, depth: number): string {
  if (depth <= 0 || r.chance(0.3)) { return r.chance(0.4) ? r.pick(NUMBERS) : r.pick([...SCALAR_NAMES, 'e', 'pi', 'θ', 'x0', 'xy']); }
  const sub = (): string => mathExpression(r, depth - 1);
  switch (r.below(9)) {
    case 0: return `${sub()} ${r.pick(['+', '-', '*', '/', '^', '−', '·', '×'])} ${sub()}`;
    case 1: return `-${sub()}`;
    case 2: return `${r.pick(MATH_FUNCTIONS)}(${sub()})`;
    case 3: return `(${sub()})`;
    case 4: return `|${sub()}|`;
    case 5: return `${r.pick(NUMBERS)}${r.pick(SCALAR_NAMES)}`;
    case 6: return `${r.pick(['max', 'min'])}(${sub()}, ${sub()})`;
    case 7: return `${sub()}^${r.pick(['2', '-1', '(0.5)', '{2}'])}`;
    default: return `${r.pick(SCALAR_NAMES)}(${sub()})`;
  }
}

// ---- python -----------------------------------------------------------------------------------

const PYTHON_FUNCTIONS = [
  'np.exp', 'np.log', 'np.tanh', 'np.sqrt', 'np.abs', 'torch.relu', 'torch.sigmoid', 'math.sin', 'np.sum', 'np.mean', 'np.max',
  'F.softmax', 'F.relu', 'np.square', 'np.maximum', 'torch.exp', 'np.linalg.norm', 'np.frobnicate',
];
const PYTHON_TENSORS = ['v', 'W', 'np.array([1.0, 2.0, 3.0])', 'np.ones((3,))', 'np.zeros((2, 3))', 'np.eye(3)', 'torch.tensor([[1.0, 2.0], [3.0, 4.0]])', 'np.ones((-1, 2))'];
const HUGE_PYTHON_TENSORS = ['np.ones((8192, 8192))', 'np.zeros((2**31,))', 'np.random.randn(100000, 1000)', 'np.eye(50000)'];

function pythonExpression(r: Random, depth: number, huge: boolean): string {
  if (depth <= 0 || r.chance(0.3)) {
    return r.chance(0.3) ? r.pick(NUMBERS) : r.pick([...SCALAR_NAMES, ...PYTHON_TENSORS, ...(huge ? HUGE_PYTHON_TENSORS : []), 'np.pi', 'True', 'None']);
  }
  const sub = (): string => pythonExpression(r, depth - 1, huge);
  switch (r.below(11)) {
    case 0: return `${sub()} ${r.pick(['+', '-', '*', '/', '**', '@', '//', '%'])} ${sub()}`;
    case 1: return `-${sub()}`;
    case 2: return `${r.pick(PYTHON_FUNCTIONS)}(${sub()})`;
    case 3: return `(${sub()})`;
    case 4: return `${r.pick(['W', 'v', `(${sub()})`])}.${r.pick(['sum()', 'T', 'mean(axis=0)', 'max()', 'exp()', 'reshape(-1)', 'shape'])}`;
    case 5: return `${r.pick(['W', 'v'])}[${r.pick(['0', '1:', ':, 0', '::2', '-1', 'None', '0, 1', '5'])}]`;
    case 6: return `np.sum(${sub()}, axis=${r.pick(['0', '-1', '1', '7'])})`;
    case 7: return `F.softmax(${sub()}, dim=${r.pick(['-1', '0'])})`;
    case 8: return `np.array([${Array.from({ length: r.between(0, 4) }, sub).join(', ')}])`;
    case 9: return `np.clip(${sub()}, ${r.pick(NUMBERS)}, ${r.pick(NUMBERS)})`;
    default: return `${sub()} if ${sub()} else ${sub()}`;
  }
}

const PYTHON_STATEMENTS = ['import numpy as np', 'import torch', 'from torch.nn import functional as F', '# a comment', 'x += 1', 'def f(x): return x', 'for i in range(3):'];

// ---- latex ------------------------------------------------------------------------------------

const LATEX_FUNCTIONS = ['\\sin', '\\cos', '\\exp', '\\log', '\\ln', '\\tanh', '\\sigma', '\\arctan', '\\max', '\\operatorname{ReLU}', '\\foo'];
const LATEX_ATOMS = ['x', 'y', 'z', 'w', 'a', 'b', 'e', '\\pi', '\\alpha', '\\theta', 'x_0', 'w_{ij}', '\\hat{y}', '2', '3.5', 'π', '\\mu_1'];

function latexExpression(r: Random, depth: number): string {
  if (depth <= 0 || r.chance(0.3)) { return r.pick(LATEX_ATOMS); }
  const sub = (): string => latexExpression(r, depth - 1);
  switch (r.below(11)) {
    case 0: return `${sub()} ${r.pick(['+', '-', '\\cdot', '\\times', '/', '\\div', '−', '·'])} ${sub()}`;
    case 1: return `\\frac{${sub()}}{${sub()}}`;
    case 2: return `\\sqrt${r.chance(0.3) ? '[3]' : ''}{${sub()}}`;
    case 3: return `${sub()}^{${sub()}}`;
    case 4: return `${r.pick(LATEX_FUNCTIONS)}${r.chance(0.5) ? `(${sub()})` : `\\left(${sub()}\\right)`}`;
    case 5: return `{${sub()}}`;
    case 6: return `\\left|${sub()}\\right|`;
    case 7: return `${sub()} ${sub()}`;
    case 8: return `-${sub()}`;
    case 9: return `\\max(${sub()}, ${sub()})`;
    default: return `${sub()}_{${r.pick(['0', 'i', '12', '\\text{max}'])}}`;
  }
}

// ---- programs and damage ----------------------------------------------------------------------

export type TextDialect = 'math' | 'python' | 'latex';

const EXPRESSIONS: Record<TextDialect, (r: Random, depth: number, huge: boolean) => string> = { math: mathExpression, python: pythonExpression, latex: latexExpression };

/** Deep nesting on purpose: an expression wrapped `depth` times in one kind of bracket or call. */
const WRAPPERS: Record<TextDialect, readonly [string, string][]> = {
  math: [['(', ')'], ['sin(', ')'], ['exp(', ')'], ['-', ''], ['|', '|'], ['2^', ''], ['x*(', ')']],
  python: [['(', ')'], ['np.exp(', ')'], ['-', ''], ['[', ']'], ['np.array(', ')'], ['2**', ''], ['np.sum(', ')']],
  latex: [['{', '}'], ['\\frac{1}{', '}'], ['\\sqrt{', '}'], ['(', ')'], ['\\left(', '\\right)'], ['e^{', '}'], ['\\sin(', ')'], ['-', '']],
};

export function programText(r: Random, dialect: TextDialect, limits: GenerationLimits): string {
  const expression = (): string => EXPRESSIONS[dialect](r, r.between(0, 5), limits.hugeShapes);
  let body = expression();
  if (r.chance(0.15)) {
    const [open, close] = r.pick(WRAPPERS[dialect]);
    const depth = r.size(limits.maxDepth);
    body = open.repeat(depth) + body + close.repeat(depth);
  }
  if (dialect !== 'latex' && r.chance(0.5)) {
    const lines: string[] = [];
    for (let i = r.between(1, 3); i > 0; i--) {
      lines.push(dialect === 'python' && r.chance(0.15) ? r.pick(PYTHON_STATEMENTS) : `${r.pick(['h', 'u', 'x', 'loss', 'θ'])} = ${expression()}`);
    }
    body = [...lines, body].join(r.pick(dialect === 'python' ? LINE_BREAKS : [...LINE_BREAKS, '; ']));
  } else if (dialect === 'latex' && r.chance(0.3)) {
    body = r.pick([`$${body}$`, `$$${body}$$`, `\\(${body}\\)`, `\\[${body}\\]`, `L = ${body}`, `${body} % note`]);
  }
  return r.chance(0.6) ? damage(r, body, limits) : body;
}

/** One to three random edits of the kinds that broke lexers and parsers before. */
export function damage(r: Random, text: string, limits: GenerationLimits): string {
  let out = text;
  for (let edits = r.between(1, 3); edits > 0; edits--) {
    const at = r.below(out.length + 1);
    switch (r.below(9)) {
      case 0: out = out.slice(0, at) + r.pick(HOSTILE) + out.slice(at); break;
      case 1: out = out.slice(0, at) + out.slice(at + r.between(1, 8)); break;
      case 2: out = out.slice(0, at); break;
      case 3: {
        const piece = out.slice(at, at + r.between(1, 6)) || r.pick(HOSTILE);
        out = out.slice(0, at) + piece.repeat(r.size(Math.max(1, Math.floor(limits.maxRun / piece.length)))) + out.slice(at);
        break;
      }
      case 4: out = out.slice(0, at) + r.pick(['v', 'x', '1', 'x+', '(', '{', ')', '-', '\\alpha', 'ab ']).repeat(r.size(limits.maxRun)) + out.slice(at); break;
      case 5: out = '\ufeff' + out; break;
      case 6: out = out.replace(/\n/g, r.pick(['\r', '\r\n'])); break;
      case 7: out = out.slice(0, at) + r.pick(HOSTILE) + out.slice(at + 1); break;
      default: {
        const other = r.below(out.length + 1);
        const [lo, hi] = at < other ? [at, other] : [other, at];
        out = out.slice(hi) + out.slice(lo, hi) + out.slice(0, lo);
      }
    }
  }
  return out;
}

/** Text that is not meant to be any dialect: random UTF-16 code units, or random bytes read as UTF-8. */
export function rawText(r: Random): string {
  const length = r.size(300);
  if (r.chance(0.5)) { return String.fromCharCode(...Array.from({ length }, () => (r.chance(0.7) ? r.below(128) : r.below(0x10000)))); }
  return Buffer.from(Array.from({ length }, () => r.below(256))).toString('utf8');
}

// ---- Markdown documents and values lines -------------------------------------------------------

export function markdownDocument(r: Random, limits: GenerationLimits): { document: string; cursor: number } {
  const pieces: string[] = [];
  for (let i = r.between(1, 8); i > 0; i--) {
    const formula = (): string => programText(r, 'latex', limits);
    pieces.push(r.pick([
      'Some prose about the loss', `$${formula()}$`, `$$${r.pick(LINE_BREAKS)}${formula()}${r.pick(LINE_BREAKS)}$$`, `\\(${formula()}\\)`,
      `\\[${formula()}\\]`, '```python\ncost = "$5"\n```', '`$x$`', `<!-- values: ${valuesText(r)} -->`, `values: ${valuesText(r)}`,
      '\\$', '$5 and $6', '~~~\n$$\n~~~', '<!--', '-->', r.pick(LINE_BREAKS), '',
    ]));
    pieces.push(r.pick(LINE_BREAKS));
  }
  let document = pieces.join('');
  if (r.chance(0.4)) { document = damage(r, document, limits); }
  return { document, cursor: r.below(document.length + 1) };
}

export function valuesText(r: Random): string {
  const entries = Array.from({ length: r.between(0, 4) }, () => `${r.pick([...SCALAR_NAMES, 'W', 'v', 'w_0', 'θ'])}=${r.pick([
    ...NUMBERS, '[1, 2, 3]', '[[1,2],[3,4]]', '[[1,2],[3]]', '[]', '-0.5', 'nan', 'inf', '[1e999]', '[' + '['.repeat(r.size(400)),
  ])}`);
  return entries.join(r.pick([', ', ',', '; ', ' ']));
}
