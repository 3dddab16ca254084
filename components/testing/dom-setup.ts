/**
 * Setup of the "dom" vitest project (components/**\/*.test.tsx in happy-dom). Testing Library
 * unmounts after each test by itself only when the runner exposes a global `afterEach`; vitest
 * runs without globals here, so the cleanup is registered explicitly.
 */
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
});
