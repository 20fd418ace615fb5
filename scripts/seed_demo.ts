/**
 * Fills a data directory with demo films and viewings, recorded through the store's real write
 * path (see lib/demo/seed.ts), for screenshots, trying the dashboards and benchmarks:
 *
 *   deno run -A scripts/seed_demo.ts [--data-dir DIR]        a small library (60 viewings of a
 *                                                             comedy, a horror film, a drama…)
 *   deno run -A scripts/seed_demo.ts --bench --data-dir DIR  1,000 viewings of a 2-hour film and
 *                                                             one 3-hour viewing
 *
 * Without `--data-dir` it uses the configured store (`DATA_DIR`, or MongoDB with `MONGODB_URI`).
 * Deterministic: the same command makes the same films, seconds and ratings (ids are random).
 */
import {
  DEMO_END,
  DEMO_FILMS,
  demoScript,
  demoVerdict,
  demoViewings,
  seedOf,
} from "@/lib/demo/library.ts";
import { filmScript, scriptedViewing } from "@/lib/demo/script.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import type { FilmInput } from "@/lib/film.ts";
import { openStore, SQLITE_FILE, storeConfigFromEnv } from "@/lib/store/open.ts";
import { openSqliteStore } from "@/lib/store/sqlite.ts";
import type { Store } from "@/lib/store/port.ts";
import { seededRandom } from "@/lib/random.ts";

/** The films of the bench profile: what `bench/dashboards.ts` requests. */
export const BENCH_FILM: FilmInput = { title: "The Long Night", year: 2024, durationSec: 7200 };
export const BENCH_LONG_FILM: FilmInput = {
  title: "Winter Crossing",
  year: 2018,
  durationSec: 10800,
};
export const BENCH_VIEWINGS = 1000;

const DAY = 24 * 60 * 60 * 1000;

/** Records `viewings` full viewings of a bench film (the default script's scenes). */
async function seedBenchFilm(
  store: Store,
  film: FilmInput,
  viewings: number,
  log?: (done: number) => void,
): Promise<string[]> {
  const script = filmScript(seedOf(film.title), film.durationSec);
  const random = seededRandom(seedOf(film.title) ^ 0x9e3779b9);
  const ids: string[] = [];
  for (let v = 0; v < viewings; v++) {
    const seconds = scriptedViewing(script, { seed: seedOf(film.title) + v * 101 });
    const startedAt = new Date(DEMO_END - Math.floor(random() * 40 * DAY));
    ids.push((await seedViewing(store, film, seconds, { startedAt })).id);
    log?.(v + 1);
  }
  return ids;
}

/** A demo viewing's verdict, as the store keeps it. */
export interface DemoVerdict {
  id: string;
  verdict: number;
}

/**
 * Records the demo library (`lib/demo/library.ts`) and one viewing still being recorded, stores
 * the verdicts the demo viewer gives (`demoVerdict`; skipped questions left out) and returns them.
 */
export async function seedDemoLibrary(store: Store): Promise<DemoVerdict[]> {
  const verdicts: DemoVerdict[] = [];
  for (const demo of DEMO_FILMS) {
    const ratings: number[] = [];
    for (const { film, seed, seconds, startedAt } of demoViewings(demo)) {
      const { id, screening } = await seedViewing(store, film, seconds, { startedAt });
      if (!screening.summary) continue;
      ratings.push(screening.summary.rating);
      const verdict = demoVerdict(screening.summary, seed);
      if (verdict === null) continue;
      await store.setVerdict(id, verdict);
      verdicts.push({ id, verdict });
    }
    console.error(
      `seeded ${demo.viewings} viewing(s) of ${demo.film.title} (${demo.genre}), rated ` +
        `${Math.min(...ratings)}–${Math.max(...ratings)}`,
    );
  }
  // One viewing still being recorded (the server finishes it after 30 idle minutes).
  const [first] = DEMO_FILMS;
  const seconds = scriptedViewing(demoScript(first), { seed: 4242, seconds: 600, hold: true });
  await seedViewing(store, first.film, seconds, {
    startedAt: new Date(),
    finish: false,
  });
  return verdicts;
}

async function main() {
  const args = Deno.args;
  const dirAt = args.indexOf("--data-dir");
  const dataDir = dirAt >= 0 ? args[dirAt + 1] : undefined;
  if (dirAt >= 0 && (!dataDir || dataDir.startsWith("--"))) {
    console.error("--data-dir needs a directory");
    Deno.exit(2);
  }
  const bench = args.includes("--bench");
  let store: Store;
  if (dataDir) {
    await Deno.mkdir(dataDir, { recursive: true });
    store = openSqliteStore({ path: `${dataDir}/${SQLITE_FILE}` });
  } else {
    store = await openStore(storeConfigFromEnv(Deno.env));
  }
  const started = performance.now();
  try {
    if (bench) {
      const [long] = await seedBenchFilm(store, BENCH_LONG_FILM, 1);
      const ids = await seedBenchFilm(store, BENCH_FILM, BENCH_VIEWINGS, (done) => {
        if (done % 100 === 0) console.error(`seeded ${done}/${BENCH_VIEWINGS} viewings`);
      });
      console.log(JSON.stringify({ longViewing: long, filmViewing: ids[0] }));
    } else {
      const verdicts = await seedDemoLibrary(store);
      console.error(`${verdicts.length} demo verdicts stored`);
    }
  } finally {
    await store.close();
  }
  console.error(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.main) await main();
