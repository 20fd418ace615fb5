/**
 * `deno task mongo:test-server`: a local MongoDB-wire-protocol server for tests, CI and
 * benchmarks: FerretDB on its embedded SQLite backend, so no other service is needed.
 *
 *   deno task mongo:test-server              starts it, prints MONGODB_URI, runs until Ctrl-C
 *   deno task mongo:test-server CMD ARGS…    runs CMD with MONGODB_URI set, then stops the
 *                                            server; exits with CMD's status
 *
 * FerretDB is built from its Go module the first time (Go ≥ 1.21 on PATH, or Go fetched from
 * the Go module proxy as the `golang.org/toolchain` module) and cached outside the repository
 * in `~/.cache/reelfeel-go/bin` (`REELFEEL_GO_CACHE` to move it; `FERRETDB_BIN` to use another
 * binary). Each server gets a free loopback port and a fresh data folder, removed when it stops.
 */
import { MongoClient } from "mongodb";

export const FERRETDB_MODULE = "github.com/FerretDB/FerretDB";
export const FERRETDB_VERSION = "v1.24.2";
/** The Go used when none is installed: what FerretDB's go.mod names as its toolchain. */
const GO_TOOLCHAIN = "go1.24.3";
/** A cold start on a busy 2-core machine: FerretDB opens its SQLite folder and listens. */
const START_TIMEOUT_MS = 60_000;

function cacheDir(): string {
  const explicit = Deno.env.get("REELFEEL_GO_CACHE");
  if (explicit) return explicit;
  const base = Deno.env.get("XDG_CACHE_HOME") || `${Deno.env.get("HOME") ?? "/tmp"}/.cache`;
  return `${base}/reelfeel-go`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Runs a command; its messages go to stderr (stdout stays for the URI); throws on failure. */
async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; stdout?: "piped" } = {},
): Promise<string> {
  const output = await new Deno.Command(cmd, {
    args,
    cwd: options.cwd,
    env: options.env,
    stdout: options.stdout ?? "null",
    stderr: "inherit",
  }).output().catch((error) => {
    throw new Error(`cannot run ${cmd}: ${error instanceof Error ? error.message : error}`);
  });
  if (!output.success) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${output.code})`);
  return options.stdout ? new TextDecoder().decode(output.stdout) : "";
}

/** A Go that can build FerretDB: installed, or downloaded once from the Go module proxy. */
async function goCommand(): Promise<string> {
  for (const candidate of [Deno.env.get("GO"), "go", "/usr/local/go/bin/go"]) {
    if (!candidate) continue;
    try {
      const { success } = await new Deno.Command(candidate, { args: ["version"], stdout: "null" })
        .output();
      if (success) return candidate;
    } catch {
      // not there; try the next
    }
  }
  const arch = { x86_64: "amd64", aarch64: "arm64" }[Deno.build.arch];
  const root = `${cacheDir()}/toolchain`;
  const module = `golang.org/toolchain@v0.0.1-${GO_TOOLCHAIN}.${Deno.build.os}-${arch}`;
  const go = `${root}/${module}/bin/go`;
  if (await exists(go)) return go;
  const proxy = (Deno.env.get("GOPROXY") ?? "https://proxy.golang.org").split(/[,|]/)[0];
  const url =
    `${proxy}/golang.org/toolchain/@v/v0.0.1-${GO_TOOLCHAIN}.${Deno.build.os}-${arch}.zip`;
  console.error(`no Go found: fetching ${url}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  await Deno.mkdir(root, { recursive: true });
  const zip = await Deno.makeTempFile({ dir: root, suffix: ".zip" });
  await Deno.writeFile(zip, res.body!);
  try {
    await run("unzip", ["-q", "-o", zip, "-d", root]);
  } finally {
    await Deno.remove(zip);
  }
  return go;
}

/** The FerretDB binary, built and cached on first use. */
export async function ferretdbBinary(): Promise<string> {
  const explicit = Deno.env.get("FERRETDB_BIN");
  if (explicit) return explicit;
  const bin = `${cacheDir()}/bin/ferretdb`;
  if (await exists(bin)) {
    const version = await run(bin, ["--version"], { stdout: "piped" }).catch(() => "");
    if (version.includes(FERRETDB_VERSION)) return bin;
  }
  await buildFerretdb(bin);
  return bin;
}

