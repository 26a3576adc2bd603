// A walk-through of Anthropic prompt caching as the spans and the report show it. The app asks
// questions about a long policy document, which it sends as the system prompt: first without
// `cache_control`, then with a 1-hour cache breakpoint. The SDK reads ANTHROPIC_API_KEY and
// ANTHROPIC_BASE_URL.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();
const policy = 'Refunds: items may be returned within 30 days of delivery in their original condition. '.repeat(280);
const ask = (system, question) =>
  client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, system, messages: [{ role: 'user', content: question }] });

// 1. No breakpoint: every call pays the full input price for the same 6,000-token prefix.
for (const question of ['Can I return a used item?', 'How long do refunds take?']) await ask(policy, question);

// 2. A 1-hour breakpoint after the policy: the first call writes the prefix (2× input price), the
//    next ones read it (0.1×).
const cachedPolicy = [{ type: 'text', text: policy, cache_control: { type: 'ephemeral', ttl: '1h' } }];
for (const question of ['Are gift cards refundable?', 'Can I exchange a size?', 'Who pays return shipping?']) {
  await ask(cachedPolicy, question);
}
console.log('5 calls made');
