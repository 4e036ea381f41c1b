import { createElement, type ComponentProps } from 'react';
import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

const navigation = createNavigation(routing);

export const { usePathname, useRouter, getPathname } = navigation;
/** Typed explicitly: TypeScript narrows after a call that returns `never` only through a declared type, so
 * `if (!session) redirect(…)` leaves `session` non-null below it. */
export const redirect: typeof navigation.redirect = navigation.redirect;

/**
 * next-intl's Link, without prefetching unless a link asks for it. Staff pages are where Link is used, and each
 * prefetch is a request through proxy.ts, which in Supabase mode renews a due session with its single-use refresh
 * token. The staff menu's prefetches, sent together right after signing in, raced for that token: one renewal
 * succeeded and three were refused as already used (e2e/supabase-mode.spec.ts, CI of 2026-12-06), and a refused
 * renewal clears the session cookie it answers with. A click is one request, as with plain links, and still
 * navigates without reloading the page.
 */
export function Link(props: ComponentProps<typeof navigation.Link>) {
  return createElement(navigation.Link, { prefetch: false, ...props });
}
