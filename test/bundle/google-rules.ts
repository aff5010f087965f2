// A service method replaced for one test body: a failure Google may give at a precise step (until the emulator's fault injection covers it).

/** Replaces a prototype method for the duration of `body` (Google's stricter or failing behaviour). */
export function patched<T extends object, K extends keyof T>(
  proto: T,
  key: K,
  impl: (original: T[K]) => T[K],
  body: () => void,
): void {
  const original = proto[key];
  proto[key] = impl(original);
  try {
    body();
  } finally {
    proto[key] = original;
  }
}
