// a bare model as a conversation participant (no persona): its own system prompt, then what it
// hears (e.g. the assistant under test in the stress test: the transcript as user/assistant messages).
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { ModelClient } from "../../core/model/model-client.js";
import type { Participant } from "./turn-policy.js";
import { callInfoOf } from "../call-info-of.js";

export function modelParticipant(client: ModelClient, options: { system: string; promptVersion: string }): Participant {
  return async (heard, call) => {
    const res = await client.text({
      key: call.key,
      messages: [new SystemMessage(options.system), ...heard.memory, new HumanMessage(heard.text)],
      promptVersion: options.promptVersion,
      ...(call.signal ? { signal: call.signal } : {}),
    });
    return {
      text: res.text,
      call: callInfoOf(res, client.spec, options.promptVersion),
    };
  };
}
