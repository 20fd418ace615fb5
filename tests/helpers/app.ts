/** The app as tests drive it: built assets, no request log. */
import { createApp, loadAssets } from "../../main.ts";

export async function testApp() {
  return createApp({ assets: await loadAssets(), log: false });
}
