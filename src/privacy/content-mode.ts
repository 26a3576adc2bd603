/**
 * What content capture alone runs: the redactor (./redaction.ts, with its detectors and checksums)
 * and the content attributes (./content.ts, with the byte cap). The package loads it on first use,
 * through ./lazy-content-mode.ts, so that an application that does not capture content (the
 * default) never compiles it.
 */
export { createRedactor } from './redaction.js';
export { requestContentAttributes, responseContentAttributes } from './content.js';
