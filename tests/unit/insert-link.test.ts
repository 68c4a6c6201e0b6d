// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { insertLink } from '../../lib/content/insert-link';

function composeBody(html = '<div>Hi Ada,</div><div><br></div>') {
  document.body.textContent = '';
  const body = document.createElement('div');
  body.setAttribute('contenteditable', 'true');
  body.setAttribute('role', 'textbox');
  // Test fixture only; the code under test never parses HTML.
  body.innerHTML = html;
  document.body.append(body);
  return body;
}

describe('inserting a link into a reply', () => {
  it('at the caret, as a link and the note, followed by an input event', () => {
    const body = composeBody();
    const text = body.firstChild!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, text.length);
    range.collapse(true);
    const onInput = vi.fn();
    body.addEventListener('input', onInput);
    insertLink(body, range, { title: 'Marathon training', url: 'https://news.example/a', note: 'for Berlin' });
    const link = body.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://news.example/a');
    expect(link.textContent).toBe('Marathon training');
    expect(body.firstChild!.textContent).toBe('Hi Ada,Marathon training — for Berlin ');
    expect(onInput).toHaveBeenCalledTimes(1);
  });

  it('at the top when there is no caret in the reply', () => {
    const body = composeBody();
    insertLink(body, null, { title: 'T', url: 'https://news.example/a', note: '' });
    expect(body.firstElementChild!.querySelector('a')?.textContent).toBe('T');
    expect(body.textContent).toBe('T Hi Ada,');
  });

  it('markup in the title or note stays text', () => {
    const body = composeBody();
    insertLink(body, null, { title: '<img src=x onerror=alert(1)>', url: 'https://news.example/a', note: '<b>bold</b>' });
    expect(body.querySelector('img, b')).toBeNull();
    expect(body.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