async function buildFerretdb(bin: string): Promise<void> {
  const started = performance.now();
  console.error(`building FerretDB ${FERRETDB_VERSION} into ${bin} (a few minutes the first time)`);
  const go = await goCommand();
  // An older Go (≥ 1.21) fetches the toolchain FerretDB's go.mod asks for.
  const env = { GOTOOLCHAIN: "auto", GOFLAGS: "-mod=mod" };
  const info = JSON.parse(
    await run(go, ["mod", "download", "-json", `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
      env,
      stdout: "piped",
    }),
  );
  if (!info.Dir) throw new Error(`go mod download gave no source folder: ${info.Error ?? ""}`);
  // The module cache is read-only, and the module's zip lacks the version file the binary
  // reads at start (it panics without it): build a writable copy with the file written.
  const src = await Deno.makeTempDir({ prefix: "reelfeel-ferretdb-src-" });
  try {
    await run("cp", ["-R", `${info.Dir}/.`, src]);
    await run("chmod", ["-R", "u+w", src]);
    await Deno.writeTextFile(`${src}/build/version/version.txt`, FERRETDB_VERSION);
    await Deno.mkdir(`${cacheDir()}/bin`, { recursive: true });
    // Built beside the target and renamed: a parallel run never sees half a binary.
    const partial = `${bin}.${crypto.randomUUID()}.partial`;
    await run(go, ["build", "-trimpath", "-o", partial, "./cmd/ferretdb"], { cwd: src, env });
    await Deno.rename(partial, bin);
  } finally {
    await Deno.remove(src, { recursive: true });
  }
  console.error(`built FerretDB in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A running test server: its URI, and how to stop it (which removes its data). */
export interface MongoTestServer {
  uri: string;
  stop(): Promise<void>;
}

/** Whether the server answers `ping` within the driver's short selection timeout. */
async function pings(uri: string): Promise<boolean> {
  const client = new MongoClient(`${uri}&serverSelectionTimeoutMS=500&connectTimeoutMS=500`);
  try {
    await client.db("admin").command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

async function tail(path: string): Promise<string> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.split("\n").slice(-20).join("\n");
}

/** Starts FerretDB on a free loopback port and a fresh data folder; resolves once it pings. */
export async function startMongoTestServer(): Promise<MongoTestServer> {
  const bin = await ferretdbBinary();
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-ferretdb-" });
  // A port picked free can be taken before FerretDB binds it: then try another.
  for (let attempt = 1;; attempt++) {
    const port = freePort();
    const log = `${dir}/ferretdb.log`;
    const child = new Deno.Command(bin, {
      args: [
        "--handler=sqlite",
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${port}`,
        // The debug HTTP listener defaults to a fixed port, which parallel servers would share.
        "--debug-addr=-",
        "--telemetry=disable",
        "--log-level=warn",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    // FerretDB logs to stderr: kept in the data folder, shown if it fails to start.
    const stderrDone = child.stderr.pipeTo(
      (await Deno.open(log, { write: true, create: true, truncate: true })).writable,
    ).catch(() => {});
    // One connection a client: FerretDB 1.24 on SQLite does not apply concurrent updates of one
    // document atomically (40 concurrent `$inc` of one field added 6), which MongoDB guarantees
    // and the app relies on; a client's operations on one connection reach it one at a time.
    const uri = `mongodb://127.0.0.1:${port}/reelfeel?maxPoolSize=1`;
    let exited = false;
    const status = child.status.then((s) => {
      exited = true;
      return s;
    });
    const deadline = performance.now() + START_TIMEOUT_MS;
    while (!exited && performance.now() < deadline && !(await pings(uri))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stop = async () => {
      if (!exited) child.kill("SIGTERM");
      await status;
      await stderrDone;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    };
    if (!exited && performance.now() < deadline) return { uri, stop };
    const why = exited ? "exited" : `did not answer ping within ${START_TIMEOUT_MS / 1000} s`;
    const logText = await tail(log);
    if (!exited) child.kill("SIGKILL");
    await status;
    await stderrDone;
    if (attempt >= 3 || !exited) {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      throw new Error(`FerretDB on port ${port} ${why}:\n${logText}`);
    }
  }
}

if (import.meta.main) {
  const server = await startMongoTestServer();
  const command = Deno.args;
  if (command.length === 0) {
    console.log(server.uri);
    console.error("MongoDB test server (FerretDB) running; Ctrl-C stops it and removes its data.");
    const stopped = Promise.withResolvers<void>();
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => stopped.resolve());
    }
    await stopped.promise;
    await server.stop();
    Deno.exit(0);
  }
  let code = 1;
  try {
    const child = new Deno.Command(command[0], {
      args: command.slice(1),
      env: { MONGODB_URI: server.uri },
    }).spawn();
    // Ctrl-C reaches the child too (same process group); wait for it, then clean up.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => child.kill(signal));
    }
    code = (await child.status).code;
  } finally {
    await server.stop();
  }
  Deno.exit(code);
}
