/** See pack.mjs: builds the package at `root` and packs it into `destination`. */
export function packTarball(root: string, destination: string): { tarball: string; files: string[] };
