// Validation of what the extension sends. The host is trusted but may be a different version (a
// restored panel after an update), so every message is checked before use: unknown types are
// ignored, malformed inspections are reported instead of half-rendered. Pure: unit-tested in Node.
import type { CheckReferenceSetting, GraphAction, PanelSettings, PanelTab, PrecisionSetting, SweepResult, ToWebview, WireDocumentClaim, WireInspection, WireTensor } from '../src/protocol';

export const PANEL_TABS: readonly PanelTab[] = ['graph', 'values', 'check', 'memory', 'derivatives', 'layers'];
export const REFERENCES: readonly CheckReferenceSetting[] = ['central', 'richardson', 'complex'];
export const PRECISIONS: readonly PrecisionSetting[] = ['none', 'float32', 'bfloat16', 'float16'];

/** The defaults of the gradientInspector.* settings; used only until the host sends the user's. */
export const DEFAULT_SETTINGS: PanelSettings = {
  eps: 1e-6,
  atol: 1e-5,
  rtol: 1e-3,
  mode: 'auto',
  fastThreshold: 2000,
  maxGraphNodes: 1000,
  significantDigits: 6,
  reference: 'central',
  precision: 'none',
};

export type Validated =
  | { kind: 'ok'; message: ToWebview }
  | { kind: 'ignored' }
  | { kind: 'malformed'; reason: string };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberOrNull(value: unknown): boolean {
  return value === null || typeof value === 'number';
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(x => typeof x === 'number');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Why `value` is not a WireTensor, or undefined when it is one. */
function tensorProblem(value: unknown, where: string): string | undefined {
  if (!isRecord(value)) {
    return `${where} is not a tensor`;
  }
  if (!isNumberArray(value.shape) || typeof value.size !== 'number') {
    return `${where} has no shape or size`;
  }
  if (value.data !== undefined && !(Array.isArray(value.data) && value.data.every(isNumberOrNull))) {
    return `${where}.data is not a list of numbers`;
  }
  for (const key of ['min', 'max', 'mean', 'norm']) {
    if (!isNumberOrNull(value[key])) {
      return `${where}.${key} is not a number`;
    }
  }
  return value.distribution === undefined ? undefined : distributionProblem(value.distribution, `${where}.distribution`);
}

/** Most histogram bins accepted: the host sends 24; a huge list would only slow the drawing. */
export const MAX_HISTOGRAM_BINS = 256;

function distributionProblem(value: unknown, where: string): string | undefined {
  if (!isRecord(value) || !isNumberOrNull(value.std) || typeof value.zeros !== 'number') {
    return `${where} needs std and zeros`;
  }
  const histogram = value.histogram;
  if (!isRecord(histogram) || typeof histogram.low !== 'number' || typeof histogram.high !== 'number' || !(histogram.low <= histogram.high)
    || !isNumberArray(histogram.counts) || histogram.counts.length > MAX_HISTOGRAM_BINS || !histogram.counts.every(c => Number.isInteger(c) && c >= 0)) {
    return `${where}.histogram needs low ≤ high and at most ${MAX_HISTOGRAM_BINS} counts`;
  }
  return undefined;
}

/** Optional node fields drawn as text (labels, tooltips, tables): a non-string would break the drawing. */
const TEXT_FIELDS = ['name', 'source', 'origin', 'group', 'checkStatus', 'dtype'] as const;

function nodeProblem(value: unknown, position: number): string | undefined {
  const where = `nodes[${position}]`;
  if (!isRecord(value)) {
    return `${where} is not an object`;
  }
  if (typeof value.id !== 'number' || typeof value.op !== 'string' || typeof value.label !== 'string') {
    return `${where} needs a numeric id, an op and a label`;
  }
  if (value.kind !== 'leaf' && value.kind !== 'constant' && value.kind !== 'op') {
    return `${where}.kind is not leaf, constant or op`;
  }
  if (!isNumberArray(value.inputs)) {
    return `${where}.inputs is not a list of node ids`;
  }
  const notText = TEXT_FIELDS.find(key => value[key] !== undefined && typeof value[key] !== 'string');
  if (notText !== undefined) {
    return `${where}.${notText} is not text`;
  }
  return tensorProblem(value.value, `${where}.value`) ?? (value.grad === undefined ? undefined : tensorProblem(value.grad, `${where}.grad`));
}

/** Shown as text in the check table: anything else in them is refused. */
const DIAGNOSIS_TEXT_FIELDS = ['diagnosis', 'advice', 'convention'] as const;

function checkProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.entries) || typeof value.passed !== 'boolean' || !isRecord(value.counts)) {
    return 'check is missing passed, counts or entries';
  }
  const bad = value.entries.findIndex(e => !isRecord(e) || typeof e.leaf !== 'string' || typeof e.leafId !== 'number'
    || !isNumberArray(e.index) || typeof e.flat !== 'number' || typeof e.status !== 'string'
    || DIAGNOSIS_TEXT_FIELDS.some(key => e[key] !== undefined && typeof e[key] !== 'string'));
  if (bad >= 0) {
    return `check.entries[${bad}] is malformed`;
  }
  if (value.reference !== undefined && !REFERENCES.includes(value.reference as CheckReferenceSetting)) {
    return 'check.reference is not central, richardson or complex';
  }
  const wrong = value.wrongNode;
  if (wrong !== undefined && (!isRecord(wrong) || typeof wrong.node !== 'number' || typeof wrong.label !== 'string' || typeof wrong.op !== 'string')) {
    return 'check.wrongNode is malformed';
  }
  return undefined;
}

