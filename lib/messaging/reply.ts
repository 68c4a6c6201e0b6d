/**
 * A message's reply type, declared in the protocol map beside its input schema.
 * It is a type only: `replyType<T>()` makes an empty object, so declaring replies
 * costs no zod schema and nothing in the content scripts (send.ts reads the map by
 * type alone). The background's handlers are typed against it (Handlers in
 * lib/background/context.ts), so a reply's shape is written once, here.
 */
declare const REPLY: unique symbol;

export interface ReplyType<T> {
  readonly [REPLY]?: T;
}

export function replyType<T>(): ReplyType<T> {
  return {};
}

/** The reply type a protocol entry declares. */
export type ReplyOf<Entry> = Entry extends { reply: ReplyType<infer T> } ? T : never;

/** What a write answers when there is nothing to say. */
export type Done = Record<string, never>;

/**
 * The reply of a one-click write: the token "Undo" sends back (`undo`), or null
 * when the write changed nothing (lib/background/undo.ts).
 */
export interface Undoable {
  undo: string | null;
}
