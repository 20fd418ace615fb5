/**
 * Chooses the tfjs backend in the worker: WebAssembly first (about 20 ms a frame on two
 * cores), then WebGL, then plain JavaScript. Only the chosen backend's code is loaded.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendName } from "./types.ts";

async function register(name: BackendName, wasmUrl: string): Promise<void> {
  if (tf.findBackendFactory(name)) return;
  if (name === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // Without the paths, setBackend("wasm") looks beside the bundle and quietly returns false.
    wasm.setWasmPaths(wasmUrl);
  } else if (name === "webgl") {
    await import("@tensorflow/tfjs-backend-webgl");
  } else {
    await import("@tensorflow/tfjs-backend-cpu");
  }
}

/** Sets the first backend of `order` that initialises; throws when none does. */
export async function selectBackend(
  order: readonly BackendName[],
  wasmUrl: string,
): Promise<BackendName> {
  const failures: string[] = [];
  for (const name of order) {
    try {
      await register(name, wasmUrl);
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
      failures.push(`${name}: did not initialise`);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : error}`);
    }
  }
  throw new Error(`no tfjs backend could start (${failures.join("; ")})`);
}
