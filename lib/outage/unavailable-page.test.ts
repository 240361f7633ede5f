import { describe, expect, test } from 'vitest';
import { unavailablePageHtml, unavailableUrl } from './unavailable-page';

describe('the outage page', () => {
  test.each([
    { from: '/changes/1?tab=approvals', url: '/unavailable?from=%2Fchanges%2F1%3Ftab%3Dapprovals' },
    { from: '//evil.example', url: '/unavailable' },
    { from: null, url: '/unavailable' },
  ])('is reached from $from at $url', ({ from, url }) => {
    expect(unavailableUrl(from)).toBe(url);
  });

  test('retries and links back to the page asked for', () => {
    const html = unavailablePageHtml('/flags?team=search&page=2');
    expect(html).toContain('<meta http-equiv="refresh" content="15;url=/flags?team=search&amp;page=2">');
    expect(html).toContain('<a href="/flags?team=search&amp;page=2">Try again now</a>');
    expect(html).toContain('Changeboard cannot reach its database');
  });

  test('a path that would leave the site or break out of its attribute is not echoed', () => {
    expect(unavailablePageHtml('https://evil.example/')).toContain('<a href="/changes">');
    const html = unavailablePageHtml('/changes?q="><script>alert(1)</script>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/changes?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});
