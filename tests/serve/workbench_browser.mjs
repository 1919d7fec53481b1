// The workbench in a browser against the real server: starts `regiomap serve --port 0` on a store,
// runs web/dev/check-page.mjs (playwright-core driving Chromium) against the address it prints,
// and stops the server. Then the files the page exported go back in: the edited division's CSV
// with the manifest snippet the page downloaded, and the searched proposal's CSV, are added to a
// copy of the bundled manifest and loaded with `regiomap load` into a new store, whose
// memberships must show the move and the proposal. Exits 1 when anything failed.
// Usage: node workbench_browser.mjs REGIOMAP STORE SOURCE_ROOT OUT_DIR CHROMIUM
import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, cpSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const [regiomap, store, sourceRoot, out, chromium] = process.argv.slice(2);
const server = spawn(regiomap, ['--resources', sourceRoot, 'serve', '--store', store, '--port', '0'],
                     {stdio: ['ignore', 'ignore', 'pipe']});
let said = '';
const port = await new Promise((resolve, reject) => {
  server.stderr.on('data', (chunk) => {
    said += chunk;
    const found = /open http:\/\/127\.0\.0\.1:(\d+)\//.exec(said);
    if (found) resolve(found[1]);
  });
  server.on('exit', (code) => reject(new Error(`regiomap serve stopped (exit ${code}): ${said}`)));
  // A sanitizer build starts slowly; two minutes is far more than it needs.
  setTimeout(() => reject(new Error(`regiomap serve printed no address in 120 s: ${said}`)), 120000);
}).catch((error) => {
  console.error(error.message);
  server.kill('SIGTERM');
  process.exit(1);
});
const check = spawn(process.execPath, [join(sourceRoot, 'web', 'dev', 'check-page.mjs'), '--url', `http://127.0.0.1:${port}/`,
                                       '--out', out, '--chromium', chromium,
                                       '--playwright', join(sourceRoot, 'tools', 'browser', 'node_modules', 'playwright-core')],
                    {stdio: 'inherit'});
const code = await new Promise((resolve) => check.on('exit', (status) => resolve(status ?? 1)));
server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', resolve));
if (code !== 0) process.exit(code);

let failed = 0;
function verify(name, ok, detail = '') {
  if (!ok) ++failed;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}
function run(args) {
  const result = spawnSync(regiomap, ['--resources', sourceRoot, ...args], {encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`regiomap ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}
// The region of `municipality` in a layer of the store, from `regiomap memberships --format csv`.
function regionIn(loaded, layer, municipality) {
  const row = run(['memberships', '--store', loaded, '--layer', layer, '--format', 'csv']).split('\n')
    .find((line) => line.startsWith(`${municipality},`));
  return row ? row.split(',')[2] : null;
}
try {
  const exportsDir = join(out, 'exports');
  const exported = JSON.parse(readFileSync(join(exportsDir, 'exports.json'), 'utf8'));
  const folder = join(out, 'load-back');
  rmSync(folder, {recursive: true, force: true});
  cpSync(join(sourceRoot, 'geodata'), join(folder, 'geodata'), {recursive: true});
  const snippet = JSON.parse(readFileSync(join(exportsDir, exported['.json']), 'utf8'));
  copyFileSync(join(exportsDir, exported['.csv']), join(folder, 'geodata', snippet.file));
  copyFileSync(join(exportsDir, exported.proposal.file), join(folder, 'geodata', exported.proposal.file));
  const proposalLayer = {...snippet, id: 'voorstel', title: 'Voorstel (regiomap serve)', file: exported.proposal.file,
    source: 'regiomap serve: a searched proposal'};
  const manifestFile = join(folder, 'geodata', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const year = manifest.years.find((y) => y.division_year === snippet.year);
  year.layers.push(snippet, proposalLayer);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  const loaded = join(folder, 'loaded.sqlite');
  run(['load', '--manifest', manifestFile, '--store', loaded, '--quiet']);
  const layers = run(['layers', '--store', loaded, '--year', String(snippet.year), '--format', 'csv']);
  verify('the exported layer and the proposal load as layers', layers.includes(snippet.id) && layers.includes('voorstel'));
  const moved = regionIn(loaded, snippet.id, exported.moved.municipality);
  verify('the loaded layer carries the move made on the page', moved === exported.moved.region,
    `${exported.moved.municipality} in ${moved}, moved to ${exported.moved.region}`);
  const proposed = regionIn(loaded, 'voorstel', 'GM0345');
  verify('the loaded proposal puts Veenendaal where the search did', proposed === exported.proposal.veenendaal,
    `${proposed}, searched ${exported.proposal.veenendaal}`);
  const regions = JSON.parse(run(['layers', '--store', loaded, '--year', String(snippet.year), '--format', 'json']));
  const entry = (Array.isArray(regions) ? regions : regions.layers || []).find((l) => l.id === 'voorstel');
  verify('the loaded proposal has its regions', entry && entry.regions === exported.proposal.regions, JSON.stringify(entry));
} catch (error) {
  verify('exports loaded back', false, error.message);
}
process.exit(failed ? 1 : 0);
