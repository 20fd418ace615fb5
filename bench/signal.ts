/**
 * `deno task bench signal [--json]`: the measurements behind the signal's constants
 * (docs/emotion.md, docs/rating.md), through the app's own pipeline in headless Chromium:
 * - calibration: accuracy on frames labelled by eye, per correction power, per classifier, on
 *   the clips of tests/fixtures/face_videos.ts (two people), each calibrated on its own rest;
 * - the pose of heads facing the camera (the clips) against heads turned aside (the photos);
 * - tight crops: faces filling 90–100 % of the frame, found with and without the retry;
 * - dark and small faces: detection, label agreement, and what the quality measures read;
 * - the detector's jitter on a face at rest in real webcam video, as movement per second.
 */
import type { Page } from "playwright-core";
import { type BenchResult, quantile, round } from "./_harness.ts";
import { launchBrowser } from "@/tests/helpers/browser.ts";
import { serveFiles, TRACKER_PAGE, trackerTestApp } from "@/tests/helpers/emotion.ts";
import { serve } from "@/tests/helpers/server.ts";
import { facePhotos, PHOTO_FACES, type PhotoFace } from "@/tests/fixtures/faces.ts";
import {
  clipFrames,
  labelAt,
  LABELLED_CLIPS,
  type LabelledClip,
  within,
} from "@/tests/fixtures/face_videos.ts";
import { baselineOf, calibrateProbs, CALIBRATION_POWER } from "@/lib/emotion/calibration.ts";
import { topExpression } from "@/lib/emotion/labels.ts";
import { movementBetween } from "@/lib/emotion/movement.ts";
import { QUALITY_THRESHOLDS } from "@/lib/emotion/quality.ts";
import type { ClassifierName, Detection, HeadPose } from "@/lib/emotion/types.ts";

const POWERS = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5];
const CLASSIFIERS: ClassifierName[] = ["face-api", "fer"];
/**
 * Fills (face box side ÷ frame side) of the tight square crops, beyond 1 the box is cut by the
 * frame, and their offsets (share of the frame).
 */
const FILLS = [0.9, 0.95, 1, 1.1, 1.25];
const OFFSETS = [[0, 0], [-0.05, 0], [0.05, 0], [0, -0.05], [0, 0.05]];
const BRIGHTNESS = [1, 0.6, 0.4, 0.3, 0.22, 0.16, 0.12, 0.08, 0.05];
const SIZES = [200, 140, 100, 80, 64, 52, 44, 36, 28, 22];

/** What the page returns per polled image. */
interface Polled {
  box: (Detection & { keypoints?: { x: number; y: number }[] }) | null;
  raw: number[] | null;
  pose: HeadPose | null;
  label: string | null;
  quality: { faceSize: number; score: number; brightness: number; contrast: number };
  retried: boolean;
}

/**
 * A frame made from a photo: the photo's `source` square (in photo pixels) drawn at `target`
 * (frame pixels) on a `width`×`height` gray frame, through a CSS `filter`.
 */
interface Shot {
  photo: string;
  width: number;
  height: number;
  source: { x: number; y: number; side: number };
  target: { x: number; y: number; side: number };
  filter?: string;
}

/**
 * Polls each image in order with one fresh tracker: an image file's URL, or a shot drawn on its
 * own canvas.
 */
