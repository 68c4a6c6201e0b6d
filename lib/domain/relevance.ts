/**
 * Which clients an article is for: words the article shares with a client's
 * details, notes, company and role, each shared word weighted by how rare it is
 * among all clients (a word every client has says nothing). Pure: plain data in,
 * a ranking out.
 */

const STOP_WORDS = new Set(
  (
    // English
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further get got had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most my myself ' +
    'new no nor not now of off on once one only or other our ours out over own same she should so some such than ' +
    'that the their theirs them then there these they this those through to too under until up us very was we were ' +
    'what when where which while who whom why will with would you your yours yourself also may might must per via ' +
    'like new said says say year years time way make made many much well even still back two first last next ' +
    // German
    'aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei ' +
    'bin bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen deiner dem den denn der des dessen ' +
    'die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einig einige ' +
    'er es etwas euer eure für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ' +
    'ihre ihrem ihren ihrer im in indem ins ist jede jedem jeden jeder jedes jene jetzt kann kein keine keinem ' +
    'keinen keiner können könnte machen man manche mein meine mit muss musste nach nicht nichts noch nun nur ob ' +
    'oder ohne sehr sein seine seinem seinen seiner sich sie sind so solche soll sollte sondern sonst über um und ' +
    'uns unser unter viel vom von vor während war waren warst was weg weil weiter welche wenn werde werden wie ' +
    'wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen'
  ).split(' '),
);

/** Strips common English and German endings: "training"/"trainings"/"trained" → "train". */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 4) return w;
  const rules: Array<[RegExp, string]> = [
    [/(ies)$/, 'y'],
    [/(ational)$/, 'ate'],
    [/(ization|isation)$/, 'ize'],
    [/(fulness|ousness|iveness)$/, ''],
    [/(ments?|ness|ings?|ers?|edly|ed|ly|ungen|ung|heiten|heit|keiten|keit|lich|isch|en|es|er|s|e)$/, ''],
  ];
  for (const [pattern, replacement] of rules) {
    const next = w.replace(pattern, replacement);
    if (next !== w && next.length >= 3) {
      w = next;
      break;
    }
  }
  // "running" → "runn" → "run"
  if (/([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Lower-cased, stop words dropped, stemmed terms (letters and digits, any script). */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  const terms: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/['’].*$/, '');
    if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

export interface ClientText {
  clientId: string;
  /** Company, role, tags, details and notes, in one string or several. */
  texts: string[];
}

export interface Suggestion {
  clientId: string;
  score: number;
  /** The shared terms, most telling first (stems, for "why" hints). */
  terms: string[];
}

/**
 * Clients ranked by what they share with `articleText`, best first; clients
 * sharing nothing are left out. The weight of a term is its inverse document
 * frequency over the clients (log((N + 1) / (df + 0.5))); a term counts once per
 * client, and at most `log2(1 + occurrences)` from the article, so a word repeated
 * in the article adds a little, not a lot.
 */
export function suggestClients(articleText: string, clients: readonly ClientText[], limit = 5): Suggestion[] {
  const articleCounts = new Map<string, number>();
  for (const term of tokenize(articleText)) articleCounts.set(term, (articleCounts.get(term) ?? 0) + 1);
  if (articleCounts.size === 0 || clients.length === 0) return [];

  const clientTerms = clients.map((client) => ({ clientId: client.clientId, terms: new Set(tokenize(client.texts.join(' '))) }));
  const documentFrequency = new Map<string, number>();
  for (const { terms } of clientTerms) for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);

  const n = clientTerms.length;
  const suggestions: Suggestion[] = [];
  for (const { clientId, terms } of clientTerms) {
    const shared: Array<{ term: string; weight: number }> = [];
    for (const term of terms) {
      const count = articleCounts.get(term);
      if (!count) continue;
      const idf = Math.log((n + 1) / ((documentFrequency.get(term) ?? 0) + 0.5));
      shared.push({ term, weight: Math.max(idf, 0.05) * Math.log2(1 + count) });
    }
    if (shared.length === 0) continue;
    shared.sort((a, b) => b.weight - a.weight);
    suggestions.push({ clientId, score: shared.reduce((sum, s) => sum + s.weight, 0), terms: shared.map((s) => s.term) });
  }
  suggestions.sort((a, b) => b.score - a.score || a.clientId.localeCompare(b.clientId));
  return suggestions.slice(0, limit);
}
