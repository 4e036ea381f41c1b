import { qrSvg, surveyUrl } from '@/lib/qr/public-url';

/**
 * One printable poster: the municipality, the counter, "scan to rate our service" in Thai with English and Burmese
 * beneath, the QR code drawn as SVG (sharp at any print size), and the address printed for those who type it.
 */
export async function QrPoster({
  organisation,
  point,
  base,
  size,
  warning,
}: {
  organisation: string;
  point: { slug: string; name: { th: string; en?: string } };
  base: string;
  size: 'a4' | 'a5';
  warning?: string;
}) {
  const url = surveyUrl(base, point.slug);
  const svg = await qrSvg(url);
  return (
    <article className={`poster poster-${size}`} aria-label={point.name.th}>
      <p className="poster-org">{organisation}</p>
      <h2 className="poster-point">{point.name.th}</h2>
      {point.name.en && (
        <p className="poster-point-en" lang="en">
          {point.name.en}
        </p>
      )}
      <p className="poster-call">สแกนเพื่อประเมินความพึงพอใจ</p>
      <p className="poster-call-other" lang="en">
        Scan to rate our service
      </p>
      <p className="poster-call-other" lang="my">
        ကျွန်ုပ်တို့၏ ဝန်ဆောင်မှုကို အကဲဖြတ်ရန် စကင်ဖတ်ပါ
      </p>
      {/* The SVG comes from the qrcode library, built from our own URL: no user text reaches it. */}
      <div className="poster-qr" data-url={url} dangerouslySetInnerHTML={{ __html: svg }} />
      <p className="poster-url">{url.replace(/^https?:\/\//, '')}</p>
      <p className="poster-note">ไม่ต้องลงชื่อ ใช้เวลาไม่ถึงนาที · No name needed · အမည် မလိုပါ</p>
      {warning && <p className="poster-warning">{warning}</p>}
    </article>
  );
}
