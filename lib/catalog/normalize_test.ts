import assert from "node:assert/strict";
import { nameKey, titleKey } from "./normalize.ts";

Deno.test("title keys ignore case, accents, punctuation, a leading article and file-name dots", () => {
  const cases: [string, string][] = [
    ["The Matrix", "matrix"],
    ["the.matrix", "matrix"],
    ["THE_MATRIX", "matrix"],
    ["Amélie", "amelie"],
    ["Schindler's List", "schindlers list"],
    ["Schindler’s List", "schindlers list"],
    ["Fast & Furious", "fast and furious"],
    ["Se7en", "se7en"],
    ["WALL·E", "wall e"],
    ["  Léon:  The Professional ", "leon the professional"],
    ["A Quiet Place", "quiet place"],
    ["An American Werewolf in London", "american werewolf in london"],
    ["The", "the"],
    ["A", "a"],
    ["Æon Flux", "aeon flux"],
    ["夏の終わり", "夏の終わり"],
    ["Ça", "ca"],
    ["!!!", ""],
  ];
  for (const [title, key] of cases) assert.equal(titleKey(title), key, title);
  // Articles are dropped only at the start.
  assert.equal(titleKey("Into the Wild"), "into the wild");
});

Deno.test("name keys ignore case and accents but keep every word", () => {
  assert.equal(nameKey("Zoë Saldaña"), "zoe saldana");
  assert.equal(nameKey("  PENÉLOPE   CRUZ "), "penelope cruz");
  assert.equal(nameKey("The Rock"), "the rock");
  assert.equal(nameKey("Lupita Nyong'o"), "lupita nyongo");
  assert.equal(nameKey("Sławomir Idziak"), "slawomir idziak");
});
