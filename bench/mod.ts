/**
 * `deno task bench <name> [--json]`: runs `bench/<name>.ts` and prints its table, or with
 * `--json` one JSON object. Benchmarks measure; they never assert.
 */
import { type BenchResult, formatTable } from "./_harness.ts";

const [name, ...rest] = Deno.args;
const json = rest.includes("--json");
const known = [...Deno.readDirSync(new URL(".", import.meta.url))]
  .map((entry) => entry.name.match(/^([a-z]\w*)\.ts$/)?.[1])
  .filter((bench): bench is string => !!bench && bench !== "mod")
  .sort();
if (!name || !known.includes(name)) {
  console.error(`usage: deno task bench <${known.join("|")}> [--json]`);
  Deno.exit(2);
}
const mod: { default: (args: string[]) => Promise<BenchResult> } = await import(`./${name}.ts`);
const result = await mod.default(rest.filter((a) => a !== "--json"));
if (json) {
  console.log(JSON.stringify(result.json));
} else {
  for (const table of result.tables) console.log(`\n${table.title}\n\n${formatTable(table.rows)}`);
  for (const note of result.notes ?? []) console.log(`\n${note}`);
}
