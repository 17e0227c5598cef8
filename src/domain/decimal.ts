// Exact arithmetic. Quantities are parsed into exact rationals; barrels are then
// held as nano-barrels (1e-9 bbl), as integers or, for a conversion whose quotient
// does not terminate (litres, crude tons), as exact fractions: exact-sum.ts owns
// amounts and sums. Rounding happens only when a value is printed.

/** A non-negative rational: num / den, den > 0. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** Nano-barrels per barrel. */
export const NANO = 1_000_000_000n;

export const MAX_QUANTITY = 1_000_000_000_000n; // 10^12, contract §2

/**
 * The smallest value read other than 0 is 10^-SMALLEST_EXPONENT. The arithmetic is
 * exact at any precision, but 1e-999999999 would be a denominator of a billion
 * digits; so a value below 10^-400 is refused, the same however it is written
 * (`1e-401`, `0.000…001` with 401 places).
 */
const SMALLEST_EXPONENT = 400;
export const SMALLEST_TEXT = `10^-${SMALLEST_EXPONENT}`;

/** What readDecimal gives for a value other than 0 below 10^-400. */
export const TOO_SMALL = "too small";

const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * A number with `,` thousands separators, as a pattern's source (the JSON Schema's
 * too, rules.ts). A first group of 0 is no thousands grouping: `0,500` is half of
 * one with a decimal comma, never 500.
 */
export const GROUPED_SOURCE = "[1-9]\\d{0,2}(?:,\\d{3})+(?:\\.\\d+)?";
const GROUPED = new RegExp(`^${GROUPED_SOURCE}$`);

/** The largest whole part whose value × 10^9 (plus nine decimals) stays below 2^53. */
const MAX_SMALL_WHOLE = 9_007_198;

/**
 * A plain decimal below 9,007,199 with at most nine decimals, times 10^9, as an
 * exact integer Number (it stays below 2^53); undefined for anything else. The hot
 * path counts in these and falls back to BigInt only when a value or sum would not fit.
 */
export function scaledSmall(text: string): number | undefined {
  // A hand-rolled scan: this runs once per record.
  const length = text.length;
  let whole = 0;
  let i = 0;
  for (; i < length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === 0 || i > 7 || whole > MAX_SMALL_WHOLE) return undefined;
  if (i === length) return whole * 1e9;
  if (text.charCodeAt(i) !== 46 || length - i - 1 > 9 || length - i - 1 === 0) return undefined;
  let fraction = 0;
  let scale = 1e9;
  for (i++; i < length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    fraction = fraction * 10 + d;
    scale /= 10;
  }
  return whole * 1e9 + fraction * scale;
}

/** scaled × num / den when that is an exact safe integer, else undefined. */
export function exactTimes(scaled: number, num: number, den: number): number | undefined {
  const product = scaled * num;
  if (!Number.isSafeInteger(product) || product % den !== 0) return undefined;
  return product / den;
}

/** A ratio as two Numbers, when both are small enough for exactTimes to use. */
export function smallRatio(r: Ratio): { num: number; den: number } | undefined {
  const limit = 1n << 31n;
  return r.num < limit && r.den < limit ? { num: Number(r.num), den: Number(r.den) } : undefined;
}

const SIMPLE = /^(\d{1,15})(?:\.(\d{1,9}))?$/;
const POWERS_OF_TEN = Array.from({ length: 10 }, (_, i) => 10n ** BigInt(i));

/**
 * Parses the contract's number syntax (§2): plain decimals, exponents, or `,`
 * thousands separators in groups of three. Returns undefined for anything else,
 * and for a value below 10^-400 other than 0 (readDecimal says which).
 */
export function parseDecimal(text: string): Ratio | undefined {
  const read = readDecimal(text);
  return read === TOO_SMALL ? undefined : read;
}

const ZERO: Ratio = { num: 0n, den: 1n };
const MINUS = /^-\s*/;