function pollImages(
  page: Page,
  images: (string | Shot)[],
  options: { classifier?: ClassifierName; retry?: boolean } = {},
): Promise<Polled[]> {
  return page.evaluate(async ({ images, options }) => {
    // deno-lint-ignore no-explicit-any
    const { EmotionTracker } = window as any;
    const tracker = new EmotionTracker(options);
    const photos = new Map<string, ImageBitmap>();
    const out = [];
    for (const image of images) {
      let source: Blob | OffscreenCanvas;
      if (typeof image === "string") {
        source = await (await fetch(image)).blob();
      } else {
        source = new OffscreenCanvas(image.width, image.height);
        const ctx = source.getContext("2d")!;
        let photo = photos.get(image.photo);
        if (!photo) {
          photo = await createImageBitmap(await (await fetch(image.photo)).blob());
          photos.set(image.photo, photo);
        }
        ctx.fillStyle = "#777";
        ctx.fillRect(0, 0, image.width, image.height);
        ctx.filter = image.filter ?? "none";
        const { source: s, target: t } = image;
        ctx.drawImage(photo, s.x, s.y, s.side, s.side, t.x, t.y, t.side, t.side);
      }
      const r = await tracker.poll(source);
      out.push({
        box: r.box,
        raw: r.raw,
        pose: r.pose,
        label: r.label,
        quality: r.quality,
        retried: r.retried,
      });
    }
    tracker.stop();
    return out;
  }, { images, options });
}

/**
 * One face alone (the square twice its box, so no neighbour shows) on a gray 640×480 frame,
 * its box `side` pixels wide.
 */
function faceShot(face: PhotoFace, url: string, side: number, filter?: string): Shot {
  const c = { x: face.x + face.side / 2, y: face.y + face.side / 2 };
  const source = { x: c.x - face.side, y: c.y - face.side, side: 2 * face.side };
  const target = { x: 320 - side, y: 240 - side, side: 2 * side };
  return { photo: url, width: 640, height: 480, source, target, filter };
}

/**
 * A tight crop: a square frame (480 px) around a face whose box fills `fill` of its side, moved
 * by `offset` (a share of the side).
 */
function tightShot(face: PhotoFace, url: string, fill: number, offset: number[]): Shot {
  const frame = face.side / fill; // photo pixels
  const source = {
    x: face.x + face.side / 2 - frame / 2 - offset[0] * frame,
    y: face.y + face.side / 2 - frame / 2 - offset[1] * frame,
    side: frame,
  };
  return { photo: url, width: 480, height: 480, source, target: { x: 0, y: 0, side: 480 } };
}

const percentiles = (xs: number[]) => ({
  min: round(Math.min(...xs), 3),
  p1: round(quantile(xs, 0.01), 3),
  p5: round(quantile(xs, 0.05), 3),
  p50: round(quantile(xs, 0.5), 3),
});

const share = (xs: boolean[]) => xs.length === 0 ? NaN : xs.filter(Boolean).length / xs.length;

