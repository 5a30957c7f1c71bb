// The orbitsim viewer: a CZML written by `orbitsim export czml` on an offline CesiumJS globe, with the
// run's summary figures beside it. URL parameters: czml (default run/constellation.czml), summary
// (default: summary.json next to the CZML), msaa (samples, default 4).
'use strict';

const params = new URLSearchParams(window.location.search);
const czmlUrl = params.get('czml') || 'run/constellation.czml';
const summaryUrl = params.get('summary') || new URL('summary.json', new URL(czmlUrl, window.location.href)).href;

function figure(value, digits, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  return (typeof value === 'number' ? value.toLocaleString('en', { maximumFractionDigits: digits }) : value) + (unit || '');
}

// The figures a reader looks for first; absent ones are skipped.
function summaryRows(s) {
  const t = s.training || {}, i = s.inference || {}, f = s.failures || {}, p = s.power || {};
  const status = (by, k) => (by && by[k]) || 0;
  const rows = [
    ['scenario', s.scenario], ['seed', s.seed], ['simulated', figure(s.simulated_s, 0, ' s')],
    ['training jobs finished', t.jobs_submitted !== undefined ? `${status(t.jobs_by_status, 'finished')} of ${t.jobs_submitted}` : undefined],
    ['requests finished', i.requests_submitted !== undefined ? `${status(i.requests_by_status, 'finished')} of ${i.requests_submitted}` : undefined],
    ['inference availability', i.availability !== undefined ? figure(100 * i.availability, 2, ' %') : undefined],
    ['TTFT p50 / p99', i.ttft_s ? `${figure(i.ttft_s.p50, 3)} / ${figure(i.ttft_s.p99, 3)} s` : undefined],
    ['end-to-end p50 / p99', i.e2e_s ? `${figure(i.e2e_s.p50, 3)} / ${figure(i.e2e_s.p99, 3)} s` : undefined],
    ['goodput', figure(i.goodput_requests_per_s, 3, ' req/s')],
    ['failures', f.total],
    ['energy generated', p.generated_wh !== undefined ? figure(p.generated_wh / 1000, 1, ' kWh') : undefined],
  ];
  return rows.filter(([, v]) => v !== undefined && v !== '–');
}

async function showSummary() {
  const table = document.getElementById('summary');
  try {
    const response = await fetch(summaryUrl);
    if (!response.ok) throw new Error(`${response.status}`);
    const summary = await response.json();
    for (const [name, value] of summaryRows(summary)) {
      const row = table.insertRow();
      row.insertCell().textContent = name;
      const cell = row.insertCell();
      cell.className = 'value';
      cell.textContent = String(value);
    }
    window.summaryLoaded = true;
  } catch (e) {
    table.insertRow().insertCell().textContent = 'no summary.json next to the CZML (a platform export)';
    window.summaryLoaded = false;
  }
}

async function main() {
  const viewer = new Cesium.Viewer('cesiumContainer', {
    // The imagery inside the Cesium package: the default base layer would call Cesium ion.
    baseLayer: Cesium.ImageryLayer.fromProviderAsync(
      Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl('Assets/Textures/NaturalEarthII'))),
    baseLayerPicker: false,  // its choices are ion, Bing and OpenStreetMap
    geocoder: false,         // ion's geocoder
    navigationHelpButton: false,
    fullscreenButton: false,
    shouldAnimate: false,
    msaaSamples: Number(params.get('msaa') || 4),
  });
  window.viewer = viewer;
  const dataSource = await Cesium.CzmlDataSource.load(czmlUrl);
  await viewer.dataSources.add(dataSource);  // the clock comes from the document packet
  window.dataSource = dataSource;
  document.getElementById('title').textContent = dataSource.name || 'orbitsim';
  const clock = dataSource.clock;
  document.getElementById('status').textContent =
    `${dataSource.entities.values.length} entities, ${Cesium.JulianDate.toIso8601(clock.startTime, 0)} to ` +
    `${Cesium.JulianDate.toIso8601(clock.stopTime, 0)}`;
  await showSummary();
  window.viewerReady = true;
}

main().catch((e) => {
  window.viewerError = String(e && e.stack ? e.stack : e);
  document.getElementById('status').textContent = `error: ${e}`;
  console.error(e);
});
