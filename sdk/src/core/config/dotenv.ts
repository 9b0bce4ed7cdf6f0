/**
 * `.env` files as pydantic-settings reads them (through python-dotenv): `KEY=value` lines, optional `export `,
 * quotes, `#` comments, and POSIX-style interpolation of `${NAME}` / `${NAME:-default}` in every value, from the OS
 * environment and the file's earlier entries (an unknown name becomes empty: `"${pipeline.name}-x"` -> `-x`).
 */
export function parseDotenv(text: string, environment: Record<string, string | undefined> = process.env): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match;
    let value = rest.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2) {
      const end = value.indexOf(quote, 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\"/g, '"');
    } else {
      const comment = value.search(/\s#/);
      if (comment >= 0) value = value.slice(0, comment).trim();
    }
    result[key] = interpolate(value, { ...environment, ...result });
  }
  return result;
}

function interpolate(value: string, environment: Record<string, string | undefined>): string {
  return value.replace(/\$\{([^}:]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback: string | undefined) => {
    const found = environment[name];
    return found ?? fallback ?? "";
  });
}
