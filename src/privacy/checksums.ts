/**
 * The checks that tell a number of a known kind from a run of digits that only looks like one:
 * card numbers (Luhn and the issuers' number ranges), IBANs (ISO 13616 mod-97 and each country's
 * length) and HTTP Basic credentials (base64 of `user:password`).
 */

/** The Luhn checksum of the digits of `text` (other characters skipped), which card numbers pass. */
export function passesLuhn(text: string): boolean {
  let sum = 0;
  let doubled = false;
  for (let index = text.length - 1; index >= 0; index--) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) continue;
    sum += doubled ? (digit > 4 ? digit * 2 - 9 : digit * 2) : digit;
    doubled = !doubled;
  }
  return sum % 10 === 0;
}

/**
 * Whether `digits` starts like a card of an issuer that issues cards of its length (ISO/IEC 7812
 * issuer identification numbers as the networks publish them: Visa 4; Mastercard 51–55 and
 * 2221–2720; American Express 34, 37; Discover 6011, 644–649, 65; JCB 3528–3589; Diners Club
 * 300–305, 36, 38, 39; UnionPay 62, 81; Maestro 50, 56–69). A run of digits starting with 0, 1,
 * 7 or 9 is an id, an order number or a timestamp, not a card.
 */
export function isIssuedCardNumber(digits: string): boolean {
  const length = digits.length;
  const first = Number(digits.slice(0, 1));
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  const sixteenToNineteen = length >= 16 && length <= 19;
  switch (first) {
    case 2:
      return length === 16 && four >= 2221 && four <= 2720;
    case 3:
      if (two === 34 || two === 37) return length === 15;
      if (four >= 3528 && four <= 3589) return sixteenToNineteen;
      return (two === 36 || two === 38 || two === 39 || (two === 30 && Number(digits.slice(0, 3)) <= 305)) && length >= 14 && length <= 19;
    case 4:
      return length === 13 || length === 16 || length === 19;
    case 5:
      return (two >= 51 && two <= 55 && length === 16) || ((two === 50 || two >= 56) && length >= 12);
    case 6:
      return length >= 12;
    case 8:
      return two === 81 && sixteenToNineteen;
    default:
      return false;
  }
}

/** The length of an IBAN in each country that issues them (SWIFT, IBAN Registry). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** Whether `text` (spaces allowed) is an IBAN: its country's length and the ISO 13616 mod-97 check. */
export function isIban(text: string): boolean {
  const iban = text.replaceAll(' ', '');
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    // Letters count as 10 to 35, two digits each.
    remainder = code >= 65 ? (remainder * 100 + code - 55) % 97 : (remainder * 10 + code - 48) % 97;
  }
  return remainder === 1;
}

/** Whether `base64` decodes to printable `user:password` credentials, as HTTP Basic sends them (RFC 7617). */
export function isBasicCredentials(base64: string): boolean {
  const decoded = Buffer.from(base64, 'base64').toString('latin1');
  return decoded.length >= 3 && decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}
