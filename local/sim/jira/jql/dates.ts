/**
 * JQL date values: absolute ("2024-05-01", "2024/05/01 14:30"), relative to now ("-7d", "2w",
 * "-4h", "-1w 2d") and the functions now(), startOfDay(), endOfDay() with an optional offset.
 * All in UTC: the simulated site's time zone.
 */

const UNIT_MS: Record<string, number> = { w: 7 * 86400000, d: 86400000, h: 3600000, m: 60000 };

/** Milliseconds for a JQL date value, or undefined when the text is not a date Jira would accept. */
export function parseJqlDate(text: string, now: Date): number | undefined {
  const trimmed = text.trim();
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(trimmed);
  if (abs) {
    const [, y, mo, d, h, mi] = abs;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
    return Number.isNaN(ms) ? undefined : ms;
  }
  const offset = parseOffset(trimmed);
  return offset === undefined ? undefined : now.getTime() + offset;
}

/** "-1w 2d" -> milliseconds; undefined when the text is not a relative period. */
export function parseOffset(text: string): number | undefined {
  const m = /^([+-]?)((?:\s*\d+\s*[wdhm])+)$/.exec(text.trim());
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d+)\s*([wdhm])/g)) total += Number(part[1]) * UNIT_MS[part[2]!]!;
  return sign * total;
}

/** Evaluates a date function; undefined when the name is not a date function. */
export function dateFunction(name: string, args: string[], now: Date): number | undefined {
  const offset = args[0] !== undefined ? (parseOffset(args[0]) ?? 0) : 0;
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  switch (name.toLowerCase()) {
    case 'now':
      return now.getTime();
    case 'startofday':
      return day + offset;
    case 'endofday':
      return day + 86400000 - 1 + offset;
    default:
      return undefined;
  }
}
