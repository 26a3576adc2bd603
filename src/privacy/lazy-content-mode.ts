import * as contentModeModule from './content-mode.js';

/**
 * The content-capture part (./content-mode.ts), for the code that runs only while content is
 * captured. In the sources this is a plain import. The build (scripts/build.mjs) puts the part in a
 * file of its own and replaces this module with one that `require`s that file on the first call,
 * so that the package's main file does not hold the part's 38 KB, which V8 would otherwise compile
 * at every start of an application, capture on or not (docs/benchmarks.md, sixth pass).
 */
export function contentMode(): typeof contentModeModule {
  return contentModeModule;
}
