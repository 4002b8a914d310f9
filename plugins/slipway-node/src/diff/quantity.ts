/**
 * Kubernetes resource quantities in canonical form, as the API server
 * stores them (apimachinery `resource.Quantity`): "1000m" is "1", "0.5" is
 * "500m", "1024Mi" is "1Gi", "1000" is "1k". A value that is not a valid
 * quantity is returned unchanged.
 */

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
};
const DECIMAL_BY_EXPONENT = Object.fromEntries(
  Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]),
);
const BINARY_BY_EXPONENT = Object.fromEntries(
  Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]),
);

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** value = mantissa * 10^exp10, exactly. */
interface Decimal {
  mantissa: bigint;
  exp10: number;
}

function parseNumber(text: string): Decimal {
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]/, '');
  const [whole, fraction = ''] = digits.split('.');
  const mantissa = BigInt((whole || '0') + fraction);
  return { mantissa: negative ? -mantissa : mantissa, exp10: -fraction.length };
}

/** Rounds up to nano precision, like the API server. */
function roundToNano(d: Decimal): Decimal {
  if (d.exp10 >= -9) return d;
  const divisor = 10n ** BigInt(-9 - d.exp10);
  let m = d.mantissa / divisor;
  if (d.mantissa % divisor !== 0n && d.mantissa > 0n) m += 1n;
  return { mantissa: m, exp10: -9 };
}

function decimalString(d: Decimal, exponentFormat: boolean): string {
  if (d.mantissa === 0n) return '0';
  let { mantissa, exp10 } = d;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp10 += 1;
  }
  // Largest exponent that is a multiple of 3 and keeps the mantissa integral.
  let exp3 = Math.floor(exp10 / 3) * 3;
  if (!exponentFormat) exp3 = Math.max(-9, Math.min(18, exp3));
  const scaled = mantissa * 10n ** BigInt(exp10 - exp3);
  if (exponentFormat) return exp3 === 0 ? `${scaled}` : `${scaled}e${exp3}`;
  return `${scaled}${DECIMAL_BY_EXPONENT[exp3]}`;
}

/** The canonical form of a quantity string or number. */
export function canonicalQuantity(value: string | number): string | number {
  const text = String(value).trim();
  const match = QUANTITY.exec(text);
  if (!match) return value;
  const [, num, suffix, exponent] = match;
  let d = parseNumber(num);
  if (suffix && suffix in BINARY_SUFFIXES) {
    d = { mantissa: d.mantissa * 2n ** BigInt(BINARY_SUFFIXES[suffix]), exp10: d.exp10 };
    d = roundToNano(d);
    const integral = d.exp10 >= 0 || d.mantissa % 10n ** BigInt(-d.exp10) === 0n;
    const whole = d.exp10 >= 0 ? d.mantissa * 10n ** BigInt(d.exp10) : d.mantissa / 10n ** BigInt(-d.exp10);
    if (!integral || (whole > -1024n && whole < 1024n)) return decimalString(d, false);
    let amount = whole;
    let exp2 = 0;
    while (exp2 < 60 && amount % 1024n === 0n) {
      amount /= 1024n;
      exp2 += 10;
    }
    return `${amount}${BINARY_BY_EXPONENT[exp2] ?? ''}`;
  }
  if (exponent !== undefined) {
    d = roundToNano({ mantissa: d.mantissa, exp10: d.exp10 + Number(exponent) });
    return decimalString(d, true);
  }
  d = roundToNano({ mantissa: d.mantissa, exp10: d.exp10 + DECIMAL_SUFFIXES[suffix ?? ''] });
  return decimalString(d, false);
}
