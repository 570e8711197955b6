// "Check Gradient": gathers the input (the selection or block of a text document, or an .onnx
// file), runs inspect(), asks for unbound values, runs the gradient check with progress and Cancel,
// and sends the result to the document's panel; errors become messages and Problems entries.
import * as vscode from 'vscode';
import { showError, showInfo } from './notify';
import { formatError, InspectError } from '../engine/errors';
import { gradcheck } from '../engine/gradcheck';
import { replayInPrecision } from '../engine/precision-replay';
import { Budget } from '../engine/limits';
import type { GradcheckResult } from '../engine/gradcheck-types';
import { inspect, Inspection, InspectOptions } from '../inspect';
import { inspectAnalysedBlock, UnboundLookup } from '../inspect-block';
import type { FrameValues } from '../debug/frame-values';
import { Bindings, parseBindings } from '../lang/bindings';
import { SideFileError, SideFileReader } from '../io/side-files';
import type { PanelSettings, WireValueSource } from '../protocol';
import { toWireInspection } from '../wire';
import { AnalysedBlock, analysedBlock, toDocOffset } from '../io/block';
import type { Anchor } from './anchor';
import { DebugFrames, valueSourceOf } from './debug-frame';
import { CheckDiagnostics } from './diagnostics';
import { externalDataReader } from './external-data';
import { askFunctionArguments, FunctionCall } from './function-arguments';
import { baseName, documentLines } from './document-lines';
import { latexScopeFor } from './latex-scope';
import { InspectorPanel, ONNX_EDITOR_VIEW_TYPE, PanelRegistry } from './panel';
import { proposeValues } from './prefill';
import { secondOrderPart } from '../inspect-second-order';
import { checkOptions, limitSettings, onnxDimensionSettings, panelSettings, replayPrecision } from './settings';
import { ValueStore } from './values';

/** A check that takes longer than this gets a progress notification with Cancel. */
const PROGRESS_NOTIFICATION_AFTER_MS = 400;
/** …and the panel gets the graph and values before the check ends. */
const PARTIAL_RESULT_AFTER_MS = 250;
const PROGRESS_MESSAGE_INTERVAL_MS = 100;
/** Prompts for unbound values in one check (each answer may reveal more unbound names). */
const MAX_VALUE_PROMPTS = 3;

export class CheckRunner {
  readonly diagnostics: CheckDiagnostics;
  /** ONNX models (URI strings) whose external data Restricted Mode kept from being read. */
  private readonly awaitingTrust = new Set<string>();

  constructor(
    private readonly panels: PanelRegistry,
    private readonly values: ValueStore,
    private readonly log: vscode.OutputChannel,
    private readonly frames: DebugFrames,
  ) {
    this.diagnostics = new CheckDiagnostics((document, anchor) => this.revalidate(document, anchor));
  }

