// Text analysis for the partner search, French and English: accents folded, words stemmed with
// the Snowball stemmer of the text's language (told apart by their most frequent words), common
// words dropped, and trade concepts (thesaurus.ts) recognised as phrases in either language, so
// that "soudure", "souder", "welding" and "welded" all index the concept `welding`.
import { newStemmer, Stemmer } from 'snowball-stemmers';
import { THESAURUS } from './thesaurus';

export type Language = 'fr' | 'en';

const FR_STOP = `a au aux avec ce ces cet cette dans de des du elle en et est etre eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y ete etes sont sera nos tout tous toute toutes tres plus afin chez entre depuis sans sous vers ainsi aussi donc dont cela ceci celle celui ici la-bas notre besoin cherchons cherche recherche recherchons souhaitons souhaite partenaire partenaires entreprise entreprises societe prestataire fournisseur fournisseurs nous-memes capable capables pouvant peut devis demande urgent merci aider besoin souhaite souhaitee apprecie references offert`;
const EN_STOP = `a an and are as at be been but by can could do does for from had has have he her his i if in into is its me my no not of on or our ours she so than that the their them then there these they this those to too us was we were what when where which who will with would you your yours any all also able looking seek seeking need needs needed partner partners company companies supplier suppliers provider providers someone who's we're help quote quotes request rfq wanted urgent please reach touch appreciated welcome references reference free`;

const STOP = new Set([...FR_STOP.split(/\s+/), ...EN_STOP.split(/\s+/)]);
const FR_MARKERS = new Set(FR_STOP.split(/\s+/).filter((w) => w.length > 1 && !EN_STOP.split(/\s+/).includes(w)));
const EN_MARKERS = new Set(EN_STOP.split(/\s+/).filter((w) => w.length > 1 && !FR_STOP.split(/\s+/).includes(w)));

/** Lower case, accents and ligatures folded: "Chaîne du Froid" -> "chaine du froid". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** A word of a text: `surface` as written, `folded` its folded form. */
export interface Word {
  surface: string;
  folded: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ surface: m[0], folded: fold(m[0]) });
  return out;
}

/** The language of a text by its common words (accented letters count for French); French on a tie. */
export function languageOf(text: string): Language {
  let fr = 0;
  let en = 0;
  for (const w of words(text)) {
    if (FR_MARKERS.has(w.folded)) fr++;
    else if (EN_MARKERS.has(w.folded)) en++;
    if (w.folded !== w.surface.toLowerCase()) fr += 0.5;
  }
  return en > fr ? 'en' : 'fr';
}

const stemmers: Record<Language, Stemmer> = { fr: newStemmer('french'), en: newStemmer('english') };
const stemCache: Record<Language, Map<string, string>> = { fr: new Map(), en: new Map() };

/**
 * Words the stemmers bring together with a trade term they do not mean ("package" would become
 * "packaging", "tailored" "tailoring"): kept whole.
 */
const KEPT_WHOLE = new Set(['package', 'packages', 'tailored', 'tailor-made', 'erp']);

export function stem(folded: string, language: Language): string {
  const cache = stemCache[language];
  let s = cache.get(folded);
  if (s === undefined) {
    s = /^\d/.test(folded) || KEPT_WHOLE.has(folded) ? `${folded}` : stemmers[language].stem(folded);
    if (cache.size < 200_000) cache.set(folded, s);
  }
  return s;
}

const isKept = (w: Word): boolean => !STOP.has(w.folded) && (w.folded.length > 1 || /\d/.test(w.folded));

/** Concept phrases as stem sequences: a trie keyed by stems, for each stemming language. */
interface TrieNode {
  next: Map<string, TrieNode>;
  concept?: string;
}

function buildTrie(): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const concept of THESAURUS) {
    for (const form of concept.forms) {
      // Each form under the stems of both languages: a French text may use an English term.
      for (const language of ['fr', 'en'] as const) {
        const stems = words(form)
          .filter(isKept)
          .map((w) => stem(w.folded, language));
        if (stems.length === 0) continue;
        let node = root;
        for (const s of stems) {
          let child = node.next.get(s);
          if (!child) node.next.set(s, (child = { next: new Map() }));
          node = child;
        }
        node.concept ??= concept.id;
      }
    }
  }
  return root;
}

let trie: TrieNode | undefined;

/** One term of an analysed text, with the words it came from (for the explanations). */
export interface Term {
  /** `w:<stem>` for a word, `c:<concept id>` for a trade concept. */
  term: string;
  surface: string;
}

/**
 * The terms of a text: one per kept word (its stem in `language`), plus one per concept phrase
 * found (longest match first, at most 5 words).
 */
export function analyse(text: string, language: Language): Term[] {
  const kept = words(text).filter(isKept);
  const stems = kept.map((w) => stem(w.folded, language));
  // The other language's stems too, for English terms in a French text and the reverse.
  const other: Language = language === 'fr' ? 'en' : 'fr';
  const otherStems = kept.map((w) => stem(w.folded, other));
  const out: Term[] = [];
  for (let i = 0; i < kept.length; i++) out.push({ term: `w:${stems[i]}`, surface: kept[i].surface });
  trie ??= buildTrie();
  for (let i = 0; i < kept.length; ) {
    let best = 0;
    let concept: string | undefined;
    for (const seq of [stems, otherStems]) {
      let node: TrieNode | undefined = trie;
      for (let j = i; j < Math.min(kept.length, i + 5) && node; j++) {
        node = node.next.get(seq[j]);
        if (node?.concept && j - i + 1 > best) {
          best = j - i + 1;
          concept = node.concept;
        }
      }
    }
    if (concept) {
      out.push({ term: `c:${concept}`, surface: kept.slice(i, i + best).map((w) => w.surface).join(' ') });
      i += best;
    } else i++;
  }
  return out;
}