/** Derivatives are typeset by KaTeX and listed as text: each needs its leaf, text and LaTeX as strings. */
function derivativesProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return 'derivatives is not a list';
  }
  const bad = value.findIndex(d => !isRecord(d) || typeof d.leaf !== 'string' || typeof d.text !== 'string' || typeof d.latex !== 'string' || !isNumberOrNull(d.value));
  return bad >= 0 ? `derivatives[${bad}] is malformed` : undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';

function valueSourceProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isRecord(value) || value.kind !== 'debugger' || !isString(value.frame) || typeof value.line !== 'number' || !isString(value.file)) {
    return 'valueSource needs a frame, a line and a file';
  }
  const names = Array.isArray(value.names) && value.names.every(isString);
  const standIns = Array.isArray(value.standIns) && value.standIns.every(s => isRecord(s) && isString(s.name) && isString(s.dtype)
    && Array.isArray(s.shape) && s.shape.every(d => typeof d === 'number'));
  const unreadable = Array.isArray(value.unreadable) && value.unreadable.every(u => isRecord(u) && isString(u.name) && isString(u.message));
  return names && standIns && unreadable ? undefined : 'valueSource has malformed names, stand-ins or unreadable names';
}

const LAYER_FLAGS: readonly string[] = ['vanishing', 'exploding', 'dead-relu', 'saturated'];

function isOptionalNumber(value: unknown): boolean {
  return value === undefined || typeof value === 'number';
}

function layerProblem(value: unknown, where: string): string | undefined {
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.depth !== 'number' || !Array.isArray(value.ops) || !value.ops.every(op => typeof op === 'string')) {
    return `${where} needs a name, a depth and ops`;
  }
  if (!isNumberOrNull(value.activationNorm) || !isNumberOrNull(value.gradientNorm) || !isOptionalNumber(value.deadReluFraction) || !isOptionalNumber(value.saturatedFraction)) {
    return `${where} has a norm or fraction that is not a number`;
  }
  if (!Array.isArray(value.flags) || !value.flags.every(f => typeof f === 'string' && LAYER_FLAGS.includes(f))) {
    return `${where}.flags is not a list of known flags`;
  }
  const parameterOk = (p: unknown): boolean => isRecord(p) && typeof p.name === 'string' && isNumberArray(p.shape)
    && isNumberOrNull(p.norm) && isNumberOrNull(p.gradientNorm) && isNumberOrNull(p.ratio);
  return Array.isArray(value.parameters) && value.parameters.every(parameterOk) ? undefined : `${where}.parameters is malformed`;
}

