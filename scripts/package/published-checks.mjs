import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { consumerProblems } from './consumers.mjs';

/**
 * The checks of a version just published to `registry` (default: the one npm is configured
 * with), for runChecks: the registry serves it (waiting up to 10 minutes, as npmjs.org can take a
 * while), `distTag` points at it, and it installs into clean projects and works there.
 */
export function publishedChecks({ name, version, distTag, registry }) {
  const registryArgs = registry ? ['--registry', registry] : [];
  const npmView = async (field) =>
    (await promisify(execFile)('npm', ['view', `${name}@${version}`, field, '--prefer-online', ...registryArgs])).stdout.trim();
  return {
    'served by the registry': async () => {
      for (let attempt = 1; attempt <= 40; attempt++) {
        if ((await npmView('version').catch(() => '')) === version) return [];
        await new Promise((resolve) => setTimeout(resolve, 15_000));
      }
      return [`the registry does not serve ${name}@${version} after 10 minutes`];
    },
    [`dist-tag ${distTag}`]: async () => {
      const tagged = await npmView(`dist-tags.${distTag}`);
      return tagged === version ? [] : [`${distTag} points at ${tagged || 'nothing'}, not ${version}`];
    },
    'install and use': () => consumerProblems({ spec: `${name}@${version}`, version, registry }),
  };
}
