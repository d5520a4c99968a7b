// `npm run -s reco -- links|eval|search ...`: the offline recommendation commands on any graph or
// company list (see libs/recommender/README.md). The logic is runRecoCommand of @opn/recommender,
// which the recommendations service reuses.
import { runRecoCommand } from '@opn/recommender';
import { runOfflineCommand } from './offline-command';

runOfflineCommand('reco', runRecoCommand);
