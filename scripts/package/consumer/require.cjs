// A CommonJS app: what `require` gives it. Prints the export names and the version, as JSON.
const observer = require('otel-llm-observer');
const { version } = require('otel-llm-observer/package.json');

console.log(JSON.stringify({ exports: Object.keys(observer).sort(), version }));
