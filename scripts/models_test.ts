/**
 * scripts/models.ts against a local registry: tarballs checked by sha512 integrity, files
 * by sha256, and both cached so that a second run fetches nothing.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { ensureFiles } from "./models.ts";

let work = "";

async function makeTarball(): Promise<{ bytes: Uint8Array; sha256: string }> {
  await Deno.mkdir(`${work}/src/package/models`, { recursive: true });
  const content = new TextEncoder().encode('{"model": true}');
  await Deno.writeFile(`${work}/src/package/models/m.json`, content);
  await Deno.writeTextFile(`${work}/src/package/other.txt`, "not wanted");
  const tar = await new Deno.Command("tar", {
    args: ["-czf", `${work}/pkg.tgz`, "-C", `${work}/src`, "package"],
  }).output();
  assert.ok(tar.success);
  return {
    bytes: await Deno.readFile(`${work}/pkg.tgz`),
    sha256: createHash("sha256").update(content).digest("hex"),
  };
}

Deno.test("ensureFiles verifies, extracts only what it needs, caches, and refuses tampering", async () => {
  work = await Deno.makeTempDir({ prefix: "reelfeel-models-test-" });
  // cacheDir() reads this on each call; restored below.
  const previous = Deno.env.get("REELFEEL_CACHE");
  Deno.env.set("REELFEEL_CACHE", `${work}/cache`);
  const { bytes, sha256 } = await makeTarball();
  let requests = 0;
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, () => {
    requests++;
    return new Response(bytes as BlobPart);
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}/pkg.tgz`;
    const integrity = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
    const tarball = { name: "@test/pkg", version: "1.0.0", url, integrity };
    const file = { tarball, path: "package/models/m.json", dest: "sub/m.json", sha256 };
    const dest = `${work}/out`;

    assert.equal(await ensureFiles([file], dest, () => {}), 1);
    assert.equal(await Deno.readTextFile(`${dest}/sub/m.json`), '{"model": true}');
    assert.equal(requests, 1);
    await assert.rejects(Deno.stat(`${dest}/other.txt`), Deno.errors.NotFound);

    // Already in place: nothing written, nothing fetched.
    assert.equal(await ensureFiles([file], dest, () => {}), 0);
    // A fresh destination (a new clone) is filled from the cache, without a fetch.
    assert.equal(await ensureFiles([file], `${work}/clone`, () => {}), 1);
    assert.equal(requests, 1);
    // A tampered file in place is replaced.
    await Deno.writeTextFile(`${dest}/sub/m.json`, "tampered");
    assert.equal(await ensureFiles([file], dest, () => {}), 1);
    assert.equal(await Deno.readTextFile(`${dest}/sub/m.json`), '{"model": true}');
    // A tampered copy in the verified-file cache is not used: the cached tarball is unpacked.
    await Deno.writeTextFile(`${work}/cache/files/${sha256}`, "tampered");
    assert.equal(await ensureFiles([file], `${work}/clone2`, () => {}), 1);
    assert.equal(await Deno.readTextFile(`${work}/clone2/sub/m.json`), '{"model": true}');
    assert.equal(requests, 1);
    // A tampered tarball in the cache is fetched again, and checked.
    await Deno.writeTextFile(`${work}/cache/npm/@test+pkg-1.0.0.tgz`, "tampered");
    await Deno.remove(`${work}/cache/files/${sha256}`);
    assert.equal(await ensureFiles([file], `${work}/clone3`, () => {}), 1);
    assert.equal(await Deno.readTextFile(`${work}/clone3/sub/m.json`), '{"model": true}');
    assert.equal(requests, 2);

    // A file whose pinned hash differs is refused, and nothing is written.
    const wrong = { ...file, dest: "wrong.json", sha256: "0".repeat(64) };
    await assert.rejects(
      ensureFiles([wrong], dest, () => {}),
      /has sha256 [0-9a-f]{64}, expected 0{64}/,
    );
    await assert.rejects(Deno.stat(`${dest}/wrong.json`), Deno.errors.NotFound);

    // A tarball that does not match its integrity is refused and not cached.
    const other = {
      ...file,
      dest: "x.json",
      sha256: "1".repeat(64),
      tarball: { ...tarball, version: "2.0.0", integrity: "sha512-AAAA" },
    };
    await assert.rejects(
      ensureFiles([other], dest, () => {}),
      /does not match its pinned integrity/,
    );
    const cached = [...Deno.readDirSync(`${work}/cache/npm`)].map((e) => e.name);
    assert.deepEqual(cached, ["@test+pkg-1.0.0.tgz"]);
  } finally {
    await server.shutdown();
    if (previous === undefined) Deno.env.delete("REELFEEL_CACHE");
    else Deno.env.set("REELFEEL_CACHE", previous);
    await Deno.remove(work, { recursive: true });
  }
});