/** The gradient-flow plot draws names and numbers: each layer needs them with their types. */
function gradientFlowProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.layers) || !isRecord(value.rules) || !Object.values(value.rules).every(r => typeof r === 'string')) {
    return 'gradientFlow needs layers and rules';
  }
  const axis = value.batchAxis;
  if (axis !== undefined && !(isRecord(axis) && typeof axis.name === 'string' && typeof axis.size === 'number')) {
    return 'gradientFlow.batchAxis is malformed';
  }
  for (let i = 0; i < value.layers.length; i++) {
    const problem = layerProblem(value.layers[i], `gradientFlow.layers[${i}]`);
    if (problem !== undefined) {
      return problem;
    }
  }
  return undefined;
}

/** Hand-written gradients are listed as text: names, verdict, diagnosis and worst entries. */
function handwrittenProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return 'handwritten is not a list';
  }
  const wellFormed = (h: unknown): boolean => isRecord(h) && ['name', 'of', 'function', 'diagnosis'].every(k => typeof h[k] === 'string')
    && typeof h.passed === 'boolean' && isNumberOrNull(h.maxAbsError) && isNumberOrNull(h.maxRelError) && Array.isArray(h.worst)
    && h.worst.every(e => isRecord(e) && typeof e.index === 'string' && isNumberOrNull(e.handwritten) && isNumberOrNull(e.autograd) && isNumberOrNull(e.numeric))
    && (h.difference === undefined || tensorProblem(h.difference, 'difference') === undefined);
  const bad = value.findIndex(h => !wellFormed(h));
  return bad >= 0 ? `handwritten[${bad}] is malformed` : undefined;
}

function memoryProblem(value: unknown): string | undefined {
  if (!isRecord(value) || !isRecord(value.checkpointing)) {
    return 'memory is missing';
  }
  const fields = ['parameterBytes', 'intermediateBytes', 'gradientBytes', 'totalBytes', 'ruleOfThumbBytes', 'opNodes'];
  const missing = fields.find(f => typeof value[f] !== 'number');
  return missing === undefined ? undefined : `memory.${missing} is not a number`;
}

const CLAIM_TEXT_FIELDS = ['text', 'kind', 'lhs', 'rhs', 'at', 'tolerance'];

function isClaim(c: unknown): c is Json {
  return isRecord(c) && typeof c.passed === 'boolean' && typeof c.points === 'number' && CLAIM_TEXT_FIELDS.every(f => typeof c[f] === 'string')
    && (c.error === undefined || typeof c.error === 'string');
}

function claimsProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return 'claims is not a list';
  }
  const bad = value.findIndex(c => !isClaim(c));
  return bad >= 0 ? `claims[${bad}] is malformed` : undefined;
}

/** The precision view lists the replay's nodes and errors: each needs its id and numbers. */
function precisionProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isRecord(value) || !PRECISIONS.includes(value.type as PrecisionSetting) || value.type === 'none' || !Array.isArray(value.nodes) || !Array.isArray(value.cancellations)) {
    return 'precision needs a type, nodes and cancellations';
  }
  const numbers = ['unitRoundoff', 'threshold', 'checkEps', 'checkRelError'];
  if (numbers.some(key => typeof value[key] !== 'number') || !isNumberOrNull(value.outputRelError)) {
    return 'precision has a roundoff, threshold or eps that is not a number';
  }
  const badNode = value.nodes.findIndex(n => !isRecord(n) || typeof n.node !== 'number' || !isNumberOrNull(n.valueRelError)
    || (n.gradRelError !== undefined && !isNumberOrNull(n.gradRelError)));
  if (badNode >= 0) {
    return `precision.nodes[${badNode}] is malformed`;
  }
  const badCancellation = value.cancellations.findIndex(c => !isRecord(c) || typeof c.node !== 'number' || typeof c.label !== 'string'
    || !isNumberOrNull(c.conditionNumber) || !isNumberOrNull(c.valueRelError));
  if (badCancellation >= 0) {
    return `precision.cancellations[${badCancellation}] is malformed`;
  }
  const first = value.firstOverThreshold;
  return first === undefined || (isRecord(first) && typeof first.node === 'number' && typeof first.label === 'string'
    && (first.what === 'value' || first.what === 'gradient') && isNumberOrNull(first.relError))
    ? undefined : 'precision.firstOverThreshold is malformed';
}

