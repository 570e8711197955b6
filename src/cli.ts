// The command-line front of inspect(): the same pipeline as the extension, printed for a terminal
// or as JSON for CI. Exit status: 0 the check passed, 1 a gradient disagrees, 2 bad input.
import * as path from 'path';
import { InspectError, formatError } from './engine/errors';
import { CheckMode, DiagnoseScope, GradcheckOptions, Reference } from './engine/gradcheck-types';
import { Budget, DEFAULT_MAX_NODES, DEFAULT_MEMORY_MIB } from './engine/limits';
import { LOW_PRECISIONS, LowPrecision } from './engine/low-precision';
import { Nested, Tensor } from './engine/tensor';
import { inspect, Inspection, InspectInput, InspectLimits, LanguageChoice } from './inspect';
import { inspectAnalysedBlock } from './inspect-block';
import { AnalysedBlock } from './io/block';
import { fileBlocks, fileKind } from './io/file-blocks';
import { proposedCallAt } from './io/function-call';
import { isOnnxFile, readSourceFile, readStandardInput, readTextFile, ReadFileError } from './io/node-read-file';
import { nodeSideFileReader } from './io/node-side-files';
import { SourceLines, textLines } from './io/source-lines';
import { Bindings, parseBindingArg } from './lang/bindings';
import { ModelOptions } from './model/import';
import { checkFormulas, fileError, jsonInFile } from './cli-formulas';
import { cliJson, CliJson } from './cli-json';
import { reportLines } from './cli-report';
import { writeJson, writeText } from './cli-output';
import { visibleLine } from './visible-text';
import { claimLines, failedClaims } from './cli-claims';
import { markdownDocument } from './io/latex-scope';

const USAGE = `usage: gradient-inspector check FILE [--line N] [--language auto|math|python|latex]
         [--at NAME=VALUE]... [--random] [--eps H] [--atol A] [--rtol R] [--mode auto|full|fast] [--diagnose failing|all]
         [--reference central|richardson|complex] [--precision float32|bfloat16|float16] [--order 1|2] [--json]
       gradient-inspector check --expr TEXT [options as above]
       gradient-inspector check - [options as above]            (the text from standard input)
       gradient-inspector check MODEL.onnx [--inputs FILE.json] [--loss sum|l2|ce] [--target K]
         [--output NAME] [--eps H] [--atol A] [--rtol R] [--mode auto|full|fast] [--order 1|2] [--json]
       every form also takes [--max-nodes N] [--memory-mib M]

Runs the forward and backward pass and checks every gradient against central finite differences.
FILE is read the way the editor reads it:
  .py            the whole file as Python; with --line N, the statement block the editor takes with
                 the cursor on line N (straight-line code from the blank line above to that statement);
                 on line N of a function nothing calls, the file then a call of it with proposed
                 arguments (shapes from its docstring and code; a *_backward runs after its *_forward)
  .md            every math formula ($…$, $$…$$, \\(…\\), \\[…\\]) outside code and comments, each in turn
  other (.txt)   every formula line: not blank, not a comment (#, %, //), not a values line, not prose
                 (three words in a row, or a line ending in . : ; ? ! ,); the skipped prose lines are listed
  A formula is evaluated at the nearest values line (values: x=1, W=[[1,2],[3,4]]) or values comment
  (<!-- values: x=1 -->) above it; --at overrides. With several formulas, each is reported under its
  FILE:LINE:COLUMN (a formula that cannot be analysed: error: FILE:LINE:COLUMN: … in its place),
  then a summary line; --json gives {file, formulas: [{line, column, text, status,
  result | error}], prose}. --line N keeps the formulas on line N.
  --expr TEXT       check TEXT instead of a file (an expression, or Python statements)
  --line N          only the formula(s) on line N (Python: the block at line N)
  --language L      the dialect: auto (by file name, then by content), math, python, latex
  --at NAME=VALUE   bind a variable: a number or a JSON nested array (repeatable)
  --random          bind every variable without a value to seeded random values (listed in a note)
LaTeX in Markdown: definitions (g(x, y, z) = …, g_1(a, b) = …, \\mathcal{L} = …) are in scope in every
  formula of the file (the nearest above a use, else the first below). Claims (g'(x) = …,
  \\frac{\\partial g}{\\partial x}(…) = …, numeric equalities, \\approx, \\underbrace labels) are checked at the
  values given and at seeded random points; --json adds claims: [{text, kind, passed, points,
  maxAbsError, lhs, rhs}]; a false claim exits 1.
  --eps H           relative finite-difference step: an entry at x moves by h = H*max(1, |x|) (default 1e-6)
  --atol A          absolute tolerance: an entry passes when |analytic - numeric| <= atol + rtol*|numeric| (default 1e-5)
  --rtol R          relative tolerance in that test (default 1e-3)
  --mode M          full: every entry; fast: directional + sampled entries; auto: fast above 2000 entries
  --reference R     what each gradient entry is judged against: central (default; h = eps*max(1, |x|)),
                    richardson (central differences from h = 0.1*max(1, |x|) halved and extrapolated,
                    with an error estimate), complex (Im f(x + ih)/h, machine precision; refused,
                    naming the op, when an op is not analytic: abs, relu, max, ...)
  --precision P     also replay the forward and backward in float32, bfloat16 or float16 (every value,
                    adjoint and sum rounded) against float64: per node relative errors, the first node
                    over 100 unit roundoffs, catastrophic cancellations, and the eps a check would need
  --order 2         also check second order: Hessian-vector products H·v (forward-over-reverse) along 3
                    seeded random unit directions against (∇f(x+hv) − ∇f(x−hv))/2h, h = eps*max(1, max|x|),
                    with atol and rtol; each op node's forward-mode JVP against its VJP (uᵀ(Jᵀv) = vᵀ(J·u));
                    and the full Hessian of a scalar output of at most 16 input entries. --json adds
                    check.order, secondOrder, jvp and hessian. An op without a forward-mode rule is refused
  --diagnose D      failing (default): say why each FAIL or kink entry disagrees (truncation, round-off,
                    kink, mismatch, non-finite) with one sentence of advice; all: every checked entry
  --json            one JSON object: value, gradients, check, graph, memory, notes
  --max-nodes N     refuse graphs of more than N nodes (default ${DEFAULT_MAX_NODES})
  --memory-mib M    memory budget in MiB for text, nodes, values, adjoints and the check's copies,
                    estimated before allocating (default ${DEFAULT_MEMORY_MIB})
ONNX models (external data is read only from regular files inside the model's folder):
  --inputs FILE     a JSON object {input name: nested array}; inputs not given get seeded random values
  --loss L          the scalar differentiated: sum (Σy), l2 (½·Σy², the default), ce (cross-entropy, mean over rows)
  --target K        the class index for --loss ce (every row)
  --output NAME     the model output the loss is taken of (default: the first)
  --dim NAME=SIZE   the size of a named (dynamic) input dimension, e.g. --dim sequence=64 (repeatable);
                    otherwise the given inputs' sizes, else 1
Exit status: 0 every check passed (or there was nothing to differentiate), 1 a gradient disagrees,
2 bad input (a file that cannot be read, a formula that does not parse, a bad option). With several
formulas: the worst of them.`;

