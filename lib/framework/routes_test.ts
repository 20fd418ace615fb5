import assert from "node:assert/strict";
import {
  compareSpecificity,
  isIgnored,
  layoutsFor,
  routePattern,
  specialFileOf,
} from "./routes.ts";
import { currentManifest, MANIFEST_FILE } from "@/scripts/manifest.ts";
import { renderManifest } from "./manifest.ts";

Deno.test("route files map to Fresh's URL patterns", () => {
  assert.equal(routePattern("./routes/index.tsx"), "/");
  assert.equal(routePattern("./routes/watch.tsx"), "/watch");
  assert.equal(routePattern("./routes/films/index.tsx"), "/films");
  assert.equal(routePattern("./routes/films/[slug].tsx"), "/films/:slug");
  assert.equal(
    routePattern("./routes/api/screenings/[id]/minutes/[seq].ts"),
    "/api/screenings/:id/minutes/:seq",
  );
  assert.equal(routePattern("./routes/docs/[...path].tsx"), "/docs/:path{.+}");
});

Deno.test("special files are recognised and other underscore files ignored", () => {
  assert.equal(specialFileOf("./routes/_layout.tsx"), "_layout");
  assert.equal(specialFileOf("./routes/films/_layout.tsx"), "_layout");
  assert.equal(specialFileOf("./routes/_404.tsx"), "_404");
  assert.equal(specialFileOf("./routes/_500.tsx"), "_500");
  assert.equal(specialFileOf("./routes/index.tsx"), undefined);
  assert.equal(isIgnored("./routes/_helpers.ts"), true);
  assert.equal(isIgnored("./routes/_components/Card.tsx"), true);
  assert.equal(isIgnored("./routes/README.md"), true);
  assert.equal(isIgnored("./routes/index.test.ts"), true);
  assert.equal(isIgnored("./routes/_layout.tsx"), false);
  assert.equal(isIgnored("./routes/films/[slug].tsx"), false);
});

Deno.test("static segments win over parameters, parameters over catch-alls", () => {
  const patterns = ["/docs/:path{.+}", "/films/:slug", "/films/new", "/", "/films"];
  const sorted = [...patterns].sort(compareSpecificity);
  assert.ok(sorted.indexOf("/films/new") < sorted.indexOf("/films/:slug"));
  assert.ok(sorted.indexOf("/films/:slug") < sorted.indexOf("/docs/:path{.+}"));
});

Deno.test("a route is wrapped by the layouts of its folder and above, outermost first", () => {
  const layouts = [
    "./routes/films/_layout.tsx",
    "./routes/_layout.tsx",
    "./routes/api/_layout.tsx",
  ];
  assert.deepEqual(layoutsFor("./routes/films/[slug].tsx", layouts), [
    "./routes/_layout.tsx",
    "./routes/films/_layout.tsx",
  ]);
  assert.deepEqual(layoutsFor("./routes/index.tsx", layouts), ["./routes/_layout.tsx"]);
});

Deno.test("the manifest lists every route and island, stably, and skips ignored files", () => {
  const source = renderManifest(
    ["./routes/b.tsx", "./routes/a.tsx", "./routes/_util.ts"],
    ["./islands/Z.tsx", "./islands/helpers.ts"],
  );
  assert.match(source, /"\.\/routes\/a\.tsx": \$route0,\n {4}"\.\/routes\/b\.tsx": \$route1/);
  assert.doesNotMatch(source, /_util/);
  assert.doesNotMatch(source, /helpers/);
  assert.match(source, /"\.\/islands\/Z\.tsx": \$island0/);
});

Deno.test("manifest.gen.ts is up to date with routes/ and islands/ (run `deno task build`)", async () => {
  const onDisk = await Deno.readTextFile(MANIFEST_FILE);
  assert.equal(onDisk, await currentManifest(), "manifest.gen.ts is stale: run `deno task build`");
});
