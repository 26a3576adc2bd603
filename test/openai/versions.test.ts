import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { installPinned } from '../support/pinned-install.js';
import { expectPlainAndStreamedChatSpans, runChildApp } from './child-app.js';

/** Other `openai` versions, each installed on its own and run in a child process. */

const INSTALL_TIMEOUT_MS = 300_000;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

/** The folder where `openai@version` is installed, once the suite's beforeAll has installed it. */
function pinnedOpenAI(version: string): () => string {
  let folder: string | undefined;
  beforeAll(() => {
    folder = installPinned({ openai: version });
  }, INSTALL_TIMEOUT_MS);
  return () => folder ?? '';
}

describe('an openai version outside the supported range', () => {
  const sdkDir = pinnedOpenAI('3.3.0');

  it('is named in a diag warning, and its calls work untraced', async () => {
    const { spans, warnings } = await runChildApp('--require', 'app-openai-v3.cjs', {
      FIXTURE_ORIGIN: server.origin,
      OPENAI_SDK_DIR: sdkDir(),
    });
    expect(spans).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('openai 3.3.0 is outside the supported range >=4.0.0 <8')]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the oldest supported major, openai 4.x', () => {
  const sdkDir = pinnedOpenAI('4.104.0');

  it('gets the same spans for a plain and a streamed chat call as the current major', async () => {
    const { spans, warnings } = await runChildApp('--require', 'app.cjs', { FIXTURE_ORIGIN: server.origin, OPENAI_SDK_DIR: sdkDir() });
    expectPlainAndStreamedChatSpans(spans);
    expect(warnings).toEqual([]);
  });
});
