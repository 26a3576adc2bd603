// Where a call child's profiled time goes (`npm run bench -- --cpu-prof`): the samples of the V8
// CPU profile of its timed batches, each given to the code it ran in, per call. A sample in
// Node.js's own code (`node:` modules, natives) is given to the nearest caller that is not
// Node's: the OpenTelemetry SDK's `hrtime`, or this package's HMAC, count as theirs.
import { readFileSync } from 'node:fs';

/** Whose code a profile frame is, by where its script lives; `undefined` for Node's own code. */
const OWNERS = [
  ['instrumentation', (url, dist) => url.includes(dist)],
  ['instrumentation', (url) => /\/node_modules\/(@traceloop|@arizeai|openlit|@opentelemetry\/instrumentation-openai)\//.test(url)],
  ['OpenTelemetry API and SDK', (url) => url.includes('/node_modules/@opentelemetry/')],
  ['provider SDK', (url) => /\/node_modules\/(openai|@anthropic-ai\/sdk)\//.test(url)],
  ['bench harness', (url) => url.includes('/bench/')],
  ['other packages', (url) => url.includes('/node_modules/')],
];
export const PROFILE_COLUMNS = [...new Set(OWNERS.map(([owner]) => owner)), 'Node.js', 'garbage collection', 'V8 and native'];

const SPECIAL_FRAMES = { '(garbage collector)': 'garbage collection', '(program)': 'V8 and native' };

/**
 * Microseconds per call spent in each owner's code, from the profile in `file` of `calls` calls;
 * idle time is left out. `dist` is the path of the dist/ copy this package was loaded from.
 */
export function profileByOwner(file, dist, calls) {
  const { nodes, samples, timeDeltas, endTime, startTime } = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map(nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
  const owners = new Map();
  const ownerOf = (id) => {
    if (owners.has(id)) return owners.get(id);
    const { callFrame } = byId.get(id);
    const special = SPECIAL_FRAMES[callFrame.functionName];
    const own = callFrame.functionName === '(idle)' ? null : (special ?? OWNERS.find(([, owns]) => callFrame.url !== '' && owns(callFrame.url, dist))?.[0]);
    const parent = parentOf.get(id);
    const owner = own !== undefined ? own : parent === undefined ? 'Node.js' : ownerOf(parent);
    owners.set(id, owner);
    return owner;
  };
  // A sample lasts until the next one is taken (the last, until the profile's end).
  const timestamps = [];
  let now = startTime;
  for (const delta of timeDeltas) timestamps.push((now += delta));
  const totals = Object.fromEntries(PROFILE_COLUMNS.map((column) => [column, 0]));
  samples.forEach((id, index) => {
    const owner = ownerOf(id);
    if (owner !== null) totals[owner] += (timestamps[index + 1] ?? endTime) - timestamps[index];
  });
  return Object.fromEntries(Object.entries(totals).map(([owner, us]) => [owner, us / calls]));
}
