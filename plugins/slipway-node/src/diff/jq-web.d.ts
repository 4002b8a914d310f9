declare module 'jq-web' {
  interface JqWeb {
    json(input: unknown, filter: string): unknown;
    raw(input: string, filter: string, flags?: string[]): string;
  }
  const jq: Promise<JqWeb>;
  export = jq;
}
