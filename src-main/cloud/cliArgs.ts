/** A small argv reader for the cloud commands: `--flag`, `--name value`, `--name=value`, repeats. */

export interface ArgSpec {
  flags: readonly string[];
  values: readonly string[];
}

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string[]>;
}

/** Parses argv or returns a message naming the first thing it did not understand. */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs | string {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (spec.flags.includes(name)) {
      if (eq > 0) return `${name} takes no value.`;
      flags.add(name);
      continue;
    }
    if (!spec.values.includes(name)) {
      return arg.startsWith('-') ? `Unknown option "${name}".` : `Unexpected argument "${arg}".`;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return `${name} needs a value.`;
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { flags, values };
}

/** The last value given for an option (later ones win, as in most CLIs). */
export const lastValue = (args: ParsedArgs, name: string): string | undefined =>
  args.values.get(name)?.at(-1);
