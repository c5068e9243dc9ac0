// A small argv reader for the operator's subcommands: boolean flags, flags with a value (--x v or --x=v), positionals.

export interface ParsedArgs {
  flags: Record<string, string | true>
  positionals: string[]
}

export function parseFlags(args: string[], spec: { booleans?: string[]; values?: string[] }): ParsedArgs | string {
  const flags: Record<string, string | true> = {}
  const positionals: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (!a.startsWith('--')) {
      positionals.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2)
    if (spec.booleans?.includes(name) && eq < 0) flags[name] = true
    else if (spec.values?.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i]
      if (value === undefined || value === '') return `--${name} needs a value`
      flags[name] = value
    } else return `unknown argument: ${a}`
  }
  return { flags, positionals }
}

/** A whole number in [min, max] from a flag, the fallback when absent, or an error message. */
export function intFlag(parsed: ParsedArgs, name: string, fallback: number, min: number, max: number): number | string {
  const raw = parsed.flags[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  return Number.isInteger(n) && n >= min && n <= max ? n : `--${name} must be a whole number from ${min} to ${max}`
}
