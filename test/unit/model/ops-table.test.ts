// The README's ONNX operator table against the converter registry read now: it fails when a
// converter is added or removed without `npm run ops-table`, and checks how the table is made.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import onnxOperators from '../../../src/model/onnx-operators.json';
import { converterFor, supportedOperators } from '../../../src/model/operators';
import { currentOperatorTable, OnnxOperatorList, operatorTable, TABLE_END, TABLE_START, withOperatorTable } from '../../../src/model/ops-table';

const README = path.resolve(__dirname, '..', '..', '..', '..', 'README.md');

function statusOf(table: string, name: string): string | undefined {
  const row = table.split('\n').find(line => line.startsWith(`| ${name} |`));
  return row?.split('|')[3].trim();
}

describe('the README operator table', () => {
  it('is the table the registry gives now (else run `npm run ops-table`)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const current = currentOperatorTable(readme);
    assert.ok(current, 'README.md has no operator table markers');
    assert.strictEqual(current, operatorTable(), 'README.md disagrees with the converter registry: run `npm run ops-table`');
  });

  it('lists every registered converter as supported and every other listed operator as not yet', () => {
    const table = operatorTable();
    const supported = supportedOperators();
    assert.ok(supported.length > 30, `${supported.length} converters`);
    for (const name of supported) {
      assert.ok(converterFor(name, ''), name);
      assert.match(statusOf(table, name) ?? '', /^supported( \(deprecated\))?$/, name);
    }
    for (const op of onnxOperators.operators.filter(o => !supported.includes(o.name))) {
      assert.match(statusOf(table, op.name) ?? '', /^not yet/, op.name);
    }
    assert.strictEqual(statusOf(table, 'DequantizeLinear'), 'supported');
    assert.strictEqual(statusOf(table, 'Upsample'), 'supported (deprecated)');
    assert.strictEqual(statusOf(table, 'Scatter'), 'not yet (deprecated)');
  });

  it('counts, sorts, and shows operators newer than the list as supported with their opsets unknown', () => {
    const list: OnnxOperatorList = {
      source: 'a test list', maxOpset: 17,
      operators: [{ name: 'Relu', versions: [1, 6, 13, 14], deprecated: false }, { name: 'Scatter', versions: [9, 11], deprecated: true }, { name: 'Erf', versions: [9, 13], deprecated: false }],
    };
    const table = operatorTable(list, ['Gelu', 'Relu']);
    const rows = table.split('\n').filter(l => /^\| [A-Z]/.test(l) && !l.startsWith('| Operator'));
    assert.deepStrictEqual(rows, [
      '| Erf | 9, 13 | not yet |',
      '| Gelu | after 17 | supported |',
      '| Relu | 1, 6, 13, 14 | supported |',
      '| Scatter | 9, 11 | not yet (deprecated) |',
    ]);
    assert.match(table, /\*\*2 of 4\*\* operators .* \(the list: a test list, opsets up to 17\)/);
    assert.ok(table.startsWith(TABLE_START) && table.endsWith(TABLE_END));
  });

  it('rewrites only the section between the markers, and refuses a README without them', () => {
    const readme = `# Title\n\n${TABLE_START}\nold\n${TABLE_END}\n\n## Next\n`;
    const table = operatorTable();
    const rewritten = withOperatorTable(readme, table);
    assert.strictEqual(rewritten, `# Title\n\n${table}\n\n## Next\n`);
    assert.strictEqual(withOperatorTable(rewritten, table), rewritten);
    assert.throws(() => withOperatorTable('# no markers\n', table), /README\.md needs the marker lines/);
    assert.throws(() => withOperatorTable(`${TABLE_END}\n${TABLE_START}\n`, table), /in that order/);
  });

  it('the committed ONNX list: sorted, unique, with the operators of today\'s exports', () => {
    const names = onnxOperators.operators.map(o => o.name);
    assert.deepStrictEqual(names, [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const name of ['Split', 'Erf', 'Where', 'Range', 'LayerNormalization', 'DequantizeLinear', 'Einsum', 'LSTM']) {
      assert.ok(names.includes(name), name);
    }
    for (const op of onnxOperators.operators) {
      assert.ok(op.versions.length > 0 && op.versions.every((v, i) => v >= 1 && v <= onnxOperators.maxOpset && (i === 0 || v > op.versions[i - 1])), op.name);
    }
  });
});
