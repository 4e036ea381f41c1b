import { clientAddress } from '../lib/http/client-address';
import { parseTrustedProxies } from '../lib/http/trusted-proxies';
const trust = parseTrustedProxies('127.0.0.1') as any;
for (const socket of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
  const h = new Headers({ 'x-siang-socket-address': socket, 'x-forwarded-for': '198.18.1.2' });
  console.log(socket, '→', clientAddress(h, { TRUSTED_PROXIES: trust, SIANG_SERVER: 'x', SIANG_IPV6_PREFIX_LENGTH: 64 } as any));
}