  /** The command: an .onnx URI argument, or the active editor's selection or block. */
  async checkGradient(arg?: unknown, rangeArg?: unknown): Promise<void> {
    if (arg instanceof vscode.Uri && isOnnx(arg)) { return this.checkOnnx(arg); }
    if (typeof arg === 'string' && isOffsetRange(rangeArg)) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
      return this.checkDocument(document, { start: rangeArg.start, end: rangeArg.end });
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      const onnx = activeOnnxEditorUri();
      if (onnx) { return this.checkOnnx(onnx); }
      showInfo('open a file and select an expression (or put the cursor on one) to check its gradient.');
      return;
    }
    const { document, selection } = editor;
    return this.checkDocument(document, { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) });
  }

  /**
   * Checks the block at `anchor`. `quiet` (a refresh after a debugger step): names nobody can give
   * are reported in the panel instead of asked for.
   */
  async checkDocument(document: vscode.TextDocument, anchor: Anchor, settings: PanelSettings = panelSettings(), quiet = false): Promise<void> {
    const paused = await this.pausedIn(document);
    if (!paused && !quiet && await this.checkUncalledFunction(document, anchor, settings)) { return; }
    const block = analysedBlock(documentLines(document), document.languageId, anchor.start, anchor.end, { wholeFileForCallSites: !paused });
    if (!block) {
      if (!quiet) { showInfo('no expression here. Select one, or put the cursor on a line of code or inside a $…$ formula.'); }
      return;
    }
    const documentUri = document.uri.toString();
    let values: BlockValues;
    try {
      values = await this.valuesFor(document, block);
    } catch (err) {
      showError(`the values line above the expression does not read: ${errorMessage(err)}`);
      return;
    }
    for (let prompts = 0; ; prompts++) {
      let inspection: Inspection;
      try {
        inspection = await inspectBlock(document, block, values.bindings, { check: false, ...limitSettings() }, values.lookups);
      } catch (err) {
        const names = isUnbound(err) ? err.detail ?? [] : [];
        if (names.length > 0 && quiet) {
          this.panels.panel(documentUri)?.post({ type: 'error', message: `no value for ${names.join(', ')} in the paused frame${unreadableText(values.source())}` });
          return;
        }
        if (names.length > 0 && prompts < MAX_VALUE_PROMPTS) {
          const answer = await this.askValues(documentUri, names, block.text, values.source());
          if (answer) {
            for (const [name, value] of answer) { values.bindings.set(name, value); }
            continue;
          }
          showInfo(`no values given for ${names.join(', ')}; nothing was checked.`);
          return;
        }
        this.showTextError(document, block, err, anchor);
        return;
      }
      inspection.valueSource = values.source();
      await this.showChecked(document, block, anchor, inspection, settings);
      return;
    }
  }

  /**
   * With the cursor in a function nothing calls: asks for its arguments (proposed from its
   * docstring and code) and checks the file with the call appended. False when no call can be
   * proposed, and the function's body is then read as a block.
   */
  private async checkUncalledFunction(document: vscode.TextDocument, anchor: Anchor, settings: PanelSettings): Promise<boolean> {
    if (anchor.start !== anchor.end || document.languageId !== 'python') { return false; }
    let call: FunctionCall | 'cancelled' | undefined;
    try {
      call = await askFunctionArguments(document, document.positionAt(anchor.start).line, this.values);
    } catch (err) {
      showError(`the arguments do not read: ${errorMessage(err)}`);
      return true;
    }
    if (call === undefined) { return false; }
    if (call === 'cancelled') {
      showInfo('no arguments given; nothing was checked.');
      return true;
    }
    let inspection: Inspection;
    try {
      inspection = await inspectBlock(document, call.block, new Map(), { check: false, ...limitSettings() });
    } catch (err) {
      this.showTextError(document, call.block, err, anchor);
      return true;
    }
    inspection.notes.unshift(call.note);
    await this.showChecked(document, call.block, anchor, inspection, settings, `${baseName(document.uri)}: ${call.function}`);
    return true;
  }

  /** Shows the inspection in the document's panel, runs the check, and reports a failure in Problems. */
  private async showChecked(document: vscode.TextDocument, block: AnalysedBlock, anchor: Anchor, inspection: Inspection, settings: PanelSettings, title = titleFor(document, block)): Promise<void> {
    const documentUri = document.uri.toString();
    this.diagnostics.clear(document.uri);
    const panel = this.panels.show(documentUri, title);
    panel.source = { kind: 'text', documentUri, block, anchor };
    const check = await this.complete(panel, inspection, settings, title);
    if (check && !check.passed && !check.cancelled) {
      this.diagnostics.showCheckFailure(document, block, failureMessage(check), anchor);
    }
  }

  /** Whether a paused Python debug frame gives this document's values (the body of a function is then read as a block). */
  async pausedIn(document: vscode.TextDocument): Promise<boolean> {
    return await this.frames.frameFor(document) !== undefined;
  }

  /**
   * Values for a block and where to look for the names it leaves unbound. In a paused Python debug
   * frame, the frame is asked first, then the values the user gave; otherwise those are bound up front.
   */
  async valuesFor(document: vscode.TextDocument, block: AnalysedBlock): Promise<BlockValues> {
    const given = this.bindingsFor(document.uri.toString(), block);
    const frame = await this.frames.frameFor(document);
    if (!frame) { return { bindings: given, lookups: [], source: () => undefined, frameKey: '' }; }
    const read: FrameValues[] = [];
    const fromFrame: UnboundLookup = async names => {
      const values = await this.frames.values(frame, names);
      read.push(values);
      return values.bindings;
    };
    const fromGiven: UnboundLookup = names => new Map([...given].filter(([name]) => names.includes(name)));
    return { bindings: new Map(), lookups: [fromFrame, fromGiven], source: () => read.length > 0 ? valueSourceOf(frame, read) : undefined, frameKey: frame.key };
  }

  /** After a debugger step or stop: panels whose values came from a frame show the new frame's. */
  async refreshFromDebugger(): Promise<void> {
    for (const panel of this.panels.all()) {
      const source = panel.source;
      if (source?.kind !== 'text' || !panel.inspection?.valueSource) { continue; }
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.documentUri));
      if (!await this.frames.frameFor(document)) { continue; }
      await this.checkDocument(document, source.anchor, panelSettings(), true);
    }
  }

  /**
   * Values for a block: the document's `values:` line, overridden by what the user gave, except for
   * names the block assigns itself (the code in front of the user wins over an older answer).
   */
  bindingsFor(documentUri: string, block: AnalysedBlock): Bindings {
    const bindings: Bindings = block.valuesText ? parseBindings(block.valuesText) : new Map();
    for (const [name, value] of this.values.get(documentUri)) {
      if (!assignsName(block.text, name)) { bindings.set(name, value); }
    }
    return bindings;
  }

  async checkOnnx(uri: vscode.Uri, target?: InspectorPanel, settings: PanelSettings = panelSettings()): Promise<void> {
    const key = uri.toString();
    const title = baseName(uri);
    const panel = target ?? this.panels.editor(key) ?? this.panels.show(key, title);
    panel.source = { kind: 'onnx', uri: key };
    try {
      const limits = limitSettings();
      // The budget sees the file's size before a byte of it is read.
      new Budget(limits).chargeModelFile((await vscode.workspace.fs.stat(uri)).size);
      const bytes = await vscode.workspace.fs.readFile(uri);
      const inspection = await inspect(
        { kind: 'onnx', bytes, fileName: title },
        { check: false, model: { readExternal: this.untrustedRefusalsNoted(key, externalDataReader(uri)), dimensionDefaults: onnxDimensionSettings() }, ...limits },
      );
      await this.complete(panel, inspection, settings, title);
    } catch (err) {
      const message = err instanceof InspectError ? formatError(err) : errorMessage(err);
      if (!(err instanceof InspectError)) { this.log.appendLine(`ONNX check of ${key} failed: ${err instanceof Error ? err.stack : message}`); }
      showError(`${title}: ${message}`);
      panel.post({ type: 'error', message });
    }
  }

  /** Once the user trusts the workspace, the models refused for Restricted Mode are checked again. */
  async recheckAfterTrust(): Promise<void> {
    const keys = [...this.awaitingTrust];
    this.awaitingTrust.clear();
    for (const key of keys) {
      const panel = this.panels.editor(key) ?? this.panels.panel(key);
      if (panel) { await this.checkOnnx(vscode.Uri.parse(key), panel); }
    }
  }

  /** The reader, remembering the model when Restricted Mode kept it from its external data. */
  private untrustedRefusalsNoted(key: string, reader: SideFileReader): SideFileReader {
    return async request => {
      try {
        return await reader(request);
      } catch (err) {
        if (err instanceof SideFileError && err.problem === 'untrusted') { this.awaitingTrust.add(key); }
        throw err;
      }
    };
  }

  /** The panel's eps/atol/rtol/mode controls: re-check the kept graph, or re-analyse a restored panel's source. */
  async rerun(panel: InspectorPanel, settings: PanelSettings): Promise<void> {
    if (panel.inspection && panel.wire) {
      await this.complete(panel, panel.inspection, settings, panel.wire.title);
      return;
    }
    const source = panel.source ?? await restoredSource(panel);
    if (!source) {
      panel.post({ type: 'error', message: 'The analysed text is no longer in the document; run Check Gradient again.' });
      return;
    }
    if (source.kind === 'onnx') {
      await this.checkOnnx(vscode.Uri.parse(source.uri), panel, settings);
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.documentUri));
    await this.checkDocument(document, source.anchor, settings);
  }

  /** After new values: the document's panel, if any, shows its expression at those values. */
  async refresh(documentUri: string): Promise<void> {
    const source = this.panels.panel(documentUri)?.source;
    if (source?.kind !== 'text') { return; }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.documentUri));
    await this.checkDocument(document, source.anchor);
  }

  /** Runs the gradient check with progress, then sends the whole inspection. */
  private async complete(panel: InspectorPanel, inspection: Inspection, settings: PanelSettings, title: string): Promise<GradcheckResult | undefined> {
    replayIfAsked(inspection, settings);
    let check: GradcheckResult;
    try {
      check = await this.checkWithProgress(panel, inspection, settings, title);
    } catch (err) {
      const message = err instanceof InspectError ? formatError(err) : errorMessage(err);
      showError(`gradient check failed: ${message}`);
      // A kept graph re-checked with other settings: its previous check is not this one's result.
      delete inspection.check;
      panel.inspection = inspection;
      panel.post({ type: 'inspection', inspection: toWireInspection(inspection, title), settings });
      panel.post({ type: 'error', message });
      return undefined;
    }
    inspection.check = check;
    const secondOrder = secondOrderPart(inspection, 'auto', checkOptions(settings));
    inspection.secondOrder = secondOrder.secondOrder;
    inspection.secondOrderUnavailable = secondOrder.secondOrderUnavailable;
    panel.inspection = inspection;
    panel.post({ type: 'inspection', inspection: toWireInspection(inspection, title), settings });
    return check;
  }

  private checkWithProgress(panel: InspectorPanel, inspection: Inspection, settings: PanelSettings, title: string): Promise<GradcheckResult> {
    const started = Date.now();
    let cancelled = false, partialSent = false, lastMessage = started;
    let latest = { done: 0, total: 0 };
    let notify: ((done: number, total: number) => void) | undefined;
    const onProgress = (done: number, total: number): boolean => {
      latest = { done, total };
      const now = Date.now();
      if (!partialSent && now - started >= PARTIAL_RESULT_AFTER_MS) {
        partialSent = true;
        panel.post({ type: 'inspection', inspection: toWireInspection(inspection, title), settings });
      }
      if (now - lastMessage >= PROGRESS_MESSAGE_INTERVAL_MS) {
        lastMessage = now;
        panel.post({ type: 'progress', phase: 'gradient check', done, total });
      }
      notify?.(done, total);
      return cancelled;
    };
    const running = gradcheck(inspection.graph, inspection.output, { ...checkOptions(settings), onProgress, isCancelled: () => cancelled });
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Gradient Inspector: checking gradients', cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => { cancelled = true; });
          let reported = 0;
          notify = (done, total) => {
            const percent = total > 0 ? (100 * done) / total : 0;
            progress.report({ increment: percent - reported, message: `${done} of ${total} entries` });
            reported = percent;
          };
          notify(latest.done, latest.total);
          return running.then(() => undefined, () => undefined);
        },
      );
    }, PROGRESS_NOTIFICATION_AFTER_MS);
    return running.finally(() => clearTimeout(timer));
  }

  private async askValues(documentUri: string, names: readonly string[], text: string, frame: WireValueSource | undefined): Promise<Bindings | undefined> {
    const prefill = proposeValues(names, text);
    return this.values.prompt(documentUri, prefill, `Values for ${names.join(', ')}${unreadableText(frame)}`);
  }

  private showTextError(document: vscode.TextDocument, block: AnalysedBlock, err: unknown, anchor: Anchor): void {
    const panel = this.panels.panel(document.uri.toString());
    if (!(err instanceof InspectError)) {
      this.log.appendLine(`check of ${document.uri.toString()} failed: ${err instanceof Error ? err.stack : String(err)}`);
      showError(`${errorMessage(err)}`);
      panel?.post({ type: 'error', message: errorMessage(err) });
      return;
    }
    const inDocument = err.range
      ? new InspectError(err.message, err.kind, { start: toDocOffset(block, err.range.start), end: toDocOffset(block, err.range.end) }, err.expected, err.node, err.detail)
      : err;
    const located = formatError(inDocument, document.getText());
    showError(`${baseName(document.uri)}:${located}`);
    if (inDocument.range) {
      this.diagnostics.showError(document, block, err, anchor);
      const at = document.positionAt(inDocument.range.start);
      panel?.post({ type: 'error', message: err.message, location: `${at.line + 1}:${at.character + 1}` });
    } else {
      panel?.post({ type: 'error', message: err.message });
    }
  }

  /** After an edit: is there still a located error at the anchor? (Parse and lower only, no check.) */
  private async revalidate(document: vscode.TextDocument, anchor: Anchor): Promise<{ error: InspectError; block: AnalysedBlock } | undefined> {
    const block = analysedBlock(documentLines(document), document.languageId, anchor.start, anchor.end);
    if (!block) { return undefined; }
    try {
      await inspectBlock(document, block, this.bindingsFor(document.uri.toString(), block), { check: false, symbolic: false, ...limitSettings() });
      return undefined;
    } catch (err) {
      return err instanceof InspectError && err.range && err.kind !== 'unbound' ? { error: err, block } : undefined;
    }
  }
}