/** Why `value` is not a list of the document's claims (each with its line, and its cell in a notebook). */
function documentClaimsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    return 'documentClaims needs a list of claims';
  }
  const bad = value.findIndex(c => !isClaim(c) || !isCount(c.line) || (c.cell !== undefined && !isCount(c.cell)));
  return bad >= 0 ? `documentClaims[${bad}] is malformed` : undefined;
}

/** Why `value` is not a usable WireInspection, or undefined when it is one. */
function isWireDirection(value: unknown): boolean {
  return isRecord(value) && typeof value.index === 'number' && typeof value.h === 'number' && typeof value.passed === 'boolean'
    && ['curvature', 'numericCurvature', 'maxAbsError', 'maxRelError'].every(k => isNumberOrNull(value[k]));
}

function hessianProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.inputs) || !value.inputs.every(isString) || !Array.isArray(value.rows) || !isNumberOrNull(value.asymmetry)) {
    return 'secondOrder.hessian needs inputs, rows and an asymmetry';
  }
  const size = value.inputs.length;
  const square = value.rows.length === size && value.rows.every(row => Array.isArray(row) && row.length === size && row.every(isNumberOrNull));
  return square ? undefined : `secondOrder.hessian is not a ${size} × ${size} matrix of numbers`;
}

function secondOrderProblem(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isRecord(value) || typeof value.passed !== 'boolean' || !['eps', 'atol', 'rtol'].every(k => typeof value[k] === 'number')) {
    return 'secondOrder needs passed, eps, atol and rtol';
  }
  if (!Array.isArray(value.directions) || !value.directions.every(isWireDirection)) {
    return 'secondOrder.directions is malformed';
  }
  const jvp = value.jvp;
  const failing = isRecord(jvp) && Array.isArray(jvp.failing)
    && jvp.failing.every(n => isRecord(n) && typeof n.node === 'number' && isString(n.op) && isString(n.label) && isNumberOrNull(n.relError));
  if (!isRecord(jvp) || typeof jvp.nodes !== 'number' || typeof jvp.passed !== 'boolean' || typeof jvp.tolerance !== 'number' || !failing) {
    return 'secondOrder.jvp is malformed';
  }
  if (value.hessianUnavailable !== undefined && !isString(value.hessianUnavailable)) {
    return 'secondOrder.hessianUnavailable is not text';
  }
  return hessianProblem(value.hessian);
}

