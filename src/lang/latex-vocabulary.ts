// What the LaTeX front-end understands: Greek letters, function commands and names, accents, font
// commands, and the commands it knows but refuses (with what to write instead).

/** Greek letters become variables named without the backslash; variant glyphs name the same letter. */
export const GREEK: ReadonlyMap<string, string> = new Map([
  ...['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
    'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
    'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega'].map(g => [g, g] as [string, string]),
  ['varepsilon', 'epsilon'], ['vartheta', 'theta'], ['varphi', 'phi'], ['varrho', 'rho'], ['varsigma', 'sigma'], ['varpi', 'pi'],
  // Not Greek, but a letter as these are: the script l notes write for a loss.
  ['ell', 'ell'],
]);

/** Function commands, by the plain name the math dialect uses for them. */
export const FUNCTION_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['exp', 'exp'], ['log', 'log'], ['ln', 'ln'], ['sin', 'sin'], ['cos', 'cos'], ['tan', 'tan'],
  ['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan'], ['sinh', 'sinh'], ['cosh', 'cosh'], ['tanh', 'tanh'],
  ['max', 'max'], ['min', 'min'],
]);

/** Names written with \operatorname{…}, \mathrm{…} or \text{…} that are functions (matched case-insensitively). */
export const FUNCTION_WORDS: ReadonlyMap<string, string> = new Map([
  ['exp', 'exp'], ['log', 'log'], ['ln', 'ln'], ['sqrt', 'sqrt'], ['abs', 'abs'],
  ['sin', 'sin'], ['cos', 'cos'], ['tan', 'tan'], ['asin', 'asin'], ['acos', 'acos'], ['atan', 'atan'],
  ['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan'], ['sinh', 'sinh'], ['cosh', 'cosh'], ['tanh', 'tanh'],
  ['sigmoid', 'sigmoid'], ['relu', 'relu'], ['softplus', 'softplus'], ['max', 'max'], ['min', 'min'],
  ['log1p', 'log1p'], ['softmax', 'softmax'], ['logsumexp', 'logsumexp'],
]);

/** Functions that take two arguments and need them in brackets. */
export const TWO_ARGUMENT_FUNCTIONS: ReadonlySet<string> = new Set(['max', 'min']);

/** Trigonometric functions whose `^{-1}` conventionally means the inverse function. */
export const INVERSES: ReadonlyMap<string, string> = new Map([['sin', 'asin'], ['cos', 'acos'], ['tan', 'atan']]);

/** Accents become a suffix of the variable name: \hat{y} is y_hat. */
export const ACCENTS: ReadonlyMap<string, string> = new Map([
  ['hat', 'hat'], ['widehat', 'hat'], ['bar', 'bar'], ['overline', 'bar'], ['tilde', 'tilde'], ['widetilde', 'tilde'],
  ['dot', 'dot'], ['ddot', 'ddot'], ['check', 'check'], ['breve', 'breve'],
]);

/** Font commands around a name only change how it looks: \mathbf{x} is x. */
export const FONT_COMMANDS: ReadonlySet<string> = new Set(['mathbf', 'boldsymbol', 'bm', 'mathit', 'mathsf', 'mathnormal', 'vec', 'mathcal']);

/** Commands whose argument is a word: a function name or a multi-letter variable. */
export const WORD_COMMANDS: ReadonlySet<string> = new Set(['operatorname', 'mathrm', 'text', 'textrm', 'textit', 'mathtt', 'texttt']);

export const FRACTION_COMMANDS: ReadonlySet<string> = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);

export const PRODUCT_COMMANDS: ReadonlySet<string> = new Set(['cdot', 'times', 'ast', 'div']);

/** Known commands that are refused, with the reason shown to the user. */
export const REFUSED: ReadonlyMap<string, string> = new Map([
  ['int', 'integrals are not supported'],
  ['iint', 'integrals are not supported'],
  ['oint', 'integrals are not supported'],
  ['lim', 'a limit (\\lim) cannot be evaluated: write the expression at a point, or a finite difference'],
  ['cdots', 'elided terms (\\cdots) cannot be evaluated: write every term, or a \\sum with bounds'],
  ['ldots', 'elided terms (\\ldots) cannot be evaluated: write every term, or a \\sum with bounds'],
  ['dots', 'elided terms (\\dots) cannot be evaluated: write every term, or a \\sum with bounds'],
  ['vdots', 'elided terms (\\vdots) cannot be evaluated: write every term'],
  ['circ', 'a composition of functions (\\circ) cannot be evaluated: write the nested call, as in g(f(x))'],
  ['mid', 'a set-builder bar (\\mid) cannot be evaluated: sets are not values'],
  ['mathbb', 'a number set (\\mathbb) is not a value'],
  ['begin', 'environments (matrices, cases, aligned) are not supported'],
  ['end', 'environments (matrices, cases, aligned) are not supported'],
  ['partial', 'a partial derivative is read only as \\frac{\\partial g}{\\partial x}, optionally followed by (arguments)'],
  ['infty', 'infinity is not supported as a value'],
  ['\\', 'line breaks (\\\\) are not supported: give one formula'],
  ['cases', 'case distinctions are not supported: use \\max, \\min or \\mathrm{ReLU}'],
]);

/** Relations that cannot be evaluated (a formula is an expression, optionally `name = expression`). */
export const RELATIONS: ReadonlySet<string> = new Set(['le', 'leq', 'ge', 'geq', 'ne', 'neq', 'approx', 'sim', 'equiv', 'propto', 'to', 'rightarrow', 'mapsto', 'in', 'leftarrow', 'gets']);

/** Why a relation cannot be evaluated, for those whose meaning is not a comparison. */
export const RELATION_REASONS: ReadonlyMap<string, string> = new Map([
  ['in', 'set membership (\\in) cannot be evaluated: give the variable a value instead'],
  ['to', 'an arrow (\\to) cannot be evaluated: a limit or a mapping is not a value'],
  ['rightarrow', 'an arrow (\\rightarrow) cannot be evaluated: a limit or a mapping is not a value'],
  ['leftarrow', 'an update rule is written name \\leftarrow expression, once, at the start'],
  ['gets', 'an update rule is written name \\gets expression, once, at the start'],
  ['mapsto', 'a mapping (\\mapsto) cannot be evaluated: define the function as g(x) = …'],
]);

export const SUPPORTED_SUMMARY =
  'supported: numbers, letters and Greek letters (with subscripts and \\hat, \\bar), + - \\cdot \\times \\div /, implicit products, ' +
  '^, \\frac, \\sqrt, \\sqrt[n], \\exp, \\log, \\ln, \\sin \\cos \\tan, \\arcsin \\arccos \\arctan, \\sinh \\cosh \\tanh, \\max, \\min, ' +
  '\\sigma(…), \\operatorname{ReLU|softplus|sigmoid}(…), |x|, ( ) [ ] \\{ \\} \\left \\right';
