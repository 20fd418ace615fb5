/**
 * The exports' shell text run by a real POSIX shell: quoting reads back exactly, and the ffmpeg
 * script calls ffmpeg (a stand-in that logs its arguments) with exactly the segments' cuts,
 * whatever the film file is called.
 */
import assert from "node:assert/strict";
import { ffmpegScript, type Segment, shellQuote } from "@/lib/moments/mod.ts";

const SEGMENTS: Segment[] = [
  { start: 39, end: 58, expression: "happy", confidence: 0.82 },
  { start: 95, end: 103, expression: "surprise", confidence: 0.613 },
  { start: 3595.5, end: 3720.25, expression: "sad", confidence: 0.5 },
];

/** Runs `sh -c script` and returns its stdout. */
async function sh(script: string, cwd?: string, env?: Record<string, string>): Promise<string> {
  const out = await new Deno.Command("sh", {
    args: ["-c", script],
    cwd,
    env,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

Deno.test("shellQuote: sh reads back exactly the text, whatever it holds", async () => {
  const texts = [
    "plain",
    "with spaces",
    "it's",
    "''",
    'double "quotes"',
    "$HOME `id` $(id) \\ ! * ? [a] ~ # ;&|<>",
    "new\nline",
    "-starts-with-dash",
    "",
  ];
  for (const text of texts) {
    assert.equal(await sh(`printf '%s' ${shellQuote(text)}`), text);
  }
});

Deno.test("ffmpeg script: one exact cut per segment, then a join; names with quotes stay intact", async () => {
  const fileName = "Reel 'feel' \"test\" $HOME.mp4";
  const script = ffmpegScript({
    fileName,
    title: "A title\nrm -rf ~ # injected",
    sourceLabel: "this viewing",
    expressions: ["happy", "surprise", "sad"],
    segments: SEGMENTS,
  });
  // Nothing from the title escapes its comment line.
  assert.ok(script.split("\n").every((line) => !line.startsWith("rm ")));
  assert.match(script, /^#!\/bin\/sh\n/);

  // Run it with a stand-in ffmpeg that logs its arguments, one per line, each call ending "--".
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-moments-" });
  try {
    await Deno.writeTextFile(`${dir}/${fileName}`, "not really a film");
    await Deno.mkdir(`${dir}/bin`);
    await Deno.writeTextFile(
      `${dir}/bin/ffmpeg`,
      [
        "#!/bin/sh",
        'prev=""',
        'for a in "$@"; do',
        `  printf '%s\\n' "$a" >> "${dir}/calls.log"`,
        '  [ "$prev" = -i ] && input="$a"',
        '  prev="$a"',
        "done",
        `echo -- >> "${dir}/calls.log"`,
        // The join reads the list the script wrote: keep a copy to check it.
        `case "$*" in *concat*) cp "$input" "${dir}/list.txt";; esac`,
      ].join("\n") + "\n",
    );
    await Deno.chmod(`${dir}/bin/ffmpeg`, 0o755);
    await Deno.writeTextFile(`${dir}/cut.sh`, script);
    const stdout = await sh("sh ./cut.sh", dir, { PATH: `${dir}/bin:${Deno.env.get("PATH")}` });
    assert.match(stdout, /Wrote \.\/Reel 'feel' "test" \$HOME_highlights\.mp4/);

    const calls = (await Deno.readTextFile(`${dir}/calls.log`)).split("--\n").filter(Boolean)
      .map((c) => c.replace(/\n$/, "").split("\n"));
    assert.equal(calls.length, SEGMENTS.length + 1);
    SEGMENTS.forEach((segment, i) => {
      const args = calls[i];
      const at = (flag: string) => args[args.indexOf(flag) + 1];
      assert.equal(Number(at("-ss")), segment.start);
      assert.equal(Number(at("-t")), Math.round((segment.end - segment.start) * 1000) / 1000);
      assert.equal(at("-i"), `./${fileName}`);
      assert.ok(args.indexOf("-ss") < args.indexOf("-i"), "input seeking");
      assert.equal(at("-c:v"), "libx264", "re-encoded for exact cuts");
      assert.match(args[args.length - 1], new RegExp(`/part-00${i + 1}\\.mp4$`));
    });
    const join = calls[SEGMENTS.length];
    assert.equal(join[join.length - 1], `./Reel 'feel' "test" $HOME_highlights.mp4`);
    assert.equal(join[join.indexOf("-c") + 1], "copy");
    assert.equal(
      await Deno.readTextFile(`${dir}/list.txt`),
      "file 'part-001.mp4'\nfile 'part-002.mp4'\nfile 'part-003.mp4'\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ffmpeg script: a missing film or no segment stops with a message", async () => {
  const script = ffmpegScript({
    fileName: "missing.mp4",
    title: "T",
    sourceLabel: "the audience",
    expressions: ["happy"],
    segments: SEGMENTS,
  });
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-moments-" });
  try {
    await Deno.writeTextFile(`${dir}/cut.sh`, script);
    const out = await new Deno.Command("sh", { args: ["./cut.sh"], cwd: dir, stderr: "piped" })
      .output();
    assert.equal(out.code, 1);
    assert.match(new TextDecoder().decode(out.stderr), /Cannot find \.\/missing\.mp4/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.match(
    ffmpegScript({
      fileName: "f.mp4",
      title: "T",
      sourceLabel: "x",
      expressions: [],
      segments: [],
    }),
    /nothing to cut/,
  );
});
