import { fold as foldText, MatchReason } from '@opn/recommender';

/**
 * Why a result is there, as data: the web app words each reason in the reader's language, and
 * `reasons` (English sentences, for API users) is written from the same list by `whyText`.
 */
export type Why =
  | { code: 'matches'; field: MatchReason['field']; companyWords: string; needWords: string; asker: 'need' | 'search'; same: boolean }
  | { code: 'common_partners'; count: number; names: string[] }
  | { code: 'common_contacts'; count: number }
  | { code: 'three_step_chains'; count: number }
  | { code: 'bridge' }
  | { code: 'other_sector'; naf: string }
  | { code: 'elsewhere'; city: string }
  | { code: 'in_territory' }
  | { code: 'in_departement' };

export const matchWhy = (r: MatchReason, asker: 'need' | 'search'): Why => ({
  code: 'matches',
  field: r.field,
  companyWords: r.companyWords,
  needWords: r.needWords,
  asker,
  same: foldText(r.needWords) === foldText(r.companyWords),
});

const FIELD_VERB: Record<MatchReason['field'], string> = {
  capabilities: 'can do',
  offers: 'offers',
  description: 'describes',
  name: 'is named',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One reason as an English sentence: "offers «usinage CNC», which your need asks for as «fraisage»". */
export function whyText(why: Why): string {
  switch (why.code) {
    case 'matches':
      return `${FIELD_VERB[why.field]} «${why.companyWords}», which ${why.asker === 'need' ? 'your need asks for' : 'you look for'}${why.same ? '' : ` as «${why.needWords}»`}`;
    case 'common_partners':
      return `${plural(why.count, 'partner')} in common${why.names.length ? ` (${why.names.join(', ')})` : ''}`;
    case 'common_contacts':
      return `${plural(why.count, 'contact')} in common`;
    case 'three_step_chains':
      return `${plural(why.count, 'chain')} of three ties between you`;
    case 'bridge':
      return 'in another circle of the network than yours: a bridge';
    case 'other_sector':
      return `another sector (NAF ${why.naf})`;
    case 'elsewhere':
      return `elsewhere (${why.city})`;
    case 'in_territory':
      return 'in your territory';
    case 'in_departement':
      return 'in your département';
    default: {
      const never: never = why;
      return never;
    }
  }
}

/** The two forms of the same reasons. */
export const explained = (why: Why[]) => ({ why, reasons: why.map(whyText) });
