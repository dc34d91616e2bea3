// forwards key presses to `onKey` while `active` (ink's useInput needs a raw-mode terminal on
// stdin, so it is off when stdin is not one). draws nothing.
import { useInput, type Key } from "ink";

export function KeyInput(props: { active: boolean; onKey: (input: string, key: Key) => void }) {
  useInput((input, key) => props.onKey(input, key), { isActive: props.active });
  return null;
}
