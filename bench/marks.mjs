// Marks between the parts of a child's run that the instruction count (bench/instructions.mjs)
// measures apart. Under callgrind, started with `--dump-before=` the native function behind
// `process.getegid()` (MARK_FUNCTION), every mark makes callgrind write the instructions counted
// since the previous mark to a file of its own. Nothing in the SDKs, OTel or this package calls
// `process.getegid()`, so the marks are the only dumps. Outside callgrind a mark costs a system call.

/** The C++ function of Node.js that `process.getegid()` runs (a symbol of the official binaries). */
export const MARK_FUNCTION = 'node::credentials::GetEGid*';

/** The labels of the parts, in order: part `i` ends at the `i`-th mark (1-based), as callgrind numbers its dumps. */
export const parts = [];

/** Ends the part of the run called `label` (the next part starts here). */
export function mark(label) {
  parts.push(label);
  process.getegid();
}
