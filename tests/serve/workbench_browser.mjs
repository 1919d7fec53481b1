// The workbench in a browser against the real server: starts `regiomap serve --port 0` on a store,
// runs web/dev/check-page.mjs (playwright-core driving Chromium) against the address it prints,
// and stops the server. Exits with the check's code.
// Usage: node workbench_browser.mjs REGIOMAP STORE SOURCE_ROOT OUT_DIR CHROMIUM
import {spawn} from 'node:child_process';
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
process.exit(code);
