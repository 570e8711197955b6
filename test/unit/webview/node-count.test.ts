import * as assert from 'assert';
import { nodeCountText } from '../../../webview/node-count';
import { gemmReluGemmInspection, lectureInspection } from './sample';

describe('nodeCountText', () => {
  it('counts the engine nodes of a text expression', () => {
    const lecture = lectureInspection();
    assert.strictEqual(nodeCountText(lecture), `${lecture.nodes.length} nodes`);
  });

  it('counts an ONNX model\'s operators (Gemm, Relu, Gemm and the loss) besides its engine nodes', () => {
    assert.strictEqual(nodeCountText(gemmReluGemmInspection()), '4 operators · 16 engine nodes');
  });

  it('says one in the singular', () => {
    const relu = gemmReluGemmInspection().nodes.filter(n => n.origin === '/1/Relu (Relu)');
    assert.strictEqual(nodeCountText({ language: 'onnx', nodes: relu }), '1 operator · 1 engine node');
  });
});
