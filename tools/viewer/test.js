// The viewer in a real headless browser (Debian's chromium driven by playwright-core), offline:
// a short run of the default scenario with satellite failures, exported to CZML, served on 127.0.0.1,
// opened in the page. Checks what a user relies on: the page renders the globe, every entity written is
// there, the clock spans the run, a failed satellite turns red after its failure time, the run's
// summary is beside it, no error, and every request the browser made went to 127.0.0.1.
//   node tools/viewer/test.js --orbitsim build/orbitsim [--screenshot FILE]
// Prints one line per check and "N passed, M failed"; exits 1 on any failure.
'use strict';

const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { start } = require('./serve.js');

const root = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : fallback);
const orbitsim = path.resolve(option('--orbitsim', path.join(root, 'build', 'orbitsim')));
const screenshot = option('--screenshot', null);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

const results = [];
function check(name, ok, detail) {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orbitsim_viewer_test_'));
  const run = path.join(work, 'run');
  const horizon = 120;
  execFileSync(orbitsim, ['run', 'workloads/scenarios/starlink_shell1_default.yaml', '--quiet', '--out', run,
                          '--set', `duration_s=${horizon}`, '--set', 'faults.satellite_failure_rate_per_day=40'],
               { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const exportRun = spawnSync(orbitsim, ['export', 'czml', run, '--to', path.join(run, 'constellation.czml'),
                                         '--route', 'Tokyo:London', '--times', `0:${horizon}:10`],
                              { cwd: root, encoding: 'utf8' });
  if (exportRun.status !== 0) throw new Error(`export czml failed: ${exportRun.stderr}`);
  const packets = JSON.parse(fs.readFileSync(path.join(run, 'constellation.czml'), 'utf8'));
  const failures = fs.readFileSync(path.join(run, 'failures.csv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split(',')).filter((f) => f[2] === 'satellite');
  if (failures.length === 0) throw new Error('the run drew no satellite failure: nothing to colour');
  const [failedAt, failedName] = [Number(failures[0][0]), failures[0][1]];
  const failedPacket = packets.find((p) => p.name === failedName);

  const { server, url } = await start(run, 0);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'orbitsim_viewer_profile_'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, viewport: { width: 960, height: 540 },
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-first-run', '--disable-quic', '--disable-default-apps', '--disable-domain-reliability', '--no-pings',
           '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater',
           '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',  // no DNS lookup of any other host
           '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'] });
  const requests = [], outside = [], failed = [], errors = [];
  const local = (u) => { try { return new URL(u).hostname === '127.0.0.1'; } catch (e) { return u.startsWith('data:') || u.startsWith('blob:'); } };
  context.on('request', (r) => requests.push(r.url()));
  await context.route((u) => !local(u.href), (route) => { outside.push(route.request().url()); return route.abort(); });
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  try {
    await page.goto(url + '&msaa=1');
    await page.waitForFunction(() => window.viewerReady || window.viewerError, null, { timeout: 120000 });
    const error = await page.evaluate(() => window.viewerError || null);
    check('the viewer starts', error === null, error);
    if (error) return;
    const entities = await page.evaluate(() => window.dataSource.entities.values.length);
    const written = exportRun.stderr.match(/\((\d+) entities\)/);
    check('entities = satellites + stations + links + routes written', written && entities === Number(written[1]) &&
          entities === packets.length - 1, `${entities} in the page, ${written && written[1]} written, ${packets.length - 1} packets`);
    const clock = await page.evaluate(() => [Cesium.JulianDate.toIso8601(viewer.clock.startTime, 3),
                                             Cesium.JulianDate.secondsDifference(viewer.clock.stopTime, viewer.clock.startTime)]);
    check('the clock spans the run', clock[0] === '2026-06-21T00:00:00.000Z' && Math.abs(clock[1] - horizon) < 1e-6,
          `${clock[0]} + ${clock[1]} s`);
    const colours = await page.evaluate(([id, t]) => {
      const entity = window.dataSource.entities.getById(id);
      const at = (s) => entity.point.color.getValue(Cesium.JulianDate.addSeconds(viewer.clock.startTime, s, new Cesium.JulianDate())).toCssColorString();
      return [at(Math.max(0, t - 1)), at(Math.min(t + 1, 120))];
    }, [failedPacket.id, failedAt]);
    check(`failed satellite ${failedName} (t = ${failedAt.toFixed(1)} s) turns red`,
          colours[1] === 'rgb(255,0,0)' && colours[0] !== 'rgb(255,0,0)', `before ${colours[0]}, after ${colours[1]}`);
    const link = await page.evaluate(() => {
      const e = window.dataSource.entities.values.find((x) => x.id.startsWith('isl-'));
      return e.polyline.positions.getValue(viewer.clock.startTime).length;
    });
    check('a link joins its two satellites', link === 2, `${link} positions`);
    const summary = await page.evaluate(() => [window.summaryLoaded, document.getElementById('summary').innerText]);
    check('the run summary is beside the globe', summary[0] === true && summary[1].includes('requests finished'), summary[1].split('\n')[0]);
    // Imagery loaded, then read the canvas back right after a frame (the buffer is cleared once composited).
    await page.waitForFunction(() => viewer.scene.globe.tilesLoaded, null, { timeout: 120000 });
    const stats = await page.evaluate(() => new Promise((done) => {
      viewer.clock.shouldAnimate = true;
      let frames = 0;
      const remove = viewer.scene.postRender.addEventListener(() => {
        if (++frames < 3) return;
        remove();
        const gl = viewer.scene.canvas.getContext('webgl2') || viewer.scene.canvas.getContext('webgl');
        const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight, px = new Uint8Array(w * h * 4);
        gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
        let sum = 0, sum2 = 0, n = 0;
        const colours = new Set();
        for (let i = 0; i < px.length; i += 4 * 97) {
          const v = (px[i] + px[i + 1] + px[i + 2]) / 3;
          sum += v; sum2 += v * v; n += 1;
          colours.add((px[i] >> 4) * 256 + (px[i + 1] >> 4) * 16 + (px[i + 2] >> 4));
        }
        done({ variance: sum2 / n - (sum / n) ** 2, colours: colours.size, renderer: gl.getParameter(gl.RENDERER) });
      });
      viewer.scene.requestRender();
    }));
    check('the globe is drawn (pixel statistics)', stats.variance > 100 && stats.colours > 50,
          `variance ${stats.variance.toFixed(0)}, ${stats.colours} colours, ${stats.renderer}`);
    if (screenshot) await page.screenshot({ path: screenshot });
  } finally {
    check('no console or page error', errors.length === 0, errors.slice(0, 3).join(' | '));
    check('every request went to 127.0.0.1', outside.length === 0 && requests.every(local),
          `${requests.length} requests, ${outside.length} elsewhere ${outside.slice(0, 3).join(' ')}`);
    check('no request failed', failed.length === 0, failed.slice(0, 3).join(' '));
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => { check('test ran', false, e.stack || String(e)); }).finally(() => {
  const passed = results.filter(Boolean).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(results.length > 0 && passed === results.length ? 0 : 1);
});
