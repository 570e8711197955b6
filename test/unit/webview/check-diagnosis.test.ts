import * as assert from 'assert';
import { nextSort, sortEntries } from '../../../webview/check-sort';
import { buildFlowchart, type GraphPalette } from '../../../webview/graph/flowchart';
import { foldGraph } from '../../../webview/graph/fold';
import { inspectionProblem } from '../../../webview/messages';
import { checkHeaders, checkTable, CHECK_HEADERS } from '../../../webview/tables';
import type { WireCheckEntry } from '../../../src/protocol';
import { lectureInspection } from './sample';

function entry(flat: number, extra: Partial<WireCheckEntry>): WireCheckEntry {
  return { leaf: 'x', leafId: 0, index: [flat], flat, analytic: 1, numeric: 1, absError: 0, relError: 0, status: 'pass', ...extra };
}

describe('check table: step and diagnosis columns', () => {
  it('shows h and the diagnosis, a kink with its one-sided derivatives', () => {
    assert.deepStrictEqual(CHECK_HEADERS.slice(6), ['Status', 'h', 'Diagnosis']);
    const rows = checkTable([
      entry(0, { status: 'fail', h: 0.1, diagnosis: 'truncation', advice: 'use a smaller step' }),
      entry(1, { status: 'kink', kinkNode: 2, h: 1e-6, diagnosis: 'kink', oneSided: [0, 1] }),
      entry(2, { h: 2e-6 }),
    ], lectureInspection(), 3).rows;
    assert.deepStrictEqual(rows.map(r => r.slice(7)), [['0.10', 'truncation'], ['1.0e-6', 'kink [0.00, 1.00]'], ['2.0e-6', '']]);
  });

  it('sorts by diagnosis and by h', () => {
    const rows = [entry(0, { h: 1e-3, diagnosis: 'truncation' }), entry(1, { h: 1e-6 }), entry(2, { h: 1e-2, diagnosis: 'kink' })];
    assert.deepStrictEqual(sortEntries(rows, nextSort(undefined, 'diagnosis')).map(e => e.flat), [1, 2, 0]);
    assert.deepStrictEqual(sortEntries(rows, nextSort(undefined, 'h')).map(e => e.flat), [2, 0, 1]);
  });

  it('refuses a check entry whose advice is not text', () => {
    const inspection = lectureInspection() as unknown as { check: unknown };
    inspection.check = {
      passed: false, counts: { pass: 0, fail: 1, kink: 0 },
      entries: [{ ...entry(0, { status: 'fail' }), advice: { html: '<b>' } }],
    };
    assert.strictEqual(inspectionProblem(inspection), 'check.entries[0] is malformed');
  });
});

describe('graph: the check\'s wrong node', () => {
  it('marks an op node whose check status is fail with ✗ and the fail class', () => {
    const palette: GraphPalette = {
      none: { fill: '#000000', text: '#ffffff' }, border: '#888888', output: '#0000ff', fail: '#ff0000', kink: '#ffff00', pass: '#00ff00',
    };
    const inspection = lectureInspection();
    inspection.nodes[2].checkStatus = 'fail';
    const fold = foldGraph({ nodes: inspection.nodes, output: 4, limit: 150, expanded: new Set() });
    const lines = buildFlowchart(inspection.nodes, 4, fold, { direction: 'LR', digits: 5, palette }).text.split('\n');
    assert.ok(lines.includes('  n2["✗ +<br/>data 3.0000 | grad -4.0000"]'), lines.join('\n'));
    assert.ok(lines.includes('  class n2 fail'));
  });

  it('refuses a malformed wrong node', () => {
    const inspection = lectureInspection() as unknown as { check: unknown };
    inspection.check = { passed: false, counts: { pass: 0, fail: 1, kink: 0 }, entries: [], wrongNode: { node: '2', label: '+', op: 'add' } };
    assert.strictEqual(inspectionProblem(inspection), 'check.wrongNode is malformed');
  });
});

describe('check table: the reference names the Numeric column', () => {
  it('is Numeric for the central difference (and a check from an older host), else the reference', () => {
    assert.strictEqual(checkHeaders(undefined)[3], 'Numeric');
    assert.strictEqual(checkHeaders({})[3], 'Numeric');
    assert.strictEqual(checkHeaders({ reference: 'central' })[3], 'Numeric');
    assert.strictEqual(checkHeaders({ reference: 'richardson' })[3], 'Richardson');
    assert.strictEqual(checkHeaders({ reference: 'complex' })[3], 'Complex step');
    assert.deepStrictEqual(checkHeaders({ reference: 'complex' }).filter((_, i) => i !== 3), CHECK_HEADERS.filter((_, i) => i !== 3));
  });
});
