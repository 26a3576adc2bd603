/** See pack.mjs: builds the package at `root` (unless `build` is false) and packs it into `destination`. */
export function packTarball(root: string, destination: string, options?: { build?: boolean }): { tarball: string; files: string[] };