/** parseDecimal, telling a value below 10^-400 (TOO_SMALL) from no number at all. */
export function readDecimal(text: string): Ratio | typeof TOO_SMALL | undefined {
  // Most figures are short plain decimals: read them without the general path.
  const simple = SIMPLE.exec(text);
  if (simple) {
    const fraction = simple[2] ?? "";
    return {
      num: BigInt((simple[1] as string) + fraction),
      den: POWERS_OF_TEN[fraction.length] as bigint,
    };
  }
  let s = text.trim();
  // A minus sign on zero changes nothing: -0 is 0, as in JSON Schema and IEEE 754.
  // On any other value it makes a negative, which no field takes.
  const minus = MINUS.exec(s);
  if (minus !== null) {
    const rest = s.slice(minus[0].length);
    const value = rest.startsWith("-") ? undefined : readDecimal(rest);
    return typeof value === "object" && value.num === 0n ? value : undefined;
  }
  if (GROUPED.test(s)) s = s.replaceAll(",", "");
  else if (!PLAIN.test(s)) return undefined;
  let exponent = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    exponent = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  const dot = s.indexOf(".");
  if (dot >= 0) exponent -= s.length - dot - 1;
  const digits = (dot >= 0 ? s.slice(0, dot) + s.slice(dot + 1) : s).replace(/^0+/, "");
  if (digits === "") return ZERO;
  // The value is at least 10^(magnitude - 1) and below 10^magnitude: an exponent
  // written too large to compute with (1e99999999999) is judged before it is used.
  const magnitude = exponent + digits.length;
  // Past every limit: read as 10^401, which each caller refuses as too large.
  if (magnitude > 401) return { num: 10n ** 401n, den: 1n };
  if (magnitude <= -SMALLEST_EXPONENT) return TOO_SMALL;
  const mantissa = BigInt(digits);
  return exponent >= 0
    ? { num: mantissa * 10n ** BigInt(exponent), den: 1n }
    : { num: mantissa, den: 10n ** BigInt(-exponent) };
}

/** A JSON number as an exact rational (its shortest round-trip decimal form). */
export function numberToRatio(n: number): Ratio | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  return parseDecimal(String(n));
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

/** Rounds a non-negative rational to an integer, half away from zero. */
function roundRatio(r: Ratio): bigint {
  return (2n * r.num + r.den) / (2n * r.den);
}

/** Nano-barrels from a rational number of barrels. */
export function toNano(barrels: Ratio): bigint {
  // A denominator that divides 10^9 needs no rounding.
  if (NANO % barrels.den === 0n) return barrels.num * (NANO / barrels.den);
  return roundRatio({ num: barrels.num * NANO, den: barrels.den });
}

/**
 * Formats an integer count of 10^-scale units rounded to `places` decimals, half away
 * from zero, with trailing zeros kept (e.g. 500000.000).
 */
export function formatFixed(value: bigint, scale: number, places: number): string {
  const negative = value < 0n;
  let v = negative ? -value : value;
  if (places < scale) {
    const drop = 10n ** BigInt(scale - places);
    v = (v * 2n + drop) / (2n * drop);
  } else if (places > scale) {
    v *= 10n ** BigInt(places - scale);
  }
  const s = v.toString().padStart(places + 1, "0");
  const whole = places > 0 ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
  return negative ? `-${whole}` : whole;
}

/** Nano-barrels as a JSON number rounded to 3 decimals. */
export function barrelsNumber(nano: bigint): number {
  return Number(formatFixed(nano, 9, 3));
}

/** A rational printed as a short decimal where it terminates, else to 9 places. */
export function formatRatio(r: Ratio): string {
  let den = r.den;
  let twos = 0;
  let fives = 0;
  while (den % 2n === 0n) {
    den /= 2n;
    twos++;
  }
  while (den % 5n === 0n) {
    den /= 5n;
    fives++;
  }
  if (den === 1n) {
    const places = Math.max(twos, fives);
    const scaled = (r.num * 10n ** BigInt(places)) / r.den;
    const text = formatFixed(scaled, places, places);
    return places > 0 ? text.replace(/\.?0+$/, "") : text;
  }
  return formatFixed(roundRatio({ num: r.num * NANO, den: r.den }), 9, 9);
}
