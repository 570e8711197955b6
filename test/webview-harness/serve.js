// The harness page and the webview bundle over loopback HTTP (the page needs a real origin for its
// CSP and fonts), and the Chromium to open it in. Shared by verify.js and screenshot.js.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };

/** Serves /dist/* from bundleDir and everything else from this folder; resolves with the server. */
function serveHarness(bundleDir) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const file = url.pathname.startsWith('/dist/')
      ? path.join(bundleDir, url.pathname.slice('/dist/'.length))
      : path.join(__dirname, url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
    if (!file.startsWith(bundleDir) && !file.startsWith(__dirname)) {
      response.writeHead(403).end();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(data);
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function chromiumPath() {
  return ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(p => fs.existsSync(p));
}

module.exports = { serveHarness, chromiumPath };
