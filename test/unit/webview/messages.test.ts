import * as assert from 'assert';
import { DEFAULT_SETTINGS, inspectionProblem, sanitizeSettings, validateMessage } from '../../../webview/messages';
import { lectureInspection } from './sample';

describe('webview message validation', () => {
  it('accepts a well-formed inspection and fills missing settings', () => {
    const result = validateMessage({ type: 'inspection', inspection: lectureInspection(), settings: { eps: 1e-4, maxGraphNodes: 30 } });
    assert.strictEqual(result.kind, 'ok');
    if (result.kind === 'ok' && result.message.type === 'inspection') {
      assert.strictEqual(result.message.settings.eps, 1e-4);
      assert.strictEqual(result.message.settings.maxGraphNodes, 30);
      assert.strictEqual(result.message.settings.rtol, DEFAULT_SETTINGS.rtol);
    }
  });

  it('ignores unknown and untyped messages', () => {
    assert.deepStrictEqual(validateMessage({ type: 'somethingNew' }), { kind: 'ignored' });
    assert.deepStrictEqual(validateMessage('inspection'), { kind: 'ignored' });
    assert.deepStrictEqual(validateMessage(null), { kind: 'ignored' });
    assert.deepStrictEqual(validateMessage({ type: 'showTab', tab: 'nope' }), { kind: 'ignored' });
  });

  it('reports what is wrong with a malformed inspection', () => {
    const noNodes = { ...lectureInspection(), nodes: 'x' };
    assert.strictEqual(inspectionProblem(noNodes), 'the inspection needs a title, an output id and nodes');
    const dangling = lectureInspection();
    dangling.nodes[2].inputs = [0, 99];
    assert.strictEqual(inspectionProblem(dangling), 'node 2 has an input that is not among the nodes');
    const badKind = lectureInspection() as unknown as { nodes: { kind: string }[] };
    badKind.nodes[1].kind = 'weird';
    assert.strictEqual(inspectionProblem(badKind), 'nodes[1].kind is not leaf, constant or op');
    const badTensor = lectureInspection() as unknown as { nodes: { value: unknown }[] };
    badTensor.nodes[0].value = { shape: [], size: 1, data: ['a'], min: 0, max: 0, mean: 0, norm: 0 };
    assert.strictEqual(inspectionProblem(badTensor), 'nodes[0].value.data is not a list of numbers');
    const noOutput = { ...lectureInspection(), output: 17 };
    assert.strictEqual(inspectionProblem(noOutput), 'the output node 17 is not among the nodes');
    const result = validateMessage({ type: 'inspection', inspection: noOutput });
    assert.deepStrictEqual(result, { kind: 'malformed', reason: 'the output node 17 is not among the nodes' });
  });

  it('refuses text fields that are not text: they reach labels, tables and KaTeX', () => {
    const badOrigin = lectureInspection() as unknown as { nodes: { origin: unknown }[] };
    badOrigin.nodes[2].origin = { toString: 'x' };
    assert.strictEqual(inspectionProblem(badOrigin), 'nodes[2].origin is not text');
    const badName = lectureInspection() as unknown as { nodes: { name: unknown }[] };
    badName.nodes[0].name = ['x'];
    assert.strictEqual(inspectionProblem(badName), 'nodes[0].name is not text');
    const badLatex = { ...lectureInspection(), derivatives: [{ leaf: 'x', text: 'z', latex: { raw: '\\href' }, value: 1 }] };
    assert.strictEqual(inspectionProblem(badLatex), 'derivatives[0] is malformed');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), derivatives: 'x' }), 'derivatives is not a list');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), text: 3 }), 'the analysed text or the derivatives note is not text');
    const good = { ...lectureInspection(), derivatives: [{ leaf: 'x', text: 'z', latex: 'z', value: null }] };
    assert.strictEqual(inspectionProblem(good), undefined);
  });

  it('checks the other message types', () => {
    assert.strictEqual(validateMessage({ type: 'highlight', nodeIds: [1, 2] }).kind, 'ok');
    assert.strictEqual(validateMessage({ type: 'highlight', nodeIds: ['1'] }).kind, 'malformed');
    assert.strictEqual(validateMessage({ type: 'progress', phase: 'checking', done: 1, total: 3 }).kind, 'ok');
    assert.strictEqual(validateMessage({ type: 'progress', phase: 'checking' }).kind, 'malformed');
    assert.strictEqual(validateMessage({ type: 'sweep', sweep: { leaf: 'x', leafId: 0, flat: 0, analytic: 1, points: [{ h: 0.1, numeric: 1, absError: 0.01 }] } }).kind, 'ok');
    assert.strictEqual(validateMessage({ type: 'sweep', sweep: { leafId: 0 } }).kind, 'malformed');
    assert.strictEqual(validateMessage({ type: 'requestReport' }).kind, 'ok');
    const error = validateMessage({ type: 'error', message: 'expected )', location: '1:7' });
    assert.deepStrictEqual(error, { kind: 'ok', message: { type: 'error', message: 'expected )', location: '1:7' } });
  });

  it("checks the document's claims field by field: each needs a line, a cell only as a count", () => {
    const claim = { text: "g'(x) = 2x^2", kind: 'derivative', passed: false, points: 4, maxAbsError: 4, lhs: '12', rhs: '8', at: 'x=2', tolerance: 'to float64 round-off', line: 9 };
    const listed = validateMessage({ type: 'documentClaims', file: 'notes.md', claims: [claim, { ...claim, passed: true, cell: 2 }] });
    assert.deepStrictEqual(listed, { kind: 'ok', message: { type: 'documentClaims', file: 'notes.md', claims: [claim, { ...claim, passed: true, cell: 2 }] } });
    for (const [bad, reason] of [
      [{ claims: [claim] }, 'documentClaims needs a file name'],
      [{ file: 'notes.md', claims: 'all' }, 'documentClaims needs a list of claims'],
      [{ file: 'notes.md', claims: [{ ...claim, line: -1 }] }, 'documentClaims[0] is malformed'],
      [{ file: 'notes.md', claims: [claim, { ...claim, cell: '2' }] }, 'documentClaims[1] is malformed'],
      [{ file: 'notes.md', claims: [{ ...claim, lhs: 12 }] }, 'documentClaims[0] is malformed'],
      [{ file: 'notes.md', claims: [{ ...claim, error: 404 }] }, 'documentClaims[0] is malformed'],
    ] as const) {
      assert.deepStrictEqual(validateMessage({ type: 'documentClaims', ...bad }), { kind: 'malformed', reason }, JSON.stringify(bad));
    }
  });

  it('replaces invalid settings by their fallback', () => {
    const settings = sanitizeSettings({ eps: -1, atol: 0, rtol: 'x', mode: 'slow', maxGraphNodes: 12.4, significantDigits: 40 });
    assert.strictEqual(settings.eps, DEFAULT_SETTINGS.eps);
    assert.strictEqual(settings.atol, 0);
    assert.strictEqual(settings.rtol, DEFAULT_SETTINGS.rtol);
    assert.strictEqual(settings.mode, DEFAULT_SETTINGS.mode);
    assert.strictEqual(settings.maxGraphNodes, 12);
    assert.strictEqual(settings.significantDigits, 17);
  });
});

