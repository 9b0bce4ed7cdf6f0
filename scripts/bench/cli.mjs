/*
 * cli.mjs: the small helpers the bench scripts (bench-generate.mjs, bench-preview.mjs) share.
 */

import { readFileSync, readdirSync } from "node:fs";

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

/**
 * CPU time of every process on the machine so far, by command name (`/proc/<pid>/stat`: utime + stime, seconds),
 * and the machine's busy and total CPU time (`/proc/stat`, all cores). Two samples' difference
 * ({@link cpuWatch}) says where the CPU went while something ran, services included.
 */
export function cpuSample() {
  const TICKS = 100; // USER_HZ
  const byPid = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      let name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (name === "node") name = `node ${nodeScript(entry)}`;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byPid.set(entry, { name, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS });
    } catch {
      // the process ended while we looked
    }
  }
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { byPid, busy: (total - idle) / TICKS, total: total / TICKS };
}

/** The script a node process runs (the base name of its first argument that names a file), for telling them apart. */
function nodeScript(pid) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(1);
    const script = args.find((a) => /\.(c|m)?(j|t)s$/.test(a));
    return script ? script.split("/").pop() : args[0] ?? "";
  } catch {
    return "";
  }
}

/**
 * Watches the machine's CPU from now until `stop()`: samples every `everyMs` so that processes which end in between
 * (the engine, its plugins) are counted with their last sample. `stop()` returns busy CPU-seconds, the share of all
 * cores that was busy, and the CPU-seconds per command name (processes that started in between count from zero),
 * largest first.
 */
export function cpuWatch(everyMs = 200) {
  const first = cpuSample();
  const last = new Map(first.byPid);
  const timer = setInterval(() => {
    for (const [pid, sample] of cpuSample().byPid) last.set(pid, sample);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const end = cpuSample();
      for (const [pid, sample] of end.byPid) last.set(pid, sample);
      const byName = new Map();
      for (const [pid, { name, seconds }] of last) {
        const earlier = first.byPid.get(pid);
        const spent = earlier && earlier.name === name ? seconds - earlier.seconds : seconds;
        if (spent > 0) byName.set(name, (byName.get(name) ?? 0) + spent);
      }
      const busy = end.busy - first.busy;
      return { busy, share: busy / (end.total - first.total), byName: [...byName].sort((a, b) => b[1] - a[1]) };
    },
  };
}
