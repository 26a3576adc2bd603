/**
 * How much storage time each call of an explicit cache adds, so that a cache's storage is counted
 * once. `caches.create` keeps the cache from its `updateTime` to its `expireTime`; `caches.update`
 * moves the `expireTime`, and the time up to the expiry an earlier call of this process counted is
 * already counted: only the time past it is added (none where the update shortens the TTL: the
 * cost counted is never taken back). What is remembered is each cache's name and the expiry counted,
 * for the most recent caches only (a bounded map), in this process's memory; a cache this process
 * has not seen created (made elsewhere, or forgotten) counts its whole new TTL on an update.
 */

/** The caches remembered: beyond it, the least recently used is forgotten. */
export const MAX_REMEMBERED_CACHES = 10_000;

const countedUntilMs = new Map<string, number>();

function remember(name: string, untilMs: number): void {
  countedUntilMs.delete(name);
  countedUntilMs.set(name, untilMs);
  if (countedUntilMs.size > MAX_REMEMBERED_CACHES) countedUntilMs.delete(countedUntilMs.keys().next().value as string);
}

/**
 * The seconds of storage the call adds to cache `name`, kept from `fromMs` to `untilMs` after it;
 * `created`: the call made the cache, so nothing of it was counted before.
 */
export function storageSecondsAdded(name: string | undefined, fromMs: number, untilMs: number, created: boolean): number {
  const countedMs = name === undefined || created ? undefined : countedUntilMs.get(name);
  const startMs = countedMs === undefined ? fromMs : Math.max(fromMs, countedMs);
  if (name !== undefined) remember(name, countedMs === undefined ? untilMs : Math.max(untilMs, countedMs));
  return Math.max(0, Math.round((untilMs - startMs) / 1000));
}

/** A deleted cache is forgotten: its name is never counted again. */
export function forgetCache(name: unknown): void {
  if (typeof name === 'string') countedUntilMs.delete(name);
}
