import { describe, expect, it } from 'vitest';
import { stem, suggestClients, tokenize } from '../../lib/domain/relevance';

describe('tokenising', () => {
  it('drops English and German stop words, short words and bare numbers', () => {
    expect(tokenize('The and of a 2026 it Der die das und mit für Marathon')).toEqual(['marathon']);
  });

  it('stems simple endings so forms of a word meet', () => {
    expect(stem('training')).toBe(stem('trained'));
    expect(stem('runners')).toBe(stem('runner'));
    expect(stem('running')).toBe('run');
    expect(stem('marathons')).toBe('marathon');
    expect(stem('studies')).toBe('study');
    expect(stem('Hitzewelle'.toLowerCase())).toBe(stem('hitzewellen'));
    expect(tokenize('Trainings, training, trained!')).toEqual(['train', 'train', 'train']);
  });

  it('handles any script and apostrophes', () => {
    expect(tokenize("Müller's Kaffeehäuser in Zürich")).toEqual([stem('müller'), stem('kaffeehäuser'), 'zürich']);
  });
});

describe('suggesting clients for an article', () => {
  const clients = [
    { clientId: 'ada', texts: ['Analytical Engines', 'CTO', 'Training for the Berlin marathon in September', 'Two kids, loves sailing'] },
    { clientId: 'grace', texts: ['US Navy', 'Admiral', 'Collects antique clocks'] },
    { clientId: 'linus', texts: ['Kernel Works', 'Founder', 'Moving to Berlin next spring'] },
    { clientId: 'maria', texts: ['Fabrikam', 'CFO', 'Worried about interest rates on the new credit line'] },
  ];
  const marathon = 'How to train for your first marathon without getting hurt. The long run is the heart of marathon training.';

  it('puts the client whose details share the article’s words first', () => {
    const result = suggestClients(marathon, clients);
    expect(result[0]?.clientId).toBe('ada');
    expect(result[0]?.terms).toEqual(expect.arrayContaining(['marathon', 'train']));
    expect(result.map((s) => s.clientId)).not.toContain('grace');
  });

  it('weights rare words above common ones', () => {
    // "Berlin" is shared by two clients, "marathon" by one: the marathon runner wins.
    const result = suggestClients('Berlin marathon results', clients);
    expect(result.map((s) => s.clientId)).toEqual(['ada', 'linus']);
    expect(result[0]!.score).toBeGreaterThan(result[1]!.score);
  });

  it('finds a fit through different forms of a word', () => {
    expect(suggestClients('ECB holds interest rates; credit conditions for firms', clients)[0]?.clientId).toBe('maria');
  });

  it('suggests nobody when nothing is shared, or when there is nothing to compare', () => {
    expect(suggestClients('Sourdough starter from scratch', clients)).toEqual([]);
    expect(suggestClients('', clients)).toEqual([]);
    expect(suggestClients(marathon, [])).toEqual([]);
  });

  it('limits the list and orders ties stably', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ clientId: `c${String(i).padStart(2, '0')}`, texts: ['marathon'] }));
    const result = suggestClients(marathon, many, 3);
    expect(result.map((s) => s.clientId)).toEqual(['c00', 'c01', 'c02']);
  });
});
