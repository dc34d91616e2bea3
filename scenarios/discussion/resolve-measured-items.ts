// the discussion's outcome items from item ids (--measure) and a stance question (--stance): ids of a shipped instrument (WVS
// first; unknown ids get close matches), closed items only, plus the custom STANCE item.
import { UsageError } from "../../core/errors.js";
import { STANCE_INSTRUMENT, stanceItem } from "./stance-item.js";
import type { MeasuredItem } from "./measure-tasks.js";
import { isClosedItem } from "../../surveys/item-codes.js";
import { findItemAnywhere, getItem, loadInstrument } from "../../surveys/load-instrument.js";

export function resolveMeasuredItems(ids: readonly string[], stance: string | undefined): MeasuredItem[] {
  const items: MeasuredItem[] = [];
  for (const id of ids) {
    const found = findItemAnywhere(id) ?? findItemAnywhere(id.toUpperCase());
    const item = found?.item ?? getItem(loadInstrument("wvs"), id);
    if (!isClosedItem(item)) throw new UsageError(`item '${item.id}' is an open question; --measure needs closed items`);
    if (!items.some((i) => i.item.id === item.id))
      items.push({ item, instrument: found?.instrument.id ?? "wvs", preamble: found?.instrument.preamble });
  }
  if (stance) items.push({ item: stanceItem(stance), instrument: STANCE_INSTRUMENT });
  return items;
}
