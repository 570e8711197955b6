// The containment rule itself: which external-data locations may be followed, the size policy, and
// the messages (one uniform refusal; control characters shown, never sent).
import * as assert from 'assert';
import {
  checkSideFileSize, locationSegments, MAX_LOCATION_LENGTH, MAX_LOCATION_SEGMENTS, printableLocation, SideFileError, SideFileRequest,
  sideFileMessage,
} from '../../../src/io/side-files';

function refused(location: string): boolean {
  try {
    locationSegments(location);
    return false;
  } catch (e) {
    return e instanceof SideFileError && e.problem === 'refused';
  }
}

const request = (over: Partial<SideFileRequest> = {}): SideFileRequest => ({ tensor: 'w', location: 'w.bin', offset: 8, length: 24, toEndOfFile: false, ...over });

describe('side files: acceptable locations', () => {
  it('accepts a file name or a path below the folder, dropping `.` segments', () => {
    assert.deepStrictEqual(locationSegments('weights.bin'), ['weights.bin']);
    assert.deepStrictEqual(locationSegments('data/layer 1/w.bin'), ['data', 'layer 1', 'w.bin']);
    assert.deepStrictEqual(locationSegments('./w.bin'), ['w.bin']);
    assert.deepStrictEqual(locationSegments('data\\w.bin'), ['data', 'w.bin'], 'a backslash separates segments, as on Windows');
    assert.deepStrictEqual(locationSegments('~/w.bin'), ['~', 'w.bin'], 'a tilde is an ordinary name, never a home folder');
  });

  it('refuses parent segments, however written', () => {
    for (const location of ['..', '../secret.txt', 'a/../../b', 'a/..', '..\\secret.txt', 'a\\..\\..\\b', './../x']) {
      assert.ok(refused(location), location);
    }
  });

  it('refuses absolute, drive, UNC and URI locations', () => {
    for (const location of ['/etc/passwd', '/proc/self/environ', '/dev/zero', '\\\\server\\share\\w.bin', '\\w.bin', 'C:\\w.bin', 'C:w.bin', 'c:/w.bin', 'file:///etc/passwd', 'w.bin:stream']) {
      assert.ok(refused(location), location);
    }
  });

  it('refuses empty names, empty segments, control characters and NUL', () => {
    for (const location of ['', '.', './', 'a//b', 'a/', 'w.bin\u0000.txt', 'w\n.bin', '\u001b]0;x\u0007', 'w\u007f']) {
      assert.ok(refused(location), JSON.stringify(location));
    }
  });

  it('refuses locations longer or deeper than the limits', () => {
    assert.ok(!refused('a'.repeat(MAX_LOCATION_LENGTH)));
    assert.ok(refused('a'.repeat(MAX_LOCATION_LENGTH + 1)));
    assert.ok(!refused(Array(MAX_LOCATION_SEGMENTS).fill('d').join('/')));
    assert.ok(refused(Array(MAX_LOCATION_SEGMENTS + 1).fill('d').join('/')));
  });
});

describe('side files: size policy', () => {
  const problem = (size: number, r: SideFileRequest): string | undefined => {
    try {
      checkSideFileSize(size, r);
      return undefined;
    } catch (e) {
      return (e as SideFileError).problem;
    }
  };

  it('a file must hold offset + length bytes', () => {
    assert.strictEqual(problem(32, request()), undefined);
    assert.strictEqual(problem(1000, request()), undefined);
    assert.strictEqual(problem(31, request()), 'size');
    assert.strictEqual(problem(0, request()), 'size');
  });

  it('without a length in the model, the tensor must end the file', () => {
    assert.strictEqual(problem(32, request({ toEndOfFile: true })), undefined);
    assert.strictEqual(problem(33, request({ toEndOfFile: true })), 'size');
    assert.strictEqual(problem(31, request({ toEndOfFile: true })), 'size');
  });

  it('an offset past the safe integers is refused, not wrapped', () => {
    assert.strictEqual(problem(Number.MAX_SAFE_INTEGER, request({ offset: Number.MAX_SAFE_INTEGER })), 'size');
  });
});

describe('side files: messages', () => {
  it('one refusal text, naming the tensor, the location as written and what is expected', () => {
    assert.strictEqual(sideFileMessage('refused', request({ location: '../secret.txt' })), "tensor 'w': external data '../secret.txt' was not read: expected a regular file inside the model's folder");
  });

  it('Restricted Mode says why and how to enable it', () => {
    assert.match(sideFileMessage('untrusted', request()), /^tensor 'w': external data 'w.bin' is not read in Restricted Mode; trust the workspace to read external data$/);
  });

  it('a short file names the bytes the dims need', () => {
    assert.match(sideFileMessage('size', request()), /is shorter than the 24 bytes at offset 8 that the tensor's dims need/);
  });

  it('control characters in a location are shown escaped and a long location is cut', () => {
    assert.strictEqual(printableLocation('\u001b]0;title\u0007x'), '\\u001b]0;title\\u0007x');
    assert.strictEqual(printableLocation('\u009b2J'), '\\u009b2J');
    const long = printableLocation('a'.repeat(5000));
    assert.ok(long.length < 300 && long.endsWith('…'), long);
    assert.ok(!sideFileMessage('refused', request({ location: 'x\u001b[2J' })).includes('\u001b'));
  });
});
