// Shared by test/run-web.js and scripts/start.js: a terminal that shows only what they mean to say,
// and a log file that takes the rest.
'use strict';
const fs = require('fs');
const path = require('path');

/**
 * The caller's own lines go to the terminal (say, warn); everything else written to stdout or stderr
 * in this process (test-web's server, its request log) goes to the log file, unless `verbose`.
 */
class SplitOutput {
  constructor(logFile, verbose) {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    this.logFile = logFile;
    // A file descriptor, so that apt-get (a child process) can write into the same log.
    this.log = fs.openSync(logFile, 'w');
    this.verbose = verbose;
    this.stdout = process.stdout.write.bind(process.stdout);
    this.stderr = process.stderr.write.bind(process.stderr);
    if (!verbose) {
      const intoLog = (chunk, encoding, callback) => {
        fs.writeSync(this.log, typeof chunk === 'string' ? chunk : Buffer.from(chunk));
        const done = typeof encoding === 'function' ? encoding : callback;
        if (done) { done(); }
        return true;
      };
      process.stdout.write = intoLog;
      process.stderr.write = intoLog;
    }
  }
  say(text) { this.stdout(`${text}\n`); }
  warn(text) { this.stderr(`${text}\n`); }
  /** A line of the workbench or its server: into the log, and on the terminal with --verbose. */
  chatter(text) {
    fs.writeSync(this.log, `${text}\n`);
    if (this.verbose) { this.stdout(`${text}\n`); }
  }
}

module.exports = { SplitOutput };
