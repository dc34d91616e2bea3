// logprobs in the OpenAI chat-completions format, as ChatOpenAI (logprobs: true) and the offline
// model put them in `AIMessage.response_metadata.logprobs = { content: TokenLogprob[] }`.

export interface TopLogprob {
  token: string;
  logprob: number;
}

export interface TokenLogprob extends TopLogprob {
  /** the most likely alternatives for this position, most likely first (may include `token`) */
  top_logprobs: TopLogprob[];
}

/** the per-token logprobs of a message, when the model returned them */
export function logprobsOf(message: { response_metadata?: Record<string, unknown> }): TokenLogprob[] | undefined {
  const lp = message.response_metadata?.logprobs as { content?: unknown } | undefined;
  return Array.isArray(lp?.content) ? (lp.content as TokenLogprob[]) : undefined;
}
