// The command-line front of inspect(): the same pipeline as the extension, printed for a terminal
// or as JSON for CI. Exit status: 0 the check passed, 1 a gradient disagrees, 2 bad input.
import * as fs from 'fs';
import * as path from 'path';
import { InspectError, formatError } from './engine/errors';
import { CheckMode, GradcheckEntry } from './engine/gradcheck-types';
import { Nested, Tensor, shapeToString } from './engine/tensor';
import { inspect, Inspection, InspectInput, LanguageChoice, NOTHING_TO_DIFFERENTIATE } from './inspect';
import { Bindings, parseBindingArg } from './lang/bindings';
import { ModelOptions } from './model/import';
import { cliJson } from './cli-json';
import { formatNumber } from './format';
import { controlSafeJson, visibleLine, visibleLines } from './visible-text';

const USAGE = `usage: gradient-inspector check [FILE] [--expr TEXT] [--language auto|math|python|latex]
         [--at NAME=VALUE]... [--eps H] [--atol A] [--rtol R] [--mode auto|full|fast] [--json]
       gradient-inspector check MODEL.onnx [--inputs FILE.json] [--loss sum|l2|ce] [--target K]
         [--output NAME] [--mode auto|full|fast] [--json]

Parses the expression (FILE, '-' for standard input, or --expr), runs the forward and backward pass,
and checks every gradient against central finite differences.
  --at NAME=VALUE   bind a variable: a number or a JSON nested array (repeatable)
  --eps H           finite-difference step (default 1e-6)
  --atol A --rtol R pass when |analytic - numeric| <= atol + rtol*|numeric| (defaults 1e-5, 1e-3)
  --mode M          full: every entry; fast: directional + sampled entries; auto: fast above 2000 entries
  --json            one JSON object: value, gradients, check, graph, memory, notes
Exit status: 0 the check passed, 1 a gradient disagrees, 2 bad input.`;

class UsageError extends Error {}

interface CliArgs {
  file?: string;
  expr?: string;
  language: LanguageChoice;
  bindings: Bindings;
  eps?: number;
  atol?: number;
  rtol?: number;
  mode?: CheckMode;
  json: boolean;
  model: ModelOptions;
  inputsFile?: string;
}

const VALUE_FLAGS = new Set(['--expr', '--language', '--at', '--eps', '--atol', '--rtol', '--mode', '--inputs', '--loss', '--target', '--output']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { language: 'auto', bindings: new Map(), json: false, model: {} };
  if (argv[0] !== 'check') { throw new UsageError(argv.length === 0 ? 'missing command' : `unknown command '${argv[0]}'`); }
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') { args.json = true; continue; }
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
  return args;
}

