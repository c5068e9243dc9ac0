// One small parser for the subcommands' flags: `--flag`, `--name value`, `--name=value`, and plain words.

export interface ArgSpec {
  /** Flags without a value, e.g. '--json'. */
  booleans?: readonly string[]
  /** Flags that take a value; may repeat. */
  values?: readonly string[]
  /** Short or alternative spellings, e.g. { '-k': '--keyword' }. */
  aliases?: Readonly<Record<string, string>>
}

export interface ParsedArgs {
  /** Boolean flags that were given. */
  flags: Set<string>
  /** Every value given for each value flag, in order. */
  values: Map<string, string[]>
  /** Everything that is not a flag, in order. */
  words: string[]
}

/** The parsed arguments, or a one-line reason they are wrong. */
export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs | string {
  const out: ParsedArgs = { flags: new Set(), values: new Map(), words: [] }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    // Only `--…` and the listed aliases are flags, so a title or question may start with "-".
    if (!arg.startsWith('--') && !(arg in (spec.aliases ?? {}))) {
      out.words.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const written = eq > 0 ? arg.slice(0, eq) : arg
    const flag = spec.aliases?.[written] ?? written
    if (spec.booleans?.includes(flag) && eq < 0) out.flags.add(flag)
    else if (spec.values?.includes(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i]
      if (value === undefined || value === '') return `${flag} needs a value`
      out.values.set(flag, [...(out.values.get(flag) ?? []), value])
    } else return `unknown argument: ${arg}`
  }
  return out
}

/** The last value given for a flag (a repeated single-value flag: the last one wins). */
export function lastValue(parsed: ParsedArgs, flag: string): string | undefined {
  return parsed.values.get(flag)?.at(-1)
}
