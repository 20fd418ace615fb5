/**
 * `deno task dev`: regenerates the manifest and rebuilds the bundle when sources change,
 * and restarts the server on each rebuild.
 */
import { bundle } from "./bundle.ts";
import { writeManifest } from "./manifest.ts";

let server: Deno.ChildProcess | undefined;

async function rebuild(): Promise<void> {
  try {
    await writeManifest();
    await bundle({ dev: true });
  } catch (error) {
    console.error("build failed:", error instanceof Error ? error.message : error);
    return;
  }
  if (server) {
    server.kill("SIGTERM");
    await server.status;
  }
  server = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-write", "main.ts"],
  }).spawn();
}

await rebuild();
let timer: ReturnType<typeof setTimeout> | undefined;
const watcher = Deno.watchFs([
  "routes",
  "islands",
  "components",
  "lib",
  "static/styles.css",
  // The stylesheet imports these, so a change to any of them rebuilds it too.
  "static/css",
  "main.ts",
]);
for await (const event of watcher) {
  if (event.paths.every((p) => p.includes("/static/_build/"))) continue;
  clearTimeout(timer);
  timer = setTimeout(() => rebuild(), 150);
}