class UsageError extends Error {}
/** Input that gives nothing to check: one line, exit 2, without the usage text. */
class NothingToCheck extends Error {}

interface CliArgs {
  file?: string;
  expr?: string;
  language: LanguageChoice;
  bindings: Bindings;
  eps?: number;
  atol?: number;
  rtol?: number;
  mode?: CheckMode;
  diagnose?: DiagnoseScope;
  reference?: Reference;
  precision?: LowPrecision;
  order?: 1 | 2;
  json: boolean;
  model: ModelOptions;
  inputsFile?: string;
  /** 1-based. */
  line?: number;
  /** --random: seeded values for every variable without one. */
  random: boolean;
  limits: InspectLimits;
}

const VALUE_FLAGS = new Set(['--line', '--expr', '--language', '--at', '--eps', '--atol', '--rtol', '--mode', '--diagnose', '--reference', '--precision', '--order', '--inputs', '--loss', '--target', '--output', '--dim', '--max-nodes', '--memory-mib']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { language: 'auto', bindings: new Map(), json: false, model: {}, limits: {}, random: false };
  if (argv[0] !== 'check') { throw new UsageError(argv.length === 0 ? 'missing command' : `unknown command '${argv[0]}'`); }
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') { args.json = true; continue; }
    if (flag === '--random') { args.random = true; continue; }
    if (!flag.startsWith('--') || flag === '-') {
      if (args.file !== undefined) { throw new UsageError(`more than one FILE: '${args.file}' and '${flag}'`); }
      args.file = flag;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) { throw new UsageError(`unknown option '${flag}'`); }
    const value = argv[++i];
    if (value === undefined) { throw new UsageError(`${flag} needs a value`); }
    applyFlag(args, flag, value);
  }
  if (args.file === undefined && args.expr === undefined) { throw new UsageError('give a FILE or --expr TEXT'); }
  if (args.file !== undefined && args.expr !== undefined) { throw new UsageError('give a FILE or --expr TEXT, not both'); }
  if (args.line !== undefined && (args.file === undefined || args.file === '-' || isOnnxFile(args.file))) { throw new UsageError('--line applies to a text FILE only'); }
  return args;
}

