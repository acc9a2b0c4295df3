import { readdirSync, readFileSync } from "node:fs";
import type { Sql } from "@coinstream/db";

/*
 * Where the CPU went during a measurement, from /proc (Linux): the API processes, PostgreSQL
 * (the postmaster and its backends) and the load generators. On a 2-core machine this says
 * which side was the limit. Elsewhere (no /proc) every figure is 0.
 */

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; NaN when it cannot be read. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may contain spaces: utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return -1;
  }
}

/** `pid` and its direct children (a postmaster and its backends). */
export function withChildren(pid: number): number[] {
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [pid];
  }
  const children = entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((child) => parentOf(child) === pid);
  return [pid, ...children];
}

/** The PostgreSQL server's postmaster, when it runs on this machine (the parent of our backend). */
export async function postmasterPid(sql: Sql): Promise<number | null> {
  const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const parent = row ? parentOf(row.pid) : -1;
  return parent > 1 ? parent : null;
}

/**
 * Named groups of processes; `stop` reports each group's average cores used since `start`.
 * Processes are listed again at the end: one born in between counts from its birth, one that
 * exited in between is lost (pooled connections and servers live through a measurement).
 */
export class CpuMeter {
  private started = new Map<number, number>();
  private startedAt = 0;

  constructor(private readonly groups: Readonly<Record<string, () => readonly number[]>>) {}

  start(): void {
    this.started = new Map();
    for (const pids of Object.values(this.groups)) {
      for (const pid of pids()) this.started.set(pid, cpuSecondsOf(pid));
    }
    this.startedAt = performance.now();
  }

  /** Cores used per group since `start` (1.0 = one core busy the whole time). */
  stop(): Record<string, number> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cores: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      let used = 0;
      for (const pid of pids()) {
        const now = cpuSecondsOf(pid);
        if (!Number.isNaN(now)) used += now - (this.started.get(pid) ?? 0);
      }
      cores[name] = used / seconds;
    }
    return cores;
  }
}

/** "api 0.95, postgres 0.60, generator 0.20 cores". */
export function describeCores(cores: Readonly<Record<string, number>>): string {
  return `${Object.entries(cores)
    .map(([name, used]) => `${name} ${used.toFixed(2)}`)
    .join(", ")} cores`;
}
