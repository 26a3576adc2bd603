import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { expectPlainAndStreamedChatSpans, runChildApp } from './child-app.js';

/** The SDK is patched when the app loads it, from the built package, in CommonJS and ESM apps alike. */

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

describe('load-time patching of openai', () => {
  it('traces a CommonJS app started with node --require <preload>', async () => {
    const { spans, warnings } = await runChildApp('--require', 'app.cjs', { FIXTURE_ORIGIN: server.origin });
    expectPlainAndStreamedChatSpans(spans);
    expect(warnings).toEqual([]);
  });

  it('traces an ESM app started with node --import <preload> that registers the loader hook', async () => {
    const { spans, warnings } = await runChildApp('--import', 'app.mjs', { FIXTURE_ORIGIN: server.origin });
    expectPlainAndStreamedChatSpans(spans);
    expect(warnings).toEqual([]);
  });

  it('gives each call one span in an ESM app that loads both the ESM and the CommonJS build', async () => {
    const { spans } = await runChildApp('--import', 'app-both-builds.mjs', { FIXTURE_ORIGIN: server.origin });
    expect(spans).toHaveLength(4);
    expectPlainAndStreamedChatSpans(spans.slice(0, 2));
    expectPlainAndStreamedChatSpans(spans.slice(2));
  });
});
