// The CLI on a Markdown or text file: every formula in it (or those on --line N) is checked in
// turn, each at the values given above it (then --at), and reported with its place in the file.
// Exit status: the worst of them (2 if any could not be analysed, else 1 if any check failed).
import { formatError, InspectError, lineColumnAt } from './engine/errors';
import type { GradcheckOptions } from './engine/gradcheck-types';
import { Inspection, InspectLimits, NOTHING_TO_DIFFERENTIATE } from './inspect';
import { inspectAnalysedBlock } from './inspect-block';
import { AnalysedBlock, toDocOffset } from './io/block';
import type { FileBlocks } from './io/file-blocks';
import type { SourceLines } from './io/source-lines';
import { Bindings, parseBindings } from './lang/bindings';
import { cliJson, CliJson, CliJsonCheck } from './cli-json';
import { isConstant, reportLines } from './cli-report';
import { writeJson, writeText } from './cli-output';
import { visibleLine } from './visible-text';
import { formatNumber } from './format';
import type { LatexDocument } from './lang/latex-definitions';
import { scopeOf } from './io/latex-scope';
import { claimLines, failedClaims } from './cli-claims';

export interface FormulaRunOptions {
  /** --at values: they override the file's values lines. */
  bindings: Bindings;
  check: GradcheckOptions;
  limits: InspectLimits;
  json: boolean;
  /** The LaTeX definitions of the whole file (Markdown), in scope for every formula. */
  document?: LatexDocument;
  /** --random: seeded values for every variable without one. */
  random: boolean;
  /** --order 2: the second-order check of each formula too. */
  order?: 1 | 2;
}

type FormulaStatus = 'passed' | 'failed' | 'error' | 'constant';

interface FormulaResult {
  block: AnalysedBlock;
  line: number;
  column: number;
  text: string;
  status: FormulaStatus;
  inspection?: Inspection;
  error?: { message: string; line?: number; column?: number };
}

/** Longest formula text echoed in a header; the rest is elided. */
const ECHOED_FORMULA_CHARS = 120;

export async function checkFormulas(fileName: string, fileText: string, source: SourceLines, found: FileBlocks, options: FormulaRunOptions): Promise<number> {
  const results: FormulaResult[] = [];
  for (const block of found.blocks) { results.push(await checkFormula(fileText, source, block, options)); }
  const prose = found.prose.map(line => line + 1);
  if (options.json) {
    writeJson(process.stdout, jsonReport(fileName, fileText, results, prose));
  } else {
    writeText(process.stdout, textReport(fileName, results, prose));
  }
  return exitStatus(results);
}

async function checkFormula(fileText: string, source: SourceLines, block: AnalysedBlock, options: FormulaRunOptions): Promise<FormulaResult> {
  const at = lineColumnAt(fileText, block.docStart);
  const place = { block, line: at.line, column: at.column, text: block.text };
  let bindings: Bindings;
  try {
    bindings = block.valuesText ? parseBindings(block.valuesText) : new Map();
  } catch (err) {
    return { ...place, status: 'error', error: { message: `the values above the formula do not read: ${errorMessage(err)}` } };
  }
  for (const [name, value] of options.bindings) { bindings.set(name, value); }
  try {
    const inspection = await inspectAnalysedBlock(source, block, bindings,
      { check: options.check, ...options.limits, latex: scopeOf(block, options.document), randomUnbound: options.random, order: options.order });
    const secondOrderFailed = inspection.secondOrder?.passed === false;
    const status = failedClaims(inspection) > 0 || secondOrderFailed ? 'failed' : isConstant(inspection) ? 'constant' : inspection.check?.passed ? 'passed' : 'failed';
    return { ...place, status, inspection };
  } catch (err) {
    if (!(err instanceof InspectError)) { throw err; }
    return { ...place, status: 'error', error: fileError(err, block, fileText) };
  }
}

