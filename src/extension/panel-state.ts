// The state a restored panel comes back with is input like any other: the serializer hands back
// whatever the webview stored, from disk, and the host would use it to open a document, read a
// model and title a tab. Only a state of the right shape, naming a document URI, is kept; the
// inspection's full structure is checked again by the webview before it is drawn. No vscode import.
import type { PanelState, PanelTab, WireInspection } from '../protocol';
import { PANEL_TABS } from './panel-messages';

/** Longer URIs and titles are not ones the extension wrote. */
export const MAX_URI_LENGTH = 8192;
export const MAX_TITLE_LENGTH = 512;
/** Schemes that name no document: running a command, a script, a web page, a URL handler. */
const NOT_DOCUMENTS = new Set(['command', 'javascript', 'data', 'http', 'https', 'mailto', 'vscode', 'vscode-insiders']);
const LANGUAGES: readonly WireInspection['language'][] = ['math', 'python', 'latex', 'onnx'];
const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):[^\s\p{Cc}\p{Cf}]*$/u;

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A document URI the extension could have analysed: `scheme:rest`, no spaces or controls, not too long. */
export function isDocumentUri(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URI_LENGTH) { return false; }
  const match = URI.exec(value);
  return match !== null && !NOT_DOCUMENTS.has(match[1].toLowerCase());
}

/**
 * What the host itself reads of a restored inspection: the title (the tab's name), the language and
 * the analysed text (to find it again in the document), the nodes and the output.
 */
function isRestorableInspection(value: unknown): value is WireInspection {
  return isRecord(value)
    && typeof value.title === 'string' && value.title.length <= MAX_TITLE_LENGTH
    && typeof value.language === 'string' && (LANGUAGES as readonly string[]).includes(value.language)
    && typeof value.text === 'string'
    && typeof value.output === 'number' && Array.isArray(value.nodes);
}

/** The saved state, if it is one this version can use; a malformed inspection is dropped, not the panel. */
export function readPanelState(raw: unknown): PanelState | undefined {
  if (!isRecord(raw) || !isDocumentUri(raw.documentUri)) { return undefined; }
  const tab = raw.activeTab;
  const state: PanelState = {
    documentUri: raw.documentUri,
    activeTab: typeof tab === 'string' && (PANEL_TABS as readonly string[]).includes(tab) ? tab as PanelTab : 'graph',
  };
  if (isRestorableInspection(raw.inspection)) { state.inspection = raw.inspection; }
  return state;
}
