// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Client } from '../../lib/model';
import { ClientPhones } from '../../components/dashboard/ClientPhones';
import { Phones } from '../../components/Phones';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', async (original) => ({ ...(await original<typeof import('../../lib/messaging/send')>()), send }));

const ada = (phones: string[] | undefined) =>
  ({ ...Client.parse({ id: 'ada', name: 'Ada Lovelace', emails: ['ada@analytical.example'], nameKeys: [], createdAt: 1, updatedAt: 1 }), phones }) as Client;

beforeEach(() => {
  send.mockReset();
  send.mockResolvedValue({});
  vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('phones on the client page', () => {
  it('links each phone with tel:, national for the user’s country, and removes one', async () => {
    render(<ClientPhones client={ada(['+442079460958', '+12025550123'])} />);
    const section = screen.getByRole('region', { name: 'Phone numbers' });
    expect(within(section).getByRole('link', { name: '020 7946 0958' }).getAttribute('href')).toBe('tel:+442079460958');
    expect(within(section).getByRole('link', { name: '+1 202 555 0123' }).getAttribute('href')).toBe('tel:+12025550123');
    fireEvent.click(within(section).getByRole('button', { name: 'Remove 020 7946 0958' }));
    expect(send).toHaveBeenCalledWith('updateClient', { clientId: 'ada', phones: ['+12025550123'] });
  });

  it('adds a phone as typed (the background normalises it), refusing one it already has', async () => {
    render(<ClientPhones client={ada(['+442079460958'])} />);
    const section = screen.getByRole('region', { name: 'Phone numbers' });
    const input = within(section).getByRole('textbox', { name: 'Phone number' });
    fireEvent.change(input, { target: { value: '+44 20 7946 0958' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Add phone' }));
    expect(within(section).getByRole('alert').textContent).toBe('Ada Lovelace already has this number.');
    expect(send).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: ' 07911 123456 ' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Add phone' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('updateClient', { clientId: 'ada', phones: ['+442079460958', '07911 123456'] }));
  });

  it('a client stored before phones existed shows none, without failing', () => {
    render(<ClientPhones client={ada(undefined)} />);
    expect(screen.getByText('No phone number yet.')).toBeTruthy();
    const { container } = render(<Phones phones={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
