// Serves the viewer page, the Cesium build and one run folder on 127.0.0.1 only:
//   node tools/viewer/serve.js RUN_DIR [--port N]    (default port 8765; 0 picks a free one)
// prints the URL to open. The page must come over HTTP: Chromium blocks Cesium's requests from file://.
// Also a module: start(runDir, port) resolves to { server, url } (the browser test uses it).
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const viewerRoot = __dirname;
const cesiumRoot = path.join(viewerRoot, 'node_modules', 'cesium', 'Build', 'Cesium');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.czml': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.xml': 'application/xml',
  '.csv': 'text/csv', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.glb': 'model/gltf-binary',
};

// The file a URL path names under `root`, or null when it would leave it.
function inside(root, relative) {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + relative));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function resolve(runDir, urlPath) {
  if (urlPath === '/' || urlPath === '/index.html') return path.join(viewerRoot, 'index.html');
  if (urlPath === '/app.js' || urlPath === '/viewer.css') return path.join(viewerRoot, urlPath.slice(1));
  if (urlPath.startsWith('/node_modules/cesium/Build/Cesium/'))
    return inside(cesiumRoot, urlPath.slice('/node_modules/cesium/Build/Cesium/'.length));
  if (urlPath.startsWith('/run/')) return inside(runDir, urlPath.slice('/run/'.length));
  return null;
}

function start(runDir, port) {
  const root = path.resolve(runDir);
  if (!fs.existsSync(path.join(cesiumRoot, 'Cesium.js')))
    throw new Error(`${cesiumRoot}/Cesium.js is missing: run \`npm ci\` in tools/viewer (tools/setup.sh does)`);
  const server = http.createServer((request, response) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    } catch (e) {
      response.writeHead(400).end();
      return;
    }
    const file = resolve(root, urlPath);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${urlPath}\n`);
      return;
    }
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream',
                              'Cache-Control': 'no-cache' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/?czml=run/constellation.czml`;
      done({ server, url });
    });
  });
}

module.exports = { start };

if (require.main === module) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 8765;
  const runDir = args.find((a, i) => !a.startsWith('--') && (portAt < 0 || i !== portAt + 1));
  if (!runDir || !fs.existsSync(runDir) || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: node tools/viewer/serve.js RUN_DIR [--port N]   (RUN_DIR holds constellation.czml)');
    process.exit(2);
  }
  start(runDir, port).then(({ url }) => {
    console.log(`orbitsim viewer: open ${url}   (serving ${path.resolve(runDir)} on 127.0.0.1 only; Ctrl-C stops)`);
  }).catch((e) => {
    console.error(`orbitsim viewer: ${e.message}`);
    process.exit(1);
  });
}
