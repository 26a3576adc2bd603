import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServer } from 'verdaccio';

/**
 * A throwaway Verdaccio registry on 127.0.0.1, in this process, with its storage in a temp folder.
 * It holds `packageName` itself, never fetched from elsewhere, so an install of it gets what was
 * published here; every other package comes through from the registry npm is configured with.
 * One user is signed up, whose token publishes.
 */
export async function startVerdaccio(packageName) {
  const folder = mkdtempSync(join(tmpdir(), 'otel-llm-observer-verdaccio-'));
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  const app = await runServer({
    self_path: folder,
    storage: join(folder, 'storage'),
    auth: { htpasswd: { file: join(folder, 'htpasswd'), max_users: 1 } },
    uplinks: { upstream: { url: upstream } },
    packages: {
      [packageName]: { access: '$all', publish: '$authenticated' },
      '**': { access: '$all', publish: '$authenticated', proxy: 'upstream' },
    },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    web: { enable: false },
  });
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const signUp = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-only' }),
  });
  if (!signUp.ok) throw new Error(`Verdaccio refused the sign-up: ${signUp.status} ${await signUp.text()}`);
  const { token } = await signUp.json();
  return {
    url,
    /** The npm flag that authenticates to this registry, as npm spells a per-registry setting. */
    authFlag: `--${url.replace(/^http:/, '')}:_authToken=${token}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
