import type { MessageKeys, NamespaceKeys, NestedKeyOf, NestedValueOf } from 'next-intl';
import th from '@/messages/th.json';
import type { Messages } from './messages';

/** A part of the catalogue that holds messages ('errors', 'staff.admin.errors'), as getTranslations takes it. */
export type MessageNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/** The keys of the messages under a namespace, as next-intl's typed `t` takes them. */
export type MessageKey<N extends MessageNamespace> = MessageKeys<NestedValueOf<Messages, N>, NestedKeyOf<NestedValueOf<Messages, N>>>;

/** The full path of any message ('staff.admin.errors.generic'), as a `t` without a namespace takes it. */
export type MessagePath = MessageKeys<Messages, NestedKeyOf<Messages>>;

/** Whether `path` names one message of the catalogue (not a namespace, not an object property). */
export function isMessagePath(path: string): path is MessagePath {
  let node: unknown = th;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/**
 * Whether `key` names a message under `namespace`. Codes come from outside the types (an SQL error, a URL, a zod
 * issue, a status column), so they are read against the Thai catalogue, which has every key (every other locale falls
 * back to it: i18n/messages.ts), and a code that is not a message never reaches `t` as if it were one.
 */
export function isMessageKey<N extends MessageNamespace>(namespace: N, key: string): key is MessageKey<N> & string {
  return isMessagePath(`${namespace}.${key}`);
}

/** `key` where it names a message under `namespace`, otherwise `fallback` (an unknown error code reads as 'generic'). */
export function messageKey<N extends MessageNamespace>(namespace: N, key: string, fallback: MessageKey<N>): MessageKey<N> {
  return isMessageKey(namespace, key) ? key : fallback;
}
