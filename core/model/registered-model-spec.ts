// the spec string a chat model was resolved from, so meters, records and error messages name it
// ("anthropic:claude-x@http://…") whatever the integration class. filled by resolveChatModel.
const specs = new WeakMap<object, string>();

export function registerModelSpec(model: object, spec: string): void {
  specs.set(model, spec);
}

/** the registered spec, or undefined for models not built by resolveChatModel */
export function registeredModelSpec(model: object): string | undefined {
  return specs.get(model);
}
