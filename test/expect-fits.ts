// a dashboard frame fits its terminal: at most `height` lines, none wider than `width`.
import { expect } from "vitest";

export function expectFits(text: string, width: number, height: number): void {
  const lines = text.split("\n");
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
}