export function inspectionProblem(value: unknown): string | undefined {
  if (!isRecord(value)) {
    return 'the inspection is not an object';
  }
  if (typeof value.title !== 'string' || typeof value.output !== 'number' || !Array.isArray(value.nodes)) {
    return 'the inspection needs a title, an output id and nodes';
  }
  if (!Array.isArray(value.notes) || !value.notes.every(n => typeof n === 'string')) {
    return 'notes is not a list of strings';
  }
  if (value.nodeDetailOnRequestAbove !== undefined && typeof value.nodeDetailOnRequestAbove !== 'number') {
    return 'nodeDetailOnRequestAbove is not a number';
  }
  if (value.maxTensorEntries !== undefined && typeof value.maxTensorEntries !== 'number') {
    return 'maxTensorEntries is not a number';
  }
  if (typeof value.text !== 'string' || (value.derivativesUnavailable !== undefined && typeof value.derivativesUnavailable !== 'string')) {
    return 'the analysed text or the derivatives note is not text';
  }
  const claims = claimsProblem(value.claims);
  if (claims !== undefined) {
    return claims;
  }
  if (value.secondOrderUnavailable !== undefined && typeof value.secondOrderUnavailable !== 'string') {
    return 'secondOrderUnavailable is not text';
  }
  const derivative = derivativesProblem(value.derivatives) ?? valueSourceProblem(value.valueSource) ?? handwrittenProblem(value.handwritten)
    ?? secondOrderProblem(value.secondOrder);
  if (derivative !== undefined) {
    return derivative;
  }
  for (let i = 0; i < value.nodes.length; i++) {
    const problem = nodeProblem(value.nodes[i], i);
    if (problem !== undefined) {
      return problem;
    }
  }
  const ids = new Set((value.nodes as { id: number }[]).map(n => n.id));
  if (!ids.has(value.output)) {
    return `the output node ${value.output} is not among the nodes`;
  }
  const dangling = (value.nodes as { id: number; inputs: number[] }[]).find(n => n.inputs.some(i => !ids.has(i)));
  if (dangling !== undefined) {
    return `node ${dangling.id} has an input that is not among the nodes`;
  }
  return tensorProblem(value.value, 'value') ?? checkProblem(value.check) ?? memoryProblem(value.memory) ?? gradientFlowProblem(value.gradientFlow)
    ?? precisionProblem(value.precision);
}

/** Settings with every missing or invalid field taken from `fallback`. */
export function sanitizeSettings(value: unknown, fallback: PanelSettings = DEFAULT_SETTINGS): PanelSettings {
  if (!isRecord(value)) {
    return fallback;
  }
  const numberAtLeast = (key: keyof PanelSettings, min: number): number => {
    const x = value[key];
    return typeof x === 'number' && Number.isFinite(x) && x >= min ? x : (fallback[key] as number);
  };
  const positive = (key: keyof PanelSettings): number => numberAtLeast(key, Number.MIN_VALUE);
  const mode = value.mode === 'auto' || value.mode === 'full' || value.mode === 'fast' ? value.mode : fallback.mode;
  const reference = REFERENCES.find(r => r === value.reference) ?? fallback.reference;
  const precision = PRECISIONS.find(p => p === value.precision) ?? fallback.precision;
  return {
    eps: positive('eps'),
    atol: numberAtLeast('atol', 0),
    rtol: numberAtLeast('rtol', 0),
    mode,
    fastThreshold: positive('fastThreshold'),
    maxGraphNodes: Math.max(2, Math.round(positive('maxGraphNodes'))),
    significantDigits: Math.min(17, Math.max(1, Math.round(positive('significantDigits')))),
    reference,
    precision,
  };
}

function sweepProblem(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.leafId !== 'number' || typeof value.flat !== 'number' || !Array.isArray(value.points)) {
    return 'the sweep needs leafId, flat and points';
  }
  const ok = value.points.every(p => isRecord(p) && typeof p.h === 'number' && isNumberOrNull(p.absError)
    && (p.richardson === undefined || isNumberOrNull(p.richardson)) && (p.complex === undefined || isNumberOrNull(p.complex)));
  return ok ? undefined : 'a sweep point is malformed';
}

function nodeDetailProblem(data: Record<string, unknown>): string | undefined {
  if (typeof data.nodeId !== 'number') {
    return 'nodeDetail needs a nodeId';
  }
  return tensorProblem(data.value, `node ${data.nodeId} value`) ?? (data.grad === undefined ? undefined : tensorProblem(data.grad, `node ${data.nodeId} gradient`));
}

