/**
 * Whether this process only serves one HTTP function, so index.ts can leave firebase-functions
 * (and the firebase-admin it loads) out of the instance.
 */

/** The HTTP functions an instance can serve without firebase-functions. */
const BARE = ["webhook", "admin"] as const;

/**
 * Which HTTP function this process serves, when it only serves: Cloud Run sets FUNCTION_TARGET
 * to the function an instance runs (google-auth-library reads it the same way to detect Cloud
 * Functions). Null when the Firebase CLI reads the deployment (FUNCTIONS_CONTROL_API or
 * FUNCTIONS_MANIFEST_OUTPUT_PATH), under the Firebase emulator, in tests, and for the scheduled
 * jobs: then every export is declared with firebase-functions.
 */
export function bareTarget(env: NodeJS.ProcessEnv): (typeof BARE)[number] | null {
  if (
    env.FUNCTIONS_CONTROL_API === "true" ||
    env.FUNCTIONS_MANIFEST_OUTPUT_PATH ||
    env.FUNCTIONS_EMULATOR === "true"
  )
    return null;
  return BARE.find((name) => name === env.FUNCTION_TARGET) ?? null;
}
