// Validation of what the webview sends: a message is used only when its `type` is known and its
// fields have the right types. No vscode import (unit-tested).
import type { CheckModeSetting, CheckReferenceSetting, ExportFormat, FromWebview, PanelTab, PrecisionSetting, WebviewReport } from '../protocol';

export const PANEL_TABS: readonly PanelTab[] = ['graph', 'values', 'check', 'memory', 'derivatives', 'layers'];
const MODES: readonly CheckModeSetting[] = ['auto', 'full', 'fast'];
const REFERENCES: readonly CheckReferenceSetting[] = ['central', 'richardson', 'complex'];
const PRECISIONS: readonly PrecisionSetting[] = ['none', 'float32', 'bfloat16', 'float16'];
const FORMATS: readonly ExportFormat[] = ['svg', 'mermaid', 'csv', 'markdown'];
/** What the panel exports; the name goes into a notification and a file name. */
const EXPORT_SUBJECTS = ['graph', 'values', 'check'] as const;
/** Exports above this size are refused rather than written. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isPositive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function isNonNegative(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function oneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') { return undefined; }
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'revealNode':
      return isCount(raw.nodeId) ? { type: 'revealNode', nodeId: raw.nodeId } : undefined;
    case 'revealClaim':
      return isCount(raw.index) ? { type: 'revealClaim', index: raw.index } : undefined;
    case 'rerun':
      return parseRerun(raw);
    case 'requestNodeDetail':
      return isCount(raw.nodeId) ? { type: 'requestNodeDetail', nodeId: raw.nodeId } : undefined;
    case 'requestSweep':
      return isCount(raw.leafId) && isCount(raw.flat) ? { type: 'requestSweep', leafId: raw.leafId, flat: raw.flat } : undefined;
    case 'export':
      return oneOf(FORMATS, raw.format) && oneOf(EXPORT_SUBJECTS, raw.what) && typeof raw.content === 'string'
        && raw.content.length <= MAX_EXPORT_CHARS && (raw.destination === 'file' || raw.destination === 'clipboard')
        ? { type: 'export', format: raw.format, what: raw.what, content: raw.content, destination: raw.destination }
        : undefined;
    case 'tabChanged':
      return oneOf(PANEL_TABS, raw.tab) ? { type: 'tabChanged', tab: raw.tab } : undefined;
    case 'report':
      // The report only travels to the test seam, which checks its fields itself.
      return isRecord(raw.report) ? { type: 'report', report: raw.report as unknown as WebviewReport } : undefined;
    case 'webviewError':
      return typeof raw.message === 'string' ? { type: 'webviewError', message: raw.message.slice(0, 10_000) } : undefined;
    default:
      return undefined;
  }
}

/** The Re-run controls: the tolerances, and the reference and precision when the panel sends them (an older panel does not). */
function parseRerun(raw: Json): FromWebview | undefined {
  if (!(isPositive(raw.eps) && isNonNegative(raw.atol) && isNonNegative(raw.rtol) && oneOf(MODES, raw.mode))) { return undefined; }
  if ((raw.reference !== undefined && !oneOf(REFERENCES, raw.reference)) || (raw.precision !== undefined && !oneOf(PRECISIONS, raw.precision))) { return undefined; }
  return {
    type: 'rerun', eps: raw.eps, atol: raw.atol, rtol: raw.rtol, mode: raw.mode,
    ...(raw.reference === undefined ? {} : { reference: raw.reference }),
    ...(raw.precision === undefined ? {} : { precision: raw.precision }),
  };
}
