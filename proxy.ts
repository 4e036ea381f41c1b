import createMiddleware from 'next-intl/middleware';
import { routing } from './i18n/routing';

/** Locale routing: /s/<point> (the QR target) goes to the reader's language, /th/… /en/… /my/… are kept. */
export default createMiddleware(routing);

export const config = {
  // Everything but API routes, Next internals and files with an extension.
  matcher: '/((?!api|_next|_vercel|.*\\..*).*)',
};
