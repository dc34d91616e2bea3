import { defineConfig } from "vitest/config";

// two projects: "unit" (hermetic: offline, scripted and fake-server tests) and "llama" (contract
// tests against the real llama.cpp server in ../shared/tools/llama-server; they skip cleanly
// when it is missing or its binary does not run here). `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: ["node_modules/**", "dist/**", "test/llama/**"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "llama",
          include: ["test/llama/**/*.test.ts"],
          exclude: ["node_modules/**", "dist/**"],
          // generous: on a quiet 2-core machine the file takes ~4 min; shared machines are slower
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