export default async function signal(): Promise<BenchResult> {
  const photos = await facePhotos();
  const dirs = new Map<string, string>();
  const urlOf = (path: string) => {
    const dir = path.replace(/\/[^/]+$/, "");
    if (!dirs.has(dir)) dirs.set(dir, `/__signal__/${dirs.size}/`);
    return dirs.get(dir)! + path.split("/").pop();
  };
  const clipsAt5 = new Map<string, Awaited<ReturnType<typeof clipFrames>>>();
  for (const clip of LABELLED_CLIPS) {
    clipsAt5.set(clip.clip, await clipFrames(clip.clip, clip.person === "A" ? 5 : 2));
  }
  const stillFrames = new Map<string, Awaited<ReturnType<typeof clipFrames>>>();
  for (const clip of LABELLED_CLIPS) {
    for (const span of clip.still) {
      stillFrames.set(
        `${clip.clip} ${span[0]}–${span[1]} s`,
        await clipFrames(clip.clip, 25, span),
      );
    }
  }
  for (const frames of [...clipsAt5.values(), ...stillFrames.values()]) urlOf(frames[0].path);
  const photoUrl = Object.fromEntries(
    Object.entries(photos).map(([name, path]) => [name, urlOf(path)]),
  );
  const app = await trackerTestApp({
    extend(app) {
      for (const [dir, prefix] of dirs) serveFiles(app, prefix, dir);
    },
  });
  const server = serve(app);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url + TRACKER_PAGE);
    await page.waitForSelector("body[data-ready]", { state: "attached" });

    // 1. Calibration: raw probabilities of every frame, then each power offline.
    const calibrationRows = [];
    const poseRelative: { yaw: number[]; pitch: number[] } = { yaw: [], pitch: [] };
    const accuracy: Record<string, Record<string, number>> = {};
    const restShare: Record<string, Record<string, number>> = {};
    const clipScores: number[] = [];
    for (const classifier of CLASSIFIERS) {
      const polled = new Map<LabelledClip, { time: number; p: Polled }[]>();
      for (const clip of LABELLED_CLIPS) {
        const frames = clipsAt5.get(clip.clip)!;
        const results = await pollImages(page, frames.map((f) => urlOf(f.path)), {
          classifier: classifier,
        });
        polled.set(clip, frames.map((f, i) => ({ time: f.time, p: results[i] })));
      }
      for (const power of POWERS) {
        const hits: boolean[] = [];
        const rest: boolean[] = [];
        const expressive: boolean[] = [];
        const perClip: Record<string, number> = {};
        for (const [clip, frames] of polled) {
          const calib = frames.filter((f) => within([clip.calibration], f.time) && f.p.raw);
          const baseline = baselineOf(calib.map((f) => ({ raw: f.p.raw!, pose: f.p.pose! })));
          const clipHits: boolean[] = [];
          for (const f of frames) {
            const truth = labelAt(clip, f.time);
            if (!truth || !f.p.raw || within([clip.calibration], f.time)) continue;
            const label = topExpression(calibrateProbs(f.p.raw, baseline, power));
            clipHits.push(label === truth);
            if (truth === "neutral") rest.push(label === "neutral");
            else expressive.push(label === truth);
          }
          hits.push(...clipHits);
          perClip[clip.clip] = round(share(clipHits), 3);
          if (classifier === "face-api" && power === 0) {
            for (const f of frames) {
              if (!f.p.pose || !baseline || !labelAt(clip, f.time)) continue;
              poseRelative.yaw.push(Math.abs(f.p.pose.yaw - baseline.yaw));
              poseRelative.pitch.push(Math.abs(f.p.pose.pitch - baseline.pitch));
              clipScores.push(f.p.box!.score);
            }
          }
        }
        (accuracy[classifier] ??= {})[power] = round(share(hits), 3);
        (restShare[classifier] ??= {})[power] = round(share(rest), 3);
        calibrationRows.push({
          classifier,
          power,
          "accuracy (all labelled)": round(share(hits), 3),
          "neutral read neutral": round(share(rest), 3),
          "expressions read right": round(share(expressive), 3),
          ...Object.fromEntries(Object.entries(perClip).map(([k, v]) => [`acc ${k}`, v])),
          frames: hits.length,
        });
      }
    }

    // 2. Tight crops: faces filling 90–100 % of the frame, with and without the retry.
    const tight: Shot[] = [];
    for (const face of PHOTO_FACES) {
      for (const fill of FILLS) {
        for (const offset of OFFSETS) {
          tight.push(tightShot(face, photoUrl[face.photo], fill, offset));
        }
      }
    }
    const withRetry = await pollImages(page, tight);
    const withoutRetry = await pollImages(page, tight, { retry: false });
    const tightRows = FILLS.map((fill) => {
      const at = (xs: Polled[]) =>
        xs.filter((_, i) => FILLS[Math.floor(i / OFFSETS.length) % FILLS.length] === fill);
      return {
        fill,
        frames: at(withRetry).length,
        "found, no retry": round(share(at(withoutRetry).map((p) => p.box !== null)), 3),
        "found, with retry": round(share(at(withRetry).map((p) => p.box !== null)), 3),
        retried: round(share(at(withRetry).map((p) => p.retried)), 3),
      };
    });

    // 3. Dark faces: every photo face 200 px wide, darkened by scaling its pixel values.
    const reference = await pollImages(
      page,
      PHOTO_FACES.map((face) => faceShot(face, photoUrl[face.photo], 200)),
    );
    const darkRows = [];
    for (const factor of BRIGHTNESS) {
      const results = await pollImages(
        page,
        PHOTO_FACES.map((face) =>
          faceShot(face, photoUrl[face.photo], 200, `brightness(${factor})`)
        ),
      );
      const found = results.map((r) => r.box !== null);
      const agree = results.map((r, i) => r.label !== null && r.label === reference[i].label);
      const faces = results.filter((r) => r.box);
      darkRows.push({
        "pixel values ×": factor,
        found: round(share(found), 3),
        "same label": round(share(agree), 3),
        "crop brightness (median)": round(quantile(faces.map((r) => r.quality.brightness), 0.5)),
        "crop contrast (median)": round(quantile(faces.map((r) => r.quality.contrast), 0.5)),
        "frame brightness (median, no face)": round(
          quantile(results.filter((r) => !r.box).map((r) => r.quality.brightness), 0.5),
        ),
        "score (median)": round(quantile(faces.map((r) => r.box!.score), 0.5), 2),
      });
    }

    // 4. Small faces: the box `side` pixels wide in a 640×480 frame.
    const sizeRows = [];
    const bySize: { faceSize: number; agree: boolean; score: number }[] = [];
    for (const side of SIZES) {
      const results = await pollImages(
        page,
        PHOTO_FACES.map((face) => faceShot(face, photoUrl[face.photo], side)),
      );
      const faces = results.filter((r) => r.box);
      results.forEach((r, i) => {
        if (r.box) {
          bySize.push({
            faceSize: r.quality.faceSize,
            agree: r.label === reference[i].label,
            score: r.box.score,
          });
        }
      });
      sizeRows.push({
        "face px": side,
        found: round(share(results.map((r) => r.box !== null)), 3),
        "same label": round(share(results.map((r, i) => r.label === reference[i].label)), 3),
        "measured faceSize (median)": round(quantile(faces.map((r) => r.quality.faceSize), 0.5)),
        "score (median)": round(quantile(faces.map((r) => r.box!.score), 0.5), 2),
      });
    }

    const BINS = [0, 50, 60, 70, 80, 90, 110, 150, 1e9];
    const sizeBinRows = BINS.slice(0, -1).map((from, k) => {
      const inBin = bySize.filter((r) => r.faceSize >= from && r.faceSize < BINS[k + 1]);
      return {
        "measured faceSize": BINS[k + 1] > 1e8 ? `≥ ${from}` : `${from}–${BINS[k + 1]}`,
        faces: inBin.length,
        "same label": round(share(inBin.map((r) => r.agree)), 3),
        "score (median)": round(quantile(inBin.map((r) => r.score), 0.5), 2),
      };
    }).filter((row) => row.faces > 0);

    // 5. Jitter: movement of a face at rest, per second, at 25 and 12.5 frames a second.
    const jitterRows = [];
    const perSecond25: number[] = [];
    for (const [name, frames] of stillFrames) {
      const results = await pollImages(page, frames.map((f) => urlOf(f.path)), {
        classifier: "face-api",
      });
      for (const step of [1, 2]) {
        const sums: number[] = [];
        const perFrame: number[] = [];
        let previous: Detection | null = null;
        let sum = 0;
        let second = Math.floor(frames[0].time);
        for (let i = 0; i < results.length; i += step) {
          const s = Math.floor(frames[i].time);
          if (s !== second) {
            sums.push(sum);
            sum = 0;
            second = s;
          }
          const m = movementBetween(previous, results[i].box);
          perFrame.push(m);
          sum += m;
          previous = results[i].box;
        }
        if (step === 1) perSecond25.push(...sums);
        jitterRows.push({
          stretch: name,
          "frames/s": 25 / step,
          seconds: sums.length,
          "per frame median": round(quantile(perFrame, 0.5), 4),
          "per second median": round(quantile(sums, 0.5), 3),
          "per second p95": round(quantile(sums, 0.95), 3),
          "per second max": round(Math.max(...sums), 3),
        });
      }
    }

    // 6. Pose: heads facing the camera (the clips, against their calibration) and the photos.
    const poseRows = [
      {
        heads: "clips, labelled frames, |yaw − calibrated|",
        frames: poseRelative.yaw.length,
        p50: round(quantile(poseRelative.yaw, 0.5)),
        p95: round(quantile(poseRelative.yaw, 0.95)),
        p99: round(quantile(poseRelative.yaw, 0.99)),
        max: round(Math.max(...poseRelative.yaw)),
      },
      {
        heads: "clips, labelled frames, |pitch − calibrated|",
        frames: poseRelative.pitch.length,
        p50: round(quantile(poseRelative.pitch, 0.5)),
        p95: round(quantile(poseRelative.pitch, 0.95)),
        p99: round(quantile(poseRelative.pitch, 0.99)),
        max: round(Math.max(...poseRelative.pitch)),
      },
      {
        heads: "photos, |yaw| (22 people, uncalibrated)",
        frames: reference.length,
        p50: round(quantile(reference.map((r) => Math.abs(r.pose?.yaw ?? 0)), 0.5)),
        p95: round(quantile(reference.map((r) => Math.abs(r.pose?.yaw ?? 0)), 0.95)),
        p99: round(quantile(reference.map((r) => Math.abs(r.pose?.yaw ?? 0)), 0.99)),
        max: round(Math.max(...reference.map((r) => Math.abs(r.pose?.yaw ?? 0)))),
      },
    ];
    const photoScores = reference.map((r) => r.box?.score ?? 0);
    const scoreRows = [
      { faces: "clips, labelled frames", frames: clipScores.length, ...percentiles(clipScores) },
      { faces: "photos, 200 px", frames: photoScores.length, ...percentiles(photoScores) },
    ];
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);

    const upTo100 = (xs: Polled[]) =>
      xs.filter((_, i) => FILLS[Math.floor(i / OFFSETS.length) % FILLS.length] <= 1);
    const tightAll = share(upTo100(withRetry).map((p) => p.box !== null));
    const json = {
      calibrationAccuracy: accuracy,
      neutralReadNeutral: restShare,
      chosenPower: CALIBRATION_POWER,
      tightFoundNoRetry: round(share(upTo100(withoutRetry).map((p) => p.box !== null)), 4),
      tightFoundWithRetry: round(tightAll, 4),
      tightFrames: upTo100(withRetry).length,
      stillMovementPerSecondP95: round(quantile(perSecond25, 0.95), 3),
      stillMovementPerSecondMax: round(Math.max(...perSecond25), 3),
      yawP99: round(quantile(poseRelative.yaw, 0.99)),
      pitchP99: round(quantile(poseRelative.pitch, 0.99)),
      clipScoreMin: round(Math.min(...clipScores), 3),
      thresholds: QUALITY_THRESHOLDS,
    };
    return {
      tables: [
        {
          title: "Calibration: accuracy on frames labelled by eye, per power",
          rows: calibrationRows,
        },
        {
          title: "Tight crops: square frames a face's box fills 90–125 % of (22 faces × 5 offsets)",
          rows: tightRows,
        },
        { title: "Dark faces (22 faces, 200 px)", rows: darkRows },
        { title: "Small faces (22 faces)", rows: sizeRows },
        { title: "Small faces, by the faceSize the pipeline measured", rows: sizeBinRows },
        { title: "Detector score of real faces", rows: scoreRows },
        { title: "Jitter: a face at rest in real webcam video", rows: jitterRows },
        { title: "Head pose, degrees", rows: poseRows },
      ],
      json,
      notes: [
        "Labels by eye: tests/fixtures/face_videos.ts. Person A: cap12 and cap13; person B: franck.",
        "Darkening scales pixel values (no added sensor noise): a real dark webcam is noisier.",
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
