#!/usr/bin/env node
// Opens a page written by regiomap's render_html (src/report/html_document.hpp) in
// headless Debian Chromium, driven by playwright-core (npm ci --prefix tools/browser),
// and checks what a reader does with it:
//   - no console error, no page error, no request for anything but the file itself;
//   - every id is declared once and every href="#..." / url(#...) finds its element;
//   - every sortable table sorts by each column on a click: ascending, then descending,
//     aria-sort set, number columns by their data-sort keys with empty cells last, text
//     columns in Dutch/English collation, no row lost or doubled;
//   - on every figure with hotspots, hovering one (the first unless told) shows its tooltip
//     with exactly its lines, leaving hides it, and focusing it (keyboard) shows it again.
// Expectations from a JSON file (--expect) or options add exact answers worked out
// outside the code under test:
//   { "title": "...",
//     "tables": [ { "id": "ID", "column": N, "ascending": ["shown", ...], "descending": [...] } ],
//     "hotspots": [ { "figure": "ID", "index": I, "tooltip": ["line", ...] } ] }
// Columns count from 1 as a reader counts them; hotspot indexes from 0. Instead of "index" a
// hotspot can be named: "name": "Veenendaal" is the one whose tooltip starts with that line.
//
// Usage: node browser_check.mjs FILE.html [--expect FILE.json] [--sort-table ID --column N]...
//          [--hover-figure ID [--hotspot I|NAME]]... [--screenshot OUT.png] [--chromium PATH]
// Exit: 0 every check passed, 1 a check failed, 2 usage or setup error (missing browser or module).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const usage = 'usage: node browser_check.mjs FILE.html [--expect FILE.json] [--sort-table ID --column N]... ' +
  '[--hover-figure ID [--hotspot I|NAME]]... [--screenshot OUT.png] [--chromium PATH]';

function fail_setup(message) {
  console.error(`browser_check: ${message}`);
  process.exit(2);
}

function parse_arguments(argv) {
  const options = { file: null, expect: null, tables: [], hotspots: [], screenshot: null,
    chromium: process.env.REGIOMAP_CHROMIUM || '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; ++i) {
    const argument = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail_setup(`${argument} needs a value\n${usage}`);
      return argv[++i];
    };
    if (argument === '--expect') options.expect = value();
    else if (argument === '--sort-table') options.tables.push({ id: value(), column: null });
    else if (argument === '--column') {
      const table = options.tables[options.tables.length - 1];
      if (!table || table.column !== null) fail_setup(`--column follows --sort-table ID\n${usage}`);
      table.column = Number(value());
    } else if (argument === '--hover-figure') options.hotspots.push({ figure: value(), index: 0 });
    else if (argument === '--hotspot') {
      const hotspot = options.hotspots[options.hotspots.length - 1];
      if (!hotspot) fail_setup(`--hotspot follows --hover-figure ID\n${usage}`);
      const which = value();
      if (/^[0-9]+$/.test(which)) hotspot.index = Number(which);
      else {
        delete hotspot.index;
        hotspot.name = which;
      }
    } else if (argument === '--screenshot') options.screenshot = value();
    else if (argument === '--chromium') options.chromium = value();
    else if (argument === '--help' || argument === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (argument.startsWith('--')) fail_setup(`unknown option ${argument}\n${usage}`);
    else if (options.file === null) options.file = argument;
    else fail_setup(`one HTML file only\n${usage}`);
  }
  if (options.file === null) fail_setup(usage);
  if (options.expect !== null) {
    let expected;
    try {
      expected = JSON.parse(readFileSync(options.expect, 'utf8'));
    } catch (error) {
      fail_setup(`${options.expect}: ${error.message}`);
    }
    options.title = expected.title;
    options.tables.push(...(expected.tables || []));
    options.hotspots.push(...(expected.hotspots || []));
  }
  for (const table of options.tables) {
    if (!Number.isInteger(table.column) || table.column < 1) {
      fail_setup(`table ${table.id}: the column is a number from 1, not ${table.column}`);
    }
  }
  for (const hotspot of options.hotspots) {
    if (hotspot.name !== undefined && hotspot.index === undefined) continue;
    if (!Number.isInteger(hotspot.index) || hotspot.index < 0) {
      fail_setup(`figure ${hotspot.figure}: the hotspot index is a number from 0, not ${hotspot.index}`);
    }
  }
  return options;
}

function load_playwright() {
  const modules = new URL('../../tools/browser/package.json', import.meta.url);
  try {
    return createRequire(modules)('playwright-core');
  } catch {
    fail_setup('playwright-core is not installed: run `npm ci --prefix tools/browser`');
  }
}

