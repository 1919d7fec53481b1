// A stand-in for `regiomap serve` while the page is developed: serves web/ as the real server will
// (/, /static/app.js, /static/style.css, /static/maplibre/*) and answers the API of docs/API.md from
// 48 made-up municipalities on a grid around Veenendaal. The scores follow the shape of the real
// JSON, not its numbers: C = I / U over the scored layers, as docs/METRICS.md defines them, on this
// toy data. Usage: node web/dev/mock-server.mjs [--port 8765] [--token TOKEN] [--delay MS]
import {createServer} from 'node:http';
import {readFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {dirname, extname, join, normalize} from 'node:path';
import {fileURLToPath} from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const port = Number(option('port', process.env.PORT || 8765));
const token = option('token', process.env.MOCK_TOKEN || '');
const delay = Number(option('delay', process.env.MOCK_DELAY_MS || 60));  // the what-if's thinking time
// --cbs: the 355 real municipalities of 2020 from the repository's geodata/ instead of the squares.
const cbsDir = args.includes('--cbs') ? option('cbs-dir', join(web, '..', 'geodata', 'cbs', '2020')) : null;

// ---------------------------------------------------------------------------------------------
// The made-up country: 8 x 6 municipalities, row 0 in the north.
const COLUMNS = 8;
const ROWS = 6;
const NAMES = [
  ['GM0632', 'Woerden'], ['GM0736', 'De Ronde Venen'], ['GM1904', 'Stichtse Vecht'], ['GM0342', 'Soest'],
  ['GM0308', 'Baarn'], ['GM0307', 'Amersfoort'], ['GM0203', 'Barneveld'], ['GM0200', 'Apeldoorn'],
  ['GM0589', 'Oudewater'], ['GM0344', 'Utrecht'], ['GM0310', 'De Bilt'], ['GM0355', 'Zeist'],
  ['GM0327', 'Leusden'], ['GM0351', 'Woudenberg'], ['GM0228', 'Ede'], ['GM0274', 'Renkum'],
  ['GM0335', 'Montfoort'], ['GM0353', 'IJsselstein'], ['GM0356', 'Nieuwegein'], ['GM0312', 'Bunnik'],
  ['GM0339', 'Renswoude'], ['GM0345', 'Veenendaal'], ['GM0289', 'Wageningen'], ['GM0202', 'Arnhem'],
  ['GM0331', 'Lopik'], ['GM0321', 'Houten'], ['GM0352', 'Wijk bij Duurstede'], ['GM0340', 'Rhenen'],
  ['GM0277', 'Rozendaal'], ['GM0275', 'Rheden'], ['GM0299', 'Zevenaar'], ['GM0293', 'Westervoort'],
  ['GM0213', 'Brummen'], ['GM0263', 'Maasdriel'], ['GM0281', 'Tiel'], ['GM0296', 'Wijchen'],
  ['GM0668', 'West Maas en Waal'], ['GM0209', 'Beuningen'], ['GM0268', 'Nijmegen'], ['GM0252', 'Heumen'],
  ['GM0225', 'Druten'], ['GM0304', 'Neder-Betuwe'], ['GM0216', 'Culemborg'], ['GM0214', 'Buren'],
  ['GM0297', 'Zaltbommel'], ['GM1740', 'Neder-Betuwe Oost'], ['GM1945', 'Berg en Dal'], ['GM0196', 'Rijnwaarden'],
];
const WEST = 4.85;
const NORTH = 52.32;
const DX = 0.16;
const DY = 0.09;

// A deterministic random number in [0, 1) from any list of integers.
function noise(...values) {
  let h = 2166136261;
  for (const v of values) {
    h ^= v + 0x9e3779b9 + (h << 6) + (h >>> 2);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return (h % 100000) / 100000;
}

function corner(i, j) {  // grid corner (column i, row j), jittered inside the grid only
  const inside = i > 0 && i < COLUMNS && j > 0 && j < ROWS;
  const jx = inside ? (noise(i, j, 1) - 0.5) * DX * 0.45 : 0;
  const jy = inside ? (noise(i, j, 2) - 0.5) * DY * 0.45 : 0;
  return [WEST + i * DX + jx, NORTH - j * DY + jy];
}

// The border between two grid corners, the same for both sides: the corner, then 5 points that
// wiggle a few hundred metres across the straight line, each followed by a point that deviates
// only some 40 m (below the API's simplification tolerance). Walked from (i0, j0) to (i1, j1).
function borderPoints(i0, j0, i1, j1) {
  const forward = i0 * 100 + j0 < i1 * 100 + j1;
  const [a, b] = forward ? [corner(i0, j0), corner(i1, j1)] : [corner(i1, j1), corner(i0, j0)];
  const key = edgeKey(i0, j0, i1, j1);
  const [ax, ay] = a;
  const [bx, by] = b;
  const length = Math.hypot(bx - ax, by - ay);
  const across = (s, offset) => [ax + s * (bx - ax) - offset * (by - ay) / length, ay + s * (by - ay) + offset * (bx - ax) / length];
  const points = [];
  for (let k = 1; k <= 5; ++k) {
    points.push({at: across(k / 6, (noise(key, k) - 0.5) * 0.008), fine: false});
    if (k < 5) points.push({at: across((k + 0.5) / 6, (noise(key, k) + noise(key, k + 1) - 1) * 0.004 + (noise(key, k, 3) - 0.5) * 0.0007), fine: true});
  }
  if (!forward) points.reverse();
  return [{at: corner(i0, j0), fine: false}, ...points];
}

function edgeKey(i0, j0, i1, j1) {
  const [a, b] = [[i0, j0], [i1, j1]].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return a[0] * 1000 + a[1] * 100 + b[0] * 10 + b[1];
}

const CELL_CORNERS = (i, j) => [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]];

// A municipality's polygon as an independent simplification would give it: of the shared border
// it drops about half of the fine points and moves each kept point by up to 20 m, so that
// neighbours share few vertices exactly.
function cellRing(i, j, cellIndex) {
  const corners = CELL_CORNERS(i, j);
  const ring = [];
  for (let c = 0; c < 4; ++c) {
    const [i0, j0] = corners[c];
    const [i1, j1] = corners[(c + 1) % 4];
    const key = edgeKey(i0, j0, i1, j1);
    borderPoints(i0, j0, i1, j1).forEach((point, k) => {
      if (point.fine && noise(cellIndex, key, k) < 0.5) return;
      const shift = k === 0 ? [0, 0] : [(noise(cellIndex, key, k, 1) - 0.5) * 0.0004, (noise(cellIndex, key, k, 2) - 0.5) * 0.0003];
      ring.push([point.at[0] + shift[0], point.at[1] + shift[1]]);
    });
  }
  ring.push(ring[0]);
  return ring;
}

const gridMunicipalities = NAMES.map(([code, name], index) => {
  const i = index % COLUMNS;
  const j = Math.floor(index / COLUMNS);
  const population = code === 'GM0344' ? 361924 : code === 'GM0345' ? 66365 : Math.round(9000 + noise(index, 5) * 140000);
  return {code, name, i, j, index, population, geometry: {type: 'Polygon', coordinates: [cellRing(i, j, index)]}};
});

// Divisions: region of each municipality by its grid cell, with a few made-up exceptions.
const GRID_LAYERS = [
  {id: 'zorgkantoor', title: "Zorgkantoorregio's (Wlz)", regions: {
    ZK23: 'Utrecht', ZK07: 'Arnhem', ZK10: 'Nijmegen', ZK24: 'Midden-IJssel'},
  regionOf: (i, j) => (j < 4 ? (i < 4 ? 'ZK23' : i < 7 ? 'ZK07' : 'ZK24') : i < 4 ? 'ZK23' : 'ZK10')},
  {id: 'ggd', title: "GGD-regio's", regions: {
    GG14: 'GGD regio Utrecht', GG15: 'GGD Gelderland-Midden', GG16: 'GGD Gelderland-Zuid', GG21: 'GGD Noord- en Oost-Gelderland'},
  regionOf: (i, j) => (i < 5 ? (j < 4 || i < 3 ? 'GG14' : 'GG16') : j < 3 ? (i < 7 ? 'GG15' : 'GG21') : 'GG16')},
  {id: 'jeugdregio', title: "Jeugdregio's", regions: {
    JZ17: 'Utrecht West', JZ18: 'Utrecht Stad', JZ19: 'FoodValley', JZ20: 'Amersfoort', JZ21: 'Centraal Gelderland',
    JZ22: 'Lekstroom', JZ23: 'Zuidoost Utrecht', JZ24: 'Rijk van Nijmegen', JZ25: 'Rivierenland'},
  regionOf: (i, j, code) => {
    if (code === 'GM0345' || code === 'GM0339' || code === 'GM0228' || code === 'GM0203' || code === 'GM0289') return 'JZ19';
    if (i < 2) return j < 4 ? 'JZ17' : 'JZ22';
    if (i < 4 && j < 3) return j < 2 && i === 3 ? 'JZ20' : 'JZ18';
    if (i < 4) return j < 4 ? 'JZ23' : 'JZ22';
    if (j < 3) return i < 6 ? 'JZ20' : 'JZ21';
    return i < 6 ? 'JZ25' : 'JZ24';
  }},
  {id: 'provincie', title: 'Provincies', regions: {PV26: 'Utrecht', PV25: 'Gelderland'},
    regionOf: (i) => (i < 5 ? 'PV26' : 'PV25')},
];

function gridCountry() {
  const at = (i, j) => gridMunicipalities[j * COLUMNS + i];
  const neighbours = new Map(gridMunicipalities.map((m) => [m.code, [[1, 0], [-1, 0], [0, 1], [0, -1]]
    .map(([di, dj]) => [m.i + di, m.j + dj])
    .filter(([i, j]) => i >= 0 && i < COLUMNS && j >= 0 && j < ROWS)
    .map(([i, j]) => at(i, j).code)]));
  const layers = GRID_LAYERS.map((layer) => ({...layer,
    regionOf: new Map(gridMunicipalities.map((m) => [m.code, layer.regionOf(m.i, m.j, m.code)]))}));
  return {municipalities: gridMunicipalities, layers, neighbours, year: 2020, attribution: 'Mock data: made-up squares, not CBS or Kadaster'};
}

// ---------------------------------------------------------------------------------------------
// The CBS country: topojson in RD New (EPSG:28992), reprojected with the RD -> WGS84 approximation
// of Schreutelkamp and Strang van Hees (about a metre), each municipality simplified on its own
// (Douglas-Peucker, 50 m) as the real server does, and put in the region holding an inner point.

function rdToWgs84([x, y]) {
  const dx = (x - 155000) * 1e-5;
  const dy = (y - 463000) * 1e-5;
  const north = 3235.65389 * dy - 32.58297 * dx ** 2 - 0.2475 * dy ** 2 - 0.84978 * dx ** 2 * dy - 0.0655 * dy ** 3
    - 0.01709 * dx ** 2 * dy ** 2 - 0.00738 * dx + 0.0053 * dx ** 4 - 0.00039 * dx ** 2 * dy ** 3
    + 0.00033 * dx ** 4 * dy - 0.00012 * dx * dy;
  const east = 5260.52916 * dx + 105.94684 * dx * dy + 2.45656 * dx * dy ** 2 - 0.81885 * dx ** 3
    + 0.05594 * dx * dy ** 3 - 0.05607 * dx ** 3 * dy + 0.01199 * dy - 0.00256 * dx ** 3 * dy ** 2
    + 0.00128 * dx * dy ** 4 + 0.00022 * dy ** 2 - 0.00022 * dx ** 2 + 0.00026 * dx ** 5;
  return [Math.round((5.38720621 + east / 3600) * 1e6) / 1e6, Math.round((52.1551744 + north / 3600) * 1e6) / 1e6];
}

function simplify(points, tolerance) {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    const [ax, ay] = points[first];
    const [bx, by] = points[last];
    const length = Math.hypot(bx - ax, by - ay) || 1;
    let farthest = -1;
    let distance = tolerance;
    for (let k = first + 1; k < last; ++k) {
      const d = Math.abs((bx - ax) * (ay - points[k][1]) - (ax - points[k][0]) * (by - ay)) / length;
      if (d > distance) { distance = d; farthest = k; }
    }
    if (farthest > 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  const result = points.filter((point, k) => keep[k]);
  return result.length >= 4 ? result : points;
}

function topologyFeatures(file) {
  const topology = JSON.parse(readFileSync(file, 'utf8'));
  const [sx, sy] = topology.transform?.scale || [1, 1];
  const [tx, ty] = topology.transform?.translate || [0, 0];
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (indices) => {
    const points = [];
    for (const index of indices) {
      const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  const object = Object.values(topology.objects)[0];
  return object.geometries.map((g) => {
    const polygons = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
    const arcIds = new Set(polygons.flat(2).map((i) => (i >= 0 ? i : ~i)));
    return {properties: g.properties, arcIds, polygons: polygons.map((rings) => rings.map(ring))};
  });
}

function insideRings(point, polygons) {
  const [px, py] = point;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
        const [ax, ay] = ring[a];
        const [bx, by] = ring[b];
        if ((ay > py) !== (by > py) && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside;
}

// A point inside the largest polygon: the middle of the widest stretch of a horizontal line
// through its middle.
function innerPoint(polygons) {
  const area = (ring) => Math.abs(ring.reduce((sum, [x, y], k) => {
    const [nx, ny] = ring[(k + 1) % ring.length];
    return sum + x * ny - nx * y;
  }, 0) / 2);
  const largest = polygons.reduce((best, rings) => (area(rings[0]) > area(best[0]) ? rings : best), polygons[0]);
  const ys = largest[0].map(([, y]) => y);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2 + 0.5;
  const crossings = [];
  for (const ring of largest) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [ax, ay] = ring[a];
      const [bx, by] = ring[b];
      if ((ay > y) !== (by > y)) crossings.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
    }
  }
  crossings.sort((a, b) => a - b);
  let best = [largest[0][0][0], y];
  let widest = -1;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    if (crossings[k + 1] - crossings[k] > widest) {
      widest = crossings[k + 1] - crossings[k];
      best = [(crossings[k] + crossings[k + 1]) / 2, y];
    }
  }
  return best;
}

function cbsCountry(dir) {
  const population = new Map(readFileSync(join(dir, 'gemeente_inwoners.csv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => line.split(',')).map(([code, , count]) => [code, Number(count)]));
  const features = topologyFeatures(join(dir, 'gemeente.topojson'));
  const municipalities = features.map((f) => ({
    code: f.properties.statcode, name: f.properties.statnaam, population: population.get(f.properties.statcode) ?? null,
    inner: innerPoint(f.polygons),
    geometry: {type: 'MultiPolygon', coordinates: f.polygons.map((rings) => rings.map((r) => simplify(r, 50).map(rdToWgs84)))},
  }));
  // Neighbours: municipalities that share an arc of the topology.
  const byArc = new Map();
  features.forEach((f, k) => f.arcIds.forEach((arc) => byArc.set(arc, [...(byArc.get(arc) || []), k])));
  const neighbours = new Map(municipalities.map((m) => [m.code, new Set()]));
  for (const owners of byArc.values()) {
    for (const a of owners) for (const b of owners) if (a !== b) neighbours.get(municipalities[a].code).add(municipalities[b].code);
  }
  const files = [['zorgkantoor', "Zorgkantoorregio's (Wlz)", 'zorgkantoorregio'], ['ggd', "GGD-regio's (Wpg)", 'ggdregio'],
    ['jeugdregio', "Jeugdzorgregio's (Jeugdwet)", 'jeugdregio'], ['veiligheidsregio', "Veiligheidsregio's", 'veiligheidsregio'],
    ['provincie', 'Provincies', 'provincie']];
  const layers = files.map(([id, title, file]) => {
    const regions = topologyFeatures(join(dir, `${file}.topojson`));
    const regionOf = new Map(municipalities.map((m) => [m.code,
      regions.find((r) => insideRings(m.inner, r.polygons))?.properties.statcode ?? null]));
    return {id, title, regions: Object.fromEntries(regions.map((r) => [r.properties.statcode, r.properties.statnaam])), regionOf,
      shapes: new Map(regions.map((r) => [r.properties.statcode,
        {type: 'MultiPolygon', coordinates: r.polygons.map((rings) => rings.map((ring) => simplify(ring, 50).map(rdToWgs84)))}]))};
  });
  return {municipalities, layers, neighbours: new Map([...neighbours].map(([code, set]) => [code, [...set]])), year: 2020,
    attribution: 'Bron: CBS, Kadaster (CC-BY 4.0); mock server, regions by inner point'};
}

const country = cbsDir ? cbsCountry(cbsDir) : gridCountry();
const municipalities = country.municipalities;
const LAYERS = country.layers;
const byCode = new Map(municipalities.map((m) => [m.code, m]));
const neighboursOf = (m) => country.neighbours.get(m.code).map((code) => byCode.get(code));
const SCORED = ['zorgkantoor', 'ggd', 'jeugdregio'];
const today = new Map(LAYERS.map((layer) => [layer.id, layer.regionOf]));

// ---------------------------------------------------------------------------------------------
// Scores: U partners at any table, I at every table, C = I / U, T distinct tables, P parties.
function score(division, code, layers) {
  const tables = layers.map((layer) => {
    const region = division.get(layer).get(code);
    return municipalities.filter((m) => division.get(layer).get(m.code) === region).map((m) => m.code);
  });
  const any = new Set(tables.flat());
  any.delete(code);
  const all = [...any].filter((other) => tables.every((table) => table.includes(other)));
  const distinct = new Set(tables.map((table) => table.slice().sort().join(',')));
  const U = any.size;
  const I = all.length;
  return {U, I, C: U ? I / U : 1, T: distinct.size, P: U + 1 + distinct.size};
}

function meanC(division, layers) {
  return municipalities.reduce((sum, m) => sum + score(division, m.code, layers).C, 0) / municipalities.length;
}

function adjustedRand(a, b) {
  const pairs = (n) => (n * (n - 1)) / 2;
  const cells = new Map();
  const rows = new Map();
  const columns = new Map();
  let n = 0;
  for (const m of municipalities) {
    const x = a.get(m.code);
    const y = b.get(m.code);
    if (!x || !y) continue;
    ++n;
    cells.set(`${x}|${y}`, (cells.get(`${x}|${y}`) || 0) + 1);
    rows.set(x, (rows.get(x) || 0) + 1);
    columns.set(y, (columns.get(y) || 0) + 1);
  }
  const index = [...cells.values()].reduce((s, v) => s + pairs(v), 0);
  const sumRows = [...rows.values()].reduce((s, v) => s + pairs(v), 0);
  const sumColumns = [...columns.values()].reduce((s, v) => s + pairs(v), 0);
  const expected = (sumRows * sumColumns) / pairs(n);
  const maximum = (sumRows + sumColumns) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}

function isConnected(codes) {
  if (codes.length <= 1) return [codes];
  const left = new Set(codes);
  const parts = [];
  while (left.size) {
    const start = left.values().next().value;
    const part = [start];
    left.delete(start);
    for (let k = 0; k < part.length; ++k) {
      for (const n of neighboursOf(byCode.get(part[k]))) {
        if (left.has(n.code)) { left.delete(n.code); part.push(n.code); }
      }
    }
    parts.push(part.sort());
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Requests

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function findMunicipality(value) {
  const text = String(value).trim();
  const found = byCode.get(text.toUpperCase()) || municipalities.find((m) => m.name.toLowerCase() === text.toLowerCase());
  if (!found) {
    const close = municipalities.filter((m) => m.name.toLowerCase().startsWith(text.slice(0, 3).toLowerCase())).map((m) => m.name);
    throw new HttpError(404, `unknown municipality "${text}"${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`);
  }
  return found;
}

function findLayer(id) {
  const layer = LAYERS.find((l) => l.id === id);
  if (!layer) throw new HttpError(404, `unknown layer "${id}" (layers: ${LAYERS.map((l) => l.id).join(', ')})`);
  return layer;
}

function findRegion(layer, value) {
  const text = String(value).trim();
  if (layer.regions[text.toUpperCase()]) return text.toUpperCase();
  const byName = Object.entries(layer.regions).find(([, name]) => name.toLowerCase() === text.toLowerCase());
  if (!byName) throw new HttpError(404, `unknown region "${text}" in layer ${layer.id}`);
  return byName[0];
}

function parseMoves(body) {
  if (!body || typeof body !== 'object' || !Array.isArray(body.moves)) throw new HttpError(400, 'field "moves" must be a list');
  if (body.moves.length > 1000) throw new HttpError(400, `more than 1,000 moves (${body.moves.length})`);
  const seen = new Set();
  return body.moves.map((move, index) => {
    if (!move || typeof move !== 'object' || ['municipality', 'layer', 'region'].some((f) => typeof move[f] !== 'string')) {
      throw new HttpError(400, `moves[${index}] is not {municipality, layer, region}`);
    }
    const m = findMunicipality(move.municipality);
    const layer = findLayer(move.layer);
    const region = findRegion(layer, move.region);
    const key = `${m.code}|${layer.id}`;
    if (seen.has(key)) throw new HttpError(400, `moves[${index}]: a second move of ${m.name} in ${layer.id}`);
    seen.add(key);
    return {municipality: m.code, layer: layer.id, region};
  });
}

function applyMoves(moves) {
  const division = new Map([...today].map(([layer, regions]) => [layer, new Map(regions)]));
  for (const move of moves) division.get(move.layer).set(move.municipality, move.region);
  return division;
}

function regionsOf(division, layer) {
  return Object.entries(layer.regions).map(([code, name]) => {
    const members = municipalities.filter((m) => division.get(layer.id).get(m.code) === code);
    return {code, name, population: members.reduce((s, m) => s + m.population, 0), municipalities: members.length};
  });
}

function whatIf(body) {
  const moves = parseMoves(body);
  const layers = body.layers === undefined ? SCORED : body.layers;
  if (!Array.isArray(layers) || layers.some((l) => typeof l !== 'string')) throw new HttpError(400, 'field "layers" must be a list of layer ids');
  layers.forEach(findLayer);
  const after = applyMoves(moves);
  const warnings = [];
  let running = applyMoves([]);
  moves.forEach((move) => {
    const layer = findLayer(move.layer);
    const from = running.get(move.layer).get(move.municipality);
    const members = (division, region) => municipalities.filter((m) => division.get(move.layer).get(m.code) === region).map((m) => m.code);
    if (!layers.includes(move.layer)) {
      warnings.push({kind: 'layer not scored', municipality_code: move.municipality, layer: move.layer, region_code: move.region, parts: []});
    }
    const targetMembers = members(running, move.region);
    if (!neighboursOf(byCode.get(move.municipality)).some((n) => targetMembers.includes(n.code))) {
      warnings.push({kind: 'does not touch the region', municipality_code: move.municipality, layer: move.layer, region_code: move.region, parts: []});
    }
    running = new Map([...running].map(([id, regions]) => [id, new Map(regions)]));
    running.get(move.layer).set(move.municipality, move.region);
    const parts = isConnected(members(running, from));
    if (parts.length > 1) {
      warnings.push({kind: 'leaves region apart', municipality_code: move.municipality, layer: layer.id, region_code: from, parts});
    }
  });
  const before = applyMoves([]);
  const changed = [];
  for (const m of municipalities) {
    const b = score(before, m.code, layers);
    const a = score(after, m.code, layers);
    const moved = moves.some((move) => move.municipality === m.code);
    if (moved || JSON.stringify(a) !== JSON.stringify(b)) {
      changed.push({municipality_code: m.code, municipality_name: m.name, before: b, after: a});
    }
  }
  const changedLayers = [...new Set(moves.map((m) => m.layer))];
  return {
    layers,
    moves: moves.map((m) => ({municipality_code: m.municipality, layer: m.layer, region_code: m.region})),
    municipalities: changed,
    mean_congruence: {before: meanC(before, layers), after: meanC(after, layers)},
    warnings,
    divisions: changedLayers.map((id) => {
      const others = layers.filter((other) => other !== id);
      return {
        layer: id,
        regions: regionsOf(after, findLayer(id)),
        adjusted_rand: Object.fromEntries(others.map((o) => [o, adjustedRand(after.get(id), after.get(o))])),
        adjusted_rand_before: Object.fromEntries(others.map((o) => [o, adjustedRand(before.get(id), before.get(o))])),
      };
    }),
  };
}

function municipalityCollection() {
  const division = applyMoves([]);
  return {type: 'FeatureCollection', features: municipalities.map((m) => {
    const s = score(division, m.code, SCORED);
    return {type: 'Feature', geometry: m.geometry,
      properties: {code: m.code, name: m.name, population: m.population, neighbours: country.neighbours.get(m.code),
        ...Object.fromEntries(LAYERS.map((l) => [`region_${l.id}`, division.get(l.id).get(m.code)])), C: s.C, T: s.T}};
  })};
}

// A region's outline: the cells' edges that no other cell of the region shares, chained into rings.
function regionCollection(layer) {
  const division = applyMoves([]);
  return {type: 'FeatureCollection', features: regionsOf(division, layer).filter((r) => r.municipalities > 0).map((region) => {
    if (layer.shapes) {
      return {type: 'Feature', geometry: layer.shapes.get(region.code),
        properties: {code: region.code, name: region.name, municipalities: region.municipalities, population: region.population}};
    }
    const cells = municipalities.filter((m) => division.get(layer.id).get(m.code) === region.code);
    const edges = new Map();
    for (const cell of cells) {
      const corners = CELL_CORNERS(cell.i, cell.j);
      for (let c = 0; c < 4; ++c) {
        const a = corners[c];
        const b = corners[(c + 1) % 4];
        const reverse = `${b}>${a}`;
        if (edges.has(reverse)) edges.delete(reverse);
        else edges.set(`${a}>${b}`, [a, b]);
      }
    }
    const next = new Map([...edges.values()].map(([a, b]) => [String(a), b]));
    const rings = [];
    while (next.size) {
      const [startKey, firstB] = next.entries().next().value;
      const start = startKey.split(',').map(Number);
      const ring = borderPoints(...start, ...firstB).map((p) => p.at);
      next.delete(startKey);
      let at = firstB;
      while (String(at) !== startKey && next.has(String(at))) {
        const following = next.get(String(at));
        ring.push(...borderPoints(...at, ...following).map((p) => p.at));
        next.delete(String(at));
        at = following;
      }
      ring.push(ring[0]);
      rings.push(ring);
    }
    return {type: 'Feature', geometry: {type: 'MultiPolygon', coordinates: rings.map((r) => [r])},
      properties: {code: region.code, name: region.name, municipalities: region.municipalities, population: region.population}};
  })};
}

function profile(m) {
  const division = applyMoves([]);
  const s = score(division, m.code, SCORED);
  const region = (id) => {
    const code = division.get(id).get(m.code);
    if (!code) return {value: 'none', basis: 'no region of this layer holds it'};
    return {value: `${code} ${findLayer(id).regions[code]}`, basis: 'largest overlap (1.0000) with the CBS region boundary'};
  };
  return [{
    municipality_code: m.code, municipality_name: m.name, population: m.population, population_date: '2020-01-01',
    'largest insurer': {value: 'Achmea (Zilveren Kruis)', basis: 'published market shares (year 2020)',
      basis_fields: {kind: 'published', year: '2020', source: 'Vektis'}},
    'zorgkantoor region': region('zorgkantoor'),
    'zorgkantoor insurer': {value: 'Menzis', basis: 'zorgkantoor of the region (year 2020)',
      basis_fields: {kind: 'zorgkantoor', year: '2020', source: 'Zorginstituut'}},
    'youth-care region': region('jeugdregio'),
    'GGD region': region('ggd'),
    'work-structure region': {value: 'WS12 Regio FoodValley', basis: 'NOT PUBLISHED: follows layer zorgkantoor'},
    scores: {layers: SCORED, partners_any_U: s.U, partners_all_I: s.I, congruence_C: s.C, congruence_population: s.C * 0.97,
      tables_T: s.T, parties_P: s.P, insurer_mismatch: 'mismatch', rests_on_default: false, published_only: false},
  }];
}

function membershipCsv(layer, moves) {
  const division = applyMoves(moves);
  const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['municipality_code,municipality_name,region_code,region_name', ...municipalities.map((m) => {
    const code = division.get(layer.id).get(m.code);
    return [m.code, m.name, code, layer.regions[code]].map(quote).join(',');
  })].join('\n') + '\n';
}

function exportAnswer(format, body) {
  if (!body || typeof body.layer !== 'string') throw new HttpError(400, 'field "layer" must be a layer id');
  const layer = findLayer(body.layer);
  const moves = parseMoves(body);
  const foreign = moves.find((m) => m.layer !== layer.id);
  if (foreign) throw new HttpError(400, `a move in layer ${foreign.layer} in an export of layer ${layer.id}`);
  const name = `${layer.id}-bewerkt`;
  if (format === 'csv') return {type: 'text/csv; charset=utf-8', file: `${name}.csv`, body: membershipCsv(layer, moves)};
  if (format === 'manifest') {
    return {type: 'application/json; charset=utf-8', file: `${name}.manifest.json`, body: JSON.stringify({
      id: `${layer.id}_bewerkt`, title: `${layer.title}, bewerkt (${moves.length} verplaatsingen)`, year: 2020,
      given_as: 'membership_table', file: `${name}.csv`, region_code_field: 'region_code',
      region_name_field: 'region_name', municipality_field: 'municipality_code', source: 'regiomap serve (mock)'}, null, 2)};
  }
  if (format === 'gpkg') {
    // Not a GeoPackage: only its first bytes, enough to test the download.
    const bytes = Buffer.alloc(1024);
    bytes.write('SQLite format 3\0');
    return {type: 'application/geopackage+sqlite3', file: `${name}.gpkg`, body: bytes};
  }
  throw new HttpError(404, `unknown export format "${format}" (csv, gpkg, manifest)`);
}

// ---------------------------------------------------------------------------------------------
// The server

const STATIC = {
  '/': join(web, 'index.html'),
  '/static/app.js': join(web, 'app.js'),
  '/static/style.css': join(web, 'style.css'),
};
const TYPES = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.map': 'application/json'};

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > 1024 * 1024) reject(new HttpError(413, 'request body over 1 MiB'));
      chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try { resolve(text ? JSON.parse(text) : undefined); } catch { reject(new HttpError(400, 'the body is not JSON')); }
    });
    request.on('error', reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function route(request, response) {
  const url = new URL(request.url, 'http://localhost');
  const path = url.pathname;
  let file = STATIC[path];
  if (!file && path.startsWith('/static/maplibre/')) {
    file = normalize(join(web, 'node_modules/maplibre-gl/dist', path.slice('/static/maplibre/'.length)));
    if (!file.startsWith(join(web, 'node_modules/maplibre-gl/dist'))) file = null;
  }
  if (file) {
    const body = await readFile(file).catch(() => null);
    if (!body) throw new HttpError(404, `no file ${path}`);
    response.writeHead(200, {'Content-Type': TYPES[extname(file)] || 'application/octet-stream'});
    return response.end(body);
  }
  if (!path.startsWith('/api/')) throw new HttpError(404, `unknown path ${path}`);
  if (token && request.headers.authorization !== `Bearer ${token}`) throw new HttpError(401, 'a token is required and missing or wrong');
  const json = (value) => {
    response.writeHead(200, {'Content-Type': 'application/json; charset=utf-8'});
    response.end(JSON.stringify(value));
  };
  const method = (expected) => {
    if (request.method !== expected) throw new HttpError(405, `${path} takes ${expected}, not ${request.method}`);
  };
  let match;
  if (path === '/api/info') {
    method('GET');
    return json({year: 2020, years: [2020], population_date: '2020-01-01',
      attribution: country.attribution, scored_layers: SCORED,
      layers: LAYERS.map((l) => ({id: l.id, title: l.title, year: 2020, regions: Object.keys(l.regions).length}))});
  }
  if (path === '/api/municipalities') { method('GET'); return json(municipalityCollection()); }
  if ((match = path.match(/^\/api\/regions\/([^/]+)$/))) { method('GET'); return json(regionCollection(findLayer(decodeURIComponent(match[1])))); }
  if ((match = path.match(/^\/api\/profile\/([^/]+)$/))) { method('GET'); return json(profile(findMunicipality(decodeURIComponent(match[1])))); }
  if ((match = path.match(/^\/api\/region\/([^/]+)$/))) {
    method('GET');
    const layer = findLayer(url.searchParams.get('layer') || 'jeugdregio');
    const code = findRegion(layer, decodeURIComponent(match[1]));
    return json(regionsOf(applyMoves([]), layer).find((r) => r.code === code));
  }
  if (path === '/api/whatif') {
    method('POST');
    const answer = whatIf(await readBody(request));
    await sleep(delay);
    return json(answer);
  }
  if (path === '/api/propose') {
    // Not a search: the progress lines of one, then the GGD regions relabelled P01, P02, ... as
    // the proposal, whatever K is asked; enough to develop the page's progress and comparison.
    method('POST');
    const body = await readBody(request);
    if (!body || typeof body !== 'object') throw new HttpError(400, 'the body must be a JSON object');
    const ggd = findLayer('ggd');
    const codes = Object.keys(ggd.regions).sort();
    response.writeHead(200, {'Content-Type': 'application/x-ndjson; charset=utf-8'});
    const stages = ['starting', 'blocks', 'polish', 'merge_split'];
    for (const [step, stage] of stages.entries()) {
      response.write(`${JSON.stringify({progress: {stage, step: stage === 'merge_split' ? 14 : step, steps: 14,
        best_quality: step ? 0.8 + step / 100 : null, elapsed_seconds: step * delay / 1000}})}\n`);
      await sleep(delay);
    }
    const today = applyMoves([]).get('ggd');
    const proposed = codes.map((code, index) => {
      const members = municipalities.filter((m) => today.get(m.code) === code);
      return {code: `P${String(index + 1).padStart(2, '0')}`, name: ggd.regions[code], population: members.reduce((s, m) => s + m.population, 0),
        population_ratio: 1, within_bounds: true, polsby_popper: null, municipality_codes: members.map((m) => m.code)};
    });
    const total = municipalities.reduce((s, m) => s + m.population, 0);
    const populations = proposed.map((r) => r.population);
    response.end(`${JSON.stringify({proposal: {mode: body.from ? 'minimal change' : 'from scratch', from_layer: body.from || null,
      regions: proposed.length, seed: body.seed ?? 1, bounds_met: true, quality: 0.83, mean_adjusted_rand: 0.83,
      mean_population: total / proposed.length, smallest_population: Math.min(...populations),
      largest_population: Math.max(...populations), mean_polsby_popper: null, tradeoff_curve: [],
      proposed_regions: proposed, divisions: SCORED.map((layer) => ({layer, weight: 1, adjusted_rand: 0.8}))}})}\n`);
    return;
  }
  if ((match = path.match(/^\/api\/export\/([^/]+)$/))) {
    method('POST');
    const answer = exportAnswer(match[1], await readBody(request));
    response.writeHead(200, {'Content-Type': answer.type, 'Content-Disposition': `attachment; filename="${answer.file}"`});
    return response.end(answer.body);
  }
  throw new HttpError(404, `unknown path ${path}`);
}

const server = createServer((request, response) => {
  route(request, response).catch((error) => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status === 500) console.error(error);
    if (!response.headersSent) response.writeHead(status, {'Content-Type': 'application/json; charset=utf-8'});
    response.end(JSON.stringify({error: status === 500 ? `bug in the mock: ${error.message}` : error.message}));
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`mock regiomap serve on http://127.0.0.1:${port}/${token ? `?token=${token}` : ''}`);
});
