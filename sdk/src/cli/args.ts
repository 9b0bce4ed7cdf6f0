/** A small command-line parser for the `kpops` commands: flags, `--x/--no-x` switches, repeatable options. */
import { KpopsError } from "../core/errors";

export interface OptionSpec {
  /** Long name without dashes, e.g. `config`. */
  readonly name: string;
  readonly short?: string;
  /** `value` takes an argument; `switch` is `--x` / `--no-x`. */
  readonly kind: "value" | "switch";
  readonly repeatable?: boolean;
  /** Environment variable that provides the default. */
  readonly env?: string;
  readonly metavar?: string;
  readonly help: string;
  readonly defaultText?: string;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Map<string, string[]>;
  readonly switches: Map<string, boolean>;
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[], options: readonly OptionSpec[], env: NodeJS.ProcessEnv): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const switches = new Map<string, boolean>();
  let help = false;
  const byName = new Map(options.map((o) => [o.name, o]));
  const byShort = new Map(options.filter((o) => o.short).map((o) => [o.short as string, o]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    if (arg.startsWith("--")) {
      const [rawName, inlineValue] = splitOnce(arg.slice(2), "=");
      const negated = rawName.startsWith("no-") && byName.get(rawName.slice(3))?.kind === "switch";
      const option = negated ? byName.get(rawName.slice(3)) : byName.get(rawName);
      if (!option) throw new KpopsError(`no such option: --${rawName}`);
      if (option.kind === "switch") {
        switches.set(option.name, !negated);
        continue;
      }
      const value = inlineValue ?? argv[++i];
      if (value === undefined) throw new KpopsError(`option --${option.name} requires an argument`);
      addValue(values, option, value);
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      const option = byShort.get(arg.slice(1));
      if (!option) throw new KpopsError(`no such option: ${arg}`);
      if (option.kind === "switch") switches.set(option.name, true);
      else {
        const value = argv[++i];
        if (value === undefined) throw new KpopsError(`option ${arg} requires an argument`);
        addValue(values, option, value);
      }
      continue;
    }
    positionals.push(arg);
  }
  for (const option of options) {
    if (!option.env || values.has(option.name) || switches.has(option.name)) continue;
    const fromEnv = env[option.env];
    if (fromEnv === undefined || fromEnv === "") continue;
    if (option.kind === "switch") switches.set(option.name, /^(1|true|yes|on)$/i.test(fromEnv));
    else if (option.repeatable) values.set(option.name, fromEnv.split(/\s+/).filter(Boolean));
    else values.set(option.name, [fromEnv]);
  }
  return { positionals, values, switches, help };
}

function addValue(values: Map<string, string[]>, option: OptionSpec, value: string): void {
  const list = values.get(option.name) ?? [];
  if (option.repeatable) list.push(value);
  else list.splice(0, list.length, value);
  values.set(option.name, list);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

/** Renders the options part of a help text. */
export function formatOptions(options: readonly OptionSpec[]): string {
  const rows = options.map((o) => {
    const names =
      o.kind === "switch"
        ? `--${o.name} / --no-${o.name}`
        : `${o.short ? `-${o.short}, ` : ""}--${o.name} ${o.metavar ?? "TEXT"}`;
    const extras: string[] = [];
    if (o.env) extras.push(`env var: ${o.env}`);
    if (o.defaultText) extras.push(`default: ${o.defaultText}`);
    if (o.repeatable) extras.push("repeatable");
    return [names, `${o.help}${extras.length ? ` [${extras.join("; ")}]` : ""}`];
  });
  rows.push(["--help", "Show this message and exit."]);
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  return rows.map(([n, h]) => `  ${n.padEnd(width)}${h}`).join("\n");
}
