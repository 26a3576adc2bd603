// An ESM app: what `import` gives it. Prints the export names and the version, as JSON.
import * as observer from 'otel-llm-observer';
import packageJson from 'otel-llm-observer/package.json' with { type: 'json' };

console.log(JSON.stringify({ exports: Object.keys(observer).sort(), version: packageJson.version }));