/** The settings' precision replay on the inspection's graph (after its float64 passes), or none. */
function replayIfAsked(inspection: Inspection, settings: PanelSettings): void {
  const type = replayPrecision(settings);
  if (type === undefined) {
    delete inspection.precision;
  } else if (inspection.precision?.type !== type) {
    inspection.precision = replayInPrecision(inspection.graph, inspection.output, inspection.order, type);
  }
}

/** inspect() on a block of a document (see inspectAnalysedBlock); `bindings` receives the values found in it. */
export function inspectBlock(document: vscode.TextDocument, block: AnalysedBlock, bindings: Bindings, options: Omit<InspectOptions, 'bindings'>, lookups: readonly UnboundLookup[] = []): Promise<Inspection> {
  return inspectAnalysedBlock(documentLines(document), block, bindings, { latex: latexScopeFor(document, block), ...options }, lookups);
}

/** A block's values: bound up front, looked up when unbound, and where they came from. */
export interface BlockValues {
  bindings: Bindings;
  lookups: readonly UnboundLookup[];
  source: () => WireValueSource | undefined;
  /** Identifies the paused frame the values come from ('' when none): a cache key. */
  frameKey: string;
}

/** " (not readable in the paused frame: x: NameError…)", or nothing. */
function unreadableText(source: WireValueSource | undefined): string {
  const unreadable = source?.unreadable ?? [];
  if (unreadable.length === 0) { return ''; }
  return ` (not readable in the paused frame: ${unreadable.map(u => `${u.name}: ${u.message}`).join('; ')})`;
}