function applyFlag(args: CliArgs, flag: string, value: string): void {
  switch (flag) {
    case '--line': args.line = positiveInteger(flag, value, 'a line number'); break;
    case '--expr': args.expr = value; break;
    case '--language': args.language = oneOf(flag, value, ['auto', 'math', 'python', 'latex'] as const); break;
    case '--at': {
      const [name, tensor] = parseBindingArg(value);
      args.bindings.set(name, tensor);
      break;
    }
    case '--eps': args.eps = positiveNumber(flag, value); break;
    case '--atol': args.atol = nonNegativeNumber(flag, value); break;
    case '--rtol': args.rtol = nonNegativeNumber(flag, value); break;
    case '--mode': args.mode = oneOf(flag, value, ['auto', 'full', 'fast'] as const); break;
    case '--diagnose': args.diagnose = oneOf(flag, value, ['failing', 'all'] as const); break;
    case '--reference': args.reference = oneOf(flag, value, ['central', 'richardson', 'complex'] as const); break;
    case '--precision': args.precision = oneOf(flag, value, LOW_PRECISIONS); break;
    case '--order': args.order = oneOf(flag, value, ['1', '2'] as const) === '2' ? 2 : 1; break;
    case '--inputs': args.inputsFile = value; break;
    case '--loss': args.model.loss = oneOf(flag, value, ['sum', 'l2', 'ce'] as const); break;
    case '--target': args.model.target = nonNegativeInteger(flag, value); break;
    case '--output': args.model.output = value; break;
    case '--dim': {
      const [name, size] = parseDimArg(value);
      args.model.dims = { ...args.model.dims, [name]: size };
      break;
    }
    case '--max-nodes': args.limits.maxNodes = positiveInteger(flag, value, 'a node count'); break;
    case '--memory-mib': args.limits.memoryMiB = positiveNumber(flag, value); break;
  }
}

/** NAME=SIZE of --dim: a dimension name and a positive integer size. */
function parseDimArg(value: string): [string, number] {
  const at = value.lastIndexOf('=');
  const name = value.slice(0, at).trim();
  if (at < 0 || name === '') { throw new UsageError(`--dim needs NAME=SIZE (got '${value}')`); }
  return [name, positiveInteger('--dim', value.slice(at + 1), 'a size')];
}

function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) { throw new UsageError(`${flag} must be one of ${choices.join(', ')} (got '${value}')`); }
  return value as T;
}

function parseNumber(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) { throw new UsageError(`${flag} needs a number (got '${value}')`); }
  return n;
}

function positiveNumber(flag: string, value: string): number {
  const n = parseNumber(flag, value);
  if (n <= 0) { throw new UsageError(`${flag} must be > 0 (got ${value})`); }
  return n;
}

function nonNegativeNumber(flag: string, value: string): number {
  const n = parseNumber(flag, value);
  if (n < 0) { throw new UsageError(`${flag} must be >= 0 (got ${value})`); }
  return n;
}

function positiveInteger(flag: string, value: string, what: string): number {
  const n = parseNumber(flag, value);
  if (!Number.isSafeInteger(n) || n < 1) { throw new UsageError(`${flag} must be ${what} >= 1 (got ${value})`); }
  return n;
}

function nonNegativeInteger(flag: string, value: string): number {
  const n = parseNumber(flag, value);
  if (!Number.isInteger(n) || n < 0) { throw new UsageError(`${flag} must be a class index >= 0 (got ${value})`); }
  return n;
}

