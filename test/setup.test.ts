import { describe, expect, it } from 'vitest';
import { AnthropicInstrumentation, OpenAIInstrumentation } from '../src/index.js';
import { INSTRUMENTED_MODULES } from '../src/setup/loader-hook.js';

describe('the loader hook', () => {
  it('wraps exactly the modules the instrumentations patch', () => {
    const patched = [new OpenAIInstrumentation({ enabled: false }), new AnthropicInstrumentation({ enabled: false })]
      .flatMap((instrumentation) => instrumentation.getModuleDefinitions().map((definition) => definition.name));
    expect([...new Set(patched)].sort()).toEqual([...INSTRUMENTED_MODULES].sort());
  });
});
