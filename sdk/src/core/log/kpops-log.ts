/**
 * Log lines in the format of KPOps 12 (its structlog console renderer), for the operations (deploy, destroy, reset,
 * clean): `[level    ] [pipeline] [component] [logger] event key=value ...`, each bracket present only when known,
 * extra fields sorted by key, a `diff` field on the lines after the line. Colours as KPOps prints them unless
 * `NO_COLOR` is set to a non-empty value: the level coloured by severity, the component in one of ten colours chosen
 * by the CRC-32 of its name (stable across runs), the logger name blue, keys cyan, values magenta.
 *
 * `formatLogLine` is pure; a {@link KpopsLogger} adds the threshold (`info`, `debug` with `--verbose`), the bound
 * context (KPOps binds `pipeline` and `component_name` around each step) and the sink (default: stderr, where KPOps
 * logs).
 */
import { pythonStr } from "../util/python-text";

/** The levels KPOps logs at, lowest first. */
export const LOG_LEVELS = ["debug", "info", "warning", "error", "critical"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a line is about; KPOps binds `pipeline` and `component_name` for the duration of a step's operation. */
export interface LogContext {
  /** The pipeline name (`${pipeline.name}`). @default none */
  readonly pipeline?: string;
  /** The step (component) name. @default none */
  readonly component?: string;
  /** The logger name, e.g. `KafkaTopic`, `HelmApp`, `Kafka Connect`. @default none (KPOps' root logger) */
  readonly logger?: string;
}

/** Extra `key=value` fields of a line; `diff` is printed on the lines after it instead. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Options of {@link formatLogLine}. */
export interface FormatOptions {
  /** ANSI colours as KPOps prints them. @default colorsEnabled() */
  readonly colors?: boolean;
}

const RESET = "\u001b[0m";
const BRIGHT = "\u001b[1m";
const LEVEL_STYLES: Record<LogLevel, string> = {
  debug: "\u001b[32m",
  info: "\u001b[32m",
  warning: "\u001b[33m",
  error: "\u001b[31m",
  critical: "\u001b[31m",
};
/** structlog pads the level to its longest level name, `exception`. */
const LEVEL_WIDTH = "exception".length;
const LOGGER_STYLE = "\u001b[34m";
const KEY_STYLE = "\u001b[36m";
const VALUE_STYLE = "\u001b[35m";
/** KPOps' component palette: blue, bright blue, cyan, bright cyan, green, bright green, yellow, bright yellow, magenta, bright magenta. */
const COMPONENT_STYLES = [34, 94, 36, 96, 32, 92, 33, 93, 35, 95].map((code) => `\u001b[${code}m`);

/** Whether lines are coloured: not when `NO_COLOR` is set to a non-empty value (KPOps 12 and no-color.org). */
export function colorsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}

/** The ANSI colour of a component name: the same for a name in every run (CRC-32 of its UTF-8 bytes, as KPOps). */
export function componentColor(name: string): string {
  return COMPONENT_STYLES[crc32(Buffer.from(name, "utf8")) % COMPONENT_STYLES.length];
}

/** One log line (plus the `diff` field's lines, if any), without a trailing newline. */
export function formatLogLine(level: LogLevel, event: string, context: LogContext = {}, fields: LogFields = {}, options: FormatOptions = {}): string {
  const colors = options.colors ?? colorsEnabled();
  const style = (code: string) => (colors ? code : "");
  const reset = style(RESET);
  const bracket = (value: string, valueStyle: string) => `[${reset}${style(valueStyle)}${value}${reset}]${reset}`;
  const parts = [`[${style(LEVEL_STYLES[level])}${level.padEnd(LEVEL_WIDTH)}${reset}]`];
  if (context.pipeline !== undefined) parts.push(bracket(context.pipeline, BRIGHT));
  if (context.component !== undefined) {
    parts.push(colors ? `[${BRIGHT}${componentColor(context.component)}${context.component}${RESET}]` : `[${context.component}]`);
  }
  if (context.logger !== undefined && context.logger !== "") parts.push(bracket(context.logger, BRIGHT + LOGGER_STYLE));
  parts.push(`${style(BRIGHT)}${event}${reset}`);
  const { diff, ...rest } = fields;
  for (const key of Object.keys(rest).sort()) {
    parts.push(`${style(KEY_STYLE)}${key}${reset}=${style(VALUE_STYLE)}${pythonStr(rest[key])}${reset}`);
  }
  const line = parts.filter((part) => part !== "").join(" ").replace(/ +$/, "");
  return diff === undefined || diff === null || diff === "" ? line : `${line}\n${String(diff)}`;
}

/** Options of a {@link KpopsLogger}. */
export interface LoggerOptions {
  /** Where lines go (one call per line, no newline). @default a line on stderr */
  readonly sink?: (line: string) => void;
  /** Lowest level printed: `info`, or `debug` with `--verbose`, as KPOps. @default "info" */
  readonly level?: LogLevel;
  /** @default colorsEnabled() */
  readonly colors?: boolean;
  /** The bound context. @default {} */
  readonly context?: LogContext;
}

/** A logger of KPOps 12 lines with a bound context; `with` binds more (a pipeline, then a component, or a logger name). */
export class KpopsLogger {
  private readonly sink: (line: string) => void;
  private readonly threshold: number;
  private readonly colors: boolean;
  readonly context: LogContext;

  constructor(options: LoggerOptions = {}) {
    this.sink = options.sink ?? ((line) => process.stderr.write(`${line}\n`));
    this.threshold = LOG_LEVELS.indexOf(options.level ?? "info");
    this.colors = options.colors ?? colorsEnabled();
    this.context = options.context ?? {};
  }

  /** A logger with `context` bound on top of this one's (`{pipeline}`, `{component}`, `{logger}`). */
  with(context: LogContext): KpopsLogger {
    return new KpopsLogger({ sink: this.sink, level: LOG_LEVELS[this.threshold], colors: this.colors, context: { ...this.context, ...context } });
  }

  /** Whether lines of `level` are printed. */
  enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= this.threshold;
  }

  log(level: LogLevel, event: string, fields?: LogFields): void {
    if (this.enabled(level)) this.sink(formatLogLine(level, event, this.context, fields, { colors: this.colors }));
  }

  debug(event: string, fields?: LogFields): void {
    this.log("debug", event, fields);
  }

  info(event: string, fields?: LogFields): void {
    this.log("info", event, fields);
  }

  warning(event: string, fields?: LogFields): void {
    this.log("warning", event, fields);
  }

  error(event: string, fields?: LogFields): void {
    this.log("error", event, fields);
  }

  critical(event: string, fields?: LogFields): void {
    this.log("critical", event, fields);
  }

  /** The line KPOps prints when an operation starts on a step: the action (`Deploy`, `Destroy`, `Reset`, `Clean`) at info. */
  action(action: string): void {
    this.info(action);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, as zlib and Python's zlib.crc32). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