function readInputsJson(file: string): Record<string, Nested> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readTextFile(file));
  } catch (e) {
    throw new UsageError(`--inputs ${file}: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--inputs ${file}: expected a JSON object of {input name: nested array}`);
  }
  const inputs: Record<string, Nested> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    try {
      inputs[name] = Tensor.fromNested(value).toNested();
    } catch (e) {
      throw new UsageError(`--inputs ${file}: input '${name}': ${(e as Error).message}`);
    }
  }
  return inputs;
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    writeText(process.stdout, USAGE);
    return 0;
  }
  try {
    return await run(parseArgs(argv));
  } catch (e) {
    if (e instanceof UsageError) {
      writeText(process.stderr, `gradient-inspector: ${visibleLine(e.message)}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ReadFileError || e instanceof NothingToCheck) {
      writeText(process.stderr, `gradient-inspector: ${visibleLine(e.message)}`);
      return 2;
    }
    if (e instanceof InspectError) {
      writeText(process.stderr, `gradient-inspector: ${visibleLine(inspectErrorMessage(e, undefined))}`);
      return 2;
    }
    throw e;
  }
}

async function run(args: CliArgs): Promise<number> {
  if (args.expr !== undefined) { return checkText(args, { kind: 'text', text: args.expr, language: args.language }, args.expr); }
  const file = args.file as string;
  if (file === '-') {
    const text = readStandardInput();
    return checkText(args, { kind: 'text', text, language: args.language }, text);
  }
  // A model's size is weighed against the memory budget before a byte of it is read.
  const read = readSourceFile(file, size => { if (isOnnxFile(file)) { new Budget(args.limits).chargeModelFile(size); } });
  if (read.kind === 'onnx') {
    if (args.inputsFile !== undefined) { args.model.inputs = readInputsJson(args.inputsFile); }
    args.model.readExternal = nodeSideFileReader(file);
    return checkText(args, { kind: 'onnx', bytes: read.bytes, fileName: path.basename(file) }, undefined);
  }
  const source = textLines(read.text);
  if (args.line !== undefined && args.line > source.lineCount) { throw new UsageError(`--line ${args.line}: ${file} has ${source.lineCount} lines`); }
  const kind = fileKind(file, args.language);
  const call = kind === 'python' && args.line !== undefined ? proposedCallAt(source, read.text, args.line - 1) : undefined;
  if (call) { return checkBlock(args, source, read.text, call.block, call.note); }
  const found = fileBlocks(source, kind, args.language, args.line === undefined ? undefined : args.line - 1);
  if (found.blocks.length === 0) {
    const where = args.line === undefined ? file : `${file}:${args.line}`;
    throw new NothingToCheck(`${where}: ${kind === 'python' ? 'no Python statements' : 'no formula'} to check${kind === 'text' && found.prose.length ? ' (the text there reads as prose)' : ''}`);
  }
  if (kind === 'python') {
    return args.line === undefined
      ? checkText(args, { kind: 'text', text: read.text, language: 'python' }, read.text)
      : checkBlock(args, source, read.text, found.blocks[0]);
  }
  const document = kind === 'markdown' ? markdownDocument(source) : undefined;
  return checkFormulas(file, read.text, source, found, { bindings: args.bindings, check: checkOptions(args), limits: args.limits, json: args.json, document, random: args.random, order: args.order });
}

/** One text or model through inspect(), reported whole; errors located in `text`. */
async function checkText(args: CliArgs, input: InspectInput, text: string | undefined): Promise<number> {
  try {
    return report(args, await inspect(input, { bindings: args.bindings, model: args.model, check: checkOptions(args), precision: args.precision, order: args.order, ...args.limits, randomUnbound: args.random }));
  } catch (e) {
    if (!(e instanceof InspectError)) { throw e; }
    writeText(process.stderr, `gradient-inspector: ${visibleLine(inspectErrorMessage(e, text))}`);
    return 2;
  }
}

/** The Python block at --line, found and inspected as the editor does; errors located in the file. */
async function checkBlock(args: CliArgs, source: SourceLines, fileText: string, block: AnalysedBlock, note?: string): Promise<number> {
  try {
    const inspection = await inspectAnalysedBlock(source, block, new Map(args.bindings), { check: checkOptions(args), precision: args.precision, order: args.order, ...args.limits });
    if (note) { inspection.notes.unshift(note); }
    return report(args, inspection, json => jsonInFile(json, block, fileText));
  } catch (e) {
    if (!(e instanceof InspectError)) { throw e; }
    const error = fileError(e, block, fileText);
    writeText(process.stderr, `gradient-inspector: ${error.line !== undefined ? `${error.line}:${error.column}: ` : ''}${visibleLine(error.message)}`);
    return 2;
  }
}

function inspectErrorMessage(e: InspectError, text: string | undefined): string {
  return `${formatError(e, text)}${e.expected ? ` (expected ${e.expected})` : ''}`;
}

function checkOptions(args: CliArgs): GradcheckOptions {
  return { eps: args.eps, atol: args.atol, rtol: args.rtol, mode: args.mode, diagnose: args.diagnose, reference: args.reference };
}

/** Prints the report (its JSON through `placed`, which may move node ranges into the file). */
function report(args: CliArgs, inspection: Inspection, placed = (json: CliJson): CliJson => json): number {
  if (args.json) {
    writeJson(process.stdout, placed(cliJson(inspection)));
  } else {
    writeText(process.stdout, [...reportLines(inspection), ...claimLines(inspection.claims ?? [])].join('\n'));
  }
  const handwrittenFailed = inspection.handwritten?.some(h => !h.passed) ?? false;
  const secondOrderFailed = inspection.secondOrder?.passed === false;
  return failedClaims(inspection) > 0 || (inspection.check && !inspection.check.passed) || handwrittenFailed || secondOrderFailed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, e => {
    // A bug of ours, not the input's: one line, the stack only when asked for.
    const detail = process.env.GRADIENT_INSPECTOR_DEBUG ? (e as Error).stack ?? String(e) : `${e instanceof Error ? e.message : String(e)} (set GRADIENT_INSPECTOR_DEBUG=1 for the stack trace)`;
    writeText(process.stderr, `gradient-inspector: internal error: ${detail}`);
    process.exitCode = 2;
  });
}
