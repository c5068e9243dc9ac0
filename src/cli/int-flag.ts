import { lastValue, type ParsedArgs } from './args'

/** A whole number in [min, max] from a value flag, the fallback when absent, or a one-line reason it is wrong. */
export function intFlag(parsed: ParsedArgs, flag: string, fallback: number, min: number, max: number): number | string {
  const raw = lastValue(parsed, flag)
  if (raw === undefined) return fallback
  const n = Number(raw)
  return Number.isInteger(n) && n >= min && n <= max ? n : `${flag} must be a whole number from ${min} to ${max}`
}
