import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const EXTENSION_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Its own build tag, so the E2E never overwrites the chrome-mv3-prod build a person loaded. */
const TAG = "e2e";

/**
 * Builds the extension for `target` (Chrome unless told) pointed at `apiUrl` into
 * build/<target>-e2e (about 10 s) and returns that folder, after checking the manifest grants
 * the API's origin.
 */
export async function buildExtension(
  apiUrl: string,
  target: "chrome-mv3" | "firefox-mv3" = "chrome-mv3",
): Promise<string> {
  const output = await run(
    process.execPath,
    ["scripts/plasmo.mjs", "build", `--target=${target}`, `--tag=${TAG}`],
    { ...process.env, NODE_ENV: "production", PLASMO_PUBLIC_API_URL: apiUrl },
  );
  const dir = join(EXTENSION_ROOT, "build", `${target}-${TAG}`);
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as {
    host_permissions?: string[];
  };
  if (!manifest.host_permissions?.includes(`${apiUrl}/*`)) {
    throw new Error(`the build does not point at ${apiUrl}:\n${output}`);
  }
  return dir;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: EXTENSION_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`the extension build failed (${code}):\n${output}`)),
    );
  });
}