/** An error with its place in the file (a range in the block's text mapped back through its pieces). */
export function fileError(err: InspectError, block: AnalysedBlock, fileText: string): { message: string; line?: number; column?: number } {
  const message = `${err.range ? err.message : formatError(err)}${err.expected ? ` (expected ${err.expected})` : ''}`;
  if (!err.range) { return { message }; }
  const { line, column } = lineColumnAt(fileText, toDocOffset(block, err.range.start));
  return { message, line, column };
}

function errorMessage(err: unknown): string {
  return err instanceof InspectError ? formatError(err) : err instanceof Error ? err.message : String(err);
}

function exitStatus(results: readonly FormulaResult[]): number {
  if (results.some(r => r.status === 'error')) { return 2; }
  return results.some(r => r.status === 'failed') ? 1 : 0;
}

function textReport(fileName: string, results: readonly FormulaResult[], prose: readonly number[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${fileName}:${r.line}:${r.column}: ${echoed(r.text)}`);
    // A constant (a number quoted in prose, say) gets its value only, not the notes about unused values.
    if (r.inspection) { out.push(...(r.status === 'constant' ? [`value: ${formatNumber(r.inspection.value.data[0], 6)}`, NOTHING_TO_DIFFERENTIATE] : reportLines(r.inspection))); }
    if (r.inspection?.claims) { out.push(...claimLines(r.inspection.claims)); }
    if (r.error) { out.push(`error: ${r.error.line !== undefined ? `${fileName}:${r.error.line}:${r.error.column}: ` : ''}${visibleLine(r.error.message)}`); }
    out.push('');
  }
  const count = (status: FormulaStatus): number => results.filter(r => r.status === status).length;
  out.push(`${fileName}: ${results.length} formula${results.length === 1 ? '' : 's'}: ${count('passed')} passed, ${count('failed')} failed, ` +
    `${count('error')} not analysed, ${count('constant')} without variables (nothing to differentiate)`);
  if (prose.length > 0) { out.push(`${fileName}: read as prose, not checked: line${prose.length === 1 ? '' : 's'} ${lineRanges(prose)}`); }
  return out.join('\n') + '\n';
}

function jsonReport(fileName: string, fileText: string, results: readonly FormulaResult[], prose: readonly number[]): unknown {
  return {
    file: fileName,
    formulas: results.map(r => {
      const entry: { line: number; column: number; text: string; status: FormulaStatus; result?: CliJson; error?: FormulaResult['error'] } =
        { line: r.line, column: r.column, text: r.text, status: r.status };
      if (r.inspection) { entry.result = jsonInFile(cliJson(r.inspection), r.block, fileText); }
      if (r.error) { entry.error = r.error; }
      return entry;
    }),
    prose,
  };
}

/** The JSON of a block's inspection with its nodes' ranges as places in the file, not in the block. */
export function jsonInFile(json: CliJson, block: AnalysedBlock, fileText: string): CliJson {
  for (const node of json.graph.nodes) {
    if (!node.range) { continue; }
    const start = toDocOffset(block, node.range.start);
    const { line, column } = lineColumnAt(fileText, start);
    node.range = { ...node.range, start, end: toDocOffset(block, node.range.end), line, column };
  }
  const wrong = json.check?.wrongNode;
  if (wrong?.range) {
    const start = toDocOffset(block, wrong.range.start);
    json.check = { ...json.check as CliJsonCheck, wrongNode: { ...wrong, range: { start, end: toDocOffset(block, wrong.range.end) }, ...lineColumnAt(fileText, start) } };
  }
  return json;
}

/** A formula on one line for a header: line breaks shown as spaces, a long one cut. */
function echoed(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > ECHOED_FORMULA_CHARS ? `${flat.slice(0, ECHOED_FORMULA_CHARS)}…` : flat;
}

/** 1, 2, 3, 7 → "1–3, 7". */
function lineRanges(lines: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) { j++; }
    parts.push(j > i ? `${lines[i]}–${lines[j]}` : `${lines[i]}`);
    i = j;
  }
  return parts.join(', ');
}
