// The typed messages between the extension host and the panel's webview. Types only: both bundles
// import this file, and each side checks the `type` of what it receives before using it.
// Everything here is JSON: non-finite numbers travel as null. Type-only imports keep the engine
// out of the webview bundle.
import type { MemoryReport } from './engine/memory';

export type WireNumber = number | null;

export interface WireTensor {
  shape: number[];
  size: number;
  /** Flat row-major entries; omitted above the size limit (then only the summary is sent). */
  data?: WireNumber[];
  min: WireNumber;
  max: WireNumber;
  mean: WireNumber;
  /** Euclidean norm. */
  norm: WireNumber;
  /** Count of NaN / ±Inf entries. */
  nonFinite: number;
}

export type WireNodeKind = 'leaf' | 'constant' | 'op';
export type WireStatus = 'pass' | 'fail' | 'kink';

export interface WireRange {
  /** UTF-16 offsets into the analysed text. */
  start: number;
  end: number;
}

export interface WireNode {
  id: number;
  kind: WireNodeKind;
  op: string;
  label: string;
  name?: string;
  inputs: number[];
  value: WireTensor;
  grad?: WireTensor;
  range?: WireRange;
  /** The source text of `range`. */
  source?: string;
  /** Model node it comes from (ONNX name and op type). */
  origin?: string;
  /** Folding group (ONNX layer prefix or sub-expression id). */
  group?: string;
  /** Leaves of a model: the element type the file stores them in (float16, bfloat16, float32). */
  dtype?: string;
  /** Leaves: the worst status of their checked entries. */
  checkStatus?: WireStatus;
}

export interface WireCheckEntry {
  leaf: string;
  leafId: number;
  index: number[];
  flat: number;
  analytic: WireNumber;
  numeric: WireNumber;
  absError: WireNumber;
  relError: WireNumber;
  status: WireStatus;
  kinkNode?: number;
}

export interface WireCheck {
  passed: boolean;
  mode: 'full' | 'fast';
  eps: number;
  atol: number;
  rtol: number;
  maxAbsError: WireNumber;
  maxRelError: WireNumber;
  totalEntries: number;
  counts: { pass: number; fail: number; kink: number };
  /** Worst first; capped (see `entriesOmitted`). */
  entries: WireCheckEntry[];
  entriesOmitted: number;
  directional?: { analytic: WireNumber; numeric: WireNumber; absError: WireNumber; relError: WireNumber; status: WireStatus };
  evaluations: number;
  cancelled: boolean;
}

/** The engine's memory report is plain JSON already. */
export type WireMemory = MemoryReport;

export interface WireDerivative {
  leaf: string;
  text: string;
  latex: string;
  /** The symbolic derivative evaluated at the point. */
  value: WireNumber;
}

/** A LaTeX claim, verified (`g'(x) = …`), with its numbers already formatted for the panel. */
export interface WireClaim {
  text: string;
  kind: 'derivative' | 'equality';
  passed: boolean;
  points: number;
  maxAbsError: WireNumber;
  lhs: string;
  rhs: string;
  /** The point behind lhs and rhs, as `x=2, y=3`. */
  at: string;
  tolerance: string;
  error?: string;
}

export interface WireInspection {
  /** Panel title, e.g. "loss.py:12–18" or "mlp.onnx". */
  title: string;
  language: 'math' | 'python' | 'latex' | 'onnx';
  /** The analysed text ('' for a model). */
  text: string;
  value: WireTensor;
  summedOutput: boolean;
  output: number;
  /** Every node the output depends on, in topological order. */
  nodes: WireNode[];
  check?: WireCheck;
  memory: WireMemory;
  nonFinite?: { node: number; what: 'value' | 'gradient' };
  outputs?: { name: string; value: WireTensor }[];
  derivatives?: WireDerivative[];
  derivativesUnavailable?: string;
  claims?: WireClaim[];
  notes: string[];
}

export type CheckModeSetting = 'auto' | 'full' | 'fast';

export interface PanelSettings {
  eps: number;
  atol: number;
  rtol: number;
  mode: CheckModeSetting;
  fastThreshold: number;
  maxGraphNodes: number;
  significantDigits: number;
}

export interface SweepResult {
  leaf: string;
  leafId: number;
  flat: number;
  analytic: WireNumber;
  points: { h: number; numeric: WireNumber; absError: WireNumber }[];
}

export type PanelTab = 'graph' | 'values' | 'check' | 'memory' | 'derivatives';

/** Extension → webview. */
export type ToWebview =
  | { type: 'inspection'; inspection: WireInspection; settings: PanelSettings }
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'error'; message: string; location?: string }
  | { type: 'highlight'; nodeIds: number[] }
  | { type: 'sweep'; sweep: SweepResult }
  | { type: 'settings'; settings: PanelSettings }
  | { type: 'showTab'; tab: PanelTab }
  /** Test seam: the webview answers with a 'report' describing what it rendered. */
  | { type: 'requestReport' };

export type ExportFormat = 'svg' | 'mermaid' | 'csv' | 'markdown';

/** Extension ← webview. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'revealNode'; nodeId: number }
  | { type: 'rerun'; eps: number; atol: number; rtol: number; mode: CheckModeSetting }
  | { type: 'requestSweep'; leafId: number; flat: number }
  | { type: 'export'; format: ExportFormat; what: string; content: string; destination: 'file' | 'clipboard' }
  | { type: 'tabChanged'; tab: PanelTab }
  | { type: 'report'; report: WebviewReport }
  | { type: 'webviewError'; message: string };

/** What the webview rendered, for tests and diagnostics. */
export interface WebviewReport {
  activeTab: PanelTab;
  theme: 'light' | 'dark' | 'high-contrast';
  graph: {
    rendered: boolean;
    /** Mermaid node elements in the rendered SVG. */
    svgNodeCount: number;
    /** How many times the graph has been rendered (theme switches re-render). */
    renderCount: number;
    /** Nodes folded into collapsed groups (0 when nothing was folded). */
    foldedNodes: number;
    /** The panel's own words about folding or limits, as shown. */
    message: string;
    /** Milliseconds of the last render. */
    renderMs: number;
    /** Text of the rendered node labels. */
    labels: string[];
    /** Elements of the drawing that could act (links, images, scripts, event handlers); none expected. */
    activeContent: string[];
  };
  valuesRows: number;
  check: { banner: string; rows: { leaf: string; index: string; status: string }[] };
  memoryText: string;
  derivativesText: string;
  /** The claims as listed (one line each), when the formula has any. */
  claimsText?: string;
}

/** What the webview keeps with setState, and the serializer hands back after a reload. */
export interface PanelState {
  documentUri?: string;
  inspection?: WireInspection;
  settings?: PanelSettings;
  activeTab: PanelTab;
}
