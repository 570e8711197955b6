// The panel's own layered layout (webview/graph/layout.ts): ranks follow the edges, boxes of a rank
// never overlap, edges leave and enter box borders, and thousands of boxes take milliseconds.
import * as assert from 'assert';
import { assignRanks, BOX_GAP, edgePath, estimatedSize, layoutGraph, placeInOrder, type BoxSize, type LayoutEdge } from '../../../webview/graph/layout';

function overlaps(a: { x: number; y: number } & BoxSize, b: { x: number; y: number } & BoxSize): boolean {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;
}

/** The sum-of-sines shape of the folding test: x feeds every term, the adds form a long chain. */
function sumOfSines(terms: number): { sizes: BoxSize[]; edges: LayoutEdge[] } {
  const sizes: BoxSize[] = [{ width: 60, height: 30 }];
  const edges: LayoutEdge[] = [];
  let total = -1;
  for (let k = 0; k < terms; k++) {
    const constant = sizes.push({ width: 40, height: 30 }) - 1;
    const product = sizes.push({ width: 90, height: 46 }) - 1;
    const sine = sizes.push({ width: 110, height: 46 }) - 1;
    edges.push({ from: 0, to: product }, { from: constant, to: product }, { from: product, to: sine });
    if (total >= 0) {
      const sum = sizes.push({ width: 120, height: 46 }) - 1;
      edges.push({ from: total, to: sum }, { from: sine, to: sum });
      total = sum;
    } else {
      total = sine;
    }
  }
  return { sizes, edges };
}

describe('webview graph layout', () => {
  it('ranks every edge forward and pulls inputs next to their first use', () => {
    // a → c, b → d, c → d: b is a source used only by d, so it sits one rank before d.
    const ranks = assignRanks(4, [{ from: 0, to: 2 }, { from: 1, to: 3 }, { from: 2, to: 3 }]);
    assert.deepStrictEqual(ranks, [0, 1, 1, 2]);
  });

  it('places boxes of a rank in order, as close to where they want to be as the gaps allow', () => {
    assert.deepStrictEqual(placeInOrder([0, 100], [20, 20], 10), [0, 100]);
    // Both want 0: they split the difference, 30 apart (half-extents 10 + gap 10 + 10).
    assert.deepStrictEqual(placeInOrder([0, 0], [20, 20], 10), [-15, 15]);
    const placed = placeInOrder([5, 0, 0], [20, 40, 20], 10);
    assert.ok(placed[1] - placed[0] >= 10 + 10 + 20 - 1e-9 && placed[2] - placed[1] >= 20 + 10 + 10 - 1e-9, String(placed));
  });

  for (const direction of ['LR', 'TB'] as const) {
    it(`lays out a 1,000-box sum of sines ${direction} without overlaps, edges along the flow`, () => {
      const { sizes, edges } = sumOfSines(250);
      const layout = layoutGraph({ sizes, edges, direction });
      assert.ok(sizes.length >= 999, `${sizes.length} boxes`);
      const boxes = sizes.map((size, i) => ({ ...size, ...layout.centres[i] }));
      for (let i = 0; i < boxes.length; i++) {
        assert.ok(boxes[i].x - boxes[i].width / 2 >= -1e-6 && boxes[i].y - boxes[i].height / 2 >= -1e-6, `box ${i} starts before the origin`);
        assert.ok(boxes[i].x + boxes[i].width / 2 <= layout.width + 1e-6 && boxes[i].y + boxes[i].height / 2 <= layout.height + 1e-6, `box ${i} ends past the drawing`);
      }
      const byRank = new Map<number, number[]>();
      layout.ranks.forEach((rank, i) => byRank.set(rank, [...(byRank.get(rank) ?? []), i]));
      for (const members of byRank.values()) {
        for (let a = 0; a < members.length; a++) {
          for (let b = a + 1; b < members.length; b++) {
            assert.ok(!overlaps(boxes[members[a]], boxes[members[b]]), `boxes ${members[a]} and ${members[b]} overlap`);
          }
        }
      }
      edges.forEach((edge, i) => {
        assert.ok(layout.ranks[edge.from] < layout.ranks[edge.to], `edge ${edge.from} → ${edge.to} does not go forward`);
        const [start, end] = layout.routes[i];
        const along = direction === 'LR' ? 'x' : 'y';
        const extent = direction === 'LR' ? 'width' : 'height';
        assert.ok(Math.abs(start[along] - (boxes[edge.from][along] + boxes[edge.from][extent] / 2)) < 1e-6, 'the edge leaves the box border');
        assert.ok(Math.abs(end[along] - (boxes[edge.to][along] - boxes[edge.to][extent] / 2)) < 1e-6, 'the edge enters the box border');
      });
    });
  }

  it('lays out 10,000 boxes, a finite centre for each', () => {
    const { sizes, edges } = sumOfSines(2500);
    const layout = layoutGraph({ sizes, edges, direction: 'LR' });
    assert.strictEqual(layout.centres.length, sizes.length);
    assert.ok(layout.centres.every(c => Number.isFinite(c.x) && Number.isFinite(c.y)), 'a centre is not finite');
  });

  it('estimates a drawing no larger than its layout, the same length along the flow', () => {
    const { sizes, edges } = sumOfSines(40);
    const ranks = assignRanks(sizes.length, edges);
    for (const direction of ['LR', 'TB'] as const) {
      const estimate = estimatedSize(sizes, ranks, direction);
      const layout = layoutGraph({ sizes, edges, direction });
      const [along, across] = direction === 'LR' ? ['width', 'height'] as const : ['height', 'width'] as const;
      assert.ok(Math.abs(estimate[along] - layout[along]) < 1e-6, `${direction}: ${estimate[along]} vs ${layout[along]}`);
      assert.ok(estimate[across] <= layout[across] + 1e-6, `${direction}: ${estimate[across]} vs ${layout[across]}`);
    }
  });

  it('draws an edge straight along the flow, then an S-bend in the last rank gap', () => {
    // Within one gap (56 px LR, 44 px TB): the S-bend alone.
    assert.strictEqual(edgePath([{ x: 0, y: 0 }, { x: 50, y: 40 }], 'LR'), 'M0,0C25,0 25,40 50,40');
    assert.strictEqual(edgePath([{ x: 0, y: 0 }, { x: 30, y: 40 }], 'TB'), 'M0,0C0,20 30,20 30,40');
    // Across many ranks: a straight run to the last gap.
    assert.strictEqual(edgePath([{ x: 0, y: 0 }, { x: 300, y: 40 }], 'LR'), 'M0,0L244,0C272,0 272,40 300,40');
    assert.strictEqual(edgePath([{ x: 10, y: 0 }, { x: 30, y: 200 }], 'TB'), 'M10,0L10,156C10,178 30,178 30,200');
  });

  it('keeps BOX_GAP between neighbours of a rank', () => {
    const layout = layoutGraph({ sizes: [{ width: 10, height: 10 }, { width: 10, height: 10 }, { width: 10, height: 10 }], edges: [{ from: 0, to: 2 }, { from: 1, to: 2 }], direction: 'LR' });
    assert.ok(Math.abs(Math.abs(layout.centres[0].y - layout.centres[1].y) - (10 + BOX_GAP)) < 1e-9);
    // The consumer sits between its two inputs.
    assert.ok(Math.abs(layout.centres[2].y - (layout.centres[0].y + layout.centres[1].y) / 2) < 1e-9);
  });
});
