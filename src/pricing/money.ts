/**
 * Exact money. A price in the table is a decimal (`0.075` USD per million tokens), a factor is a
 * decimal (`1.1`), a token count is a whole number: their product is a decimal with a known
 * number of places, which a float cannot hold (`0.00020669999999999998`). So prices and factors
 * are read once into {@link Decimal}s, products are taken in BigInt, and an amount becomes a
 * float only when it is written on a span: the float nearest to the amount rounded to
 * {@link USD_DECIMAL_PLACES} places, half away from zero.
 */

/** `units × 10^-scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Places an amount in USD keeps: one pico-dollar. */
export const USD_DECIMAL_PLACES = 12;

/** Places a price or a factor may have: more would be a typo, or a float's noise in a hand-written table. */
export const MAX_DECIMAL_PLACES = 12;

/** 1, the factor of a condition that changes no price. */
export const DECIMAL_ONE: Decimal = { units: 1n, scale: 0 };
const TEN = 10n;
const PICO_PER_USD = 1e12;
const MAX_SAFE_UNITS = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_UNITS = -MAX_SAFE_UNITS;
/** `10^n` for the `n` that {@link usd} restates amounts by (0 to 12), as floats: each is exact. */
const POWERS_OF_TEN = Array.from({ length: USD_DECIMAL_PLACES + 1 }, (_, n) => 10 ** n);
/** `10^n` as BigInts, made once each: a BigInt power per amount would allocate on every priced span. */
const BIG_POWERS_OF_TEN: bigint[] = [];

export function bigPowerOfTen(n: number): bigint {
  return (BIG_POWERS_OF_TEN[n] ??= TEN ** BigInt(n));
}

/**
 * The decimal a JSON number was written as: its shortest round-trip form (`0.075`, `1e-7`), as
 * `JSON.parse` read it. `undefined` for a number that is not finite or has more than
 * {@link MAX_DECIMAL_PLACES} places. 1 is {@link DECIMAL_ONE} itself, which the cost skips
 * multiplying by (a service tier's multiplier usually is 1).
 */
export function decimalOf(value: number): Decimal | undefined {
  if (value === 1) return DECIMAL_ONE;
  if (!Number.isFinite(value)) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let units = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    units *= TEN ** BigInt(-scale);
    scale = 0;
  }
  return scale > MAX_DECIMAL_PLACES ? undefined : { units, scale };
}

/** `a × b`, exactly. */
export function times(a: Decimal, b: Decimal): Decimal {
  if (b === DECIMAL_ONE) return a;
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** `units` at `scale` restated at the larger `toScale`. */
export function atScale(value: Decimal, toScale: number): bigint {
  return value.units * bigPowerOfTen(toScale - value.scale);
}

/** `units × 10^-scale` USD as the float nearest to it rounded to pico-dollars, half away from zero. */
export function usd(units: bigint, scale: number): number {
  if (scale <= USD_DECIMAL_PLACES && scale >= 0) {
    // The usual case, worked in floats where that is exact: whole numbers below 2^53 and their
    // product below it too are exact, and give the same float as the BigInt path below.
    const picoFloat = Number(units) * (POWERS_OF_TEN[USD_DECIMAL_PLACES - scale] as number);
    if (Number.isSafeInteger(picoFloat) && MIN_SAFE_UNITS <= units && units <= MAX_SAFE_UNITS) return picoFloat / PICO_PER_USD;
  }
  const pico = scale <= USD_DECIMAL_PLACES ? units * bigPowerOfTen(USD_DECIMAL_PLACES - scale) : roundedQuotient(units, bigPowerOfTen(scale - USD_DECIMAL_PLACES));
  // Both operands are exact floats and a division rounds once, correctly: the nearest float.
  if (MIN_SAFE_UNITS <= pico && pico <= MAX_SAFE_UNITS) return Number(pico) / PICO_PER_USD;
  const digits = (pico < 0n ? -pico : pico).toString().padStart(USD_DECIMAL_PLACES + 1, '0');
  const cut = digits.length - USD_DECIMAL_PLACES;
  return Number(`${pico < 0n ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
}

/**
 * {@link usd} of a whole number of units held exactly in a float (a safe integer), without a
 * BigInt where the amount in pico-dollars is a safe integer too: the same float as {@link usd}.
 */
export function usdOfSafeUnits(units: number, scale: number): number {
  if (scale <= USD_DECIMAL_PLACES && scale >= 0) {
    const picoFloat = units * (POWERS_OF_TEN[USD_DECIMAL_PLACES - scale] as number);
    if (Number.isSafeInteger(picoFloat)) return picoFloat / PICO_PER_USD;
  }
  return usd(BigInt(units), scale);
}

/** `10^n` as a float, exact, for `n` from 0 to 12; `undefined` for another `n`. */
export function powerOfTen(n: number): number | undefined {
  return POWERS_OF_TEN[n];
}

/** `dividend / divisor`, rounded half away from zero. */
export function roundedQuotient(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const remainder = dividend % divisor;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twiceRemainder < divisor) return quotient;
  return dividend < 0n ? quotient - 1n : quotient + 1n;
}