export function validateMessage(data: unknown): Validated {
  if (!isRecord(data) || typeof data.type !== 'string') {
    return { kind: 'ignored' };
  }
  switch (data.type) {
    case 'inspection': {
      const problem = inspectionProblem(data.inspection);
      if (problem !== undefined) {
        return { kind: 'malformed', reason: problem };
      }
      return { kind: 'ok', message: { type: 'inspection', inspection: data.inspection as WireInspection, settings: sanitizeSettings(data.settings) } };
    }
    case 'progress':
      return typeof data.phase === 'string' && typeof data.done === 'number' && typeof data.total === 'number'
        ? { kind: 'ok', message: { type: 'progress', phase: data.phase, done: data.done, total: data.total } }
        : { kind: 'malformed', reason: 'progress needs phase, done and total' };
    case 'error':
      return typeof data.message === 'string'
        ? { kind: 'ok', message: { type: 'error', message: data.message, location: typeof data.location === 'string' ? data.location : undefined } }
        : { kind: 'malformed', reason: 'error needs a message' };
    case 'graphAction': {
      const action = graphAction(data.action);
      return action === undefined
        ? { kind: 'malformed', reason: 'graphAction needs an action of a known kind' }
        : { kind: 'ok', message: { type: 'graphAction', action } };
    }
    case 'highlight':
      return isNumberArray(data.nodeIds)
        ? { kind: 'ok', message: { type: 'highlight', nodeIds: data.nodeIds } }
        : { kind: 'malformed', reason: 'highlight needs nodeIds' };
    case 'sweep': {
      const problem = sweepProblem(data.sweep);
      return problem === undefined
        ? { kind: 'ok', message: { type: 'sweep', sweep: data.sweep as SweepResult } }
        : { kind: 'malformed', reason: problem };
    }
    case 'nodeDetail': {
      const problem = nodeDetailProblem(data);
      return problem === undefined
        ? { kind: 'ok', message: { type: 'nodeDetail', nodeId: data.nodeId as number, value: data.value as WireTensor, ...(data.grad === undefined ? {} : { grad: data.grad as WireTensor }) } }
        : { kind: 'malformed', reason: problem };
    }
    case 'settings':
      return { kind: 'ok', message: { type: 'settings', settings: sanitizeSettings(data.settings) } };
    case 'documentClaims': {
      const problem = typeof data.file === 'string' ? documentClaimsProblem(data.claims) : 'documentClaims needs a file name';
      return problem === undefined
        ? { kind: 'ok', message: { type: 'documentClaims', file: data.file as string, claims: data.claims as WireDocumentClaim[] } }
        : { kind: 'malformed', reason: problem };
    }
    case 'showTab':
      return PANEL_TABS.includes(data.tab as PanelTab)
        ? { kind: 'ok', message: { type: 'showTab', tab: data.tab as PanelTab } }
        : { kind: 'ignored' };
    case 'requestReport':
      return { kind: 'ok', message: { type: 'requestReport' } };
    case 'simulate':
      return typeof data.selector === 'string' && (data.event === 'click' || data.event === 'change') && (data.value === undefined || typeof data.value === 'string')
        ? { kind: 'ok', message: { type: 'simulate', selector: data.selector, event: data.event, ...(data.value === undefined ? {} : { value: data.value }) } }
        : { kind: 'malformed', reason: 'simulate needs a selector and a click or change event' };
    default:
      return { kind: 'ignored' };
  }
}

const GRAPH_BUTTONS = ['zoom-in', 'zoom-out', 'fit', 'find-next', 'find-previous'];

/** A test seam's graph action, checked field by field; undefined for anything else. */
export function graphAction(value: unknown): GraphAction | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  switch (value.kind) {
    case 'key':
      return typeof value.key === 'string' ? { kind: 'key', key: value.key } : undefined;
    case 'wheel':
      return typeof value.deltaY === 'number' && Number.isFinite(value.deltaY) ? { kind: 'wheel', deltaY: value.deltaY } : undefined;
    case 'button':
      return GRAPH_BUTTONS.includes(value.name as string) ? { kind: 'button', name: value.name as Extract<GraphAction, { kind: 'button' }>['name'] } : undefined;
    case 'find':
      return typeof value.query === 'string' ? { kind: 'find', query: value.query } : undefined;
    case 'select':
    case 'reveal':
      return typeof value.nodeId === 'number' ? { kind: value.kind, nodeId: value.nodeId } : undefined;
    default:
      return undefined;
  }
}
