// Hover tooltips: the block around the hovered position is inspected (cached by document version
// and block), then a leaf shows its value, ∂output/∂leaf and its check status, an operator or call
// its sub-expression's value and adjoint. No expression, too big, or any error: no hover, quickly.
import * as vscode from 'vscode';
import type { GradcheckOptions } from '../engine/gradcheck-types';
import type { GraphNode } from '../engine/graph';
import type { SymbolicDerivative } from '../engine/symbolic';
import type { Tensor } from '../engine/tensor';
import { shapeToString } from '../engine/tensor';
import type { HandwrittenResult } from '../handwritten/types';
import { Inspection, NOTHING_TO_DIFFERENTIATE } from '../inspect';
import type { WireStatus, WireValueSource } from '../protocol';
import { worstStatus } from '../wire';
import { AnalysedBlock, analysedBlock, toDocOffset, toTextOffset } from '../io/block';
import { BlockValues, CheckRunner, inspectBlock } from './checks';
import { claimBlocks } from './hover-claims';
import { documentLines } from './document-lines';
import { formatNumber, formatTensor } from './format';
import { Block, code, HOVER_COMMANDS, hoverMarkdown, Inline, md, paragraph, strong, strongCode } from './hover-markdown';
import { texToSvgDataUri } from './math-image';
import { checkOptions, HOVER_MEMORY_MIB, hoverSettings, panelSettings } from './settings';
import type { ValueStore } from './values';

export const HOVER_LANGUAGES = ['python', 'plaintext', 'markdown'];
/** Blocks longer than this are not analysed for a hover. */
const MAX_HOVER_TEXT = 20_000;
const CACHE_SIZE = 32;
/** The hover's gradient check stops after this long; entries not reached show as not checked. */
const HOVER_CHECK_BUDGET_MS = 750;
/** An identifier, with a LaTeX subscript (`w_0`, `x_{i}`). */
const NAME_AT = /[A-Za-z_][A-Za-z0-9_]*(?:_\{[A-Za-z0-9]+\})?/;

interface Analysed {
  block: AnalysedBlock;
  inspection: Inspection;
}

export class GradientHoverProvider implements vscode.HoverProvider {
  private readonly cache = new Map<string, Promise<Inspection | undefined>>();

