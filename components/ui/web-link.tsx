import { isWebUrl } from '@/lib/format/web-url';
import { LINK } from '@/components/ui/styles';

/** A stored link: clickable when it is http(s), plain text otherwise (never a `javascript:` href). */
export function WebLink({ url }: Readonly<{ url: string }>) {
  if (!isWebUrl(url)) return <span className="break-all">{url}</span>;
  return <a href={url} className={LINK} rel="noreferrer noopener">{url}</a>;
}
