/**
 * Recovery from a run that was killed (SIGKILL, a lost machine): the file backend then keeps the stack's lock
 * (`.pulumi/locks/organization/<project>/<stack>/<id>.json`, naming the pid and host of the process that held it),
 * and the state keeps the operations that were under way (`pending_operations`), so that every later run fails
 * with "the stack is currently locked". Before each run the managed operations remove a lock whose process is gone
 * (same host, pid not alive), wait a bounded time for a lock whose process still runs (an engine orphaned by a
 * killed `kpops`, which stops on its own once it notices), and clear pending operations from the state, then
 * refresh so the state matches what exists. Objects a pending create made are adopted by the next deploy
 * (topics, releases, connectors and subjects that exist are imported). Each step is reported.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as automation from "@pulumi/pulumi/automation";
import { KpopsError } from "../../core/errors";
import { MANAGED_PROJECT } from "./stack-name";

/** The content of a file-backend lock. */
export interface LockInfo {
  readonly file: string;
  readonly pid?: number;
  readonly hostname?: string;
  readonly username?: string;
  readonly timestamp?: string;
}

/** The lock files of `stack` in a local state folder. */
export function stackLocks(stateDir: string, stack: string): LockInfo[] {
  const dirs = [
    path.join(stateDir, ".pulumi", "locks", "organization", MANAGED_PROJECT, stack),
    path.join(stateDir, ".pulumi", "locks", stack),
  ];
  const locks: LockInfo[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir)) {
      if (!entry.endsWith(".json")) continue;
      const file = path.join(dir, entry);
      try {
        const raw = JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: number; hostname?: string; username?: string; timestamp?: string };
        locks.push({ file, pid: raw.pid, hostname: raw.hostname, username: raw.username, timestamp: raw.timestamp });
      } catch {
        locks.push({ file });
      }
    }
  }
  return locks;
}

/** Whether the process of a lock is alive: unknown hosts count as alive (nothing can be told about them). */
export function lockHolderAlive(lock: LockInfo, hostname = os.hostname()): boolean {
  if (lock.pid === undefined || lock.hostname === undefined) return false;
  if (lock.hostname !== hostname) return true;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Options of {@link recoverStaleLocks}. */
export interface LockRecoveryOptions {
  /** Reports what was done, one line each. */
  readonly report: (line: string) => void;
  /** How long to wait for a live holder on this host before giving up, in milliseconds. @default 180000 */
  readonly waitMs?: number;
}

/**
 * Removes the stale locks of `stack` (see the module comment); waits for a live local holder to end. A live holder
 * on another host, or one that outlasts the wait, is an error naming it.
 */
export async function recoverStaleLocks(stateDir: string, stack: string, options: LockRecoveryOptions): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? 180_000);
  let waited = false;
  for (;;) {
    const locks = stackLocks(stateDir, stack);
    const live = locks.filter((lock) => lockHolderAlive(lock));
    for (const lock of locks.filter((l) => !live.includes(l))) {
      fs.rmSync(lock.file, { force: true });
      options.report(`removed the stale lock of stack ${stack}: its process (pid ${lock.pid ?? "?"} on ${lock.hostname ?? "?"}, since ${lock.timestamp ?? "?"}) is gone`);
    }
    if (live.length === 0) return;
    const holder = live[0];
    if (holder.hostname !== os.hostname()) {
      throw new KpopsError(`stack ${stack} is locked by pid ${holder.pid} on ${holder.hostname} (since ${holder.timestamp}); lock file ${holder.file}`);
    }
    if (Date.now() > deadline) throw new KpopsError(`stack ${stack} is still locked by the running process ${holder.pid}; lock file ${holder.file}`);
    if (!waited) options.report(`stack ${stack} is locked by the running process ${holder.pid}; waiting for it to end`);
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A pending operation of a checkpoint. */
interface PendingOperation {
  readonly resource?: { urn?: string; type?: string };
  readonly type?: string;
}

/**
 * Clears the pending operations a killed run left in the state of `stack` (export, drop them, import), then
 * refreshes so the state matches the services. Reports what it found; does nothing when there is none.
 * `exported`: the stack's state if the caller has just exported it (saves an engine call). Returns whether the
 * state changed.
 */
export async function clearPendingOperations(stack: automation.Stack, report: (line: string) => void, exported?: automation.Deployment): Promise<boolean> {
  exported ??= await stack.exportStack();
  const deployment = exported.deployment as { pending_operations?: PendingOperation[] } | undefined;
  const pending = deployment?.pending_operations ?? [];
  if (pending.length === 0) return false;
  for (const op of pending) report(`a killed run left a pending ${op.type ?? "operation"} of ${op.resource?.urn ?? "a resource"}; clearing it`);
  await stack.importStack({ ...exported, deployment: { ...deployment, pending_operations: [] } });
  await stack.refresh({ clearPendingCreates: true });
  report(`refreshed stack ${stack.name}: the state now matches the services; what a pending create made is adopted by the next deploy`);
  return true;
}