function applyFlag(args: CliArgs, flag: string, value: string): void {
  switch (flag) {
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
    case '--inputs': args.inputsFile = value; break;
    case '--loss': args.model.loss = oneOf(flag, value, ['sum', 'l2', 'ce'] as const); break;
    case '--target': args.model.target = nonNegativeInteger(flag, value); break;
    case '--output': args.model.output = value; break;
  }
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

function nonNegativeInteger(flag: string, value: string): number {
  const n = parseNumber(flag, value);
  if (!Number.isInteger(n) || n < 0) { throw new UsageError(`${flag} must be a class index >= 0 (got ${value})`); }
  return n;
}

function readInput(args: CliArgs): InspectInput {
  if (args.expr !== undefined) { return { kind: 'text', text: args.expr, language: args.language }; }
  const file = args.file as string;
  if (file === '-') { return { kind: 'text', text: fs.readFileSync(0, 'utf8'), language: args.language }; }
  if (!fs.existsSync(file)) { throw new UsageError(`no such file: ${file}`); }
  const bytes = fs.readFileSync(file);
  if (file.toLowerCase().endsWith('.onnx')) {
    if (args.inputsFile !== undefined) { args.model.inputs = readInputsJson(args.inputsFile); }
    const dir = path.dirname(path.resolve(file));
    args.model.readExternal = async location => new Uint8Array(fs.readFileSync(path.resolve(dir, location)));
    return { kind: 'onnx', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName: path.basename(file) };
  }
  const language = args.language === 'auto' && file.endsWith('.py') ? 'python' : args.language;
  return { kind: 'text', text: bytes.toString('utf8'), language };
}

function readInputsJson(file: string): Record<string, Nested> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
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

function printReport(inspection: Inspection, digits = 6): void {
  const out: string[] = [];
  const fmt = (x: number): string => formatNumber(x, digits);
  const value = inspection.value;
  out.push(`value: ${value.size === 1 ? fmt(value.data[0]) : `tensor ${shapeToString(value.shape)}`}`);
  // The verdict line says there is nothing to differentiate; the note would repeat it.
  for (const note of inspection.notes) { if (note !== NOTHING_TO_DIFFERENTIATE) { out.push(`note: ${visibleLine(note)}`); } }
  const check = inspection.check;
  const rows: string[][] = [['entry', 'value', 'analytic', 'numeric', 'abs err', 'rel err', 'status']];
  const entries: GradcheckEntry[] = check ? [...check.entries].sort((a, b) => a.leafId - b.leafId || a.flat - b.flat) : [];
  for (const e of entries) {
    const leaf = inspection.graph.nodes[e.leafId];
    const at = e.index.length ? `[${e.index.join(', ')}]` : '';
    const status = e.status === 'kink' ? `kink (${visibleLine(inspection.graph.nodes[e.kinkNode ?? e.leafId].label)})` : e.status === 'fail' ? 'FAIL' : 'pass';
    rows.push([`${visibleLine(e.leaf)}${at}`, fmt(leaf.value?.data[e.flat] ?? NaN), fmt(e.analytic), fmt(e.numeric), fmt(e.absError), fmt(e.relError), status]);
  }
  if (rows.length > 1) { out.push('', ...table(rows), ''); }
  for (const [leaf, d] of inspection.derivatives ?? []) { out.push(`∂output/∂${visibleLine(leaf)} = ${visibleLine(d.text)}`); }
  if (inspection.derivatives?.size) { out.push(''); }
  if (!check) {
    for (const [name, grad] of inspection.gradients) { out.push(`∂output/∂${visibleLine(name)}: ${JSON.stringify(grad.toNested())}`); }
  } else if (check.totalEntries === 0) {
    out.push(NOTHING_TO_DIFFERENTIATE);
  } else {
    const verdict = check.cancelled ? 'CANCELLED' : check.passed ? 'PASSED' : 'FAILED';
    const dir = check.directional ? `; directional ${check.directional.status} (rel err ${fmt(check.directional.relError)})` : '';
    out.push(`gradient check ${verdict}: ${check.mode} mode, ${check.entries.length} of ${check.totalEntries} entries checked ` +
      `(${check.counts.pass} pass, ${check.counts.fail} fail, ${check.counts.kink} kink)${dir}; eps ${fmt(check.eps)}, atol ${fmt(check.atol)}, rtol ${fmt(check.rtol)}; ` +
      `max abs err ${fmt(check.maxAbsError)}, max rel err ${fmt(check.maxRelError)}`);
  }
  writeText(process.stdout, out.join('\n'));
}

/**
 * Every text-mode line goes out through here: a name or a message from a file cannot move the
 * cursor, retitle or clear the terminal, or reorder what is shown. Ends the text with a newline.
 */
function writeText(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${visibleLines(text)}${text.endsWith('\n') ? '' : '\n'}`);
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows.map(r => r.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    writeText(process.stdout, USAGE);
    return 0;
  }
  let text = '';
  try {
    const args = parseArgs(argv);
    const input = readInput(args);
    if (input.kind === 'text') { text = input.text; }
    const inspection = await inspect(input, {
      bindings: args.bindings,
      model: args.model,
      check: { eps: args.eps, atol: args.atol, rtol: args.rtol, mode: args.mode },
    });
    if (args.json) {
      process.stdout.write(`${controlSafeJson(JSON.stringify(cliJson(inspection)))}\n`);
    } else {
      printReport(inspection);
    }
    return inspection.check && !inspection.check.passed ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      writeText(process.stderr, `gradient-inspector: ${visibleLine(e.message)}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InspectError) {
      writeText(process.stderr, `gradient-inspector: ${visibleLine(formatError(e, text))}${e.expected ? ` (expected ${visibleLine(e.expected)})` : ''}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, e => {
    writeText(process.stderr, `gradient-inspector: internal error: ${(e as Error).stack ?? e}`);
    process.exitCode = 2;
  });
}
