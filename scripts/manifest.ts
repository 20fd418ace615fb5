/** Writes `manifest.gen.ts` from the files in `routes/` and `islands/`. */
import { renderManifest } from "@/lib/framework/manifest.ts";

const ROOT = new URL("../", import.meta.url);

async function walk(dir: URL, prefix: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) {
      files.push(...await walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`));
    } else if (entry.isFile) {
      files.push(`${prefix}${entry.name}`);
    }
  }
  return files;
}

/** The manifest's source as the files on disk would generate it now. */
export async function currentManifest(): Promise<string> {
  const routes = await walk(new URL("routes/", ROOT), "./routes/");
  const islands = await walk(new URL("islands/", ROOT), "./islands/");
  return renderManifest(routes, islands);
}

export const MANIFEST_FILE = new URL("manifest.gen.ts", ROOT);

/** Writes the manifest if it changed; returns whether it did. */
export async function writeManifest(): Promise<boolean> {
  const source = await currentManifest();
  const existing = await Deno.readTextFile(MANIFEST_FILE).catch(() => "");
  if (existing === source) return false;
  await Deno.writeTextFile(MANIFEST_FILE, source);
  return true;
}

if (import.meta.main) {
  console.log(await writeManifest() ? "manifest.gen.ts updated" : "manifest.gen.ts up to date");
}