  constructor(private readonly runner: CheckRunner, private readonly values: ValueStore) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      const analysed = await this.analyse(document, position);
      return analysed ? this.hoverFor(document, position, analysed) : undefined;
    } catch {
      // A hover never reports errors: Check Gradient is where errors are shown.
      return undefined;
    }
  }

  private async analyse(document: vscode.TextDocument, position: vscode.Position): Promise<Analysed | undefined> {
    const settings = hoverSettings();
    if (!settings.enabled || document.lineAt(position.line).isEmptyOrWhitespace) { return undefined; }
    const offset = document.offsetAt(position);
    const paused = await this.runner.pausedIn(document);
    const block = analysedBlock(documentLines(document), document.languageId, offset, offset, { wholeFileForCallSites: !paused });
    if (!block || block.text.length > MAX_HOVER_TEXT || toTextOffset(block, offset) === undefined) { return undefined; }
    const check = checkOptions(panelSettings());
    const values = await this.runner.valuesFor(document, block);
    const key = `${document.uri.toString()}@${document.version}/${this.values.generation}/${values.frameKey}:${block.docStart}-${block.docEnd}:${JSON.stringify(check)}:${settings.maxNodes}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.inspectQuietly(document, block, values, check, settings.maxNodes);
      this.remember(key, pending);
    }
    const inspection = await pending;
    return inspection ? { block, inspection } : undefined;
  }

  private async inspectQuietly(document: vscode.TextDocument, block: AnalysedBlock, values: BlockValues, check: GradcheckOptions, maxNodes: number): Promise<Inspection | undefined> {
    const deadline = Date.now() + HOVER_CHECK_BUDGET_MS;
    try {
      const inspection = await inspectBlock(document, block, values.bindings, {
        check: { ...check, isCancelled: () => Date.now() > deadline },
        maxNodes,
        memoryMiB: HOVER_MEMORY_MIB,
        symbolic: block.language === 'latex',
      }, values.lookups);
      inspection.valueSource = values.source();
      return inspection;
    } catch {
      return undefined;
    }
  }

  private remember(key: string, value: Promise<Inspection | undefined>): void {
    this.cache.set(key, value);
    while (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) { break; }
      this.cache.delete(oldest);
    }
  }

  private hoverFor(document: vscode.TextDocument, position: vscode.Position, { block, inspection }: Analysed): vscode.Hover | undefined {
    const textOffset = toTextOffset(block, document.offsetAt(position));
    if (textOffset === undefined) { return undefined; }
    const digits = panelSettings().significantDigits;
    const wordRange = document.getWordRangeAtPosition(position, NAME_AT);
    const word = wordRange ? document.getText(wordRange).replace(/[{}]/g, '') : undefined;
    const leafByName = word !== undefined ? inspection.leaves.find(l => l.name === word) : undefined;
    const node = leafByName ?? smallestNodeAt(inspection, textOffset);
    const handwritten = word !== undefined ? handwrittenAt(inspection, word, textOffset) : undefined;
    const claims = claimBlocks(inspection, textOffset, digits);
    if (!node && !handwritten && claims.length === 0) { return undefined; }
    const body = [
      ...(handwritten ? handwrittenText(handwritten, digits) : []),
      ...(!node ? [] : node.kind === 'leaf' ? leafText(node, inspection, digits) : subExpressionText(node, inspection, digits)),
    ];
    const nothing = inspection.leaves.length === 0 ? [paragraph(md`${NOTHING_TO_DIFFERENTIATE}`)] : [];
    const frame = inspection.valueSource ? [paragraph(md`${frameText(inspection.valueSource)}`)] : [];
    const markdown = new vscode.MarkdownString(hoverMarkdown([...frame, ...claims, outputLine(inspection, digits), ...nothing, ...body, openPanelLink(document, document.offsetAt(position))]));
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    const range = (leafByName || handwritten) && wordRange ? wordRange : node ? nodeRange(document, block, node) : undefined;
    return new vscode.Hover(markdown, range);
  }
}

/** The hand-written gradient called `name` computed by the function around the offset, else the first of that name. */
function handwrittenAt(inspection: Inspection, name: string, offset: number): HandwrittenResult | undefined {
  const named = (inspection.handwritten ?? []).filter(h => h.name === name);
  return named.find(h => h.definition.start <= offset && offset <= h.definition.end) ?? named[0];
}

function handwrittenText(h: HandwrittenResult, digits: number): Block[] {
  const worst = h.worst[0];
  const blocks = [
    paragraph(md`hand-written ${strong(h.name)} (${code(h.function)}) vs true ∂/∂${h.of}: ${h.passed ? 'pass' : 'FAIL'} — ${h.diagnosis}`),
    paragraph(md`hand-written = ${tensorPiece(h.value, digits)}`),
    paragraph(md`true (autograd) = ${tensorPiece(h.truth, digits)}`),
  ];
  if (!h.passed && worst) {
    const numeric = worst.numeric === undefined ? '' : `, numeric ${formatNumber(worst.numeric, digits)}`;
    blocks.push(paragraph(md`worst entry ${code(`${h.name}${worst.index}`)}: hand-written ${formatNumber(worst.handwritten, digits)}, autograd ${formatNumber(worst.autograd, digits)}${numeric}`));
  }
  return blocks;
}

/** The op or leaf node with the smallest source range containing the offset. */
function smallestNodeAt(inspection: Inspection, offset: number): GraphNode | undefined {
  let best: GraphNode | undefined;
  for (const id of inspection.order) {
    const n = inspection.graph.nodes[id];
    if (n.kind === 'constant' || !n.range || offset < n.range.start || offset > n.range.end) { continue; }
    if (!best?.range || n.range.end - n.range.start < best.range.end - best.range.start) { best = n; }
  }
  return best;
}

function nodeRange(document: vscode.TextDocument, block: AnalysedBlock, node: GraphNode): vscode.Range | undefined {
  if (!node.range) { return undefined; }
  return new vscode.Range(document.positionAt(toDocOffset(block, node.range.start)), document.positionAt(toDocOffset(block, node.range.end)));
}

function tensorPiece(t: Tensor | undefined, digits: number): Inline | string {
  return t ? code(formatTensor(t, digits)) : '(not computed)';
}

function shapeSuffix(t: Tensor | undefined): string {
  return t && t.rank > 0 ? ` ${shapeToString(t.shape)}` : '';
}

function outputLine(inspection: Inspection, digits: number): Block {
  const summed = inspection.summedOutput && inspection.value.size > 1 ? ' (gradients are of its sum)' : '';
  return paragraph(md`output${shapeSuffix(inspection.value)} = ${tensorPiece(inspection.value, digits)}${summed}`);
}

/** Plain text: "values from the paused frame train_step (train.py:42)". */
function frameText(source: WireValueSource): string {
  const where = source.file === '' ? `line ${source.line}` : `${source.file}:${source.line}`;
  return `values from the paused frame ${source.frame} (${where})`;
}

/** " (from the paused frame)", " (stand-in: …)" or nothing. */
function leafOrigin(name: string, source: WireValueSource | undefined): string {
  if (!source?.names.includes(name)) { return ''; }
  return source.standIns.some(s => s.name === name)
    ? ' (a seeded stand-in: the frame\'s array is above gradientInspector.debug.maxEntries, so only its shape and summary were read)'
    : ' (from the paused frame)';
}

function leafText(leaf: GraphNode, inspection: Inspection, digits: number): Block[] {
  const name = leaf.name ?? leaf.label;
  const blocks = [
    paragraph(md`${strong(name)}${shapeSuffix(leaf.value)} = ${tensorPiece(leaf.value, digits)}${leafOrigin(name, inspection.valueSource)}`),
    paragraph(md`∂output/∂${name} = ${tensorPiece(leaf.grad, digits)}`),
    paragraph(md`gradient check: ${checkStatusText(leaf, inspection, digits)}`),
  ];
  const symbolic = inspection.derivatives?.get(name);
  if (symbolic) {
    const plain = paragraph(md`∂output/∂${name} = ${code(symbolic.text)}`);
    blocks.push(...(inspection.language === 'latex' ? [derivativeAsMath(name, symbolic), plain] : [plain]));
  }
  return blocks;
}

/**
 * Hover Markdown does not render math: the derivative is an SVG image, its alt text the plain form,
 * its title the LaTeX. If MathJax cannot typeset it, the LaTeX is shown as code.
 */
function derivativeAsMath(name: string, symbolic: SymbolicDerivative): Block {
  const latex = `\\frac{\\partial\\,\\mathrm{output}}{\\partial ${latexName(name)}} = ${symbolic.latex}`;
  const image = texToSvgDataUri(latex, { color: mathColor(), display: true });
  if (!image) { return { kind: 'codeBlock', language: 'latex', code: latex }; }
  return paragraph([{ kind: 'image', dataUri: image, alt: `∂output/∂${name} = ${symbolic.text}`, title: latex }]);
}

/** An image does not take the hover's text colour: near-black on light themes, near-white on dark ones. */
function mathColor(): string {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? '#1f1f1f' : '#e0e0e0';
}

function subExpressionText(node: GraphNode, inspection: Inspection, digits: number): Block[] {
  const source = node.range ? inspection.text.slice(node.range.start, node.range.end) : node.label;
  return [
    paragraph(md`${strongCode(source.length > 80 ? `${source.slice(0, 77)}…` : source)} (${node.label})${shapeSuffix(node.value)} = ${tensorPiece(node.value, digits)}`),
    paragraph(md`adjoint ∂output/∂(this) = ${tensorPiece(node.grad, digits)}`),
  ];
}

/** Plain text: the caller escapes it as one piece. */
function checkStatusText(leaf: GraphNode, inspection: Inspection, digits: number): string {
  const check = inspection.check;
  if (!check) { return 'not run'; }
  const entries = check.entries.filter(e => e.leafId === leaf.id);
  const status = entries.reduce<WireStatus | undefined>((worst, e) => worstStatus(worst, e.status), undefined);
  if (!status) {
    if (check.cancelled) { return 'not checked within the hover\'s time limit (run Check Gradient)'; }
    return check.mode === 'fast' ? 'not sampled (fast mode)' : 'not checked';
  }
  if (status === 'pass') { return 'pass'; }
  if (status === 'kink') {
    const kink = entries.find(e => e.status === 'kink')?.kinkNode;
    return kink !== undefined ? `kink (at ${inspection.graph.nodes[kink].label})` : 'kink';
  }
  const worst = entries.filter(e => e.status === 'fail').reduce((m, e) => Math.max(m, e.relError), 0);
  return `FAIL (max rel. error ${formatNumber(worst, Math.min(digits, 3))})`;
}

/** The link re-finds the block from the hovered offset, as the hover did. */
function openPanelLink(document: vscode.TextDocument, offset: number): Block {
  return paragraph([{
    kind: 'link', label: 'Open Gradient Inspector', command: 'gradientInspector.openPanel',
    args: [document.uri.toString(), { start: offset, end: offset }],
    title: 'Show the graph, every value and gradient, and the check',
  }]);
}

/** `w_0` → `w_{0}`; other underscores escaped so LaTeX does not read them as subscripts. */
function latexName(name: string): string {
  const m = /^([A-Za-z]+)_(\w+)$/.exec(name);
  return m ? `${m[1]}_{${m[2]}}` : name.replace(/_/g, '\\_');
}
