// Builds the workspace before `pnpm demo` or `pnpm check`, silent unless the build fails: what those
// commands print is fitcheck's own, in the course's language, not turbo's English banner.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import process from 'node:process';

const turbo = createRequire(import.meta.url).resolve('turbo/bin/turbo');
const build = spawnSync(process.execPath, [turbo, 'run', 'build', '--output-logs=errors-only'], {
  encoding: 'utf8',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}${build.error ? `${build.error.message}\n` : ''}`);
  process.exit(build.status ?? 1);
}
