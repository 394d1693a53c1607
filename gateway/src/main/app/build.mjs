// Builds the web app into the directory given (Maven passes target/app): the app's own files from src/ and
// Chart.js's browser build from node_modules, so that nothing is loaded from outside the server at run time.
import { cpSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '..', '..', '..', 'target', 'app');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor'), { recursive: true });
cpSync(join(here, 'src'), out, { recursive: true });
copyFileSync(join(here, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'), join(out, 'vendor', 'chart.umd.min.js'));
copyFileSync(join(here, 'node_modules', 'chart.js', 'LICENSE.md'), join(out, 'vendor', 'chart.js-LICENSE.md'));
