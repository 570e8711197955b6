import * as assert from 'assert';
import type { WireValueSource } from '../../../src/protocol';
import { inspectionProblem } from '../../../webview/messages';
import { valuesTable } from '../../../webview/tables';
import { valueSourceNotes } from '../../../webview/views/header-view';
import { lectureInspection } from './sample';

const FROM_FRAME: WireValueSource = {
  kind: 'debugger', frame: 'train_step', line: 42, file: 'train.py', names: ['x', 'z'],
  standIns: [{ name: 'z', shape: [300, 400], dtype: 'float32' }],
  unreadable: [{ name: 'y', message: "NameError: name 'y' is not defined" }],
};

describe('webview: values from a paused debug frame', () => {
  it('the header names the frame, then each stand-in and each unreadable name', () => {
    assert.deepStrictEqual(valueSourceNotes({ ...lectureInspection(), valueSource: FROM_FRAME }), [
      'Values from the paused frame train_step (train.py:42): x, z.',
      'z (float32, shape (300, 400)) is above gradientInspector.debug.maxEntries: only its shape and summary were read, and the check used a seeded stand-in with that shape, mean and spread.',
      "y could not be read from the frame: NameError: name 'y' is not defined",
    ]);
    assert.deepStrictEqual(valueSourceNotes(lectureInspection()), []);
  });

  it('the values table marks the leaves that came from the frame, stand-ins apart', () => {
    const kinds = valuesTable({ ...lectureInspection(), valueSource: FROM_FRAME }, 6).rows.map(row => row[1]);
    assert.deepStrictEqual(kinds, ['leaf x · debugger', 'leaf y', '+', 'leaf z · debugger stand-in', '*']);
  });

  it('a malformed value source is refused before anything is drawn', () => {
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), valueSource: FROM_FRAME }), undefined);
    for (const bad of [{ ...FROM_FRAME, kind: 'other' }, { ...FROM_FRAME, line: '42' }, { ...FROM_FRAME, names: [1] },
      { ...FROM_FRAME, standIns: [{ name: 'z', shape: ['a'], dtype: 'f' }] }, { ...FROM_FRAME, unreadable: [{ name: 'y' }] }]) {
      assert.match(inspectionProblem({ ...lectureInspection(), valueSource: bad }) ?? '', /valueSource/, JSON.stringify(bad));
    }
  });
});
