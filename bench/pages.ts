/**
 * `deno task bench pages [--json] [--data-dir DIR]`: Lighthouse 12 (`lighthouse@12.2.3`, run by
 * Node 20 through npx, driving Debian's Chromium with the flags of tests/helpers/browser.ts),
 * mobile, performance only, on the library, a film and a viewing of the demo data
 * (`scripts/seed_demo.ts`): per page `performance` (0–100), `tbtMs`, `lcpMs` and
 * `jsGzipBytes`, the JavaScript fetched before any interaction (bytes on the wire, gzip).
 * Lighthouse simulates a slow phone from a trace of this machine: run it on a quiet machine.
 */
import { type BenchResult, round, type Row, startServer } from "./_harness.ts";
import { chromiumPath, FLAGS } from "@/tests/helpers/browser.ts";

const LIGHTHOUSE = "lighthouse@12.2.3";

interface LighthouseReport {
  categories: { performance: { score: number | null } };
  audits: Record<string, {
    numericValue?: number;
    details?: { items?: { resourceType?: string; transferSize?: number }[] };
  }>;
}

async function lighthouse(url: string): Promise<LighthouseReport> {
  const profile = await Deno.makeTempDir({ prefix: "reelfeel-lighthouse-" });
  try {
    const output = await new Deno.Command("npx", {
      args: [
        "-y",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=performance",
        `--chrome-flags=--headless=new ${FLAGS.join(" ")} --user-data-dir=${profile}`,
      ],
      env: { CHROME_PATH: chromiumPath ?? "/usr/bin/chromium" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) {
      throw new Error(`lighthouse failed on ${url}: ${new TextDecoder().decode(output.stderr)}`);
    }
    return JSON.parse(new TextDecoder().decode(output.stdout));
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

async function seedDemo(dataDir: string): Promise<void> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "scripts/seed_demo.ts", "--data-dir", dataDir],
    stdout: "null",
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error("seeding the demo data failed (see above)");
}

export default async function pages(args: string[]): Promise<BenchResult> {
  const dirAt = args.indexOf("--data-dir");
  const dataDir = dirAt >= 0
    ? args[dirAt + 1]
    : await Deno.makeTempDir({ prefix: "reelfeel-bench-pages-" });
  if (dirAt < 0) await seedDemo(dataDir);
  const server = await startServer({ DATA_DIR: dataDir, MONGODB_URI: "" });
  try {
    const home = await (await fetch(server.url + "/")).text();
    const film = home.match(/href="(\/films\/[^"]+)"/)?.[1];
    const filmHtml = film ? await (await fetch(server.url + film)).text() : "";
    // A finished viewing: one with a rating in the film's list.
    const viewing = filmHtml.match(/<tr data-screening="([^"]+)">(?:(?!<\/tr>)[\s\S])*?\d+\.\d/)
      ?.[1];
    if (!film || !viewing) throw new Error("the demo data has no film or finished viewing");
    const paths = { "/": "/", "/films/:slug": film, "/screenings/:id": `/screenings/${viewing}` };
    const results: Record<string, Record<string, number>> = {};
    for (const [name, path] of Object.entries(paths)) {
      const report = await lighthouse(server.url + path);
      const requests = report.audits["network-requests"]?.details?.items ?? [];
      results[name] = {
        performance: Math.round((report.categories.performance.score ?? 0) * 100),
        tbtMs: round(report.audits["total-blocking-time"]?.numericValue ?? NaN, 0),
        lcpMs: round(report.audits["largest-contentful-paint"]?.numericValue ?? NaN, 0),
        jsGzipBytes: requests.filter((r) => r.resourceType === "Script")
          .reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
      };
    }
    const rows: Row[] = Object.entries(results).map(([page, r]) => ({ page, ...r }));
    return {
      tables: [{ title: `Lighthouse ${LIGHTHOUSE}, mobile, on the demo data`, rows }],
      json: results,
      notes: [`load average: ${Deno.loadavg().map((l) => l.toFixed(2)).join(", ")}`],
    };
  } finally {
    await server.stop();
    if (dirAt < 0) await Deno.remove(dataDir, { recursive: true });
  }
}