function assignsName(text: string, name: string): boolean {
  return new RegExp(`^\\s*${name}\\s*=(?!=)`, 'mu').test(text);
}

function isOnnx(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.onnx');
}

function isOffsetRange(v: unknown): v is { start: number; end: number } {
  if (typeof v !== 'object' || v === null) { return false; }
  const r = v as { start?: unknown; end?: unknown };
  return typeof r.start === 'number' && typeof r.end === 'number' && r.start >= 0 && r.end >= r.start;
}

function isUnbound(err: unknown): err is InspectError {
  return err instanceof InspectError && err.kind === 'unbound';
}

export function activeOnnxEditorUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === ONNX_EDITOR_VIEW_TYPE ? input.uri : undefined;
}

/** Finds a restored panel's analysed text in its document again (the host forgot where it was). */
export async function restoredSource(panel: InspectorPanel): Promise<InspectorPanel['source']> {
  const wire = panel.wire;
  if (!wire) { return undefined; }
  const uri = vscode.Uri.parse(panel.documentUri);
  if (wire.language === 'onnx') { return { kind: 'onnx', uri: panel.documentUri }; }
  const document = await vscode.workspace.openTextDocument(uri);
  const start = document.getText().indexOf(wire.text);
  if (start < 0 || wire.text === '') { return undefined; }
  const block: AnalysedBlock = {
    text: wire.text, language: wire.language,
    segments: [{ textStart: 0, docStart: start, length: wire.text.length }],
    docStart: start, docEnd: start + wire.text.length,
  };
  return { kind: 'text', documentUri: panel.documentUri, block, anchor: { start: block.docStart, end: block.docEnd } };
}

export function titleFor(document: vscode.TextDocument, block: AnalysedBlock): string {
  const first = document.positionAt(block.docStart).line + 1;
  const last = document.positionAt(block.docEnd).line + 1;
  return `${baseName(document.uri)}:${first === last ? first : `${first}–${last}`}`;
}

function failureMessage(check: GradcheckResult): string {
  const failed = check.counts.fail;
  if (failed === 0 && check.directional?.status === 'fail') {
    return `Gradient check failed: the directional derivative disagrees (rel. error ${check.directional.relError.toPrecision(3)})`;
  }
  return `Gradient check failed: ${failed} of ${check.entries.length} checked entries disagree (max rel. error ${check.maxRelError.toPrecision(3)})`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
