// What the panel asks the host to do (reveal a node's source, re-run, sweep, export), and the
// editor selection mirrored into the panel as highlighted nodes.
import * as vscode from 'vscode';
import { showInfo } from './notify';
import { InspectError, formatError } from '../engine/errors';
import { DEFAULT_SWEEP_STEPS, stepSizeSweep } from '../engine/gradcheck';
import type { ExportFormat, FromWebview, PanelSettings, SweepResult, WireInspection } from '../protocol';
import { toWireNodeDetail } from '../wire';
import { wireNumber } from '../wire-number';
import { AnalysedBlock, toDocOffset, toTextOffset } from '../io/block';
import { CheckRunner, restoredSource } from './checks';
import type { DocumentClaimsList } from './document-claims';
import type { InspectorPanel } from './panel';
import { panelSettings } from './settings';

const EXTENSIONS: Record<ExportFormat, string> = { svg: 'svg', mermaid: 'mmd', csv: 'csv', markdown: 'md' };
const FILTER_NAMES: Record<ExportFormat, string> = { svg: 'SVG image', mermaid: 'Mermaid diagram', csv: 'CSV table', markdown: 'Markdown' };

export class PanelActions {
  constructor(private readonly runner: CheckRunner, private readonly log: vscode.OutputChannel, private readonly documentClaims: DocumentClaimsList) {}

  async handle(panel: InspectorPanel, message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A new or re-created webview: its document's claims (the inspection is re-sent by the panel itself).
        this.documentClaims.publish(panel);
        break;
      case 'revealClaim':
        await this.documentClaims.reveal(panel, message.index);
        break;
      case 'revealNode':
        await this.revealNode(panel, message.nodeId);
        break;
      case 'rerun':
        await this.runner.rerun(panel, rerunSettings(message));
        break;
      case 'requestSweep':
        this.sweep(panel, message.leafId, message.flat);
        break;
      case 'requestNodeDetail':
        this.nodeDetail(panel, message.nodeId);
        break;
      case 'export':
        await this.export(panel, message.format, message.what, message.content, message.destination);
        break;
      case 'webviewError':
        this.log.appendLine(`webview of ${panel.documentUri}: ${message.message}`);
        break;
      default:
        break;
    }
  }

  /** Selects the node's source range in its editor. */
  private async revealNode(panel: InspectorPanel, nodeId: number): Promise<void> {
    panel.source ??= await restoredSource(panel);
    const source = panel.source;
    const node = panel.wire?.nodes.find(n => n.id === nodeId);
    if (source?.kind !== 'text' || !node?.range) { return; }
    const uri = vscode.Uri.parse(source.documentUri);
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(
      document.positionAt(toDocOffset(source.block, node.range.start)),
      document.positionAt(toDocOffset(source.block, node.range.end)),
    );
    const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === source.documentUri);
    const editor = visible ?? await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** A node's entries for a panel that received a large graph's summaries; nothing once the graph is gone (a reload). */
  private nodeDetail(panel: InspectorPanel, nodeId: number): void {
    const detail = panel.inspection ? toWireNodeDetail(panel.inspection, nodeId) : undefined;
    if (detail) { panel.post({ type: 'nodeDetail', nodeId, ...detail }); }
  }

  private sweep(panel: InspectorPanel, leafId: number, flat: number): void {
    const inspection = panel.inspection;
    if (!inspection) {
      panel.post({ type: 'error', message: 'Run Check Gradient again to sweep step sizes (the graph is not kept after a reload).' });
      return;
    }
    try {
      const points = stepSizeSweep(inspection.graph, inspection.output, leafId, flat, DEFAULT_SWEEP_STEPS, ['central', 'richardson', 'complex']);
      const leaf = inspection.graph.nodes[leafId];
      const sweep: SweepResult = {
        leaf: leaf.name ?? leaf.label,
        leafId,
        flat,
        analytic: wireNumber(leaf.grad?.data[flat] ?? 0),
        points: points.map(p => ({
          h: p.h, numeric: wireNumber(p.numeric), absError: wireNumber(p.absError),
          ...(p.richardsonError === undefined ? {} : { richardson: wireNumber(p.richardsonError) }),
          ...(p.complexError === undefined ? {} : { complex: wireNumber(p.complexError) }),
        })),
      };
      panel.post({ type: 'sweep', sweep });
    } catch (err) {
      panel.post({ type: 'error', message: err instanceof InspectError ? formatError(err) : String(err) });
    }
  }

  private async export(panel: InspectorPanel, format: ExportFormat, what: string, content: string, destination: 'file' | 'clipboard'): Promise<void> {
    if (destination === 'clipboard') {
      await vscode.env.clipboard.writeText(content);
      showInfo(`copied the ${what} (${format}) to the clipboard.`);
      return;
    }
    const fileName = `${what.replace(/[^\w.-]+/g, '-') || 'gradient-inspector'}.${EXTENSIONS[format]}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: defaultExportUri(panel.documentUri, fileName),
      filters: { [FILTER_NAMES[format]]: [EXTENSIONS[format]] },
      saveLabel: 'Export',
    });
    if (!target) { return; }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    showInfo(`exported the ${what} to ${target.path.split('/').pop() ?? target.toString()}.`);
  }
}

/** The settings with the Re-run controls' choices over them (the reference and precision only when sent). */
function rerunSettings(message: Extract<FromWebview, { type: 'rerun' }>): PanelSettings {
  const settings: PanelSettings = { ...panelSettings(), eps: message.eps, atol: message.atol, rtol: message.rtol, mode: message.mode };
  if (message.reference !== undefined) { settings.reference = message.reference; }
  if (message.precision !== undefined) { settings.precision = message.precision; }
  return settings;
}

function defaultExportUri(documentUri: string, fileName: string): vscode.Uri | undefined {
  const document = vscode.Uri.parse(documentUri);
  if (document.scheme === 'untitled' || document.scheme === 'vscode-notebook-cell') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
  }
  return vscode.Uri.joinPath(document, '..', fileName);
}

/**
 * Nodes to highlight for an editor selection: those whose source lies inside a non-empty selection,
 * else the smallest node containing it (the cursor's sub-expression).
 */
export function nodesForSelection(wire: WireInspection, block: AnalysedBlock, selectionStart: number, selectionEnd: number): number[] {
  const start = toTextOffset(block, selectionStart);
  const end = toTextOffset(block, selectionEnd);
  if (start === undefined || end === undefined) { return []; }
  if (end > start) {
    const inside = wire.nodes.filter(n => n.range && n.range.start >= start && n.range.end <= end && n.range.end > n.range.start);
    if (inside.length > 0) { return inside.map(n => n.id); }
  }
  let best: { id: number; length: number } | undefined;
  for (const n of wire.nodes) {
    if (!n.range || n.range.start > start || n.range.end < end) { continue; }
    const length = n.range.end - n.range.start;
    if (!best || length < best.length) { best = { id: n.id, length }; }
  }
  return best ? [best.id] : [];
}
