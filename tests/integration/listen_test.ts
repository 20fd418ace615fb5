/**
 * Where the server listens: on 127.0.0.1 unless `HOST` says otherwise, so that a personal
 * installation is not open to the local network. The real `main.ts`, in its own process.
 */
import assert from "node:assert/strict";
import { listenAddress } from "@/main.ts";

const ROOT = new URL("../../", import.meta.url);

const env = (vars: Record<string, string>) => ({ get: (name: string) => vars[name] });

Deno.test("the server listens on 127.0.0.1:8000 unless HOST and PORT say otherwise", () => {
  assert.deepEqual(listenAddress(env({})), { hostname: "127.0.0.1", port: 8000 });
  assert.deepEqual(listenAddress(env({ HOST: "", PORT: "" })), {
    hostname: "127.0.0.1",
    port: 8000,
  });
  assert.deepEqual(listenAddress(env({ HOST: "0.0.0.0", PORT: "9000" })), {
    hostname: "0.0.0.0",
    port: 9000,
  });
  assert.throws(() => listenAddress(env({ PORT: "http" })), /PORT must be a port number/);
});

/** Starts main.ts on a free port with `vars`; resolves with its address once it is ready. */
async function startMain(vars: Record<string, string>) {
  const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-listen-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: { PORT: "0", DATA_DIR: dataDir, MONGODB_URI: "", ...vars },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  let ready: RegExpMatchArray | null = null;
  while (!ready) {
    const { done, value } = await lines.read();
    if (done) throw new Error(`main.ts ended before it was ready:\n${output}`);
    output += value;
    ready = output.match(/Reelfeel is ready: http:\/\/(\S+):(\d+)\//);
  }
  lines.releaseLock();
  const stop = async () => {
    child.kill("SIGTERM");
    await child.stdout.cancel().catch(() => {});
    await child.status;
    await Deno.remove(dataDir, { recursive: true });
  };
  return { host: ready[1], port: Number(ready[2]), stop };
}

/** Whether a TCP connection to hostname:port is accepted. */
async function accepts(hostname: string, port: number): Promise<boolean> {
  try {
    (await Deno.connect({ hostname, port })).close();
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.ConnectionRefused) return false;
    throw error;
  }
}

/** This machine's first non-loopback IPv4 address, as another device on the network sees it. */
const lanAddress = Deno.networkInterfaces()
  .find((i) => i.family === "IPv4" && !i.address.startsWith("127."))?.address;

Deno.test({
  name: "by default the real server answers on loopback and refuses the local network",
  ignore: lanAddress === undefined,
  async fn() {
    const server = await startMain({});
    try {
      assert.equal(server.host, "127.0.0.1");
      assert.ok(await accepts("127.0.0.1", server.port));
      assert.equal(await accepts(lanAddress!, server.port), false, `open on ${lanAddress}`);
    } finally {
      await server.stop();
    }
    const shared = await startMain({ HOST: "0.0.0.0" });
    try {
      assert.ok(await accepts(lanAddress!, shared.port), "HOST=0.0.0.0 opens it");
    } finally {
      await shared.stop();
    }
  },
});
