import { mkdirSync, rmSync } from 'node:fs';
import { EMITTED_DIR } from './emitted-attributes.js';

/** Empties .tmp/emitted/ before the suite runs, so the check after it sees this run's attributes only. */
export default function emptyEmittedAttributes(): void {
  rmSync(EMITTED_DIR, { recursive: true, force: true });
  mkdirSync(EMITTED_DIR, { recursive: true });
}
