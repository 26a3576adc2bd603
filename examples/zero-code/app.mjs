// An app with no telemetry code: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL, and
// `node --import otel-llm-observer/register app.mjs` traces it.
import OpenAI from 'openai';

const client = new OpenAI();
const question = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is the capital of France?' }] };

const completion = await client.chat.completions.create(question);
console.log(completion.choices[0].message.content);

const stream = await client.chat.completions.create({ ...question, stream: true, stream_options: { include_usage: true } });
let answer = '';
for await (const chunk of stream) answer += chunk.choices[0]?.delta.content ?? '';
console.log(answer);