const options = parse_arguments(process.argv.slice(2));
const file = resolve(options.file);
if (!existsSync(file)) fail_setup(`${options.file}: no such file`);
if (!existsSync(options.chromium)) fail_setup(`no Chromium at ${options.chromium} (Debian package chromium)`);
const { chromium } = load_playwright();
const file_url = pathToFileURL(file).href;

let passed = 0;
const failures = [];
function check(ok, what, detail = '') {
  if (ok) {
    ++passed;
  } else {
    failures.push(detail ? `${what}: ${detail}` : what);
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const browser = await chromium.launch({
  executablePath: options.chromium,
  // --no-sandbox: Chromium refuses to start its sandbox as root in a container. The rest keep
  // Chromium from calling home, which a closed network answers with errors in the log.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps'],
});

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  const console_errors = [];
  const page_errors = [];
  const foreign_requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') console_errors.push(message.text());
  });
  page.on('pageerror', (error) => page_errors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (url !== file_url && !url.startsWith('data:')) foreign_requests.push(url);
  });

  await page.goto(file_url, { waitUntil: 'load' });
  if (options.title !== undefined) {
    const title = await page.title();
    check(title === options.title, 'page title', `'${title}', expected '${options.title}'`);
  }

  // Ids and references: two inline SVGs with the same ids would draw each other's glyphs.
  const references = await page.evaluate(() => {
    const counts = new Map();
    for (const element of document.querySelectorAll('[id]')) counts.set(element.id, (counts.get(element.id) || 0) + 1);
    const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
    const dangling = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const match = /^#(.+)$/.exec(attribute.value) || /url\(#([^)]+)\)/.exec(attribute.value);
        if (match && (attribute.name.endsWith('href') || attribute.value.startsWith('url(')) &&
            !document.getElementById(match[1])) dangling.push(match[1]);
      }
    }
    return { ids: counts.size, twice, dangling };
  });
  check(references.twice.length === 0, 'every id declared once', references.twice.join(', '));
  check(references.dangling.length === 0, 'every reference finds its element', references.dangling.join(', '));

  // Tables.
  const tables = await page.evaluate(() => Array.from(document.querySelectorAll('table.sortable'),
    (table) => ({ id: table.id, columns: table.tHead.rows[0].cells.length })));
  for (const wanted of options.tables) {
    const found = tables.find((table) => table.id === wanted.id);
    check(found !== undefined && wanted.column <= found.columns, `table ${wanted.id} column ${wanted.column} exists`,
      found ? `the table has ${found.columns} columns` : 'no sortable table with that id');
  }
  const collator = new Intl.Collator(await page.evaluate(() => document.documentElement.lang),
    { numeric: true, sensitivity: 'base' });
  const read_column = (id, column) => page.evaluate(([table_id, index]) => {
    const table = document.getElementById(table_id);
    const header = table.tHead.rows[0].cells[index];
    const numeric = header.getAttribute('data-kind') === 'number';
    const rows = Array.from(table.tBodies[0].rows);
    return {
      aria_sort: header.getAttribute('aria-sort'),
      numeric,
      keys: rows.map((row) => {
        const cell = row.cells[index];
        if (numeric) return cell.hasAttribute('data-sort') ? parseFloat(cell.getAttribute('data-sort')) : null;
        const shown = cell.textContent.trim();
        return shown === '' ? null : shown;
      }),
      shown: rows.map((row) => row.cells[index].textContent.trim()),
      rows: rows.map((row) => row.textContent).sort(),
    };
  }, [id, column]);

  for (const table of tables) {
    for (let column = 1; column <= table.columns; ++column) {
      const where = `table ${table.id} column ${column}`;
      const before = await read_column(table.id, column - 1);
      const expected = options.tables.find((wanted) => wanted.id === table.id && wanted.column === column);
      for (const direction of ['ascending', 'descending']) {
        await page.click(`#${table.id} > thead > tr > th:nth-child(${column}) > button`);
        const after = await read_column(table.id, column - 1);
        check(after.aria_sort === direction, `${where}: aria-sort after a click`,
          `'${after.aria_sort}', expected '${direction}'`);
        check(same(after.rows, before.rows), `${where} ${direction}: the same rows`);
        const values = after.keys.filter((key) => key !== null);
        const first_empty = after.keys.indexOf(null);
        check(first_empty === -1 || after.keys.slice(first_empty).every((key) => key === null),
          `${where} ${direction}: empty cells last`, after.shown.join(' | '));
        const sign = direction === 'ascending' ? 1 : -1;
        const compare = before.numeric ? (a, b) => a - b : (a, b) => collator.compare(a, b);
        const out_of_order = values.findIndex((value, i) => i > 0 && sign * compare(values[i - 1], value) > 0);
        check(out_of_order === -1, `${where} ${direction}: ${before.numeric ? 'numeric' : 'text'} order`,
          after.shown.join(' | '));
        if (expected && expected[direction]) {
          check(same(after.shown, expected[direction]), `${where} ${direction}: the expected order`,
            `${after.shown.join(' | ')}; expected ${expected[direction].join(' | ')}`);
        }
      }
    }
  }

  // Hotspots: the first of every figure, and those asked for.
  const figures = await page.evaluate(() => Array.from(document.querySelectorAll('figure'),
    (figure) => ({ id: figure.id, hotspots: figure.querySelectorAll('svg.hotspots .hotspot').length }))
    .filter((figure) => figure.hotspots > 0));
  const to_hover = figures.map((figure) => ({ figure: figure.id, index: 0 }));
  for (const wanted of options.hotspots) {
    if (wanted.index === undefined) {
      wanted.index = await page.evaluate(([figure, name]) => Array.from(
        document.querySelectorAll(`#${figure} svg.hotspots .hotspot`),
        (spot) => spot.getAttribute('data-tooltip').split('\n')[0]).indexOf(name), [wanted.figure, wanted.name]);
      if (!check(wanted.index >= 0, `figure ${wanted.figure} has a hotspot named '${wanted.name}'`)) continue;
    }
    const found = figures.find((figure) => figure.id === wanted.figure);
    if (!check(found !== undefined && wanted.index < found.hotspots, `figure ${wanted.figure} hotspot ${wanted.index} exists`,
      found ? `the figure has ${found.hotspots} hotspots` : 'no figure with hotspots and that id')) continue;
    const known = to_hover.find((hover) => hover.figure === wanted.figure && hover.index === wanted.index);
    if (known) Object.assign(known, wanted);
    else to_hover.push(wanted);
  }
  for (const hover of to_hover) {
    const where = `figure ${hover.figure} hotspot ${hover.index}`;
    const spot = page.locator(`#${hover.figure} svg.hotspots .hotspot`).nth(hover.index);
    const tooltip = page.locator(`#${hover.figure}-tooltip`);
    await spot.scrollIntoViewIfNeeded();
    // A point inside the area that the area itself receives (a bounding box's centre may lie outside it).
    const point = await spot.evaluate((element) => {
      const box = element.getBBox();
      const matrix = element.getScreenCTM();
      for (let i = 1; i < 24; ++i) {
        for (let j = 1; j < 24; ++j) {
          const p = new DOMPoint(box.x + (box.width * i) / 24, box.y + (box.height * j) / 24);
          if (!element.isPointInFill(p)) continue;
          const screen = p.matrixTransform(matrix);
          if (document.elementFromPoint(screen.x, screen.y) === element) return { x: screen.x, y: screen.y };
        }
      }
      return null;
    });
    if (!check(point !== null, `${where}: a point of the area can be hovered`)) continue;
    const lines = (await spot.getAttribute('data-tooltip')).split('\n');
    check(await tooltip.isHidden(), `${where}: no tooltip before hovering`);
    await page.mouse.move(point.x, point.y);
    let shown = await tooltip.isVisible() ? await tooltip.evaluate((element) =>
      Array.from(element.children, (child) => child.textContent)) : null;
    check(shown !== null, `${where}: hovering shows the tooltip`);
    check(same(shown, lines), `${where}: the tooltip shows the hotspot's lines`, `${shown}; expected ${lines}`);
    if (hover.tooltip) {
      check(same(shown, hover.tooltip), `${where}: the expected tooltip`, `${shown}; expected ${hover.tooltip}`);
    }
    await page.mouse.move(1, 1);
    check(await tooltip.isHidden(), `${where}: leaving hides the tooltip`);
    check(await spot.getAttribute('tabindex') === '0', `${where}: reachable with Tab`);
    await spot.focus();
    shown = await tooltip.isVisible() ? await tooltip.evaluate((element) =>
      Array.from(element.children, (child) => child.textContent)) : null;
    check(same(shown, lines), `${where}: focusing shows the tooltip`, `${shown}; expected ${lines}`);
    await page.keyboard.press('Escape');
    check(await tooltip.isHidden(), `${where}: Escape hides the tooltip`);
    await spot.evaluate((element) => element.blur());
  }

  if (options.screenshot) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: options.screenshot, fullPage: true });
  }
  check(console_errors.length === 0, 'no console errors', console_errors.join(' / '));
  check(page_errors.length === 0, 'no page errors', page_errors.join(' / '));
  check(foreign_requests.length === 0, 'no request but the file itself', foreign_requests.join(', '));
  console.log(`browser check of ${options.file}: ${tables.length} tables, ${figures.length} figures with hotspots, ` +
    `${references.ids} ids; ${passed} checks held, ${failures.length} did not`);
} finally {
  await browser.close();
}
process.exit(failures.length === 0 ? 0 : 1);
