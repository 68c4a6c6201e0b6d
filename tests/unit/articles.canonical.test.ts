import { describe, expect, it } from 'vitest';
import { canonicalUrlOf, cleanUrl, isTrackingParam, parseWebUrl } from '../../lib/articles/canonical';

describe('canonical article URLs', () => {
  it('removes tracking parameters and the fragment, keeps the rest in order', () => {
    expect(cleanUrl('https://Example.COM/a/b?id=7&utm_source=nl&utm_medium=email&fbclid=x&gclid=y&mc_cid=1&mc_eid=2&page=2#comments'))
      .toBe('https://example.com/a/b?id=7&page=2');
    expect(cleanUrl('https://example.com/a?utm_campaign=x')).toBe('https://example.com/a');
    expect(cleanUrl('https://example.com/a?UTM_Source=x&q=1')).toBe('https://example.com/a?q=1');
  });

  it('prefers rel=canonical, then og:url, resolving relative ones against the page', () => {
    expect(canonicalUrlOf('https://m.example.com/story?utm_source=x', ['/story-1', 'https://example.com/og'])).toBe('https://m.example.com/story-1');
    expect(canonicalUrlOf('https://example.com/a?fbclid=1', ['javascript:alert(1)', 'https://example.com/b?utm_term=t'])).toBe('https://example.com/b');
    expect(canonicalUrlOf('https://example.com/a?fbclid=1#x', [])).toBe('https://example.com/a');
  });

  it('accepts web addresses only', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'chrome://version', 'file:///etc/passwd', 'not a url', '']) {
      expect(cleanUrl(bad)).toBeNull();
      expect(parseWebUrl(bad)).toBeNull();
    }
    expect(canonicalUrlOf('chrome://newtab', [])).toBeNull();
  });

  it('drops credentials in the URL', () => {
    expect(cleanUrl('https://user:secret@example.com/p')).toBe('https://example.com/p');
  });

  it('knows the common trackers, not ordinary parameters', () => {
    for (const name of ['utm_source', 'utm_content', 'fbclid', 'gclid', 'mc_cid', 'msclkid', '_hsenc', 'igshid']) expect(isTrackingParam(name)).toBe(true);
    for (const name of ['id', 'page', 'q', 'lang', 'article']) expect(isTrackingParam(name)).toBe(false);
  });
});
