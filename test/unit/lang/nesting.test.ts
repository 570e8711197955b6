// The parsers' nesting limit (src/lang/nesting.ts) is what every later stage can take: each
// construct is run through the whole pipeline (lowering, forward, backward, symbolic derivatives,
// printing, the check) at exactly the deepest nesting the parser accepts, in a child process with
// 40% of Node's default stack, and one level deeper is a located limit error.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { Language } from '../../../src/lang/ast';
import { MAX_NESTING } from '../../../src/lang/nesting';
import { parseProgram } from '../../../src/lang/parse';

/** Node's default is 984 KB; the extension host may run with less. */
const CHILD_STACK_KB = 400;

interface Construct {
  name: string;
  language: Language;
  text(depth: number): string;
  /** What the pipeline says at the limit, when it is not a result. */
  refusal?: RegExp;
}

const CONSTRUCTS: readonly Construct[] = [
  { name: 'calls', language: 'math', text: n => 'sin('.repeat(n) + 'x' + ')'.repeat(n) },
  { name: 'exp calls', language: 'math', text: n => 'exp('.repeat(n) + 'x' + ')'.repeat(n) },
  { name: 'parentheses', language: 'math', text: n => '('.repeat(n) + 'x' + ')'.repeat(n) },
  { name: 'unary minus', language: 'math', text: n => '- '.repeat(n) + 'x' },
  { name: 'powers', language: 'math', text: n => 'x^'.repeat(n) + 'x' },
  { name: 'python powers', language: 'python', text: n => 'x**'.repeat(n) + 'x' },
  { name: 'calls, minus and parentheses', language: 'math', text: n => 'tanh(-('.repeat(n) + 'x' + '))'.repeat(n) },
  { name: 'subscripts', language: 'python', text: n => 'w = np.array([0.5, 2.0])\n(w[' + '('.repeat(n) + '1' + ')'.repeat(n) + '] * x).sum()' },
  { name: 'nested lists', language: 'python', text: n => 'w = np.array(' + '['.repeat(n) + '0.5' + ']'.repeat(n) + ')\n(w * x).sum()', refusal: /^InspectError: nested deeper than 32 levels/ },
  { name: 'python calls', language: 'python', text: n => 'np.exp('.repeat(n) + 'x' + ')'.repeat(n) },
  { name: '\\frac', language: 'latex', text: n => '\\frac{'.repeat(n) + 'x' + '}{2}'.repeat(n) },
  { name: '\\sin( )', language: 'latex', text: n => '\\sin('.repeat(n) + 'x' + ')'.repeat(n) },
  { name: 'superscripts', language: 'latex', text: n => 'x^{'.repeat(n) + 'x' + '}'.repeat(n) },
  { name: '\\sqrt', language: 'latex', text: n => '\\sqrt{'.repeat(n) + 'x' + '}'.repeat(n) },
  { name: 'LaTeX minus', language: 'latex', text: n => '-'.repeat(n) + 'x' },
];

function parses(c: Construct, depth: number): boolean {
  try {
    parseProgram(c.text(depth), c.language);
    return true;
  } catch (err) {
    if (err instanceof InspectError && err.kind === 'limit') { return false; }
    throw err;
  }
}

/** The deepest nesting of `c` the parser accepts (it refuses every depth above). */
function deepestAccepted(c: Construct): number {
  let low = 1, high = 4 * MAX_NESTING;
  assert.ok(parses(c, low) && !parses(c, high), c.name);
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (parses(c, mid)) { low = mid; } else { high = mid; }
  }
  return low;
}

/** Runs inspect() (symbolic derivatives and the check included) on each text in a stack-limited child. */
function inspectInChild(cases: readonly { language: Language; text: string }[]): string[] {
  const inspectModule = path.resolve(__dirname, '../../../src/inspect.js');
  const tensorModule = path.resolve(__dirname, '../../../src/engine/tensor.js');
  const script = `
    const { inspect } = require(${JSON.stringify(inspectModule)});
    const { Tensor } = require(${JSON.stringify(tensorModule)});
    const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    (async () => {
      const results = [];
      for (const c of cases) {
        try {
          const r = await inspect({ kind: 'text', text: c.text, language: c.language }, { bindings: new Map([['x', Tensor.scalar(0.5)]]) });
          results.push(r.check ? 'ok' : 'no check');
        } catch (e) {
          results.push(e.name + ': ' + e.message);
        }
      }
      process.stdout.write(JSON.stringify(results));
    })();`;
  const child = spawnSync(process.execPath, [`--stack-size=${CHILD_STACK_KB}`, '-e', script], { input: JSON.stringify(cases), encoding: 'utf8', timeout: 60_000 });
  assert.strictEqual(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as string[];
}

describe('nesting: the parser limit is what every stage takes', function () {
  this.timeout(60_000);
  const limits = new Map<string, number>();

  before(() => {
    for (const c of CONSTRUCTS) { limits.set(c.name, deepestAccepted(c)); }
  });

  it('every construct nests at least a quarter of MAX_NESTING deep, and never more than MAX_NESTING', () => {
    for (const c of CONSTRUCTS) {
      const depth = limits.get(c.name) as number;
      assert.ok(depth >= MAX_NESTING / 4 && depth <= MAX_NESTING, `${c.name}: ${depth}`);
    }
  });

  it(`the whole pipeline runs every construct at its limit with a ${CHILD_STACK_KB} KB stack`, () => {
    const results = inspectInChild(CONSTRUCTS.map(c => ({ language: c.language, text: c.text(limits.get(c.name) as number) })));
    CONSTRUCTS.forEach((c, i) => {
      const what = `${c.name} at depth ${limits.get(c.name)}`;
      if (c.refusal) { assert.match(results[i], c.refusal, what); } else { assert.strictEqual(results[i], 'ok', what); }
    });
  });

  it('one level deeper is a limit error located in the text', () => {
    for (const c of CONSTRUCTS) {
      const text = c.text((limits.get(c.name) as number) + 1);
      assert.throws(() => parseProgram(text, c.language), (err: unknown) => {
        assert.ok(err instanceof InspectError, c.name);
        assert.strictEqual(err.kind, 'limit', c.name);
        assert.match(err.message, new RegExp(`${MAX_NESTING} levels`), c.name);
        assert.ok(err.range && err.range.start > 0 && err.range.end <= text.length, c.name);
        return true;
      });
    }
  });

  it('nested values are bounded too: --inputs JSON, --at and the value prompt', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    assert.throws(() => Tensor.fromNested(deep), /nested deeper than 32 levels/);
    assert.deepStrictEqual(Tensor.fromNested(JSON.parse('['.repeat(32) + '1' + ']'.repeat(32))).shape, new Array(32).fill(1));
  });
});
