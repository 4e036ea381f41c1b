import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

const navigation = createNavigation(routing);

export const { Link, usePathname, useRouter, getPathname } = navigation;
/** Typed explicitly: TypeScript narrows after a call that returns `never` only through a declared type, so
 * `if (!session) redirect(…)` leaves `session` non-null below it. */
export const redirect: typeof navigation.redirect = navigation.redirect;