describe('webview graph actions (test seam)', () => {
  it('accepts the known actions field by field', () => {
    assert.deepStrictEqual(validateMessage({ type: 'graphAction', action: { kind: 'key', key: '+' } }), { kind: 'ok', message: { type: 'graphAction', action: { kind: 'key', key: '+' } } });
    assert.deepStrictEqual(validateMessage({ type: 'graphAction', action: { kind: 'button', name: 'fit', extra: 1 } }), { kind: 'ok', message: { type: 'graphAction', action: { kind: 'button', name: 'fit' } } });
    assert.deepStrictEqual(validateMessage({ type: 'graphAction', action: { kind: 'select', nodeId: 3 } }), { kind: 'ok', message: { type: 'graphAction', action: { kind: 'select', nodeId: 3 } } });
  });

  it('reports malformed actions instead of acting on them', () => {
    for (const action of [undefined, { kind: 'wheel', deltaY: Infinity }, { kind: 'button', name: 'explode' }, { kind: 'find' }, { kind: 'reveal', nodeId: '3' }, { kind: 'fly' }]) {
      assert.strictEqual(validateMessage({ type: 'graphAction', action }).kind, 'malformed', JSON.stringify(action));
    }
  });
});

describe('webview message validation: reference, precision and the replay', () => {
  it('keeps a known reference and precision from the host and falls back for anything else', () => {
    const chosen = sanitizeSettings({ reference: 'richardson', precision: 'bfloat16' });
    assert.deepStrictEqual([chosen.reference, chosen.precision], ['richardson', 'bfloat16']);
    const unknown = sanitizeSettings({ reference: 'forward', precision: 'float8' });
    assert.deepStrictEqual([unknown.reference, unknown.precision], ['central', 'none']);
  });

  it('refuses a check with an unknown reference and a malformed replay, naming the field', () => {
    const check = { passed: true, counts: { pass: 0, fail: 0, kink: 0 }, entries: [] };
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), check: { ...check, reference: 'complex' } }), undefined);
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), check: { ...check, reference: 'forward' } }), 'check.reference is not central, richardson or complex');
    const replay = {
      type: 'float32', unitRoundoff: 2 ** -24, threshold: 100 * 2 ** -24, checkEps: 2 ** -8, checkRelError: 2 ** -16, outputRelError: 1,
      nodes: [{ node: 0, valueRelError: 0, gradRelError: null }], cancellations: [],
    };
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), precision: replay }), undefined);
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), precision: { ...replay, type: 'none' } }), 'precision needs a type, nodes and cancellations');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), precision: { ...replay, nodes: [{ node: 0, valueRelError: '1' }] } }), 'precision.nodes[0] is malformed');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), precision: { ...replay, checkEps: 'big' } }), 'precision has a roundoff, threshold or eps that is not a number');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), precision: { ...replay, cancellations: [{ node: 2, label: 7 }] } }), 'precision.cancellations[0] is malformed');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), precision: { ...replay, firstOverThreshold: { node: 2, label: '-', what: 'both', relError: 1 } } }),
      'precision.firstOverThreshold is malformed');
  });
});
