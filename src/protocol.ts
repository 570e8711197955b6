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
  /** Non-scalar tensors: how the finite entries are spread (for the node inspector). */
  distribution?: WireDistribution;
}

/** The spread of a tensor's finite entries: enough for a histogram when `data` is not sent. */
export interface WireDistribution {
  /** Population standard deviation of the finite entries. */
  std: WireNumber;
  /** Entries exactly 0. */
  zeros: number;
  /** Equal-width bins over [low, high] (the finite min and max); empty when no entry is finite. */
  histogram: { low: number; high: number; counts: number[] };
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
  /** Leaves: the worst status of their checked entries; an op: 'fail' when it is the check's wrong node. */
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
  /** The step taken, eps·max(1, |x|). */
  h?: number;
  /** Why it disagrees (see Diagnosis in src/engine/gradcheck-types.ts) and one sentence of advice. */
  diagnosis?: string;
  advice?: string;
  /** Kinks: the one-sided differences [left, right] and the op's convention at the kink. */
  oneSided?: [WireNumber, WireNumber];
  convention?: string;
  /** A relative step at which the entry passes. */
  suggestedEps?: number;
  /** Richardson: the size of its last improving correction, an estimate of the numeric value's error. */
  errorEstimate?: number;
}

export interface WireCheck {
  passed: boolean;
  mode: 'full' | 'fast';
  /** What each entry was judged against (central when absent). */
  reference?: CheckReferenceSetting;
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
  /** Entries that qualified for a diagnosis beyond the limit. */
  undiagnosed?: number;
  /** A failed check: the first op node whose own VJP disagrees with its forward. */
  wrongNode?: { node: number; label: string; op: string; input: number; analytic: WireNumber; numeric: WireNumber; relError: WireNumber };
  /** A failed check: op nodes checked alone while looking for the wrong node. */
  nodesChecked?: number;
  directional?: { analytic: WireNumber; numeric: WireNumber; absError: WireNumber; relError: WireNumber; status: WireStatus; h?: number };
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

export type WireLayerFlag = 'vanishing' | 'exploding' | 'dead-relu' | 'saturated';

export interface WireLayerParameter {
  name: string;
  shape: number[];
  norm: WireNumber;
  gradientNorm: WireNumber;
  /** gradientNorm / norm; null when the weight is 0 or a norm is not finite. */
  ratio: WireNumber;
}

/** One layer's gradient flow (src/engine/gradient-flow.ts), in depth order. */
export interface WireLayer {
  name: string;
  depth: number;
  ops: string[];
  activationNorm: WireNumber;
  gradientNorm: WireNumber;
  parameters: WireLayerParameter[];
  deadReluFraction?: number;
  deadReluBasis?: 'unit' | 'entry';
  saturatedFraction?: number;
  flags: WireLayerFlag[];
}

export interface WireGradientFlow {
  layers: WireLayer[];
  /** Each flag's rule in words. */
  rules: Record<WireLayerFlag, string>;
  /** The batch axis dead ReLU units are counted over, when the model declares one. */
  batchAxis?: { name: string; size: number };
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

/** One random direction of the second-order check: vᵀH·v both ways and the worst entry's errors of H·v. */
export interface WireHvpDirection {
  index: number;
  h: number;
  curvature: WireNumber;
  numericCurvature: WireNumber;
  maxAbsError: WireNumber;
  maxRelError: WireNumber;
  passed: boolean;
}

/** The second-order check (src/engine/second-order) and the Hessian of a small scalar function. */
export interface WireSecondOrder {
  passed: boolean;
  eps: number;
  atol: number;
  rtol: number;
  directions: WireHvpDirection[];
  /** The per-node forward-mode test: how many op nodes, and those that failed it. */
  jvp: { nodes: number; passed: boolean; tolerance: number; failing: { node: number; op: string; label: string; relError: WireNumber }[] };
  /** rows[i][j] = ∂²f/∂inputs[i]∂inputs[j]. */
  hessian?: { inputs: string[]; rows: WireNumber[][]; asymmetry: WireNumber };
  hessianUnavailable?: string;
}

/** A claim of the whole document (a Markdown file, or a notebook's Markdown cells), as the panel lists it. */
export interface WireDocumentClaim extends WireClaim {
  /** 1-based line of the claim in its file or cell. */
  line: number;
  /** 1-based notebook cell, when the document is a notebook. */
  cell?: number;
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
  /** Per-layer gradient flow, for models whose nodes belong to layers. */
  gradientFlow?: WireGradientFlow;
  /** Python: hand-written gradients compared with autograd and central differences. */
  handwritten?: WireHandwritten[];
  claims?: WireClaim[];
  /** Second order, for scalar functions of few inputs (or when asked for). */
  secondOrder?: WireSecondOrder;
  /** Why there is no second-order report. */
  secondOrderUnavailable?: string;
  notes: string[];
  /** Tensors above this many entries were sent without `data` (summary and distribution only). */
  maxTensorEntries?: number;
  /**
   * Set when the graph has more nodes than this: every node's value and gradient travel as their
   * summary only (no entries, no distribution), and the panel asks for one node's with
   * `requestNodeDetail` when it shows it. Keeps a 10⁵-node model's message to a few tens of MB.
   */
  nodeDetailOnRequestAbove?: number;
  /** Set when free variables took their values from a paused debug frame. */
  valueSource?: WireValueSource;
  /** The replay in a lower precision, when one was chosen. */
  precision?: WirePrecision;
}

/** One node of the precision replay: relative errors against float64 (null: not finite, e.g. the float64 value is 0). */
export interface WirePrecisionNode {
  node: number;
  valueRelError: WireNumber;
  /** Absent for nodes without an adjoint (constants, nodes off the gradient's path). */
  gradRelError?: WireNumber;
}

/** The forward and backward replayed in a lower precision (src/engine/precision-replay.ts). */
export interface WirePrecision {
  type: Exclude<PrecisionSetting, 'none'>;
  unitRoundoff: number;
  /** Relative error above which a node is over the threshold. */
  threshold: number;
  /** Every node the output depends on, in topological order. */
  nodes: WirePrecisionNode[];
  firstOverThreshold?: { node: number; label: string; what: 'value' | 'gradient'; relError: WireNumber };
  /** Sums and differences that cancel catastrophically. */
  cancellations: { node: number; label: string; conditionNumber: WireNumber; valueRelError: WireNumber }[];
  outputRelError: WireNumber;
  /** The relative step a central-difference check needs in this type, and the error it can reach. */
  checkEps: number;
  checkRelError: number;
}

/** The paused frame whose variables gave values (read with the debugger's `evaluate`). */
export interface WireValueSource {
  kind: 'debugger';
  /** The frame's function as the debugger names it, its 1-based line and its file's base name. */
  frame: string;
  line: number;
  file: string;
  /** Names whose values came from the frame, stand-ins included. */
  names: string[];
  /** Arrays above the size limit: only their shape and summary were read; the check used a seeded stand-in. */
  standIns: { name: string; shape: number[]; dtype: string }[];
  /** Names the frame could not give, with the debugger's message. */
  unreadable: { name: string; message: string }[];
}

/** One hand-written gradient (src/handwritten/types.ts) as the panel shows it. */
export interface WireHandwritten {
  name: string;
  of: string;
  function: string;
  passed: boolean;
  maxAbsError: WireNumber;
  maxRelError: WireNumber;
  worst: { index: string; handwritten: WireNumber; autograd: WireNumber; numeric: WireNumber }[];
  diagnosis: string;
  /** hand-written − true, entry by entry (absent when the shapes differ), for the heatmap. */
  difference?: WireTensor;
  /** The call that returned it. */
  range: WireRange;
}

export type CheckModeSetting = 'auto' | 'full' | 'fast';
/** What the check judges each entry against (gradientInspector.reference). */
export type CheckReferenceSetting = 'central' | 'richardson' | 'complex';
/** The type the forward and backward are replayed in, or none (gradientInspector.precision). */
export type PrecisionSetting = 'none' | 'float32' | 'bfloat16' | 'float16';

export interface PanelSettings {
  eps: number;
  atol: number;
  rtol: number;
  mode: CheckModeSetting;
  fastThreshold: number;
  maxGraphNodes: number;
  significantDigits: number;
  /** Central when absent. */
  reference?: CheckReferenceSetting;
  /** None when absent. */
  precision?: PrecisionSetting;
}

export interface SweepResult {
  leaf: string;
  leafId: number;
  flat: number;
  analytic: WireNumber;
  /** absError of the central difference; richardson and complex: the error of those references at h. */
  points: { h: number; numeric: WireNumber; absError: WireNumber; richardson?: WireNumber; complex?: WireNumber }[];
}

export type PanelTab = 'graph' | 'values' | 'check' | 'memory' | 'derivatives' | 'layers';

/** Extension → webview. */
export type ToWebview =
  | { type: 'inspection'; inspection: WireInspection; settings: PanelSettings }
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'error'; message: string; location?: string }
  | { type: 'highlight'; nodeIds: number[] }
  | { type: 'sweep'; sweep: SweepResult }
  /** A node's value and gradient with their entries, asked for with `requestNodeDetail`. */
  | { type: 'nodeDetail'; nodeId: number; value: WireTensor; grad?: WireTensor }
  | { type: 'settings'; settings: PanelSettings }
  | { type: 'showTab'; tab: PanelTab }
  /** Every claim of the panel's document (file: its base name), from the same evaluation as its Problems entries. */
  | { type: 'documentClaims'; file: string; claims: WireDocumentClaim[] }
  /** Test seam: the webview answers with a 'report' describing what it rendered. */
  | { type: 'requestReport' }
  /** Test seam: a user's click on, or choice of `value` in, the element `selector` matches. */
  | { type: 'simulate'; selector: string; event: 'click' | 'change'; value?: string }
  /** Test seam: the webview acts on its graph as a user would (key, wheel, button, find, select). */
  | { type: 'graphAction'; action: GraphAction };

/** What a user does to the graph, replayed by the test seam as real DOM events where there are some. */
export type GraphAction =
  | { kind: 'key'; key: string }
  | { kind: 'wheel'; deltaY: number }
  | { kind: 'button'; name: 'zoom-in' | 'zoom-out' | 'fit' | 'find-next' | 'find-previous' }
  | { kind: 'find'; query: string }
  | { kind: 'select'; nodeId: number }
  | { kind: 'reveal'; nodeId: number };

export type ExportFormat = 'svg' | 'mermaid' | 'csv' | 'markdown';

/** Extension ← webview. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'revealNode'; nodeId: number }
  /** The user chose the document claim at `index` of the last documentClaims list. */
  | { type: 'revealClaim'; index: number }
  | { type: 'rerun'; eps: number; atol: number; rtol: number; mode: CheckModeSetting; reference?: CheckReferenceSetting; precision?: PrecisionSetting }
  | { type: 'requestSweep'; leafId: number; flat: number }
  | { type: 'requestNodeDetail'; nodeId: number }
  | { type: 'export'; format: ExportFormat; what: string; content: string; destination: 'file' | 'clipboard' }
  | { type: 'tabChanged'; tab: PanelTab }
  | { type: 'report'; report: WebviewReport }
  | { type: 'webviewError'; message: string };

/** What the webview rendered, for tests and diagnostics. */
export interface WebviewReport {
  activeTab: PanelTab;
  /** The header's visible text: summary, the paused frame the values came from, errors, notes. */
  headerText: string;
  theme: 'light' | 'dark' | 'high-contrast';
  graph: {
    rendered: boolean;
    /** Mermaid node elements in the rendered SVG. */
    svgNodeCount: number;
    /** How many times the graph has been rendered (theme switches re-render). */
    renderCount: number;
    /** How many of those renders placed the boxes anew; the others reused the previous layout (same boxes, sizes, edges). */
    layoutCount?: number;
    /** The graph's status line as shown ("Laying out N nodes…" while a drawing is under way), '' when hidden. */
    status?: string;
    /** Nodes folded into collapsed groups (0 when nothing was folded). */
    foldedNodes: number;
    /** The panel's own words about folding or limits, as shown. */
    message: string;
    /** What colours the boxes, and the legend's entries as shown. */
    colourBy?: string;
    legend?: string[];
    /** Milliseconds of the last render. */
    renderMs: number;
    /** Text of the rendered node labels. */
    labels: string[];
    /** Elements of the drawing that could act (links, images, scripts, event handlers); none expected. */
    activeContent: string[];
    /** Where the last layout ran: the layout worker, or the main thread where no worker could start. */
    layoutPlace?: 'worker' | 'main thread';
    /** Milliseconds of the last layout itself (merge, fold, flowchart, layout), part of renderMs. */
    layoutMs?: number;
    /** Pan and zoom: screen = drawing · scale + (x, y). */
    transform?: { scale: number; x: number; y: number };
    /** Size of the graph's canvas in CSS px. */
    view?: { width: number; height: number };
    /** Whether the output's box lies wholly inside the canvas. */
    outputInView?: boolean;
    /** Label of the box nearest the canvas's centre. */
    centreLabel?: string;
    /** Label of the selected box, and how many boxes its path to the output highlights. */
    selectedLabel?: string;
    pathBoxes?: number;
    /** Boxes matching the find query, and the label of the current match. */
    findMatches?: number;
    currentMatchLabel?: string;
  };
  valuesRows: number;
  check: {
    banner: string;
    rows: { leaf: string; index: string; status: string; relError?: string }[];
    /** The reference and precision dropdowns as shown. */
    reference?: string;
    precision?: string;
    /** The sweep plot's legend entries as drawn ('central (in use)' marks the check's reference). */
    sweepLegend?: string[];
  };
  /** The precision replay's section as shown: absent when there is none. */
  precision?: {
    summary: string;
    /** Rows of its table (node label, value error, gradient error, flag). */
    rows: string[][];
    firstOverThreshold: string;
    cancellations: string[];
  };
  memoryText: string;
  derivativesText: string;
  /** The node inspector pane as shown. */
  inspector?: {
    nodeId: number | null;
    title: string;
    sections: {
      name: string;
      /** Numbers written in heatmap cells. */
      numbers: number;
      heatmapCells: number;
      histogramBins: number;
      /** Outlined failing / kink entries and histogram markers. */
      marked: number;
      /** The entry outlined as selected (a check-table row), or null. */
      selectedEntry: number | null;
      summary: string;
      legend: string;
    }[];
  };
  /** Where the inspector sits: 'beside' the tabs (wide panel) or 'below' them. */
  layout?: 'beside' | 'below';
  /** The Gradient flow tab: one bar pair per layer in depth order ([] without layers), and its words. */
  layers: { bars: { name: string; gradientNorm: WireNumber; activationNorm: WireNumber; flags: string[] }[]; text: string };
  /** The hand-written gradients section as text ('' when there is none). */
  handwrittenText?: string;
  /** The claims as listed (one line each), when the formula has any. */
  claimsText?: string;
  /** The Hessian section as shown: its heading, matrix rows and check rows, one line each. */
  hessianText?: string;
  /** The document's claims as listed (one line each), when it has any. */
  documentClaimsText?: string;
}

/** What the webview keeps with setState, and the serializer hands back after a reload. */
export interface PanelState {
  documentUri?: string;
  inspection?: WireInspection;
  settings?: PanelSettings;
  activeTab: PanelTab;
}
