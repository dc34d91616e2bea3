// a short, stable hash of a text (16 hex digits), e.g. to identify the target's system prompt.
import { hashString128 } from "../../core/rng.js";

export function textHash(text: string): string {
  return hashString128(text)
    .slice(0, 2)
    .map((n) => (n >>> 0).toString(16).padStart(8, "0"))
    .join("");
}
