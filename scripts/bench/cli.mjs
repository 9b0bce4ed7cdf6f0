/*
 * cli.mjs: the small helpers the bench scripts (bench-generate.mjs, bench-preview.mjs) share.
 */

/** The value after `name` on the command line (`--runs 3` → "3"), or `fallback` when `name` is not given. */
export function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The median of a list of numbers (the upper one of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
