import { disputeArticles } from './disputes.js';
import { insuranceArticles } from './insurance-injury.js';
import { labourContractArticles } from './labour-contract.js';
import { localPolicyArticles } from './local-policies.js';
import { scriptArticles } from './scripts-qa.js';
import type { SeedArticle } from './types.js';
import { unionArticles } from './union-women-newforms.js';
import { wageArticles } from './wages-hours.js';

/** The starter knowledge base: a national set, and an example of local policies (kind local_policy) of three provinces. */
export const starterArticles: SeedArticle[] = [
  ...labourContractArticles,
  ...wageArticles,
  ...insuranceArticles,
  ...disputeArticles,
  ...unionArticles,
  ...scriptArticles,
  ...localPolicyArticles,
];
export type { SeedArticle };
