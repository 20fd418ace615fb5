import assert from "node:assert/strict";
import type { DownloadProgressEvent } from "./downloader.ts";
import type { ImportProgressEvent } from "./importer.ts";
import {
  downloadFigures,
  formatDownloadProgress,
  formatProgress,
  progressFigures,
} from "./progress.ts";

const event = (over: Partial<ImportProgressEvent> = {}): ImportProgressEvent => ({
  file: "title.principals",
  index: 3,
  count: 5,
  bytesRead: 250_000_000,
  size: 1_000_000_000,
  lines: 12_000_000,
  resumedAt: 2_000_000,
  kept: 3_000_000,
  elapsedMs: 50_000,
  skipping: false,
  done: false,
  ...over,
});

Deno.test("progress figures: fraction by bytes, rows per second of this run, ETA", () => {
  const f = progressFigures(event());
  assert.equal(f.fraction, 0.25);
  assert.equal(f.rowsPerSecond, 200_000, "lines read in this run, not the skipped ones");
  assert.equal(f.etaSeconds, 150);
  assert.equal(progressFigures(event({ elapsedMs: 500 })).etaSeconds, null, "too early to tell");
  assert.equal(progressFigures(event({ done: true })).etaSeconds, 0);
  assert.equal(progressFigures(event({ size: 0, bytesRead: 0 })).fraction, 0);
});

Deno.test("a plain line for logs and a bar for terminals", () => {
  assert.equal(
    formatProgress(event()),
    "[3/5] title.principals.tsv.gz: 25% (250.0/1000.0 MB), 12,000,000 lines, 200,000 rows/s, ETA 2:30",
  );
  assert.equal(
    formatProgress(event(), 8),
    "[3/5] title.principals ██░░░░░░  25%  250.0/1000.0 MB  200,000 rows/s  ETA 2:30",
  );
  assert.match(
    formatProgress(event({ skipping: true, lines: 1_000_000 })),
    /skipping to line 2,000,000/,
  );
  assert.match(
    formatProgress(event({ done: true, bytesRead: 1_000_000_000 }), 4),
    /████ 100% .* done$/,
  );
});

const download = (over: Partial<DownloadProgressEvent> = {}): DownloadProgressEvent => ({
  phase: "download",
  file: "title.akas",
  index: 5,
  count: 5,
  bytes: 300_000_000,
  size: 400_000_000,
  resumedFrom: 100_000_000,
  elapsedMs: 20_000,
  done: false,
  ...over,
});

Deno.test("download figures: the rate counts only this run's bytes, the ETA the bytes left", () => {
  const f = downloadFigures(download());
  assert.equal(f.fraction, 0.75);
  assert.equal(f.bytesPerSecond, 10_000_000, "200 MB in 20 s; the 100 MB resumed from are not");
  assert.equal(f.etaSeconds, 10, "100 MB left at 10 MB/s");
  assert.equal(downloadFigures(download({ size: null })).fraction, null, "size unknown");
  assert.equal(downloadFigures(download({ size: null })).etaSeconds, null);
  assert.equal(downloadFigures(download({ elapsedMs: 500 })).etaSeconds, null, "too early");
});

Deno.test("a download's progress as a line for logs and a bar for terminals", () => {
  assert.equal(
    formatDownloadProgress(download()),
    "[5/5] downloading title.akas.tsv.gz: 75% (300.0/400.0 MB), 10.0 MB/s, ETA 0:10",
  );
  assert.equal(
    formatDownloadProgress(download(), 4),
    "[5/5] downloading title.akas       ███░  75%  300.0/400.0 MB  10.0 MB/s  ETA 0:10",
  );
  assert.equal(
    formatDownloadProgress(download({ phase: "verify", size: null, bytes: 5_000_000 })),
    "[5/5] checking title.akas.tsv.gz: ?% (5.0 MB), 0.0 MB/s, ETA …",
  );
});
